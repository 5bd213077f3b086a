"""This file defines which e-mails the workspace sends, computed from the registry's own rows.

Events come from the agreements' audit log (every write is an entry there, in the same
transaction as the write), so nothing on a web server's disk or in its memory is needed:

- ``propose`` (a new version, also from an accepted suggestion or an edited point): every
  active member of the other parties;
- ``suggest``: the other parties' members who may decide on it (negotiators, signatories);
- ``reply``: everyone else who wrote in that comment thread;
- ``transition`` to ``agreed`` (the request to sign): the signatories of every party, except
  the one who moved it;
- due dates (obligations, notice, renewal, term end) 30, 7 and 0 days ahead: the members of the
  party an obligation binds, or of every party for the agreement's own dates
  (:func:`queue_due`, run daily by ``pamats workspace remind``).

Each e-mail is one outbox row (:mod:`pamats.registry.models_notify`) with a unique key
(event + recipient), inserted with "on conflict do nothing": two servers queueing the same
event write one row. The scan keeps a cursor (``ws_settings`` ``mail_cursor``) that only
passes entries older than :data:`LAG`, so an entry whose transaction committed late is still
seen; entries older than :data:`MAX_AGE` are not mailed (no flood when mail is switched on).
Texts: the catalogue's ``mail.*`` (Latvian first, then English, in every message).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from urllib.parse import quote

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...text.messages import LANGS, msg
from ..models import Agreement, AgreementParty, AuditEntry, Comment, Obligation, Organisation, User, Version
from ..models_notify import MailOutbox
from ..models_workspace import Membership, Setting, Suggestion
from .points import instrument_of, point_map

__all__ = ["Mail", "queue_events", "queue_due", "DUE_DAYS", "LAG", "MAX_AGE", "WORKSPACE_PATH", "room_link"]

LAG = dt.timedelta(minutes=5)  # a transaction commits within this time of its audit entry's timestamp
MAX_AGE = dt.timedelta(days=3)  # older events are not news
DUE_DAYS = (30, 7, 0)
CURSOR = "mail_cursor"
WORKSPACE_PATH = "/interview?i=docassemble.pamats:data/questions/workspace.yml"
_LIVE = ("draft", "negotiation", "agreed", "signed", "in_force")
_DECIDERS = ("negotiator", "signatory")


@dataclass(frozen=True)
class Mail:
    key: str
    event: str
    agreement_id: int | None
    recipient: str
    subject: str
    body: str


def room_link(base: str | None, slug: str) -> str | None:
    """The workspace page that opens the agreement's room (access is decided there, as always)."""
    if not base:
        return None
    return f"{base.rstrip('/')}{WORKSPACE_PATH}&open={quote(slug, safe='')}"


def _one_line(text: str, limit: int = 200) -> str:
    s = " ".join("".join(c if c.isprintable() else " " for c in str(text)).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def compose(
    event: str,
    a: Agreement,
    org: str,
    recipient_org: str,
    params,
    *,
    link_base: str | None,
    subject_key: str | None = None,
    quote_text: str | None = None,
) -> tuple[str, str]:
    """(subject, body): Latvian first, then English; user values are inserted as plain text.
    ``params``: the placeholders' values, or a function of the language giving them."""
    values = params if callable(params) else (lambda _lang: params)
    title = _one_line(a.title, 150)
    skey = subject_key or f"mail.{event}.subject"
    subject = f"[pamats] {msg(skey, 'lv', **values('lv'))} / {msg(skey, 'en', **values('en'))}: {title}"
    link = room_link(link_base, a.slug)
    parts = []
    for lang in LANGS:
        lines = [msg("mail.greeting", lang), "", msg(f"mail.{event}.text", lang, org=org, **values(lang))]
        if quote_text:
            lines += ["", *("> " + x for x in str(quote_text)[:2000].splitlines())]
        lines += ["", msg("mail.agreement", lang, title=a.title, slug=a.slug)]
        if link:
            lines.append(msg("mail.open", lang, link=link))
        lines += ["", msg("mail.why", lang, org=recipient_org)]
        parts.append("\n".join(lines))
    return subject, ("\n\n" + "-" * 40 + "\n\n").join(parts) + "\n"


def _members(s: Session, org_ids, roles=None) -> list[tuple[str, int, str]]:
    """(e-mail, user id, organisation key) of the active members of ``org_ids``."""
    q = (
        select(Membership.email, Membership.user_id, Organisation.key)
        .join(Organisation, Organisation.id == Membership.organisation_id)
        .where(Membership.organisation_id.in_(list(org_ids)), Membership.active.is_(True))
    )
    if roles:
        q = q.where(Membership.role.in_(roles))
    return sorted(s.execute(q).all())


def _insert(s: Session, mails: list[Mail], now: dt.datetime) -> int:
    """Insert the mails whose key is new; a key another server inserted meanwhile is skipped."""
    if not mails:
        return 0
    have = set(s.scalars(select(MailOutbox.key).where(MailOutbox.key.in_([m.key for m in mails]))))
    rows = [
        {
            "key": m.key,
            "event": m.event,
            "agreement_id": m.agreement_id,
            "recipient": m.recipient,
            "subject": m.subject,
            "body": m.body,
            "created_at": now,
            "attempts": 0,
        }
        for m in {m.key: m for m in mails if m.key not in have}.values()
    ]
    if not rows:
        return 0
    if s.bind.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    res = s.execute(insert(MailOutbox).values(rows).on_conflict_do_nothing(index_elements=["key"]))
    return max(res.rowcount or 0, 0)


class _Facts:
    """Per-scan caches: an agreement's parties, its latest points, a user's organisation."""

    def __init__(self, s: Session):
        self.s = s
        self._points: dict[int, dict] = {}
        self._users: dict[str, User | None] = {}

    def user(self, username: str) -> User | None:
        if username not in self._users:
            self._users[username] = self.s.scalar(select(User).where(User.username == username))
        return self._users[username]

    def point(self, a: Agreement, node: str) -> str:
        if a.id not in self._points:
            v = self.s.scalar(
                select(Version).where(Version.agreement_id == a.id).order_by(Version.number.desc()).limit(1)
            )
            self._points[a.id] = point_map(instrument_of(v)) if v is not None else {}
        return str(self._points[a.id].get(node, {}).get("number") or node).rstrip(".")


def _event_mails(f: _Facts, e: AuditEntry, a: Agreement, link_base: str | None) -> list[Mail]:
    s = f.s
    actor = f.user(e.username)
    if actor is None:
        return []
    org = actor.organisation.key
    others = [p.organisation_id for p in a.parties if p.organisation_id != actor.organisation_id]
    payload = json.loads(e.payload or "{}")
    out: list[Mail] = []

    def add(event: str, people, params: dict, quote_text: str | None = None) -> None:
        for email, user_id, their_org in people:
            if user_id == actor.id:
                continue
            subject, body = compose(event, a, org, their_org, params, link_base=link_base, quote_text=quote_text)
            out.append(Mail(f"audit:{e.id}:{email}", event, a.id, email, subject, body))

    if e.action == "propose":
        version = (payload.get("row") or {}).get("version")
        add("version", _members(s, others), {"version": version})
    elif e.action == "suggest":
        sg = s.get(Suggestion, payload.get("suggestion"))
        if sg is not None:
            point = f.point(a, sg.node_id)
            add(
                "suggestion",
                _members(s, others, _DECIDERS),
                lambda lang: {"point": point, "what": msg(f"mail.op.{sg.op}", lang)},
            )
    elif e.action == "reply":
        root_id = payload.get("thread")
        reply = s.get(Comment, payload.get("comment"))
        writers = set(
            s.scalars(select(Comment.user_id).where((Comment.id == root_id) | (Comment.thread_id == root_id)))
        )
        people = s.execute(
            select(Membership.email, Membership.user_id, Organisation.key)
            .join(Organisation, Organisation.id == Membership.organisation_id)
            .where(Membership.user_id.in_(writers), Membership.active.is_(True))
        ).all()
        node = payload.get("node") or ""
        add("reply", sorted(people), {"point": f.point(a, node)}, quote_text=reply.text if reply else None)
    elif e.action == "transition" and e.to_status == "agreed":
        version = s.scalar(select(func.max(Version.number)).where(Version.agreement_id == a.id))
        add("sign_request", _members(s, [p.organisation_id for p in a.parties], ("signatory",)), {"version": version})
    return out


def queue_events(reg, *, link_base: str | None = None) -> int:
    """Queue the e-mails of the audit entries not mailed yet; returns how many rows were added."""
    now = reg.now()
    added = 0
    with reg.tx() as s:
        row = s.get(Setting, CURSOR)
        cursor = int(row.value) if row is not None else 0
        f = _Facts(s)
        entries = s.scalars(
            select(AuditEntry)
            .where(
                AuditEntry.id > cursor,
                AuditEntry.at >= now - MAX_AGE,
                AuditEntry.action.in_(("propose", "suggest", "reply", "transition")),
            )
            .order_by(AuditEntry.id)
        ).all()
        agreements: dict[int, Agreement] = {}
        mails: list[Mail] = []
        for e in entries:
            a = agreements.get(e.agreement_id) or s.get(Agreement, e.agreement_id)
            agreements[e.agreement_id] = a
            mails += _event_mails(f, e, a, link_base)
        added = _insert(s, mails, now)
        settled = s.scalar(select(func.max(AuditEntry.id)).where(AuditEntry.id > cursor, AuditEntry.at < now - LAG))
        if settled is not None and settled > cursor:
            if row is None:
                s.add(Setting(key=CURSOR, value=str(settled)))
            else:
                row.value = str(max(int(row.value), settled))
    return added


def due_items(s: Session, today: dt.date) -> list[dict]:
    """Open obligations and agreement dates 0-30 days ahead on live agreements, with whom they concern."""
    until = today + dt.timedelta(days=max(DUE_DAYS))
    out = []
    for o, a in s.execute(
        select(Obligation, Agreement)
        .join(Agreement, Agreement.id == Obligation.agreement_id)
        .where(
            Obligation.done.is_(False),
            Obligation.due >= today,
            Obligation.due <= until,
            Agreement.status.in_(_LIVE),
        )
    ):
        out.append(
            {
                "a": a,
                "what": "obligation",
                "ref": o.id,
                "date": o.due,
                "text": o.description,
                "orgs": [o.organisation_id],
            }
        )
    for a in s.scalars(select(Agreement).where(Agreement.status.in_(_LIVE))):
        parties = list(s.scalars(select(AgreementParty.organisation_id).where(AgreementParty.agreement_id == a.id)))
        for what, d in (("notice", a.notice_date), ("renewal", a.renewal_date), ("term_end", a.term_end)):
            if d and today <= d <= until:
                out.append({"a": a, "what": what, "ref": "-", "date": d, "text": "", "orgs": parties})
    return out


def queue_due(reg, *, today: dt.date | None = None, link_base: str | None = None) -> int:
    """Queue the 30/7/0-day reminders of due dates (each threshold once per person); run daily."""
    today = today or reg.now().date()
    now = reg.now()
    with reg.tx() as s:
        mails = []
        for d in due_items(s, today):
            days = (d["date"] - today).days
            step = min(t for t in DUE_DAYS if days <= t)
            a = d["a"]
            key = "mail.due.subject_today" if days == 0 else "mail.due.subject"
            for email, _uid, their_org in _members(s, d["orgs"]):
                subject, body = _due_mail(a, their_org, d, days, key, link_base)
                mails.append(
                    Mail(
                        f"due:{a.id}:{d['what']}:{d['ref']}:{d['date']}:{step}:{email}",
                        "due",
                        a.id,
                        email,
                        subject,
                        body,
                    )
                )
        return _insert(s, mails, now)


def _due_mail(a, their_org, d, days, subject_key, link_base) -> tuple[str, str]:
    def values(lang):
        return {
            "days": days,
            "what": msg(f"mail.what.{d['what']}", lang),
            "date": d["date"].isoformat(),
            "text": _one_line(d["text"], 500),
        }

    return compose("due", a, "", their_org, values, link_base=link_base, subject_key=subject_key)
