"""This file applies the Latvian quotation marks (:func:`pamats.text.quotes.lv_quotes`) to a whole
Latvian :class:`Instrument`, once, before any renderer sees it: DOCX, PDF, Markdown and Akoma
Ntoso (and the interview's DOCX, which uses the same context) then carry the same text.

Identifiers (ids, references, keys, kinds) are left alone; English instruments are unchanged.
"""

from __future__ import annotations

from typing import Any

from ..text.quotes import lv_quotes
from .document import Instrument

__all__ = ["with_lv_quotes"]

_KEEP = frozenset(
    {"id", "ref", "form", "kind", "lang", "key", "issuer_key", "instrument", "provision", "authorises", "empowers"}
)


def _map(value: Any) -> Any:
    if isinstance(value, str):
        return lv_quotes(value)
    if isinstance(value, list):
        return [_map(v) for v in value]
    if isinstance(value, dict):
        return {k: (v if k in _KEEP else _map(v)) for k, v in value.items()}
    return value


def with_lv_quotes(instr: Instrument) -> Instrument:
    """``instr`` with „…” quotation marks in every text a reader sees (Latvian only)."""
    if instr.lang != "lv":
        return instr
    return Instrument.model_validate(_map(instr.model_dump()))
