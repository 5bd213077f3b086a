"""Signatures stay tied to the version signed; any later change to stored content is detected and refused."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from pamats.registry.errors import TamperError, TransitionRefused


def _agree(reg):
    reg.transition("anna", "marta-vrs", "negotiation")
    reg.transition("anna", "marta-vrs", "agreed")


def test_signature_on_v1_stays_on_v1_after_v2(agreement):
    reg = agreement
    _agree(reg)
    reg.sign("anna", "marta-vrs", signer="Anna Bērziņa, valdes locekle")
    reg.transition("juris", "marta-vrs", "negotiation", reason="VRS wants a change to point 2")
    assert reg.propose("juris", "marta-vrs", {"v": 2}) == 2
    reg.transition("juris", "marta-vrs", "agreed")
    assert reg.sign("juris", "marta-vrs")["status"] == "agreed"  # MARTA signed v1, VRS v2: not the same version
    sigs = reg.show("anna", "marta-vrs")["signatures"]
    assert [(g["organisation"], g["version"]) for g in sigs] == [("marta", 1), ("vrs", 2)]
    v1 = reg.version("anna", "marta-vrs", 1)
    assert sigs[0]["content_hash"] == v1["content_hash"]
    with pytest.raises(TransitionRefused, match="same version"):
        reg.transition("anna", "marta-vrs", "signed")
    assert reg.sign("anna", "marta-vrs")["status"] == "signed"
    reg.transition("anna", "marta-vrs", "in_force", today=dt.date(2026, 4, 1))
    assert reg.show("juris", "marta-vrs")["status"] == "in_force"
    assert reg.verify("juris", "marta-vrs")["ok"] is True


def test_a_party_signs_once(agreement):
    from pamats.errors import InputError
    _agree(agreement)
    agreement.sign("anna", "marta-vrs")
    with pytest.raises(InputError, match="already signed"):
        agreement.sign("ilze", "marta-vrs")


def _signed_by_marta(reg):
    _agree(reg)
    reg.sign("anna", "marta-vrs")


def test_tampered_answers_are_refused(agreement):
    reg = agreement
    _signed_by_marta(reg)
    with reg.engine.begin() as c:
        c.execute(text("UPDATE versions SET answers = :a WHERE number = 1"), {"a": '{"v":666}'})
    with pytest.raises(TamperError, match="content hash mismatch"):
        reg.sign("juris", "marta-vrs")
    with pytest.raises(TamperError):
        reg.version("anna", "marta-vrs", 1)
    with pytest.raises(TamperError):
        reg.verify("anna", "marta-vrs")
    assert reg.show("anna", "marta-vrs")["status"] == "agreed"


def test_tamper_with_recomputed_hash_is_caught_by_the_signature(agreement):
    from pamats.registry.hashing import content_hash
    reg = agreement
    _agree(reg)
    reg.sign("anna", "marta-vrs")
    reg.sign("juris", "marta-vrs")
    v = reg.version("anna", "marta-vrs", 1)
    forged = '{"v":666}'
    with reg.engine.begin() as c:
        row = c.execute(text("SELECT instrument, docx_sha256 FROM versions WHERE number = 1")).one()
        c.execute(text("UPDATE versions SET answers = :a, content_hash = :h WHERE number = 1"),
                  {"a": forged, "h": content_hash(forged, row[0], row[1])})
    assert reg.version("anna", "marta-vrs", 1)["content_hash"] != v["content_hash"]
    with pytest.raises(TamperError, match="differs from what marta signed"):
        reg.transition("anna", "marta-vrs", "in_force", today=dt.date(2026, 5, 1))
    with pytest.raises(TamperError, match="differs from what"):
        reg.verify("juris", "marta-vrs")
    assert reg.show("anna", "marta-vrs")["status"] == "signed"


def test_changed_docx_file_is_refused(agreement):
    reg = agreement
    _agree(reg)
    sha = reg.version("anna", "marta-vrs")["docx_sha256"]
    reg.files.path(sha).write_bytes(b"PK-changed")
    with pytest.raises(TamperError, match="DOCX of version 1"):
        reg.sign("anna", "marta-vrs")


def test_rewritten_audit_entry_is_detected(agreement):
    reg = agreement
    _agree(reg)
    assert len(reg.audit("anna", "marta-vrs")) == 4  # create, propose v1, 2 transitions
    with reg.engine.begin() as c:
        c.execute(text("UPDATE audit_log SET username = 'mallory' WHERE seq = 3"))
    with pytest.raises(TamperError, match="entry 3 \\(transition\\) was rewritten"):
        reg.audit("anna", "marta-vrs")


def test_deleted_audit_entry_is_detected(agreement):
    reg = agreement
    with reg.engine.begin() as c:
        c.execute(text("DELETE FROM audit_log WHERE seq = 1"))
    with pytest.raises(TamperError, match="entry 1 is missing"):
        reg.verify("anna", "marta-vrs")
