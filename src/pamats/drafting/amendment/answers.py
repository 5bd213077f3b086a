"""This file defines the answers of an amending regulation: which act, which changes.

``kind: amendment``; ``act`` names the act in force (a bundled id such as ``mk-344-2019`` or
a path to an act file); ``changes`` lists what changes, each with exactly one action:

===================  ===========================================================
``restate: "5"``     restate a point or sub-point (``text``, optional ``units``)
``restate_lead: "2"``  restate only the lead-in of a point that has sub-points (``text``)
``insert_after: "5"``  add units after it (``points``: list of ``{text, units}``);
                     numbered 5.¹, 5.² … (never renumbering the act)
``delete: "2.2.3"``  delete a point or sub-point (its number stays, "(Svītrots)")
``replace_in: "3"``  replace ``words`` with ``with`` (empty ``with`` deletes the words);
                     a text found more than once needs ``occurrence: all`` or ``sentence: N``;
                     ``exchanges`` (optional): what the unit authorises afterwards (what-if)
``restate_title``    the act's new title
``restate_izdoti``   the act's new *Izdoti saskaņā ar* line
``add_annex: "2"``   a new annex (``annex: {title, text}``)
``restate_annex: "1"``  an annex in a new wording (``annex``)
``delete_annex: "1"``  delete an annex;  ``replace_in_annex: "1"``: ``words``/``with`` in it
``restate_chapter_title: "II"``  the chapter's new heading (``text``)
``restate_chapter: "II"``  heading (``text``) and ``points`` (numbered as the chapter's)
``insert_chapter_after: "II"``  a new chapter II¹ (``text``, ``points``)
``delete_chapter: "II"``  delete a chapter and its points (numbers kept)
===================  ===========================================================

Closed models; errors carry ``file:line`` (shared conversion :func:`..answers.input_errors`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ...errors import InputError, Location
from ...yamlio import Positions, load_yaml
from ..answers import DataExchange, EmpoweringProvision, LText, Signatory, input_errors, pick
from .numbers import parse_number

__all__ = [
    "NewUnit",
    "AnnexText",
    "Change",
    "AmendmentAnswers",
    "ACTIONS",
    "CHAPTER_ACTIONS",
    "ANNEX_ACTIONS",
    "parse_amendment",
    "load_amendment",
    "AmendmentInput",
]

ACTIONS = (
    "restate",
    "restate_lead",
    "insert_after",
    "delete",
    "replace_in",
    "restate_title",
    "restate_izdoti",
    "add_annex",
    "restate_annex",
    "restate_chapter_title",
    "restate_chapter",
    "insert_chapter_after",
    "delete_chapter",
    "delete_annex",
    "replace_in_annex",
)
CHAPTER_ACTIONS = ("restate_chapter_title", "restate_chapter", "insert_chapter_after", "delete_chapter")
ANNEX_ACTIONS = ("add_annex", "restate_annex", "delete_annex", "replace_in_annex")


class _A(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _nonempty(value: LText | None) -> bool:
    if value is None:
        return False
    return bool((pick(value, "lv") or "").strip())


class NewUnit(_A):
    """A unit's new wording: its text and (optional) sub-points, numbered by position."""

    text: LText
    units: list[NewUnit] = Field(default_factory=list)
    exchanges: list[DataExchange] = Field(
        default_factory=list, description="data flows this unit authorises (for the landscape what-if)"
    )

    @model_validator(mode="after")
    def _text(self) -> NewUnit:
        if not _nonempty(self.text):
            raise ValueError("empty text: write the unit's wording")
        return self


class AnnexText(_A):
    title: LText
    text: list[LText] = Field(min_length=1, description="paragraphs of the annex")


class Change(_A):
    """One change to the act; exactly one of the action keys (``ACTIONS``)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    restate: str | None = None
    restate_lead: str | None = None
    insert_after: str | None = None
    delete: str | None = None
    replace_in: str | None = None
    restate_title: LText | None = None
    restate_izdoti: LText | None = None
    add_annex: str | None = None
    restate_annex: str | None = None
    restate_chapter_title: str | None = Field(default=None, description="chapter number ('II'): its new heading")
    restate_chapter: str | None = Field(default=None, description="chapter number: new heading and points")
    insert_chapter_after: str | None = Field(default=None, description="a new chapter after this one (II -> II¹)")
    delete_chapter: str | None = None
    delete_annex: str | None = None
    replace_in_annex: str | None = Field(default=None, description="annex number ('1'; '' = the only annex)")
    text: LText | None = Field(
        default=None, description="new wording (restate, restate_lead); a chapter's heading (chapter actions)"
    )
    units: list[NewUnit] = Field(default_factory=list, description="sub-points of a restated unit")
    exchanges: list[DataExchange] = Field(
        default_factory=list,
        description="data flows the restated unit authorises; with replace_in, what the unit authorises after the "
        "replacement ('exchanges: []': nothing); for the landscape what-if",
    )
    points: list[NewUnit] = Field(default_factory=list, description="units inserted (insert_after)")
    words: LText | None = Field(default=None, description="words replaced (replace_in)")
    with_: LText | None = Field(default=None, alias="with", description="replacement words; '' deletes")
    occurrence: Literal["all"] | None = None
    sentence: int | None = Field(default=None, ge=1, description="only in this sentence of the unit")
    annex: AnnexText | None = None

    @field_validator("restate", "restate_lead", "insert_after", "delete", "replace_in", mode="before")
    @classmethod
    def _num(cls, v: Any) -> Any:
        if v is None:
            return v
        if isinstance(v, float):  # YAML reads 2.10 as the number 2.1
            raise ValueError(f'write the number in quotes ("{v}"): unquoted, YAML reads 2.10 as 2.1')
        v = str(v)
        parse_number(v)  # ValueError -> file:line
        return v

    @property
    def action(self) -> str:
        return next(a for a in ACTIONS if getattr(self, a) is not None)

    @model_validator(mode="after")
    def _one(self) -> Change:
        given = [a for a in ACTIONS if getattr(self, a) is not None]
        if not given:
            raise ValueError("empty change: say what changes (one of: " + ", ".join(ACTIONS) + ")")
        if len(given) > 1:
            raise ValueError(f"one change per item: {', '.join(given)} given together; split them into items")
        a = given[0]
        if a in ("restate", "restate_lead") and not _nonempty(self.text):
            raise ValueError(f"{a} {getattr(self, a)}: empty text: write the new wording in 'text'")
        if a in CHAPTER_ACTIONS[:3] and not _nonempty(self.text):
            raise ValueError(f"{a} {getattr(self, a)}: empty heading: write the chapter's heading in 'text'")
        if a in ("restate_chapter", "insert_chapter_after") and not self.points:
            raise ValueError(f"{a} {getattr(self, a)}: list the chapter's points in 'points'")
        if a == "replace_in_annex" and (not _nonempty(self.words) or self.with_ is None):
            raise ValueError(f"replace_in_annex {self.replace_in_annex}: give 'words' (found in the annex) and 'with'")
        if a == "restate_lead" and self.units:
            raise ValueError("restate_lead keeps the sub-points: use restate to give new ones")
        if a == "insert_after" and not self.points:
            raise ValueError(f"insert_after {self.insert_after}: empty change: list the new units in 'points'")
        if a == "replace_in":
            if not _nonempty(self.words) or self.with_ is None:
                raise ValueError(
                    f"replace_in {self.replace_in}: give 'words' (found in the unit) and 'with' ('' deletes)"
                )
            if self.occurrence and self.sentence:
                raise ValueError("give occurrence or sentence, not both")
        if a in ("restate_title", "restate_izdoti") and not _nonempty(getattr(self, a)):
            raise ValueError(f"{a}: empty text")
        if a in ("add_annex", "restate_annex") and self.annex is None:
            raise ValueError(f"{a}: give the annex's 'title' and 'text' under 'annex'")
        extra = [
            k
            for k in ("text", "units", "exchanges", "points", "words", "with_", "occurrence", "sentence", "annex")
            if getattr(self, k) not in (None, []) and k not in _USES[a]
        ]
        if extra:
            raise ValueError(f"{a}: {', '.join(e.rstrip('_') for e in extra)} not used by this action; remove it")
        return self


_USES = {
    "restate": ("text", "units", "exchanges"),
    "restate_lead": ("text", "exchanges"),
    "insert_after": ("points",),
    "delete": (),
    "replace_in": ("words", "with_", "occurrence", "sentence", "exchanges"),
    "restate_title": (),
    "restate_izdoti": (),
    "add_annex": ("annex",),
    "restate_annex": ("annex",),
    "restate_chapter_title": ("text",),
    "restate_chapter": ("text", "points"),
    "insert_chapter_after": ("text", "points"),
    "delete_chapter": (),
    "delete_annex": (),
    "replace_in_annex": ("words", "with_", "occurrence"),
}


class AmendmentAnswers(_A):
    """An amending Cabinet regulation (Grozījumi … noteikumos Nr. …)."""

    kind: Literal["amendment"]
    lang: Literal["lv", "en"] = "lv"
    act: str = Field(description="the act in force: a bundled id ('mk-344-2019') or a path to an act file")
    date: dt.date | None = Field(default=None, description="date of the amending act; blank until adopted")
    number: str | None = Field(default=None, description="number of the amending act; blank until adopted")
    notes_to_drafter: list[LText] = Field(default_factory=list)
    empowering: list[EmpoweringProvision] = Field(min_length=1, description="the amending act's Izdoti line")
    changes: list[Change] = Field(min_length=1)
    entry_into_force: dt.date | None = Field(
        default=None,
        description=(
            "only when it differs from the default (the day after publication): printed as the last numbered point; "
            "the what-if counts the new points from this date"
        ),
    )
    eu_directives: list[LText] = Field(
        default_factory=list,
        description=(
            "directives the amendment transposes, each cited in full in the genitive ('Eiropas Parlamenta un Padomes "
            "2011. gada 5. aprīļa Direktīvas 2011/36/ES …'): printed as the informative reference"
        ),
    )
    prime_minister: Signatory
    minister: Signatory


class AmendmentInput:
    """Validated answers with where each change was written (for errors found against the act)."""

    def __init__(self, answers: AmendmentAnswers, path: str, positions: Positions | None, base: Path | None):
        self.answers, self.path, self.positions, self.base = answers, path, positions, base

    def where(self, *key) -> Location:
        return self.positions.at(key) if self.positions else Location(self.path)


def parse_amendment(
    data: Any, *, source: str = "<answers>", positions: Positions | None = None, base: Path | None = None
) -> AmendmentInput:
    where = (lambda key: positions.at(key)) if positions else (lambda key: Location(source))
    if not isinstance(data, dict) or data.get("kind") != "amendment":
        raise InputError(
            "an amendment's answers must be a mapping with 'kind: amendment'",
            location=where(("kind",)) if isinstance(data, dict) else Location(source, 1),
        )
    try:
        return AmendmentInput(AmendmentAnswers.model_validate(data), source, positions, base)
    except ValidationError as e:
        raise input_errors(e, where, "docs/amendments.md") from None


def load_amendment(path: str | Path) -> AmendmentInput:
    data, pos = load_yaml(path)
    return parse_amendment(data, source=pos.path, positions=pos, base=Path(path).resolve().parent)
