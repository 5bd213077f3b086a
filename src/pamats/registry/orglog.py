"""This file defines each organisation's hash-chained log (table ``ws_org_audit``) and the facts it carries.

Every write to an organisation, its users, its workspace memberships and roles, its invitations
and its tied signing certificates is one entry of that organisation's chain whose payload carries
the row as written (``row``; the facts functions below). The command line and the workspace write
through :func:`append`; ``evidence/orgcheck.py`` replays the chain against the tables and the
checkpoints kept outside the database. A ``baseline`` entry (migration 0005) records the rows
that existed before the log covered them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import chain
from .hashing import canonical
from .models_workspace import OrgAuditEntry

__all__ = [
    "append",
    "entry_body",
    "entries",
    "chain_problems",
    "utc",
    "organisation_facts",
    "user_facts",
    "membership_facts",
    "invitation_facts",
    "CLI_ACTOR",
]

CLI_ACTOR = "registry-admin"  # the command line's administration (orgs, users, org-cert): not an account


def utc(d: dt.datetime | None) -> str | None:
    """The same text for a timestamp on every backend (SQLite hands it back without a zone)."""
    if d is None:
        return None
    d = d if d.tzinfo is not None else d.replace(tzinfo=dt.UTC)
    return d.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_body(e: OrgAuditEntry) -> dict:
    return {
        "organisation": e.organisation_id,
        "seq": e.seq,
        "at": utc(e.at),
        "actor": e.actor,
        "action": e.action,
        "payload": e.payload,
    }


def append(s: Session, org, actor: str, at: dt.datetime, action: str, payload: dict) -> OrgAuditEntry:
    """The organisation's next entry (its row locked meanwhile: see :func:`pamats.registry.chain.append`)."""
    return chain.append(
        s,
        OrgAuditEntry,
        org,
        "organisation_id",
        entry_body,
        at=at,
        actor=actor,
        action=action,
        payload=canonical(payload),
    )


def entries(s: Session, organisation_id: int) -> list[OrgAuditEntry]:
    return list(
        s.scalars(
            select(OrgAuditEntry).where(OrgAuditEntry.organisation_id == organisation_id).order_by(OrgAuditEntry.seq)
        )
    )


def chain_problems(key: str, rows: list[OrgAuditEntry]) -> list[str]:
    """The first break in an organisation's chain (rewritten, missing or reordered entry), else []."""
    bad = chain.first_break(rows, entry_body)
    if bad is None:
        return []
    kind, n, e = bad
    if kind == "missing":
        return [f"membership log of organisation {key!r}: entry {n} is missing (found seq {e.seq})"]
    return [f"membership log of organisation {key!r}: entry {n} ({e.action}) was rewritten or moved"]


# -- the facts each entry carries (the same functions read the tables back in orgcheck.py) --------------
def organisation_facts(o) -> dict:
    return {"key": o.key, "name": o.name}


def user_facts(u, organisation_key: str) -> dict:
    return {"username": u.username, "name": u.name, "organisation": organisation_key}


def membership_facts(m, organisation_key: str, username: str) -> dict:
    return {
        "account": m.account_id,
        "email": m.email,
        "organisation": organisation_key,
        "username": username,
        "role": m.role,
        "admin": bool(m.org_admin),
        "active": bool(m.active),
        "since": utc(m.since),
    }


def invitation_facts(i, organisation_key: str) -> dict:
    return {
        "id": i.id,
        "organisation": organisation_key,
        "email": i.email,
        "role": i.role,
        "admin": bool(i.org_admin),
        "invited_by": i.invited_by,
        "accepted_account": i.accepted_account,
    }
