"""This file defines the append-only, hash-chained audit log of each agreement.

Each entry stores the previous entry's hash and its own hash over (previous hash + canonical
entry). Rewriting, deleting or inserting an entry breaks the chain; :func:`verify` finds it.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import chain
from .errors import TamperError
from .hashing import canonical
from .models import Agreement, AuditEntry

__all__ = ["append", "verify", "entries", "entry_body", "as_dict"]


def _iso(d: dt.datetime) -> str:
    if d.tzinfo is None:
        d = d.replace(tzinfo=dt.UTC)
    return d.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_body(e: AuditEntry) -> dict:
    """What an entry's hash covers (besides the previous hash)."""
    return {
        "agreement": e.agreement_id,
        "seq": e.seq,
        "at": _iso(e.at),
        "user": e.username,
        "action": e.action,
        "from": e.from_status,
        "to": e.to_status,
        "reason": e.reason,
        "payload": e.payload,
    }


def append(
    s: Session,
    a: Agreement,
    username: str,
    at: dt.datetime,
    action: str,
    *,
    from_status: str | None = None,
    to_status: str | None = None,
    reason: str | None = None,
    payload: dict | None = None,
) -> AuditEntry:
    """The agreement's next entry (its row locked meanwhile: see :func:`pamats.registry.chain.append`)."""
    return chain.append(
        s,
        AuditEntry,
        a,
        "agreement_id",
        entry_body,
        at=at,
        username=username,
        action=action,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        payload=canonical(payload or {}),
    )


def entries(s: Session, agreement_id: int) -> list[AuditEntry]:
    return list(s.scalars(select(AuditEntry).where(AuditEntry.agreement_id == agreement_id).order_by(AuditEntry.seq)))


def verify(s: Session, a: Agreement) -> int:
    """Check the chain; returns the number of entries or raises TamperError naming the first bad one."""
    rows = entries(s, a.id)
    bad = chain.first_break(rows, entry_body)
    if bad is not None:
        kind, n, e = bad
        if kind == "missing":
            raise TamperError(f"audit log of {a.slug!r}: entry {n} is missing (found seq {e.seq}); refused")
        raise TamperError(f"audit log of {a.slug!r}: entry {n} ({e.action}) was rewritten; refused")
    return len(rows)


def as_dict(e: AuditEntry) -> dict:
    return {
        "seq": e.seq,
        "at": e.at,
        "user": e.username,
        "action": e.action,
        "from": e.from_status,
        "to": e.to_status,
        "reason": e.reason,
        "payload": json.loads(e.payload),
        "hash": e.hash,
    }
