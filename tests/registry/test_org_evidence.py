"""Organisations, users, memberships and invitations are evidence too: each write is an entry of the
organisation's hash-chained log, the tables are checked against it and its head is signed in the
checkpoints (deployment key outside the database). Forgeries made with direct SQL are reported, by
`verify_organisations`, by `verify SLUG` for the parties and by the CLI (SQLite and PostgreSQL)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, text
from workspace_people import ANNA, MAIJA, SANDRA, ws  # noqa: F401

from pamats.registry import orglog
from pamats.registry.hashing import canonical, chain_hash
from pamats.registry.models_workspace import OrgAuditEntry


def _sql(reg, q, **params):
    with reg.engine.begin() as c:
        return c.execute(text(q), params)


def _problems(reg, **kw) -> str:
    r = reg.verify_organisations(**kw)
    assert r["ok"] is (not r["problems"])
    return "\n".join(r["problems"])


def test_clean_registry_verifies_and_the_checkpoint_signs_every_organisation(ws):
    reg = ws.reg
    ws.set_role(ANNA, "marta", MAIJA.account_id, "negotiator")
    ws.remove_member(ANNA, "marta", SANDRA.account_id)
    reg.add_user("cli-user", "Komandrindas lietotājs", "vp")
    r = reg.verify_organisations()
    assert r["ok"] and r["organisations"] == 3 and r["log_entries"] >= 14, r
    doc = reg.checkpoint()
    assert set(doc["body"]["orgs"]) == {"marta", "vrs", "vp"}
    assert doc["body"]["orgs"]["marta"][0] == len(ws.org_audit(ANNA, "marta"))
    assert reg.verify_organisations(checkpoint=doc)["ok"]


def test_edited_membership_row_is_reported(ws):
    reg = ws.reg
    _sql(reg, "UPDATE ws_memberships SET role = 'signatory' WHERE account_id = :a", a=MAIJA.account_id)
    assert "membership in 'marta' of account 12: role differ from the audit log" in _problems(reg)


def test_deleted_and_added_membership_rows_are_reported(ws):
    reg = ws.reg
    _sql(reg, "DELETE FROM ws_memberships WHERE account_id = :a", a=SANDRA.account_id)
    p = _problems(reg)
    assert "membership in 'marta' of account 13: in the audit log but missing from the table" in p
    _sql(
        reg,
        "UPDATE ws_memberships SET account_id = 77, email = 'mallory@example.org' WHERE account_id = :a",
        a=MAIJA.account_id,
    )
    assert "account 77: in the table but not in the audit log" in _problems(reg)


def test_reordered_log_entries_are_reported(ws):
    reg = ws.reg
    with reg.tx() as s:  # swap entries 2 and 3 of MARTA's log (seq is unique: via a free number)
        oid = s.scalar(text("SELECT id FROM organisations WHERE key = 'marta'"))
        for a, b in ((2, 1000), (3, 2), (1000, 3)):
            s.execute(
                text("UPDATE ws_org_audit SET seq = :b WHERE organisation_id = :o AND seq = :a"),
                {"a": a, "b": b, "o": oid},
            )
    assert "membership log of organisation 'marta': entry 2" in _problems(reg)


def test_swapped_organisation_name_is_reported_by_verify_of_the_agreement(ws, agreement_docx, make_instrument):
    from workspace_people import JURIS

    reg = ws.reg
    ws.create_agreement(
        ANNA,
        "marta-vrs",
        "Līgums",
        ["marta", "vrs"],
        answers={},
        instrument=make_instrument(("p1", "x")),
        docx=agreement_docx,
    )
    assert reg.verify("da-21", "marta-vrs")["ok"]
    _sql(reg, "UPDATE organisations SET name = 'Valsts policija' WHERE key = 'vrs'")
    r = reg.verify("da-11", "marta-vrs")
    assert not r["ok"] and r["organisations"] == ["marta", "vrs"]
    assert "organisation vrs: name differ from the audit log (changed behind the registry's back)" in r["problems"]
    assert JURIS.email  # (the party's users are still the same)


def test_user_moved_to_another_organisation_is_reported(ws):
    reg = ws.reg
    _sql(
        reg,
        "UPDATE users SET organisation_id = (SELECT id FROM organisations WHERE key = 'vrs') WHERE username = 'da-12'",
    )
    p = _problems(reg)
    assert "user of 'marta' da-12: in the audit log but missing from the table" in p
    assert "user of 'vrs' da-12: in the table but not in the audit log" in p


def test_organisation_and_user_added_by_sql_are_reported(reg):
    reg.add_organisation("marta", "MARTA")
    _sql(reg, "INSERT INTO organisations (key, name) VALUES ('fake', 'Fake')")
    _sql(
        reg,
        "INSERT INTO users (username, name, organisation_id) SELECT 'ghost', 'Ghost', id FROM organisations WHERE key = 'marta'",
    )
    p = _problems(reg)
    assert "organisation 'fake': its log has no creation entry" in p
    assert "user of 'marta' ghost: in the table but not in the audit log" in p


def test_recomputed_and_truncated_org_log_is_reported_against_the_checkpoint(ws):
    reg = ws.reg
    exported = reg.checkpoint()
    with reg.tx() as s:  # make Maija a signatory, rewrite her join entry and recompute every later hash
        s.execute(text("UPDATE ws_memberships SET role = 'signatory' WHERE account_id = 12"))
        oid = s.scalar(text("SELECT id FROM organisations WHERE key = 'marta'"))
        prev = None
        for e in s.scalars(
            select(OrgAuditEntry).where(OrgAuditEntry.organisation_id == oid).order_by(OrgAuditEntry.seq)
        ):
            if e.action == "join" and '"account":12' in e.payload:
                d = json.loads(e.payload)
                d["role"] = d["row"]["role"] = "signatory"
                e.payload = canonical(d)
            if prev is not None:
                e.prev_hash = prev
            e.hash = chain_hash(e.prev_hash, orglog.entry_body(e))
            prev = e.hash
    p = _problems(reg)
    assert "membership log of organisation 'marta' was rewritten or recomputed" in p and "of account 12" not in p
    _sql(reg, "DELETE FROM checkpoints")
    assert _problems(reg) == ""  # nothing left in the database to tell…
    assert "membership log of organisation 'marta' was rewritten or recomputed: entry" in _problems(
        reg, checkpoint=exported
    )  # …but the exported checkpoint file does
    _sql(
        reg,
        "DELETE FROM ws_org_audit WHERE seq > 3 AND organisation_id = (SELECT id FROM organisations WHERE key = 'vrs')",
    )
    assert "membership log of organisation 'vrs' was truncated" in _problems(reg, checkpoint=exported)


def test_cli_verify_orgs(ws, tmp_path, monkeypatch, checkpoint_key):
    from click.testing import CliRunner

    from pamats.cli.main import _register, cli

    reg = ws.reg
    monkeypatch.setenv("PAMATS_CHECKPOINT_KEY", str(checkpoint_key))
    _register()

    def run(*args):
        return CliRunner().invoke(cli, ["agreements", "--db", reg.url, "--server-admin-override", *args])

    r = run("checkpoint", "-o", str(tmp_path / "cp.json"))
    assert r.exit_code == 0, r.output
    r = run("verify-orgs", "--checkpoint", str(tmp_path / "cp.json"))
    assert r.exit_code == 0 and "organisations: ok (3 organisation(s)" in r.output, r.output
    _sql(reg, "UPDATE organisations SET name = 'Cits' WHERE key = 'marta'")
    r = run("verify-orgs", "--json")
    assert r.exit_code == 1 and "organisation marta: name differ" in "".join(json.loads(r.stdout)["problems"])


def test_migration_0005_writes_a_baseline_for_rows_made_before(db_url, tmp_path):
    from sqlalchemy import create_engine, inspect

    from pamats.registry import Registry
    from pamats.registry.migrate import upgrade

    eng = create_engine(db_url, isolation_level="AUTOCOMMIT")
    with eng.connect() as c:  # an empty database, migrated to 0003 only, with rows the log never saw
        if db_url.startswith("sqlite"):
            for t in inspect(c).get_table_names():
                c.execute(text(f'DROP TABLE "{t}"'))
        else:
            c.execute(text("DROP SCHEMA public CASCADE"))
            c.execute(text("CREATE SCHEMA public"))
    upgrade(eng, "0003")
    with eng.connect() as c:
        c.execute(text("INSERT INTO organisations (key, name) VALUES ('marta', 'MARTA'), ('vrs', 'VRS')"))
        c.execute(
            text(
                "INSERT INTO users (username, name, organisation_id) SELECT 'anna', 'Anna', id FROM organisations WHERE key = 'marta'"
            )
        )
    reg = Registry(db_url, files_dir=tmp_path / "files")  # upgrade head: 0005 writes the baselines
    assert reg.verify_organisations()["ok"]
    _sql(reg, "UPDATE users SET name = 'Mallory' WHERE username = 'anna'")
    assert "user of 'marta' anna: name differ from the audit log" in _problems(reg)
    reg.close()
    eng.dispose()


def test_an_organisation_administrator_ties_certificates_in_the_workspace(ws):
    from pki import ORG_IDS
    from workspace_people import JURIS

    from pamats.errors import AccessDenied

    ident = f"organizationIdentifier={ORG_IDS['marta']}"
    with pytest.raises(AccessDenied):
        ws.tie_certificate(MAIJA, "marta", identifier=ident)  # a member, not an administrator
    with pytest.raises(AccessDenied):
        ws.tie_certificate(JURIS, "marta", identifier=ident)  # another organisation's administrator
    t = ws.tie_certificate(ANNA, "marta", identifier=ident)
    assert t["value"] == ORG_IDS["marta"] and [x["value"] for x in ws.certificates(MAIJA, "marta")] == [t["value"]]
    assert (
        ws.org_audit(ANNA, "marta")[-1]["action"] == "cert_tie"
        and ws.org_audit(ANNA, "marta")[-1]["actor"] == ANNA.email
    )
    assert ws.reg.verify_organisations()["ok"]
