"""This file defines the ``pamats gaps``  commands (owned by its issue; being built)."""

from .main import cli  # noqa: F401
