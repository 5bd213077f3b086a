"""This file defines the invitation e-mails to people who have not logged in to the workspace yet.

Two kinds (texts: the catalogue's ``mail.invite`` and ``mail.party_invite``, Latvian first):

- an organisation's administrator (or the server administrator) invites a colleague by e-mail
  (:meth:`MembersMixin.invite`): the invitation says who invited them, to which organisation
  and role, and links to the server's log-in page (and its sign-up page when the server allows
  sign-up); the invitation is accepted the first time that e-mail logs in;
- an agreement was started with a party whose organisation is not registered yet
  (``ws_party_invitations``): a negotiator of a party gives an e-mail address of someone at that
  organisation (:meth:`InviteMailMixin.invite_party_by_email`, written in the agreement's audit
  log); the e-mail names the agreement and who started it and says that the server
  administrator registers the organisation.

:func:`queue_invitations` turns the pending invitations of the last :data:`MAX_AGE` into outbox
rows keyed by invitation and recipient (``invite:<id>:<e-mail>``, ``party:<id>:<e-mail>``), so
each goes out once per recipient however many web servers queue it (see outbox.py).
"""

from __future__ import annotations

from urllib.parse import quote

from sqlalchemy import select

from ...text.messages import LANGS, msg
from .. import audit
from ..errors import NotFound
from ..models import Agreement, Organisation, User
from ..models_workspace import Invitation, PartyInvitation
from .access import Principal, agreement_for
from .members import _email
from .notify import MAX_AGE, WORKSPACE_PATH, Mail, _insert, _one_line

__all__ = ["InviteMailMixin", "queue_invitations", "login_links"]


class InviteMailMixin:
    reg: object

    def invite_party_by_email(self, p: Principal, slug: str, invitation_id, email: str) -> dict:
        """A negotiator of a party names the e-mail of someone at a party not registered yet; the
        invitation e-mail goes there (once per address). Returns {name, email}."""
        email = _email(email)
        now = self.reg.now()
        with self.reg.tx() as s:
            a, m = agreement_for(s, p, slug, "propose")
            x = s.get(PartyInvitation, invitation_id) if isinstance(invitation_id, int) else None
            if x is None or x.agreement_id != a.id or x.joined_at is not None:
                raise NotFound(f"uzaicinājums nav atrasts / no waiting party invitation {str(invitation_id)[:20]}")
            x.email, x.emailed_at = email, now
            audit.append(
                s,
                a,
                m.user.username,
                now,
                "invite_party_mail",
                payload={"invitation": x.id, "name": x.name, "email": email},
            )
            return {"name": x.name, "email": email}


def login_links(base: str | None, signup: bool) -> tuple[str | None, str | None]:
    """(the log-in link, the sign-up link or None) that lead on to the workspace."""
    if not base:
        return None, None
    nxt = quote(WORKSPACE_PATH, safe="")
    root = base.rstrip("/")
    return f"{root}/user/sign-in?next={nxt}", (f"{root}/user/register?next={nxt}" if signup else None)


def _compose(kind: str, values, email: str, base: str | None, signup: bool) -> tuple[str, str]:
    login, register = login_links(base, signup)
    subject = f"[pamats] {msg(f'mail.{kind}.subject', 'lv')} / {msg(f'mail.{kind}.subject', 'en')}"
    parts = []
    for lang in LANGS:
        lines = [msg("mail.greeting", lang), "", msg(f"mail.{kind}.text", lang, **values(lang))]
        if login:
            lines += ["", msg("mail.login", lang, link=login, email=email)]
        if register:
            lines.append(msg("mail.signup", lang, link=register, email=email))
        lines += ["", msg("mail.why_invited", lang, email=email)]
        parts.append("\n".join(lines))
    return subject, ("\n\n" + "-" * 40 + "\n\n").join(parts) + "\n"


def queue_invitations(reg, *, link_base: str | None = None, signup: bool = False) -> int:
    """Queue the e-mails of pending invitations not mailed yet; returns how many rows were added."""
    now = reg.now()
    with reg.tx() as s:
        mails: list[Mail] = []
        for inv, org in s.execute(
            select(Invitation, Organisation)
            .join(Organisation, Organisation.id == Invitation.organisation_id)
            .where(Invitation.accepted_at.is_(None), Invitation.at >= now - MAX_AGE)
        ):

            def values(lang, inv=inv, org=org):
                return {
                    "by": inv.invited_by,
                    "org": _one_line(org.name),
                    "role": msg(f"mail.role.{inv.role}", lang),
                }

            subject, body = _compose("invite", values, inv.email, link_base, signup)
            mails.append(Mail(f"invite:{inv.id}:{inv.email}", "invite", None, inv.email, subject, body))
        for x, a, org in s.execute(
            select(PartyInvitation, Agreement, Organisation)
            .join(Agreement, Agreement.id == PartyInvitation.agreement_id)
            .join(User, User.id == PartyInvitation.invited_by_id)
            .join(Organisation, Organisation.id == User.organisation_id)
            .where(
                PartyInvitation.joined_at.is_(None),
                PartyInvitation.email.is_not(None),
                PartyInvitation.emailed_at >= now - MAX_AGE,
            )
        ):

            def values(lang, x=x, a=a, org=org):
                return {"org": _one_line(org.name), "party": _one_line(x.name), "title": _one_line(a.title, 300)}

            subject, body = _compose("party_invite", values, x.email, link_base, signup)
            mails.append(Mail(f"party:{x.id}:{x.email}", "party_invite", a.id, x.email, subject, body))
        return _insert(s, mails, now)
