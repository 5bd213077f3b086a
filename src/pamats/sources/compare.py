"""This file defines comparing the bundled texts with a newer snapshot file (``pamats sources compare``).

When the public snapshot is refreshed, a section may have been amended, repealed, added or
removed. :func:`compare` lists, per law, the sections whose text is not the same (white space
and soft hyphens ignored), so a maintainer knows which citations to re-read before importing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .snapshot import convert
from .structure import normalise
from .texts import LawText

__all__ = ["Change", "compare"]


@dataclass(frozen=True)
class Change:
    law: int
    section: str
    kind: str  # "changed", "added", "removed"


def compare(laws: dict[int, LawText], snapshot: Path) -> tuple[int, list[Change]]:
    """(law id, the sections of the bundled law that differ in ``snapshot``).

    Only the sections pamats stores are compared for a partial law; "added" is reported only
    for laws stored whole.
    """
    doc = convert(snapshot, sections=None, origin={}, retrieved="")
    law = laws.get(doc["law"])
    if law is None:
        return doc["law"], []
    new = {s["section"]: normalise(s["text"]) for s in doc["sections"]}
    out = []
    for sec, (_heading, text) in law.sections.items():
        if sec not in new:
            out.append(Change(law.law, sec, "removed"))
        elif new[sec] != normalise(text):
            out.append(Change(law.law, sec, "changed"))
    if law.scope == "whole":
        out += [Change(law.law, sec, "added") for sec in new if sec not in law.sections]
    return doc["law"], out
