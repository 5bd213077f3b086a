"""This file defines the ``pamats demo``  commands (owned by its issue; being built)."""

from .main import cli  # noqa: F401
