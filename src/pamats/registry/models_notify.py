"""This file defines the workspace's mail outbox (migration 0006_outbox).

``ws_mail_outbox``: one row per e-mail to one person, with a unique ``key`` naming the event and
the recipient (e.g. ``audit:812:anna@marta.example``, ``due:marta-vrs:obligation:3:2027-01-31:7:…``).
Several web servers (and the ``pamats workspace remind`` cron job) may queue the same event at
once: the unique key keeps one row. A row is claimed (``claimed_by``, ``claimed_until``) by one
sender with a single conditional UPDATE before it is sent, so it is sent once.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base

__all__ = ["MailOutbox"]


class MailOutbox(Base):
    __tablename__ = "ws_mail_outbox"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(400), unique=True)
    event: Mapped[str] = mapped_column(String(40))  # version|suggestion|reply|sign_request|due
    agreement_id: Mapped[int | None] = mapped_column(ForeignKey("agreements.id"), nullable=True, index=True)
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    claimed_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True, index=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
