"""This file defines :func:`docx_fields`: the DOCX template context in the shape docassemble's
``attachment: code:`` needs, shared by every interview.

- docassemble turns every non-scalar value into ``str`` unless wrapped with its ``raw()``, so
  lists and dicts go through ``raw``;
- its Jinja environment resolves ``it.text`` with getattr only, so dicts become
  :class:`AttrDict`;
- its Jinja filter (``ampersand_filter``, run on every ``{{ … }}``) writes a plain string
  containing ``<w:r>`` or ``</w:t>`` as raw XML and puts a zero-width space between ``{{``,
  ``{%``, ``{#`` and their closing braces. A ``Markup`` string it writes as it is. So every
  text is XML-escaped here, at the template level, and handed over as ``Markup``: user text
  comes out literally (``{{ 7*7 }}``, ``<w:p>``, ``&``), with no hidden characters.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape

__all__ = ["AttrDict", "docx_fields", "template_context"]


# Keys rendered only into a core property (docProps/core.xml), never into the body: python-docx
# escapes a core property's text itself, so these go as ``Markup`` unescaped (escaping here
# would show "&amp;" in Word's title); ``Markup`` also keeps docassemble's filter off them.
CORE_KEYS = frozenset({"core_title"})


def _escaped(value: Any) -> Any:
    """Every string in ``value`` XML-escaped as ``Markup`` (lists and dicts walked)."""
    if isinstance(value, str):
        return Markup(escape(value))
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: _escaped(v) for k, v in value.items()}
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
    """``prepared.context`` for docassemble's attachment: XML-escaped as ``Markup``,
    attribute-readable, every value but numbers, booleans and None wrapped with ``raw`` when
    given (docassemble passes anything else through its ``transform_for_docx``, which would
    turn a ``Markup`` back into a plain string)."""
    out = {}
    for k, v in context.items():
        v = Markup(v) if k in CORE_KEYS and isinstance(v, str) else _escaped(v)
        v = template_context(v)
        out[k] = raw(v) if (raw is not None and isinstance(v, (list, dict, str))) else v
    return out
