"""This file defines Latvian (and English) legal grammar helpers (drafts, reports, remedies).

* ordinal words for parts of a section in three cases (pirmā / pirmās / pirmo daļa);
* the *Izdoti saskaņā ar* line: the last element in the accusative, the ones before it in
  the genitive (notes/latvian-drafting.md §1.3), several provisions joined with commas and "un";
* dates in words ("2027. gada 1. martā", genitive, dative), lists joined with "un"/"and";
* the English equivalents ("Issued under Section 13(1)(7) of the … Law").
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import groupby

__all__ = [
    "ORDINALS",
    "part_word",
    "cite",
    "izdoti_line",
    "issued_under_en",
    "cite_en",
    "join_and",
    "date_lv",
    "date_en",
    "months_lv",
    "ref_acc",
    "act_dative",
    "feminine_position",
]

# nominative, genitive, accusative (feminine, agreeing with "daļa")
ORDINALS = {
    1: ("pirmā", "pirmās", "pirmo"),
    2: ("otrā", "otrās", "otro"),
    3: ("trešā", "trešās", "trešo"),
    4: ("ceturtā", "ceturtās", "ceturto"),
    5: ("piektā", "piektās", "piekto"),
    6: ("sestā", "sestās", "sesto"),
    7: ("septītā", "septītās", "septīto"),
    8: ("astotā", "astotās", "astoto"),
    9: ("devītā", "devītās", "devīto"),
    10: ("desmitā", "desmitās", "desmito"),
}
_CASE = {"nom": 0, "gen": 1, "acc": 2}
_DALA = {"nom": "daļa", "gen": "daļas", "acc": "daļu"}
_PANTS = {"nom": "pants", "gen": "panta", "acc": "pantu"}
_PUNKTS = {"nom": "punkts", "gen": "punkta", "acc": "punktu"}

_MONTH_LOC = [
    "janvārī",
    "februārī",
    "martā",
    "aprīlī",
    "maijā",
    "jūnijā",
    "jūlijā",
    "augustā",
    "septembrī",
    "oktobrī",
    "novembrī",
    "decembrī",
]
_MONTH_GEN = [
    "janvāra",
    "februāra",
    "marta",
    "aprīļa",
    "maija",
    "jūnija",
    "jūlija",
    "augusta",
    "septembra",
    "oktobra",
    "novembra",
    "decembra",
]
_MONTH_DAT = [
    "janvārim",
    "februārim",
    "martam",
    "aprīlim",
    "maijam",
    "jūnijam",
    "jūlijam",
    "augustam",
    "septembrim",
    "oktobrim",
    "novembrim",
    "decembrim",
]
_MONTH_ACC = [
    "janvāri",
    "februāri",
    "martu",
    "aprīli",
    "maiju",
    "jūniju",
    "jūliju",
    "augustu",
    "septembri",
    "oktobri",
    "novembri",
    "decembri",
]


def _n(num: str) -> str:
    """'13' -> '13.'; an inserted ('prim') number like '19.³' is written as is."""
    return num if "." in num else f"{num}."


def part_word(n: int, case: str = "nom") -> str:
    """'pirmā daļa' / 'pirmās daļas' / 'pirmo daļu' for part ``n`` (1..10)."""
    if n not in ORDINALS:
        raise ValueError(f"part {n}: ordinal words are known for 1..10 only")
    return f"{ORDINALS[n][_CASE[case]]} {_DALA[case]}"


def cite(section: str, part: int | None = None, clause: str | None = None, *, case: str = "acc") -> str:
    """A provision of one law without the law's name; the last element takes ``case``."""
    if clause and part:
        return f"{_n(section)} panta {part_word(part, 'gen')} {_n(clause)} {_PUNKTS[case]}"
    if clause:
        return f"{_n(section)} panta {_n(clause)} {_PUNKTS[case]}"
    if part:
        return f"{_n(section)} panta {part_word(part, case)}"
    return f"{_n(section)} {_PANTS[case]}"


def join_and(items: list[str], word: str = "un") -> str:
    """'a', 'a un b', 'a, b un c' (Latvian: no comma before 'un'); English uses word='and'."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def _law_group(provs: list) -> str:
    """Citations of one law, clauses of the same section and part merged: '5. panta 3., 13. un 23. punktu'."""
    parts = []
    for (section, part), grp in groupby(provs, key=lambda p: (p.section, p.part)):
        grp = list(grp)
        clauses = [p.clause for p in grp if p.clause]
        if len(clauses) > 1 and len(clauses) == len(grp):
            nums = join_and([_n(c) for c in clauses])
            head = f"{_n(section)} panta {part_word(part, 'gen')} " if part else f"{_n(section)} panta "
            parts.append(f"{head}{nums} punktu")
        else:
            parts.extend(cite(p.section, p.part, p.clause) for p in grp)
    return join_and(parts)


def izdoti_line(provs: list, verb: str = "Izdoti") -> str:
    """'Izdoti saskaņā ar <law genitive> <N>. panta …' for empowering provisions (answers models)."""
    chunks = []
    for law, grp in groupby(provs, key=lambda p: p.law_genitive):
        chunks.append(f"{law} {_law_group(list(grp))}")
    return f"{verb} saskaņā ar {join_and(chunks)}"


def act_dative(genitive: str) -> str:
    """'Ministru kabineta … noteikumu Nr. 344 "…"' (genitive, as answers cite an act) -> the form after
    'saskaņā ar' ('… noteikumiem Nr. 344 "…"'): the first word 'noteikumu' outside the quoted title
    becomes 'noteikumiem'. A citation without it is returned with a fill-in marker, never guessed."""
    head, quote, rest = genitive.partition('"')
    new, n = re.subn(r"\bnoteikumu\b", "noteikumiem", head, count=1)
    if not n:
        return f"{genitive} [JĀPRECIZĒ: akta nosaukums datīvā]"
    return new + quote + rest


def cite_en(p) -> str:
    """'Section 13(1)(7) of the Social Services and Social Assistance Law'."""
    ref = f"Section {p.section}" + (f"({p.part})" if p.part else "") + (f"({p.clause})" if p.clause else "")
    law = p.law_en or f"{p.law_genitive} [TO BE CONFIRMED: English title]"
    return f"{ref} of the {law}"


def issued_under_en(provs: list) -> str:
    return "Issued under " + join_and([cite_en(p) for p in provs], "and")


def date_lv(d: dt.date | None, case: str = "loc") -> str:
    """'2027. gada 1. martā' (loc), '… 1. marta' (gen), '… 1. martam' (dat), '… 1. martu' (acc); blanks if None."""
    if d is None:
        return "__. gada __. ___"
    table = {"loc": _MONTH_LOC, "gen": _MONTH_GEN, "dat": _MONTH_DAT, "acc": _MONTH_ACC}[case]
    return f"{d.year}. gada {d.day}. {table[d.month - 1]}"


def date_en(d: dt.date | None) -> str:
    if d is None:
        return "__ ___ 20__"
    return f"{d.day} {d.strftime('%B')} {d.year}"


def months_lv(n: int) -> str:
    """'1 mēnesi', '2 mēnešus', '21 mēnesi' (accusative, as in 'brīdinot … iepriekš')."""
    return f"{n} mēnesi" if n % 10 == 1 and n % 100 != 11 else f"{n} mēnešus"


# units of a legal act whose reference ends a citation ("… 7. punkts"): nominative -> accusative
_UNIT_ACC = {
    "pants": "pantu",
    "punkts": "punktu",
    "apakšpunkts": "apakšpunktu",
    "daļa": "daļu",
    "nodaļa": "nodaļu",
    "sadaļa": "sadaļu",
    "pielikums": "pielikumu",
    "teikums": "teikumu",
    "panti": "pantus",
    "punkti": "punktus",
}


def ref_acc(ref: str) -> str | None:
    """A provision reference written in the nominative ("SPSPL 13. panta pirmās daļas 7. punkts")
    in the accusative, as after "saskaņā ar" or "grozīt" ("… 7. punktu", "… ceturto daļu");
    ``None`` when its last word is not a unit this knows, or an adjective before it is not an
    ordinal this knows (the caller then names it without declining it)."""
    words = ref.split()
    if len(words) < 2 or words[-1] not in _UNIT_ACC:
        return None
    words[-1] = _UNIT_ACC[words[-1]]
    prev = words[-2]
    if prev.endswith(("ā", "ais")):  # an adjective agrees with the unit: only ordinals are known
        ordinal = next((o for o in ORDINALS.values() if o[0] == prev), None)
        if ordinal is None:
            return None
        words[-2] = ordinal[2]
    return " ".join(words)


_FEM = [
    ("ministrs", "ministre"),
    ("prezidents", "prezidente"),
    ("sekretārs", "sekretāre"),
    ("vadītājs", "vadītāja"),
    ("direktors", "direktore"),
    ("priekšsēdētājs", "priekšsēdētāja"),
    ("nieks", "niece"),  # priekšnieks, vietnieks
]


def feminine_position(position: str, lang: str) -> str:
    """The feminine form of a Latvian position ('Iekšlietu ministrs' -> 'Iekšlietu ministre');
    English positions have no gender and are returned unchanged."""
    if lang == "en" or not position:
        return position
    words = position.split(" ")
    for i in range(len(words) - 1, -1, -1):
        low = words[i].lower()
        for masc, fem in _FEM:
            if low.endswith(masc):
                stem = words[i][: len(words[i]) - len(masc)]
                words[i] = stem + (fem if words[i][len(stem) :].islower() else fem.capitalize())
                return " ".join(words)
    return position
