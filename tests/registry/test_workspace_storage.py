"""Workspace storage: the migrations match the models; version files are rows (SQLite and PostgreSQL),
so two servers (two Registry objects on one database) share them and nothing is kept on disk."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from workspace_people import ADMIN, ANNA, JURIS, V1

import pamats.registry.models_workspace  # noqa: F401  (its tables join the metadata)
from pamats.errors import InputError
from pamats.registry import Registry
from pamats.registry.models import Base
from pamats.registry.workspace import Principal, Workspace


def test_migration_matches_the_models(reg):
    with reg.engine.connect() as c:
        assert compare_metadata(MigrationContext.configure(c), Base.metadata) == []


def test_files_in_the_database_are_shared_and_checked(db_url, tmp_path, monkeypatch):
    monkeypatch.setenv("PAMATS_FILES", str(tmp_path / "must-stay-empty"))
    one, two = Registry(db_url, files_in_db=True), Registry(db_url, files_in_db=True)  # two web servers
    a, b = Workspace(one), Workspace(two)
    for key in ("marta", "vrs"):
        a.create_organisation(ADMIN, key, key.upper())
    a.invite(ADMIN, "marta", ANNA.email, "negotiator", admin=True)
    a.invite(ADMIN, "vrs", JURIS.email, "negotiator", admin=True)
    a.login(ANNA)
    b.login(JURIS)
    a.create_agreement(ANNA, "marta-vrs", "Līgums", ["marta", "vrs"], answers={}, instrument=V1, docx=b"PK-v1-bytes")
    assert b.docx(JURIS, "marta-vrs", 1) == b"PK-v1-bytes"
    a.transition(ANNA, "marta-vrs", "negotiation")
    sid = b.suggest(JURIS, "marta-vrs", "p1", "replace", "Puses sadarbojas cieši.")
    assert a.accept(ANNA, "marta-vrs", [sid]) == 2
    assert b.docx(JURIS, "marta-vrs", 2)[:2] == b"PK"  # rendered on server one, read on server two
    assert not (tmp_path / "must-stay-empty").exists()
    with one.tx() as s:
        s.execute(text("UPDATE stored_files SET data = :d WHERE data = :o"), {"d": b"PK-forged", "o": b"PK-v1-bytes"})
    report = b.reg.verify("da-21", "marta-vrs")
    assert not report["ok"] and any("DOCX of version 1" in p for p in report["problems"]), report["problems"]
    one.close()
    two.close()


def test_principal_is_not_a_username():
    with pytest.raises(InputError):
        Principal("da-11", "anna@marta.example")
