"""Opening a registry on an empty database runs the Alembic migrations (upgrade head)."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect, text

from pamats.registry import Registry
from pamats.registry.migrate import HEAD


def test_open_empty_database_migrates_to_head(db_url, tmp_path):
    eng = create_engine(db_url, isolation_level="AUTOCOMMIT")
    with eng.connect() as c:  # make the database empty
        if db_url.startswith("sqlite"):
            for t in inspect(c).get_table_names():
                c.execute(text(f'DROP TABLE "{t}"'))
        else:
            c.execute(text("DROP SCHEMA public CASCADE"))
            c.execute(text("CREATE SCHEMA public"))
    with eng.connect() as c:
        assert inspect(c).get_table_names() == []
    reg = Registry(db_url, files_dir=tmp_path / "files")
    with eng.connect() as c:
        assert c.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == HEAD
        assert set(inspect(c).get_table_names()) >= {
            "organisations",
            "users",
            "agreements",
            "agreement_parties",
            "versions",
            "audit_log",
            "comments",
            "signatures",
            "obligations",
            "ws_party_invitations",
        }
    reg.add_organisation("marta", "MARTA")
    assert Registry(db_url, files_dir=tmp_path / "files").organisations() == [{"key": "marta", "name": "MARTA"}]
    reg.close()
    eng.dispose()
