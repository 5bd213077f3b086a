"""This file defines English grammar helpers for generated texts."""

from __future__ import annotations

__all__ = ["a_or_an"]


def a_or_an(noun: str) -> str:
    """``noun`` with its indefinite article: "a regulation", "an order" (by its first letter)."""
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun
