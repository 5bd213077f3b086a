"""This file defines what the ministry order interview (interviews/order.yml) calls.

An order (rīkojums) is an internal normative act: it binds only the institutions subordinate
to the ministry that issues it (State Administration Structure Law, Section 72(4)), never an
NGO such as Centre MARTA. Here, with no docassemble import:

- :func:`issuer_choices` — the ministries of the landscape;
- :func:`is_subordinate` / :func:`addressee_choices` / :func:`addressee_problems` — who the
  order may address, following the landscape's ``subordinate_to`` chain (the same rule the gap
  checker applies), and a plain explanation for each institution it cannot bind;
- :func:`contact_default` / :func:`contact_point` — contact points per addressee;
- :func:`order_answers` — the whole answers dict (``pamats draft order`` format); it refuses
  an addressee the order cannot bind.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from ..drafting.clauses import Clauses
from ..text.messages import msg
from .regulation import actor_name, institution, iso_date, landscape, picked_keys, set_text, signatory, text_in

__all__ = [
    "contact_lines",
    "issuer_choices",
    "is_subordinate",
    "subordinates",
    "addressee_choices",
    "addressee_problems",
    "training_choices",
    "contact_default",
    "contact_point",
    "minister_position",
    "order_answers",
    "NotBindingError",
]


class NotBindingError(ValueError):
    """An addressee the order cannot bind (not subordinate to the issuer)."""


def issuer_choices(lang: str) -> list[dict]:
    """Radio choices: the landscape's ministries."""
    return [{"value": a.id, "label": a.name.get(lang)} for a in landscape().actors.values() if a.kind == "ministry"]


def is_subordinate(key: str, issuer: str) -> bool:
    """True when ``key`` is (directly or through its superiors) subordinate to ``issuer``."""
    from ..landscape.relations import is_subordinate as subordinate

    return subordinate(landscape().actors, key, issuer)


def subordinates(issuer: str) -> list[str]:
    """Keys of every actor subordinate to ``issuer``, in landscape order."""
    return [k for k in landscape().actors if is_subordinate(k, issuer)]


_ROLES = {"first_contact", "police", "service_provider"}


def addressee_choices(issuer: str, lang: str, selected: Iterable[str] = ()) -> list[dict]:
    """Checkbox choices for the addressees: the issuer's subordinate institutions first, then the
    other actors of the referral mechanism (an NGO, a municipality…), which the order cannot bind:
    they are listed so the interview can explain why, not to be chosen."""
    sel = set(selected)
    subs = subordinates(issuer)
    others = [
        a.id for a in landscape().actors.values() if a.id not in subs and a.id != issuer and set(a.roles) & _ROLES
    ]
    return [{"value": k, "label": actor_name(k, lang), "default": k in sel} for k in subs + others]


_WHY = ("ngo", "municipal_institution", "independent_institution", "supervised")  # order_screen.why.*


def _why(kind: str, lang: str) -> str:
    return msg(f"order_screen.why.{kind if kind in _WHY else 'other'}", "en" if lang == "en" else "lv")


def addressee_problems(issuer: str, selected: Any, lang: str) -> list[str]:
    """One sentence per chosen addressee the order cannot bind (empty when all are subordinate)."""
    actors = landscape().actors
    out = []
    for key in picked_keys(selected):
        if is_subordinate(key, issuer):
            continue
        name = actor_name(key, lang)
        kind = actors[key].kind if key in actors else ""
        if key in actors and actors[key].supervised_by == issuer:
            kind = "supervised"
        lg = "en" if lang == "en" else "lv"
        out.append(msg("order_screen.cannot_bind", lg, name=name, issuer=actor_name(issuer, lg), why=_why(kind, lang)))
    return out


def training_choices(issuer: str, lang: str, selected: str | None = None) -> list[dict]:
    """Radio choices for who organises the training: the issuer or an institution subordinate to it."""
    keys = [issuer] + subordinates(issuer)
    return [{"value": k, "label": actor_name(k, lang), "default": k == selected} for k in keys]


def contact_default(base: dict, key: str, field: str, lang: str) -> str:
    """The precedent's contact point ``field`` (unit, hours, phone, email) for addressee ``key``."""
    for cp in base.get("contact_points", []):
        if cp.get("party") == key:
            return text_in(cp.get(field), lang)
    return ""


def contact_point(
    base: dict,
    key: str,
    lang: str,
    *,
    unit: str,
    hours: str | None = None,
    phone: str | None = None,
    email: str | None = None,
) -> dict | None:
    """A ``ContactPoint`` for addressee ``key`` (None when no unit is given)."""
    old = next((cp for cp in base.get("contact_points", []) if cp.get("party") == key), {})
    if not (unit or "").strip():
        return None
    cp: dict[str, Any] = {"party": key, "unit": set_text(old.get("unit"), unit, lang)}
    if (hours or "").strip():
        cp["hours"] = set_text(old.get("hours"), hours, lang)
    for k, v in (("phone", phone), ("email", email)):
        if (v or "").strip():
            cp[k] = v.strip()
    return cp


def contact_lines(contacts: list, lang: str) -> list[str]:
    """The contact points as the order writes them ('<institution> – <unit> (<hours>, <phone>,
    <e-mail>)', the document's own clause), for the review screen."""
    c = Clauses(lang, "order")
    return [
        c(
            "contact",
            name=actor_name(cp["party"], lang),
            unit=text_in(cp["unit"], lang),
            extra=", ".join(x for x in [text_in(cp.get("hours"), lang), cp.get("phone"), cp.get("email")] if x),
        )
        for cp in contacts
        if cp
    ]


def minister_position(issuer: str, lang: str, base: dict | None = None) -> str:
    """Default position of the signatory: the precedent's when the issuer is the same, else the
    minister of the issuing ministry ('Labklājības ministrija' -> 'Labklājības ministrs')."""
    if base and base.get("issuer", {}).get("key") == issuer and base.get("signatory"):
        return text_in(base["signatory"].get("position"), lang)
    name = actor_name(issuer, lang)
    if lang == "en":
        return (
            name.replace("Ministry of", "Minister for", 1) if name.startswith("Ministry of") else f"Minister ({name})"
        )
    return name[: -len("ministrija")] + "ministrs" if name.endswith("ministrija") else name


def order_answers(
    base: dict,
    *,
    lang: str,
    issuer: str,
    title: str | None = None,
    empowering: list[dict] | None = None,
    regulation: str | None = None,
    addressees: Any = None,
    contact_points: list[dict] | None = None,
    procedures_deadline: Any = None,
    training: str | None = None,
    training_by: str | None = None,
    training_deadline: Any = None,
    report_deadline: Any = None,
    controller: str | None = None,
    signatory_position: str | None = None,
    signatory_name: str | None = None,
    signatory_feminine: bool = False,
) -> dict:
    """The answers (``pamats draft order`` format) from the precedent ``base`` and the replies.

    Raises :class:`NotBindingError` when an addressee is not subordinate to the issuer.
    ``None`` keeps the precedent's value, except ``report_deadline`` and ``training_deadline``
    (None = no deadline) and ``contact_points`` (None = none)."""
    a = copy.deepcopy(base)
    a["kind"] = "order"
    a["lang"] = lang
    same_issuer = base.get("issuer", {}).get("key") == issuer
    a["issuer"] = institution(issuer, [base.get("issuer")])
    if not same_issuer:
        a["notes_to_drafter"] = []  # the precedent's notes are about the Ministry of the Interior
    if title is not None:
        a["title"] = set_text(a.get("title"), title, lang)
    if empowering is not None:
        a["empowering"] = copy.deepcopy(empowering)
    if regulation is not None:
        a["regulation"] = set_text(a.get("regulation"), regulation, lang)
    if addressees is not None:
        problems = addressee_problems(issuer, addressees, lang)
        if problems:
            raise NotBindingError(" ".join(problems))
        keys = picked_keys(addressees)
        order = {k: i for i, k in enumerate(landscape().actors)}
        a["addressees"] = [
            institution(k, base.get("addressees", [])) for k in sorted(keys, key=lambda k: order.get(k, len(order)))
        ]
    keys = [i["key"] for i in a["addressees"]]
    a["contact_points"] = [cp for cp in (contact_points or []) if cp and cp.get("party") in keys]
    if procedures_deadline is not None:
        a["procedures_deadline"] = iso_date(procedures_deadline)
    if training is not None:
        a["training"] = set_text(a.get("training"), training, lang)
    if training_by:
        a["training_by"] = institution(training_by, [base.get("training_by")])
    else:
        a.pop("training_by", None)
    for key, value in (("training_deadline", training_deadline), ("report_deadline", report_deadline)):
        d = iso_date(value)
        if d:
            a[key] = d
        else:
            a.pop(key, None)
    if controller is not None:
        a["controller"] = set_text(a.get("controller"), controller, lang)
    base_sig = base.get("signatory") if same_issuer else {"position": minister_position(issuer, lang)}
    a["signatory"] = signatory(
        base_sig, lang, position=signatory_position, name=signatory_name, feminine=signatory_feminine
    )
    return a
