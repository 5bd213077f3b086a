"""This file defines who may do what in the negotiation workspace, decided from the logged-in account.

A :class:`Principal` is an authenticated docassemble account (its numeric id, its e-mail, and
whether it holds docassemble's ``admin`` privilege). Only the web bridge builds one, from
docassemble's own login; nothing here trusts a name typed by a user.

Roles are cumulative: ``member`` reads, comments and suggests; ``negotiator`` also proposes
versions, accepts or rejects suggestions and moves the lifecycle; ``signatory`` also signs.
An account whose organisation is not a party to an agreement gets the same :class:`NotFound`
(same message) for that agreement as for one that does not exist.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, aliased

from ...errors import AccessDenied, InputError
from ..errors import NotFound, TransitionRefused
from ..models import Agreement, Version
from ..models_workspace import ROLES, Membership, Setting

__all__ = [
    "Principal",
    "CAN",
    "can",
    "not_found",
    "membership",
    "agreement_for",
    "latest_versions",
    "require_status",
    "mark_served",
    "served_info",
    "COMMENTABLE",
    "SUGGESTABLE",
]

# what each role may do (cumulative: each role can do everything the one before it can)
CAN: dict[str, frozenset[str]] = {
    "member": frozenset({"read", "comment", "suggest"}),
    "negotiator": frozenset({"read", "comment", "suggest", "propose", "decide", "transition", "recheck"}),
    "signatory": frozenset({"read", "comment", "suggest", "propose", "decide", "transition", "recheck", "sign"}),
}
_WHAT = {
    "propose": ("iesniegt jaunu versiju", "propose a new version"),
    "decide": ("pieņemt vai noraidīt ierosinājumus", "accept or reject suggestions"),
    "transition": ("mainīt līguma statusu", "change the agreement's status"),
    "sign": ("parakstīt", "sign"),
    "recheck": ("pārbaudīt tiesisko pamatu", "check the legal basis"),
    "comment": ("komentēt", "comment"),
    "suggest": ("ierosināt izmaiņas", "suggest changes"),
    "read": ("skatīt", "read"),
}

COMMENTABLE = ("draft", "negotiation", "agreed")  # comments: until the text is signed or withdrawn
SUGGESTABLE = ("draft", "negotiation")  # suggestions and edits: while the text may change


@dataclass(frozen=True)
class Principal:
    """An authenticated account: docassemble user id, its e-mail, docassemble privilege ``admin``."""

    account_id: int
    email: str
    server_admin: bool = False

    def __post_init__(self):
        if not isinstance(self.account_id, int) or isinstance(self.account_id, bool) or self.account_id <= 0:
            raise InputError(f"not an account id: {self.account_id!r}")
        if not isinstance(self.email, str) or "@" not in self.email or len(self.email) > 320:
            raise InputError(f"not an e-mail address: {self.email!r}")
        object.__setattr__(self, "email", self.email.strip().lower())


def can(role: str, what: str) -> bool:
    return what in CAN.get(role, frozenset())


def not_found(ref) -> NotFound:
    """The one refusal for a missing agreement and for one the account's organisation is not party to."""
    return NotFound(
        f"Līgums {str(ref)[:100]!r} nav atrasts / agreement {str(ref)[:100]!r} not found",
        hint="pārbaudiet saiti / check the link; only agreements your organisation is party to are shown",
    )


def membership(s: Session, p: Principal) -> Membership | None:
    m = s.scalar(select(Membership).where(Membership.account_id == p.account_id))
    return m if m is not None and m.active else None


def agreement_for(s: Session, p: Principal, ref, need: str = "read") -> tuple[Agreement, Membership]:
    """The agreement ``ref`` (slug) if the account's organisation is party to it and its role may ``need``.

    For anything but reading, the agreement's row is locked for the rest of the transaction
    (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite serialises writers itself): two people writing
    on one agreement at once (two comments, say) are served one after the other, each on the
    latest row, instead of the second failing with "changed meanwhile". A real conflict (the same
    point edited from an out-of-date page) is still refused by the checks that compare versions."""
    m = membership(s, p)
    q = select(Agreement).where(Agreement.slug == str(ref))
    if need != "read":
        q = q.with_for_update().execution_options(populate_existing=True)
    a = s.scalar(q) if isinstance(ref, str) and ref else None
    if m is None or a is None or m.organisation_id not in {x.organisation_id for x in a.parties}:
        raise not_found(ref)
    if not can(m.role, need):
        lv, en = _WHAT[need]
        raise AccessDenied(
            f"loma '{m.role}' nevar {lv} / role '{m.role}' cannot {en}",
            hint="jūsu organizācijas administrators var mainīt lomu / "
            "your organisation's administrator can change your role",
        )
    return a, m


def latest_versions(agreement_ids) -> ColumnElement[bool]:
    """A condition on ``Version`` rows: the latest version of each agreement in ``agreement_ids``
    (for all of them in one query: the dashboard and the "waiting for you" list)."""
    newer = aliased(Version)
    latest = select(func.max(newer.number)).where(newer.agreement_id == Version.agreement_id).scalar_subquery()
    return Version.agreement_id.in_(agreement_ids) & (Version.number == latest)


def require_status(a: Agreement, allowed: tuple[str, ...], what: str) -> None:
    """Refuse unless the agreement is in one of ``allowed``; ``what`` is "Latvian / English"."""
    if a.status not in allowed:
        lv, _, en = what.partition(" / ")
        raise TransitionRefused(
            f"līgums {a.slug!r} ir statusā {a.status}: {lv} nav iespējams / "
            f"agreement {a.slug!r} is {a.status}: cannot {en or lv} now",
            hint="allowed while: " + ", ".join(allowed),
        )


def mark_served(s: Session, by: str, at) -> None:
    """Record (once) that the workspace serves this registry; the CLI's --as then refuses it."""
    if s.get(Setting, "served") is None:
        s.add(Setting(key="served", value=json.dumps({"since": at.isoformat(), "by": by})))


def served_info(s: Session) -> dict | None:
    row = s.get(Setting, "served")
    return json.loads(row.value) if row is not None else None


assert set(CAN) == set(ROLES)
