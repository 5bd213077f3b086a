"""This file defines the checks on names and values users type: slugs, keys, usernames, free
texts that have a column limit, and version numbers. Each refusal is an InputError (exit 2)
that says what is allowed, so nothing reaches the database that PostgreSQL would reject.
"""

from __future__ import annotations

import re

from ..errors import InputError

__all__ = ["check_key", "check_text", "check_version_number"]

_KEY = re.compile(r"[a-z0-9][a-z0-9_.-]*")


def check_key(value: str, what: str, limit: int = 64) -> None:
    """Slugs, organisation keys and usernames: lower-case letters, digits, '-', '_', '.' (no spaces, no '/')."""
    if not isinstance(value, str) or not _KEY.fullmatch(value) or len(value) > limit:
        raise InputError(
            f"{what} {value!r} is not allowed: use lower-case letters, digits, '-', '_' or '.', "
            f"starting with a letter or digit, at most {limit} characters",
            hint="no spaces, slashes or line breaks, e.g. marta-vrs",
        )


def check_text(value: str, what: str, limit: int) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"the {what} is empty")
    if len(value) > limit:
        raise InputError(
            f"the {what} is {len(value)} characters long; at most {limit} fit", hint="shorten it; nothing was written"
        )


def check_version_number(number: int | None) -> None:
    if number is not None and (not isinstance(number, int) or number < 1):
        raise InputError(
            f"version {number!r} does not exist: versions are numbered from 1",
            hint="leave the version out for the latest one",
        )
