"""This file defines the law under each agreement.

``agreement_to_landscape`` turns an agreement (its relied-on norms and the data exchanges its
latest version describes) into one landscape file dict: an instrument of kind ``agreement``
binding its parties, issued under its relied-on norms, authorising its flows. ``recheck``
loads a landscape with every live agreement as ``extra`` and flags each agreement whose
relied-on norm is missing (NORM_MISSING), not in force (NORM_NOT_IN_FORCE), or whose flows are
not covered by a sufficient basis (the checker's code, e.g. NO_BASIS or RANK_TOO_LOW, via
``explain_flow``).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from sqlalchemy import select

from .models import Agreement, AgreementParty, Version

__all__ = ["agreement_to_landscape", "recheck", "AgreementCheck", "LIVE"]

LIVE = ("draft", "negotiation", "agreed", "signed", "in_force")


@dataclass
class AgreementCheck:
    slug: str
    status: str
    problems: list[dict] = field(default_factory=list)   # {code, flow?, norm?, message}
    flows: list[dict] = field(default_factory=list)      # {id, covered, code, basis}

    @property
    def ok(self) -> bool:
        return not self.problems


def _exchanges(answers: dict) -> list[dict]:
    return list(answers.get("exchanges") or []) if isinstance(answers, dict) else []


def flows_of(slug: str, answers: dict) -> list[dict]:
    """One landscape flow per (exchange, purpose) the agreement describes."""
    out = []
    for i, x in enumerate(_exchanges(answers), start=1):
        for p in x.get("purposes") or []:
            out.append({"id": f"{slug}-x{i}-{p}", "sender": x["sender"], "recipient": x["recipient"],
                        "categories": list(x["categories"]), "purpose": p, "subjects": list(x["subjects"]),
                        "regime": x.get("regime", "gdpr")})
    return out


def agreement_to_landscape(slug: str, title: str, status: str, parties: list[str], relied_on: list[dict],
                           answers: dict, *, valid_from: dt.date | None = None,
                           valid_to: dt.date | None = None) -> dict:
    st = {"in_force": "in_force", "expired": "expired", "terminated": "terminated"}.get(status, "draft")
    provisions = []
    for i, x in enumerate(_exchanges(answers), start=1):
        provisions.append({"id": f"exchange-{i}", "ref": f"[līgums] informācijas apmaiņa {i}",
                           "authorises": [{"sender": x["sender"], "recipient": x["recipient"],
                                           "categories": list(x["categories"]), "purposes": list(x["purposes"]),
                                           "subjects": list(x["subjects"])}],
                           "source": f"registry: {slug}", "verified": False})
    ins = {"id": f"agreement-{slug}", "kind": "agreement", "title": {"lv": title, "en": title},
           "parties": parties, "status": st, "empowered_by": relied_on, "provisions": provisions,
           "source": f"registry: {slug}", "verified": False}
    if valid_from:
        ins["valid_from"] = valid_from
    if valid_to:
        ins["valid_to"] = valid_to
    return {"instruments": [ins]}


def recheck(reg, user: str, landscape: Sequence[str | Path], *, drafts: Sequence[str | Path] = (),
            as_of: dt.date | None = None, slugs: Sequence[str] | None = None) -> list[AgreementCheck]:
    from ..landscape.check import explain_flow
    from ..landscape.load import load_landscape
    from ..landscape.model import Flow

    as_of = as_of or reg.now().date()
    base = load_landscape(list(landscape), drafts=list(drafts), as_of=as_of)
    rows = []
    with reg.tx() as s:
        u = reg._user(s, user)
        mine = select(AgreementParty.agreement_id).where(AgreementParty.organisation_id == u.organisation_id)
        q = select(Agreement).where(Agreement.id.in_(mine), Agreement.status.in_(LIVE)).order_by(Agreement.slug)
        for a in s.scalars(q):
            if slugs and a.slug not in slugs:
                continue
            v = reg._latest(s, a)
            answers = json.loads(v.answers) if v else {}
            rows.append((a.slug, a.title, a.status, [p.organisation.key for p in a.parties],
                         json.loads(a.relied_on), answers, a.term_start, a.term_end))
    out = []
    for slug, title, status, parties, relied_on, answers, start, end in rows:
        chk = AgreementCheck(slug, status)
        kept = []
        for n in relied_on:
            ins = base.instruments.get(n.get("instrument"))
            if ins is None or (n.get("provision") and n["provision"] not in {p.id for p in ins.provisions}):
                chk.problems.append({"code": "NORM_MISSING", "norm": n,
                                     "message": f"relied-on norm {n.get('instrument')}/{n.get('provision')} "
                                                f"is not in the landscape"})
                continue
            if ins.status.value != "in_force" and ins.id not in base.adopted:
                chk.problems.append({"code": "NORM_NOT_IN_FORCE", "norm": n,
                                     "message": f"relied-on norm {ins.id} is {ins.status.value}"})
            kept.append({k: n[k] for k in ("instrument", "provision") if n.get(k)})
        if not relied_on:
            chk.problems.append({"code": "NO_RELIED_ON_NORM", "message": "the agreement names no norm it relies on"})
        extra = [(agreement_to_landscape(slug, title, "in_force", parties, kept, answers), f"registry:{slug}")]
        ls = load_landscape(list(landscape), drafts=list(drafts), extra=extra, as_of=as_of)
        for f in flows_of(slug, answers):
            res = explain_flow(ls, Flow(**f), as_of)
            alone = explain_flow(base, Flow(**f), as_of)  # the landscape's own verdict, agreement left out
            basis = {"instrument": res.basis.instrument, "provision": res.basis.provision} if res.basis else None
            chk.flows.append({"id": f["id"], "covered": res.covered, "code": res.code, "basis": basis,
                              "without_agreement": alone.code})
            if not res.covered:
                chk.problems.append({"code": res.code, "flow": f["id"], "without_agreement": alone.code,
                                     "message": f"{f['sender']} -> {f['recipient']} ({f['purpose']}): {res.code} "
                                                f"(without the agreement: {alone.code or 'covered'})"})
        out.append(chk)
    return out
