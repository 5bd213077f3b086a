"""The negotiation workspace's core: each person acts as themselves, for their own organisation.

``Workspace(registry)`` takes an authenticated :class:`Principal` (docassemble account id,
e-mail, server-administrator flag) in every call and decides access itself (access.py):
organisations and roles (members.py), comment threads (comments.py), suggested changes and
conflicts (suggestions.py), the agreement room and its moves (room.py), the dashboard
(dashboard.py), agreements started from the interview and re-drafted versions (start.py),
redlines between any two versions and exports (versions.py), the legal-basis check run from
the dashboard (legal_basis.py), people's names (people.py), what waits for a person
(waiting.py), e-mail (notify.py, invite_mail.py, outbox.py, mailer.py) and signing by upload (signing_room.py).
It never imports docassemble; the web bridge (pamats.interview.workspace)
builds the Principal from docassemble's login.
"""

from __future__ import annotations

from .access import Principal, served_info
from .comments import CommentsMixin
from .dashboard import DashboardMixin
from .invite_mail import InviteMailMixin
from .legal_basis import LegalBasisMixin
from .members import MembersMixin
from .people import PeopleMixin
from .room import RoomMixin
from .signing_room import SigningRoomMixin
from .start import StartMixin
from .suggestions import PointConflict, SuggestionsMixin
from .versions import VersionsMixin
from .waiting import WaitingMixin

__all__ = ["Workspace", "Principal", "PointConflict", "is_served"]


class Workspace(
    MembersMixin,
    CommentsMixin,
    SuggestionsMixin,
    RoomMixin,
    DashboardMixin,
    StartMixin,
    VersionsMixin,
    WaitingMixin,
    SigningRoomMixin,
    LegalBasisMixin,
    PeopleMixin,
    InviteMailMixin,
):
    """The workspace over one registry (SQLite for tests, PostgreSQL on a server)."""

    def __init__(self, registry):
        self.reg = registry


def is_served(registry) -> dict | None:
    """{since, by} if the workspace serves this registry (written on its first use), else None."""
    with registry.tx() as s:
        return served_info(s)
