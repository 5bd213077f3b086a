"""This file defines findings, candidate verdicts and the gap report with its stable JSON.

Finding codes, their order, severity and colour are listed once, in
:mod:`pamats.landscape.codes`; their titles and messages are in the text catalogue
(:mod:`pamats.text.messages`). A failure's explanation (one per the facts it depends on,
shared), a finding's message and a remedy's text are a :class:`Wording`: the check records
what to say (a function of the catalogue and its parameters), and the texts are formatted
when a report (the stable JSON, the tables, the interviews) first reads them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .codes import RULE_POS

__all__ = ["Failure", "Candidate", "Wording", "Remedy", "Finding", "FlowResult", "GapReport"]


class _SaysText:
    """``lv`` and ``en`` of a record whose ``text`` is a :class:`Wording` (formatted when first read)."""

    __slots__ = ()

    @property
    def lv(self) -> str:
        return self.text.lv

    @property
    def en(self) -> str:
        return self.text.en


@dataclass(frozen=True, slots=True)
class Failure(_SaysText):
    """Why a candidate provision fails: the rule's code and its explanation, a :class:`Wording`
    (the check records what to say; the texts are formatted when a report first reads them)."""

    code: str
    text: Wording

    def to_json(self) -> dict:
        lv, en = self.text.said()
        return {"code": self.code, "detail": {"lv": lv, "en": en}}


@dataclass(slots=True)
class Candidate:
    instrument: str
    provision: str
    ref: str
    failures: list[Failure] = field(default_factory=list)
    conditions: tuple[str, ...] = ()  # the conditions the provision sets (consent, child…)

    @property
    def ok(self) -> bool:
        return not self.failures

    def sort_key(self) -> tuple:
        first = RULE_POS[self.failures[0].code] if self.failures else 99
        return (len(self.failures), -first, self.instrument, self.provision)

    def to_json(self) -> dict:
        return {
            "instrument": self.instrument,
            "provision": self.provision,
            "ref": self.ref,
            "failures": [f.to_json() for f in self.failures],
        }


class Wording:
    """A text of the core in Latvian and English, said when first read (at report time).

    The check records what to say (a function of the catalogue and its parameters:
    :func:`Wording.said_by`) and the reports read :attr:`lv` / :attr:`en`; a text no report
    reads is never formatted. :func:`Wording.of` holds texts already said.
    """

    __slots__ = ("_say", "_args", "_texts")

    def __init__(self, say: Callable[..., tuple[str, str]] | None, args: tuple, texts: tuple[str, str] | None):
        self._say, self._args, self._texts = say, args, texts

    @classmethod
    def said_by(cls, say: Callable[..., tuple[str, str]], *args: Any) -> Wording:
        """The text ``say(*args)`` returns as (Latvian, English), said on first read."""
        return cls(say, args, None)

    @classmethod
    def of(cls, lv: str, en: str) -> Wording:
        return cls(None, (), (lv, en))

    def said(self) -> tuple[str, str]:
        """(Latvian, English), formatted on the first call."""
        texts = self._texts
        if texts is None:  # (two threads may both say it: the same texts; what to say is kept)
            texts = self._texts = self._say(*self._args)
        return texts

    @property
    def lv(self) -> str:
        return self.said()[0]

    @property
    def en(self) -> str:
        return self.said()[1]


@dataclass(slots=True)
class Remedy(_SaysText):
    kind: str | None
    under: dict | None
    then: list[str]
    text: Wording
    interview: str | None

    def to_json(self) -> dict:
        lv, en = self.text.said()
        return {
            "kind": self.kind,
            "under": self.under,
            "then": self.then,
            "text": {"lv": lv, "en": en},
            "interview": self.interview,
        }


@dataclass(slots=True)
class FlowResult:
    """The verdict on one flow: covered (with its basis) or the finding's code and why.

    ``candidates`` lists every provision considered; for covered flows in a whole-landscape
    check it is an empty tuple and ``basis`` is shared with the other flows of the same
    sender and recipient that it covers (reports read them, never change them);
    :func:`explain_flow` lists every candidate.
    """

    flow: Any
    covered: bool
    code: str | None
    basis: Candidate | None
    candidates: Sequence[Candidate]
    remedy: Remedy | None = None
    # the conditions of the basis chosen (pamats.landscape.conditions); ``unmet``: those the
    # flow does not declare (the basis was chosen because no unconditional one covers it)
    conditions: tuple[str, ...] = ()
    unmet: tuple[str, ...] = ()


@dataclass(slots=True)
class Finding(_SaysText):
    code: str
    flow: Any | None  # pamats.landscape.model.Flow, or None for NRM findings
    actor: str | None
    text: Wording  # the message
    candidates: list[Candidate]
    remedy: Remedy | None
    # the key of the finding this coverage finding only restates (pamats.landscape.coverage):
    # kept and linked in every report, not counted among the distinct problems
    restates: str | None = None

    @property
    def key(self) -> str:
        return f"{self.code}:{self.flow.id if self.flow is not None else self.actor}"

    def to_json(self) -> dict:
        d: dict[str, Any] = {"key": self.key, "code": self.code, "flow": self.flow.id if self.flow else None}
        if self.flow is not None:
            f = self.flow
            d.update(
                {
                    "sender": f.sender,
                    "recipient": f.recipient,
                    "categories": list(f.categories),
                    "purpose": f.purpose,
                    "subjects": list(f.subjects),
                    "regime": f.regime.value,
                }
            )
        else:
            d["actor"] = self.actor
        lv, en = self.text.said()
        d["message"] = {"lv": lv, "en": en}
        d["candidates"] = [c.to_json() for c in self.candidates]
        d["remedy"] = self.remedy.to_json() if self.remedy else None
        d["restates"] = self.restates
        return d


@dataclass(slots=True)
class GapReport:
    landscape_id: str
    title: dict
    as_of: dt.date
    drafts: list[str]
    results: list[FlowResult]
    findings: list[Finding]
    # (instrument, provision) -> whether the law was read at its source (the provision's own
    # flag, else its instrument's); the JSON carries it on every basis and candidate
    verified: dict[tuple[str, str], bool] = field(default_factory=dict)
    # the jurisdiction's languages (the first is the reports' default): the JSON's texts are
    # given in these only (an English-only jurisdiction's report carries no Latvian text)
    languages: tuple[str, ...] = ("lv", "en")
    # condition id -> {"lv": …, "en": …} (the jurisdiction's labels), for the reports
    condition_labels: dict[str, dict] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        return 1 if self.findings else 0

    @property
    def distinct(self) -> list[Finding]:
        """The findings that are problems of their own (not restating another finding)."""
        return [f for f in self.findings if not f.restates]

    def to_json(self) -> dict:
        by_code: dict[str, int] = {}
        for f in self.findings:
            by_code[f.code] = by_code.get(f.code, 0) + 1
        flows = []
        for r in self.results:
            item: dict[str, Any] = {
                "id": r.flow.id,
                "sender": r.flow.sender,
                "recipient": r.flow.recipient,
                "covered": r.covered,
            }
            if r.basis is not None:
                item["basis"] = {
                    "instrument": r.basis.instrument,
                    "provision": r.basis.provision,
                    "ref": r.basis.ref,
                    "verified": self.verified.get((r.basis.instrument, r.basis.provision), False),
                }
                item["conditions"] = list(r.conditions)
                item["unmet"] = list(r.unmet)
            else:
                item["code"] = r.code
            flows.append(item)
        out = {
            "schema": "pamats.gap-report/1",
            "landscape": {"id": self.landscape_id, "title": self.title},
            "as_of": self.as_of.isoformat(),
            "drafts": list(self.drafts),
            "summary": {
                "flows": len(self.results),
                "covered": sum(1 for r in self.results if r.covered),
                "findings": len(self.findings),
                "distinct": len(self.distinct),
                "restating": len(self.findings) - len(self.distinct),
                "by_code": dict(sorted(by_code.items())),
            },
            "flows": flows,
            "findings": [self._with_verified(f.to_json()) for f in self.findings],
            "conditions": {
                c: self.condition_labels.get(c, {"lv": c, "en": c})
                for c in sorted({c for r in self.results for c in r.conditions})
            },
        }
        if set(self.languages) != {"lv", "en"}:
            out = _only_languages(out, frozenset(self.languages))
        return out

    def _with_verified(self, finding: dict) -> dict:
        for c in finding["candidates"]:
            c["verified"] = self.verified.get((c["instrument"], c["provision"]), False)
        return finding


def _only_languages(obj: Any, langs: frozenset[str]) -> Any:
    """``obj`` (report JSON) with every text ``{"lv": …, "en": …}`` keeping only ``langs``."""
    if isinstance(obj, dict):
        if obj and obj.keys() <= {"lv", "en"}:
            return {k: v for k, v in obj.items() if k in langs}
        return {k: _only_languages(v, langs) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_only_languages(x, langs) for x in obj]
    return obj
