"""This file defines ``pamats sources check``: citations resolved against the bundled texts.

For every citation the files carry (see :mod:`.collect`) it reports, each with file:line:

- ``NO_TEXT``: the cited law has no bundled consolidated text;
- ``NOT_STORED``: only some sections of the law are bundled, and not this one;
- ``MISSING``: the section, part or point does not exist in the consolidated text;
- ``REPEALED``: it exists but was repealed (``izslēgts``);
- ``TEXT_DIFFERS``: the quoted words are not in the consolidated text of that unit;
- ``LAW_MISMATCH``: the citation's law is not the law the ``source`` address names;
- ``REF_MISMATCH``: a provision's Latvian ``ref`` (read by :mod:`.refs`) names other units than
  its ``cites``, or an answers file cites other units than the landscape provision it names;
- ``UNBACKED_VERIFIED``: ``verified: true`` on a law, or on a provision of a law, that no
  stored text backs (no ``cites:``, or a law pamats does not bundle).

``verified: true`` on instruments of other kinds (Cabinet regulations, EU acts) is counted as
not checked: pamats bundles no texts for them (docs/sources.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..resources import graph_dir
from .citation import Citation
from .collect import Cited, collect, default_paths
from .messages import MESSAGES, WHY, unit_words
from .refs import parse_ref
from .texts import LawText, bundled_laws, contains, lookup

__all__ = ["Problem", "SourcesReport", "check_sources"]

LAW_KINDS = {"law"}


@dataclass(frozen=True)
class Problem:
    """One problem: where (file:line), code, and the message in Latvian and English."""

    where: str
    code: str
    lv: str
    en: str

    def text(self, lang: str = "lv") -> str:
        return f"{self.where}: {self.code}: {self.lv if lang == 'lv' else self.en}"

    def __str__(self) -> str:
        return self.text("en")


def _problem(where: str, code: str, template: str | None = None, **kw) -> Problem:
    lv, en = MESSAGES[template or code]
    return Problem(where, code, lv.format(**kw), en.format(**kw))


def _unbacked(where: str, label: str, why: str) -> Problem:
    why_lv, why_en = WHY[why]
    return _problem(where, "UNBACKED_VERIFIED", label=label, why_lv=why_lv, why_en=why_en)


@dataclass
class SourcesReport:
    problems: list[Problem] = field(default_factory=list)
    resolved: int = 0  # citations that resolved to stored text
    laws: set[int] = field(default_factory=set)  # bundled laws cited
    not_checked: list[str] = field(default_factory=list)  # verified: true outside the bundled kinds

    @property
    def ok(self) -> bool:
        return not self.problems


def _resolve(rep: SourcesReport, laws: dict[int, LawText], item: Cited, c: Citation) -> bool:
    """Look ``c`` up; add a problem when it does not resolve; True when it does."""
    res = lookup(laws, c.law, c.section, c.part, c.point)
    kw = {"label": item.label, "unit": c.short(), "law_id": c.law}
    if res.status == "no_law":
        rep.problems.append(_problem(item.where, "NO_TEXT", **kw))
        return False
    law = laws[c.law]
    lv, lv_gen, en = unit_words(*res.unit)
    kw.update(law=law.describe(), what_lv=lv, what_lv_gen=lv_gen, what_en=en, date=law.origin.get("ingested", "?"))
    if res.status in ("not_stored", "missing"):
        rep.problems.append(_problem(item.where, res.status.upper(), **kw))
        return False
    if res.status == "repealed":
        rep.problems.append(_problem(item.where, "REPEALED", text=res.text.strip()[:120], **kw))
        return False
    if c.quote and not contains(res.text, c.quote):
        rep.problems.append(
            _problem(item.where, "TEXT_DIFFERS", quote=c.quote[:100], reads=" ".join(res.text.split())[:160], **kw)
        )
        return False
    rep.resolved += 1
    rep.laws.add(c.law)
    return True


def _landscape_item(rep: SourcesReport, laws: dict[int, LawText], item: Cited, backed_instruments: set[str]) -> None:
    if item.citation is not None:
        c = item.citation
        stated = parse_ref(item.ref_text) if item.ref_text else None
        if stated and any(
            mine is not None and mine != theirs for mine, theirs in zip(stated, (c.section, c.part, c.point))
        ):
            short = Citation(law=c.law, section=stated[0], part=stated[1], point=stated[2]).short()
            rep.problems.append(
                _problem(
                    item.where,
                    "REF_MISMATCH",
                    "REF_MISMATCH_TEXT",
                    label=item.label,
                    ref=item.ref_text,
                    stated=short,
                    unit=c.short(),
                )
            )
        if item.source_law is not None and item.source_law != item.citation.law:
            rep.problems.append(
                _problem(
                    item.where, "LAW_MISMATCH", label=item.label, law_id=item.citation.law, source_id=item.source_law
                )
            )
        if _resolve(rep, laws, item, item.citation):
            backed_instruments.add(item.label.split("/", 1)[0])
        return
    if item.verified is True:
        if item.instrument_kind in LAW_KINDS:
            rep.problems.append(_unbacked(item.where, item.label, "no_cites"))
        else:
            rep.not_checked.append(f"{item.where} {item.label} ({item.instrument_kind})")


def _answers_item(
    rep: SourcesReport, laws: dict[int, LawText], item: Cited, index: dict[tuple[str, str], Cited]
) -> None:
    target = index.get(item.ref) if item.ref else None
    law = target.citation.law if target and target.citation else item.source_law
    if item.kind == "norm":
        if item.verified is True:
            if target is None or target.citation is None:
                rep.problems.append(_unbacked(item.where, item.label, "norm_no_cites"))
            else:
                _resolve(rep, laws, item, target.citation)
        return
    if item.units is None:
        if item.verified is True:
            rep.problems.append(_unbacked(item.where, item.label, "no_section"))
        return
    if item.source_law is not None and law is not None and item.source_law != law:
        rep.problems.append(
            _problem(item.where, "LAW_MISMATCH", label=item.label, law_id=law, source_id=item.source_law)
        )
    if law is None:
        if item.verified is True:
            rep.problems.append(_unbacked(item.where, item.label, "no_law"))
        return
    section, part, point = item.units
    c = Citation(law=law, section=section, part=part, point=point)
    if target is not None and target.citation is not None:
        t = target.citation
        if (t.section, t.part, t.point) != (section, part, point):
            rep.problems.append(
                _problem(
                    item.where,
                    "REF_MISMATCH",
                    label=item.label,
                    unit=c.short(),
                    ref="/".join(item.ref or ()),
                    target=t.short(),
                )
            )
    _resolve(rep, laws, item, c)


def _bundled_landscapes() -> list[Path]:
    return [d for d in sorted(graph_dir().iterdir()) if d.is_dir() and any(d.glob("*.yaml"))]


def check_sources(paths: list[Path] | None = None, laws: dict[int, LawText] | None = None) -> SourcesReport:
    """Check every citation in ``paths`` (default: every bundled landscape and answers file).

    Answers files name landscape provisions; those are looked up in ``paths`` first, then in
    the bundled landscapes.
    """
    laws = bundled_laws() if laws is None else laws
    got = collect(list(paths) if paths else default_paths())
    index = dict(collect(_bundled_landscapes()).provisions)
    index.update(got.provisions)
    rep = SourcesReport()
    backed: set[str] = set()
    for item in got.items:
        if item.kind == "provision":
            _landscape_item(rep, laws, item, backed)
    for item in got.items:
        if item.kind == "instrument" and item.verified is True:
            if item.instrument_kind not in LAW_KINDS:
                rep.not_checked.append(f"{item.where} {item.label} ({item.instrument_kind})")
            elif item.label not in backed and item.source_law not in laws:
                rep.problems.append(_unbacked(item.where, item.label, "law_not_bundled"))
        elif item.kind in ("empowering", "norm"):
            _answers_item(rep, laws, item, index)
    rep.problems.sort(key=lambda p: (p.where.rsplit(":", 1)[0], _line(p.where), p.code))
    return rep


def _line(where: str) -> int:
    tail = where.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else 0
