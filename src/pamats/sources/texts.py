"""This file defines the bundled consolidated law texts and the look-up of a cited unit.

One JSON file per law under ``pamats/_data/sources/<jurisdiction>/``, named
``<likumi.lv id>-<slug>.json``: the law's id, titles, likumi.lv address, where the text was
taken from (repository, path, commit, the snapshot's own likumi.lv ingestion date), the date
pamats retrieved it, whether the whole law or only some sections are stored, and the sections
(number as the snapshot writes it, e.g. ``"15.1"`` for 15¹, heading, text). The texts are data,
never edited by hand: :mod:`.snapshot` writes them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import InputError, Location, relpath
from ..resources import data_dir
from .structure import Unit, is_repealed, normalise, split_section

__all__ = ["LawText", "Lookup", "sources_dir", "load_law_file", "bundled_laws", "lookup"]


def sources_dir() -> Path:
    """Folder of the bundled texts (``pamats/_data/sources``)."""
    here = Path(__file__).resolve().parent.parent / "_data" / "sources"
    return here if here.exists() else data_dir("sources")


@dataclass(frozen=True)
class LawText:
    """One bundled law: metadata and ``sections`` (number -> (heading, text))."""

    law: int
    jurisdiction: str
    title_lv: str
    title_en: str | None
    url: str
    retrieved: str
    origin: dict
    scope: str  # "whole" or "sections"
    sections: dict[str, tuple[str | None, str]]
    path: str

    def describe(self) -> str:
        return f"{self.title_lv} (likumi.lv id {self.law})"


def load_law_file(path: Path) -> LawText:
    """Read one bundled text; a malformed file is an :class:`InputError` with its path."""
    shown = relpath(path)
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        sections = {str(s["section"]): (s.get("heading"), str(s["text"])) for s in doc["sections"]}
        return LawText(
            law=int(doc["law"]),
            jurisdiction=str(doc["jurisdiction"]),
            title_lv=str(doc["title"]["lv"]),
            title_en=doc["title"].get("en"),
            url=str(doc["url"]),
            retrieved=str(doc["retrieved"]),
            origin=dict(doc["origin"]),
            scope=str(doc["scope"]),
            sections=sections,
            path=shown,
        )
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise InputError(
            f"not a readable bundled law text ({type(e).__name__}: {e})",
            location=Location(shown),
            hint="regenerate it with `pamats sources import` (docs/sources.md)",
        ) from None


@lru_cache(maxsize=4)
def _bundled(folder: str) -> dict[int, LawText]:
    out: dict[int, LawText] = {}
    for f in sorted(Path(folder).glob("*/*.json")):
        law = load_law_file(f)
        out[law.law] = law
    return out


def bundled_laws(folder: Path | None = None) -> dict[int, LawText]:
    """Every bundled law, by likumi.lv id."""
    return _bundled(str(folder or sources_dir()))


@dataclass(frozen=True)
class Lookup:
    """The result of looking a citation up: ``status`` ok | no_law | not_stored | missing | repealed.

    ``unit`` is (section, part, point) of the unit that is missing or repealed (the cited one
    when found); ``text`` is that unit's text when it exists.
    """

    status: str
    unit: tuple[str, str | None, str | None]
    text: str = ""


def lookup(
    laws: dict[int, LawText], law: int, section: str, part: str | None = None, point: str | None = None
) -> Lookup:
    """Find section / part / point of ``law`` in the bundled texts."""
    text = laws.get(law)
    if text is None:
        return Lookup("no_law", (section, part, point))
    found = text.sections.get(section)
    if found is None:
        return Lookup("missing" if text.scope == "whole" else "not_stored", (section, None, None))
    body = found[1]
    if is_repealed(body):
        return Lookup("repealed", (section, None, None), body)
    whole, parts = split_section(body)
    unit: Unit = whole
    if part is not None:
        if part not in parts:
            return Lookup("missing", (section, part, None))
        unit = parts[part]
        if unit.repealed:
            return Lookup("repealed", (section, part, None), unit.text)
    if point is not None:
        if point not in unit.points:
            return Lookup("missing", (section, part, point))
        pt = unit.points[point]
        if pt.repealed:
            return Lookup("repealed", (section, part, point), pt.text)
        return Lookup("ok", (section, part, point), pt.text)
    return Lookup("ok", (section, part, point), unit.text if part is not None else body)


def contains(haystack: str, quote: str) -> bool:
    """True when ``quote`` occurs in ``haystack`` (white space and soft hyphens ignored)."""
    return normalise(quote) in normalise(haystack)
