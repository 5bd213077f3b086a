"""This file defines :func:`docx_fields`: the DOCX template context in the shape docassemble's
``attachment: code:`` needs, shared by every interview.

- docassemble turns every non-scalar value into ``str`` unless wrapped with its ``raw()``, so
  lists and dicts go through ``raw``;
- its Jinja environment resolves ``it.text`` with getattr only, so dicts become
  :class:`AttrDict`;
- its DOCX filter writes a string containing ``<w:r>`` or ``</w:t>`` as raw XML, so a
  zero-width space goes after the ``<`` (as docassemble itself puts one between braces): user
  text stays text.
"""

from __future__ import annotations

import re
from typing import Any, Callable

__all__ = ["ZWSP", "AttrDict", "docx_fields", "template_context"]

ZWSP = "\u200b"
_XML_RUN = re.compile(r"<(/?w:(?:r|t)\b)")


def _defuse(value: Any) -> Any:
    if isinstance(value, str):
        return _XML_RUN.sub("<" + ZWSP + r"\1", value) if ("<w:" in value or "</w:" in value) else value
    if isinstance(value, list):
        return [_defuse(v) for v in value]
    if isinstance(value, dict):
        return {k: _defuse(v) for k, v in value.items()}
    return value


class AttrDict(dict):
    """A dict whose keys also read as attributes (``item.chapter``)."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def template_context(value: Any) -> Any:
    """``value`` with every dict made an :class:`AttrDict` (lists and scalars unchanged)."""
    if isinstance(value, dict):
        return AttrDict({k: template_context(v) for k, v in value.items()})
    if isinstance(value, list):
        return [template_context(v) for v in value]
    return value


def docx_fields(context: dict, raw: Callable[[Any], Any] | None = None) -> dict:
    """``prepared.context`` for docassemble's attachment: defused, attribute-readable, lists and
    dicts wrapped with ``raw`` when given."""
    out = {}
    for k, v in _defuse(context).items():
        v = template_context(v)
        out[k] = raw(v) if (raw is not None and isinstance(v, (list, dict))) else v
    return out
