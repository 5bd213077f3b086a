"""This file defines the registry's tables (SQLAlchemy 2.0 declarative models).

Organisations and their users; agreements (the *work*: slug, kind, title, parties,
relied-on norms, status, term dates, a row version for optimistic locking); versions
(the *expressions*: append-only, answers + instrument JSON, DOCX blob hash, content hash);
an append-only hash-chained audit log; clause comments by node id; signatures bound to a
version's content hash; obligations with due dates.
JSON is stored as canonical text (sorted keys) so hashes are reproducible on every backend.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = [
    "Base",
    "Organisation",
    "User",
    "Agreement",
    "AgreementParty",
    "Version",
    "AuditEntry",
    "Comment",
    "Signature",
    "Obligation",
    "STATUSES",
]

STATUSES = ("draft", "negotiation", "agreed", "signed", "in_force", "expired", "terminated", "withdrawn")


class Base(DeclarativeBase):
    pass


class Organisation(Base):
    __tablename__ = "organisations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)  # landscape actor id, e.g. "marta"
    name: Mapped[str] = mapped_column(String(400))


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(400))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    organisation: Mapped[Organisation] = relationship(lazy="joined")


class Agreement(Base):
    __tablename__ = "agreements"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(40), default="agreement")
    form: Mapped[str | None] = mapped_column(String(40), nullable=True)
    title: Mapped[str] = mapped_column(String(1000))
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    relied_on: Mapped[str] = mapped_column(Text, default="[]")  # canonical JSON [{instrument, provision}]
    term_start: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    term_end: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    renewal_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    notice_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    row_version: Mapped[int] = mapped_column(Integer, nullable=False)
    parties: Mapped[list[AgreementParty]] = relationship(
        back_populates="agreement", lazy="selectin", order_by="AgreementParty.position"
    )
    __mapper_args__ = {"version_id_col": row_version}


class AgreementParty(Base):
    __tablename__ = "agreement_parties"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    representative: Mapped[str | None] = mapped_column(String(400), nullable=True)
    representative_position: Mapped[str | None] = mapped_column(String(400), nullable=True)
    agreement: Mapped[Agreement] = relationship(back_populates="parties")
    organisation: Mapped[Organisation] = relationship(lazy="joined")
    __table_args__ = (UniqueConstraint("agreement_id", "organisation_id"),)


class Version(Base):
    __tablename__ = "versions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"))
    number: Mapped[int] = mapped_column(Integer)
    answers: Mapped[str] = mapped_column(Text)  # canonical JSON
    instrument: Mapped[str] = mapped_column(Text)  # canonical JSON ("null" when not drafted)
    docx_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    proposed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    proposed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    proposed_by: Mapped[User] = relationship(lazy="joined")
    __table_args__ = (UniqueConstraint("agreement_id", "number"),)


class AuditEntry(Base):
    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"))
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    username: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(40))
    from_status: Mapped[str | None] = mapped_column(String(20), nullable=True)
    to_status: Mapped[str | None] = mapped_column(String(20), nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    payload: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    __table_args__ = (UniqueConstraint("agreement_id", "seq"),)


class Comment(Base):
    __tablename__ = "comments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), index=True)
    version_number: Mapped[int] = mapped_column(Integer)
    node_id: Mapped[str] = mapped_column(String(100))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(Text)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # the first comment of the thread this one replies to (None: it starts a thread); migration 0002
    thread_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id"), nullable=True, index=True)
    organisation: Mapped[Organisation] = relationship(lazy="joined")


class Signature(Base):
    __tablename__ = "signatures"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    signer: Mapped[str] = mapped_column(String(400))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    content_hash: Mapped[str] = mapped_column(String(64))
    version: Mapped[Version] = relationship(lazy="joined")
    organisation: Mapped[Organisation] = relationship(lazy="joined")
    __table_args__ = (UniqueConstraint("version_id", "organisation_id"),)


class Obligation(Base):
    __tablename__ = "obligations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    description: Mapped[str] = mapped_column(Text)
    due: Mapped[dt.date] = mapped_column(Date, index=True)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    organisation: Mapped[Organisation] = relationship(lazy="joined")


Index("ix_agreements_title", Agreement.title)
