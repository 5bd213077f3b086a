"""This file defines PDF output: a DOCX converted by LibreOffice.

Through a running unoserver (LibreOffice kept in memory; ``PAMATS_UNOSERVER=HOST:PORT``,
default ``127.0.0.1:2003``, ``off`` to never use one) when one answers there, else with a
fresh headless ``soffice`` per document. A clear error (exit 2) when neither is there; the PDF
is moved into place atomically (written in a temporary file first).
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

from ...errors import PamatsError

__all__ = ["UNOSERVER_ENV", "render_pdf", "soffice_path", "unoserver_address"]

UNOSERVER_ENV = "PAMATS_UNOSERVER"
DEFAULT_UNOSERVER = "127.0.0.1:2003"
log = logging.getLogger(__name__)


class ToolMissing(PamatsError):
    """An external program pamats needs is not installed."""


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def unoserver_address() -> tuple[str, int] | None:
    """The unoserver to try, from ``PAMATS_UNOSERVER`` (``HOST:PORT``; ``off`` for none)."""
    value = os.environ.get(UNOSERVER_ENV, DEFAULT_UNOSERVER).strip()
    if value.lower() in ("", "off", "no", "0", "false"):
        return None
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise PamatsError(
            f"{UNOSERVER_ENV}={value!r} is not HOST:PORT",
            hint=f"e.g. {UNOSERVER_ENV}=127.0.0.1:2003, or {UNOSERVER_ENV}=off to use soffice only",
        )
    return host.strip("[]"), int(port)


def _listening(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def _via_unoserver(docx: Path, host: str, port: int) -> bytes | None:
    from unoserver.client import UnoClient

    try:
        # "remote": the document travels in the request, so the server needs no access to our files
        data = UnoClient(host, str(port), host_location="remote").convert(indata=docx.read_bytes(), convert_to="pdf")
    except Exception as e:  # noqa: BLE001 - any failure of the server: fall back to soffice
        log.warning("unoserver at %s:%s could not convert %s (%s); using soffice", host, port, docx, e)
        return None
    return bytes(data) if data and bytes(data[:4]) == b"%PDF" else None


def _via_soffice(docx: Path, tmp: Path, timeout: int) -> bytes:
    exe = soffice_path()
    if not exe:
        addr = os.environ.get(UNOSERVER_ENV, DEFAULT_UNOSERVER)
        raise ToolMissing(
            f"LibreOffice (soffice) is not installed and no unoserver answers at {addr}, so PDF cannot be made",
            hint="install LibreOffice (bash scripts/system-deps.sh), or start a unoserver and set "
            f"{UNOSERVER_ENV}=HOST:PORT, or use --format docx",
        )
    cmd = [
        exe,
        f"-env:UserInstallation=file://{tmp / 'profile'}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(tmp),
        str(docx),
    ]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    produced = tmp / (docx.stem + ".pdf")
    if res.returncode != 0 or not produced.exists():
        raise PamatsError(f"LibreOffice could not convert {docx}: {res.stderr.strip() or res.stdout.strip()}")
    return produced.read_bytes()


def render_pdf(docx_path: str | Path, out_path: str | Path, *, timeout: int = 180) -> Path:
    """Convert ``docx_path`` to PDF at ``out_path`` (unoserver when one answers, else soffice)."""
    docx, out = Path(docx_path), Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    addr = unoserver_address()
    data = _via_unoserver(docx, *addr) if addr and _listening(*addr) else None
    with tempfile.TemporaryDirectory(prefix="pamats-pdf-") as tmp:
        if data is None:
            data = _via_soffice(docx, Path(tmp), timeout)
            log.info("PDF by soffice: %s", out)
        else:
            log.info("PDF by unoserver %s:%s: %s", *addr, out)
        staged = out.parent / f".{out.name}.tmp"
        staged.write_bytes(data)
        os.replace(staged, out)
    return out
