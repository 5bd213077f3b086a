"""This file holds every text `pamats sources` prints: Latvian first, English second.

Problem messages are templates filled with ``label`` (what cites), ``unit`` (e.g. "68488
s.13(1)(7)"), ``what`` (the unit in words), ``law`` (the law's name) and the like.
"""

from __future__ import annotations

__all__ = ["MESSAGES", "SUMMARY", "COMPARE", "LIST", "unit_words"]

MESSAGES: dict[str, tuple[str, str]] = {
    "NO_TEXT": (
        "{label}: {unit}: nav pievienota likuma (likumi.lv id {law_id}) konsolidētā teksta; "
        "pievienojiet to (`pamats sources import`, docs/sources.md)",
        "{label}: {unit}: no bundled consolidated text of likumi.lv id {law_id}; "
        "add it (`pamats sources import`, docs/sources.md)",
    ),
    "NOT_STORED": (
        "{label}: {unit}: {what_lv} nav starp glabātajām likuma „{law}” daļām; importējiet to (docs/sources.md)",
        "{label}: {unit}: {what_en} of {law} is not among the stored sections; import it (docs/sources.md)",
    ),
    "MISSING": (
        "{label}: {unit}: likuma „{law}” konsolidētajā tekstā ({date}) nav {what_lv_gen}",
        "{label}: {unit}: {what_en} does not exist in {law} (consolidated text of {date})",
    ),
    "REPEALED": (
        "{label}: {unit}: likuma „{law}” {what_lv} ir izslēgts: {text}",
        "{label}: {unit}: {what_en} of {law} is repealed: {text}",
    ),
    "TEXT_DIFFERS": (
        "{label}: {unit}: citētie vārdi nav konsolidētajā tekstā: {quote!r}; tekstā ir: {reads!r}",
        "{label}: {unit}: the quoted words are not in the consolidated text: {quote!r}; it reads: {reads!r}",
    ),
    "LAW_MISMATCH": (
        "{label}: atsauce uz likumi.lv id {law_id}, bet avots (source) norāda id {source_id}",
        "{label}: cites likumi.lv id {law_id}, but the source names id {source_id}",
    ),
    "REF_MISMATCH": (
        "{label}: atsauce {unit}, bet ainavas norma {ref}, uz kuru tā norāda, ir {target}",
        "{label}: cites {unit}, but the landscape provision {ref} it names is {target}",
    ),
    "REF_MISMATCH_TEXT": (
        "{label}: ref „{ref}” nosauc {stated}, bet cites ir {unit}",
        "{label}: ref '{ref}' names {stated}, but cites is {unit}",
    ),
    "UNBACKED_VERIFIED": (
        "{label}: verified: true, bet to neapstiprina neviens glabāts teksts: {why_lv}",
        "{label}: verified: true, but no stored text backs it: {why_en}",
    ),
}

WHY: dict[str, tuple[str, str]] = {
    "no_cites": (
        "pievienojiet cites: {law, section, part, point} vai norādiet verified: false",
        "add cites: {law, section, part, point} or set verified: false",
    ),
    "law_not_bundled": (
        "šā likuma teksts nav pievienots (nav atsauces ar cites, avotā nav pievienota likuma likumi.lv id)",
        "this law's text is not bundled (no resolving cites, no bundled likumi.lv id in source)",
    ),
    "norm_no_cites": ("norma, uz kuru tā norāda, nav ar cites", "the provision it names carries no cites"),
    "no_section": ("nav norādīts pants", "no section is given"),
    "no_law": (
        "nevar noteikt, kurš likums citēts: norādiet ainavas normu ar cites vai likumi.lv adresi kā source",
        "which law is cited cannot be told: name a landscape provision with cites, or give a likumi.lv address as source",
    ),
}

SUMMARY: dict[str, tuple[str, str]] = {
    "resolved": (
        "{n} atsauce(s) atrastas {k} pievienotajos likumos{names}",
        "{n} citation(s) resolved against {k} bundled law(s){names}",
    ),
    "not_checked": (
        "{n} ierakstiem ar verified: true (noteikumi, ES akti) pārbaude nenotiek: to teksti nav pievienoti",
        "{n} verified: true {entries} of regulations or EU acts not checked: pamats bundles no texts for them",
    ),
    "problems": ("{n} problēma(s)", "{n} problem(s)"),
}

COMPARE: dict[str, tuple[str, str]] = {
    "head": ("{snap}: {law}: atšķiras {n} pants(i)", "{snap}: {law}: {n} section(s) differ"),
    "changed": ("  {section}. pants: grozīts", "  s.{section}: changed"),
    "added": ("  {section}. pants: jauns", "  s.{section}: added"),
    "removed": ("  {section}. pants: vairs nav", "  s.{section}: removed"),
    "cited": ("    atsauce: {where}", "    cited at {where}"),
    "not_bundled": (
        "{snap}: likumi.lv id {law} nav pievienots (nav ar ko salīdzināt)",
        "{snap}: likumi.lv id {law} is not bundled (nothing to compare)",
    ),
}

LIST: dict[str, tuple[str, str]] = {
    "scope": ("{scope}: {n} pants(i); {url}", "{scope}: {n} section(s); {url}"),
    "whole": ("viss likums", "whole law"),
    "sections": ("tikai daži panti", "some sections"),
    "origin": (
        "no {repo} {path} @ {commit} (likumi.lv nolasīts {ingested}); iegūts {retrieved}",
        "from {repo} {path} @ {commit} (likumi.lv read {ingested}); retrieved {retrieved}",
    ),
}


def unit_words(section: str, part: str | None, point: str | None) -> tuple[str, str, str]:
    """(Latvian nominative, Latvian genitive, English) words for a unit: '13. panta 1. daļas 7. punkts'."""
    sec_gen = f"{section}. panta"
    if point:
        head = f"{sec_gen} {part}. daļas " if part else f"{sec_gen} "
        lv, lv_gen = f"{head}{point}. punkts", f"{head}{point}. punkta"
    elif part:
        lv, lv_gen = f"{sec_gen} {part}. daļa", f"{sec_gen} {part}. daļas"
    else:
        lv, lv_gen = f"{section}. pants", f"{section}. panta"
    en = " of ".join(
        ([f"point {point}"] if point else []) + ([f"part {part}"] if part else []) + [f"section {section}"]
    )
    return lv, lv_gen, en
