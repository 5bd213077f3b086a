"""This file defines the one legal-basis check of an agreement against a landscape.

:func:`check_agreement` is what both the registry's ``recheck`` and the agreement interview's
warning call. It turns the agreement's answers into a landscape instrument with the one
converter (:func:`pamats.drafting.to_landscape.answers_to_landscape`), checks the norms the
agreement relies on (missing, not in force, none named), adds the agreement to the landscape as
if in force, and asks the checker (:func:`pamats.landscape.check.explain_flow`) for a verdict on
every exchange and purpose, with the verdict of the landscape without the agreement beside it.

The verdicts carry the checker's own objects (candidates, remedy); callers render them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..landscape.check import explain_flow
from ..landscape.findings import Candidate, Remedy
from ..landscape.load import Landscape, load_landscape
from ..landscape.model import Flow
from .answers import Answers, parse_answers
from .to_landscape import answers_to_landscape

__all__ = ["NormProblem", "ExchangeVerdict", "AgreementBasis", "check_agreement", "relied_on_norms"]


@dataclass(frozen=True, slots=True)
class NormProblem:
    """A norm the agreement relies on that cannot carry it: ``NORM_MISSING`` (not in the
    landscape), ``NORM_NOT_IN_FORCE`` (in it, not in force and not assumed adopted) or
    ``NO_RELIED_ON_NORM`` (the agreement names none)."""

    code: str
    instrument: str | None = None
    provision: str | None = None
    status: str | None = None

    def message(self) -> str:
        if self.code == "NORM_MISSING":
            return f"relied-on norm {self.instrument}/{self.provision} is not in the landscape"
        if self.code == "NORM_NOT_IN_FORCE":
            return f"relied-on norm {self.instrument} is {self.status}"
        return "the agreement names no norm it relies on"


@dataclass(frozen=True, slots=True)
class ExchangeVerdict:
    """The checker's verdict on one exchange of the agreement for one purpose."""

    flow_id: str
    sender: str
    recipient: str
    purpose: str
    categories: tuple[str, ...]
    subjects: tuple[str, ...]
    regime: str
    covered: bool
    code: str | None  # None when covered
    without_agreement: str | None  # the landscape's verdict without the agreement (None = covered)
    basis: Candidate | None = None  # the provision that covers it
    candidates: tuple[Candidate, ...] = ()  # every candidate that failed, with why
    remedy: Remedy | None = None


@dataclass(frozen=True, slots=True)
class AgreementBasis:
    as_of: dt.date
    norms: tuple[NormProblem, ...]
    verdicts: tuple[ExchangeVerdict, ...]
    landscape: Landscape = field(repr=False, compare=False)  # with the agreement in it

    @property
    def problems(self) -> tuple[ExchangeVerdict, ...]:
        return tuple(v for v in self.verdicts if not v.covered)

    @property
    def ok(self) -> bool:
        return not self.norms and not self.problems


def relied_on_norms(answers: Answers) -> list[dict]:
    """The norms an agreement's answers say it relies on: ``{instrument, provision}``, each once."""
    out: list[dict] = []
    for n in list(answers.legal_basis_norms) + list(answers.landscape_basis or []):
        ins, prov = getattr(n, "instrument", None), getattr(n, "provision", None)
        ref = {"instrument": ins, "provision": prov}
        if ins and ref not in out:
            out.append(ref)
    return out


def check_agreement(
    answers: Answers | dict,
    landscape: Sequence[str | Path],
    *,
    as_of: dt.date,
    drafts: Sequence[str | Path] = (),
    instrument_id: str = "agreement",
    relied_on: Sequence[dict] | None = None,
    flow_prefix: str | None = None,
    base: Landscape | None = None,
) -> AgreementBasis:
    """Check every exchange of an agreement against ``landscape`` (+ ``drafts`` taken as adopted).

    ``relied_on`` replaces the norms named in the answers (the registry keeps them on the
    agreement). ``base`` is the landscape loaded without the agreement, when the caller keeps
    one loaded. Raises InputError/ErrorList when the answers do not validate.
    """
    model = answers if isinstance(answers, Answers) else parse_answers(answers, source="agreement answers")
    if base is None:
        base = load_landscape(list(landscape), drafts=list(drafts), as_of=as_of)
    norms = list(relied_on) if relied_on is not None else relied_on_norms(model)
    problems: list[NormProblem] = []
    kept: list[dict] = []
    for n in norms:
        ins = base.instruments.get(n.get("instrument"))
        prov = n.get("provision")
        if ins is None or (prov and prov not in {p.id for p in ins.provisions}):
            problems.append(NormProblem("NORM_MISSING", n.get("instrument"), prov))
            continue
        if ins.status.value != "in_force" and ins.id not in base.adopted:
            problems.append(NormProblem("NORM_NOT_IN_FORCE", ins.id, prov, ins.status.value))
        kept.append({k: n[k] for k in ("instrument", "provision") if n.get(k)})
    if not norms:
        problems.append(NormProblem("NO_RELIED_ON_NORM"))

    data = answers_to_landscape(model, instrument_id=instrument_id)
    ins = data["instruments"][0]
    ins["status"] = "in_force"  # as if signed: would the agreement, once in force, carry the exchange?
    ins["valid_from"] = as_of
    ins["empowered_by"] = [e for e in kept if e.get("provision")]
    ls = load_landscape(list(landscape), drafts=list(drafts), extra=[(data, f"agreement {instrument_id}")], as_of=as_of)

    prefix = flow_prefix or instrument_id
    verdicts = []
    for i, x in enumerate(model.exchanges, start=1):
        for purpose in x.purposes:
            fid = f"{prefix}-x{i}-{purpose}"
            common = (fid, x.sender, x.recipient, purpose, tuple(x.categories), tuple(x.subjects), x.regime)
            if x.sender not in ls.actors or x.recipient not in ls.actors or x.sender == x.recipient:
                verdicts.append(ExchangeVerdict(*common, False, "NO_BASIS", "NO_BASIS"))
                continue
            flow = Flow(
                id=fid,
                sender=x.sender,
                recipient=x.recipient,
                categories=list(x.categories),
                purpose=purpose,
                subjects=list(x.subjects),
                regime=x.regime,
            )
            res = explain_flow(ls, flow, as_of)
            alone = explain_flow(base, flow, as_of)
            verdicts.append(
                ExchangeVerdict(
                    *common,
                    res.covered,
                    res.code,
                    alone.code,
                    res.basis,
                    tuple(c for c in res.candidates if c.failures),
                    res.remedy,
                )
            )
    return AgreementBasis(as_of, tuple(problems), tuple(verdicts), ls)
