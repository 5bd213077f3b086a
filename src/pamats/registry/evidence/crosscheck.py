"""This file defines the cross-check of an agreement's tables against its audit payloads.

The audit log is replayed (create, propose, transition, agreed_pdf, sign, comment, resolve,
obligation, obligation_done) into the state the registry wrote; the rows in the tables are read
back through the same fact functions (``facts.py``); every difference is a problem: a row
changed, added or deleted behind the registry's back, or a status set by hand.
"""

from __future__ import annotations

import json

from sqlalchemy import select

from ..models import Agreement, Comment, Obligation, Signature, Version
from .facts import agreed_pdf_facts, agreement_facts, comment_facts, obligation_facts, signature_facts, version_facts
from .models import AgreedPdf, SignedPdf

__all__ = ["crosscheck"]


def _replay(entries) -> dict:
    st: dict = {
        "agreement": None,
        "status": None,
        "versions": {},
        "agreed_pdfs": {},
        "signatures": {},
        "comments": {},
        "obligations": {},
    }
    for e in entries:
        p = json.loads(e.payload or "{}")
        row = p.get("row")
        if e.action == "create":
            st["agreement"], st["status"] = row, e.to_status
        elif e.action == "transition":
            st["status"] = e.to_status
        elif e.action == "propose" and row:
            st["versions"][row["version"]] = row
        elif e.action == "agreed_pdf" and row:
            st["agreed_pdfs"][row["version"]] = row
        elif e.action == "sign" and row:
            st["signatures"][(row["version"], row["organisation"])] = row
        elif e.action in ("comment", "reply") and row:  # a reply is a comment in a thread (workspace)
            st["comments"][row["id"]] = dict(row, resolved=False)
        elif e.action in ("resolve", "reopen") and p.get("comment") in st["comments"]:
            st["comments"][p["comment"]]["resolved"] = e.action == "resolve"
        elif e.action == "obligation" and row:
            st["obligations"][row["id"]] = dict(row, done=False)
        elif e.action == "obligation_done" and p.get("id") in st["obligations"]:
            st["obligations"][p["id"]]["done"] = True
    return st


def _diff(what: str, logged: dict, stored: dict) -> list[str]:
    out = []
    for k in sorted(set(logged) | set(stored), key=str):
        if k not in stored:
            out.append(f"{what} {k}: in the audit log but missing from the table (deleted behind the registry's back)")
        elif k not in logged:
            out.append(f"{what} {k}: in the table but not in the audit log (added behind the registry's back)")
        elif logged[k] != stored[k]:
            fields = sorted(f for f in set(logged[k]) | set(stored[k]) if logged[k].get(f) != stored[k].get(f))
            out.append(
                f"{what} {k}: {', '.join(fields)} differ from the audit log (changed behind the registry's back)"
            )
    return out


def crosscheck(s, a: Agreement, entries) -> list[str]:
    log = _replay(entries)
    problems: list[str] = []
    if log["agreement"] is None:
        return [f"agreement {a.slug!r}: no create entry in the audit log"]
    if log["agreement"] != agreement_facts(a):
        problems += _diff("agreement", {a.slug: log["agreement"]}, {a.slug: agreement_facts(a)})
    if log["status"] != a.status:
        problems.append(
            f"agreement {a.slug!r}: status is {a.status} but the audit log says {log['status']} "
            f"(set behind the registry's back)"
        )
    versions = {v.id: v for v in s.scalars(select(Version).where(Version.agreement_id == a.id))}
    problems += _diff(
        "version", log["versions"], {v.number: version_facts(v, v.proposed_by.username) for v in versions.values()}
    )
    aps = list(s.scalars(select(AgreedPdf).where(AgreedPdf.agreement_id == a.id)))
    problems += _diff(
        "agreed PDF of version",
        log["agreed_pdfs"],
        {
            versions[p.version_id].number if p.version_id in versions else f"?{p.version_id}": agreed_pdf_facts(
                versions[p.version_id].number if p.version_id in versions else None, p
            )
            for p in aps
        },
    )
    stored_sigs = {}
    for g in s.scalars(select(Signature).where(Signature.agreement_id == a.id)):
        sp = s.scalar(select(SignedPdf).where(SignedPdf.signature_id == g.id))
        vn = versions[g.version_id].number if g.version_id in versions else None
        stored_sigs[(vn, g.organisation.key)] = signature_facts(vn, g.organisation.key, g, sp)
    problems += _diff("signature", log["signatures"], stored_sigs)
    problems += _diff(
        "comment",
        log["comments"],
        {
            c.id: dict(comment_facts(c, c.organisation.key), resolved=c.resolved)
            for c in s.scalars(select(Comment).where(Comment.agreement_id == a.id))
        },
    )
    problems += _diff(
        "obligation",
        log["obligations"],
        {
            o.id: dict(obligation_facts(o, o.organisation.key), done=o.done)
            for o in s.scalars(select(Obligation).where(Obligation.agreement_id == a.id))
        },
    )
    return problems
