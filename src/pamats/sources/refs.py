"""This file defines reading a Latvian citation ("13. panta pirmās daļas 7. punkts") as numbers.

Used by ``pamats sources check`` to compare a provision's ``ref`` (what a person reads) with
its ``cites`` (what is looked up). Forms: ``N. pants``, ``N. panta <ordinal> daļa``,
``N. panta <ordinal> daļas M. punkts``, ``N. panta M. punkts`` (sections without parts),
inserted units with a superscript (``15.¹ panta``, ``2.¹ daļa``) and numbered parts
(``2.¹ daļa``, ``13. daļa``). Anything else (``[nav noskaidrots] …``) is not read: None.
"""

from __future__ import annotations

import re

__all__ = ["parse_ref", "ORDINALS"]

_STEMS = [
    "pirm",
    "otr",
    "treš",
    "ceturt",
    "piekt",
    "sest",
    "septīt",
    "astot",
    "devīt",
    "desmit",
    "vienpadsmit",
    "divpadsmit",
    "trīspadsmit",
    "četrpadsmit",
    "piecpadsmit",
    "sešpadsmit",
    "septiņpadsmit",
    "astoņpadsmit",
    "deviņpadsmit",
    "divdesmit",
]
ORDINALS: dict[str, int] = {}
for _n, _stem in enumerate(_STEMS, start=1):
    ORDINALS[_stem + "ā"] = ORDINALS[_stem + "ās"] = _n
_SUP = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹", "123456789")
_NUM = r"\d+\.(?:[¹²³⁴⁵⁶⁷⁸⁹]+)?"
_REF = re.compile(
    rf"^(?P<sec>{_NUM})\s+pant(?:s|a)"
    rf"(?:\s+(?P<part>{_NUM}|[a-zāčēģīķļņšūž]+)\s+daļ(?:a|as))?"
    rf"(?:\s+(?P<pt>{_NUM})\s+punkt(?:s|a))?$"
)


def _number(text: str) -> str:
    """'15.¹' -> '15.1', '13.' -> '13'."""
    major, _dot, sup = text.partition(".")
    sup = sup.translate(_SUP)
    return f"{int(major)}.{int(sup)}" if sup else str(int(major))


def parse_ref(ref: str) -> tuple[str, str | None, str | None] | None:
    """(section, part, point) of a Latvian citation, or None when it is not in a known form."""
    m = _REF.match(" ".join(ref.split()))
    if not m:
        return None
    part = m["part"]
    if part is not None:
        if part[0].isdigit():
            part = _number(part)
        elif part in ORDINALS:
            part = str(ORDINALS[part])
        else:
            return None
    return _number(m["sec"]), part, _number(m["pt"]) if m["pt"] else None
