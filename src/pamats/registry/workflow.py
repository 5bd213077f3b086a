"""This file defines the registry's workflow operations: transitions, comments,
obligations, due dates and the audit trail (mixed into :class:`pamats.registry.store.Registry`).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from ..errors import InputError
from . import audit as _audit
from .errors import NotFound, TransitionRefused
from .evidence.facts import comment_facts, obligation_facts
from .lifecycle import TRANSITIONS, allowed
from .models import Agreement, AgreementParty, Comment, Obligation, Version

__all__ = ["WorkflowMixin"]


class WorkflowMixin:
    # -- lifecycle ---------------------------------------------------------------------------
    def _guard(self, s, a: Agreement, to: str, today: dt.date) -> None:
        if not allowed(a.status, to):
            nxt = ", ".join(TRANSITIONS.get(a.status, ())) or "none (final)"
            raise TransitionRefused(
                f"agreement {a.slug!r} is {a.status}; it cannot become {to}", hint=f"allowed from {a.status}: {nxt}"
            )
        if to == "signed":
            self.check_signed(s, a)
        elif to == "in_force":
            self.check_signed(s, a)
            if a.term_start and today < a.term_start:
                raise TransitionRefused(f"agreement {a.slug!r} starts on {a.term_start}; not in force before that")
        elif to == "expired":
            if not a.term_end or today <= a.term_end:
                raise TransitionRefused(f"agreement {a.slug!r} has not expired (term end {a.term_end or 'not set'})")
        elif to == "agreed":
            if self._latest(s, a) is None:
                raise TransitionRefused(f"agreement {a.slug!r} has no version to agree on")
            from .models_workspace import PartyInvitation

            waiting = s.scalar(
                select(PartyInvitation.name)
                .where(PartyInvitation.agreement_id == a.id, PartyInvitation.joined_at.is_(None))
                .limit(1)
            )
            if waiting is not None:
                raise TransitionRefused(
                    f"puse {waiting[:100]!r} vēl nav pievienojusies līgumam / "
                    f"party {waiting[:100]!r} has not joined agreement {a.slug!r} yet",
                    hint="the server administrator registers its organisation first",
                )

    def transition(
        self, user: str, slug: str, to: str, *, reason: str | None = None, expected_row: int | None = None
    ) -> dict:
        """Change status; date guards use the registry's clock (the server's; tests inject one)."""
        today = self.now().date()
        with self.tx() as s:
            u = self._user(s, user)
            a = self._agreement(s, u, slug)
            self._expect(a, expected_row)
            if to not in TRANSITIONS:
                raise InputError(f"unknown status {to!r}", hint="one of: " + ", ".join(TRANSITIONS))
            self._guard(s, a, to, today)
            src, a.status = a.status, to
            self._touch(a)
            _audit.append(s, a, u.username, self.now(), "transition", from_status=src, to_status=to, reason=reason)
            return {"slug": slug, "from": src, "to": to}

    # -- comments ------------------------------------------------------------------------------
    def comment(self, user: str, slug: str, node_id: str, text: str, *, version: int | None = None) -> int:
        with self.tx() as s:
            u = self._user(s, user)
            a = self._agreement(s, u, slug)
            v = (
                self._latest(s, a)
                if version is None
                else s.scalar(select(Version).where(Version.agreement_id == a.id, Version.number == version))
            )
            if v is None:
                raise NotFound(f"agreement {slug!r} has no version {version or ''} to comment on")
            if not text.strip():
                raise InputError("empty comment")
            ids = _node_ids(v)
            if ids is not None and node_id not in ids:
                raise InputError(
                    f"version {v.number} has no clause {node_id!r}", hint="clause ids: " + ", ".join(sorted(ids)[:20])
                )
            c = Comment(
                agreement_id=a.id,
                version_number=v.number,
                node_id=node_id,
                organisation_id=u.organisation_id,
                user_id=u.id,
                text=text,
                resolved=False,
                at=self.now(),
            )
            s.add(c)
            s.flush()
            _audit.append(
                s, a, u.username, self.now(), "comment", payload={"row": comment_facts(c, u.organisation.key)}
            )
            self._touch(a)
            return c.id

    def resolve_comment(self, user: str, slug: str, comment_id: int) -> None:
        with self.tx() as s:
            u = self._user(s, user)
            a = self._agreement(s, u, slug)
            c = s.get(Comment, comment_id)
            if c is None or c.agreement_id != a.id:
                raise NotFound(f"agreement {slug!r} has no comment {comment_id}")
            c.resolved = True
            _audit.append(s, a, u.username, self.now(), "resolve", payload={"comment": comment_id})
            self._touch(a)

    # -- obligations and dates -------------------------------------------------------------------
    def add_obligation(self, user: str, slug: str, party: str, description: str, due: dt.date) -> int:
        with self.tx() as s:
            u = self._user(s, user)
            a = self._agreement(s, u, slug)
            org = self._org(s, party)
            if org.id not in {p.organisation_id for p in a.parties}:
                raise InputError(f"{party!r} is not a party to {slug!r}")
            o = Obligation(agreement_id=a.id, organisation_id=org.id, description=description, due=due, done=False)
            s.add(o)
            s.flush()
            _audit.append(s, a, u.username, self.now(), "obligation", payload={"row": obligation_facts(o, org.key)})
            self._touch(a)
            return o.id

    def complete_obligation(self, user: str, slug: str, obligation_id: int) -> None:
        with self.tx() as s:
            u = self._user(s, user)
            a = self._agreement(s, u, slug)
            o = s.get(Obligation, obligation_id)
            if o is None or o.agreement_id != a.id:
                raise NotFound(f"agreement {slug!r} has no obligation {obligation_id}")
            o.done = True
            _audit.append(s, a, u.username, self.now(), "obligation_done", payload={"id": o.id})
            self._touch(a)

    def due(self, user: str, *, within: dt.timedelta, today: dt.date | None = None) -> list[dict]:
        """Open obligations and term/notice/renewal dates falling before today + within (overdue included)."""
        today = today or self.now().date()
        until = today + within
        out: list[dict] = []
        with self.tx() as s:
            u = self._user(s, user)
            mine = select(AgreementParty.agreement_id).where(AgreementParty.organisation_id == u.organisation_id)
            live = ("draft", "negotiation", "agreed", "signed", "in_force")
            for o, a in s.execute(
                select(Obligation, Agreement)
                .join(Agreement, Obligation.agreement_id == Agreement.id)
                .where(
                    Agreement.id.in_(mine),
                    Obligation.done.is_(False),
                    Obligation.due <= until,
                    Agreement.status.in_(live),
                )
            ):
                out.append(
                    {
                        "date": o.due,
                        "slug": a.slug,
                        "what": "obligation",
                        "party": o.organisation.key,
                        "text": o.description,
                        "overdue": o.due < today,
                    }
                )
            for a in s.scalars(select(Agreement).where(Agreement.id.in_(mine), Agreement.status.in_(live))):
                for what, d in (("notice", a.notice_date), ("renewal", a.renewal_date), ("term_end", a.term_end)):
                    if d and d <= until:
                        out.append(
                            {
                                "date": d,
                                "slug": a.slug,
                                "what": what,
                                "party": None,
                                "text": a.title,
                                "overdue": d < today,
                            }
                        )
        return sorted(out, key=lambda r: (r["date"], r["slug"], r["what"]))

    # -- audit ------------------------------------------------------------------------------------
    def audit(self, user: str, slug: str, *, verify: bool = True) -> list[dict]:
        with self.tx() as s:
            u = self._user(s, user)
            a = self._agreement(s, u, slug)
            if verify:
                _audit.verify(s, a)
            return [_audit.as_dict(e) for e in _audit.entries(s, a.id)]


def _node_ids(v: Version) -> set[str] | None:
    import json

    data = json.loads(v.instrument)
    if not data:
        return None
    ids: set[str] = set()

    def walk(nodes):
        for n in nodes or []:
            ids.add(n["id"])
            walk(n.get("children"))

    walk(data.get("body"))
    walk(data.get("annexes"))
    return ids
