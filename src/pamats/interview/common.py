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
from ..yamlio import dump_yaml, load_yaml

__all__ = ["PRECEDENTS", "precedent", "prepare", "Prepared", "answers_yaml", "error_lines", "plain"]

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
    if isinstance(value, (list, tuple)) or (hasattr(value, "__iter__") and not isinstance(value, (str, bytes))
                                             and hasattr(value, "elements")):
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
    return Prepared(answers=model, instrument=instr, context=docx_context(instr),
                    template=f"{instr.lang}/{instr.kind}.docx", lint=findings, yaml=answers_yaml(data))
