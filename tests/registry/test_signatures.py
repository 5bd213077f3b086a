"""Signatures are PAdES signatures over the agreed PDF; verify re-checks them, the tables against the
audit payloads and the chain against signed checkpoints. Forgeries made with direct SQL are reported."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from pki import PASSPHRASE
from registry_lib import sign_as, tie_test_pki
from sqlalchemy import text

from pamats.errors import InputError
from pamats.registry.errors import TamperError, TransitionRefused
from pamats.registry.evidence.pades import load_pkcs12, sign_pdf
from pamats.registry.evidence.pdf import read_binding
from pamats.registry.hashing import canonical, chain_hash, content_hash

SLUG = "marta-vrs"


def _agree(reg):
    reg.transition("anna", SLUG, "negotiation")
    reg.transition("anna", SLUG, "agreed")


def _both_signed(reg):
    _agree(reg)
    sign_as(reg, "anna", "marta")
    assert sign_as(reg, "juris", "vrs")["status"] == "signed"


def _problems(reg, user="anna", **kw) -> str:
    r = reg.verify(user, SLUG, **kw)
    assert r["ok"] is (not r["problems"])
    return "\n".join(r["problems"])


def _counts(reg) -> tuple:
    with reg.engine.connect() as c:
        return tuple(
            c.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
            for t in ("signatures", "signed_pdfs", "audit_log", "checkpoints")
        )


def test_both_parties_sign_the_agreed_pdf_and_verify_holds(agreement, clock, pki):
    reg = agreement
    _agree(reg)
    pdf = reg.agreed_pdf("anna", SLUG)["pdf"]
    assert pdf[:5] == b"%PDF-" and b"pdfaid:part>2<" in pdf
    v1 = reg.version("anna", SLUG, 1)
    assert read_binding(pdf) == {"slug": SLUG, "version": 1, "content_hash": v1["content_hash"]}
    r = sign_as(reg, "anna", "marta", signer="Anna Bērziņa, valdes locekle")
    assert (r["status"], r["version"]) == ("agreed", 1)
    assert "Signer of marta" in r["subject"] and "pamats Test Signing CA" in r["issuer"] and r["serial"]
    assert sign_as(reg, "juris", "vrs")["status"] == "signed"
    rep = reg.verify("juris", SLUG)
    assert rep["ok"] and rep["problems"] == [] and rep["checkpoint"]
    assert [(g["organisation"], g["version"], g["ok"]) for g in rep["signatures"]] == [
        ("marta", 1, True),
        ("vrs", 1, True),
    ]
    assert rep["signatures"][0]["signer"] == "Anna Bērziņa, valdes locekle"
    signed = reg.signed_pdf("juris", SLUG)
    assert signed.startswith(pdf) and signed.count(b"/ByteRange") == 2
    clock.t = dt.datetime(2026, 3, 31, 12, tzinfo=dt.UTC)
    with pytest.raises(TransitionRefused, match="starts on 2026-04-01"):
        reg.transition("anna", SLUG, "in_force")
    clock.t = dt.datetime(2026, 4, 1, 8, tzinfo=dt.UTC)
    reg.transition("anna", SLUG, "in_force")
    assert reg.verify("anna", SLUG)["ok"]


def test_a_signature_on_v1_stays_on_v1_and_signed_needs_one_version(agreement, agreement_docx, make_instrument):
    reg = agreement
    _agree(reg)
    sign_as(reg, "anna", "marta")
    reg.transition("juris", SLUG, "negotiation", reason="VRS wants a change")
    v2 = make_instrument(("p1", "Puses sadarbojas."), ("p2", "Robežsardze informē MARTA 24 stundu laikā."))
    from pamats.drafting.document import Instrument
    from pamats.drafting.render.docx import render_docx_bytes

    reg.propose("juris", SLUG, {"v": 2}, instrument=v2, docx=render_docx_bytes(Instrument.model_validate(v2)))
    reg.transition("juris", SLUG, "agreed")
    assert sign_as(reg, "juris", "vrs")["status"] == "agreed"
    with pytest.raises(TransitionRefused, match="same version"):
        reg.transition("anna", SLUG, "signed")
    assert sign_as(reg, "anna", "marta")["status"] == "signed"
    sigs = reg.show("anna", SLUG)["signatures"]
    assert [(g["organisation"], g["version"]) for g in sigs] == [("marta", 1), ("vrs", 2), ("marta", 2)]
    assert reg.verify("juris", SLUG)["ok"]


def test_a_party_signs_once_and_signing_needs_a_key(agreement):
    _agree(agreement)
    with pytest.raises(InputError, match="signing needs one of: a certificate and key"):
        agreement.sign("anna", SLUG)
    sign_as(agreement, "anna", "marta")
    with pytest.raises(InputError, match="already signed"):
        sign_as(agreement, "ilze", "marta")


def test_wrong_passphrase_is_a_clear_error(agreement, pki):
    _agree(agreement)
    with pytest.raises(InputError, match="wrong passphrase"):
        agreement.sign("anna", SLUG, pkcs12=pki.p12["marta"].read_bytes(), passphrase=b"nope")


def test_untrusted_certificate_is_refused_and_nothing_is_written(agreement, pki):
    reg = agreement
    _agree(reg)
    reg.agreed_pdf("anna", SLUG)
    before = _counts(reg)
    with pytest.raises(InputError, match="does not chain to a configured trust root"):
        reg.sign("anna", SLUG, pkcs12=pki.stranger_p12.read_bytes(), passphrase=PASSPHRASE)
    assert _counts(reg) == before


def test_signature_over_a_different_pdf_is_refused(agreement, pki):
    reg = agreement
    _agree(reg)
    agreed = reg.agreed_pdf("anna", SLUG)["pdf"]
    other = agreed.replace(b"/Producer", b"/Producex", 1)  # another PDF, not the agreed one
    signed = sign_pdf(other, load_pkcs12(pki.p12["marta"].read_bytes(), PASSPHRASE), "marta-v1")
    before = _counts(reg)
    with pytest.raises(InputError, match="does not begin with the PDF to sign"):
        reg.sign("anna", SLUG, signed_pdf=signed)
    assert _counts(reg) == before


def test_a_later_update_that_changes_text_is_refused(agreement, pki):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    reg = agreement
    _agree(reg)
    sign_as(reg, "anna", "marta")
    base = reg.pdf_to_sign("juris", SLUG)
    w = IncrementalPdfFileWriter(io.BytesIO(base))
    page_ref = w.root["/Pages"]["/Kids"].raw_get(0)
    page_ref.get_object()["/Contents"] = w.add_object(generic.StreamObject(stream_data=b"BT (FORGED) Tj ET"))
    w.mark_update(page_ref)
    out = io.BytesIO()
    w.write(out)
    signed = sign_pdf(out.getvalue(), load_pkcs12(pki.p12["vrs"].read_bytes(), PASSPHRASE), "vrs-v1")
    with pytest.raises(InputError, match="'marta-v1'.*later incremental update changes the document"):
        reg.sign("juris", SLUG, signed_pdf=signed)
    assert reg.show("anna", SLUG)["status"] == "agreed"


def test_uploaded_pdf_signed_elsewhere_is_accepted(agreement, pki):
    reg = agreement
    _agree(reg)
    base = reg.pdf_to_sign("anna", SLUG)
    signed = sign_pdf(base, load_pkcs12(pki.p12["marta"].read_bytes(), PASSPHRASE), "qes-tool-signature")
    tie_test_pki(reg, "marta")
    with pytest.raises(InputError, match="carries no new signature"):
        reg.sign("anna", SLUG, signed_pdf=base)
    r = reg.sign("anna", SLUG, signed_pdf=signed)
    assert "Signer of marta" in r["subject"]
    assert reg.verify("anna", SLUG)["ok"]


def test_no_checkpoint_key_no_signature(db_url, tmp_path, pki, agreement_docx, monkeypatch):
    from registry_lib import cached_pdf_maker, instrument

    from pamats.registry import Registry

    monkeypatch.delenv("PAMATS_CHECKPOINT_KEY", raising=False)
    reg = Registry(db_url, files_dir=tmp_path / "f", trust_roots=pki.root_pem, pdf_maker=cached_pdf_maker)
    reg.add_organisation("marta", "MARTA")
    reg.add_organisation("vrs", "VRS")
    reg.add_user("anna", "Anna", "marta")
    reg.create_agreement(
        "anna", SLUG, "L", ["marta", "vrs"], answers={}, instrument=instrument(("p1", "x")), docx=agreement_docx
    )
    _agree(reg)
    with pytest.raises(InputError, match="no checkpoint key is configured"):
        sign_as(reg, "anna", "marta")
    reg.close()


# -- forgeries with direct SQL ---------------------------------------------------------------------


def _sql(reg, q, **params):
    with reg.engine.begin() as c:
        return c.execute(text(q), params)


def test_changed_clause_with_every_hash_recomputed_is_reported(agreement, clock):
    reg = agreement
    _both_signed(reg)
    row = _sql(reg, "SELECT instrument, answers, docx_sha256 FROM versions WHERE number = 1").one()
    forged = row[0].replace("Robežsardze informē MARTA.", "Robežsardze neinformē MARTA.")
    h = content_hash(row[1], forged, row[2])
    _sql(reg, "UPDATE versions SET instrument = :i, content_hash = :h WHERE number = 1", i=forged, h=h)
    _sql(reg, "UPDATE signatures SET content_hash = :h", h=h)
    _sql(reg, "UPDATE agreed_pdfs SET content_hash = :h", h=h)
    p = _problems(reg)
    assert "signature of marta on version 1: version 1's text is not the text that was signed" in p
    assert "content hash is not the one recorded when it was proposed" in p
    with pytest.raises(TamperError):
        reg.version("anna", SLUG, 1)
    assert reg.show("anna", SLUG)["versions"][0]["broken"]
    clock.t = dt.datetime(2026, 5, 1, tzinfo=dt.UTC)
    with pytest.raises(TamperError):
        reg.transition("anna", SLUG, "in_force")


def test_renamed_signer_is_reported(agreement):
    reg = agreement
    _both_signed(reg)
    _sql(
        reg,
        "UPDATE signatures SET signer = 'Mallory' WHERE organisation_id = "
        "(SELECT id FROM organisations WHERE key = 'vrs')",
    )
    assert "signature (1, 'vrs'): signer differ from the audit log" in _problems(reg)
    assert [g["ok"] for g in reg.verify("anna", SLUG)["signatures"]] == [True, False]
    _sql(reg, "UPDATE signed_pdfs SET cert_subject = 'Common Name: Mallory'")
    assert "the recorded certificate subject 'Common Name: Mallory' is not the signing certificate's" in _problems(reg)


def test_moved_signature_is_reported(agreement, make_instrument):
    from pamats.drafting.document import Instrument
    from pamats.drafting.render.docx import render_docx_bytes

    reg = agreement
    _agree(reg)
    sign_as(reg, "anna", "marta")
    reg.transition("juris", SLUG, "negotiation")
    v2 = make_instrument(("p1", "Puses sadarbojas."), ("p2", "Cits teksts."))
    reg.propose("juris", SLUG, {"v": 2}, instrument=v2, docx=render_docx_bytes(Instrument.model_validate(v2)))
    reg.transition("juris", SLUG, "agreed")
    sign_as(reg, "juris", "vrs")
    _sql(
        reg,
        "UPDATE signatures SET version_id = (SELECT id FROM versions WHERE number = 2), content_hash = "
        "(SELECT content_hash FROM versions WHERE number = 2) WHERE organisation_id = "
        "(SELECT id FROM organisations WHERE key = 'marta')",
    )
    p = _problems(reg)
    assert (
        "signature of marta on version 2: the signed PDF is not the agreed PDF of 'marta-vrs' version 2 (it names marta-vrs version 1)"
        in p
    )
    assert "signature (1, 'marta'): in the audit log but missing" in p
    with pytest.raises((TamperError, TransitionRefused)):
        reg.transition("anna", SLUG, "signed")


def test_deleted_last_audit_entries_are_reported_against_the_checkpoint(agreement):
    reg = agreement
    _both_signed(reg)
    exported = reg.checkpoint()
    n = reg.verify("anna", SLUG)["audit_entries"]
    _sql(reg, "DELETE FROM audit_log WHERE seq > :n", n=n - 2)
    p = _problems(reg)
    assert "audit log of 'marta-vrs' was truncated" in p
    _sql(reg, "DELETE FROM checkpoints")  # the attacker also drops the stored checkpoints
    assert "truncated" not in _problems(reg)  # nothing left in the database to tell…
    assert "was truncated: the exported checkpoint" in _problems(reg, checkpoint=exported)  # …but the exported file


def test_recomputed_audit_chain_is_reported_against_the_checkpoint(agreement):
    from sqlalchemy import select

    from pamats.registry import audit
    from pamats.registry.models import AuditEntry

    reg = agreement
    _both_signed(reg)
    with reg.tx() as s:  # rewrite entry 2's reason and recompute every later hash, as an attacker would
        prev = None
        for e in s.scalars(select(AuditEntry).order_by(AuditEntry.seq)):
            if e.seq == 2:
                e.reason = "forged"
            if prev is not None:
                e.prev_hash = prev
            e.hash = chain_hash(e.prev_hash, audit.entry_body(e))
            prev = e.hash
    p = _problems(reg)
    assert "audit log of 'marta-vrs' was rewritten or recomputed: entry 8 differs from the checkpoint" in p


def test_status_set_in_force_by_sql_is_reported(agreement):
    reg = agreement
    _agree(reg)
    _sql(reg, "UPDATE agreements SET status = 'in_force'")
    p = _problems(reg)
    assert "status is in_force but the audit log says agreed" in p
    assert "is in_force but not every party signed the same version" in p


def test_added_party_row_is_reported(agreement):
    reg = agreement
    _sql(
        reg,
        "INSERT INTO agreement_parties (agreement_id, organisation_id, position) "
        "SELECT a.id, o.id, 5 FROM agreements a, organisations o WHERE o.key = 'vp'",
    )
    assert "agreement marta-vrs: parties differ from the audit log" in _problems(reg)


def test_forged_comment_is_reported(agreement):
    reg = agreement
    cid = reg.comment("juris", SLUG, "p2", "Precizēt termiņu")
    _sql(reg, "UPDATE comments SET text = 'Piekrītam visam' WHERE id = :i", i=cid)
    assert f"comment {cid}: text differ from the audit log" in _problems(reg)
    _sql(
        reg,
        "INSERT INTO comments (agreement_id, version_number, node_id, organisation_id, user_id, text, "
        "resolved, at) SELECT agreement_id, version_number, node_id, organisation_id, user_id, 'forged', "
        "resolved, at FROM comments WHERE id = :i",
        i=cid,
    )
    assert "in the table but not in the audit log" in _problems(reg)


def test_rewritten_and_deleted_audit_entries_are_reported(agreement):
    reg = agreement
    _agree(reg)
    assert len(reg.audit("anna", SLUG)) == 4  # create, propose v1, 2 transitions
    _sql(reg, "UPDATE audit_log SET username = 'mallory' WHERE seq = 3")
    with pytest.raises(TamperError, match="entry 3 \\(transition\\) was rewritten"):
        reg.audit("anna", SLUG)
    assert "entry 3 (transition) was rewritten" in _problems(reg)
    _sql(reg, "DELETE FROM audit_log WHERE seq = 1")
    assert "entry 1 is missing" in _problems(reg)


def test_changed_docx_file_is_refused(agreement):
    reg = agreement
    _agree(reg)
    sha = reg.version("anna", SLUG)["docx_sha256"]
    _sql(reg, "UPDATE stored_files SET data = :d WHERE sha256 = :s", d=b"PK-changed", s=sha)
    with pytest.raises(TamperError, match="DOCX of version 1"):
        sign_as(reg, "anna", "marta")


def test_checkpoint_export_verifies_with_the_public_key(agreement):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    reg = agreement
    doc = reg.checkpoint()
    assert doc["body"]["heads"][SLUG][0] == 2
    pub = Ed25519PublicKey.from_public_bytes(bytes.fromhex(doc["public_key"]))
    pub.verify(bytes.fromhex(doc["signature"]), doc["body_canonical"].encode())
    assert canonical(json.loads(doc["body_canonical"])) == doc["body_canonical"]


def test_verification_report_text_and_pdf(agreement):
    from pyhanko.pdf_utils.reader import PdfFileReader

    from pamats.registry.evidence.report import report_pdf, report_text

    reg = agreement
    _both_signed(reg)
    _sql(
        reg,
        "UPDATE signatures SET signer = 'Mallory' WHERE organisation_id = "
        "(SELECT id FROM organisations WHERE key = 'vrs')",
    )
    rep = reg.verify("anna", SLUG)
    txt = report_text(rep)
    assert txt.startswith("Pārbaudes ziņojums / Verification report: marta-vrs")
    assert "Rezultāts: 1 problēma(s) / Result: 1 problem(s)" in txt and "parakstītājs / signer: Mallory" in txt
    assert "sērijas nr. / serial:" in txt and "Signer of marta" in txt
    pdf = report_pdf(rep)
    assert pdf[:5] == b"%PDF-" and int(PdfFileReader(io.BytesIO(pdf)).root["/Pages"]["/Count"]) >= 1


def test_without_trust_roots_signatures_are_not_called_valid(agreement, db_url, monkeypatch):
    from pamats.registry import Registry

    _both_signed(agreement)
    monkeypatch.delenv("PAMATS_TRUST_ROOTS", raising=False)
    bare = Registry(db_url, files_dir=agreement.files.root)
    rep = bare.verify("anna", SLUG)
    assert not rep["ok"] and "no trust roots are configured" in rep["problems"][0]
    bare.close()


def test_cli_marks_and_refuses_a_broken_version(agreement, tmp_path, monkeypatch, pki, checkpoint_key):
    from click.testing import CliRunner

    from pamats.cli.main import _register, cli

    reg = agreement
    _both_signed(reg)
    for k, v in (
        ("PAMATS_FILES", reg.files.root),
        ("PAMATS_TRUST_ROOTS", pki.root_pem),
        ("PAMATS_CHECKPOINT_KEY", checkpoint_key),
    ):
        monkeypatch.setenv(k, str(v))
    _register()

    def run(*args):
        return CliRunner().invoke(cli, ["agreements", "--db", reg.url, "--as", "anna", *args])

    r = run("verify", SLUG)
    assert r.exit_code == 0 and "ok (8 audit entries, 1 versions, 2 signature(s))" in r.output
    row = _sql(reg, "SELECT instrument, answers, docx_sha256 FROM versions WHERE number = 1").one()
    forged = row[0].replace("Puses sadarbojas.", "Puses nesadarbojas.")
    _sql(
        reg,
        "UPDATE versions SET instrument = :i, content_hash = :h WHERE number = 1",
        i=forged,
        h=content_hash(row[1], forged, row[2]),
    )
    r = run("verify", SLUG)
    assert r.exit_code == 1 and "NEDERĪGS / NOT VALID" in r.output and "not the text that was signed" in r.output
    r = run("show", SLUG)
    assert r.exit_code == 0 and "BROKEN / BOJĀTA" in r.output
    for args in (
        ("export", SLUG, "-o", str(tmp_path / "v.docx")),
        ("export", SLUG, "--format", "pdf", "-o", str(tmp_path / "v.pdf")),
        ("diff", SLUG, "1", "1"),
    ):
        r = run(*args)
        assert r.exit_code == 2 and "refused" in r.output, (args, r.output)
    assert not (tmp_path / "v.docx").exists() and not (tmp_path / "v.pdf").exists()
