"""This package holds the registry's Alembic migrations, run programmatically (no alembic.ini)."""
