"""This file defines the registry's own refusals (all PamatsError: the CLI prints them, exit 2)."""

from __future__ import annotations

from ..errors import AccessDenied, ConflictError, PamatsError

__all__ = ["NotFound", "TransitionRefused", "TamperError", "ConflictError", "AccessDenied"]


class NotFound(PamatsError):
    """No such agreement, version, organisation or user."""


class TransitionRefused(PamatsError):
    """The lifecycle does not allow this change now (wrong status, missing signatures, dates)."""


class TamperError(PamatsError):
    """Stored content no longer matches its hash (a signed version or the audit log was changed)."""
