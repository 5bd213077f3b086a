"""This file defines the evidence tables: the agreed PDF of a version, the signed PDF and
certificate facts behind each signature, the signed checkpoints of the audit chains, and the
signing certificates (or certificate subject identifiers) each organisation has tied to itself.

PDFs are stored in the database as bytes (no state on a server's disk).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..models import Base

__all__ = ["AgreedPdf", "SignedPdf", "Checkpoint", "OrgCertificate", "TIE_KINDS"]

TIE_KINDS = ("certificate", "attribute")


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


class OrgCertificate(Base):
    """A certificate tied to an organisation: its SHA-256 fingerprint (kind ``certificate``), or a
    subject attribute every certificate of the organisation carries (kind ``attribute``, e.g.
    organizationIdentifier NTRLV-40008000000, or a representative's serialNumber PNOLV-…).
    Migration 0004; every tie is an entry of the organisation's log (``ws_org_audit``)."""

    __tablename__ = "org_certificates"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # TIE_KINDS
    attribute: Mapped[str | None] = mapped_column(
        String(64), nullable=True
    )  # asn1crypto name, e.g. organization_identifier
    value: Mapped[str] = mapped_column(String(400))  # fingerprint (hex) or the attribute's value
    label: Mapped[str] = mapped_column(Text)  # the certificate's subject, or a note
    added_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
