"""This file defines what the Cabinet regulation interview (interviews/regulation.yml) calls.

The interview starts from the bundled precedent ``nrm-regulation`` and asks for the parts
that matter; everything that decides something (which landscape actors fit a role, which
law provisions can empower a Cabinet regulation, how an entered provision is cited, the
feminine form of a position) is here, with no docassemble import:

- :func:`landscape` — the bundled landscape ``graph/lv-nrm`` (institutions, instruments);
- :func:`role_choices` / :func:`institutions` — checkbox choices of actors by role, names in
  the chosen language, and the answers' ``Institution`` records for the keys picked;
- :func:`empowering_choices` / :func:`empowering_from_landscape` / :func:`empowering_entered`
  — the empowering provision; an unknown section number stays the blank ``__`` with a
  visible ``[JĀPRECIZĒ: …]`` note (never invented);
- :func:`basis_line` — the "Izdoti saskaņā ar …" line as the draft will print it;
- :func:`regulation_answers` — the whole answers dict (``pamats draft`` format);
- :func:`docx_fields` — the DOCX template context in the shape docassemble's attachment needs.

The order interview reuses the shared helpers (:mod:`pamats.interview.order`).
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from ..drafting.answers import EmpoweringProvision
from ..drafting.clauses import Clauses
from ..resources import graph_dir
from ..text.latvian import feminine_position, issued_under_en, izdoti_line
from ..text.messages import LANGS, msg
from .docx_fields import AttrDict, docx_fields  # noqa: F401  (re-exported for the interviews)

__all__ = [
    "LANDSCAPE",
    "landscape",
    "actor_name",
    "role_choices",
    "institution",
    "institutions",
    "empowering_choices",
    "empowering_from_landscape",
    "empowering_entered",
    "law_genitive_guess",
    "basis_line",
    "text_in",
    "set_text",
    "lines",
    "feminine_position",
    "signatory",
    "signatory_line",
    "iso_date",
    "picked_keys",
    "regulation_answers",
    "docx_fields",
    "AttrDict",
    "OTHER",
    "section_unknown",
]

LANDSCAPE = "lv-nrm"
OTHER = "other"
BLANK_SECTION = "__"


@lru_cache(maxsize=1)
def landscape():
    """The bundled landscape (validated once per process)."""
    from ..landscape.load import load_landscape

    return load_landscape([graph_dir() / LANDSCAPE])


def actor_name(key: str, lang: str) -> str:
    """The actor's name in ``lang`` (its key when the landscape does not know it)."""
    a = landscape().actors.get(key)
    return a.name.get(lang) if a else key


def text_in(value: Any, lang: str) -> str:
    """A text of the answers (plain or ``{lv, en}``) in ``lang``, Latvian as fallback."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return (value.get(lang) if lang == "en" and value.get("en") else value.get("lv")) or ""
    return str(value)


def set_text(old: Any, new: str | None, lang: str) -> Any:
    """Keep ``old`` (maybe bilingual) when the user left its ``lang`` text unchanged; else ``new``."""
    new = (new or "").strip()
    if text_in(old, lang).strip() == new:
        return old
    return new


def lines(text: str | None) -> list[str]:
    """Non-empty lines of a multi-line answer, stripped (one item per line)."""
    return [x.strip() for x in (text or "").splitlines() if x.strip()]


def picked_keys(selected: Any) -> list[str]:
    """Keys picked in a checkboxes answer: a list, or a mapping key -> bool (DADict)."""
    if selected is None:
        return []
    if hasattr(selected, "true_values"):
        return [str(k) for k in selected.true_values()]
    if isinstance(selected, dict):
        return [str(k) for k, v in selected.items() if v]
    if isinstance(selected, str):
        return [selected]
    return [str(k) for k in selected]


def role_choices(role: str, lang: str, selected: Iterable[str] = (), *, extra: Iterable[str] = ()) -> list[dict]:
    """Checkbox/radio choices: every landscape actor with ``role`` (plus ``extra`` keys).

    Each is ``{"value": key, "label": name in lang, "default": key in selected}``; docassemble
    accepts such dicts as ``choices``.
    """
    sel = set(selected)
    keys = [a.id for a in landscape().actors.values() if role in set(a.roles)]
    keys += [k for k in extra if k not in keys]
    return [{"value": k, "label": actor_name(k, lang), "default": k in sel} for k in keys]


def institution(key: str, known: Iterable[dict] = ()) -> dict:
    """The answers' ``Institution`` record for actor ``key``: the precedent's wording when it has
    one (e.g. 'biedrība "Centrs MARTA"'), else the landscape's names."""
    for inst in known:
        if inst and inst.get("key") == key:
            return copy.deepcopy(inst)
    a = landscape().actors.get(key)
    if a is None:
        raise ValueError(f"unknown institution {key!r}: not an actor of the landscape {LANDSCAPE}")
    return {"key": key, "name": {"lv": a.name.lv, "en": a.name.en or a.name.lv}}


def institutions(selected: Any, known: Iterable[dict] = ()) -> list[dict]:
    """``Institution`` records for the keys of a checkboxes answer, in landscape order."""
    keys = picked_keys(selected)
    order = {k: i for i, k in enumerate(landscape().actors)}
    known = list(known)
    return [institution(k, known) for k in sorted(keys, key=lambda k: order.get(k, len(order)))]


# ---- empowering provision ------------------------------------------------------------------

_SECTION_EN = re.compile(r"^Section\s+([^\s(]+)(?:\((\d+)\))?(?:\((\d+)\))?$")


def _empowering_provisions(kind: str):
    ls = landscape()
    for ins in ls.instruments.values():
        if ins.kind != "law" or ins.status.value != "in_force":
            continue
        for prov in ins.provisions:
            if kind in prov.empowers:
                yield ins, prov


def empowering_choices(kind: str, lang: str) -> list[dict]:
    """Radio choices: the landscape's law provisions (in force) that empower ``kind``
    (``cabinet_regulation``, ``ministry_order``), then 'another provision'."""
    out = []
    for ins, prov in _empowering_provisions(kind):
        law = ins.title.get(lang)
        if lang == "en":
            label = f"{prov.ref_en or prov.ref} of the {law}"
        else:
            label = f"{law_genitive_guess(ins.title.lv)} {prov.ref}"
        if prov.summary:
            label += f" — {prov.summary.get(lang)}"
        out.append({"value": f"{ins.id}/{prov.id}", "label": label})
    out.append({"value": OTHER, "label": msg("regulation_screen.other_provision", "en" if lang == "en" else "lv")})
    return out


def law_genitive_guess(nominative: str) -> str:
    """The genitive of a Latvian law title: '… likums' -> '… likuma'; 'Par …' -> 'likuma "Par …"'."""
    t = (nominative or "").strip()
    if not t:
        return t
    if t.startswith("Par ") or t.startswith('"Par ') or t.startswith('likums "Par'):
        inner = t.strip('"')
        return f'likuma "{inner}"'
    if t.endswith("s"):
        return t[:-1] + "a"
    return t


def empowering_from_landscape(value: str, known: Iterable[dict] = ()) -> dict:
    """The ``EmpoweringProvision`` for a landscape choice ``'<instrument>/<provision>'``.

    The precedent's record is kept when it cites the same provision (it carries the source);
    otherwise section, part and clause come from the provision's English reference
    ('Section 13(1)(7)'), the law titles from the instrument."""
    ins_id, _, prov_id = value.partition("/")
    for p in known:
        if p and p.get("instrument") == ins_id and p.get("provision") == prov_id:
            return copy.deepcopy(p)
    ls = landscape()
    ins = ls.instruments.get(ins_id)
    prov = next((p for p in ins.provisions if p.id == prov_id), None) if ins else None
    if prov is None:
        raise ValueError(f"{value!r} is not a provision of the landscape {LANDSCAPE}")
    m = _SECTION_EN.match(prov.ref_en or "")
    if not m:
        raise ValueError(f"{value}: cannot read section/part/clause from {prov.ref_en!r}")
    section, part, clause = m.group(1), m.group(2), m.group(3)
    if clause is None and part is not None and "daļa" not in prov.ref:
        part, clause = None, part  # 'Section 5(3)' written '5. panta 3. punkts'
    out = {
        "law": {"lv": ins.title.lv, "en": ins.title.en or ins.title.lv},
        "law_genitive": law_genitive_guess(ins.title.lv),
        "law_en": ins.title.en,
        "section": section,
        "part": int(part) if part else None,
        "clause": clause,
        "instrument": ins.id,
        "provision": prov.id,
        "source": prov.source or ins.source,
        "verified": bool(prov.verified) and bool(ins.verified),
    }
    return {k: v for k, v in out.items() if v is not None}


def empowering_entered(
    law: str,
    law_genitive: str | None = None,
    law_en: str | None = None,
    section: str | None = None,
    part: int | None = None,
    clause: str | None = None,
) -> dict:
    """An ``EmpoweringProvision`` the user typed. It is never marked verified (the draft prints a
    visible note). A blank section stays the blank ``__``: no number is ever invented."""
    law = (law or "").strip()
    if not law:
        raise ValueError("the law's title is needed")
    section = (section or "").strip().rstrip(".") or BLANK_SECTION
    out = {
        "law": law,
        "law_genitive": (law_genitive or "").strip() or law_genitive_guess(law),
        "law_en": (law_en or "").strip() or None,
        "section": section,
        "part": int(part) if part not in (None, "", 0) else None,
        "clause": (str(clause).strip().rstrip(".") or None) if clause not in (None, "") else None,
        "verified": False,
    }
    return {k: v for k, v in out.items() if v is not None}


def section_unknown(empowering: Iterable[dict]) -> bool:
    return any(p.get("section") == BLANK_SECTION for p in empowering)


def basis_line(empowering: list[dict], lang: str, verb: str = "Izdoti") -> str:
    """The line the draft prints under the title ('Izdoti saskaņā ar …' / 'Issued under …')."""
    provs = [EmpoweringProvision.model_validate(p) for p in empowering]
    return issued_under_en(provs) if lang == "en" else izdoti_line(provs, verb)


# ---- signatories ----------------------------------------------------------------------------


def signatory(
    base: dict | None, lang: str, *, position: str | None = None, name: str | None = None, feminine: bool = False
) -> dict:
    """A ``Signatory`` from the precedent's ``base``: position in ``lang`` (feminine when asked),
    optional name (blank keeps the core's fill-in marker)."""
    base = copy.deepcopy(base or {"position": ""})
    pos = base.get("position")
    if position is not None:
        pos = set_text(pos, position, lang)
    if feminine:
        if isinstance(pos, dict):
            pos = {k: feminine_position(v, k) if v else v for k, v in pos.items()}
        else:
            pos = feminine_position(pos, lang)
    base["position"] = pos
    name = (name or "").strip()
    if name:
        base["name"] = name
    else:
        base.pop("name", None)
    base["feminine"] = bool(feminine)
    return base


def signatory_line(
    role: str,
    base: dict,
    lang: str,
    name: str | None,
    feminine: bool,
    position: str | None = None,
    kind: str = "regulation",
) -> str:
    """'<position> – <name>' of signatory ``role`` ('prime_minister' / 'minister' of the precedent
    ``base``) as the document's signature table writes it: the Latvian Prime Minister's
    position from the clause catalogue, a blank name as the document's fill-in marker."""
    c = Clauses(lang, kind)
    sig = signatory(base.get(role), lang, position=position, name=name, feminine=feminine)
    if role == "prime_minister" and lang == "lv":
        pos = c("pm", feminine=feminine)
    else:
        pos = text_in(sig.get("position"), lang)
    return f"{pos} – {sig.get('name') or c('name_blank')}"


# ---- the whole answers dict ------------------------------------------------------------------


def iso_date(value: Any) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    return str(value)[:10]


def regulation_answers(
    base: dict,
    *,
    lang: str,
    title: str | None = None,
    scope: str | None = None,
    empowering: list[dict] | None = None,
    first_contact: Any = None,
    service_providers: Any = None,
    police: str | None = None,
    coordinator: str | None = None,
    training_by: str | None = None,
    channel: str | None = None,
    time_limit: str | None = None,
    data_items: str | list[str] | None = None,
    entry_into_force: Any = None,
    repeals: str | None = None,
    prime_minister_name: str | None = None,
    prime_minister_feminine: bool = False,
    minister_position: str | None = None,
    minister_name: str | None = None,
    minister_feminine: bool = False,
) -> dict:
    """The answers (``pamats draft regulation`` format) from the precedent ``base`` and the replies.

    ``None`` keeps the precedent's value, except ``training_by`` (None = no training point),
    ``entry_into_force`` (None = the default: the general procedure, no final point) and
    ``repeals`` (None/blank = nothing repealed)."""
    a = copy.deepcopy(base)
    a["kind"] = "regulation"
    a["lang"] = lang
    if title is not None:
        a["title"] = set_text(a.get("title"), title, lang)
    if scope is not None:
        a["scope"] = set_text(a.get("scope"), scope, lang)
    if empowering is not None:
        same = [(p.get("instrument"), p.get("provision")) for p in empowering] == [
            (p.get("instrument"), p.get("provision")) for p in base.get("empowering", [])
        ]
        a["empowering"] = copy.deepcopy(empowering)
        # the precedent's drafter notes are about its own mandate: keep them only with it
        notes = list(base.get("notes_to_drafter", [])) if same else []
        if section_unknown(empowering):
            notes.append({lang: msg("regulation_screen.unknown_section", lang) for lang in LANGS})
        a["notes_to_drafter"] = notes
    if first_contact is not None:
        a["first_contact"] = institutions(first_contact, base.get("first_contact", []))
    if service_providers is not None:
        a["service_providers"] = institutions(service_providers, base.get("service_providers", []))
    if police is not None:
        a["police"] = institution(police, [base.get("police")])
    if coordinator is not None:
        a["coordinator"] = institution(coordinator, [base.get("coordinator")])
    if training_by:
        a["training_by"] = institution(training_by, [base.get("training_by")])
    else:
        a.pop("training_by", None)
    if channel is not None:
        a["channel"] = set_text(a.get("channel"), channel, lang)
    if time_limit is not None:
        a["time_limit"] = set_text(a.get("time_limit"), time_limit, lang)
    if data_items is not None:
        new = lines(data_items) if isinstance(data_items, str) else [x.strip() for x in data_items if x.strip()]
        old = {text_in(x, lang).strip(): x for x in base.get("data_items", [])}
        a["data_items"] = [copy.deepcopy(old.get(t, t)) for t in new]  # an unchanged item keeps both languages
    eif = iso_date(entry_into_force)
    if eif:
        a["entry_into_force"] = eif
    else:
        a.pop("entry_into_force", None)
    if repeals and repeals.strip():
        a["repeals"] = set_text(base.get("repeals"), repeals, lang)
    else:
        a.pop("repeals", None)
    a["prime_minister"] = signatory(
        base.get("prime_minister"), lang, name=prime_minister_name, feminine=prime_minister_feminine
    )
    # the core writes the Prime Minister's feminine form itself; keep the position as given
    a["prime_minister"]["position"] = copy.deepcopy((base.get("prime_minister") or {}).get("position")) or {
        lang: msg("regulation_screen.prime_minister", lang) for lang in LANGS
    }
    a["minister"] = signatory(
        base.get("minister"), lang, position=minister_position, name=minister_name, feminine=minister_feminine
    )
    return a


# ---- end screen ------------------------------------------------------------------------------

# docx_fields, AttrDict: shared with the other interviews (docx_fields.py)
