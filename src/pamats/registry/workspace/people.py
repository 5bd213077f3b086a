"""This file defines how the workspace names a person: "First Last (Organisation)".

The registry keeps, for each workspace account, a ``users`` row (username ``da-<id>``, its name
the account's e-mail) tied to the docassemble account by ``ws_memberships.account_id``. The
names people gave their docassemble account live in docassemble's own user table: the web bridge
passes a ``names`` function (docassemble account ids -> "First Last", only for accounts that set
a name), so no second copy of them is kept here. Without a name, the e-mail stands in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Version
from ..models_workspace import Membership
from .access import Principal, agreement_for

__all__ = ["Names", "credits", "PeopleMixin"]

Names = Callable[[Iterable[int]], dict[int, str]]  # docassemble account id -> "First Last"


def credits(s: Session, users: Iterable, names: Names | None) -> dict[int, str]:
    """{registry user id: "name or e-mail (organisation name)"} for registry ``users`` rows."""
    users = {u.id: u for u in users}
    account = dict(
        s.execute(select(Membership.user_id, Membership.account_id).where(Membership.user_id.in_(list(users)))).all()
    )
    given: dict[int, str] = {}
    if names is not None and account:
        try:
            given = dict(names(sorted(set(account.values()))) or {})
        except Exception:  # noqa: BLE001 - a failing name lookup must not hide the history: e-mails stand in
            given = {}
    out = {}
    for uid, u in users.items():
        who = str(given.get(account.get(uid)) or "").strip() or u.name
        out[uid] = f"{who} ({u.organisation.name})"
    return out


class PeopleMixin:
    reg: object

    def version_credits(self, p: Principal, slug: str, names: Names | None = None) -> dict[int, str]:
        """{version number: who proposed it, "name (organisation)"} (read access)."""
        with self.reg.tx() as s:
            a, _m = agreement_for(s, p, slug, "read")
            rows = list(s.scalars(select(Version).where(Version.agreement_id == a.id).order_by(Version.number)))
            by = credits(s, {v.proposed_by for v in rows}, names)
            return {v.number: by[v.proposed_by_id] for v in rows}
