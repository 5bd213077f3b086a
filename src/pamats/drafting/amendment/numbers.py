"""This file defines unit numbers of an act in force: points, sub-points, inserted (prim) units.

A number is a tuple of components ``(base, prim)``: point 5 is ``((5, 0),)``, sub-point 2.2.1
is ``((2, 0), (2, 0), (1, 0))``, a point inserted after 5 is ``((5, 1),)`` and is written
``5.¹`` (Latvian technique: inserted units take a superscript, the act is never renumbered).
Tuples sort in document order, so instructions sort "in the act's order" by their keys.
"""

from __future__ import annotations

import re

__all__ = ["Key", "parse_number", "format_number", "ref_number", "is_number", "SUP"]

Key = tuple[tuple[int, int], ...]
SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_UNSUP = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_COMP = re.compile(r"(\d+)\.?\s*(?:\^(\d+)|([⁰¹²³⁴⁵⁶⁷⁸⁹]+))?\.?\s*")
_WHOLE = re.compile(r"^\s*(?:\d+\.?\s*(?:\^\d+|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)?\.?\s*)+$")


def is_number(text: str) -> bool:
    return isinstance(text, str) and bool(_WHOLE.match(text))


def parse_number(text: str) -> Key:
    """'5' -> ((5,0),); '5.¹' / '5¹' / '5^1' -> ((5,1),); '2.2.1.' -> ((2,0),(2,0),(1,0)).

    Raises ValueError for anything else (the caller turns it into an InputError with file:line).
    """
    if not is_number(str(text)):
        raise ValueError(f"{text!r} is not a point number (write e.g. 5, 5.¹ or 2.2.1)")
    out = []
    for m in _COMP.finditer(str(text)):
        base = int(m.group(1))
        prim = int(m.group(2)) if m.group(2) else int(m.group(3).translate(_UNSUP)) if m.group(3) else 0
        if base < 1:
            raise ValueError(f"{text!r}: numbers start at 1")
        out.append((base, prim))
    return tuple(out)


def format_number(key: Key) -> str:
    """Number as printed before a unit: '5.', '5.¹', '2.2.1.', '5.¹ 1.'."""
    parts = []
    for i, (base, prim) in enumerate(key):
        s = f"{base}." + (str(prim).translate(SUP) if prim else "")
        if i and key[i - 1][1]:
            s = " " + s
        parts.append(s)
    return "".join(parts)


def ref_number(key: Key, lang: str = "lv") -> str:
    """Number as cited: Latvian '5.', '5.¹', '2.2.1.'; English without the final dot: '5', '5.¹', '2.2.1'."""
    s = format_number(key)
    return s.rstrip(".") if lang == "en" else s
