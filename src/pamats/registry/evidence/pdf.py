"""This file defines the agreed PDF: a version's DOCX converted by LibreOffice to PDF/A-2b,
carrying the version's content hash in its metadata (Info /Subject and XMP dc:description).

The hash goes into the DOCX's core "subject" property of a copy made for the conversion
(the stored DOCX is not touched); LibreOffice writes it into both the Info dictionary and the
XMP packet, so the PDF stays PDF/A. A signature over this PDF therefore fixes the content hash.
"""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from pathlib import Path

from ...errors import PamatsError

__all__ = ["make_agreed_pdf", "subject_line", "read_binding", "PDF_FILTER"]

PDF_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'  # PDF/A-2b
_SUBJECT = re.compile(r"pamats agreement (?P<slug>\S+) version (?P<version>\d+) sha256:(?P<hash>[0-9a-f]{64})")


def subject_line(slug: str, version: int, content_hash: str) -> str:
    return f"pamats agreement {slug} version {version} sha256:{content_hash}"


def make_agreed_pdf(docx: bytes, slug: str, version: int, content_hash: str, *, timeout: int = 180) -> bytes:
    """PDF/A-2b of ``docx`` whose metadata names the agreement, version and content hash."""
    import docx as python_docx

    from ...drafting.render.pdf import ToolMissing, soffice_path

    exe = soffice_path()
    if not exe:
        raise ToolMissing(
            "LibreOffice (soffice) is not installed, so the agreed PDF cannot be made",
            hint="install LibreOffice (scripts/system-deps.sh)",
        )
    try:
        doc = python_docx.Document(io.BytesIO(docx))
    except Exception as e:  # noqa: BLE001 - not a DOCX
        raise PamatsError(
            f"version {version} of {slug!r} has no readable DOCX ({type(e).__name__}); no PDF can be made to sign",
            hint="propose a version drafted with pamats",
        ) from None
    doc.core_properties.subject = subject_line(slug, version, content_hash)
    with tempfile.TemporaryDirectory(prefix="pamats-agreed-") as tmp:
        src = Path(tmp) / "agreed.docx"
        doc.save(src)
        cmd = [
            exe,
            f"-env:UserInstallation=file://{tmp}/profile",
            "--headless",
            "--convert-to",
            PDF_FILTER,
            "--outdir",
            tmp,
            str(src),
        ]
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        out = Path(tmp) / "agreed.pdf"
        if res.returncode != 0 or not out.exists():
            raise PamatsError(
                f"LibreOffice could not make the agreed PDF of {slug!r} version {version}: "
                f"{(res.stderr or res.stdout).strip()[:300]}"
            )
        return out.read_bytes()


def read_binding(pdf: bytes) -> dict | None:
    """The agreement, version and content hash an agreed PDF names (None when it names none)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        r = PdfFileReader(io.BytesIO(pdf), strict=False)
        info = r.trailer_view.get("/Info")
        subject = str(info.get_object().get("/Subject", "")) if info is not None else ""
    except Exception:  # noqa: BLE001 - not a PDF
        return None
    m = _SUBJECT.fullmatch(subject.strip())
    return {"slug": m["slug"], "version": int(m["version"]), "content_hash": m["hash"]} if m else None
