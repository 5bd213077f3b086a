"""This file writes the amending regulation (as the one document model, ``Instrument``).

Form of MK Reg. No. 108 and the State Chancellery's samples (notes/latvian-drafting.md §1.5):
title "Grozījumi Ministru kabineta <date gen> noteikumos Nr. <N> "<title>"" ("Grozījums" for a
single change), the *Izdoti* line, "Izdarīt … (Latvijas Vēstnesis, …) šādus grozījumus:" and
numbered instructions in the act's order; a single change is folded into the intro sentence
("… grozījumu un izteikt 5. punktu šādā redakcijā:"). New wording is quoted with its number
("5.¹ …"), the closing quote followed by a full stop. Texts come from
``templates/clauses/<lang>/amendment.j2``; Latvian grammar helpers from :mod:`.grammar` (one import line).
"""

from __future__ import annotations

from itertools import groupby

from ..answers import pick
from ..clauses import Clauses
from ..document import Instrument, Node, Signatory
from ..quotes import with_lv_quotes
from .act import Act
from .answers import CHAPTER_ACTIONS, AmendmentAnswers, NewUnit
from .consolidate import Consolidation, Instruction
from .grammar import ORDINALS, date_en, date_lv, feminine_position, issued_under_en, izdoti_line, join_and
from .numbers import Key, format_number, ref_number

__all__ = ["build_amendment", "act_citation", "unit_ref"]

# unit words: Latvian stems and case endings; English singular / plural
_STEM = {1: "punkt", 2: "apakšpunkt"}
_END = {"acc": "u", "loc": "ā", "gen": "a", "nom": "s"}
_EN = {1: ("Paragraph", "Paragraphs"), 2: ("Sub-paragraph", "Sub-paragraphs")}


def unit_ref(keys: list[Key], lang: str, case: str = "acc") -> str:
    """'5. punktu', '5.¹ un 5.² punktu', '2.2.1. apakšpunktā'; 'Paragraph 5', 'Paragraphs 5.¹ and 5.²'."""
    depth = 1 if len(keys[0]) == 1 else 2
    if lang == "en":
        nums = join_and([ref_number(k, "en") for k in keys], "and")
        return f"{_EN[depth][len(keys) > 1]} {nums}"
    return f"{join_and([ref_number(k) for k in keys])} {_STEM[depth]}{_END[case]}"


def act_citation(act: Act, lang: str) -> str:
    c = Clauses(lang, "amendment")
    title = act.title_en if lang == "en" and act.title_en else act.title
    date = date_en(act.date) if lang == "en" else date_lv(act.date, "gen")
    return c("act_cite", date=date, number=act.number, title=title)


def _refs(act: Act, lang: str) -> str:
    c = Clauses(lang, "amendment")
    years = []
    for year, grp in groupby(sorted(act.publications, key=lambda p: p.year), key=lambda p: p.year):
        issues = [p.issue for p in grp]
        known = [i for i in issues if i]
        if lang == "en":
            txt = f"{year}" + (", No. " + ", ".join(known) if known else "")
        else:
            txt = f"{year}" + (", " + ", ".join(f"{i}." for i in known) + " nr." if known else "")
        if len(known) < len(issues):
            txt += ", " + c("issue_blank")
        years.append(txt)
    return c("lv_refs", years="; ".join(years) if years else c("issue_blank"))


def _quoted(units: list[tuple[Key, str]]) -> list[str]:
    """Lines of new wording: '"5.¹ text', … last '… text".'."""
    lines = [f"{format_number(k)} {t}" for k, t in units]
    lines[0] = '"' + lines[0]
    lines[-1] = lines[-1] + '".'
    return lines


def _flatten(nu: NewUnit, key: Key, lang: str) -> list[tuple[Key, str]]:
    out = [(key, pick(nu.text, lang))]
    for i, c in enumerate(nu.units):
        out += _flatten(c, key + ((i + 1, 0),), lang)
    return out


def _what(words: str, lang: str, *, dative: bool = False) -> str:
    if words.strip().isdigit():
        return "number" if lang == "en" else "skaitli"
    single = len(words.split()) == 1
    if lang == "en":
        return "word" if single else "words"
    if single:
        return "vārdu"
    return "vārdiem" if dative else "vārdus"


def _instruction(ins: Instruction, lang: str, c: Clauses) -> tuple[str, list[str]]:
    ch, a = ins.change, ins.action
    if a == "restate":
        lines = _quoted(_flatten(NewUnit(text=ch.text, units=ch.units), ins.target, lang))
        return c("restate", ref=unit_ref([ins.target], lang)), lines
    if a == "restate_lead":
        ref = unit_ref([ins.target], lang, "gen") if lang == "lv" else unit_ref([ins.target], lang)
        return c("restate_lead", ref=ref), _quoted([(ins.target, pick(ch.text, lang))])
    if a == "insert_after":
        flat = []
        for k, nu in zip(ins.new_keys, ch.points):
            flat += _flatten(nu, k, lang)
        refs = unit_ref(ins.new_keys, lang)
        if len(ins.target) == 1:
            return c("insert_top", refs=refs), _quoted(flat)
        parent = ins.target[:-1]
        return c("insert_sub", parent=unit_ref([parent], lang), refs=refs), _quoted(flat)
    if a == "delete":
        return c("delete", ref=unit_ref([ins.target], lang)), []
    if a == "replace_in":
        words, repl = pick(ch.words, lang), pick(ch.with_, lang) or ""
        scope = (c("both") if ins.count == 2 else c("all")) if ch.occurrence == "all" else ""
        ref = unit_ref([ins.target], lang, "loc") if lang == "lv" else unit_ref([ins.target], lang)
        if ch.sentence:
            if lang == "lv" and ch.sentence in ORDINALS:
                # "3. punkta otrajā teikumā": ordinal in the locative (masculine, agreeing with 'teikums')
                ordinal = ORDINALS[ch.sentence][0][:-1] + "ajā"
                ref = f"{unit_ref([ins.target], lang, 'gen')} {ordinal} teikumā"
            elif lang == "en":
                ref = f"sentence {ch.sentence} of {ref}"
            else:
                ref = f"{unit_ref([ins.target], lang, 'gen')} {ch.sentence}. teikumā"
        if not repl:
            return c("remove_words", ref=ref, what=_what(words, lang), words=words, scope=scope), []
        return c(
            "replace",
            ref=ref,
            what=_what(words, lang),
            words=words,
            what_with=_what(repl, lang, dative=True),
            **{"with": repl},
            scope=scope,
        ), []
    if a == "restate_title":
        return c("restate_title"), ['"' + pick(ch.restate_title, lang) + '".']
    if a == "restate_izdoti":
        return c("restate_izdoti"), ['"' + pick(ch.restate_izdoti, lang) + '".']
    if a in CHAPTER_ACTIONS:
        heading = f"{ins.chapter}. {pick(ch.text, lang)}" if ch.text is not None else ""
        if a == "delete_chapter":
            return c("delete_chapter", n=ins.chapter), []
        if a == "restate_chapter_title":
            return c("restate_chapter_title", n=ins.chapter), ['"' + heading + '".']
        flat = [x for k, nu in zip(ins.new_keys, ch.points) for x in _flatten(nu, k, lang)]
        lines = ['"' + heading] + [f"{format_number(k)} {t}" for k, t in flat]  # the heading, then the points
        lines[-1] += '".'
        return c("restate_chapter" if a == "restate_chapter" else "insert_chapter", n=ins.chapter), lines
    n = f"{ins.annex}. " if ins.annex and lang == "lv" else f"{ins.annex} " if ins.annex else ""
    if a == "delete_annex":
        return c("delete_annex", n=n), []
    if a == "replace_in_annex":
        words, repl = pick(ch.words, lang), pick(ch.with_, lang) or ""
        scope = (c("both") if ins.count == 2 else c("all")) if ch.occurrence == "all" else ""
        if not repl:
            return c("remove_words_annex", n=n, what=_what(words, lang), words=words, scope=scope), []
        return c(
            "replace_annex",
            n=n,
            what=_what(words, lang),
            words=words,
            what_with=_what(repl, lang, dative=True),
            **{"with": repl},
            scope=scope,
        ), []
    return c(a, n=n), []


def _touches_unverified(act: Act, cons: Consolidation) -> bool:
    if act.unread_after or not act.verified or any(not p.verified or not p.issue for p in act.publications):
        return True
    idx = {u.key: u for u in act.walk()}
    return any(ins.target in idx and not idx[ins.target].verified for ins in cons.instructions if ins.target)


def build_amendment(a: AmendmentAnswers, act: Act, cons: Consolidation, lang: str | None = None) -> Instrument:
    """The amending regulation in ``lang`` (default: the answers' language)."""
    lang = lang or a.lang
    c = Clauses(lang, "amendment")
    cite = act_citation(act, lang)
    refs = _refs(act, lang)
    written = [_instruction(ins, lang, c) for ins in cons.instructions]
    date = (
        (date_en(a.date) if lang == "en" else date_lv(a.date))
        if a.date
        else ("__ ___ 20__" if lang == "en" else "__. gada __. ___")
    )
    header = [c("header").replace("__", a.number) if a.number else c("header"), c("place", date=date)]
    notes = [c("todo", text=pick(n, lang)) for n in a.notes_to_drafter]
    if _touches_unverified(act, cons):
        notes.append(c("unverified_act", id=act.id))
    body: list[Node] = []
    intro: list[str] = []
    if len(written) == 1:  # one change: folded into the intro sentence ("… grozījumu un izteikt …")
        text, lines = written[0]
        first = text[0].lower() + text[1:] if lang == "lv" else text
        written = [(c("intro_one", cite=cite, lv_refs=refs, instruction=first), lines)]
    else:
        intro.append(c("intro", cite=cite, lv_refs=refs))
    if a.entry_into_force:  # a final numbered point of the amending act
        when = date_en(a.entry_into_force) if lang == "en" else date_lv(a.entry_into_force)
        written.append((c("entry_into_force", date=when), []))
    if len(written) == 1 and not intro:
        text, lines = written[0]
        intro.append(text)
        body = [Node(id=f"q{j + 1}", kind="para", text=[line]) for j, line in enumerate(lines)]
    else:
        for i, (text, lines) in enumerate(written):
            kids = [Node(id=f"i{i + 1}-q{j + 1}", kind="para", text=[line]) for j, line in enumerate(lines)]
            body.append(Node(id=f"i{i + 1}", kind="point", text=[text], children=kids))
    if a.eu_directives:  # "Informatīva atsauce uz Eiropas Savienības direktīvu": after the instructions
        cites = [pick(d, lang) for d in a.eu_directives]
        listed = cites[0] if len(cites) == 1 else "; ".join(f"{i + 1}) {x}" for i, x in enumerate(cites))
        body.append(Node(id="eu-heading", kind="para", text=[c("eu_heading", count=len(cites))]))
        body.append(Node(id="eu-text", kind="para", text=[c("eu_text", directives=listed)]))
    pm = c("pm", feminine=a.prime_minister.feminine) if lang == "lv" else pick(a.prime_minister.position, lang)
    sig = [
        Signatory(position=pm, name=a.prime_minister.name or c("name_blank")),
        Signatory(
            position=feminine_position(pick(a.minister.position, lang), lang)
            if a.minister.feminine
            else pick(a.minister.position, lang),
            name=a.minister.name or c("name_blank"),
        ),
    ]
    annexes = []
    annex_date = (date_en(a.date) if lang == "en" else date_lv(a.date, "gen")) if a.date else date
    for ins in cons.instructions:
        if ins.action in ("add_annex", "restate_annex"):
            n = f"{ins.annex}. " if ins.annex and lang == "lv" else (ins.annex or "")
            paras = [
                Node(id=f"a{len(annexes) + 1}-p{j + 1}", kind="para", text=[pick(t, lang)])
                for j, t in enumerate(ins.change.annex.text)
            ]
            annexes.append(
                Node(
                    id=f"a{len(annexes) + 1}",
                    kind="chapter",
                    title=pick(ins.change.annex.title, lang),
                    # the header block, a line each (latvian-drafting.md §1.2 row 14): "2. pielikums" /
                    # "Ministru kabineta" / the date in the genitive / "noteikumiem Nr. …"
                    text=[c("annex_header", n=n, date=annex_date, number=a.number or "__")],
                    children=paras,
                )
            )
    basis = issued_under_en(a.empowering) if lang == "en" else izdoti_line(a.empowering)
    return with_lv_quotes(  # „…” in every Latvian text (the clauses quote with "), as for the other kinds
        Instrument(
            kind="amendment",
            lang=lang,
            title=c("title", count=len(cons.instructions), cite=cite),
            marking=c("marking"),
            header_lines=header,
            basis_line=basis,
            notes=notes,
            intro=intro,
            body=body,
            annexes=annexes,
            signatories=sig,
            date=a.date,
            number=a.number,
            meta={"act": act.id, "instructions": str(len(written))},
        )
    )
