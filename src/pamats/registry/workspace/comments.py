"""This file defines comment threads per point: start a thread, reply, resolve, reopen.

A thread is the registry's ``comments`` row that starts it plus the replies pointing to it
(``thread_id``); it is tied to a point by node id, so it follows the point through renumbering.
Comments are possible while the text is in draft, negotiation or agreed; every change is an
entry in the agreement's audit log. Text is stored literally (never interpreted).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import InputError
from .. import audit
from ..errors import NotFound
from ..evidence.facts import comment_facts
from ..models import Agreement, Comment, User
from ..models_workspace import Membership
from .access import COMMENTABLE, Principal, agreement_for, require_status
from .points import clean_comment_text, instrument_of, point_map

__all__ = ["CommentsMixin", "thread_list"]


def _thread_root(s: Session, a: Agreement, comment_id) -> Comment:
    c = s.get(Comment, comment_id) if isinstance(comment_id, int) and not isinstance(comment_id, bool) else None
    if c is None or c.agreement_id != a.id:
        raise NotFound(
            f"komentārs {str(comment_id)[:20]} nav atrasts / no comment {str(comment_id)[:20]} in this agreement"
        )
    return s.get(Comment, c.thread_id) if c.thread_id else c


def thread_list(s: Session, a: Agreement) -> list[dict]:
    """Every thread of agreement ``a``, oldest first, each with its replies (one query)."""
    rows = s.execute(
        select(Comment, User.name, Membership.account_id)
        .join(User, User.id == Comment.user_id)
        .outerjoin(Membership, Membership.user_id == User.id)
        .where(Comment.agreement_id == a.id)
        .order_by(Comment.id)
    ).all()
    out: dict[int, dict] = {}
    for c, author, account in rows:
        item = {
            "id": c.id,
            "organisation": c.organisation.key,
            "author": author,
            "account": account,
            "text": c.text,
            "at": c.at,
        }
        if c.thread_id is None:
            out[c.id] = {
                **item,
                "node": c.node_id,
                "version": c.version_number,
                "resolved": c.resolved,
                "replies": [],
            }
        elif c.thread_id in out:
            out[c.thread_id]["replies"].append(item)
    return list(out.values())


class CommentsMixin:
    reg: object

    def comment(self, p: Principal, slug: str, node_id: str, text: str) -> int:
        """Start a thread on a point of the latest version; returns the comment id."""
        text = clean_comment_text(text)
        with self.reg.tx() as s:
            a, m = agreement_for(s, p, slug, "comment")
            require_status(a, COMMENTABLE, "komentēt / comment")
            v = self.reg.latest_version(s, a)
            if v is None:
                raise InputError("līgumam vēl nav teksta / the agreement has no text yet")
            if node_id not in point_map(instrument_of(v)):
                raise NotFound(
                    f"versijā {v.number} nav punkta {str(node_id)[:100]!r} / "
                    f"version {v.number} has no point {str(node_id)[:100]!r}"
                )
            c = Comment(
                agreement_id=a.id,
                version_number=v.number,
                node_id=node_id,
                organisation_id=m.organisation_id,
                user_id=m.user_id,
                text=text,
                resolved=False,
                at=self.reg.now(),
            )
            s.add(c)
            s.flush()
            audit.append(
                s,
                a,
                m.user.username,
                self.reg.now(),
                "comment",
                payload={"comment": c.id, "node": node_id, "row": comment_facts(c, m.organisation.key)},
            )
            a.updated_at = self.reg.now()
            return c.id

    def reply(self, p: Principal, slug: str, comment_id: int, text: str) -> int:
        text = clean_comment_text(text)
        with self.reg.tx() as s:
            a, m = agreement_for(s, p, slug, "comment")
            require_status(a, COMMENTABLE, "komentēt / comment")
            root = _thread_root(s, a, comment_id)
            if root.resolved:
                raise InputError(
                    f"diskusija {root.id} ir atrisināta / thread {root.id} is resolved",
                    hint="atveriet to no jauna / reopen it first",
                )
            c = Comment(
                agreement_id=a.id,
                version_number=root.version_number,
                node_id=root.node_id,
                organisation_id=m.organisation_id,
                user_id=m.user_id,
                text=text,
                resolved=False,
                at=self.reg.now(),
                thread_id=root.id,
            )
            s.add(c)
            s.flush()
            audit.append(
                s,
                a,
                m.user.username,
                self.reg.now(),
                "reply",
                payload={
                    "comment": c.id,
                    "thread": root.id,
                    "node": root.node_id,
                    "row": comment_facts(c, m.organisation.key),
                },
            )
            a.updated_at = self.reg.now()
            return c.id

    def resolve_thread(self, p: Principal, slug: str, comment_id: int) -> None:
        self._set_resolved(p, slug, comment_id, True)

    def reopen_thread(self, p: Principal, slug: str, comment_id: int) -> None:
        self._set_resolved(p, slug, comment_id, False)

    def _set_resolved(self, p: Principal, slug: str, comment_id: int, resolved: bool) -> None:
        with self.reg.tx() as s:
            a, m = agreement_for(s, p, slug, "comment")
            require_status(a, COMMENTABLE, "komentēt / comment")
            root = _thread_root(s, a, comment_id)
            if root.resolved == resolved:
                raise InputError(
                    f"diskusija {root.id} jau ir {'atrisināta' if resolved else 'atvērta'} / "
                    f"thread {root.id} is already {'resolved' if resolved else 'open'}"
                )
            root.resolved = resolved
            audit.append(
                s,
                a,
                m.user.username,
                self.reg.now(),
                "resolve" if resolved else "reopen",
                payload={"comment": root.id, "node": root.node_id},
            )
            a.updated_at = self.reg.now()

    def threads(self, p: Principal, slug: str) -> list[dict]:
        """Every thread of the agreement, oldest first, each with its replies."""
        with self.reg.tx() as s:
            a, _m = agreement_for(s, p, slug, "read")
            return thread_list(s, a)
