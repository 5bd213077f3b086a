"""This file defines how citations are read from landscape and answers files, with file:line.

Landscape files (``instruments:``): every provision with ``cites:``; every ``verified: true``
provision or instrument of kind ``law``. Answers files (top-level ``kind:``): every
``empowering:`` entry (law, section, part, clause) and every ``legal_basis_norms:`` entry. The
law of a citation is its ``cites.law``, else the landscape provision it names
(``instrument``/``provision``), else the likumi.lv id in its ``source`` address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from ..errors import ErrorList, InputError, Location, PamatsError, relpath
from ..resources import agreements_dir, answers_dir, graph_dir
from ..yamlio import Positions, load_yaml
from .citation import Citation

__all__ = ["Cited", "Collected", "likumi_id", "default_paths", "collect"]

_LIKUMI = re.compile(r"likumi\.lv/(?:ta/(?:en/)?id/|doc\.php\?id=)(\d+)")


def likumi_id(text: str | None) -> int | None:
    """The likumi.lv id in an address (``https://likumi.lv/ta/id/68488-…``), or None."""
    m = _LIKUMI.search(text or "")
    return int(m[1]) if m else None


@dataclass
class Cited:
    """One thing to check: where it is, what it is, its citation (if any) and its verified flag."""

    where: str  # "file:line"
    label: str  # "spspl/s13-1-7" or "empowering[0]"
    kind: str  # "provision", "instrument", "empowering", "norm"
    citation: Citation | None
    verified: bool | None
    instrument_kind: str | None = None
    source_law: int | None = None  # likumi.lv id in the source address
    ref: tuple[str, str] | None = None  # (instrument, provision) an answers entry names
    units: tuple[str, str | None, str | None] | None = None  # (section, part, point) an answers entry writes
    ref_text: str | None = None  # a landscape provision's `ref` (Latvian citation)


@dataclass
class Collected:
    items: list[Cited]
    provisions: dict[tuple[str, str], Cited]  # landscape provisions by (instrument id, provision id)


def default_paths() -> list[Path]:
    """Every bundled landscape folder and answers file."""
    out = [d for d in sorted(graph_dir().iterdir()) if d.is_dir() and any(d.glob("*.yaml"))]
    out += sorted(answers_dir().glob("*.yaml"))
    out += sorted(agreements_dir().glob("*/answers.yaml"))
    return out


def _files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found = sorted(p.glob("*.yaml")) + sorted(p.glob("*.yml"))
            if not found:
                raise InputError(
                    "folder holds no YAML files",
                    location=Location(relpath(p)),
                    hint="give landscape folders (graph/lv-nrm), landscape files or answers files",
                )
            files += found
        else:
            files.append(p)
    return files


def _where(pos: Positions, key: tuple) -> str:
    return str(pos.at(key))


def _citation(raw, pos: Positions, key: tuple, errors: list[PamatsError]) -> Citation | None:
    if raw is None:
        return None
    try:
        return Citation.model_validate(raw)
    except ValidationError as e:
        for err in e.errors():
            loc = tuple(x for x in err["loc"])
            field = ".".join(str(x) for x in loc) or "cites"
            errors.append(
                InputError(
                    f"cites.{field}: {err['msg']}",
                    location=pos.at(key + loc),
                    hint='write cites: {law: 68488, section: "13", part: 1, point: 7} (docs/sources.md)',
                )
            )
        return None


def _landscape(doc: dict, pos: Positions, out: Collected, errors: list[PamatsError]) -> None:
    for i, ins in enumerate(doc.get("instruments") or []):
        if not isinstance(ins, dict):
            continue
        iid, ikind = str(ins.get("id")), ins.get("kind")
        src_law = likumi_id(ins.get("source"))
        out.items.append(
            Cited(_where(pos, ("instruments", i)), iid, "instrument", None, ins.get("verified"), ikind, src_law)
        )
        for j, prov in enumerate(ins.get("provisions") or []):
            if not isinstance(prov, dict):
                continue
            key = ("instruments", i, "provisions", j)
            cite = _citation(prov.get("cites"), pos, key + ("cites",), errors)
            item = Cited(
                _where(pos, key + (("cites",) if "cites" in prov else ())),
                f"{iid}/{prov.get('id')}",
                "provision",
                cite,
                prov.get("verified"),
                ikind,
                src_law,
                ref_text=prov.get("ref") if isinstance(prov.get("ref"), str) else None,
            )
            out.items.append(item)
            out.provisions[(iid, str(prov.get("id")))] = item


def _answers(doc: dict, pos: Positions, out: Collected) -> None:
    for i, e in enumerate(doc.get("empowering") or []):
        if not isinstance(e, dict):
            continue
        units = None
        if e.get("section") is not None:
            units = tuple(None if v is None else str(v) for v in (e["section"], e.get("part"), e.get("clause")))
        out.items.append(
            Cited(
                _where(pos, ("empowering", i)),
                f"empowering[{i}]",
                "empowering",
                None,
                e.get("verified"),
                None,
                likumi_id(e.get("source")),
                (str(e["instrument"]), str(e.get("provision"))) if e.get("instrument") else None,
                units,
            )
        )
    for i, n in enumerate(doc.get("legal_basis_norms") or []):
        if not isinstance(n, dict):
            continue
        out.items.append(
            Cited(
                _where(pos, ("legal_basis_norms", i)),
                f"legal_basis_norms[{i}]",
                "norm",
                None,
                n.get("verified"),
                None,
                None,
                (str(n["instrument"]), str(n.get("provision"))) if n.get("instrument") else None,
            )
        )


def collect(paths: list[Path]) -> Collected:
    """Read every file under ``paths``; malformed input is an :class:`ErrorList` (exit 2)."""
    out = Collected([], {})
    errors: list[PamatsError] = []
    for f in _files(paths):
        try:
            doc, pos = load_yaml(f)
        except PamatsError as e:
            errors.append(e)
            continue
        if not isinstance(doc, dict):
            errors.append(InputError("expected a mapping at the top of the file", location=pos.at(())))
        elif "kind" in doc and "instruments" not in doc:
            _answers(doc, pos, out)
        else:
            _landscape(doc, pos, out, errors)
    if errors:
        raise errors[0] if len(errors) == 1 else ErrorList(errors)
    return out
