"""This file defines Latvian quotation marks: one style, „…”, nested quotes included.

Latvian text quotes with „ (U+201E) to open and ” (U+201D) to close, and a quote inside a quote
uses the same pair: Biedrība „Patvērums „Drošā māja””. Answers are typed with straight quotes
(") or pasted with a mix („…“, “…”); :func:`lv_quotes` decides each mark from its place (after
a space, a bracket, a dash or another opening mark it opens, otherwise it closes) and writes the
one style. Source and what could not be verified: docs/drafting.md "Quotation marks".
"""

from __future__ import annotations

import re

__all__ = ["lv_quotes"]

OPEN, CLOSE = "\u201e", "\u201d"
_MARKS = re.compile('["\u201c\u201d\u201e]')
_OPENS_AFTER = set(" \t\n([{/–—-" + OPEN)


def lv_quotes(text: str) -> str:
    """``text`` with every double quotation mark written as „ or ”, decided by its place."""
    if not _MARKS.search(text):
        return text
    out: list[str] = []
    for ch in text:
        if ch == OPEN:
            out.append(OPEN)
        elif ch in '"\u201c\u201d':
            prev = out[-1] if out else ""
            out.append(OPEN if (prev == "" or prev in _OPENS_AFTER) else CLOSE)
        else:
            out.append(ch)
    return "".join(out)
