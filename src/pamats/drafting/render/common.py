"""This file defines what every renderer shares: XML-safe text and the flattened item list.

:func:`xml_safe` drops characters XML 1.0 cannot carry (C0 controls other than tab/newline/CR,
U+FFFE/U+FFFF, lone surrogates); :func:`items` flattens an Instrument into display items
(chapter / section headings, numbered points with levels, unnumbered paragraphs).
"""

from __future__ import annotations

import re

from ..document import Instrument, render_inline

__all__ = ["xml_safe", "items", "removed_controls"]

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    return _ILLEGAL.sub("", text)


def removed_controls(text: str) -> int:
    """How many characters :func:`xml_safe` would remove."""
    return len(_ILLEGAL.findall(text))


def items(instr: Instrument) -> list[dict]:
    """Display items in document order; every string is XML-safe."""
    walked = list(instr.walk())  # one walk: numbers and items from the same pass
    nums = {n.node.id: n.number for n in walked}
    out = []
    for n in walked:
        node = n.node
        text = xml_safe(render_inline(node.text, nums))
        level = n.depth + (0 if n.chapter else 1)
        base = {
            "id": node.id,
            "number": n.number,
            "text": text,
            "title": xml_safe(node.title or ""),
            "level": level,
            "chapter": False,
            "section": False,
            "para": False,
        }
        if node.kind == "chapter":
            out.append({**base, "chapter": True, "heading": f"{n.number} {base['title']}".strip()})
            continue
        if node.kind == "para":
            out.append({**base, "para": True, "heading": ""})
            continue
        if node.title:
            out.append({**base, "section": True, "heading": f"{n.number}\t{base['title']}", "text": ""})
            if text:
                out.append({**base, "heading": "", "number": "", "para": True})
            continue
        out.append({**base, "heading": ""})
    return out
