"""This file connects the registry to the drafting area and loads case files.

``draft(data, source)``: answers dict -> (answers as JSON data, Instrument, DOCX bytes) with the
real drafting modules (parse_answers, build_instrument, render_docx_bytes).
``import_case(reg, path)``: create organisations, users, the agreement, its versions and
obligations from a case.yaml (agreements/<slug>/case.yaml), idempotent for orgs and users.
Unknown keys are refused with their line; every version is drafted before anything is written,
and the writes are one transaction (``Registry.batch``): a crash or an error leaves nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..errors import InputError, Location
from ..yamlio import load_answers_file, load_yaml

__all__ = ["draft", "draft_file", "import_case"]


def draft(data: dict, source: str = "<answers>"):
    from ..drafting.answers import parse_answers
    from ..drafting.build import build_instrument
    from ..drafting.render.docx import render_docx_bytes

    answers = parse_answers(data, source=source)
    instr = build_instrument(answers)
    return answers.model_dump(mode="json", exclude_none=True), instr, render_docx_bytes(instr)


def draft_file(path: str | Path):
    data, _pos = load_answers_file(Path(path))
    return draft(data, source=str(path))


def _date(v, where: str) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v))
    except ValueError:
        raise InputError(f"{where}: not a date (YYYY-MM-DD): {v!r}") from None


def import_case(reg, path: str | Path, *, user: str | None = None) -> dict:
    path = Path(path)
    data, _pos = load_yaml(path)
    if not isinstance(data, dict):
        raise InputError(
            "case file must be a mapping (slug, title, parties, versions…)", location=Location(str(path), 1)
        )
    need = ("slug", "title", "parties", "versions")
    _known_keys(data, _pos, path)
    for k in need:
        if k not in (data or {}):
            raise InputError(
                f"case file lacks {k!r}", location=Location(str(path), 1), hint="a case needs: " + ", ".join(need)
            )
    _required(data, _pos)
    try:
        drafted = [draft_file(path.parent / v["file"]) for v in data["versions"]]  # before any write
        with reg.batch():
            return _import(reg, path, data, user, drafted)
    except (KeyError, TypeError, AttributeError, IndexError) as e:
        raise InputError(
            f"case file is malformed ({type(e).__name__}: {e})",
            location=Location(str(path)),
            hint="see docs/registry.md, 'Case file', for the keys each entry needs",
        ) from None


_KEYS = {
    (): {
        "slug",
        "title",
        "kind",
        "form",
        "organisations",
        "users",
        "parties",
        "relied_on",
        "term_start",
        "term_end",
        "renewal_date",
        "notice_date",
        "versions",
        "obligations",
    },
    ("organisations",): {"key", "name"},
    ("users",): {"username", "name", "organisation"},
    ("parties",): {"organisation", "representative", "representative_position"},
    ("relied_on",): {"instrument", "provision"},
    ("versions",): {"file", "by", "note"},
    ("obligations",): {"party", "due", "description"},
}


def _known_keys(data: dict, pos, path: Path) -> None:
    """Refuse keys the importer would otherwise silently ignore (a typo loses data)."""

    def refuse(key, at, allowed):
        raise InputError(
            f"unknown key {key!r} in the case file",
            location=pos.at(at),
            hint="allowed here: " + ", ".join(sorted(allowed)),
        )

    for k in data:
        if k not in _KEYS[()]:
            refuse(k, (k,), _KEYS[()])
    for section, allowed in _KEYS.items():
        if not section:
            continue
        for i, item in enumerate(data.get(section[0]) or []):
            if isinstance(item, dict):
                for k in item:
                    if k not in allowed:
                        refuse(k, (section[0], i, k), allowed)


_REQUIRED = {
    "organisations": ("key", "name"),
    "users": ("username", "name", "organisation"),
    "versions": ("file",),
    "obligations": ("party", "due", "description"),
}


def _required(data: dict, pos) -> None:
    for section, keys in _REQUIRED.items():
        items = data.get(section) or []
        if not isinstance(items, list):
            raise InputError(f"case file is malformed: {section!r} must be a list", location=pos.at((section,)))
        for i, item in enumerate(items):
            missing = [k for k in keys if not isinstance(item, dict) or k not in item]
            if missing:
                raise InputError(
                    f"case file is malformed (KeyError: {section}[{i}] lacks {missing[0]!r})",
                    location=pos.at((section, i)),
                    hint=f"each of {section} needs: " + ", ".join(keys),
                )


def _import(reg, path: Path, data: dict, user: str | None, drafted: list) -> dict:
    orgs = {o["key"] for o in reg.organisations()}
    for o in data.get("organisations", []):
        if o["key"] not in orgs:
            reg.add_organisation(o["key"], o["name"])
    users = {u["username"] for u in reg.users()}
    for u in data.get("users", []):
        if u["username"] not in users:
            reg.add_user(u["username"], u["name"], u["organisation"])
    versions = data["versions"]
    first = versions[0]
    by = user or first.get("by")
    a0, i0, d0 = drafted[0]
    reg.create_agreement(
        by,
        data["slug"],
        data["title"],
        data["parties"],
        kind=data.get("kind", "agreement"),
        form=data.get("form"),
        relied_on=data.get("relied_on") or [],
        term_start=_date(data.get("term_start"), "term_start"),
        term_end=_date(data.get("term_end"), "term_end"),
        renewal_date=_date(data.get("renewal_date"), "renewal_date"),
        notice_date=_date(data.get("notice_date"), "notice_date"),
        answers=a0,
        instrument=i0,
        docx=d0,
        note=first.get("note"),
    )
    if len(versions) > 1:
        reg.transition(by, data["slug"], "negotiation", reason="negotiation opened")
    for v, (a, i, d) in zip(versions[1:], drafted[1:]):
        reg.propose(user or v.get("by"), data["slug"], a, instrument=i, docx=d, note=v.get("note"))
    for ob in data.get("obligations", []):
        reg.add_obligation(by, data["slug"], ob["party"], ob["description"], _date(ob["due"], "obligations.due"))
    return reg.show(by, data["slug"])
