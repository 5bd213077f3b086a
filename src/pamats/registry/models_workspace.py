"""This file defines the negotiation workspace's tables (migration 0002_workspace).

- ``ws_memberships``: which docassemble account (its numeric id and e-mail, from docassemble's
  own login) acts for which organisation, with which role (member, negotiator, signatory) and
  whether it administers that organisation; each account is tied to one registry ``users`` row
  (username ``da-<id>``) so versions, signatures and audit entries name it.
- ``ws_invitations``: an organisation's invitation of an e-mail address with a role; accepted
  when an account with that e-mail logs in.
- ``ws_org_audit``: the append-only, hash-chained log of every membership and role change,
  per organisation.
- ``ws_suggestions``: suggested changes to one point (new wording, a new point after it,
  deleting it) and what the other party decided.
- ``ws_recheck``: the last legal-basis verdict seen per agreement (for the "changed" warning).
- ``ws_settings``: key/value rows; ``served`` marks a registry the workspace serves.
- ``stored_files``: version files kept in the database (:mod:`pamats.registry.files_db`).
- ``ws_party_invitations`` (migration 0004): a party named in the answers of an agreement
  started from the interview whose organisation is not registered yet; it joins the agreement
  when a server administrator registers (or names) its organisation; a negotiator may give an
  e-mail address to send the invitation to (migration 0007).
Comment threads reuse ``comments`` (``thread_id`` = the first comment of the thread).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .models import Base, Organisation, User

__all__ = [
    "Membership",
    "Invitation",
    "OrgAuditEntry",
    "Suggestion",
    "RecheckVerdict",
    "Setting",
    "StoredFile",
    "PartyInvitation",
    "ROLES",
    "SUGGESTION_OPS",
]

ROLES = ("member", "negotiator", "signatory")
SUGGESTION_OPS = ("replace", "insert_after", "delete")


class Membership(Base):
    __tablename__ = "ws_memberships"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(Integer, unique=True)  # docassemble user id
    email: Mapped[str] = mapped_column(String(320), index=True)  # lower-case
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    org_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    since: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    organisation: Mapped[Organisation] = relationship(lazy="joined")
    user: Mapped[User] = relationship(lazy="joined")


class Invitation(Base):
    __tablename__ = "ws_invitations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    email: Mapped[str] = mapped_column(String(320), index=True)  # lower-case
    role: Mapped[str] = mapped_column(String(20))
    org_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    invited_by: Mapped[str] = mapped_column(String(320))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    accepted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    accepted_account: Mapped[int | None] = mapped_column(Integer, nullable=True)
    organisation: Mapped[Organisation] = relationship(lazy="joined")


class OrgAuditEntry(Base):
    __tablename__ = "ws_org_audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(320))  # e-mail of the acting account
    action: Mapped[str] = mapped_column(String(40))
    payload: Mapped[str] = mapped_column(Text, default="{}")  # canonical JSON
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    __table_args__ = (UniqueConstraint("organisation_id", "seq"),)


class Suggestion(Base):
    __tablename__ = "ws_suggestions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), index=True)
    base_version: Mapped[int] = mapped_column(Integer)  # the version the text was read from
    node_id: Mapped[str] = mapped_column(String(100))
    op: Mapped[str] = mapped_column(String(20))  # SUGGESTION_OPS
    base_text: Mapped[str | None] = mapped_column(Text, nullable=True)  # the point as the suggester saw it
    text: Mapped[str | None] = mapped_column(Text, nullable=True)  # new wording / new point
    new_node_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)  # open|accepted|rejected
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    result_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    organisation: Mapped[Organisation] = relationship(lazy="joined")
    user: Mapped[User] = relationship(lazy="joined", foreign_keys=[user_id])


class RecheckVerdict(Base):
    __tablename__ = "ws_recheck"
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), primary_key=True)
    verdict: Mapped[str] = mapped_column(Text)  # canonical JSON {ok, problems}
    previous: Mapped[str | None] = mapped_column(Text, nullable=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Setting(Base):
    __tablename__ = "ws_settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class StoredFile(Base):
    __tablename__ = "stored_files"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    ext: Mapped[str] = mapped_column(String(10), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class PartyInvitation(Base):
    __tablename__ = "ws_party_invitations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), index=True)
    name: Mapped[str] = mapped_column(String(400))  # the party's name as the answers give it
    party_key: Mapped[str] = mapped_column(String(64))  # the party's key in the answers
    invited_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), nullable=True)
    joined_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # migration 0007: whom a negotiator asked to invite by e-mail, and when
    email: Mapped[str | None] = mapped_column(String(320), nullable=True)
    emailed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
