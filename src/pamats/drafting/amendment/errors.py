"""This file defines the amendment's refusals as catalogue texts, so the CLI (English) and the
amending-regulation interview (Latvian first, English) say the same thing.

:class:`AmendmentError` is an :class:`~pamats.errors.InputError` whose message and hint come
from ``amendment.<key>`` and ``amendment.<key>_hint`` of ``pamats/text/catalogue/{lv,en}.yaml``;
its ``unit`` (a :data:`~.numbers.Key`) is worded per language ('point 4' / '4. punkts',
'4. punktā', '4. punkta'). ``str(err)`` and ``err.message`` are the English text (with the
change's ``changes[i]: `` prefix) the CLI prints; :func:`amendment_text` words it in any language.
"""

from __future__ import annotations

from typing import Any

from ...errors import InputError, Location
from ...text.messages import catalogue, msg
from .numbers import Key, format_number

__all__ = ["AmendmentError", "amendment_text", "amendment_hint"]


class AmendmentError(InputError):
    def __init__(
        self, key: str, *, unit: Key | None = None, location: Location | None = None, prefix: str = "", **params: Any
    ):
        self.key, self.unit, self.params = key, unit, params
        super().__init__(prefix + amendment_text(self, "en"), location=location, hint=amendment_hint(self, "en"))


def _params(err: AmendmentError, lang: str) -> dict:
    p = dict(err.params)
    if err.unit is not None:
        if lang == "en":
            name = ("sub-point " if len(err.unit) > 1 else "point ") + format_number(err.unit).rstrip(".")
            p.update(unit=name, unit_loc=name, unit_gen=name)
        else:
            from .wording import unit_ref  # wording imports the consolidation, which raises these

            p.update(
                {
                    k: unit_ref([err.unit], "lv", case)
                    for k, case in (("unit", "nom"), ("unit_loc", "loc"), ("unit_gen", "gen"))
                }
            )
    return p


def amendment_text(err: AmendmentError, lang: str) -> str:
    """The refusal in ``lang`` (without the ``changes[i]: `` prefix)."""
    return msg(f"amendment.{err.key}", lang, **_params(err, lang))


def amendment_hint(err: AmendmentError, lang: str) -> str | None:
    key = f"amendment.{err.key}_hint"
    return msg(key, lang, **_params(err, lang)) if key in catalogue(lang) else None
