"""This file defines the dashboard: an organisation's agreements and what waits for it.

Per agreement: status, latest version (number, which party proposed it, when), whose move it
is, open comment threads and open suggestions, the next due date (obligations, term end,
notice, renewal; overdue ones included) and the last legal-basis verdict (``recheck``) with
a warning when it changed since the check before.

Whose move: while the text may change, the parties other than the author of an open
suggestion (they decide on it), otherwise the parties other than the one that proposed the
latest version (they answer it); once agreed, the parties that have not signed the latest
version; afterwards nobody.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import func, select

from ..hashing import canonical
from ..models import Agreement, AgreementParty, Comment, Signature, Version
from ..models_workspace import RecheckVerdict, Suggestion
from .access import Principal, membership

__all__ = ["DashboardMixin", "whose_move"]

_FAR = dt.timedelta(days=3650)


def whose_move(status: str, parties: list[str], latest_by: str | None, open_by: list[str],
               signed: list[str]) -> list[str]:
    if status in ("draft", "negotiation"):
        if open_by:
            return [k for k in parties if any(k != o for o in open_by)]
        if latest_by is None:
            return list(parties)
        return [k for k in parties if k != latest_by]
    if status == "agreed":
        return [k for k in parties if k not in signed]
    return []


def _verdict(check) -> dict:
    return {"ok": bool(check.ok), "problems": sorted({x.get("code", "?") for x in check.problems})}


class DashboardMixin:
    reg: object

    def record_recheck(self, p: Principal, checks: list) -> list[str]:
        """Store the verdicts of ``pamats.registry.recheck.recheck`` (AgreementCheck list) for the
        agreements the account sees; returns the slugs whose verdict changed."""
        changed = []
        with self.reg.tx() as s:
            m = membership(s, p)
            if m is None:
                return []
            mine = set(s.scalars(select(AgreementParty.agreement_id)
                                 .where(AgreementParty.organisation_id == m.organisation_id)))
            for c in checks:
                a = s.scalar(select(Agreement).where(Agreement.slug == c.slug))
                if a is None or a.id not in mine:
                    continue
                new = canonical(_verdict(c))
                row = s.get(RecheckVerdict, a.id)
                if row is None:
                    s.add(RecheckVerdict(agreement_id=a.id, verdict=new, previous=None, at=self.reg.now()))
                    continue
                if row.verdict != new:
                    changed.append(a.slug)
                    row.previous = row.verdict
                elif row.previous is not None and row.previous != new:
                    row.previous = new   # the change has been seen twice now: no longer news
                row.verdict, row.at = new, self.reg.now()
        return changed

    def dashboard(self, p: Principal, *, today: dt.date | None = None) -> dict:
        today = today or self.reg.now().date()
        with self.reg.tx() as s:
            m = membership(s, p)
            if m is None:
                return {"me": None, "agreements": [], "waiting_for_you": 0}
            me, username, role = m.organisation.key, m.user.username, m.role
            ids = select(AgreementParty.agreement_id).where(AgreementParty.organisation_id == m.organisation_id)
            rows = []
            for a in s.scalars(select(Agreement).where(Agreement.id.in_(ids)).order_by(Agreement.slug)):
                parties = [x.organisation.key for x in a.parties]
                v = s.scalar(select(Version).where(Version.agreement_id == a.id)
                             .order_by(Version.number.desc()).limit(1))
                latest_by = v.proposed_by.organisation.key if v is not None else None
                open_sg = list(s.scalars(select(Suggestion).where(Suggestion.agreement_id == a.id,
                                                                  Suggestion.status == "open")))
                open_threads = s.scalar(select(func.count(Comment.id)).where(
                    Comment.agreement_id == a.id, Comment.thread_id.is_(None), Comment.resolved.is_(False)))
                signed = [g.organisation.key for g in s.scalars(select(Signature).where(
                    Signature.agreement_id == a.id, Signature.version_id == (v.id if v is not None else -1)))]
                move = whose_move(a.status, parties, latest_by, [x.organisation.key for x in open_sg], signed)
                rc = s.get(RecheckVerdict, a.id)
                rows.append({
                    "slug": a.slug, "title": a.title, "status": a.status, "parties": parties,
                    "version": v.number if v is not None else 0, "version_by": latest_by,
                    "version_at": v.proposed_at if v is not None else None,
                    "whose_move": move, "your_move": me in move,
                    "open_threads": open_threads, "open_suggestions": len(open_sg),
                    "suggestions_for_you": sum(1 for x in open_sg if x.organisation.key != me),
                    "recheck": None if rc is None else {**json.loads(rc.verdict), "at": rc.at,
                                                        "changed": rc.previous is not None and rc.previous != rc.verdict,
                                                        "previous": json.loads(rc.previous) if rc.previous else None},
                    "next_due": None,
                })
        due = self.reg.due(username, within=_FAR, today=today)
        for r in rows:
            nxt = next((d for d in due if d["slug"] == r["slug"]), None)
            if nxt is not None:
                r["next_due"] = {"date": nxt["date"], "what": nxt["what"], "text": nxt["text"],
                                 "overdue": nxt["overdue"], "days": (nxt["date"] - today).days}
        return {"me": me, "role": role, "agreements": rows, "waiting_for_you": sum(1 for r in rows if r["your_move"])}
