"""This file defines reading a jurisdiction file and the checks that tie it together.

A jurisdiction is data (docs/jurisdictions.md): a bundled one
(``src/pamats/landscape/jurisdictions/<id>.yaml``, named by a landscape's
``landscape.jurisdiction``) or a landscape folder's own ``jurisdiction.yaml``. Both are read by
:func:`read_jurisdiction`: validated against :class:`~pamats.landscape.model.Jurisdiction`
(the JSON Schema ``graph/schema/jurisdiction.schema.json``), then cross-checked (every rank,
role and vocabulary term it names is defined; every text has the jurisdiction's first
language). All problems are reported at once, each with ``file:line``, what is wrong and how
to fix it, as the landscape's own loader does.

:func:`text_errors` checks a landscape's texts against the jurisdiction's languages: its
first language is required on every text (Latvian in Latvia, nowhere else); a text missing in
another language falls back to it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import ErrorList, InputError, Location
from ..yamlio import Positions, load_yaml
from .model import Jurisdiction, LandscapeFile, Text

__all__ = ["LOCAL_NAME", "read_jurisdiction", "local_jurisdiction_files", "text_errors", "LANGUAGE_NAMES"]

LOCAL_NAME = "jurisdiction.yaml"
"""The file name of a landscape folder's own jurisdiction (not read as a landscape file)."""

LANGUAGE_NAMES = {"lv": "Latvian", "en": "English"}


def local_jurisdiction_files(paths: Iterable[str | Path]) -> list[Path]:
    """The ``jurisdiction.yaml`` files of the folders among ``paths``."""
    out = []
    for p in paths:
        p = Path(p)
        if p.is_dir() and (p / LOCAL_NAME).is_file():
            out.append(p / LOCAL_NAME)
    return out


def read_jurisdiction(path: str | Path) -> Jurisdiction:
    """The validated, cross-checked jurisdiction in the file ``path``.

    Raises
    ------
    ErrorList
        every problem found, each with file:line, what is wrong and how to fix it.
    """
    from .load import _errors_from_validation  # the landscape loader's wording of schema errors

    data, pos = load_yaml(path)
    if not isinstance(data, dict):
        raise ErrorList(
            errors=[
                InputError(
                    "a jurisdiction file must be a mapping of keys (id, name, languages, ranks, rank_rules, …)",
                    location=Location(pos.path, 1),
                    hint="see docs/jurisdictions.md and graph/schema/jurisdiction.schema.json",
                )
            ]
        )
    try:
        jur = Jurisdiction.model_validate(data)
    except ValidationError as e:
        errors = _errors_from_validation(e, pos, Jurisdiction)
        for err in errors:
            if err.hint is None:
                err.hint = "see docs/jurisdictions.md and graph/schema/jurisdiction.schema.json"
        raise ErrorList(errors=errors) from None
    errors = _cross_check(jur, pos)
    if errors:
        errors.sort(key=lambda e: (e.location.line or 0) if e.location else 0)
        raise ErrorList(errors=errors)
    return jur


def _unknown(what: str, value: str, known: Iterable[str], loc: Location, where: str) -> InputError:
    known = list(known)
    near = difflib.get_close_matches(value, known, n=1)
    hint = (f"did you mean {near[0]!r}? " if near else "") + f"{where}: {', '.join(known) or '(none)'}"
    return InputError(f"unknown {what} {value!r}", location=loc, hint=hint)


def _cross_check(j: Jurisdiction, pos: Positions) -> list[InputError]:
    errors: list[InputError] = []
    ranks = [r.id for r in j.ranks]
    roles = [r.id for r in j.roles]
    vocab = {kind: [t.id for t in getattr(j, kind)] for kind in ("categories", "purposes", "subjects")}

    def dup(kind: str, ids: list[str]) -> None:
        seen: set[str] = set()
        for i, x in enumerate(ids):
            if x in seen:
                errors.append(
                    InputError(
                        f"duplicate id {x!r} in {kind}", location=pos.at((kind, i, "id")), hint="ids must be unique"
                    )
                )
            seen.add(x)

    if not j.ranks:
        errors.append(
            InputError("no ranks", location=pos.at(("ranks",)), hint="list the kinds of instrument, strongest first")
        )
    dup("ranks", ranks)
    dup("roles", roles)
    for kind, ids in vocab.items():
        dup(kind, ids)
        for i, t in enumerate(getattr(j, kind)):
            if t.parent and t.parent not in ids:
                errors.append(_unknown(f"parent {kind}", t.parent, ids, pos.at((kind, i, "parent")), kind))
    for i, r in enumerate(j.ranks):
        for k in r.may_empower:
            if k not in ranks:
                errors.append(_unknown("rank", k, ranks, pos.at(("ranks", i, "may_empower")), "ranks"))
    for i, rule in enumerate(j.rank_rules):
        if rule.min_rank not in ranks:
            errors.append(_unknown("rank", rule.min_rank, ranks, pos.at(("rank_rules", i, "min_rank")), "ranks"))
        for c in rule.when_categories_under:
            if c not in vocab["categories"]:
                errors.append(
                    _unknown(
                        "data category",
                        c,
                        vocab["categories"],
                        pos.at(("rank_rules", i, "when_categories_under")),
                        "categories",
                    )
                )
    for i, fu in enumerate(j.follow_ups):
        for key in ("after", "then"):
            if getattr(fu, key) not in ranks:
                errors.append(_unknown("rank", getattr(fu, key), ranks, pos.at(("follow_ups", i, key)), "ranks"))
    if j.nrm is not None:
        if j.nrm.first_contact_role not in roles:
            errors.append(
                _unknown("role", j.nrm.first_contact_role, roles, pos.at(("nrm", "first_contact_role")), "roles")
            )
        for side in ("to_service_provider", "to_police"):
            spec = getattr(j.nrm, side)
            at = ("nrm", side)
            if spec.role not in roles:
                errors.append(_unknown("role", spec.role, roles, pos.at((*at, "role")), "roles"))
            for c in spec.categories:
                if c not in vocab["categories"]:
                    errors.append(
                        _unknown("data category", c, vocab["categories"], pos.at((*at, "categories")), "categories")
                    )
            if spec.purpose not in vocab["purposes"]:
                errors.append(
                    _unknown("purpose", spec.purpose, vocab["purposes"], pos.at((*at, "purpose")), "purposes")
                )
            for s in spec.subjects:
                if s not in vocab["subjects"]:
                    errors.append(_unknown("data subject", s, vocab["subjects"], pos.at((*at, "subjects")), "subjects"))
    first = j.languages[0]
    for key, text in _texts(j, ()):
        if getattr(text, first) is None:
            errors.append(_missing(first, j, pos.at(key)))
    return errors


def _texts(obj: Any, key: tuple) -> Iterator[tuple[tuple, Text]]:
    """Every :class:`Text` inside the model ``obj``, with its key path (a small file: walked whole)."""
    if isinstance(obj, Text):
        yield key, obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _texts(getattr(obj, name), (*key, name))
    elif isinstance(obj, list):
        for i, x in enumerate(obj):
            yield from _texts(x, (*key, i))


def _missing(lang: str, j: Jurisdiction, loc: Location) -> InputError:
    langs = ", ".join(j.languages)
    return InputError(
        f"missing required key {lang!r}",
        location=loc,
        hint=f"jurisdiction {j.id} writes its texts in {langs}: every text needs its "
        f"{LANGUAGE_NAMES[lang]} ({lang}); the others are optional and fall back to it",
    )


def text_errors(parts: Iterable[tuple[LandscapeFile, Positions, bool]], j: Jurisdiction) -> list[InputError]:
    """A landscape's texts that lack the jurisdiction's first language, each at its line."""
    lang = j.languages[0]
    errors: list[InputError] = []

    def check(text: Text | None, pos: Positions, key: tuple) -> None:
        if text is not None and getattr(text, lang) is None:
            errors.append(_missing(lang, j, pos.at(key)))

    for part, pos, _draft in parts:
        if part.landscape is not None:
            check(part.landscape.title, pos, ("landscape", "title"))
            check(part.landscape.description, pos, ("landscape", "description"))
        for i, a in enumerate(part.actors):
            check(a.name, pos, ("actors", i, "name"))
        for i, ins in enumerate(part.instruments):
            check(ins.title, pos, ("instruments", i, "title"))
            for k, prov in enumerate(ins.provisions):
                check(prov.summary, pos, ("instruments", i, "provisions", k, "summary"))
        for i, f in enumerate(part.flows):
            if f.description is not None:
                check(f.description, pos, ("flows", i, "description"))
        for kind in ("categories", "purposes", "subjects"):
            for i, t in enumerate(getattr(part, kind)):
                check(t.label, pos, (kind, i, "label"))
    return errors
