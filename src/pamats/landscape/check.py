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

from .._gc import no_gc
from .findings import FLOW_RULE_ORDER, Candidate, Failure, Finding, FlowResult, GapReport
from .index import Index, PermRef, build_index
from .load import Landscape
from .model import Flow
from .remedy import _a, coverage_remedy, flow_remedy

__all__ = ["check_landscape", "explain_flow", "evaluate_flow", "required_rank"]


def required_rank(ix: Index, flow: Flow) -> tuple[str, list]:
    """The minimum rank id a basis for ``flow`` needs, and the rank rules that applied (cached)."""
    cache = ix.cache.setdefault("required_rank", {})
    sender = ix.ls.actors.get(flow.sender)
    public = bool(sender and sender.public_authority)
    quick = cache.get((public, *flow.categories))  # same sender kind and categories: same answer
    if quick is not None:
        return quick
    cats = set(flow.categories)
    rule_sets = ix.cache.get("rule_sets")
    if rule_sets is None:
        rule_sets = ix.cache["rule_sets"] = [ix.closure("categories", r.when_categories_under)
                                             for r in ix.ls.jurisdiction.rank_rules if r.when_categories_under]
    key = (public, tuple(not cats.isdisjoint(c) for c in rule_sets))
    hit = cache.get(key)
    if hit is None:
        hit = cache[key] = _required_rank(ix, flow)
    cache[(public, *flow.categories)] = hit
    return hit


def _required_rank(ix: Index, flow: Flow) -> tuple[str, list]:
    ls = ix.ls
    ranks = ls.ranks
    sender = ls.actors.get(flow.sender)
    public = bool(sender and sender.public_authority)
    applied = []
    for rule in ls.jurisdiction.rank_rules:
        if rule.when_sender_public is not None and rule.when_sender_public != public:
            continue
        if rule.when_categories_under and not (set(flow.categories) & ix.closure("categories", rule.when_categories_under)):
            continue
        applied.append(rule)
    if not applied:
        return min(ranks.values(), key=lambda r: r.level).id, []
    best = max(applied, key=lambda r: ranks[r.min_rank].level)
    return best.min_rank, [r for r in applied if ranks[r.min_rank].level == ranks[best.min_rank].level]


_BARE = {c: Failure(c, "", "") for c in FLOW_RULE_ORDER}


def _nm(ix: Index, aid: str, lang: str) -> str:
    """Short display name of an actor (precomputed in the index)."""
    return ix.names.get((aid, lang), aid)


def _static(ix: Index, ref: PermRef) -> tuple:
    """What a permission contributes to every check, computed once per index."""
    cache = ix.cache.setdefault("static", {})
    st = cache.get(id(ref))
    if st is None:
        ins, prov, perm = ref.instrument, ref.provision, ref.permission
        rank = ix.ls.ranks[ins.kind]
        st = cache[id(ref)] = (
            perm.regime, ix.closure("purposes", perm.purposes), ix.closure("categories", perm.categories),
            ix.closure("subjects", perm.subjects), rank.binds, ins.issuer, frozenset(ins.parties),
            ix.in_force[ins.id][0], ix.empowerment[ins.id][0], ins.id, prov.id,
            f"{ins.short or ins.id} {prov.ref}", rank.level, ref)
    return st


def _codes(ix: Index, flow: Flow, st: tuple, need_level: int) -> tuple[str, ...]:
    """The failure codes of one candidate (its :func:`_static` facts), in rule order (the fast path of :func:`_evaluate`)."""
    (regime, purposes, cats, subjects, binds, issuer, parties, in_force, emp_ok,
     _i, _p, _r, level, _ref) = st
    out = []
    if regime is not flow.regime:
        out.append("NO_BASIS")
    if flow.purpose not in purposes:
        out.append("PURPOSE_NOT_COVERED")
    if not (cats.issuperset(flow.categories) and subjects.issuperset(flow.subjects)):
        out.append("EXCESS_DATA")
    if binds == "subordinates_of_issuer":
        if flow.sender != issuer and issuer not in ix.superiors.get(flow.sender, ()):
            out.append("NOT_BINDING")
    elif binds == "parties" and not (flow.sender in parties and flow.recipient in parties):
        out.append("NOT_BINDING")
    if not in_force:
        out.append("NOT_IN_FORCE")
    if level < need_level:
        out.append("RANK_TOO_LOW")
    if not emp_ok:
        out.append("BROKEN_EMPOWERMENT")
    return tuple(out)


def _evaluate(ix: Index, flow: Flow, ref: PermRef, need: str, need_rules: list, texts: bool = True) -> Candidate:
    """One candidate permission against one flow; with ``texts=False`` only the codes (fast path)."""
    ls = ix.ls
    ins, prov, perm = ref.instrument, ref.provision, ref.permission
    short = ins.short or ins.id
    cand = Candidate(instrument=ins.id, provision=prov.id, ref=f"{short} {prov.ref}")
    fails = cand.failures
    if perm.regime is not flow.regime:
        fails.append(Failure("NO_BASIS", f"norma attiecas uz režīmu {perm.regime.value}, plūsma – {flow.regime.value}",
                             f"the provision is for regime {perm.regime.value}, the flow is {flow.regime.value}") if texts else _BARE["NO_BASIS"])
    if flow.purpose not in ix.closure("purposes", perm.purposes):
        fails.append(Failure("PURPOSE_NOT_COVERED", f"mērķis {flow.purpose!r} nav starp atļautajiem ({', '.join(perm.purposes)})",
                             f"purpose {flow.purpose!r} is not among those allowed ({', '.join(perm.purposes)})") if texts else _BARE["PURPOSE_NOT_COVERED"])
    cc, sc = ix.closure("categories", perm.categories), ix.closure("subjects", perm.subjects)
    extra_c = [c for c in flow.categories if c not in cc]
    extra_s = [s for s in flow.subjects if s not in sc]
    if extra_c or extra_s:
        what = extra_c + extra_s
        fails.append(Failure("EXCESS_DATA", f"norma neatļauj: {', '.join(what)}", f"not allowed by the provision: {', '.join(what)}") if texts else _BARE["EXCESS_DATA"])
    rank = ls.ranks[ins.kind]
    if rank.binds == "subordinates_of_issuer":
        if flow.sender != ins.issuer and ins.issuer not in ix.superiors.get(flow.sender, ()):
            fails.append(Failure("NOT_BINDING",
                                 f"{short} ir iekšējs akts; tas saista tikai {_nm(ix, ins.issuer, 'lv')} padotās iestādes, ne {_nm(ix, flow.sender, 'lv')}",
                                 f"{short} is an internal act; it binds only institutions subordinate to {_nm(ix, ins.issuer, 'en')}, not {_nm(ix, flow.sender, 'en')}") if texts else _BARE["NOT_BINDING"])
    elif rank.binds == "parties":
        outside = [a for a in (flow.sender, flow.recipient) if a not in ins.parties]
        if outside:
            fails.append(Failure("NOT_BINDING", f"{short} saista tikai savas puses; {', '.join(outside)} nav puse",
                                 f"{short} binds only its parties; {', '.join(outside)} is not a party") if texts else _BARE["NOT_BINDING"])
    ok, why = ix.in_force[ins.id]
    if not ok:
        fails.append(Failure("NOT_IN_FORCE", f"{short} {ix.as_of.isoformat()} nav spēkā: {why}",
                             f"{short} is not in force on {ix.as_of.isoformat()}: {why}") if texts else _BARE["NOT_IN_FORCE"])
    need_rank = ls.ranks[need]
    if rank.level < need_rank.level:
        reasons_lv = " ".join(r.reason.lv for r in need_rules)
        reasons_en = " ".join(r.reason.en or r.reason.lv for r in need_rules)
        fails.append(Failure("RANK_TOO_LOW",
                             f"{short}: rangs – {rank.label.lv}; vajadzīgais minimālais rangs – {need_rank.label.lv}. {reasons_lv}".strip(),
                             f"{short} is {_a(rank.label.en or ins.kind)}; at least {_a(need_rank.label.en or need)} is needed. {reasons_en}".strip()) if texts else _BARE["RANK_TOO_LOW"])
    emp_ok, problems = ix.empowerment[ins.id]
    if not emp_ok:
        fails.append(Failure("BROKEN_EMPOWERMENT", "; ".join(p[0] for p in problems), "; ".join(p[1] for p in problems)) if texts else _BARE["BROKEN_EMPOWERMENT"])
    return cand


def _near(ix: Index, flow: Flow, limit: int = 3) -> list[Candidate]:
    """Up to ``limit`` provisions that cover the sender or the recipient only (shown as NO_BASIS).

    Depends on the sender and recipient only: computed once per pair and index; each call
    gets fresh Candidate objects.
    """
    cache = ix.cache.setdefault("near", {})
    key = (flow.sender, flow.recipient, limit)
    hit = cache.get(key)
    if hit is None:
        hit = cache[key] = [(c.instrument, c.provision, c.ref, c.failures) for c in _near_uncached(ix, flow, limit)]
    return [Candidate(i, p, r, list(fs)) for i, p, r, fs in hit]


def _near_uncached(ix: Index, flow: Flow, limit: int) -> list[Candidate]:
    ls = ix.ls

    def refs():
        for key in ix.keys(flow.sender):
            for r in ix.by_sender.get(key, ()):
                yield r, "recipient"
        for key in ix.keys(flow.recipient):
            for r in ix.by_recipient.get(key, ()):
                yield r, "sender"

    out: list[Candidate] = []
    taken: set[tuple[str, str]] = set()
    for ref, missing in refs():
        k = (ref.instrument.id, ref.provision.id)
        if k in taken:
            continue
        taken.add(k)
        ins = ref.instrument
        short = ins.short or ins.id
        other = ref.permission.recipient if missing == "recipient" else ref.permission.sender
        who = flow.recipient if missing == "recipient" else flow.sender
        role = "saņēmējs" if missing == "recipient" else "sūtītājs"
        out.append(Candidate(ins.id, ref.provision.id, f"{short} {ref.provision.ref}", [
            Failure("NO_BASIS", f"norma atļauj {role} {other}, ne {_nm(ix, who, 'lv')}",
                    f"the provision allows {missing} {other}, not {_nm(ix, who, 'en')}")]))
        if len(out) >= limit:
            break
    out.sort(key=lambda c: (c.instrument, c.provision))
    return out


def _pair(ix: Index, sender: str, recipient: str) -> tuple[list[PermRef], list[tuple]]:
    """The candidate permissions for a sender/recipient pair and their static facts (cached)."""
    cache = ix.cache.setdefault("pair_refs", {})
    hit = cache.get((sender, recipient))
    if hit is None:
        refs: list[PermRef] = []
        for sk in ix.keys(sender):
            for rk in ix.keys(recipient):
                found = ix.by_pair.get((sk, rk))
                if found:
                    refs.extend(found)
        hit = cache[(sender, recipient)] = (refs, [_static(ix, r) for r in refs])
    return hit


def evaluate_flow(ix: Index, flow: Flow) -> FlowResult:
    """Check one flow against the index; the flow need not be part of the landscape."""
    refs, statics = _pair(ix, flow.sender, flow.recipient)
    return _evaluate_flow(ix, flow, refs, statics)


def _evaluate_flow(ix: Index, flow: Flow, refs: list[PermRef], statics: list[tuple],
                   all_candidates: bool = True) -> FlowResult:
    need, need_rules = required_rank(ix, flow)
    need_level = ix.ls.ranks[need].level
    codes = [_codes(ix, flow, st, need_level) for st in statics]
    if not all_candidates and any(not c for c in codes):  # covered, bulk check: the basis is all a report uses
        st = min((st for st, c in zip(statics, codes) if not c), key=lambda st: (st[9], st[10]))
        return FlowResult(flow, True, None, Candidate(st[9], st[10], st[11], []), [])
    if any(not c for c in codes):  # covered: candidates carry their failure codes only (fast path)
        cands = [Candidate(st[9], st[10], st[11], [_BARE[x] for x in c]) for st, c in zip(statics, codes)]
        cands.sort(key=Candidate.sort_key)
        return FlowResult(flow, True, None, cands[0], cands)
    if refs:  # uncovered: evaluate again, this time with the explanations
        cands = sorted((_evaluate(ix, flow, r, need, need_rules) for r in refs), key=Candidate.sort_key)
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
    f = res.flow
    cache = ix.cache.setdefault("messages", {})
    key = (res.code, f.sender, f.recipient, f.purpose)
    texts = cache.get(key)
    if texts is None:
        lv, en = _MESSAGES[res.code]
        args_lv = dict(s=_nm(ix, f.sender, "lv"), r=_nm(ix, f.recipient, "lv"), p=f.purpose)
        args_en = dict(s=_nm(ix, f.sender, "en"), r=_nm(ix, f.recipient, "en"), p=f.purpose)
        texts = cache[key] = (lv.format(**args_lv), en.format(**args_en))
    return Finding(res.code, f, None, texts[0], texts[1], res.candidates, res.remedy)


def _direct_referral_lawful(ix: Index, aid: str, role: str) -> bool:
    """True when the law lets ``aid`` make the NRM's minimum referral directly to an actor with ``role``."""
    nrm = ix.ls.jurisdiction.nrm
    if nrm is None:
        return False
    spec = nrm.to_service_provider if role == "service_provider" else nrm.to_police
    reachable = set()
    for key in ix.keys(aid):
        for ref in ix.by_sender.get(key, ()):
            reachable.update(ix.actors_for(ref.permission.recipient))
    for target in sorted(t for t in reachable if role in ix.roles.get(t, ())):
        if target == aid:
            continue
        for regime in ("gdpr", "led"):
            probe = Flow(id="nrm-probe", sender=aid, recipient=target, categories=spec.categories,
                         purpose=spec.purpose, subjects=spec.subjects, regime=regime)
            if evaluate_flow(ix, probe).covered:
                return True
    return False


def _coverage(ix: Index, results: list[FlowResult]) -> list[Finding]:
    """NRM findings: first-contact institutions with no lawful path to a provider / the police.

    A path runs over covered flows (reverse breadth-first search from every actor with the
    target role, once per role: linear in the number of flows), or is a direct referral the
    law allows (see :func:`_direct_referral_lawful`).
    """
    ls = ix.ls
    radj: dict[str, set[str]] = defaultdict(set)
    for r in results:
        if r.covered:
            radj[r.flow.recipient].add(r.flow.sender)
    can_reach: dict[str, set[str]] = {}
    for role in ("service_provider", "police"):
        seen = {a for a, rs in ix.roles.items() if role in rs}
        stack = list(seen)
        while stack:
            for prev in radj.get(stack.pop(), ()):
                if prev not in seen:
                    seen.add(prev)
                    stack.append(prev)
        can_reach[role] = seen
    out = []
    for aid in sorted(a for a, rs in ix.roles.items() if "first_contact" in rs):
        for role, code, lv_w, en_w in (("service_provider", "NRM_NO_PATH_TO_PROVIDER", "pakalpojuma sniedzēju", "a service provider"),
                                       ("police", "NRM_NO_PATH_TO_POLICE", "policiju", "the police")):
            if aid in can_reach[role] or _direct_referral_lawful(ix, aid, role):
                continue
            name_lv, name_en = _nm(ix, aid, "lv"), _nm(ix, aid, "en")
            out.append(Finding(code, None, aid,
                               f"Pirmā kontakta iestādei {name_lv} nav tiesiska ceļa, kā informēt {lv_w}.",
                               f"First-contact institution {name_en} has no lawful path to inform {en_w}.",
                               [], coverage_remedy(ix, aid, role)))
    return out


def check_landscape(ls: Landscape, as_of: dt.date) -> GapReport:
    """Run every rule on every flow of ``ls`` on ``as_of``; return the gap report."""
    with no_gc():
        return _check(ls, as_of)


def _check(ls: Landscape, as_of: dt.date) -> GapReport:
    ix = build_index(ls, as_of)
    flows = sorted(ls.flows.values(), key=lambda f: f.id)
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, f in enumerate(flows):  # one lookup of candidates per sender/recipient pair
        groups[(f.sender, f.recipient)].append(i)
    results: list = [None] * len(flows)
    for (sender, recipient), idxs in groups.items():
        refs, statics = _pair(ix, sender, recipient)
        for i in idxs:
            results[i] = _evaluate_flow(ix, flows[i], refs, statics, all_candidates=False)
    findings = [_finding(ix, r) for r in results if not r.covered]
    findings += _coverage(ix, results)
    return GapReport(ls.meta.id, ls.meta.title.model_dump(), as_of, list(ls.drafts), results, findings)


def explain_flow(ls: Landscape, flow: Flow, as_of: dt.date) -> FlowResult:
    """Verdict on a hypothetical flow (interviews, agreement recheck)."""
    return evaluate_flow(build_index(ls, as_of), flow)
