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

from ..models import Agreement, Organisation, User, Version
from ..models_workspace import Membership
from .access import Principal, agreement_for

__all__ = ["Names", "credits", "given_names", "name_authors", "version_credit_list", "PeopleMixin"]

Names = Callable[[Iterable[int]], dict[int, str]]  # docassemble account id -> "First Last"


def given_names(names: Names | None, accounts: Iterable[int]) -> dict[int, str]:
    """The names people gave their docassemble accounts; {} when none or the lookup fails."""
    accounts = sorted({a for a in accounts if a is not None})
    if names is None or not accounts:
        return {}
    try:
        return dict(names(accounts) or {})
    except Exception:  # noqa: BLE001 - a failing name lookup must not hide the history: e-mails stand in
        return {}


def _credit(given: dict[int, str], account: int | None, fallback: str, organisation: str) -> str:
    who = str(given.get(account) or "").strip() or fallback
    return f"{who} ({organisation})"


def credits(s: Session, users: Iterable, names: Names | None) -> dict[int, str]:
    """{registry user id: "name or e-mail (organisation name)"} for registry ``users`` rows."""
    users = {u.id: u for u in users}
    account = dict(
        s.execute(select(Membership.user_id, Membership.account_id).where(Membership.user_id.in_(list(users)))).all()
    )
    given = given_names(names, account.values())
    return {uid: _credit(given, account.get(uid), u.name, u.organisation.name) for uid, u in users.items()}


def version_credit_list(s: Session, a: Agreement, names: Names | None) -> dict[int, str]:
    """{version number: "name (organisation)" of its proposer} for agreement ``a``, in one query."""
    rows = s.execute(
        select(Version.number, User.name, Organisation.name, Membership.account_id)
        .join(User, User.id == Version.proposed_by_id)
        .join(Organisation, Organisation.id == User.organisation_id)
        .outerjoin(Membership, Membership.user_id == User.id)
        .where(Version.agreement_id == a.id)
        .order_by(Version.number)
    ).all()
    given = given_names(names, (acc for *_, acc in rows))
    return {n: _credit(given, acc, uname, oname) for n, uname, oname, acc in rows}


def name_authors(threads: list[dict], names: Names | None) -> None:
    """Write each comment's ``author`` as the name its docassemble account gives (in place), the
    e-mail where none; ``threads`` as :func:`.comments.thread_list` gives them."""
    items = [x for t in threads for x in (t, *t["replies"])]
    given = given_names(names, (x["account"] for x in items))
    for x in items:
        x["author"] = str(given.get(x["account"]) or "").strip() or x["author"]


class PeopleMixin:
    reg: object

    def version_credits(self, p: Principal, slug: str, names: Names | None = None) -> dict[int, str]:
        """{version number: who proposed it, "name (organisation)"} (read access)."""
        with self.reg.tx() as s:
            a, _m = agreement_for(s, p, slug, "read")
            return version_credit_list(s, a, names)
