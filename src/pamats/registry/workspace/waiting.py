"""This file defines what waits for one person: the "waiting for you" list of the dashboard.

Computed from the registry's rows on every call (no state anywhere else), for the agreements
the account's organisation is party to:

- ``decide``: an open suggestion of another party (for those who may decide: negotiators,
  signatories);
- ``reply``: an open comment thread the person wrote in whose latest comment is someone else's;
- ``review``: the latest version, proposed by another party while the text may change, with no
  action of the person's organisation since (no comment, suggestion, version or decision);
- ``sign``: an agreed text the person's organisation has not signed (for signatories);
- ``due``: an obligation of the organisation, or a notice, renewal or end date of the agreement,
  in the next 30 days or overdue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from ..models import Agreement, AgreementParty, AuditEntry, Comment, Obligation, Signature, User, Version
from ..models_workspace import Suggestion
from .access import Principal, can, latest_versions, membership
from .points import instrument_of, point_map

__all__ = ["WaitingMixin", "Waiting", "WAITING_KINDS", "DUE_WITHIN"]

WAITING_KINDS = ("sign", "decide", "reply", "review", "due")
DUE_WITHIN = dt.timedelta(days=30)
_EDITABLE = ("draft", "negotiation")
_LIVE = ("draft", "negotiation", "agreed", "signed", "in_force")


@dataclass(frozen=True)
class Waiting:
    kind: str  # WAITING_KINDS
    slug: str
    title: str
    ref: int | None = None  # suggestion / thread id, version number
    point: str | None = None  # the point's computed number
    organisation: str | None = None  # whose suggestion, reply, version
    date: dt.date | None = None  # due items
    what: str | None = None  # due: obligation | notice | renewal | term_end
    text: str | None = None  # due: the obligation's text
    overdue: bool = False


class WaitingMixin:
    reg: object

    def waiting(self, p: Principal, *, today: dt.date | None = None) -> list[Waiting]:
        """Everything waiting for this person, signatures and decisions first, then by date."""
        today = today or self.reg.now().date()
        out: list[Waiting] = []
        with self.reg.tx() as s:
            m = membership(s, p)
            if m is None:
                return []
            org_id, role = m.organisation_id, m.role
            ids = select(AgreementParty.agreement_id).where(AgreementParty.organisation_id == org_id)
            agreements = {
                a.id: a for a in s.scalars(select(Agreement).where(Agreement.id.in_(ids), Agreement.status.in_(_LIVE)))
            }
            if not agreements:
                return []
            aids = list(agreements)
            latest = {v.agreement_id: v for v in s.scalars(select(Version).where(latest_versions(aids)))}
            points: dict[int, dict] = {}

            def number(aid: int, node: str) -> str:
                if aid not in points:
                    points[aid] = point_map(instrument_of(latest[aid])) if aid in latest else {}
                return str(points[aid].get(node, {}).get("number") or node)

            # sign
            if can(role, "sign"):
                signed = set(
                    s.scalars(
                        select(Signature.version_id).where(
                            Signature.organisation_id == org_id,
                            Signature.version_id.in_([v.id for v in latest.values()]),
                        )
                    )
                )
                for aid, a in agreements.items():
                    v = latest.get(aid)
                    if a.status == "agreed" and v is not None and v.id not in signed:
                        out.append(Waiting("sign", a.slug, a.title, ref=v.number))
            # decide
            if can(role, "decide"):
                for x in s.scalars(
                    select(Suggestion)
                    .where(
                        Suggestion.agreement_id.in_(aids),
                        Suggestion.status == "open",
                        Suggestion.organisation_id != org_id,
                    )
                    .order_by(Suggestion.id)
                ):
                    a = agreements[x.agreement_id]
                    if a.status in _EDITABLE:
                        out.append(
                            Waiting(
                                "decide",
                                a.slug,
                                a.title,
                                ref=x.id,
                                point=number(a.id, x.node_id),
                                organisation=x.organisation.key,
                            )
                        )
            # reply: threads I wrote in whose latest comment is someone else's
            mine = select(Comment.id).where(Comment.user_id == m.user_id, Comment.agreement_id.in_(aids))
            roots = set(s.scalars(select(func.coalesce(Comment.thread_id, Comment.id)).where(Comment.id.in_(mine))))
            if roots:
                rows = s.execute(
                    select(Comment).where((Comment.id.in_(roots)) | (Comment.thread_id.in_(roots))).order_by(Comment.id)
                ).scalars()
                threads: dict[int, list[Comment]] = {}
                for c in rows:
                    threads.setdefault(c.thread_id or c.id, []).append(c)
                for root_id, cs in sorted(threads.items()):
                    root, newest = cs[0], cs[-1]
                    a = agreements.get(root.agreement_id)
                    if (
                        a is None
                        or root.resolved
                        or newest.user_id == m.user_id
                        or a.status not in _EDITABLE + ("agreed",)
                    ):
                        continue
                    out.append(
                        Waiting(
                            "reply",
                            a.slug,
                            a.title,
                            ref=root_id,
                            point=number(a.id, root.node_id),
                            organisation=newest.organisation.key,
                        )
                    )
            # review: the other party's latest version, nothing done by us since
            ours = select(User.username).where(User.organisation_id == org_id)
            acted = dict(
                s.execute(
                    select(AuditEntry.agreement_id, func.max(AuditEntry.at))
                    .where(AuditEntry.agreement_id.in_(aids), AuditEntry.username.in_(ours))
                    .group_by(AuditEntry.agreement_id)
                ).all()
            )
            for aid, v in latest.items():
                a = agreements[aid]
                if a.status not in _EDITABLE or v.proposed_by.organisation_id == org_id:
                    continue
                since = acted.get(aid)
                if since is None or _utc(since) <= _utc(v.proposed_at):
                    out.append(
                        Waiting("review", a.slug, a.title, ref=v.number, organisation=v.proposed_by.organisation.key)
                    )
            # due
            until = today + DUE_WITHIN
            for o in s.scalars(
                select(Obligation)
                .where(
                    Obligation.agreement_id.in_(aids),
                    Obligation.organisation_id == org_id,
                    Obligation.done.is_(False),
                    Obligation.due <= until,
                )
                .order_by(Obligation.due)
            ):
                a = agreements[o.agreement_id]
                out.append(
                    Waiting(
                        "due",
                        a.slug,
                        a.title,
                        ref=o.id,
                        date=o.due,
                        what="obligation",
                        text=o.description,
                        overdue=o.due < today,
                    )
                )
            for a in agreements.values():
                for what, d in (("notice", a.notice_date), ("renewal", a.renewal_date), ("term_end", a.term_end)):
                    if d and d <= until:
                        out.append(Waiting("due", a.slug, a.title, date=d, what=what, overdue=d < today))
        order = {k: i for i, k in enumerate(WAITING_KINDS)}
        return sorted(out, key=lambda w: (order[w.kind], w.date or dt.date.min, w.slug, w.ref or 0))


def _utc(d: dt.datetime) -> dt.datetime:
    return d if d.tzinfo is not None else d.replace(tzinfo=dt.UTC)
