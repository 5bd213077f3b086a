"""This file defines the relations between actors that decide whom an internal act binds.

Subordination (*pakļautība*, ``Actor.subordinate_to``) is a chain: an institution is bound by
the internal orders of every actor above it. :func:`superiors` walks it once (a chain the loader
let through with a loop stops at the loop), :func:`is_subordinate` asks it. The checker, the
order interview and the drafting lint all ask here.
"""

from __future__ import annotations

from collections.abc import Mapping

from .model import Actor

__all__ = ["superiors", "is_subordinate"]


def superiors(actors: Mapping[str, Actor], key: str) -> tuple[str, ...]:
    """The actors ``key`` is subordinate to, nearest first (empty for an unknown actor)."""
    out: list[str] = []
    cur = actors[key].subordinate_to if key in actors else None
    while cur and cur in actors and cur not in out and cur != key:
        out.append(cur)
        cur = actors[cur].subordinate_to
    return tuple(out)


def is_subordinate(actors: Mapping[str, Actor], key: str, issuer: str) -> bool:
    """True when ``key`` is subordinate to ``issuer``, directly or through its superiors."""
    return issuer in superiors(actors, key)
