"""This file defines the legal-basis checks (DESIGN.md, "The legal-basis model").

A flow is covered on a date when some provision authorises it and all rules hold, in
this order: scope (sender, recipient, regime), purpose, data (categories and subjects),
binding, in force, rank, empowerment. Otherwise one finding names the flow, the code of
the candidate that got furthest, every candidate considered with every failure, and a
remedy. NRM coverage then asks whether every first-contact institution has a lawful path
(over covered flows) to a service provider and to the police.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from .findings import Candidate, Failure, Finding, FlowResult, GapReport
from .index import Index, PermRef, build_index
from .load import Landscape
from .model import Flow
from .remedy import coverage_remedy, flow_remedy

__all__ = ["check_landscape", "explain_flow", "evaluate_flow", "required_rank"]


def required_rank(ix: Index, flow: Flow) -> tuple[str, list]:
    """The minimum rank id a basis for ``flow`` needs, and the rank rules that applied."""
    ls = ix.ls
    ranks = ls.ranks
    sender = ls.actors.get(flow.sender)
    public = bool(sender and sender.public_authority)
    applied = []
    for rule in ls.jurisdiction.rank_rules:
        if rule.when_sender_public is not None and rule.when_sender_public != public:
            continue
        if rule.when_categories_under and not any(ix.under("categories", c, rule.when_categories_under) for c in flow.categories):
            continue
        applied.append(rule)
    if not applied:
        return min(ranks.values(), key=lambda r: r.level).id, []
    best = max(applied, key=lambda r: ranks[r.min_rank].level)
    return best.min_rank, [r for r in applied if ranks[r.min_rank].level == ranks[best.min_rank].level]


def _name(ls: Landscape, aid: str, lang: str) -> str:
    a = ls.actors.get(aid)
    return (a.short or a.name.get(lang)) if a else aid


def _evaluate(ix: Index, flow: Flow, ref: PermRef, need: str, need_rules: list) -> Candidate:
    ls = ix.ls
    ins, prov, perm = ref.instrument, ref.provision, ref.permission
    short = ins.short or ins.id
    cand = Candidate(instrument=ins.id, provision=prov.id, ref=f"{short} {prov.ref}")
    fails = cand.failures
    if perm.regime != flow.regime:
        fails.append(Failure("NO_BASIS", f"norma attiecas uz režīmu {perm.regime.value}, plūsma – {flow.regime.value}",
                             f"the provision is for regime {perm.regime.value}, the flow is {flow.regime.value}"))
    if not ix.under("purposes", flow.purpose, perm.purposes):
        fails.append(Failure("PURPOSE_NOT_COVERED", f"mērķis {flow.purpose!r} nav starp atļautajiem ({', '.join(perm.purposes)})",
                             f"purpose {flow.purpose!r} is not among those allowed ({', '.join(perm.purposes)})"))
    extra_c = [c for c in flow.categories if not ix.under("categories", c, perm.categories)]
    extra_s = [s for s in flow.subjects if not ix.under("subjects", s, perm.subjects)]
    if extra_c or extra_s:
        what = extra_c + extra_s
        fails.append(Failure("EXCESS_DATA", f"norma neatļauj: {', '.join(what)}", f"not allowed by the provision: {', '.join(what)}"))
    rank = ls.ranks[ins.kind]
    if rank.binds == "subordinates_of_issuer":
        if flow.sender != ins.issuer and ins.issuer not in ix.superiors.get(flow.sender, ()):
            fails.append(Failure("NOT_BINDING",
                                 f"{short} ir iekšējs akts; tas saista tikai {_name(ls, ins.issuer, 'lv')} padotās iestādes, ne {_name(ls, flow.sender, 'lv')}",
                                 f"{short} is an internal act; it binds only institutions subordinate to {_name(ls, ins.issuer, 'en')}, not {_name(ls, flow.sender, 'en')}"))
    elif rank.binds == "parties":
        outside = [a for a in (flow.sender, flow.recipient) if a not in ins.parties]
        if outside:
            fails.append(Failure("NOT_BINDING", f"{short} saista tikai savas puses; {', '.join(outside)} nav puse",
                                 f"{short} binds only its parties; {', '.join(outside)} is not a party"))
    ok, why = ix.in_force[ins.id]
    if not ok:
        fails.append(Failure("NOT_IN_FORCE", f"{short} {ix.as_of.isoformat()} nav spēkā: {why}",
                             f"{short} is not in force on {ix.as_of.isoformat()}: {why}"))
    need_rank = ls.ranks[need]
    if rank.level < need_rank.level:
        reasons_lv = " ".join(r.reason.lv for r in need_rules)
        reasons_en = " ".join(r.reason.en or r.reason.lv for r in need_rules)
        fails.append(Failure("RANK_TOO_LOW",
                             f"{short} ir {rank.label.lv}; vajadzīgs vismaz {need_rank.label.lv}. {reasons_lv}".strip(),
                             f"{short} is a {rank.label.en or ins.kind}; at least a {need_rank.label.en or need} is needed. {reasons_en}".strip()))
    emp_ok, problems = ix.empowerment[ins.id]
    if not emp_ok:
        fails.append(Failure("BROKEN_EMPOWERMENT", "; ".join(p[0] for p in problems), "; ".join(p[1] for p in problems)))
    return cand


def _near(ix: Index, flow: Flow, limit: int = 5) -> list[Candidate]:
    """Provisions that cover the sender or the recipient only: shown with a NO_BASIS failure."""
    ls = ix.ls
    seen, out = set(), []
    for key in ix.keys(flow.sender):
        for ref in ix.by_sender.get(key, ()):
            seen.add((ref.instrument.id, ref.provision.id, ref.n, "s"))
    refs = []
    for key in ix.keys(flow.sender):
        refs.extend((r, "recipient") for r in ix.by_sender.get(key, ()))
    for key in ix.keys(flow.recipient):
        refs.extend((r, "sender") for r in ix.by_recipient.get(key, ()))
    taken = set()
    for ref, missing in refs:
        k = (ref.instrument.id, ref.provision.id)
        if k in taken:
            continue
        taken.add(k)
        ins = ref.instrument
        short = ins.short or ins.id
        other = ref.permission.recipient if missing == "recipient" else ref.permission.sender
        who = _name(ls, flow.recipient if missing == "recipient" else flow.sender, "lv")
        who_en = _name(ls, flow.recipient if missing == "recipient" else flow.sender, "en")
        role = "saņēmējs" if missing == "recipient" else "sūtītājs"
        out.append(Candidate(ins.id, ref.provision.id, f"{short} {ref.provision.ref}", [
            Failure("NO_BASIS", f"norma atļauj {role} {other}, ne {who}",
                    f"the provision allows {missing} {other}, not {who_en}")]))
        if len(out) >= limit:
            break
    out.sort(key=lambda c: (c.instrument, c.provision))
    return out


def evaluate_flow(ix: Index, flow: Flow) -> FlowResult:
    """Check one flow against the index; the flow need not be part of the landscape."""
    need, need_rules = required_rank(ix, flow)
    refs: list[PermRef] = []
    for sk in ix.keys(flow.sender):
        for rk in ix.keys(flow.recipient):
            refs.extend(ix.by_pair.get((sk, rk), ()))
    cands = [_evaluate(ix, flow, r, need, need_rules) for r in refs]
    cands.sort(key=Candidate.sort_key)
    ok = [c for c in cands if c.ok]
    if ok:
        return FlowResult(flow, True, None, ok[0], cands)
    if cands:
        code = cands[0].failures[0].code
    else:
        code = "NO_BASIS"
        cands = _near(ix, flow)
    return FlowResult(flow, False, code, None, cands, flow_remedy(ix, flow, code, cands, need))


_MESSAGES = {
    "NO_BASIS": ("Neviena norma neatļauj {s} nodot šos datus {r}.", "No provision allows {s} to disclose these data to {r}."),
    "PURPOSE_NOT_COVERED": ("Norma atļauj {s} → {r} datu nodošanu, bet ne mērķim {p}.", "A provision allows {s} → {r}, but not for the purpose {p}."),
    "EXCESS_DATA": ("Norma atļauj {s} → {r} datu nodošanu, bet ne visas datu kategorijas vai datu subjektus.", "A provision allows {s} → {r}, but not all the data categories or subjects."),
    "NOT_BINDING": ("Akts, kas atļautu {s} → {r} datu nodošanu, nesaista sūtītāju.", "The instrument that would allow {s} → {r} does not bind the sender."),
    "NOT_IN_FORCE": ("Akts, kas atļautu {s} → {r} datu nodošanu, nav spēkā.", "The instrument that would allow {s} → {r} is not in force."),
    "RANK_TOO_LOW": ("{s} → {r}: pamata akta rangs ir par zemu šiem datiem un šim sūtītājam.", "{s} → {r}: the basis is of too low a rank for these data and this sender."),
    "BROKEN_EMPOWERMENT": ("{s} → {r}: pamata akta pilnvarojuma ķēde nesasniedz likumu.", "{s} → {r}: the basis's chain of empowering provisions does not reach a law."),
}


def _finding(ix: Index, res: FlowResult) -> Finding:
    ls, f = ix.ls, res.flow
    lv, en = _MESSAGES[res.code]
    args_lv = dict(s=_name(ls, f.sender, "lv"), r=_name(ls, f.recipient, "lv"), p=f.purpose)
    args_en = dict(s=_name(ls, f.sender, "en"), r=_name(ls, f.recipient, "en"), p=f.purpose)
    return Finding(res.code, f, None, lv.format(**args_lv), en.format(**args_en), res.candidates, res.remedy)


def _direct_referral_lawful(ix: Index, aid: str, role: str) -> bool:
    """True when the law lets ``aid`` make the NRM's minimum referral directly to an actor with ``role``."""
    nrm = ix.ls.jurisdiction.nrm
    if nrm is None:
        return False
    spec = nrm.to_service_provider if role == "service_provider" else nrm.to_police
    for target in ix.actors_for("role:" + role):
        if target == aid:
            continue
        for regime in ("gdpr", "led"):
            probe = Flow(id="nrm-probe", sender=aid, recipient=target, categories=spec.categories,
                         purpose=spec.purpose, subjects=spec.subjects, regime=regime)
            if evaluate_flow(ix, probe).covered:
                return True
    return False


def _coverage(ix: Index, results: list[FlowResult]) -> list[Finding]:
    ls = ix.ls
    adj: dict[str, set[str]] = defaultdict(set)
    for r in results:
        if r.covered:
            adj[r.flow.sender].add(r.flow.recipient)
    out = []
    for aid in sorted(a for a, rs in ix.roles.items() if "first_contact" in rs):
        reach, stack = {aid}, [aid]
        while stack:
            for nxt in adj.get(stack.pop(), ()):
                if nxt not in reach:
                    reach.add(nxt)
                    stack.append(nxt)
        for role, code, lv_w, en_w in (("service_provider", "NRM_NO_PATH_TO_PROVIDER", "pakalpojuma sniedzēju", "a service provider"),
                                       ("police", "NRM_NO_PATH_TO_POLICE", "policiju", "the police")):
            if role in ix.roles[aid]:
                continue
            if any(role in ix.roles.get(x, ()) for x in reach):
                continue
            if _direct_referral_lawful(ix, aid, role):
                continue
            name_lv, name_en = _name(ls, aid, "lv"), _name(ls, aid, "en")
            out.append(Finding(code, None, aid,
                               f"Pirmā kontakta iestādei {name_lv} nav tiesiska ceļa, kā informēt {lv_w}.",
                               f"First-contact institution {name_en} has no lawful path to inform {en_w}.",
                               [], coverage_remedy(ix, aid, role)))
    return out


def check_landscape(ls: Landscape, as_of: dt.date) -> GapReport:
    """Run every rule on every flow of ``ls`` on ``as_of``; return the gap report."""
    ix = build_index(ls, as_of)
    results = [evaluate_flow(ix, f) for f in sorted(ls.flows.values(), key=lambda f: f.id)]
    findings = [_finding(ix, r) for r in results if not r.covered]
    findings += _coverage(ix, results)
    return GapReport(ls.meta.id, ls.meta.title.model_dump(), as_of, list(ls.drafts), results, findings)


def explain_flow(ls: Landscape, flow: Flow, as_of: dt.date) -> FlowResult:
    """Verdict on a hypothetical flow (interviews, agreement recheck)."""
    return evaluate_flow(build_index(ls, as_of), flow)
