"""This file defines what the agreement interview (interviews/agreement.yml) asks the core.

The interview starts from the MARTA–VRS precedent (an answers dict in the ``pamats draft``
format) and writes each reply into it. The functions here hold every decision; the YAML only
shows screens:

- defaults for a screen, in the chosen language: :func:`party_defaults`,
  :func:`exchange_defaults`, :func:`contact_defaults`, :func:`norm_defaults`;
- choices: :func:`vocabulary` (categories / purposes / subjects of the landscape,
  ``src/pamats/landscape/jurisdictions/lv.yaml``), :func:`party_choices`, :func:`norm_choices`
  (provisions of the bundled landscape that authorise data flows, and of its drafts);
- writing replies back: :func:`edit_text`, :func:`apply_party`, :func:`apply_exchanges`,
  :func:`apply_norms` (legal_basis_norms and the agreement's own empowering provisions),
  :func:`apply_contacts`, :func:`apply_terms`, :func:`apply_notes`;
- the core's refusal of a form: :func:`form_problem` (e.g. a VPIL s.61 cooperation agreement
  with an NGO) as a message in the chosen language.

No docassemble import: tests/interview_core/ runs these without it.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from ..drafting.answers import parse_answers, pick
from ..errors import ErrorList, InputError
from ..text.messages import msg
from .common import answers_yaml, error_lines, precedent, prepare
from .docx_fields import AttrDict, docx_fields, template_context  # noqa: F401  (re-exported for the interview)

__all__ = [
    "norm_labels",
    "contact_summary",
    "edit_text",
    "party_defaults",
    "apply_party",
    "form_problem",
    "vocabulary",
    "party_choices",
    "exchange_defaults",
    "apply_exchanges",
    "norm_choices",
    "norm_defaults",
    "apply_norms",
    "agreement_empowerment",
    "contact_defaults",
    "apply_contacts",
    "apply_terms",
    "apply_notes",
    "NONE_YET",
    "checked",
    "assemble",
    "pick_plain",
    "party_values",
    "exchange_values",
    "contact_values",
    "prepare_checked",
    "template_context",
    "docx_fields",
    "duty_defaults",
    "apply_duties",
    "checked_lines",
    "AttrDict",
    "precedent",
    "prepare",
    "answers_yaml",
]

NONE_YET = "none"


def checked(value: Any) -> list[str]:
    """The keys ticked in a checkboxes answer (a dict-like of bools, or a list of keys)."""
    if value is None:
        return []
    if hasattr(value, "items"):
        return [str(k) for k, v in value.items() if v]
    return [str(v) for v in value]


def edit_text(old: Any, new: Any, lang: str) -> Any:
    """The value to store for a text the user saw as ``pick(old, lang)`` and answered ``new``.

    Unchanged: the original (both languages kept). Changed: the new text, as a plain string
    (it then serves both languages; the other language's old wording would no longer match).
    Empty: None.
    """
    if new is None:
        return None
    new = str(new).strip()
    if not new:
        return None
    if isinstance(old, dict) or isinstance(old, str):
        if new == (pick_plain(old, lang) or ""):
            return old
    return new


def pick_plain(value: Any, lang: str) -> str | None:
    """:func:`pick` on plain data ({lv, en} dict or string)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dict):
        return value.get("en") if lang == "en" and value.get("en") else value.get("lv")
    return pick(value, lang)


# ---- parties --------------------------------------------------------------------------

PARTY_TEXTS = ("name", "short", "position", "authority")


def party_defaults(answers: dict, index: int, lang: str) -> dict:
    p = answers["parties"][index]
    out = {k: pick_plain(p.get(k), lang) or "" for k in PARTY_TEXTS}
    out["public_authority"] = bool(p.get("public_authority"))
    out["representative"] = p.get("representative") or ""
    out["key"] = p["key"]
    return out


def apply_party(answers: dict, index: int, values: dict, lang: str) -> None:
    """Write the party screen's answers into ``answers['parties'][index]`` (key unchanged)."""
    p = answers["parties"][index]
    for k in PARTY_TEXTS:
        if k in values:
            v = edit_text(p.get(k), values[k], lang)
            if v is None and k == "name":
                continue  # a party keeps a name
            if v is None:
                p.pop(k, None)
            else:
                p[k] = v
    if "public_authority" in values:
        p["public_authority"] = bool(values["public_authority"])
    if "representative" in values:
        rep = (values["representative"] or "").strip()
        if rep:
            p["representative"] = rep
        else:
            p.pop("representative", None)


def party_choices(answers: dict, lang: str) -> list[dict]:
    return [{p["key"]: pick_plain(p.get("name"), lang)} for p in answers["parties"]]


# ---- form -------------------------------------------------------------------------------

_FORM_LV = {
    "cooperation_public": (
        "Sadarbības līgumu pēc Valsts pārvaldes iekārtas likuma 61. panta drīkst slēgt tikai "
        "publiskas personas un to iestādes; {who} nav publiska persona. Izvēlieties līdzdalības "
        "līgumu vai sadarbības memorandu."
    ),
    "delegation": (
        "Deleģēšanas līgums iespējams tikai tad, ja ārēja norma paredz deleģēšanu (VPIL 40. pants); "
        "šī intervija tādu normu neprasa. Izvēlieties citu formu."
    ),
}


def form_problem(answers: dict, form: str, lang: str) -> str:
    """'' when the core accepts ``form`` for these parties, else its refusal in ``lang``.

    The core (AgreementAnswers) is the judge; the Latvian text restates its reason.
    """
    data = copy.deepcopy(answers)
    data["form"] = form
    try:
        parse_answers(data, source="interview answers")
    except (InputError, ErrorList) as e:
        errs = e.errors if isinstance(e, ErrorList) else [e]
        msgs = [x.message for x in errs if x.message.startswith("form")]
        if not msgs:
            return ""
        core = msgs[0][len("form: ") :] if msgs[0].startswith("form: form") else msgs[0]
        if lang == "en":
            return core
        who = ", ".join(pick_plain(p.get("name"), "lv") for p in answers["parties"] if not p.get("public_authority"))
        lv = _FORM_LV.get(form, "Šī līguma forma neder šīm pusēm.").format(who=who)
        return f"{lv} ({core})"
    return ""


# ---- vocabulary and exchanges --------------------------------------------------------------


@lru_cache(maxsize=1)
def _jurisdiction():
    from ..landscape.jurisdiction import load_jurisdiction

    return load_jurisdiction("lv")


def vocabulary(kind: str, lang: str) -> list[dict]:
    """[{id: label}] for ``kind`` in categories / purposes / subjects, labels in ``lang``.

    The two roots that only group others ('personal', 'special') are left out of categories."""
    terms = getattr(_jurisdiction(), kind)
    skip = {"personal", "special"} if kind == "categories" else set()
    return [{t.id: t.label.get(lang)} for t in terms if t.id not in skip]


def exchange_defaults(answers: dict, index: int, lang: str) -> dict:
    """Defaults for the index-th exchange screen (the precedent's, or an empty one)."""
    xs = answers.get("exchanges") or []
    keys = [p["key"] for p in answers["parties"]]
    if index < len(xs):
        x = xs[index]
        return {
            "sender": x["sender"],
            "recipient": x["recipient"],
            "categories": list(x["categories"]),
            "purposes": list(x["purposes"]),
            "subjects": list(x["subjects"]),
            "channel": pick_plain(x.get("channel"), lang) or "",
            "time_limit": pick_plain(x.get("time_limit"), lang) or "",
        }
    return {
        "sender": keys[0],
        "recipient": keys[1] if len(keys) > 1 else keys[0],
        "categories": [],
        "purposes": [],
        "subjects": [],
        "channel": "",
        "time_limit": "",
    }


def apply_exchanges(answers: dict, items: Iterable[dict], lang: str) -> None:
    """Replace the exchanges by ``items`` ({sender, recipient, categories, purposes, subjects,
    channel, time_limit}; checkbox answers accepted); texts the user left unchanged keep both languages."""
    old = answers.get("exchanges") or []
    out = []
    for i, it in enumerate(items):
        prev = old[i] if i < len(old) else {}
        x = {
            "sender": it["sender"],
            "recipient": it["recipient"],
            "categories": checked(it["categories"]),
            "purposes": checked(it["purposes"]),
            "subjects": checked(it["subjects"]),
        }
        if prev.get("regime"):
            x["regime"] = prev["regime"]
        for k in ("channel", "time_limit"):
            v = edit_text(prev.get(k), it.get(k), lang)
            if v is not None:
                x[k] = v
        out.append(x)
    answers["exchanges"] = out


# ---- norms ------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _norm_catalogue() -> tuple[dict, ...]:
    """Provisions that authorise a data flow: the bundled landscape's, then its drafts'."""
    from ..landscape.load import load_landscape
    from .basis import draft_files, landscape_paths

    base_dir, _ = landscape_paths()
    base = load_landscape([base_dir])
    out = []

    def add(ins, draft: bool):
        for prov in ins.provisions:
            if not prov.authorises:
                continue
            out.append(
                {
                    "key": f"{ins.id}/{prov.id}",
                    "instrument": ins.id,
                    "provision": prov.id,
                    "draft": draft,
                    "in_force": (not draft) and ins.status.value == "in_force",
                    "title": {"lv": ins.title.lv, "en": ins.title.en or ins.title.lv},
                    "short": ins.short or ins.id,
                    "ref": {"lv": prov.ref, "en": prov.ref_en or prov.ref},
                }
            )

    for ins in sorted(base.instruments.values(), key=lambda i: (-base.ranks[i.kind].level, i.id)):
        add(ins, False)
    from ..landscape.model import LandscapeFile
    from ..yamlio import load_yaml

    seen = set()
    for f in sorted(set(draft_files().values())):
        data, _ = load_yaml(f)
        for ins in LandscapeFile.model_validate(data).instruments:
            if ins.kind == "agreement" or ins.id in seen:
                continue  # a drafted agreement is not a norm this agreement can rely on
            seen.add(ins.id)
            add(ins, True)
    return tuple(out)


def norm_labels(keys: Iterable[str], lang: str) -> list[str]:
    """The labels the norms screen shows for ``keys`` (a key it does not know as is)."""
    labels = {k: v for choice in norm_choices(lang) for k, v in choice.items()}
    return [labels.get(k, k) for k in keys]


def norm_choices(lang: str) -> list[dict]:
    """[{key: label}] for the norms screen; drafts are marked as such."""
    out = []
    for n in _norm_catalogue():
        mark = " " + msg("agreement_screen.draft_mark", lang) if n["draft"] else ""
        out.append({n["key"]: f"{n['short']} – {n['ref'][lang]}{mark}"})
    return out


def norm_defaults(answers: dict) -> list[str]:
    """Keys of the catalogue that match the precedent's norms (same provision, else same instrument)."""
    cat = _norm_catalogue()
    keys = []
    for n in answers.get("legal_basis_norms") or []:
        inst, prov = n.get("instrument"), n.get("provision")
        exact = [c["key"] for c in cat if c["instrument"] == inst and c["provision"] == prov]
        same = [c["key"] for c in cat if c["instrument"] == inst]
        for k in exact or same[:1]:
            if k not in keys:
                keys.append(k)
    return keys


def agreement_empowerment(form: str, norm_keys: Iterable[str]) -> list[dict]:
    """The provisions under which the agreement itself is concluded (landscape_basis).

    The form's own section where the landscape holds one (VPIL s.61 for a cooperation agreement
    between public persons, s.50 for a participation agreement), and every provision of a relied-on
    instrument that empowers agreements (e.g. the NRM regulation's point on implementing acts).
    A memorandum confers no powers and has no empowering section of its own; delegation rests on
    the external norm the drafter cites.
    """
    out = []
    own = {"cooperation_public": ("vpil", "s61"), "participation": ("vpil", "s50")}.get(form)
    if own:
        out.append({"instrument": own[0], "provision": own[1]})
    instruments = []
    for k in norm_keys:
        inst = k.split("/", 1)[0]
        if inst not in instruments:
            instruments.append(inst)
    if instruments:
        for ins_id, prov_id in _empowering_agreements():
            if ins_id in instruments:
                ref = {"instrument": ins_id, "provision": prov_id}
                if ref not in out:
                    out.append(ref)
    return out


@lru_cache(maxsize=1)
def _empowering_agreements() -> tuple[tuple[str, str], ...]:
    from ..landscape.load import load_landscape
    from ..landscape.model import LandscapeFile
    from ..yamlio import load_yaml
    from .basis import draft_files, landscape_paths

    out = []
    for ins in load_landscape([landscape_paths()[0]]).instruments.values():
        out += [(ins.id, p.id) for p in ins.provisions if "agreement" in p.empowers]
    for f in sorted(set(draft_files().values())):
        data, _ = load_yaml(f)
        for ins in LandscapeFile.model_validate(data).instruments:
            out += [(ins.id, p.id) for p in ins.provisions if "agreement" in p.empowers]
    return tuple(out)


def apply_norms(answers: dict, keys: Iterable[str], form: str | None = None) -> None:
    """Set legal_basis_norms (citation in both languages, in_force) and landscape_basis from the
    chosen catalogue keys. No keys ("none yet"): both empty; the draft then prints the core's
    warning instead of the data-exchange clause."""
    keys = [k for k in keys if k != NONE_YET]
    cat = {c["key"]: c for c in _norm_catalogue()}
    old = {n.get("instrument"): n for n in answers.get("legal_basis_norms") or [] if isinstance(n, dict)}
    norms = []
    for k in keys:
        c = cat.get(k)
        if c is None:
            continue
        prev = old.get(c["instrument"])
        if prev is not None and prev.get("text"):
            text = prev["text"]  # the precedent's citation of the same act (e.g. the draft regulation's full title)
        else:
            text = {"lv": f"{c['title']['lv']}, {c['ref']['lv']}", "en": f"{c['title']['en']}, {c['ref']['en']}"}
        norms.append(
            {"text": text, "instrument": c["instrument"], "provision": c["provision"], "in_force": c["in_force"]}
        )
    answers["legal_basis_norms"] = norms
    answers["landscape_basis"] = agreement_empowerment(form or answers.get("form", "memorandum"), keys)


# ---- contact points, terms, notes --------------------------------------------------------------


def contact_defaults(answers: dict, index: int, lang: str) -> dict:
    """Defaults for the contact point of the index-th party."""
    key = answers["parties"][index]["key"]
    for cp in answers.get("contact_points") or []:
        if cp.get("party") == key:
            return {
                "unit": pick_plain(cp.get("unit"), lang) or "",
                "phone": cp.get("phone") or "",
                "email": cp.get("email") or "",
                "hours": pick_plain(cp.get("hours"), lang) or "",
            }
    return {"unit": "", "phone": "", "email": "", "hours": ""}


def apply_contacts(answers: dict, items: list[dict], lang: str) -> None:
    """One contact point per party (items in party order); a party with no unit gets none."""
    old = {cp.get("party"): cp for cp in answers.get("contact_points") or []}
    out = []
    for p, it in zip(answers["parties"], items):
        prev = old.get(p["key"], {})
        unit = edit_text(prev.get("unit"), it.get("unit"), lang)
        if unit is None:
            continue
        cp: dict[str, Any] = {"party": p["key"], "unit": unit}
        for k in ("phone", "email"):
            v = (it.get(k) or "").strip()
            if v:
                cp[k] = v
        hours = edit_text(prev.get("hours"), it.get("hours"), lang)
        if hours is not None:
            cp["hours"] = hours
        out.append(cp)
    answers["contact_points"] = out


def apply_terms(
    answers: dict,
    *,
    lang: str,
    subject: str | None = None,
    controllers: str | None = None,
    term: str | None = None,
    notice_months: int | None = None,
    place: str | None = None,
    e_signature: bool | None = None,
    retention: str | None = None,
) -> None:
    """Write the remaining answers; the document's language is the interview's."""
    answers["lang"] = lang
    for key, text in (("subject", subject), ("term", term)):  # required texts: a blank keeps the old one
        v = edit_text(answers.get(key), text, lang) if text is not None else None
        if v is not None:
            answers[key] = v
    if controllers is not None:
        answers["controllers"] = controllers
    if retention is not None:
        v = edit_text(answers.get("retention"), retention, lang)
        if v is None:
            answers.pop("retention", None)
        else:
            answers["retention"] = v
    if notice_months is not None:
        answers["notice_months"] = int(notice_months)
    if place is not None:
        place = place.strip()
        if place:
            answers["place"] = place
        else:
            answers.pop("place", None)
    if e_signature is not None:
        answers["e_signature"] = bool(e_signature)


def apply_notes(answers: dict, notes: list[dict]) -> None:
    """Visible notes for the drafter (e.g. the legal-basis warning the user chose to keep)."""
    if notes:
        answers["notes_to_drafter"] = list(answers.get("notes_to_drafter") or []) + list(notes)


def assemble(
    base: dict,
    lang: str,
    *,
    parties: list[dict] | None = None,
    form: str | None = None,
    subject: str | None = None,
    exchanges: list[dict] | None = None,
    norm_keys: Iterable[str] | None = None,
    controllers: str | None = None,
    contacts: list[dict] | None = None,
    term: str | None = None,
    notice_months: int | None = None,
    place: str | None = None,
    e_signature: bool | None = None,
    notes: list[dict] | None = None,
    duties: list[Any] | None = None,
) -> dict:
    """A fresh answers dict: ``base`` (the precedent) with every reply given so far written in.

    Replies not given yet (None) keep the precedent's value, so the same call serves the
    legal-basis check half-way through and the final document."""
    a = copy.deepcopy(base)
    a["lang"] = lang
    for i, values in enumerate(parties or []):
        apply_party(a, i, values, lang)
    if form is not None:
        a["form"] = form
    if duties is not None:
        apply_duties(a, duties, lang)
    if exchanges is not None:
        apply_exchanges(a, exchanges, lang)
    if norm_keys is not None:
        apply_norms(a, list(norm_keys), a.get("form"))
    if contacts is not None:
        apply_contacts(a, contacts, lang)
    apply_terms(
        a,
        lang=lang,
        subject=subject,
        controllers=controllers,
        term=term,
        notice_months=notice_months,
        place=place,
        e_signature=e_signature,
    )
    apply_notes(a, notes or [])
    return a


# ---- values from the screens (plain attribute reads; the objects are docassemble's) --------------


def _get(obj: Any, name: str, default: Any = None) -> Any:
    try:
        return getattr(obj, name)
    except AttributeError:
        return default


def party_values(objs: Iterable[Any]) -> list[dict]:
    """The party screens' answers (objects with name, short, public_authority, representative, position, authority)."""
    out = []
    for o in objs:
        out.append(
            {
                k: _get(o, k)
                for k in ("name", "short", "public_authority", "representative", "position", "authority")
                if _get(o, k) is not None or k == "representative"
            }
        )
    return out


def exchange_values(objs: Iterable[Any]) -> list[dict]:
    return [
        {k: _get(o, k) for k in ("sender", "recipient", "categories", "purposes", "subjects", "channel", "time_limit")}
        for o in objs
    ]


def contact_summary(obj: Any) -> str:
    """A contact point as the agreement's contact clause lists it after the party's name:
    '<unit> (<hours>, <phone>, <e-mail>)' (blank when no unit is given), for the review."""
    unit = str(_get(obj, "unit") or "").strip()
    if not unit:
        return ""
    extra = ", ".join(str(_get(obj, k)).strip() for k in ("hours", "phone", "email") if str(_get(obj, k) or "").strip())
    return f"{unit} ({extra})" if extra else unit


def contact_values(objs: Iterable[Any]) -> list[dict]:
    return [{k: _get(o, k) for k in ("unit", "phone", "email", "hours")} for o in objs]


def prepare_checked(answers: dict):
    """(Prepared, []) or (None, plain error lines) — the end screen never shows a traceback."""
    try:
        return prepare(answers), []
    except (InputError, ErrorList) as e:
        return None, error_lines(e)


# ---- duties -------------------------------------------------------------------------------------


def duty_defaults(answers: dict, index: int, lang: str) -> str:
    """The index-th party's duties as lines of text (one duty a line), in ``lang``."""
    key = answers["parties"][index]["key"]
    return "\n".join(pick_plain(t, lang) or "" for t in (answers.get("duties") or {}).get(key, []))


def apply_duties(answers: dict, texts: list[Any], lang: str) -> None:
    """One text per party (party order), one duty a line; lines left as they were keep both
    languages; a blank text removes the party's duties."""
    old = answers.get("duties") or {}
    out: dict[str, list] = {}
    for p, text in zip(answers["parties"], texts):
        if text is None:
            if p["key"] in old:
                out[p["key"]] = old[p["key"]]
            continue
        prev = {pick_plain(t, lang): t for t in old.get(p["key"], [])}
        lines = [ln.strip().lstrip("-•").strip() for ln in str(text).splitlines()]
        lines = [ln for ln in lines if ln]
        if lines:
            out[p["key"]] = [prev.get(ln, ln) for ln in lines]
    answers["duties"] = out


def checked_lines(text: Any) -> list[str]:
    """The non-blank lines of a text answer (e.g. the duties a party undertakes)."""
    return [ln.strip() for ln in str(text or "").splitlines() if ln.strip()]
