"""This file defines an act in force as data: the structured instrument an amendment changes.

An :class:`Act` holds the title, number, date, protocol, publication references (*Latvijas
Vēstnesis*), the *Izdoti* line, chapters, points and sub-points (:class:`Unit`) and annexes,
each with ``source`` and ``verified``. A unit whose text was not read at a source has
``text: null`` and prints as a fill-in marker; a deleted unit (``deleted: true``) keeps its
number, as in the official consolidations ("(Svītrots)"), so numbers are never reused.
``unread_after`` says that the act has more points after the last one held.

Closed schema (unknown keys are errors), read with :func:`pamats.yamlio.load_yaml`, errors
with ``file:line``. Bundled acts live in ``answers/acts/<id>.yaml`` (docs/amendments.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ...errors import InputError, Location
from ...resources import answers_dir
from ...yamlio import load_yaml
from ..answers import input_errors
from .numbers import Key, format_number, parse_number

__all__ = ["Unit", "Chapter", "Annex", "Publication", "DefinedTerm", "Act", "load_act", "parse_act", "act_path"]


class _A(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Unit(_A):
    """A point or sub-point; ``n`` is its full number as written ('2', '2.2.1', '5.¹')."""

    n: str = Field(description="full number, e.g. '2', '2.2.1', '5.¹'")
    text: str | None = Field(default=None, description="the text as read at the source; null = not read")
    units: list[Unit] = Field(default_factory=list, description="sub-points")
    deleted: bool = Field(default=False, description="deleted by an amendment; the number stays")
    source: str | None = None
    verified: bool = False
    note: str | None = Field(default=None, description="what is known about a text not read (never the text)")

    @field_validator("n")
    @classmethod
    def _num(cls, v: str) -> str:
        return format_number(parse_number(v)).rstrip(".")

    @property
    def key(self) -> Key:
        return parse_number(self.n)

    @model_validator(mode="after")
    def _check(self) -> Unit:
        if self.verified and self.text is None and not self.deleted:
            raise ValueError(f"point {self.n}: verified is true but there is no text")
        for u in self.units:
            if u.key[:-1] != self.key:
                raise ValueError(f"sub-point {u.n} is not numbered under {self.n}")
        keys = [u.key for u in self.units]
        if keys != sorted(keys) or len(set(keys)) != len(keys):
            raise ValueError(f"sub-points of {self.n} are not in ascending order or repeat a number")
        return self


class Chapter(_A):
    n: str = Field(description="chapter number as written ('I', '1')")
    title: str
    points: list[Unit] = Field(default_factory=list)
    deleted: bool = Field(default=False, description="deleted by an amendment; the number stays")
    source: str | None = None
    verified: bool = False


class Annex(_A):
    n: str | None = Field(default=None, description="annex number ('1'); null when the act has one annex")
    title: str | None = None
    text: list[str] | None = Field(default=None, description="paragraphs; null = not read at the source")
    deleted: bool = Field(default=False, description="deleted by an amendment; the number stays")
    source: str | None = None
    verified: bool = False


class Publication(_A):
    """Where the act (or an amendment of it) was published in Latvijas Vēstnesis."""

    year: int = Field(ge=1990, le=2100)
    issue: str | None = Field(default=None, description="issue number ('146'); null = not read")
    date: dt.date | None = None
    source: str | None = None
    verified: bool = False


class DefinedTerm(_A):
    """A term the act defines ('(turpmāk – pakalpojuma sniedzējs)') that stands for every actor of
    the landscape with ``role``: only such a term lets an amendment's ``exchanges`` name a role."""

    term: str = Field(description="the defined term, nominative ('pakalpojuma sniedzējs')")
    role: str = Field(description="the landscape role it covers ('service_provider')")
    unit: str = Field(description="the unit that defines it ('3')")
    source: str | None = None
    verified: bool = False


class Act(_A):
    """A Cabinet regulation in force (MK noteikumi)."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9\-]*$")
    issuer: str = Field(default="Ministru kabinets")
    number: str
    date: dt.date
    place: str = "Rīgā"
    protocol: str | None = Field(default=None, description="'33 33. §' as in '(prot. Nr. 33 33. §)'")
    title: str
    title_en: str | None = Field(default=None, description="English title (unofficial unless verified)")
    izdoti: str | None = Field(default=None, description="the 'Izdoti saskaņā ar …' line as written")
    publications: list[Publication] = Field(default_factory=list)
    points: list[Unit] = Field(default_factory=list, description="points, when the act has no chapters")
    chapters: list[Chapter] = Field(default_factory=list)
    annexes: list[Annex] = Field(default_factory=list)
    unread_after: str | None = Field(default=None, description="the act has more points after this one, not read")
    terms: list[DefinedTerm] = Field(default_factory=list, description="defined terms that stand for a landscape role")
    source: str | None = None
    verified: bool = False
    notes: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check(self) -> Act:
        if self.points and self.chapters:
            raise ValueError("give points or chapters, not both")
        keys = [u.key for u in self.top()]
        if any(len(k) != 1 for k in keys):
            raise ValueError("a point at the top level has a sub-point number")
        if keys != sorted(keys) or len(set(keys)) != len(keys):
            raise ValueError("points are not in ascending order or repeat a number")
        return self

    def top(self) -> list[Unit]:
        """Top-level points in document order (through all chapters)."""
        if self.chapters:
            return [p for c in self.chapters for p in c.points]
        return list(self.points)

    def walk(self) -> Iterator[Unit]:
        def rec(units):
            for u in units:
                yield u
                yield from rec(u.units)

        yield from rec(self.top())

    def live_text(self) -> str:
        """The act as plain text (title, izdoti, points), for comparison and search."""
        lines = [self.title, self.izdoti or ""]
        lines += [f"{format_number(u.key)} {u.text or ''}" for u in self.walk()]
        return "\n".join(lines)


def act_path(ref: str, base: Path | None = None) -> Path:
    """An act reference in answers: a bundled id ('mk-344-2019') or a path (relative to ``base``)."""
    if ref.endswith((".yaml", ".yml", ".json")):
        p = Path(ref)
        return p if p.is_absolute() or base is None else base / p
    return answers_dir() / "acts" / f"{ref}.yaml"


def parse_act(data: Any, *, source: str = "<act>", positions=None) -> Act:
    where = (lambda key: positions.at(key)) if positions else (lambda key: Location(source))
    if not isinstance(data, dict):
        raise InputError("an act must be a mapping (id, number, date, title, points …)", location=Location(source, 1))
    try:
        return Act.model_validate(data)
    except ValidationError as e:
        raise input_errors(e, where, "docs/amendments.md") from None


def load_act(path: str | Path) -> Act:
    """Read and validate an act-in-force file (YAML or JSON)."""
    data, pos = load_yaml(path)
    return parse_act(data, source=pos.path, positions=pos)
