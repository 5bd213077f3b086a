"""This file defines the one hash chain under the registry's two logs: each agreement's audit log
(:mod:`pamats.registry.audit`) and each organisation's log (:mod:`pamats.registry.orglog`).

An entry stores its number in its owner's chain (``seq``), the previous entry's hash and its own
hash over (previous hash + the log's canonical entry body). :func:`append` first locks the
owner's row (the agreement or the organisation: ``SELECT … FOR NO KEY UPDATE`` on PostgreSQL; SQLite
serialises writers itself), so two transactions appending to one chain at once (say two
colleagues logging in for the first time) are served one after the other, each after the
other's last entry, instead of both taking the same number. :func:`first_break` finds the first
entry that is missing, moved or rewritten.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from .hashing import GENESIS, chain_hash

__all__ = ["append", "first_break"]


def append(s: Session, entry_cls, owner, owner_field: str, body: Callable[[object], dict], **fields):
    """Add the next entry of ``owner``'s chain: ``entry_cls(**fields)`` with its owner, number and hashes."""
    owner_cls = type(owner)
    # FOR NO KEY UPDATE: appenders queue on it, while rows that merely refer to the owner (a new
    # membership's foreign key takes FOR KEY SHARE) do not block it, so no two appenders deadlock
    s.execute(select(owner_cls.id).where(owner_cls.id == owner.id).with_for_update(key_share=True))
    last = s.scalar(
        select(entry_cls).where(getattr(entry_cls, owner_field) == owner.id).order_by(entry_cls.seq.desc()).limit(1)
    )
    prev = last.hash if last else GENESIS
    e = entry_cls(**{owner_field: owner.id}, seq=(last.seq + 1) if last else 1, prev_hash=prev, **fields)
    e.hash = chain_hash(prev, body(e))
    s.add(e)
    return e


def first_break(rows: Sequence, body: Callable[[object], dict]) -> tuple[str, int, object] | None:
    """The first break of a chain read in ``seq`` order: ("missing", expected number, entry) or
    ("rewritten", its number, entry); None when the chain holds."""
    prev = GENESIS
    for i, e in enumerate(rows, start=1):
        if e.seq != i:
            return "missing", i, e
        if e.prev_hash != prev or chain_hash(prev, body(e)) != e.hash:
            return "rewritten", e.seq, e
        prev = e.hash
    return None
