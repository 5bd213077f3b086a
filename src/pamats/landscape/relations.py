"""This file defines the relations between actors that decide whom an internal act binds.

Subordination (*pakļautība*, ``Actor.subordinate_to``) is a chain: an institution is bound by
the internal orders of every actor above it. :func:`superiors` walks it once (a chain the loader
let through with a loop stops at the loop), :func:`is_subordinate` asks it. Supervision
(*pārraudzība*, ``Actor.supervised_by``; VPIL s.7(5): the supervisor may check a decision's
legality, not give orders) is not subordination and is never followed here: a ministry's order
does not bind an institution it only supervises (SIVA under the Welfare Minister, SPSPL
s.15.¹(1)). The order interview and the drafting lint ask here; the checker's index builds the
same chain once per landscape.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .model import Actor, Instrument

__all__ = ["superiors", "is_subordinate", "issued_under"]


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


def issued_under(instruments: Iterable[Instrument], kind: str, instrument: str, provision: str) -> list[Instrument]:
    """The instruments of ``kind`` issued under the provision ``instrument``/``provision``. One
    mandate, one act (MK Reg. No. 108 paras 3.1-3.2): where one is in force, a new norm under that
    mandate belongs in an amendment to it (the remedies say so, and lint LT016 warns a draft)."""
    return [
        i
        for i in instruments
        if i.kind == kind and any(e.instrument == instrument and e.provision == provision for e in i.empowered_by)
    ]
