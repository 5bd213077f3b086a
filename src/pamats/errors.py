"""This file defines the errors pamats reports to users.

A :class:`PamatsError` is a user's mistake (bad input, bad usage): the CLI prints its
message and exits with code 2, never a traceback. Each error can carry where it happened
(file and line) and a hint on how to fix it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Location", "PamatsError", "InputError", "ErrorList", "ConflictError", "AccessDenied"]


@dataclass(frozen=True)
class Location:
    """Where in a user's file a problem is: path, 1-based line and column (when known)."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        s = str(self.path)
        if self.line is not None:
            s += f":{self.line}"
            if self.column is not None:
                s += f":{self.column}"
        return s


class PamatsError(Exception):
    """Base class of errors caused by the user's input or usage (CLI exit code 2)."""

    exit_code = 2

    def __init__(self, message: str, *, location: Location | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint

    def __str__(self) -> str:
        prefix = f"{self.location}: " if self.location else ""
        text = f"{prefix}{self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class InputError(PamatsError):
    """A file the user gave is malformed (syntax, schema, reference)."""


@dataclass
class ErrorList(PamatsError):
    """Several input errors found in one pass; all are reported at once."""

    errors: list[PamatsError] = field(default_factory=list)

    def __post_init__(self) -> None:
        PamatsError.__init__(self, f"{len(self.errors)} error(s) in input")

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


class ConflictError(PamatsError):
    """Another writer changed the record first (optimistic locking); nothing was written."""


class AccessDenied(PamatsError):
    """The acting user's organisation may not see or change this record."""


def relpath(path: str | Path) -> str:
    """Path as the user would recognise it: relative to the working directory if inside it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)
