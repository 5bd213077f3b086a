"""This file defines the drafting bridge the interviews share.

- :func:`precedent` loads a bundled answers file (the seed's drafts) as plain data, the
  starting point an interview edits;
- :func:`prepare` validates an answers dict (the ``pamats draft`` format) and returns a
  :class:`Prepared`: the Instrument, the context for ``templates/<lang>/<kind>.docx`` (the
  same context ``pamats draft`` renders, so both paths give the same document), the lint
  findings and the answers as YAML for download;
- :func:`answers_yaml` writes answers the way ``pamats draft`` reads them back.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..drafting.answers import Answers, parse_answers
from ..drafting.build import build_instrument
from ..drafting.document import Instrument
from ..drafting.render.docx import docx_context
from ..errors import ErrorList, InputError
from ..resources import agreements_dir, answers_dir
from ..text.messages import section
from ..yamlio import dump_yaml, load_yaml

__all__ = [
    "PRECEDENTS",
    "precedent",
    "prepare",
    "Prepared",
    "answers_yaml",
    "error_lines",
    "plain",
    "markers",
    "fill_ins",
]

# name -> file under the bundled data (answers/ or agreements/)
PRECEDENTS = {
    "nrm-regulation": ("answers", "nrm-regulation.yaml"),
    "iem-order": ("answers", "iem-order.yaml"),
    "nrm-annotation": ("answers", "nrm-annotation.yaml"),
    "marta-vrs": ("agreements", "marta-vrs/answers.yaml"),
}


def _path(name: str) -> Path:
    try:
        where, rel = PRECEDENTS[name]
    except KeyError:
        raise InputError(f"unknown precedent {name!r}", hint="one of: " + ", ".join(PRECEDENTS)) from None
    return (answers_dir() if where == "answers" else agreements_dir()) / rel


def plain(value: Any) -> Any:
    """``value`` as plain YAML/JSON data: dicts, lists, str, int, float, bool, None, ISO dates as str."""
    if isinstance(value, dict) or hasattr(value, "items") and callable(value.items):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)) or (
        hasattr(value, "__iter__") and not isinstance(value, (str, bytes)) and hasattr(value, "elements")
    ):
        return [plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def precedent(name: str) -> dict:
    """A deep copy of the bundled answers ``name`` (see :data:`PRECEDENTS`), dates as ISO strings."""
    data, _ = load_yaml(_path(name))
    return plain(copy.deepcopy(data))


def answers_yaml(answers: dict) -> str:
    """``answers`` as YAML that ``pamats draft`` reads (Unicode kept, keys in order)."""
    return dump_yaml(plain(answers))


def error_lines(err: InputError | ErrorList) -> list[str]:
    """One plain sentence per problem, for an interview screen."""
    errs = err.errors if isinstance(err, ErrorList) else [err]
    return [e.message + (f" ({e.hint})" if getattr(e, "hint", None) else "") for e in errs]


@dataclass
class Prepared:
    answers: Answers
    instrument: Instrument
    context: dict
    template: str  # relative to templates/: "<lang>/<kind>.docx"
    lint: list = field(default_factory=list)
    yaml: str = ""

    @property
    def warnings(self) -> list[str]:
        return list(self.instrument.warnings)


def prepare(answers: dict, *, lang: str | None = None, landscape_report: dict | None = None) -> Prepared:
    """Validate ``answers`` and build everything the interview's end screen offers.

    Raises InputError/ErrorList (with plain messages) when the answers do not validate.
    """
    data = plain(answers)
    model = parse_answers(data, source="interview answers")
    instr = build_instrument(model, lang=lang, landscape_report=landscape_report)
    from ..drafting.lint import lint_instrument

    findings = lint_instrument(instr, answers=model)
    return Prepared(
        answers=model,
        instrument=instr,
        context=docx_context(instr),
        template=f"{instr.lang}/{instr.kind}.docx",
        lint=findings,
        yaml=answers_yaml(data),
    )


# ---- what is left to fill in ------------------------------------------------------------------

_MARK_OPEN = ("[JĀPRECIZĒ", "[TO BE CONFIRMED", "[BRĪDINĀJUMS", "[WARNING")


def markers(text: str) -> list[str]:
    """The fill-in markers in ``text`` ('[JĀPRECIZĒ: …]', '[TO BE CONFIRMED: …]', warnings),
    each whole, brackets inside included."""
    found, i = [], 0
    while True:
        starts = [j for j in (text.find(m, i) for m in _MARK_OPEN) if j >= 0]
        if not starts:
            return found
        start = depth = min(starts)
        depth = 0
        for k in range(start, len(text)):
            depth += {"[": 1, "]": -1}.get(text[k], 0)
            if depth == 0:
                found.append(text[start : k + 1])
                i = k + 1
                break
        else:
            found.append(text[start:])
            return found


def fill_ins(prepared: Prepared, lang: str) -> list[str]:
    """'<where>: <marker>' for every fill-in marker of the document, in document order, in
    ``lang`` (as many as the DOCX holds: the DOCX is this context)."""
    w = section("en" if lang == "en" else "lv", "fill_in_where")
    ctx = prepared.context
    out: list[str] = []

    def add(where: str, text) -> None:
        out.extend(f"{where}: {m}" for m in markers(str(text or "")))

    for key in ("header_lines", "title", "basis_line", "notes", "warnings", "intro"):
        for text in ctx.get(key) if isinstance(ctx.get(key), list) else [ctx.get(key)]:
            add(w[key], text)
    for it in ctx.get("items", []):
        if it.get("chapter") or it.get("section"):
            add(w["heading"].format(h=it.get("heading", "")), it.get("heading"))
        else:
            add(w["point"].format(n=it.get("number", "")).strip(), it.get("text"))
    if ctx.get("has_signatures"):
        for row in ctx.get("signature_rows", []):
            for side in ("left", "right"):
                add(w["signature"].format(who=row.get("left") or row.get("right")), row.get(side))
    for text in ctx.get("closing", []):
        add(w["closing"], text)
    return out
