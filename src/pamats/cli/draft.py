"""This file defines the ``pamats draft``  commands (owned by its issue; being built)."""

from .main import cli  # noqa: F401
