"""This file defines PDF output: a DOCX converted with LibreOffice headless (``soffice``).

A clear InputError-style message (exit 2) when soffice is absent; the PDF is moved into place
atomically (converted in a temporary folder first).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ...errors import PamatsError

__all__ = ["render_pdf", "soffice_path"]


class ToolMissing(PamatsError):
    """An external program pamats needs is not installed."""


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def render_pdf(docx_path: str | Path, out_path: str | Path, *, timeout: int = 180) -> Path:
    exe = soffice_path()
    if not exe:
        raise ToolMissing("LibreOffice (soffice) is not installed, so PDF cannot be made",
                          hint="install LibreOffice, or use --format docx and convert the file yourself")
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pamats-pdf-") as tmp:
        profile = Path(tmp) / "profile"
        cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
               "--outdir", tmp, str(docx_path)]
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        produced = Path(tmp) / (Path(docx_path).stem + ".pdf")
        if res.returncode != 0 or not produced.exists():
            raise PamatsError(f"LibreOffice could not convert {docx_path}: {res.stderr.strip() or res.stdout.strip()}")
        staged = out.parent / f".{out.name}.tmp"
        shutil.move(str(produced), staged)
        os.replace(staged, out)
    return out
