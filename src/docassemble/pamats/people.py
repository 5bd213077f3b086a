"""People's names for the workspace pages, from docassemble's own user table.

The workspace core keeps only an account id and e-mail per person; the names people give their
docassemble account (first and last name, in the user profile) are read here, on the server, by
docassemble's own database session and user model, and handed to the pages as a function
(``pamats.registry.workspace.people.Names``), so no second copy of them is kept. This module is
the docassemble side of that bridge (the core never imports docassemble).
"""

from __future__ import annotations

__all__ = ["account_names"]


def account_names(ids) -> dict[int, str]:
    """docassemble account id -> "First Last" for the accounts among ``ids`` that set a name."""
    wanted = sorted({int(i) for i in ids})
    if not wanted:
        return {}
    from docassemble.webapp.extensions import db
    from docassemble.webapp.users.models import UserModel
    from sqlalchemy import select

    rows = db.session.execute(
        select(UserModel.id, UserModel.first_name, UserModel.last_name).where(UserModel.id.in_(wanted))
    ).all()
    out = {}
    for uid, first, last in rows:
        name = " ".join(x.strip() for x in (first, last) if x and x.strip())
        if name:
            out[int(uid)] = name
    return out
