"""This file defines how the registry's schema is created and upgraded: Alembic, programmatically.

``upgrade(engine)`` runs ``alembic upgrade head`` on the engine's connection with a
Config built in code (script_location = this package's migrations folder).
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

__all__ = ["alembic_config", "upgrade", "HEAD"]

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD = "0007"


def alembic_config(connection=None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)
