"""This file defines how the text of a Latvian section divides into parts and points.

likumi.lv writes a part as ``(1) …`` and an inserted part as ``(2¹) …``; the public snapshot
flattens the superscript to ``(2 1 ) …``. Points are ``1) …`` / ``3 1 ) …`` at the start of a
line, inside the current part (or directly in the section). Numbers are returned as written
in citations: ``"2"``, ``"2.1"`` (for 2¹). A unit is repealed when its text is
``(izslēgts …)`` / ``(izslēgta …)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Unit", "split_section", "is_repealed", "normalise"]

_PART = re.compile(r"^\((\d+)(?:\s+(\d+)\s*)?\)\s?(.*)$", re.S)
_POINT = re.compile(r"^(\d+)(?:\s+(\d+)\s*)?\)\s?(.*)$", re.S)
_REPEALED = re.compile(
    r"^(?:\d+(?:\.\s?\d+)?\.\s+)?\(\s*izslēgt[sa]\b", re.I
)  # "14. (Izslēgts …)" in transitional points


def _num(major: str, minor: str | None) -> str:
    return f"{int(major)}.{int(minor)}" if minor else str(int(major))


def normalise(text: str) -> str:
    """Text for comparison: soft hyphens dropped, runs of white space made one space."""
    return " ".join(text.replace("\u00ad", "").split())


def is_repealed(body: str) -> bool:
    """True when a unit's own text (after its number) says it was repealed."""
    return bool(_REPEALED.match(body.strip()))


@dataclass
class Unit:
    """A part or point: its own text (number stripped) and, for a part, its points."""

    number: str
    lines: list[str] = field(default_factory=list)
    points: dict[str, Unit] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def repealed(self) -> bool:
        return is_repealed(self.lines[0]) if self.lines else False


def split_section(text: str) -> tuple[Unit, dict[str, Unit]]:
    """Split a section's text into (the section itself with its direct points, its parts).

    Lines before the first part or point stay with the section (or part) they follow. A
    number seen twice keeps the first occurrence (a later line such as a quoted list is text).
    """
    whole = Unit("")
    parts: dict[str, Unit] = {}
    container, point = whole, None
    for line in text.split("\n"):
        stripped = line.strip()
        m = _PART.match(stripped)
        if m and _num(m[1], m[2]) not in parts:
            container = Unit(_num(m[1], m[2]), [m[3]])
            parts[container.number] = container
            point = None
            whole.lines.append(line)
            continue
        m = _POINT.match(stripped)
        if m and _num(m[1], m[2]) not in container.points:
            point = Unit(_num(m[1], m[2]), [m[3]])
            container.points[point.number] = point
            if container is not whole:
                container.lines.append(line)
            whole.lines.append(line)
            continue
        whole.lines.append(line)
        if container is not whole:
            container.lines.append(line)
        if point is not None:
            point.lines.append(line)
    return whole, parts
