"""This file defines the logic of the amending-regulation interview (interviews/amendment.yml).

The interview edits an amendment answers file (``kind: amendment``, docs/amendments.md), the
same one ``pamats draft amendment`` reads; every rule is the drafting package's:

- :func:`act_choices`, :func:`act_listing`, :func:`unit_choices`: the bundled acts in force
  (``answers/acts/``) and their points as they read after the changes so far, each with its
  text and whether it was read at a source;
- :func:`kind_choices`: the kinds of change that apply to the chosen act (chapter and annex
  changes: :mod:`pamats.interview.amendment_parts`);
- :func:`change_data`: one screen's answers as one change of the answers file;
- :func:`change_problems`: the changes applied to the act
  (:func:`pamats.drafting.amendment.consolidate.apply_changes`), the core's refusal as text;
- :func:`basis_check`: the legal-basis check on the consolidated act, the what-if of
  ``pamats gaps graph/lv-nrm --with <answers>`` (the amendment as a landscape draft through
  :func:`pamats.drafting.amendment.to_landscape.amendment_to_landscape`);
- :func:`amendment_answers`, :func:`prepare`: the answers dict and everything the end screen
  offers (the amending regulation's DOCX context, the consolidated text as tracked-change DOCX
  and HTML, the answers YAML); :func:`fill_ins`: what is left to fill in, in the user's language
  (:func:`pamats.drafting.lint.fill_in_markers`).

No docassemble import here.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

import yaml

from ..drafting.amendment.act import Act, load_act
from ..drafting.amendment.answers import Change
from ..drafting.amendment.consolidate import apply_changes
from ..drafting.amendment.numbers import format_number
from ..drafting.document import Instrument
from ..errors import ErrorList, InputError
from ..resources import answers_dir, graph_dir
from ..text.messages import msg, section
from . import amendment_parts as parts
from .amendment_parts import ANNEX_KINDS, CHAPTER_KINDS
from .common import answers_yaml, error_lines, plain
from .regulation import signatory, text_in

__all__ = [
    "KINDS",
    "POINT_KINDS",
    "CHAPTER_KINDS",
    "ANNEX_KINDS",
    "NEEDS_TARGET",
    "kind_choices",
    "kind_label",
    "consolidated",
    "precedent",
    "act_choices",
    "bundled_act",
    "act_label",
    "act_listing",
    "unit_choices",
    "unit_text",
    "change_data",
    "refusal_lines",
    "flows_data",
    "change_problems",
    "instruction_lines",
    "signature_lines",
    "change_summary",
    "BasisResult",
    "basis_check",
    "amendment_answers",
    "AmendmentPrepared",
    "prepare",
    "fill_ins",
    "lines",
    "actor_choices",
    "earlier",
    "current_text",
    "listing_markdown",
    "CHANGE_FIELDS",
    "forget",
    "previous",
    "edit_link",
]

PRECEDENT = "no344-amendment.yaml"
LANDSCAPE = "lv-nrm"
INSTRUMENT_ID = "interview-amendment"

# the kinds of change the interview asks about, in the order offered: the point changes always,
# the chapter and annex changes where they apply to the act (amendment_parts.offered)
POINT_KINDS = ("insert_after", "restate", "delete", "replace_in", "restate_title", "restate_izdoti")
KINDS = POINT_KINDS + CHAPTER_KINDS + ANNEX_KINDS
NEEDS_TARGET = ("insert_after", "restate", "delete", "replace_in") + CHAPTER_KINDS + ANNEX_KINDS


@cache
def _t(lang: str) -> dict:
    """The interview's words in ``lang``: the catalogue's ``amendment_screen.*`` texts
    (src/pamats/text/catalogue/<lang>.yaml), the places of fill-ins under ``where``."""
    lang = "en" if lang == "en" else "lv"
    out: dict = {k: v for k, v in section(lang, "amendment_screen").items() if "." not in k}
    out["where"] = dict(section(lang, "amendment_screen.where"))
    return out


def kind_choices(lang: str, act_id: str | None = None, changes: Iterable[dict] = ()) -> list[dict]:
    """Radio choices: the point changes, then the chapter and annex changes that apply to the act
    as it reads after ``changes`` (:func:`pamats.interview.amendment_parts.offered`; without an
    act, the point changes only)."""
    kinds = list(POINT_KINDS) + (parts.offered(consolidated(act_id, changes)) if act_id else [])
    return [{k: _t(lang)[k]} for k in kinds]


def kind_label(kind: str, lang: str) -> str:
    """The words of a kind of change, as the choices show them."""
    return _t(lang)[kind]


def precedent() -> dict:
    """The bundled amendment answers (No. 344 referral duties), as plain data."""
    data = yaml.safe_load((answers_dir() / PRECEDENT).read_text(encoding="utf-8"))
    return plain(copy.deepcopy(data))


# ---- the acts in force ---------------------------------------------------------------------------


@lru_cache(maxsize=8)
def bundled_act(act_id: str) -> Act:
    path = answers_dir() / "acts" / f"{act_id}.yaml"
    if not path.is_file():
        raise InputError(f"unknown act in force {act_id!r}", hint="the bundled acts are in answers/acts/")
    return load_act(path)


def act_label(act: Act, lang: str) -> str:
    from ..text.latvian import date_en, date_lv

    if lang == "en":
        return f"Cabinet Regulation No. {act.number} of {date_en(act.date)}: {act.title_en or act.title}"
    return f"Ministru kabineta {date_lv(act.date, 'gen')} noteikumi Nr. {act.number} „{act.title}”"


def act_choices(lang: str) -> list[dict]:
    """Radio choices: every bundled act in force (answers/acts/*.yaml)."""
    out = []
    for path in sorted((answers_dir() / "acts").glob("*.yaml")):
        act = bundled_act(path.stem)
        out.append({act.id: act_label(act, lang)})
    return out


def consolidated(act_id: str, changes: Iterable[dict] = ()) -> Act:
    """The bundled act ``act_id`` as it reads after ``changes`` (answers-file change dicts)."""
    act = bundled_act(act_id)
    models = [Change.model_validate(c) for c in changes]
    return apply_changes(act, models).act if models else act


def _units(act: Act):
    def rec(units, depth):
        for u in units:
            yield u, depth
            yield from rec(u.units, depth + 1)

    yield from rec(act.top(), 0)


def unit_text(act_id: str, changes: Iterable[dict], number: str) -> str:
    """The text of unit ``number`` after ``changes`` ('' when not read or deleted)."""
    for u, _ in _units(consolidated(act_id, changes)):
        if u.n == number:
            return u.text or ""
    return ""


def act_listing(act_id: str, changes: Iterable[dict], lang: str) -> list[dict]:
    """The act's points after ``changes``, in order: ``{n, depth, text, status}`` where text is
    the unit's text (or what is known of a text not read) and status says whether it was read
    at a source. The screen shows the texts as data (screen.screen_text)."""
    t = _t(lang)
    act = consolidated(act_id, changes)
    out = [{"n": t["title"], "depth": 0, "text": act.title, "status": t["read"] if act.verified else t["unread"]}]
    if act.izdoti:
        out.append(
            {"n": t["izdoti"], "depth": 0, "text": act.izdoti, "status": t["read"] if act.verified else t["unread"]}
        )
    heads = {c.points[0].key: c for c in act.chapters if c.points}
    for u, depth in _units(act):
        if depth == 0 and u.key in heads:
            c = heads[u.key]
            out.append({"n": f"{c.n}.", "depth": 0, "text": t["deleted"] if c.deleted else c.title, "status": ""})
        if u.deleted:
            text, status = t["deleted"], ""
        elif u.text is None:
            text, status = t["not_read"] + (f" ({u.note})" if u.note else ""), t["unread"]
        else:
            text, status = u.text, t["read"] if u.verified else t["unread"]
        out.append({"n": format_number(u.key), "depth": depth, "text": text, "status": status})
    if act.unread_after:
        out.append({"n": "…", "depth": 0, "text": t["unread_after"].format(n=act.unread_after), "status": ""})
    for a in act.annexes:
        if a.deleted:
            text, status = t["deleted"], ""
        elif a.text is None:
            text, status = (a.title or "") + f" ({t['not_read']})", t["unread"]
        else:
            text, status = " / ".join([a.title or ""] + a.text), t["read"] if a.verified else t["unread"]
        out.append({"n": t["annex"].format(n=a.n or "1"), "depth": 0, "text": text, "status": status})
    return out


def unit_choices(act_id: str, changes: Iterable[dict], lang: str, *, live_text: bool = False) -> list[dict]:
    """Dropdown choices: the act's live units after ``changes`` (``live_text``: only those whose
    text was read, for replacing words)."""
    out = []
    for u, _ in _units(consolidated(act_id, changes)):
        if u.deleted or (live_text and u.text is None):
            continue
        text = u.text if u.text is not None else _t(lang)["not_read"]
        short = text if len(text) <= 90 else text[:90].rsplit(" ", 1)[0] + " …"
        out.append({u.n: f"{format_number(u.key)} {short}"})
    return out


# ---- one change -----------------------------------------------------------------------------------


def lines(text: Any) -> list[str]:
    """The non-empty lines of a text area (one sub-point per line)."""
    return [x.strip() for x in str(text or "").splitlines() if x.strip()]


def flows_data(
    senders: Iterable[str], recipient: str, categories: Iterable[str], purposes: Iterable[str], subjects: Iterable[str]
) -> list[dict]:
    """The data exchanges a new point authorises (one per sender), as ``DataExchange`` records."""
    return [
        {
            "sender": s,
            "recipient": recipient,
            "categories": list(categories),
            "purposes": list(purposes),
            "subjects": list(subjects),
        }
        for s in senders
        if s != recipient
    ]


def change_data(
    kind: str,
    *,
    target: str | None = None,
    text: str | None = None,
    units: Any = None,
    words: str | None = None,
    replacement: str | None = None,
    every: bool = False,
    flows: list[dict] | None = None,
) -> dict:
    """One change of the answers file (docs/amendments.md) from one screen's answers (a chapter
    or an annex change: :func:`pamats.interview.amendment_parts.change_data`)."""
    if kind not in POINT_KINDS:
        raise ValueError(f"unknown kind of change {kind!r}; one of {', '.join(KINDS)}")
    text = (text or "").strip()
    if kind in ("restate_title", "restate_izdoti"):
        return {kind: text}
    if kind == "delete":
        return {"delete": target}
    if kind == "replace_in":
        out = {"replace_in": target, "words": (words or "").strip(), "with": (replacement or "").strip()}
        if every:
            out["occurrence"] = "all"
        return out
    unit: dict[str, Any] = {"text": text}
    if lines(units):
        unit["units"] = [{"text": x} for x in lines(units)]
    if kind == "insert_after":
        if flows:  # the data flows the new point authorises (used by the what-if only)
            unit["exchanges"] = list(flows)
        return {"insert_after": target, "points": [unit]}
    return {"restate": target, **unit}


def refusal_lines(err: InputError | ErrorList, lang: str) -> list[str]:
    """One sentence per problem for a screen: the amendment's refusals in ``lang`` (the
    catalogue's ``amendment.*`` texts), other errors as the core words them."""
    from ..drafting.amendment.errors import AmendmentError, amendment_hint, amendment_text

    out = []
    for e in err.errors if isinstance(err, ErrorList) else [err]:
        if isinstance(e, AmendmentError):
            text, hint = amendment_text(e, lang), amendment_hint(e, lang)
            out.append(text[:1].upper() + text[1:] + (f" ({hint})" if hint else ""))
        else:
            out += error_lines(e)
    return out


def change_problems(act_id: str, changes: list[dict], lang: str) -> list[str]:
    """Why the core refuses ``changes`` on the act (empty when they apply)."""
    try:
        consolidated(act_id, changes)
    except (InputError, ErrorList) as err:
        return refusal_lines(err, lang)
    except ValueError as err:  # pydantic: a change that does not validate
        return [str(err).splitlines()[-1] if str(err) else err.__class__.__name__]
    return []


def _instrument(answers: dict) -> Instrument:
    from ..drafting.amendment.pipeline import prepare_data
    from ..drafting.amendment.wording import build_amendment

    p = prepare_data(plain(answers), source="interview answers")
    return build_amendment(p.input.answers, p.act, p.cons, p.input.answers.lang)


def instruction_lines(answers: dict, lang: str) -> list[str]:
    """The amending act's instructions as the document words them (for the review): the
    introduction and every numbered instruction with the quoted new wording."""
    instr = _instrument(dict(answers, lang=lang))
    out = list(instr.intro)
    nums = instr.numbers()
    from ..drafting.render.common import render_inline

    for n in instr.walk():
        if n.node.kind == "chapter":
            continue
        text = render_inline(n.node.text, nums)
        out.append((f"{n.number} " if n.number else "") + text)
    return [x for x in out if x.strip()]


def signature_lines(answers: dict, lang: str) -> list[str]:
    """'<position> – <name>' of each signatory, as the document writes them."""
    instr = _instrument(dict(answers, lang=lang))
    return [f"{s.position} – {s.name}" for s in instr.signatories]


def change_summary(data: dict, lang: str) -> str:
    """One line for the table of changes: the kind, the unit, the start of the new text."""
    kind = next((k for k in KINDS if k in data), "")
    target = data.get(kind) if kind in NEEDS_TARGET else ""
    text = ""
    if kind == "insert_after":
        text = data["points"][0]["text"]
    elif kind in ("restate", "restate_title", "restate_izdoti"):
        text = data.get("text") or data.get(kind) or ""
    elif kind == "replace_in":
        text = f"„{data['words']}” → „{data['with']}”"
    elif kind in CHAPTER_KINDS + ANNEX_KINDS:
        text = parts.summary_text(data)
    text = text_in(text, lang)
    text = text if len(text) <= 80 else text[:80].rsplit(" ", 1)[0] + " …"
    return " ".join(x for x in (_t(lang)[kind] if kind else "", f"({target})" if target else "", text) if x)


# ---- the legal-basis check, as you go --------------------------------------------------------------


@dataclass
class BasisResult:
    before: int  # findings of the landscape today
    closed: list[str] = field(default_factory=list)  # closed findings, in words
    remaining: list[str] = field(default_factory=list)
    opened: list[str] = field(default_factory=list)
    flows: int = 0  # data flows the amendment's points authorise
    # what the check cannot model, to review (words replaced without their new meaning,
    # provisions not tied to a point number): the what-if's review notes, in the user's language
    review: list[str] = field(default_factory=list)


def basis_check(answers: dict, lang: str, as_of: dt.date | None = None) -> BasisResult:
    """The what-if of ``pamats gaps graph/lv-nrm --with <answers>``: the bundled landscape checked
    as it is and with the amendment adopted (its new and restated points that carry data
    exchanges, as a draft Cabinet regulation under the amendment's mandate)."""
    from ..drafting.amendment.pipeline import prepare_data
    from ..drafting.amendment.to_landscape import amendment_to_landscape
    from ..landscape.load import load_landscape
    from ..landscape.report import graph_data
    from ..landscape.report.texts import code_title
    from ..landscape.whatif import what_if
    from .gaps import flow_words

    as_of = as_of or dt.date.today()
    prepared = prepare_data(plain(answers), source="interview answers")
    draft = amendment_to_landscape(prepared, instrument_id=INSTRUMENT_ID)
    flows = sum(len(p.get("authorises", [])) for i in draft["instruments"] for p in i.get("provisions", []))
    paths = [graph_dir() / LANDSCAPE]
    extra = [(draft, "interview amendment")]
    wi = what_if(paths, [], as_of, extra_drafts=extra)
    report = wi.to_json()
    graph = graph_data(load_landscape(paths, draft_data=extra, as_of=as_of), report["after"])
    before = {f["key"]: f for f in report["before"]["findings"]}
    after = {f["key"]: f for f in report["after"]["findings"]}

    def words(keys, found):
        return [
            f"{code_title(found[k]['code'], lang)} ({found[k]['code']}): {flow_words(found[k], graph, lang)}"
            for k in keys
            if k in found
        ]

    return BasisResult(
        len(before),
        words(report["closed"], before),
        words(report["remaining"], after),
        words(report["opened"], after),
        flows,
        [n["message"]["en" if lang == "en" else "lv"] for n in report.get("review", [])],
    )


# ---- the answers and the documents --------------------------------------------------------------------


def amendment_answers(
    base: dict,
    *,
    lang: str,
    act: str,
    empowering: list[dict],
    changes: list[dict],
    pm_name: str | None = None,
    pm_feminine: bool | None = None,
    minister_position: str | None = None,
    minister_name: str | None = None,
    minister_feminine: bool = False,
    eu_directives: str | None = None,
) -> dict:
    """The answers file the interview built (``pamats draft amendment`` reads it)."""
    # the precedent's notes to the drafter concern its own points, not the user's: not copied
    out = {"kind": "amendment", "lang": lang, "act": act}
    out["empowering"] = copy.deepcopy(empowering)
    out["changes"] = copy.deepcopy(list(changes))
    if eu_directives is not None:
        old = base.get("eu_directives") or []
        given = lines(eu_directives)
        if [text_in(x, lang) for x in old] == given:
            out["eu_directives"] = copy.deepcopy(old)
        elif given:
            out["eu_directives"] = given
    elif base.get("eu_directives"):
        out["eu_directives"] = copy.deepcopy(base["eu_directives"])
    pm_base = base.get("prime_minister") or {"position": {"lv": "Ministru prezidents", "en": "Prime Minister"}}
    out["prime_minister"] = signatory(
        pm_base, lang, name=pm_name, feminine=bool(pm_base.get("feminine")) if pm_feminine is None else pm_feminine
    )
    out["prime_minister"]["position"] = copy.deepcopy(pm_base["position"])  # the template words it by gender
    out["minister"] = signatory(
        base.get("minister"), lang, position=minister_position, name=minister_name, feminine=minister_feminine
    )
    return out


@dataclass
class AmendmentPrepared:
    """Everything the end screen offers."""

    instrument: Instrument
    context: dict  # templates/<lang>/amendment.docx
    template: str
    yaml: str
    consolidated_docx: bytes
    consolidated_html: str
    lint: list = field(default_factory=list)


def prepare(answers: dict, *, today: dt.datetime | None = None) -> AmendmentPrepared:
    """Validate ``answers`` and build the amending regulation and the consolidated text, the
    same calls ``pamats draft amendment|consolidated`` make. Raises InputError/ErrorList."""
    from ..drafting.amendment.pipeline import prepare_data
    from ..drafting.amendment.render_consolidated import consolidated_docx_bytes, consolidated_html
    from ..drafting.amendment.render_docx import amendment_docx_context
    from ..drafting.amendment.wording import build_amendment
    from ..drafting.lint import lint_instrument

    data = plain(answers)
    p = prepare_data(data, source="interview answers")
    lang = p.input.answers.lang
    instr = build_amendment(p.input.answers, p.act, p.cons, lang)
    return AmendmentPrepared(
        instrument=instr,
        context=amendment_docx_context(instr),
        template=f"{lang}/amendment.docx",
        yaml=answers_yaml(data),
        consolidated_docx=consolidated_docx_bytes(p.act, p.cons.act, lang, date=today),
        consolidated_html=consolidated_html(p.act, p.cons.act, lang),
        lint=lint_instrument(instr),
    )


def fill_ins(prepared: AmendmentPrepared, lang: str) -> list[str]:
    """'<where>: <marker>' for every fill-in marker of the amending regulation, in reading order,
    the place named in ``lang`` (:func:`pamats.drafting.lint.fill_in_markers`)."""
    from ..drafting.lint import fill_in_markers

    where = _t(lang)["where"]
    out = []
    for place, marker in fill_in_markers(prepared.instrument):
        head, _, n = place.partition(" ")
        if head in ("point", "chapter") and n:
            name = where[head].format(n=n.rstrip("."))
        elif head == "paragraph":
            name = where["paragraph"]
        else:
            name = where.get(place, place)
        out.append(f"{name}: {marker}")
    return out


_ROLES = ("service_provider",)  # their words: the catalogue's amendment_screen.role.*


def actor_choices(lang: str, *, roles: bool = False) -> list[dict]:
    """Choices: the landscape's actors (``roles``: then 'role:service_provider', for a text that
    names the providers by the act's defined term rather than one by one)."""
    from .regulation import actor_name, landscape

    out = [{a.id: actor_name(a.id, lang)} for a in landscape().actors.values()]
    if roles:
        out += [{f"role:{r}": msg(f"amendment_screen.role.{r}", "en" if lang == "en" else "lv")} for r in _ROLES]
    return out


# every attribute a change's screens and code set (interviews/amendment.yml)
CHANGE_FIELDS = (
    "kind",
    "after",
    "text",
    "units",
    "has_flows",
    "senders",
    "recipient",
    "categories",
    "purposes",
    "subjects",
    "flows",
    "restated",
    "new_text",
    "new_units",
    "deleted",
    "replaced",
    "words",
    "replacement",
    "every",
    "title_text",
    "izdoti_text",
    "chapter",
    "heading",
    "chapter_points",
    "annex",
    "annex_title",
    "annex_text",
    "data",
    "problems",
    "problem_seen",
    "basis",
    "check_seen",
    "complete",
)


def forget(item: Any) -> None:
    """Forget a change's answers so that its screens are asked again (after a refusal, or to
    edit it from the list); what was answered stays as the screens' defaults (:func:`previous`)."""
    prev = {k: getattr(item, k) for k in CHANGE_FIELDS if hasattr(item, k)}
    for k in prev:
        delattr(item, k)
    item.previous = prev


def previous(item: Any, name: str, default: Any = None) -> Any:
    """What the change's field ``name`` held before :func:`forget` (checkboxes: the ticked keys)."""
    value = (getattr(item, "previous", None) or {}).get(name, default)
    if hasattr(value, "true_values"):
        return list(value.true_values())
    return value


def edit_link(url: str, lang: str) -> str:
    """The 'Labot' / 'Edit' button of a row of the list of changes (``url``: url_action(...))."""
    import html as _html

    label = _t(lang)["edit"]
    return f'<a href="{_html.escape(url, quote=True)}" class="btn btn-sm btn-secondary">{label}</a>'


def earlier(items: Any, i: int) -> list[dict]:
    """The changes before the i-th (each item's ``data``)."""
    return [items[j].data for j in range(i)]


def current_text(act_id: str, changes: Iterable[dict], what: str) -> str:
    """The act's title (``what='title'``) or Izdoti line (``'izdoti'``) after ``changes``."""
    act = consolidated(act_id, changes)
    return (act.title if what == "title" else act.izdoti) or ""


def listing_markdown(act_id: str, changes: Iterable[dict], lang: str) -> str:
    """:func:`act_listing` for a screen: structure in Markdown, every text of the act as data."""
    from .screen import screen_text

    out = []
    for u in act_listing(act_id, changes, lang):
        indent = "&nbsp;" * 6 * u["depth"]
        status = f" *({screen_text(u['status'])})*" if u["status"] else ""
        out.append(f"{indent}**{screen_text(u['n'])}** {screen_text(u['text'])}{status}")
    return "\n\n".join(out)
