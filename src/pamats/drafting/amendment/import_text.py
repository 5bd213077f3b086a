"""This file turns the text of an act in force, as copied from a consolidated text (likumi.lv),
into an act file (``answers/acts/<id>.yaml``): ``pamats act-import TEXT``.

Recognised, line by line: the header ("Ministru kabineta noteikumi Nr. 344", "Rīgā 2019. gada
16. jūlijā (prot. Nr. 33 33. §)"), the title (the first other line), the *Izdoti* line (which may
run over several lines), chapters ("I. Vispārīgie jautājumi"), points and sub-points by their
number ("2.", "2.1.", "4.¹ …"), deleted units ("5. (Svītrots ar …)"), and the consolidation's
notes in brackets ("(MK 11.12.2012. noteikumu Nr. 840 redakcijā)"), which are dropped. A line
that is none of these continues the previous unit. Superscripts must be kept: likumi.lv's
plain copy flattens "4.¹" into "4.1", which would read as a sub-point, so write "4.¹" or "4^1".

Every unit gets the given ``source``; ``verified`` is set only when the caller says the text was
compared with the source. Errors (no number, out of order) carry the text file's line.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pydantic import ValidationError

from ...errors import InputError, Location
from .act import Act
from .grammar import date_lv
from .numbers import format_number, is_number, parse_number

__all__ = ["act_from_text", "act_yaml", "read_text_file"]

_HEADER = re.compile(r"^Ministru kabineta noteikumi Nr\.\s*(\S+)\s*$")
_PLACE = re.compile(r"^(\w+)\s+(\d{4})\.\s*gada\s+(\d{1,2})\.\s*(\w+)(?:\s*\(prot\.\s*Nr\.\s*(.+?)\))?\s*$")
_CHAPTER = re.compile(r"^([IVXLC]+)\.\s+(\S.*)$")
_UNIT = re.compile(r"^((?:\d+(?:\.|(?=[⁰¹²³⁴⁵⁶⁷⁸⁹^]))(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\^\d+)?\s*)+)\s*(\S.*)$")
_NOTE = re.compile(r"^\((?:MK|Ar|Grozījumi|Redakcija).*\)$|^\(.*redakcijā\)$")
_DELETED = re.compile(r"^\(Svītrots.*\)\.?$")
_MONTHS = {date_lv(dt.date(2000, m, 1)).split()[-1]: m for m in range(1, 13)}  # locative month -> number


def act_from_text(text: str, *, act_id: str, source: str, verified: bool = False, path: str = "<text>") -> Act:
    """Parse the copied text of a Cabinet regulation into an :class:`Act`."""
    lines = [ln.strip() for ln in text.splitlines()]
    meta: dict = {"id": act_id, "source": source, "verified": verified}
    title: list[str] = []
    izdoti: list[str] = []
    chapters: list[dict] = []
    top: list[dict] = []
    index: dict = {}
    last: dict | None = None
    state = "head"

    def err(i: int, msg: str, hint: str | None = None) -> InputError:
        return InputError(msg, location=Location(path, i + 1), hint=hint)

    for i, ln in enumerate(lines):
        if not ln or _NOTE.match(ln):
            continue
        if state == "head":
            if m := _HEADER.match(ln):
                meta["number"] = m.group(1)
                continue
            if m := _PLACE.match(ln):
                month = _MONTHS.get(m.group(4))
                if month is None:
                    raise err(i, f"month {m.group(4)!r} is not a Latvian month in the locative (jūlijā)")
                try:
                    meta["date"] = dt.date(int(m.group(2)), month, int(m.group(3)))
                except ValueError as e:
                    raise err(i, f"the date does not exist: {e}") from None
                meta["place"] = m.group(1)
                if m.group(5):
                    meta["protocol"] = m.group(5)
                continue
            if ln.startswith("Izdoti saskaņā ar"):
                state = "izdoti"
                izdoti.append(ln)
                continue
            title.append(ln)
            continue
        starts_body = _CHAPTER.match(ln) or (_UNIT.match(ln) and ln.startswith("1. "))
        if state == "izdoti" and not starts_body:  # "13. panta …" continues the line; the body starts at 1. or I.
            izdoti.append(ln)
            continue
        state = "body"
        if m := _CHAPTER.match(ln):
            chapters.append(
                {"n": m.group(1), "title": m.group(2), "points": [], "source": source, "verified": verified}
            )
            last = None
            continue
        m = _UNIT.match(ln)
        key = parse_number(m.group(1)) if m and is_number(m.group(1)) else None
        last_top = max((k for k in index if len(k) == 1), default=((0, 0),))
        if key is not None and len(key) == 1 and key[0][0] > last_top[0][0] + 1 and last is not None:
            key = None  # "2019. gada …" wrapped onto a new line continues the unit, it is not point 2019
        if key is not None:
            body = m.group(2)
            unit = {"n": format_number(key).rstrip("."), "source": source, "verified": verified}
            if _DELETED.match(body):
                unit["deleted"] = True
                unit["verified"] = False
            else:
                unit["text"] = body
            if key in index:
                raise err(i, f"unit {unit['n']} appears twice")
            if len(key) == 1:
                (chapters[-1]["points"] if chapters else top).append(unit)
            else:
                parent = index.get(key[:-1])
                if parent is None:
                    raise err(
                        i,
                        f"sub-point {unit['n']} has no point {format_number(key[:-1]).rstrip('.')} before it",
                        hint="check the number; likumi.lv's plain copy writes 4.¹ as 4.1: restore the superscript",
                    )
                parent.setdefault("units", []).append(unit)
            index[key] = unit
            last = unit
            continue
        if last is None:
            raise err(i, f"text before the first point: {ln[:60]!r}", hint="start each point with its number ('1. …')")
        last["text"] = (last.get("text", "") + " " + ln).strip()
    if "number" not in meta or "date" not in meta:
        raise InputError(
            "the header lines were not found ('Ministru kabineta noteikumi Nr. …' and "
            "'Rīgā <gggg>. gada <d>. <mēnesī> (prot. Nr. …)')",
            location=Location(path, 1),
        )
    meta["title"] = " ".join(title)
    if not meta["title"]:
        raise InputError("no title line found", location=Location(path, 1))
    if izdoti:
        meta["izdoti"] = " ".join(izdoti)
    if chapters:
        meta["chapters"] = chapters
    else:
        meta["points"] = top
    try:
        return Act.model_validate(meta)
    except ValidationError as e:  # schema check of what was read: report it on the file
        first = e.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise InputError(
            f"the text does not make a valid act: {where}: {first['msg'].removeprefix('Value error, ')}",
            location=Location(path),
        ) from None


def read_text_file(path: str | Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("file not found", location=Location(str(path))) from None
    except UnicodeDecodeError:
        raise InputError(
            "file is not valid UTF-8 text", location=Location(str(path)), hint="save it as UTF-8"
        ) from None


def act_yaml(act: Act, header: str = "") -> str:
    """The act as an act file (YAML), without empty or default-false keys except ``verified``."""
    from ...yamlio import dump_yaml

    def clean(x):
        if isinstance(x, dict):
            return {
                k: clean(v) for k, v in x.items() if v not in (None, [], "") and not (k == "deleted" and v is False)
            }
        if isinstance(x, list):
            return [clean(v) for v in x]
        return x

    return header + dump_yaml(clean(act.model_dump(mode="python")))
