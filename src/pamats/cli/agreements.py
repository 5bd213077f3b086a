"""This file defines the ``pamats agreements``  commands (owned by its issue; being built)."""

from .main import cli  # noqa: F401
