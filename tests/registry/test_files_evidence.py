"""A version's DOCX is evidence kept in the database on every backend, never only on one server's
disk; a registry from before (DOCX files in a folder) has them moved in on open."""

from __future__ import annotations

from sqlalchemy import text

from pamats.registry import Registry
from pamats.registry.files import FileStore

SLUG = "marta-vrs"


def test_the_docx_is_a_row_of_the_database_not_a_file(agreement, tmp_path):
    reg = agreement
    sha = reg.version("anna", SLUG)["docx_sha256"]
    with reg.engine.connect() as c:
        data = c.execute(text("SELECT data FROM stored_files WHERE sha256 = :s"), {"s": sha}).scalar_one()
    assert bytes(data)[:2] == b"PK" and reg.docx("anna", SLUG) == bytes(data)
    assert not (tmp_path / "files").exists()  # the fixture's files_dir: nothing written there
    with reg.engine.begin() as c:
        c.execute(text("DELETE FROM stored_files"))
    r = reg.verify("anna", SLUG)
    assert not r["ok"] and any("DOCX of version 1 is missing or changed" in p for p in r["problems"])


def test_files_of_a_registry_from_before_are_moved_in_on_open(agreement, tmp_path):
    reg = agreement
    sha = reg.version("anna", SLUG)["docx_sha256"]
    docx = reg.docx("anna", SLUG)
    with reg.engine.begin() as c:  # as a registry from before: the DOCX only in the files folder
        c.execute(text("DELETE FROM stored_files"))
    FileStore(tmp_path / "old-files").put(docx)
    assert not reg.verify("anna", SLUG)["ok"]
    again = Registry(reg.url, files_dir=tmp_path / "old-files", trust_roots=reg.trust_roots_path)
    assert again.docx("anna", SLUG) == docx and again.files.ok(sha)
    assert again.verify("anna", SLUG)["problems"] == []
    again.close()


def test_a_changed_file_of_a_registry_from_before_is_not_moved_in(agreement, tmp_path):
    reg = agreement
    sha = reg.version("anna", SLUG)["docx_sha256"]
    with reg.engine.begin() as c:
        c.execute(text("DELETE FROM stored_files"))
    old = FileStore(tmp_path / "old-files")
    old.path(sha).parent.mkdir(parents=True)
    old.path(sha).write_bytes(b"PK-changed on the server's disk")
    again = Registry(reg.url, files_dir=tmp_path / "old-files", trust_roots=reg.trust_roots_path)
    r = again.verify("anna", SLUG)
    assert any("DOCX of version 1 is missing or changed" in p for p in r["problems"]), r["problems"]
    again.close()
