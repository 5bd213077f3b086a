"""This file defines how clause texts are rendered from templates/clauses/<lang>/<kind>.j2.

Each clause is a Jinja2 macro. Rendering uses a :class:`SandboxedEnvironment` with
autoescape off and ``StrictUndefined``; user answers are passed only as variable values,
never as template source, so ``{{ 7*7 }}`` in an answer stays literal. A cross-reference is
passed as :func:`ref_token` and split back into :class:`~pamats.drafting.document.XRef`
parts by :func:`to_inline`; the two private-use marker characters are removed from user
text first, so user text cannot forge a reference.
"""

from __future__ import annotations

import re
from functools import cache

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from ..resources import templates_dir
from .document import Inline, XRef

__all__ = ["Clauses", "ref_token", "to_inline", "clean"]

_OPEN, _CLOSE = "\ue000", "\ue001"
_TOKEN = re.compile(f"{_OPEN}([a-z0-9_\\-]+)(?:\\|(bare))?{_CLOSE}")


def clean(text: str) -> str:
    """User text with the reference marker characters removed."""
    return text.replace(_OPEN, "").replace(_CLOSE, "")


class _Ref(str):
    """A reference token (not user text)."""


def ref_token(node_id: str, form: str = "number") -> str:
    """A reference to node ``node_id``; ``form="bare"`` drops the final dot ("3" for English)."""
    return _Ref(f"{_OPEN}{node_id}{'|bare' if form == 'bare' else ''}{_CLOSE}")


def to_inline(text: str) -> list[Inline]:
    """Split rendered clause text into strings and XRefs."""
    out: list[Inline] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() > pos:
            out.append(text[pos : m.start()])
        out.append(XRef(ref=m.group(1), form=m.group(2) or "number"))
        pos = m.end()
    if pos < len(text):
        out.append(text[pos:])
    return out


@cache
def _env(lang: str) -> SandboxedEnvironment:
    return SandboxedEnvironment(
        loader=FileSystemLoader(str(templates_dir() / "clauses" / lang)),
        autoescape=False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


class Clauses:
    """The clause macros of one kind and language: ``Clauses('lv', 'regulation')('scope', text=…)``."""

    def __init__(self, lang: str, kind: str):
        self.lang = lang
        self.module = _env(lang).get_template(f"{kind}.j2").module

    def __call__(self, _macro: str, /, **values) -> str:
        macro = getattr(self.module, _macro)
        safe = {k: (clean(v) if isinstance(v, str) and not isinstance(v, _Ref) else v) for k, v in values.items()}
        return str(macro(**safe)).strip()

    def inline(self, _macro: str, /, **values) -> list[Inline]:
        return to_inline(self(_macro, **values))
