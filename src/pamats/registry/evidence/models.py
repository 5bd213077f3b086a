"""This file defines the evidence tables: the agreed PDF of a version, the signed PDF and
certificate facts behind each signature, and the signed checkpoints of the audit chains.

PDFs are stored in the database as bytes (no state on a server's disk).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..models import Base

__all__ = ["AgreedPdf", "SignedPdf", "Checkpoint"]


class AgreedPdf(Base):
    __tablename__ = "agreed_pdfs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id"), unique=True)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    pdf_sha256: Mapped[str] = mapped_column(String(64))
    content_hash: Mapped[str] = mapped_column(String(64))
    made_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class SignedPdf(Base):
    __tablename__ = "signed_pdfs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    signature_id: Mapped[int] = mapped_column(ForeignKey("signatures.id"), unique=True)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)  # agreed PDF + signatures up to this one
    pdf_sha256: Mapped[str] = mapped_column(String(64))
    field_name: Mapped[str] = mapped_column(String(200))
    cert_subject: Mapped[str] = mapped_column(Text)
    cert_serial: Mapped[str] = mapped_column(String(100))
    cert_issuer: Mapped[str] = mapped_column(Text)
    signing_time: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Checkpoint(Base):
    __tablename__ = "checkpoints"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    body: Mapped[str] = mapped_column(Text)  # canonical JSON {at, heads: {slug: [seq, hash]}}
    key_id: Mapped[str] = mapped_column(String(64))  # SHA-256 of the raw public key
    signature: Mapped[str] = mapped_column(Text)  # hex Ed25519 signature over body
