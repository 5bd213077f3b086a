"""This file defines ``pamats sources check``: citations resolved against the bundled texts.

For every citation the files carry (see :mod:`.collect`) it reports, each with file:line:

- ``NO_TEXT``: the cited law has no bundled consolidated text;
- ``NOT_STORED``: only some sections of the law are bundled, and not this one;
- ``MISSING``: the section, part or point does not exist in the consolidated text;
- ``REPEALED``: it exists but was repealed (``izslēgts``);
- ``TEXT_DIFFERS``: the quoted words are not in the consolidated text of that unit;
- ``LAW_MISMATCH``: the citation's law is not the law the ``source`` address names;
- ``REF_MISMATCH``: an answers file cites other units than the landscape provision it names;
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
from .texts import LawText, bundled_laws, contains, lookup

__all__ = ["Problem", "SourcesReport", "check_sources"]

LAW_KINDS = {"law"}


@dataclass(frozen=True)
class Problem:
    where: str
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.code}: {self.message}"


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
    unit = c.short()
    res = lookup(laws, c.law, c.section, c.part, c.point)
    if res.status == "no_law":
        rep.problems.append(Problem(item.where, "NO_TEXT", f"{item.label}: {unit}: no bundled consolidated text of "
                                    f"likumi.lv id {c.law}; add it (`pamats sources import`, docs/sources.md)"))
        return False
    name = laws[c.law].describe()
    if res.status == "not_stored":
        rep.problems.append(Problem(item.where, "NOT_STORED", f"{item.label}: {unit}: {res.what} of {name} is not among "
                                    "the stored sections; import it (docs/sources.md)"))
        return False
    if res.status == "missing":
        rep.problems.append(Problem(item.where, "MISSING", f"{item.label}: {unit}: {res.what} does not exist in "
                                    f"{name} (consolidated text of {laws[c.law].origin.get('ingested', '?')})"))
        return False
    if res.status == "repealed":
        rep.problems.append(Problem(item.where, "REPEALED", f"{item.label}: {unit}: {res.what} of {name} is repealed: "
                                    f"{res.text.strip()[:120]}"))
        return False
    if c.quote and not contains(res.text, c.quote):
        rep.problems.append(Problem(item.where, "TEXT_DIFFERS", f"{item.label}: {unit}: the quoted words are not in the "
                                    f"consolidated text: {c.quote[:100]!r}; it reads: {' '.join(res.text.split())[:160]!r}"))
        return False
    rep.resolved += 1
    rep.laws.add(c.law)
    return True


def _landscape_item(rep: SourcesReport, laws: dict[int, LawText], item: Cited, backed_instruments: set[str]) -> None:
    is_law = item.instrument_kind in LAW_KINDS
    if item.citation is not None:
        if item.source_law is not None and item.source_law != item.citation.law:
            rep.problems.append(Problem(item.where, "LAW_MISMATCH", f"{item.label}: cites likumi.lv id "
                                        f"{item.citation.law}, but the instrument's source names id {item.source_law}"))
        if _resolve(rep, laws, item, item.citation):
            backed_instruments.add(item.label.split("/", 1)[0])
        return
    if item.verified is True:
        if is_law:
            rep.problems.append(Problem(item.where, "UNBACKED_VERIFIED", f"{item.label}: verified: true, but no stored "
                                        "text backs it: add cites: {law, section, part, point} or set verified: false"))
        else:
            rep.not_checked.append(f"{item.where} {item.label} ({item.instrument_kind})")


def _answers_item(rep: SourcesReport, laws: dict[int, LawText], item: Cited,
                  index: dict[tuple[str, str], Cited]) -> None:
    target = index.get(item.ref) if item.ref else None
    law = target.citation.law if target and target.citation else item.source_law
    if item.kind == "norm":
        if item.verified is True and not (target and target.citation and _resolve(rep, laws, item, target.citation)):
            if target is None or target.citation is None:
                rep.problems.append(Problem(item.where, "UNBACKED_VERIFIED", f"{item.label}: verified: true, but the "
                                            "provision it names carries no cites: backed by no stored text"))
        return
    if item.units is None:
        if item.verified is True:
            rep.problems.append(Problem(item.where, "UNBACKED_VERIFIED", f"{item.label}: verified: true without a section"))
        return
    if item.source_law is not None and law is not None and item.source_law != law:
        rep.problems.append(Problem(item.where, "LAW_MISMATCH", f"{item.label}: the landscape provision "
                                    f"{'/'.join(item.ref or ())} is likumi.lv id {law}, but source names id {item.source_law}"))
    if law is None:
        if item.verified is True:
            rep.problems.append(Problem(item.where, "UNBACKED_VERIFIED", f"{item.label}: verified: true, but which law "
                                        "is cited cannot be told: name a landscape provision with cites, or give a "
                                        "likumi.lv address as source"))
        return
    section, part, point = item.units
    c = Citation(law=law, section=section, part=part, point=point)
    if target is not None and target.citation is not None:
        t = target.citation
        if (t.section, t.part, t.point) != (section, part, point):
            rep.problems.append(Problem(item.where, "REF_MISMATCH", f"{item.label}: cites {c.short()}, but the landscape "
                                        f"provision {'/'.join(item.ref or ())} it names is {t.short()}"))
    _resolve(rep, laws, item, c)


def check_sources(paths: list[Path] | None = None, laws: dict[int, LawText] | None = None) -> SourcesReport:
    """Check every citation in ``paths`` (default: every bundled landscape and answers file)."""
    laws = bundled_laws() if laws is None else laws
    got = collect(list(paths) if paths else default_paths())
    index = dict(collect([d for d in sorted(graph_dir().iterdir()) if d.is_dir() and any(d.glob("*.yaml"))]).provisions)
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
                rep.problems.append(Problem(item.where, "UNBACKED_VERIFIED", f"{item.label}: verified: true, but no "
                                            "bundled text of this law backs it (no resolving cites, no bundled likumi.lv id in source)"))
        elif item.kind in ("empowering", "norm"):
            _answers_item(rep, laws, item, index)
    rep.problems.sort(key=lambda p: (p.where.rsplit(":", 1)[0], _line(p.where), p.code))
    return rep


def _line(where: str) -> int:
    tail = where.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else 0

