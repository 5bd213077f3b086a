"""This file defines signing in the agreement room: download the PDF to sign, upload it signed.

A signatory downloads the agreed version's PDF (with the earlier parties' signatures), signs
it with their own tool (in Latvia a qualified e-signature, eParaksts), and uploads the signed
file. The registry checks it exactly as for ``pamats agreements sign --signed-pdf``
(:meth:`pamats.registry.signing.SigningMixin.sign`: every PAdES signature valid and chaining to
the deployment's trust roots, the signed revision beginning with the PDF to sign byte for byte,
later updates only adding signatures) and records the signature for the signatory's own
organisation; the signed PDF is stored as bytes in the registry database (``signed_pdfs``),
never on a web server's disk. Refusals are "Latvian / English" messages; an account of an
organisation that is not a party gets the one "not found".
"""

from __future__ import annotations

from ...errors import InputError
from .access import Principal, agreement_for

__all__ = ["SigningRoomMixin", "MAX_SIGNED_PDF"]

MAX_SIGNED_PDF = 15 * 1024 * 1024  # a signed agreement PDF (with certificates, revocation data) is far smaller


class SigningRoomMixin:
    reg: object

    def pdf_to_sign(self, p: Principal, slug: str) -> bytes:
        """The PDF the next party signs: the agreed PDF plus the signatures given so far."""
        with self.reg.tx() as s:
            _a, m = agreement_for(s, p, slug, "read")
            username = m.user.username
        return self.reg.pdf_to_sign(username, slug)

    def signed_pdf_of(self, p: Principal, slug: str) -> bytes:
        """The PDF with every signature given on the latest signed version."""
        with self.reg.tx() as s:
            _a, m = agreement_for(s, p, slug, "read")
            username = m.user.username
        return self.reg.signed_pdf(username, slug)

    def upload_signed(self, p: Principal, slug: str, data, *, version: int | None = None) -> dict:
        """Record the signatory's organisation's signature from the uploaded signed PDF."""
        with self.reg.tx() as s:
            _a, m = agreement_for(s, p, slug, "sign")
            username = m.user.username
        if not isinstance(data, bytes | bytearray) or not data:
            raise InputError(
                "nav augšupielādēts neviens fails / no file was uploaded",
                hint="izvēlieties parakstīto PDF failu / choose the signed PDF file",
            )
        if len(data) > MAX_SIGNED_PDF:
            raise InputError(
                f"fails ir pārāk liels ({len(data) // (1024 * 1024)} MB; drīkst līdz {MAX_SIGNED_PDF // (1024 * 1024)} MB)"
                f" / the file is too large ({len(data) // (1024 * 1024)} MB; at most "
                f"{MAX_SIGNED_PDF // (1024 * 1024)} MB)",
                hint="augšupielādējiet tikai parakstīto līguma PDF / upload only the signed agreement PDF",
            )
        if not bytes(data[:1024]).lstrip().startswith(b"%PDF-"):
            raise InputError(
                "augšupielādētais fails nav PDF / the uploaded file is not a PDF",
                hint="augšupielādējiet parakstīto PDF (nevis, piemēram, .edoc vai .asice konteineru) / "
                "upload the signed PDF (not, e.g., an .edoc or .asice container)",
            )
        return self.reg.sign(username, slug, signed_pdf=bytes(data), version=version)
