"""The workspace pages' words in Latvian and in English: the ``workspace.*`` texts of the one
catalogue (src/pamats/text/catalogue/<lang>.yaml; both languages have the same keys, tested).

The web bridge (pamats.interview.workspace) shows every label in the user's language only;
``tr(lang, key, **values)`` fills ``{name}`` places. The core's messages are written "Latvian /
English" in one string: :func:`in_language` picks the user's half.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ..text.messages import section

__all__ = ["LANGUAGES", "TEXTS", "tr", "language", "in_language"]

LANGUAGES = ("lv", "en")

# the texts are the catalogue's ``workspace.*`` section (src/pamats/text/catalogue/<lang>.yaml)
TEXTS: Mapping[str, Mapping[str, str]] = MappingProxyType({lang: section(lang, "workspace") for lang in LANGUAGES})


def language(value) -> str:
    """'en' for English, else Latvian (the default)."""
    return "en" if str(value or "").lower().startswith("en") else "lv"


def tr(lang: str, key: str, **values) -> str:
    """The text ``key`` in ``lang`` (Latvian for any other value), ``{name}`` places filled."""
    text = TEXTS[language(lang)][key]
    return text.format(**values) if values else text


def in_language(text: str | None, lang: str) -> str:
    """The user's half of a core message written "Latvian / English".

    The halves are split at the first " / " outside quotes (quoted user values, e.g. an
    agreement's id, may hold " / " themselves); a text without one is returned whole."""
    s = "" if text is None else str(text)
    quote = None
    for i, ch in enumerate(s):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"" and (i == 0 or not s[i - 1].isalnum()):
            quote = ch
        elif s.startswith(" / ", i):
            return s[:i] if language(lang) == "lv" else s[i + 3 :]
    return s
