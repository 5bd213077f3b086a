"""This file writes a redline as a DOCX with real Word tracked changes (w:ins / w:del).

Each changed provision becomes a paragraph whose inserted words sit in ``w:ins`` and deleted
words in ``w:del`` (``w:delText``), each with ``w:id``, ``w:author`` and ``w:date``; whole
inserted or deleted provisions also mark the paragraph mark, so accepting or rejecting in
Word / LibreOffice gives exactly the new or the old text. Moved provisions are written as a
deletion at the old place and an insertion at the new one. Renumbering shows as a tracked
change of the number. Each change is credited to one author and date, or, with ``credits``
(one (author, date) per change), to whoever made that change (e.g. the proposer of the version
that brought it). The file is written atomically.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .._atomic import write_bytes_atomic
from .redline import Change

__all__ = ["redline_docx_bytes", "write_redline_docx"]


class _Ids:
    def __init__(self):
        self.n = 0

    def next(self) -> str:
        self.n += 1
        return str(self.n)


def _run(text: str, deleted: bool = False):
    r = OxmlElement("w:r")
    t = OxmlElement("w:delText" if deleted else "w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    r.append(t)
    return r


def _mark(tag: str, ids: _Ids, author: str, date: str):
    el = OxmlElement(tag)
    el.set(qn("w:id"), ids.next())
    el.set(qn("w:author"), author)
    el.set(qn("w:date"), date)
    return el


def _para_mark(p, tag: str, ids: _Ids, author: str, date: str) -> None:
    ppr = p._p.get_or_add_pPr()
    rpr = OxmlElement("w:rPr")
    rpr.append(_mark(tag, ids, author, date))
    ppr.append(rpr)


def _pieces(c: Change) -> list[tuple[str, str]]:
    """Runs of the paragraph including its number."""
    if c.op in ("deleted", "moved_from"):
        return [("delete", f"{c.old_number} " if c.old_number else "")] + c.words
    if c.op in ("inserted", "moved_to"):
        return [("insert", f"{c.new_number} " if c.new_number else "")] + c.words
    if c.renumbered:
        num = [("delete", f"{c.old_number}"), ("insert", f"{c.new_number}"), ("equal", " ")]
    else:
        num = [("equal", f"{c.new_number} " if c.new_number else "")]
    return num + c.words


def _stamp(date: dt.datetime | None) -> str:
    return (date or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")


def redline_docx_bytes(
    changes: list[Change],
    *,
    title: str,
    author: str,
    date: dt.datetime | None = None,
    credits: list[tuple[str, dt.datetime | None]] | None = None,
) -> bytes:
    if credits is not None and len(credits) != len(changes):
        raise ValueError("credits: one (author, date) per change")
    default = (author, _stamp(date))
    ids = _Ids()
    doc = Document()
    doc.add_heading(title, level=1)
    for i, c in enumerate(changes):
        author, date_s = (credits[i][0], _stamp(credits[i][1])) if credits is not None else default
        p = doc.add_paragraph()
        if c.depth:
            p.paragraph_format.left_indent = int(c.depth * 360 * 635)  # EMU: 0.25in per level
        if c.kind == "chapter":
            p.style = doc.styles["Heading 2"]
        for op, text in _pieces(c):
            if not text:
                continue
            if op == "equal":
                p._p.append(_run(text))
            else:
                wrap = _mark("w:ins" if op == "insert" else "w:del", ids, author, date_s)
                wrap.append(_run(text, deleted=op == "delete"))
                p._p.append(wrap)
        if c.op in ("inserted", "moved_to"):
            _para_mark(p, "w:ins", ids, author, date_s)
        elif c.op in ("deleted", "moved_from"):
            _para_mark(p, "w:del", ids, author, date_s)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def write_redline_docx(changes: list[Change], out: Path, **kw) -> Path:
    write_bytes_atomic(Path(out), redline_docx_bytes(changes, **kw))
    return Path(out)
