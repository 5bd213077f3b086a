"""This file defines the precomputed indexes the checks run on.

Built once per landscape and date: term ancestors (for category / purpose / subject
hierarchies), actor superiors, which instruments are in force, each instrument's
empowerment verdict, and permissions indexed by (sender key, recipient key) where a key
is an actor id, ``role:<role>``, ``kind:<actor kind>`` or ``any``. With these, checking a flow costs a handful
of dictionary look-ups, so 100,000 flows check in about a second.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from ..text.english import a_or_an
from ..text.messages import msg
from .load import Landscape
from .memo import CheckMemo, ExplainMemo, RemedyMemo
from .model import Instrument, Permission, Provision, Status

__all__ = ["Index", "PermRef", "build_index", "instrument_in_force"]


@dataclass(frozen=True)
class PermRef:
    """One permission of one provision of one instrument."""

    instrument: Instrument
    provision: Provision
    permission: Permission
    n: int  # position among the provision's permissions


@dataclass
class Index:
    ls: Landscape
    as_of: dt.date
    term_anc: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)
    superiors: dict[str, frozenset[str]] = field(default_factory=dict)
    roles: dict[str, frozenset[str]] = field(default_factory=dict)
    public: dict[str, bool] = field(default_factory=dict)  # actor id -> public authority
    by_pair: dict[str, dict[str, list[PermRef]]] = field(default_factory=dict)  # sender key -> recipient key -> refs
    by_sender: dict[str, list[PermRef]] = field(default_factory=lambda: defaultdict(list))
    by_recipient: dict[str, list[PermRef]] = field(default_factory=lambda: defaultdict(list))
    in_force: dict[str, tuple[bool, str | None]] = field(default_factory=dict)
    empowerment: dict[str, tuple[bool, list[tuple[str, str]]]] = field(default_factory=dict)
    empowerment_roots: dict[str, list[tuple[str, str]]] = field(
        default_factory=dict
    )  # causes at the top of a broken chain

    term_desc: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)
    names: dict[tuple[str, str], str] = field(default_factory=dict)
    # memo tables of this index's own look-ups
    closure_memo: dict[tuple[str, tuple[str, ...]], frozenset[str]] = field(default_factory=dict)
    keys_memo: dict[str, list[str]] = field(default_factory=dict)
    actors_memo: dict[str, list[str]] = field(default_factory=dict)
    # the named memo tables of the check, the explanations and the remedies (pamats.landscape.memo)
    check_memo: CheckMemo = field(default_factory=CheckMemo)
    explain_memo: ExplainMemo = field(default_factory=ExplainMemo)
    remedy_memo: RemedyMemo = field(default_factory=RemedyMemo)

    # -- vocabulary ------------------------------------------------------------------
    def under(self, kind: str, term: str, allowed: list[str]) -> bool:
        """True when ``term`` equals or descends from one of ``allowed``."""
        anc = self.term_anc[kind].get(term, frozenset((term,)))
        return any(a in anc for a in allowed)

    def closure(self, kind: str, allowed: list[str] | tuple[str, ...]) -> frozenset[str]:
        """Every term equal to or under one of ``allowed`` (cached): ``term in closure`` is ``under``."""
        cache = self.closure_memo
        key = (kind, tuple(allowed))
        res = cache.get(key)
        if res is None:
            desc = self.term_desc[kind]
            res = frozenset().union(*(desc.get(a, frozenset((a,))) for a in allowed))
            cache[key] = res
        return res

    def keys(self, actor_id: str) -> list[str]:
        """Index keys under which permissions for ``actor_id`` are filed (cached)."""
        cache = self.keys_memo
        k = cache.get(actor_id)
        if k is None:
            actor = self.ls.actors.get(actor_id)
            kind = ["kind:" + actor.kind] if actor is not None else []
            k = cache[actor_id] = [
                actor_id,
                "any",
                *kind,
                *("role:" + r for r in sorted(self.roles.get(actor_id, ()))),
            ]
        return k

    def name(self, actor_id: str, lang: str) -> str:
        return self.names.get((actor_id, lang), actor_id)

    def actors_for(self, ref: str) -> list[str]:
        """Actor ids a sender/recipient reference stands for (cached)."""
        cache = self.actors_memo
        if ref not in cache:
            if ref == "any":
                cache[ref] = sorted(self.ls.actors)
            elif ref.startswith("role:"):
                cache[ref] = sorted(a for a, rs in self.roles.items() if ref[5:] in rs)
            elif ref.startswith("kind:"):
                cache[ref] = sorted(a.id for a in self.ls.actors.values() if a.kind == ref[5:])
            else:
                cache[ref] = [ref]
        return cache[ref]


def _ancestors(terms) -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}

    def anc(tid: str, depth: int = 0) -> frozenset[str]:
        if tid in out:
            return out[tid]
        t = terms.get(tid)
        if t is None or not t.parent or depth > 50:
            res = frozenset((tid,))
        else:
            res = frozenset((tid,)) | anc(t.parent, depth + 1)
        out[tid] = res
        return res

    for tid in terms:
        anc(tid)
    return out


# The reasons are given in English in both languages' texts (as the reports always have);
# the catalogue has the Latvian wording ready (in_force.* in lv.yaml).
_WHY_LANG = "en"


def instrument_in_force(ins: Instrument, as_of: dt.date) -> tuple[bool, str | None]:
    """(in force?, why not) on ``as_of``."""
    if ins.status != Status.in_force:
        why = ins.status.value
        return False, (
            msg(f"in_force.{why}", _WHY_LANG) if why in ("draft", "repealed", "expired", "terminated") else why
        )
    if ins.valid_from and as_of < ins.valid_from:
        return False, msg("in_force.not_yet", _WHY_LANG, date=ins.valid_from.isoformat())
    if ins.valid_to and as_of > ins.valid_to:
        return False, msg("in_force.no_longer", _WHY_LANG, date=ins.valid_to.isoformat())
    return True, None


def build_index(ls: Landscape, as_of: dt.date) -> Index:
    ix = Index(ls=ls, as_of=as_of)
    ix.term_anc = {
        "categories": _ancestors(ls.categories),
        "purposes": _ancestors(ls.purposes),
        "subjects": _ancestors(ls.subjects),
    }
    for kind, anc in ix.term_anc.items():
        desc: dict[str, set[str]] = defaultdict(set)
        for term, ancestors in anc.items():
            for a in ancestors:
                desc[a].add(term)
        ix.term_desc[kind] = {k: frozenset(v) for k, v in desc.items()}
    for a in ls.actors.values():
        ix.roles[a.id] = frozenset(a.roles)
        ix.public[a.id] = bool(a.public_authority)
        ix.names[(a.id, "lv")] = a.short or a.name.get("lv")
        ix.names[(a.id, "en")] = a.short or a.name.get("en")
        sup, cur, seen = [], a.subordinate_to, set()
        while cur and cur in ls.actors and cur not in seen:
            seen.add(cur)
            sup.append(cur)
            cur = ls.actors[cur].subordinate_to
        ix.superiors[a.id] = frozenset(sup)
    for ins in ls.instruments.values():
        ix.in_force[ins.id] = instrument_in_force(ins, as_of)
        for prov in ins.provisions:
            for n, perm in enumerate(prov.authorises):
                ref = PermRef(ins, prov, perm, n)
                ix.by_pair.setdefault(perm.sender, {}).setdefault(perm.recipient, []).append(ref)
                ix.by_sender[perm.sender].append(ref)
                ix.by_recipient[perm.recipient].append(ref)
    for iid in _empowering_order(ls):
        ix.empowerment[iid] = _empowerment(ix, iid)
    return ix


def _empowering_order(ls: Landscape) -> list[str]:
    """Every instrument, each after the instruments it is issued under (networkx topological
    order of the empowerment graph: no recursion, so a chain of any length is fine). The loader
    refuses cycles; should one get through, the members of a cycle come after what they depend
    on, in id order, and find their chain undecided (a cycle problem)."""
    g = nx.DiGraph()
    g.add_nodes_from(sorted(ls.instruments))
    g.add_edges_from(
        (e.instrument, i.id) for i in ls.instruments.values() for e in i.empowered_by if e.instrument in ls.instruments
    )
    cond = nx.condensation(g)
    return [m for c in nx.topological_sort(cond) for m in sorted(cond.nodes[c]["members"])]


def _both(key: str, lv: dict | None = None, en: dict | None = None) -> tuple[str, str]:
    """(Latvian, English) text of ``key``; ``en`` defaults to the Latvian parameters."""
    lv = lv or {}
    return msg(key, "lv", **lv), msg(key, "en", **(lv if en is None else en))


def _empowerment(ix: Index, iid: str) -> tuple[bool, list[tuple[str, str]]]:
    """(ok, problems as (lv, en) texts) for the empowering chain of instrument ``iid``; the
    instruments it is issued under are already decided (:func:`_empowering_order`). A problem
    further up the chain is named with the link it came through and its cause at the top of the
    chain (``ix.empowerment_roots``), so texts stay short however long the chain."""
    ls = ix.ls
    ins = ls.instruments[iid]
    ranks = ls.ranks
    rank = ranks[ins.kind]
    if not rank.needs_empowerment:
        return True, []
    problems: list[tuple[str, str]] = []
    roots: list[tuple[str, str]] = []  # the causes at the top of the chain
    lab_lv, lab_en = rank.label.get("lv"), rank.label.en or ins.kind
    if not ins.empowered_by:
        problems.append(_both("empowerment.none_cited", {"rank": lab_lv}, {"rank": a_or_an(lab_en)}))
        roots.append(problems[-1])
    ok_any = False
    for emp in ins.empowered_by:
        up = ls.instruments.get(emp.instrument)
        if up is None:
            continue
        prov = next((p for p in up.provisions if p.id == emp.provision), None)
        up_rank = ranks[up.kind]
        ref = f"{up.short or up.id} {prov.ref if prov else emp.provision}"
        up_short = up.short or up.id
        direct: list[tuple[str, str]] = []
        in_force, why = ix.in_force[up.id]
        if not in_force:
            direct.append(_both("empowerment.not_in_force", {"instrument": up_short, "why": why}))
        if up_rank.level <= rank.level:
            direct.append(
                _both("empowerment.not_higher", {"ref": ref, "rank": lab_lv}, {"ref": ref, "rank": a_or_an(lab_en)})
            )
        elif ins.kind not in up_rank.may_empower or (
            # no re-delegation: a mandate received is not passed on to another external act
            not ls.jurisdiction.redelegation and up_rank.needs_empowerment and rank.external
        ):
            direct.append(
                _both(
                    "empowerment.redelegation",
                    {"ref": ref, "up_rank": up_rank.label.get("lv"), "rank": lab_lv},
                    {"ref": ref, "up_rank": a_or_an(up_rank.label.en or up.kind), "rank": a_or_an(lab_en)},
                )
            )
        if prov is not None and prov.empowers and ins.kind not in prov.empowers:
            direct.append(_both("empowerment.only", {"ref": ref, "kinds": ", ".join(prov.empowers)}))
        problems += direct
        roots += direct
        if direct:
            continue
        up_ok, _ = ix.empowerment.get(up.id) or (False, [])
        if up_ok:
            ok_any = True
            continue
        causes = ix.empowerment_roots.get(up.id) or [_both("empowerment.cycle")]
        problems.extend(
            _both(
                "empowerment.upstream", {"instrument": up_short, "problem": lv}, {"instrument": up_short, "problem": en}
            )
            for lv, en in causes
        )
        roots += causes
    if ok_any:
        return True, []
    ix.empowerment_roots[iid] = roots
    return False, problems
