"""This file defines the message catalogue: every fixed text of the landscape, its reports, the
gap interview's screens and the interview layer's words (the workspace pages, field refusals,
the amendment, regulation, order and legal-basis screens), in Latvian and English.

The texts are data in ``catalogue/<lang>.yaml`` (a nested mapping; a text's key is its path
joined with dots, e.g. ``code.NO_BASIS.title``), read once per process with pamats' own YAML
reader. A text may name placeholders in ``str.format`` syntax (``{sender}``, ``{purpose!r}``);
the values substituted are never read as format, markup or template code, so landscape text
stays literal. Both languages have exactly the same keys and placeholders (tested).
Latvian is the primary language: :data:`LANGS` lists it first.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType

from ..errors import InputError
from ..yamlio import load_yaml

__all__ = [
    "LANGS",
    "catalogue",
    "load_catalogue",
    "template",
    "msg",
    "msg_around",
    "placeholders",
    "catalogue_path",
    "problem_title",
    "section",
]

LANGS = ("lv", "en")
_DIR = Path(__file__).resolve().parent / "catalogue"


def catalogue_path(lang: str) -> Path:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r} ({' or '.join(LANGS)})")
    return _DIR / f"{lang}.yaml"


@cache
def catalogue(lang: str) -> Mapping[str, str]:
    """Key -> text of one language (read once; read-only)."""
    return load_catalogue(catalogue_path(lang))


def load_catalogue(path: str | Path) -> Mapping[str, str]:
    """Key -> text of one catalogue file; an :class:`InputError` at the file and line of a
    value that is not a text (a number, a list, an empty value)."""
    data, pos = load_yaml(path)
    out: dict[str, str] = {}

    def walk(node, key: tuple) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, (*key, k))
        elif isinstance(node, str):
            out[".".join(str(k) for k in key)] = node
        else:
            raise InputError(
                f"text {'.'.join(map(str, key))!r} is not a string ({type(node).__name__})",
                location=pos.at(key),
                hint='write every text as a quoted string: key: "text"',
            )

    if not isinstance(data, dict):
        raise InputError("a text catalogue must be a mapping of keys to texts", location=pos.at(()))
    walk(data, ())
    return MappingProxyType(out)


_LOADED: dict[str, Mapping[str, str]] = {}  # lang -> catalogue, for the hot path of msg()


def template(key: str, lang: str) -> str:
    """The text ``key`` in ``lang`` as written (placeholders unfilled)."""
    cat = _LOADED.get(lang)
    if cat is None:
        cat = _LOADED[lang] = catalogue(lang)
    return cat[key]


def msg(key: str, lang: str, /, **params) -> str:
    """The text ``key`` in ``lang``, its placeholders filled with ``params``."""
    cat = _LOADED.get(lang)
    if cat is None:
        cat = _LOADED[lang] = catalogue(lang)
    text = cat[key]
    return text.format_map(params) if params else text


@cache
def placeholders(lang: str, key: str) -> frozenset[tuple[str, str | None, str]]:
    """The (name, conversion, format spec) of every placeholder of ``key`` in ``lang``."""
    return frozenset(
        (name, conv, spec or "")
        for _lit, name, spec, conv in string.Formatter().parse(catalogue(lang)[key])
        if name is not None
    )


_AROUND: dict[tuple[str, str, str], tuple[str, bool, str, bool]] = {}  # -> before, has fields, after, has fields


def msg_around(key: str, lang: str, at: str, /, **params) -> tuple[str, str]:
    """The text ``key`` cut at its placeholder ``{at}``: (before, after), the rest filled in.

    For a text built once and completed many times (``before + value + after``); ``{at}``
    must occur exactly once, written plainly (no conversion or format spec).
    """
    parts = _AROUND.get((key, lang, at))
    if parts is None:
        text, mark = template(key, lang), "{" + at + "}"
        if text.count(mark) != 1:
            raise KeyError(f"text {key!r} ({lang}) must contain {mark} exactly once")
        before, after = text.split(mark)
        parts = _AROUND[(key, lang, at)] = (before, "{" in before, after, "{" in after)
    before, fill_before, after, fill_after = parts
    return (before.format_map(params) if fill_before else before), (after.format_map(params) if fill_after else after)


def problem_title(code: str, lang: str) -> str:
    """The title of a legal-basis problem ``code`` in ``lang``: a finding code's
    (``code.<CODE>.title``) or a relied-on norm's (``basis_problem.<CODE>``); the code itself
    for one this version does not know."""
    cat = _LOADED.get(lang)
    if cat is None:
        cat = _LOADED[lang] = catalogue(lang)
    for key in (f"code.{code}.title", f"basis_problem.{code}"):
        if key in cat:
            return cat[key]
    return code


@cache
def section(lang: str, prefix: str) -> Mapping[str, str]:
    """The texts under ``prefix`` in ``lang``, keyed by the rest of their key (read-only):
    ``section("en", "workspace")["ok"]`` is the text ``workspace.ok``."""
    head = prefix + "."
    return MappingProxyType({k[len(head) :]: v for k, v in catalogue(lang).items() if k.startswith(head)})
