"""This file defines the check of organisations, users, memberships, invitations and certificate
ties against each organisation's log (``ws_org_audit``) and against the signed checkpoints.

The log is replayed (``baseline``, ``org_create``, ``user_add``, ``invite``, ``join``, ``role``,
``remove``, ``cert_tie``) into the rows the registry wrote; the tables are read back through the
same facts functions (``orglog.py``); every difference is a problem (a row changed, added,
deleted or moved to another organisation behind the registry's back). The chain itself must be
unbroken, and its head must match the newest checkpoint signed with the deployment key (and an
exported checkpoint file), so a recomputed or truncated log is reported too.
"""

from __future__ import annotations

import json

from sqlalchemy import select

from .. import orglog
from ..models import Organisation, User
from ..models_workspace import Invitation, Membership, OrgAuditEntry
from .crosscheck import _diff
from .models import OrgCertificate

__all__ = ["org_problems", "tie_facts", "org_heads"]


def tie_facts(t, organisation_key: str) -> dict:
    return {
        "id": t.id,
        "organisation": organisation_key,
        "kind": t.kind,
        "attribute": t.attribute,
        "value": t.value,
        "label": t.label,
    }


def _replay(rows) -> dict:
    st: dict = {"organisation": None, "users": {}, "memberships": {}, "invitations": {}, "ties": {}}
    for e in rows:
        p = json.loads(e.payload or "{}")
        row = p.get("row")
        if e.action == "baseline":
            st["organisation"] = p["organisation"]
            st["users"] = {u["username"]: u for u in p.get("users", [])}
            st["memberships"] = {m["account"]: m for m in p.get("memberships", [])}
            st["invitations"] = {i["id"]: i for i in p.get("invitations", [])}
        elif e.action == "org_create":
            st["organisation"] = {"key": p.get("key"), "name": p.get("name")}
        elif e.action == "user_add" and row:
            st["users"][row["username"]] = row
        elif e.action == "invite" and row:
            st["invitations"][row["id"]] = row
        elif e.action in ("join", "role", "remove") and row:
            st["memberships"][row["account"]] = row
            if p.get("user"):
                st["users"][p["user"]["username"]] = p["user"]
            if p.get("invitation_row"):
                st["invitations"][p["invitation_row"]["id"]] = p["invitation_row"]
        elif e.action == "cert_tie" and row:
            st["ties"][row["id"]] = row
    return st


def _stored(s, o: Organisation) -> dict:
    names = dict(s.execute(select(User.id, User.username)).all())
    return {
        "organisation": orglog.organisation_facts(o),
        "users": {
            u.username: orglog.user_facts(u, o.key) for u in s.scalars(select(User).where(User.organisation_id == o.id))
        },
        "memberships": {
            m.account_id: orglog.membership_facts(m, o.key, names.get(m.user_id))
            for m in s.scalars(select(Membership).where(Membership.organisation_id == o.id))
        },
        "invitations": {
            i.id: orglog.invitation_facts(i, o.key)
            for i in s.scalars(select(Invitation).where(Invitation.organisation_id == o.id))
        },
        "ties": {
            t.id: tie_facts(t, o.key)
            for t in s.scalars(select(OrgCertificate).where(OrgCertificate.organisation_id == o.id))
        },
    }


def org_heads(s) -> dict:
    """Organisation key -> [last seq, its hash] (what a checkpoint signs beside the agreements' heads)."""
    out: dict = {}
    keys = dict(s.execute(select(Organisation.id, Organisation.key)).all())
    for oid, seq, h in s.execute(
        select(OrgAuditEntry.organisation_id, OrgAuditEntry.seq, OrgAuditEntry.hash).order_by(
            OrgAuditEntry.organisation_id, OrgAuditEntry.seq
        )
    ):
        out[keys.get(oid, f"#{oid}")] = [seq, h]
    return out


def org_problems(s, keys: list[str] | None, checkpoints: list[tuple[str, dict]]) -> list[str]:
    """Problems of the organisations ``keys`` (None: all); ``checkpoints``: (where, body) already verified."""
    from .checkpoint import compare_heads

    orgs = list(s.scalars(select(Organisation).order_by(Organisation.key)))
    known = {o.id for o in orgs}
    if keys is not None:
        orgs = [o for o in orgs if o.key in keys]
    problems: list[str] = []
    if keys is None:  # a log whose organisation row is gone: deleted behind the registry's back
        for oid in sorted(set(s.scalars(select(OrgAuditEntry.organisation_id).distinct())) - known):
            problems.append(
                f"organisation #{oid}: in its log but missing from the table (deleted behind the registry's back)"
            )
    for o in orgs:
        rows = orglog.entries(s, o.id)
        what = f"organisation {o.key!r}"
        problems += orglog.chain_problems(o.key, rows)
        log = _replay(rows)
        if log["organisation"] is None:
            problems.append(f"{what}: its log has no creation entry (added behind the registry's back)")
            continue
        st = _stored(s, o)
        problems += _diff("organisation", {o.key: log["organisation"]}, {o.key: st["organisation"]})
        problems += _diff(f"user of {o.key!r}", log["users"], st["users"])
        problems += _diff(f"membership in {o.key!r} of account", log["memberships"], st["memberships"])
        problems += _diff(f"invitation to {o.key!r}", log["invitations"], st["invitations"])
        problems += _diff(f"certificate tie of {o.key!r}", log["ties"], st["ties"])
        chain = {e.seq: e.hash for e in rows}
        for where, body in checkpoints:
            head = (body.get("orgs") or {}).get(o.key)
            if head:
                problems += [
                    p.replace(f"audit log of {o.key!r}", f"membership log of organisation {o.key!r}")
                    for p in compare_heads(o.key, head, chain, where)
                ]
    if keys is None:
        present = {o.key for o in orgs}
        for where, body in checkpoints:
            for k in sorted(set(body.get("orgs") or {}) - present):
                problems.append(f"organisation {k!r}: {where} signed its log, but it is missing from the table")
    return problems
