"""This file defines the law under each agreement in the registry.

``recheck`` runs the one legal-basis check of an agreement
(:func:`pamats.drafting.basis_check.check_agreement`) on the latest version of every live
agreement of the user's organisation, with the norms the registry records as relied on, and
flags each agreement whose relied-on norm is missing (NORM_MISSING), not in force
(NORM_NOT_IN_FORCE), or whose flows are not covered by a sufficient basis (the checker's code,
e.g. NO_BASIS or RANK_TOO_LOW). ``agreement_landscape`` is the agreement as a landscape file
(``pamats agreements export --format landscape``), through the one converter
(:func:`pamats.drafting.to_landscape.answers_to_landscape`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["agreement_landscape", "recheck", "AgreementCheck", "LIVE"]

LIVE = ("draft", "negotiation", "agreed", "signed", "in_force")


@dataclass
class AgreementCheck:
    slug: str
    status: str
    problems: list[dict] = field(default_factory=list)  # {code, flow?, norm?, message}
    flows: list[dict] = field(default_factory=list)  # {id, covered, code, basis}

    @property
    def ok(self) -> bool:
        return not self.problems


def agreement_landscape(
    slug: str,
    status: str,
    relied_on: list[dict],
    answers: dict,
    *,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> dict:
    """One landscape file dict: the agreement as an instrument binding its parties, issued under
    its relied-on norms, authorising the exchanges its answers describe."""
    from ..drafting.answers import parse_answers
    from ..drafting.to_landscape import answers_to_landscape

    data = answers_to_landscape(parse_answers(answers, source=f"registry: {slug}"), instrument_id=f"agreement-{slug}")
    ins = data["instruments"][0]
    ins["status"] = {"in_force": "in_force", "expired": "expired", "terminated": "terminated"}.get(status, "draft")
    ins["empowered_by"] = [
        {"instrument": n["instrument"], "provision": n["provision"]}
        for n in relied_on
        if n.get("instrument") and n.get("provision")
    ]
    if valid_from:
        ins["valid_from"] = valid_from
    if valid_to:
        ins["valid_to"] = valid_to
    return data


def recheck(
    reg,
    user: str,
    landscape: Sequence[str | Path],
    *,
    drafts: Sequence[str | Path] = (),
    as_of: dt.date | None = None,
    slugs: Sequence[str] | None = None,
) -> list[AgreementCheck]:
    from ..drafting.basis_check import check_agreement
    from ..landscape.load import load_landscape

    as_of = as_of or reg.now().date()
    base = load_landscape(list(landscape), drafts=list(drafts), as_of=as_of)
    out = []
    for row in reg.latest_answers(user, LIVE):
        slug, status, relied_on, answers = row["slug"], row["status"], row["relied_on"], row["answers"]
        if slugs and slug not in slugs:
            continue
        chk = AgreementCheck(slug, status)
        res = check_agreement(
            answers,
            landscape,
            as_of=as_of,
            drafts=drafts,
            instrument_id=f"agreement-{slug}",
            relied_on=relied_on,
            flow_prefix=slug,
            base=base,
        )
        for n in res.norms:
            p = {"code": n.code, "message": n.message()}
            if n.instrument:
                p["norm"] = {"instrument": n.instrument, "provision": n.provision}
            chk.problems.append(p)
        for v in res.verdicts:
            basis = {"instrument": v.basis.instrument, "provision": v.basis.provision} if v.basis else None
            chk.flows.append(
                {
                    "id": v.flow_id,
                    "covered": v.covered,
                    "code": v.code,
                    "basis": basis,
                    "without_agreement": v.without_agreement,
                }
            )
            if not v.covered:
                chk.problems.append(
                    {
                        "code": v.code,
                        "flow": v.flow_id,
                        "without_agreement": v.without_agreement,
                        "message": f"{v.sender} -> {v.recipient} ({v.purpose}): {v.code} "
                        f"(without the agreement: {v.without_agreement or 'covered'})",
                    }
                )
        out.append(chk)
    return out
