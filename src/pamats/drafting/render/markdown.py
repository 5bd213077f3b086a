"""This file defines the Markdown renderer (review copy of a draft).

Markdown control characters in user text are backslash-escaped, so the text shows literally:
inline marks (``\\ ` * < > |``), every link form (``](``, ``][``, ``]:`` and ``javascript:``
schemes), and on every line of a field (it may stand at the start of a line, after a list
marker or in a quote), what would start a block there (``#`` heading, ``-``/``+``/``1.``
list item, ``>`` quote, ``=``/``-`` setext underline, ``~~~`` fence, ``___`` rule);
leading spaces of such lines and blank lines are dropped (a code block, a new paragraph). So a field value
never creates a heading, a point, a table row or a link in the Markdown output.
"""

from __future__ import annotations

import re

from ..document import Instrument
from .common import items, xml_safe

__all__ = ["render_markdown", "md_escape"]

_MD = re.compile(r"([\\`*<>|])")
_LINK = re.compile(r"\](?=[(\[:])")  # ](url) [text][ref] [ref]: url
_SCHEME = re.compile(r"(?i)\b(javascript|vbscript|data)(\s*):")
_BLOCK = re.compile(  # what starts a block at a line's start (CommonMark): escape its first character
    r"^(?:(#)(?=#{0,5}(?:\s|$))|([+\-])(?=\s|$)|(>)|([=\-_])(?=[=\-_ \t]*$)|(~)(?=~~)|(\d{1,9})([.)])(?=\s|$))"
)


def _line_start(line: str, first: bool = False) -> str:
    """A field's line with a block start escaped; a continuation line loses its indentation (a
    code block), the first line keeps up to three spaces (text joined mid-line keeps its space)."""
    rest = line.lstrip(" \t")
    lead = line[: len(line) - len(rest)] if first else ""
    lead = lead if len(lead.expandtabs(4)) < 4 else " "
    line = rest

    def esc(m: re.Match) -> str:
        if m.group(6):  # "1." / "2)": escape the mark after the number
            return m.group(6) + "\\" + m.group(7)
        return "\\" + m.group(0)

    return lead + _BLOCK.sub(esc, line)


def md_escape(text: str, *, block: bool = True, one_line: bool = False) -> str:
    """``text`` shown literally in Markdown; ``block``: the field may start a block (a line, or
    after a list marker or '> '; False only for our own numbers);
    ``one_line``: a heading's text (its lines joined by spaces: a heading ends at a newline)."""
    if one_line:
        text = " ".join(text.split())
    out = _SCHEME.sub(r"\1\2\\:", _LINK.sub("]\\\\", _MD.sub(r"\\\1", xml_safe(text))))
    lines = out.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = lines[:1] + [x for x in lines[1:] if x.strip()]  # a blank line would end the paragraph or point
    return "\n".join(_line_start(x, i == 0) if (i or block) else x for i, x in enumerate(lines))


def render_markdown(instr: Instrument) -> str:
    e = md_escape
    out: list[str] = []
    if instr.marking:
        out += [f"*{e(instr.marking)}*", ""]
    for line in instr.header_lines:
        out += [e(line), ""]
    out += [f"# {e(instr.title, one_line=True)}", ""]
    if instr.basis_line:
        out += [f"> {e(instr.basis_line)}", ""]
    for n in instr.notes:
        out += [f"**{e(n)}**", ""]
    for w in instr.warnings:
        out += [f"**{e(w)}**", ""]
    for line in instr.intro:
        out += [e(line), ""]
    for it in items(instr):
        if it["chapter"]:
            out += [f"## {e(it['heading'], one_line=True)}", ""]
        elif it["section"]:
            out += [f"### {e(it['number'], block=False)} {e(it['title'], one_line=True)}", ""]
        elif it["para"]:
            out += [e(it["text"]), ""]
        else:
            # no indentation: four spaces would make a code block; the number shows the level
            out += [f"{e(it['number'], block=False)} {e(it['text'])}", ""]
    if instr.signature_blocks:
        if instr.meta.get("signatures_title"):
            out += [f"## {e(instr.meta['signatures_title'], one_line=True)}", ""]
        for block in instr.signature_blocks:
            out += ["  \n".join(e(x) for x in block), ""]
    for s in instr.signatories:
        out += [f"{e(s.position)} — {e(s.name)}", ""]
    for line in instr.closing:
        out += [e(line), ""]
    return "\n".join(out).rstrip() + "\n"
