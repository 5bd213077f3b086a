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
from ..models import Agreement, AgreementParty, Comment, Organisation, Signature, User, Version
from ..models_workspace import RecheckVerdict, Suggestion
from .access import Principal, latest_versions, membership

__all__ = ["DashboardMixin", "whose_move"]

_FAR = dt.timedelta(days=3650)


def whose_move(
    status: str, parties: list[str], latest_by: str | None, open_by: list[str], signed: list[str]
) -> list[str]:
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
            mine = set(
                s.scalars(
                    select(AgreementParty.agreement_id).where(AgreementParty.organisation_id == m.organisation_id)
                )
            )
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
                    row.previous = new  # the change has been seen twice now: no longer news
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
            agreements = list(s.scalars(select(Agreement).where(Agreement.id.in_(ids)).order_by(Agreement.slug)))
            aids = [a.id for a in agreements]
            # one query per kind of fact for all agreements (not per agreement)
            latest = {
                r.agreement_id: r
                for r in s.execute(
                    select(Version.agreement_id, Version.id, Version.number, Version.proposed_at, Organisation.key)
                    .join(User, User.id == Version.proposed_by_id)
                    .join(Organisation, Organisation.id == User.organisation_id)
                    .where(latest_versions(aids))
                )
            }
            open_by: dict[int, list[str]] = {}
            for aid, key in s.execute(
                select(Suggestion.agreement_id, Organisation.key)
                .join(Organisation, Organisation.id == Suggestion.organisation_id)
                .where(Suggestion.agreement_id.in_(aids), Suggestion.status == "open")
            ):
                open_by.setdefault(aid, []).append(key)
            threads = dict(
                s.execute(
                    select(Comment.agreement_id, func.count(Comment.id))
                    .where(Comment.agreement_id.in_(aids), Comment.thread_id.is_(None), Comment.resolved.is_(False))
                    .group_by(Comment.agreement_id)
                ).all()
            )
            signed: dict[int, list[str]] = {}
            for vid, key in s.execute(
                select(Signature.version_id, Organisation.key)
                .join(Organisation, Organisation.id == Signature.organisation_id)
                .where(Signature.version_id.in_([r.id for r in latest.values()]))
            ):
                signed.setdefault(vid, []).append(key)
            checks = {
                r.agreement_id: r
                for r in s.scalars(select(RecheckVerdict).where(RecheckVerdict.agreement_id.in_(aids)))
            }
            rows = []
            for a in agreements:
                parties = [x.organisation.key for x in a.parties]
                v = latest.get(a.id)
                by = open_by.get(a.id, [])
                move = whose_move(a.status, parties, v.key if v else None, by, signed.get(v.id, []) if v else [])
                rc = checks.get(a.id)
                rows.append(
                    {
                        "slug": a.slug,
                        "title": a.title,
                        "status": a.status,
                        "parties": parties,
                        "version": v.number if v else 0,
                        "version_by": v.key if v else None,
                        "version_at": v.proposed_at if v else None,
                        "whose_move": move,
                        "your_move": me in move,
                        "open_threads": threads.get(a.id, 0),
                        "open_suggestions": len(by),
                        "suggestions_for_you": sum(1 for k in by if k != me),
                        "recheck": None
                        if rc is None
                        else {
                            **json.loads(rc.verdict),
                            "at": rc.at,
                            "changed": rc.previous is not None and rc.previous != rc.verdict,
                            "previous": json.loads(rc.previous) if rc.previous else None,
                        },
                        "next_due": None,
                    }
                )
        due = self.reg.due(username, within=_FAR, today=today)
        for r in rows:
            nxt = next((d for d in due if d["slug"] == r["slug"]), None)
            if nxt is not None:
                r["next_due"] = {
                    "date": nxt["date"],
                    "what": nxt["what"],
                    "text": nxt["text"],
                    "overdue": nxt["overdue"],
                    "days": (nxt["date"] - today).days,
                }
        return {"me": me, "role": role, "agreements": rows, "waiting_for_you": sum(1 for r in rows if r["your_move"])}
