"""CLI tour on the real MARTA–VRS case (real drafting modules), and the law under the agreement:
it shows the seed's problem until the NRM regulation is in the landscape, and passes once it is."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from pamats.cli.main import _register, cli
from pamats.registry.drafting_bridge import import_case
from pamats.registry.recheck import recheck

AS_OF = dt.date(2026, 11, 28)


@pytest.fixture
def case(reg, repo):
    import_case(reg, repo / "agreements/marta-vrs/case.yaml")
    return reg


def test_case_imports_three_drafted_versions(case):
    d = case.show("vrs-jurists", "marta-vrs")
    assert (d["status"], d["versions_count"], d["parties_keys"]) == ("negotiation", 3, ["vrs", "marta"])
    v3 = case.version("marta-jurists", "marta-vrs", 3)
    assert v3["instrument"]["kind"] == "agreement" and case.docx("vrs-jurists", "marta-vrs", 3)[:2] == b"PK"
    assert "ne ilgāk par sešiem mēnešiem" in json.dumps(v3["instrument"], ensure_ascii=False)


def test_recheck_shows_the_seed_problem_then_passes(case, repo):
    [c] = recheck(case, "vrs-jurists", [repo / "graph/lv-nrm"], as_of=AS_OF)
    assert [p["code"] for p in c.problems] == ["NORM_MISSING", "RANK_TOO_LOW"]
    assert c.problems[1]["without_agreement"] == "NO_BASIS"  # the gap report's NO_BASIS:vrs-to-marta…
    assert c.flows == [
        {
            "id": "marta-vrs-x1-referral",
            "covered": False,
            "code": "RANK_TOO_LOW",
            "basis": None,
            "without_agreement": "NO_BASIS",
        }
    ]
    [c] = recheck(
        case,
        "vrs-jurists",
        [repo / "graph/lv-nrm"],
        drafts=[repo / "graph/lv-nrm-drafts/nrm-regulation.yaml"],
        as_of=AS_OF,
    )
    assert c.ok and c.flows[0]["basis"] == {"instrument": "nrm-regulation", "provision": "inform-provider"}


def test_recheck_is_per_organisation(case, repo):
    case.add_organisation("vp", "Valsts policija")
    case.add_user("peteris", "Pēteris", "vp")
    assert recheck(case, "peteris", [repo / "graph/lv-nrm"], as_of=AS_OF) == []


def _cli(db_url, *args, user="vrs-jurists"):
    _register()
    return CliRunner().invoke(cli, ["agreements", "--db", db_url, "--as", user, *args])


def test_cli_tour(case, repo, tmp_path, monkeypatch, pki, checkpoint_key):
    from pki import PASSPHRASE

    monkeypatch.setenv("PAMATS_FILES", str(case.files.root))
    monkeypatch.setenv("PAMATS_TRUST_ROOTS", str(pki.root_pem))
    monkeypatch.setenv("PAMATS_CHECKPOINT_KEY", str(checkpoint_key))
    pw = tmp_path / "passphrase"
    pw.write_bytes(PASSPHRASE + b"\n")
    url = case.url
    r = _cli(url, "list")
    assert r.exit_code == 0 and "marta-vrs" in r.output and "negotiation" in r.output
    r = _cli(url, "diff", "marta-vrs", "1", "2")
    assert r.exit_code == 0 and "[-24-]{+48+}" in r.output and "changed: 2" in r.output
    out = tmp_path / "redline.docx"
    r = _cli(url, "diff", "marta-vrs", "1", "2", "--format", "docx", "-o", str(out))
    assert r.exit_code == 0 and out.read_bytes()[:2] == b"PK"
    r = _cli(url, "comment", "marta-vrs", "exchange-1", "48 stundas ir par ilgu")
    assert r.exit_code == 0, r.output
    r = _cli(url, "transition", "marta-vrs", "in_force")
    assert r.exit_code == 2 and "cannot become in_force" in r.output
    r = _cli(url, "recheck", "--landscape", str(repo / "graph/lv-nrm"), "--as-of", "2026-11-28")
    assert r.exit_code == 1 and "NORM_MISSING" in r.output
    r = _cli(
        url,
        "recheck",
        "--landscape",
        str(repo / "graph/lv-nrm"),
        "--with",
        str(repo / "graph/lv-nrm-drafts/nrm-regulation.yaml"),
        "--as-of",
        "2026-11-28",
    )
    assert r.exit_code == 0 and "ok" in r.output
    for u in ("vrs-jurists", "marta-jurists"):
        if u == "vrs-jurists":
            assert _cli(url, "transition", "marta-vrs", "agreed", "--reason", "text agreed").exit_code == 0
        org = u.split("-")[0]
        r = _cli(url, "org-cert", org, "--cert", str(pki.signer_pem[org]))
        assert r.exit_code == 0 and f"Signer of {org}" in r.output, r.output
        r = _cli(url, "sign", "marta-vrs", "--pkcs12", str(pki.p12[org]), "--passphrase-file", str(pw), user=u)
        assert r.exit_code == 0, r.output
        assert f"Signer of {org}" in r.output
    assert "status signed" in r.output
    signed = tmp_path / "signed.pdf"
    assert _cli(url, "export", "marta-vrs", "--format", "pdf", "-o", str(signed)).exit_code == 0
    assert signed.read_bytes().count(b"/ByteRange") == 2
    r = _cli(url, "export", "marta-vrs", "--format", "report", "-o", str(tmp_path / "report.txt"))
    report = (tmp_path / "report.txt").read_text(encoding="utf-8")
    assert r.exit_code == 0 and "Result: everything holds" in report and report.count("derīgs / valid") == 2
    cp = tmp_path / "checkpoint.json"
    r = _cli(url, "checkpoint", "-o", str(cp))
    assert r.exit_code == 0 and "1 agreement(s)" in r.output
    r = _cli(url, "due", "--within", "90d", "--today", "2026-12-15")
    assert r.exit_code == 0 and "Nodrošināt diennakts" in r.output and "Iepazīstināt" not in r.output
    r = _cli(url, "verify", "marta-vrs", "--checkpoint", str(cp))
    assert r.exit_code == 0 and "ok (" in r.output, r.output
    exp = tmp_path / "v3.docx"
    assert _cli(url, "export", "marta-vrs", "-o", str(exp)).exit_code == 0
    assert exp.read_bytes() == case.docx("vrs-jurists", "marta-vrs", 3)
    r = _cli(url, "show", "marta-vrs", user="nobody")
    assert r.exit_code == 2 and "no user 'nobody'" in r.output
    r = _cli(url, "due", "--within", "soon")
    assert r.exit_code == 2 and "not a time span" in r.output


@pytest.mark.parametrize(
    "text, message",
    [
        ("- a\n", "must be a mapping"),
        ("slug: x\ntitle: y\nparties: [marta, vrs]\n", "lacks 'versions'"),
        (
            "slug: x\ntitle: y\nparties: [marta, vrs]\norganisations: [{name: n}]\nversions: [{file: a.yaml}]\n",
            "malformed (KeyError",
        ),
        ("slug: x\ntitle: y\nparties: [marta, vrs]\nversions: [{file: nope.yaml, by: anna}]\n", "file not found"),
    ],
)
def test_bad_case_file_is_a_clear_error(people, tmp_path, text, message):
    from pamats.errors import PamatsError

    f = tmp_path / "case.yaml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(PamatsError, match=message.replace("(", "\\(")):
        import_case(people, f)
    assert people.list_agreements("anna") == []
