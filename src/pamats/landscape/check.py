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
from typing import NamedTuple

import networkx as nx

from .codes import FLOW_RULE_ORDER
from .conditions import choose, unmet
from .coverage import link_restated
from .explain import candidate, finding, near, say_key
from .findings import Candidate, Failure, Finding, FlowResult, GapReport, Wording
from .index import Index, PermRef, build_index
from .load import Landscape
from .model import Flow, NrmReferral, Regime
from .remedy import coverage_remedy, flow_remedy

__all__ = ["check_landscape", "explain_flow", "evaluate_flow", "required_rank", "Static"]


class Static(NamedTuple):
    """What one permission contributes to every check (computed once per index).

    A named tuple: the hot loops unpack it (as fast as a plain tuple), the rest reads fields.
    """

    regime: Regime
    purposes: frozenset[str]  # the permission's purposes and every purpose under them
    categories: frozenset[str]  # the same for data categories
    subjects: frozenset[str]  # the same for data subjects
    binds: str  # whom the instrument's rank binds (jurisdiction rank ``binds``)
    issuer: str | None
    parties: frozenset[str]
    in_force: bool
    empowered: bool  # the instrument's empowering chain holds
    instrument: str
    provision: str
    ref: str  # "<instrument short> <provision ref>", as reports cite it
    level: int  # the instrument's rank level
    conditions: tuple[str, ...]  # the conditions the permission sets (pamats.landscape.conditions)


class PairBasis(NamedTuple):
    """A candidate of a sender/recipient pair that passes the pair-level rules (see :func:`_pair_bases`)."""

    level: int
    regime: Regime
    purposes: frozenset[str]
    categories: frozenset[str]
    subjects: frozenset[str]
    basis: Candidate  # shared by the pair's flows it covers (read-only)


def required_rank(ix: Index, flow: Flow) -> tuple[str, list]:
    """The minimum rank id a basis for ``flow`` needs, and the rank rules that applied (cached)."""
    memo = ix.check_memo
    cache = memo.required_rank
    public = ix.public.get(flow.sender, False)
    quick = cache.get((public, *flow.categories))  # same sender kind and categories: same answer
    if quick is not None:
        return quick
    cats = set(flow.categories)
    rule_sets = memo.rule_sets
    if rule_sets is None:
        rule_sets = memo.rule_sets = [
            ix.closure("categories", r.when_categories_under)
            for r in ix.ls.jurisdiction.rank_rules
            if r.when_categories_under
        ]
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
        if rule.when_categories_under and not (
            set(flow.categories) & ix.closure("categories", rule.when_categories_under)
        ):
            continue
        applied.append(rule)
    if not applied:
        return min(ranks.values(), key=lambda r: r.level).id, []
    best = max(applied, key=lambda r: ranks[r.min_rank].level)
    return best.min_rank, [r for r in applied if ranks[r.min_rank].level == ranks[best.min_rank].level]


_BARE = {c: Failure(c, Wording.of("", "")) for c in FLOW_RULE_ORDER}


def _static(ix: Index, statics: dict[int, Static], ref: PermRef) -> Static:
    """What a permission contributes to every check, computed once per index."""
    st = statics.get(id(ref))
    if st is None:
        ins, prov, perm = ref.instrument, ref.provision, ref.permission
        rank = ix.ls.ranks[ins.kind]
        st = statics[id(ref)] = Static(
            perm.regime,
            ix.closure("purposes", perm.purposes),
            ix.closure("categories", perm.categories),
            ix.closure("subjects", perm.subjects),
            rank.binds,
            ins.issuer,
            frozenset(ins.parties),
            ix.in_force[ins.id][0],
            ix.empowerment[ins.id][0],
            ins.id,
            prov.id,
            f"{ins.short or ins.id} {prov.ref}",
            rank.level,
            tuple(perm.conditions),
        )
    return st


def _codes(ix: Index, flow: Flow, st: Static, need_level: int) -> tuple[str, ...]:
    """The failure codes of one candidate (its :class:`Static` facts), in rule order (the fast path of :func:`_evaluate_flow`)."""
    (
        regime,
        purposes,
        categories,
        subjects,
        binds,
        issuer,
        parties,
        in_force,
        empowered,
        _instrument,
        _provision,
        _ref,
        level,
        _conditions,
    ) = st
    out = []
    if regime is not flow.regime:
        out.append("NO_BASIS")
    if flow.purpose not in purposes:
        out.append("PURPOSE_NOT_COVERED")
    if not (categories.issuperset(flow.categories) and subjects.issuperset(flow.subjects)):
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
    if not empowered:
        out.append("BROKEN_EMPOWERMENT")
    return tuple(out)


def _pair(ix: Index, sender: str, recipient: str) -> tuple[list[PermRef], list[Static]]:
    """The candidate permissions for a sender/recipient pair and their static facts (cached)."""
    cache = ix.check_memo.pairs
    hit = cache.get((sender, recipient))
    if hit is None:
        hit = cache[(sender, recipient)] = _pair_uncached(ix, sender, recipient)
    return hit


def _pair_uncached(ix: Index, sender: str, recipient: str) -> tuple[list[PermRef], list[Static]]:
    refs: list[PermRef] = []
    rkeys = None
    for sk in ix.keys(sender):
        by_rk = ix.by_pair.get(sk)
        if by_rk:
            rkeys = rkeys or ix.keys(recipient)
            for rk in rkeys:
                found = by_rk.get(rk)
                if found:
                    refs.extend(found)
    statics = ix.check_memo.statics
    return refs, [_static(ix, statics, r) for r in refs]


def evaluate_flow(ix: Index, flow: Flow) -> FlowResult:
    """Check one flow against the index; the flow need not be part of the landscape."""
    refs, statics = _pair(ix, flow.sender, flow.recipient)
    return _evaluate_flow(ix, flow, refs, statics)


def _evaluate_flow(ix: Index, flow: Flow, refs: list[PermRef], statics: list[Static]) -> FlowResult:
    need_level = ix.ls.ranks[required_rank(ix, flow)[0]].level
    codes = [_codes(ix, flow, st, need_level) for st in statics]
    if any(not c for c in codes):  # covered: candidates carry their failure codes only (fast path)
        cands = [
            Candidate(st.instrument, st.provision, st.ref, [_BARE[x] for x in c], st.conditions)
            for st, c in zip(statics, codes)
        ]
        cands.sort(key=Candidate.sort_key)
        basis, missing = choose(flow, (c for c in cands if c.ok))
        return FlowResult(flow, True, None, basis, cands, conditions=basis.conditions, unmet=missing)
    return _uncovered(ix, flow, refs, statics)


def _uncovered(ix: Index, flow: Flow, refs: list[PermRef], statics: list[Static]) -> FlowResult:
    """The verdict on a flow no candidate covers: every candidate with its explanations, the remedy."""
    need, need_rules = required_rank(ix, flow)
    if refs:
        level = ix.ls.ranks[need].level
        cands = sorted(
            (
                candidate(ix, flow, r, st.ref, _codes(ix, flow, st, level), need, need_rules)
                for r, st in zip(refs, statics)
            ),
            key=Candidate.sort_key,
        )
        code = cands[0].failures[0].code
    else:
        code = "NO_BASIS"
        cands = near(ix, flow)
    return FlowResult(flow, False, code, None, cands, flow_remedy(ix, flow, code, cands, need))


def _direct_referral(ix: Index, aid: str, spec: NrmReferral) -> tuple[bool, FlowResult | None]:
    """(lawful?, nearest): lawful when the law lets ``aid`` make the jurisdiction's minimum
    referral ``spec`` directly to an actor with its role; else the first such referral a
    provision on that purpose already names but does not carry (data, binding, rank, force…),
    or ``None``."""
    role = spec.role
    reachable = set()
    for key in ix.keys(aid):
        for ref in ix.by_sender.get(key, ()):
            reachable.update(ix.actors_for(ref.permission.recipient))
    nearest = None
    for target in sorted(t for t in reachable if role in ix.roles.get(t, ())):
        if target == aid:
            continue
        for regime in ("gdpr", "led"):
            probe = Flow(
                id="nrm-probe",
                sender=aid,
                recipient=target,
                categories=spec.categories,
                purpose=spec.purpose,
                subjects=spec.subjects,
                regime=regime,
            )
            res = evaluate_flow(ix, probe)
            if res.covered:
                return True, None
            if nearest is None and res.code != "NO_BASIS" and res.candidates and _on_the_matter(res):
                nearest = res
    return False, nearest


def _on_the_matter(res: FlowResult) -> bool:
    """True when the best candidate is a provision for this purpose (it fails on something else:
    data, binding, rank, force…); a provision for another purpose does not "already allow" it."""
    return all(x.code != "PURPOSE_NOT_COVERED" for x in res.candidates[0].failures)


def _coverage(ix: Index, results: list[FlowResult]) -> list[Finding]:
    """NRM findings: first-contact institutions with no lawful path to a provider / the police
    (the roles and the minimum referral are the jurisdiction's ``nrm``; none without it).

    A path runs over covered flows (the lawful-flow graph, a networkx DiGraph: an actor reaches
    a role when it is an ancestor of an actor with that role, each role walked once), or is a
    direct referral the law allows (see :func:`_direct_referral`).
    """
    nrm = ix.ls.jurisdiction.nrm
    if nrm is None:
        return []
    sides = (
        (nrm.to_service_provider, "NRM_NO_PATH_TO_PROVIDER"),
        (nrm.to_police, "NRM_NO_PATH_TO_POLICE"),
    )
    lawful = nx.DiGraph((r.flow.sender, r.flow.recipient) for r in results if r.covered)
    can_reach: dict[str, set[str]] = {}
    for role in {spec.role for spec, _code in sides}:
        targets = {a for a, rs in ix.roles.items() if role in rs}
        lawful.add_node("__role__")
        lawful.add_edges_from((t, "__role__") for t in targets)
        can_reach[role] = targets | (nx.ancestors(lawful, "__role__") - {"__role__"})
        lawful.remove_node("__role__")
    out = []
    for aid in sorted(a for a, rs in ix.roles.items() if nrm.first_contact_role in rs):
        for spec, code in sides:
            if aid in can_reach[spec.role]:
                continue
            lawful, nearest = _direct_referral(ix, aid, spec)
            if lawful:
                continue
            out.append(
                Finding(
                    code,
                    None,
                    aid,
                    Wording.said_by(
                        say_key, f"code.{code}.message", {"actor": ix.name(aid, "lv")}, {"actor": ix.name(aid, "en")}
                    ),
                    [],
                    coverage_remedy(ix, aid, spec, code, nearest),
                )
            )
    return out


def check_landscape(ls: Landscape, as_of: dt.date) -> GapReport:
    """Run every rule on every flow of ``ls`` on ``as_of``; return the gap report.

    Checking allocates many small objects and no cycles: a short-lived process (the CLI) may
    pause Python's cyclic collector around it; this library function leaves it alone.
    """
    return _check(ls, as_of)


def _pair_bases(ix: Index, sender: str, recipient: str, statics: list[Static]) -> list[PairBasis]:
    """The candidates of a pair that pass the pair-level rules (binding, in force, empowerment).

    Those rules depend on the sender and recipient only, so a flow of the pair is covered
    exactly when one of these also passes the per-flow rules (regime, purpose, data, rank).
    Sorted by (instrument, provision): the first that passes is the basis a report shows.
    """
    out = []
    for st in statics:
        if not (st.in_force and st.empowered):
            continue
        binds, issuer, parties = st.binds, st.issuer, st.parties
        if binds == "subordinates_of_issuer":
            if sender != issuer and issuer not in ix.superiors.get(sender, ()):
                continue
        elif binds == "parties" and not (sender in parties and recipient in parties):
            continue
        out.append(
            PairBasis(
                st.level,
                st.regime,
                st.purposes,
                st.categories,
                st.subjects,
                Candidate(st.instrument, st.provision, st.ref, [], st.conditions),
            )
        )
    out.sort(key=lambda b: (b.basis.instrument, b.basis.provision))
    return out


def _check(ls: Landscape, as_of: dt.date) -> GapReport:
    ix = build_index(ls, as_of)
    flows = sorted(ls.flows.values(), key=lambda f: f.id)
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, f in enumerate(flows):  # one lookup of candidates per sender/recipient pair
        groups[(f.sender, f.recipient)].append(i)
    results: list = [None] * len(flows)
    levels: dict[tuple, int] = {}  # (sender is public, *categories) -> level of the rank needed
    ranks = ls.ranks
    for (sender, recipient), idxs in groups.items():
        refs, statics = _pair_uncached(ix, sender, recipient)  # each pair once: no need to keep it
        bases = _pair_bases(ix, sender, recipient, statics)
        public = ix.public.get(sender, False)
        for i in idxs:
            f = flows[i]
            if bases:
                key = (public, *f.categories)
                need = levels.get(key)
                if need is None:
                    need = levels[key] = ranks[required_rank(ix, f)[0]].level
                fallback = None  # the first covering basis with a condition the flow does not declare
                for level, regime, purposes, categories, subjects, basis in bases:  # PairBasis
                    if (
                        level >= need
                        and regime is f.regime
                        and f.purpose in purposes
                        and categories.issuperset(f.categories)
                        and subjects.issuperset(f.subjects)
                    ):
                        if basis.conditions:
                            missing = unmet(f, basis.conditions)
                            if missing:
                                fallback = fallback or (basis, missing)
                                continue
                        results[i] = FlowResult(f, True, None, basis, (), conditions=basis.conditions)
                        break
                else:
                    if fallback is not None:
                        basis, missing = fallback
                        results[i] = FlowResult(f, True, None, basis, (), conditions=basis.conditions, unmet=missing)
                    else:
                        results[i] = _uncovered(ix, f, refs, statics)
            else:
                results[i] = _uncovered(ix, f, refs, statics)
    findings = [finding(ix, r) for r in results if not r.covered]
    findings += _coverage(ix, results)
    link_restated(ix, findings)
    verified = {
        (i.id, p.id): p.verified if p.verified is not None else i.verified
        for i in ls.instruments.values()
        for p in i.provisions
    }
    labels = {
        c.id: {"lv": c.label.lv or c.label.en, "en": c.label.en or c.label.lv} for c in ls.jurisdiction.conditions
    }
    return GapReport(
        ls.meta.id,
        ls.meta.title.model_dump(),
        as_of,
        list(ls.drafts),
        results,
        findings,
        verified,
        languages=tuple(ls.jurisdiction.languages),
        condition_labels=labels,
    )


def explain_flow(ls: Landscape, flow: Flow, as_of: dt.date) -> FlowResult:
    """Verdict on a hypothetical flow (interviews, agreement recheck)."""
    return evaluate_flow(build_index(ls, as_of), flow)
