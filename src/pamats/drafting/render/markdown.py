"""This file defines the Markdown renderer (review copy of a draft).

Markdown control characters in user text are backslash-escaped, so the text shows literally.
"""

from __future__ import annotations

import re

from ..document import Instrument
from .common import items, xml_safe

__all__ = ["render_markdown", "md_escape"]

_MD = re.compile(r"([\\`*<>|])")


def md_escape(text: str) -> str:
    return _MD.sub(r"\\\1", xml_safe(text))


def render_markdown(instr: Instrument) -> str:
    e = md_escape
    out: list[str] = []
    if instr.marking:
        out += [f"*{e(instr.marking)}*", ""]
    for line in instr.header_lines:
        out += [e(line), ""]
    out += [f"# {e(instr.title)}", ""]
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
            out += [f"## {e(it['heading'])}", ""]
        elif it["section"]:
            out += [f"### {e(it['number'])} {e(it['title'])}", ""]
        elif it["para"]:
            out += [e(it["text"]), ""]
        else:
            # no indentation: four spaces would make a code block; the number shows the level
            out += [f"{e(it['number'])} {e(it['text'])}", ""]
    if instr.signature_blocks:
        if instr.meta.get("signatures_title"):
            out += [f"## {e(instr.meta['signatures_title'])}", ""]
        for block in instr.signature_blocks:
            out += ["  \n".join(e(x) for x in block), ""]
    for s in instr.signatories:
        out += [f"{e(s.position)} — {e(s.name)}", ""]
    for line in instr.closing:
        out += [e(line), ""]
    return "\n".join(out).rstrip() + "\n"
