"""This file defines what a party takes out of the room: redlines between any two versions and
exports of any version.

``redline_docx``: the changes from one version to another as a DOCX with Word tracked changes
(:mod:`pamats.drafting.redline_docx`), each change credited to whoever proposed the version that
last changed that point between the two (their name, else e-mail, and organisation) with its date.
``export``: a version's DOCX (as stored, hash-checked), its PDF (LibreOffice, through
unoserver when the server runs one, as drafting does) or its answers as YAML. Access is the
room's: an organisation that is not a party gets the one "not found".
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from sqlalchemy import select

from ...drafting.redline import compare
from ..errors import NotFound
from ..models import Version
from .access import Principal, agreement_for
from .people import Names, credits
from .points import instrument_of, point_map

__all__ = ["VersionsMixin", "EXPORTS", "download_name"]

# what a version is exported as: (file extension, media type)
EXPORTS = {
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": ("pdf", "application/pdf"),
    "answers": ("yaml", "application/yaml"),
}


def download_name(slug: str, what: str, number=None, *, old=None, new=None) -> str:
    """The file name a download is saved under (the page's links and the exports use this one name):
    ``docx``/``pdf``/``answers`` of version ``number``, ``redline`` from ``old`` to ``new``,
    ``to_sign`` (the PDF to sign of version ``number``) or ``signed`` (the signed PDF)."""
    names = {
        "docx": f"{slug}-v{number}.docx",
        "pdf": f"{slug}-v{number}.pdf",
        "answers": f"{slug}-v{number}-answers.yaml",
        "redline": f"{slug}-v{old}-v{new}-redline.docx",
        "to_sign": f"{slug}-v{number}-to-sign.pdf",
        "signed": f"{slug}-signed.pdf",
    }
    return names[what]


def _number(n) -> int | None:
    return n if isinstance(n, int) and not isinstance(n, bool) and n > 0 else None


class VersionsMixin:
    reg: object

    def _versions(self, p: Principal, slug: str, numbers: tuple, names: Names | None = None) -> tuple[str, list]:
        """(the account's username, the versions between the smallest and largest of ``numbers``);
        each credited to "name (organisation)" (``names``: see :mod:`.people`)."""
        with self.reg.tx() as s:
            a, m = agreement_for(s, p, slug, "read")
            nums = [_number(n) for n in numbers]
            if None in nums:
                raise NotFound("versija nav atrasta / no such version of this agreement")
            lo, hi = min(nums), max(nums)
            rows = list(
                s.scalars(
                    select(Version)
                    .where(Version.agreement_id == a.id, Version.number >= lo, Version.number <= hi)
                    .order_by(Version.number)
                )
            )
            have = {v.number for v in rows}
            missing = [n for n in nums if n not in have]
            if missing:
                raise NotFound(f"versija {missing[0]} nav atrasta / no version {missing[0]} of this agreement")
            by = credits(s, {v.proposed_by for v in rows}, names)
            out = [
                {
                    "number": v.number,
                    "points": point_map(instrument_of(v)),
                    "by": by[v.proposed_by_id],
                    "at": v.proposed_at,
                }
                for v in rows
            ]
            return m.user.username, out

    def version_numbers(self, p: Principal, slug: str) -> list[int]:
        with self.reg.tx() as s:
            a, _m = agreement_for(s, p, slug, "read")
            return list(s.scalars(select(Version.number).where(Version.agreement_id == a.id).order_by(Version.number)))

    def redline_docx(self, p: Principal, slug: str, old, new, *, names: Names | None = None) -> tuple[bytes, str]:
        """(DOCX with tracked changes from ``old`` to ``new``, file name); each change credited to
        "name (organisation)" of the version's proposer (``names``: see :mod:`.people`)."""
        from ...drafting.redline_docx import redline_docx_bytes

        username, rows = self._versions(p, slug, (old, new), names)
        a, b = self.reg.version(username, slug, old), self.reg.version(username, slug, new)  # hash-checked
        if not a["instrument"] or not b["instrument"]:
            raise NotFound("versijai nav uzrakstīta teksta / a version has no drafted text to compare")
        changes = compare(a["instrument"], b["instrument"])
        credits = [_credit(rows, c.node_id, c.op) for c in changes]
        data = redline_docx_bytes(
            changes, title=f"{slug}: {old} → {new}", author=rows[-1]["by"], date=rows[-1]["at"], credits=credits
        )
        return data, download_name(slug, "redline", old=old, new=new)

    def export(self, p: Principal, slug: str, number, what: str) -> tuple[bytes, str, str]:
        """(bytes, file name, media type) of version ``number`` as ``what`` (docx, pdf, answers)."""
        if what not in EXPORTS:
            raise NotFound(f"nezināms formāts / unknown export {str(what)[:20]!r}")
        username, _rows = self._versions(p, slug, (number,))
        _ext, mime = EXPORTS[what]
        name = download_name(slug, what, number)
        if what == "answers":
            from ...yamlio import dump_yaml

            v = self.reg.version(username, slug, number)
            return dump_yaml(v["answers"]).encode("utf-8"), name, mime + "; charset=utf-8"
        docx = self.reg.docx(username, slug, number)
        if what == "docx":
            return docx, name, mime
        from ...drafting.render.pdf import render_pdf

        with tempfile.TemporaryDirectory(prefix="pamats-export-") as tmp:
            src = Path(tmp) / f"{slug}-v{number}.docx"
            src.write_bytes(docx)
            return render_pdf(src, Path(tmp) / name).read_bytes(), name, mime


def _credit(rows: list[dict], node: str, op: str) -> tuple[str, object]:
    """Who last changed point ``node`` between the first and last of ``rows`` (and when)."""
    for prev, cur in zip(reversed(rows[:-1]), reversed(rows[1:])):
        a, b = prev["points"].get(node), cur["points"].get(node)
        if (a and (a["text"], a["number"])) != (b and (b["text"], b["number"])):
            return cur["by"], cur["at"]
    last = rows[-1] if op != "equal" else rows[0]
    return last["by"], last["at"]
