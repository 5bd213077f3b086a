"""Signing in the room by upload: each signatory signs the downloaded PDF with their own tool (here
a PKCS#12 test certificate through pyHanko) and uploads it; the registry verifies it and records
the signature for the signatory's organisation (SQLite and PostgreSQL). Wrong documents, broken
signatures, untrusted certificates, non-signatories and outsiders are refused, nothing written."""

from __future__ import annotations

import pytest
from pki import PASSPHRASE
from registry_lib import tie_test_pki
from workspace_people import ANNA, JURIS, MAIJA, PETERIS, SANDRA, SLUG, VIKTORS, room, ws  # noqa: F401

from pamats.errors import AccessDenied, InputError
from pamats.registry.errors import NotFound
from pamats.registry.evidence.pades import load_pkcs12, sign_pdf
from pamats.registry.workspace.signing_room import MAX_SIGNED_PDF


def _signed_by(pki, org: str, pdf: bytes, field: str) -> bytes:
    """What a signatory's own signing tool returns: the downloaded PDF with their PAdES signature."""
    return sign_pdf(pdf, load_pkcs12(pki.p12[org].read_bytes(), PASSPHRASE), field)


@pytest.fixture
def agreed(room):
    for org in ("marta", "vrs"):  # each organisation's administrator tied its signing certificates
        tie_test_pki(room.reg, org)
    room.transition(ANNA, SLUG, "agreed", reason="saskaņots")
    return room


def _audit(room):
    return len(room.audit(ANNA, SLUG))


def test_both_signatories_upload_and_the_agreement_is_signed(agreed, pki):
    pdf = agreed.pdf_to_sign(SANDRA, SLUG)
    assert pdf.startswith(b"%PDF-") and agreed.pdf_to_sign(MAIJA, SLUG) == pdf  # any party member may read it
    out = agreed.upload_signed(SANDRA, SLUG, _signed_by(pki, "marta", pdf, "marta-v1"))
    assert (out["organisation"], out["version"], out["status"]) == ("marta", 1, "agreed")
    assert "Signer of marta" in out["subject"]
    second = agreed.pdf_to_sign(VIKTORS, SLUG)  # now carries MARTA's signature
    assert second.startswith(pdf) and len(second) > len(pdf)
    out = agreed.upload_signed(VIKTORS, SLUG, _signed_by(pki, "vrs", second, "vrs-v1"))
    assert out["status"] == "signed"
    r = agreed.room(ANNA, SLUG)
    assert r["status"] == "signed"
    assert [(g["organisation"], g["version"]) for g in r["signatures"]] == [("marta", 1), ("vrs", 1)]
    assert agreed.signed_pdf_of(JURIS, SLUG).startswith(second)
    assert agreed.reg.verify("da-11", SLUG)["ok"]


def test_wrong_document_broken_signature_and_untrusted_certificate_are_refused(agreed, pki):
    pdf = agreed.pdf_to_sign(SANDRA, SLUG)
    before = _audit(agreed)
    other = pdf.replace(b"/Producer", b"/Producex", 1)  # some other PDF
    with pytest.raises(InputError) as e:
        agreed.upload_signed(SANDRA, SLUG, _signed_by(pki, "marta", other, "marta-v1"))
    assert e.value.message.startswith("parakstītais PDF nav šī līguma ('marta-vrs' versija 1) parakstāmais PDF")
    assert "/ the signed PDF is not the agreed PDF" in e.value.message
    good = _signed_by(pki, "marta", pdf, "marta-v1")
    i = good.index(b'xmp:ModifyDate="', len(pdf)) + 19  # a digit in the signed incremental update
    broken = good[:i] + (b"1" if good[i : i + 1] != b"1" else b"2") + good[i + 1 :]
    with pytest.raises(InputError) as e:
        agreed.upload_signed(SANDRA, SLUG, broken)
    assert e.value.message.startswith("parakstītais PDF nav pieņemts: paraksts 'marta-v1'")
    assert "pēc parakstīšanas parakstītie baiti ir mainīti" in e.value.message and "digest mismatch" in e.value.message
    j = good.index(b"/Contents <", len(pdf)) + 11  # the signature blob's own first bytes (its DER header)
    garbled = good[:j] + b"00" * 8 + good[j + 16 :]
    with pytest.raises(InputError, match="parakstu nevar pārbaudīt|nevar nolasīt"):
        agreed.upload_signed(SANDRA, SLUG, garbled)
    stranger = sign_pdf(pdf, load_pkcs12(pki.stranger_p12.read_bytes(), PASSPHRASE), "marta-v1")
    with pytest.raises(InputError) as e:
        agreed.upload_signed(SANDRA, SLUG, stranger)
    assert "sertifikāts neved uz šī servera uzticamo saknes sertifikātu" in e.value.message
    assert "does not chain to a configured trust root" in e.value.message
    with pytest.raises(InputError, match="tajā nav jauna paraksta / the uploaded PDF is the PDF to sign itself"):
        agreed.upload_signed(SANDRA, SLUG, pdf)
    with pytest.raises(InputError, match="nav PDF / the uploaded file is not a PDF"):
        agreed.upload_signed(SANDRA, SLUG, b"PK\x03\x04 an .asice container")
    with pytest.raises(InputError, match="pārāk liels .* / the file is too large"):
        agreed.upload_signed(SANDRA, SLUG, b"%PDF-1.7\n" + b"0" * MAX_SIGNED_PDF)
    with pytest.raises(InputError, match="nav augšupielādēts neviens fails"):
        agreed.upload_signed(SANDRA, SLUG, b"")
    assert _audit(agreed) == before and agreed.room(ANNA, SLUG)["signatures"] == []


def test_only_a_signatory_of_a_party_may_upload(agreed, pki):
    pdf = agreed.pdf_to_sign(SANDRA, SLUG)
    signed = _signed_by(pki, "marta", pdf, "marta-v1")
    before = _audit(agreed)
    for who in (ANNA, MAIJA):  # negotiator, member
        with pytest.raises(AccessDenied, match="nevar parakstīt / role '.*' cannot sign"):
            agreed.upload_signed(who, SLUG, signed)
    with pytest.raises(NotFound) as outsider:
        agreed.upload_signed(PETERIS, SLUG, signed)
    with pytest.raises(NotFound) as missing:
        agreed.upload_signed(PETERIS, "nav-tada", signed)
    assert outsider.value.message.replace(SLUG, "X") == missing.value.message.replace("nav-tada", "X")
    for call in (agreed.pdf_to_sign, agreed.signed_pdf_of):
        with pytest.raises(NotFound) as e:
            call(PETERIS, SLUG)
        assert e.value.message == outsider.value.message
    assert _audit(agreed) == before


def test_no_pdf_to_sign_before_the_text_is_agreed(room):
    with pytest.raises(Exception, match="parties sign only an agreed text"):
        room.pdf_to_sign(SANDRA, SLUG)
