"""Alembic environment: runs on the connection the registry passes in ``config.attributes``."""

from alembic import context

import pamats.registry.evidence.models  # noqa: F401  (evidence tables in the metadata)
from pamats.registry import models_notify, models_workspace  # noqa: F401  (their tables join Base.metadata)
from pamats.registry.models import Base

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection, target_metadata=Base.metadata, render_as_batch=connection.dialect.name == "sqlite"
)
with context.begin_transaction():
    context.run_migrations()
