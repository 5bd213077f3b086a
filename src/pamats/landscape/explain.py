"""This file defines the explanations of a verdict: why each candidate provision failed, in
Latvian and English, the provisions nearest to a flow that has no candidate, and the
message of a finding.

A failure's text depends on a few facts only (the candidate and the flow's purpose for
``PURPOSE_NOT_COVERED``, the candidate and the flow's data for ``EXCESS_DATA``, …), so each
text is built once per index and those facts; :class:`~pamats.landscape.findings.Failure`
is immutable and shared. Candidates, findings and remedies are fresh objects per flow.
"""

from __future__ import annotations

from .findings import Candidate, Failure, Finding, FlowResult
from .index import Index, PermRef
from .model import Flow
from .remedy import _a, _purpose_labels

__all__ = ["candidate", "near", "finding"]


def _nm(ix: Index, aid: str, lang: str) -> str:
    """Short display name of an actor (precomputed in the index)."""
    return ix.names.get((aid, lang), aid)


def _party(ix: Index, ref: str, lang: str) -> str:
    """How a permission's sender or recipient reads: an actor's name, a role, or anyone."""
    if ref == "any":
        return "jebkurš" if lang == "lv" else "anyone"
    if ref.startswith("role:"):
        return ("loma " if lang == "lv" else "role ") + ref[5:]
    return _nm(ix, ref, lang)


def _key(code: str, ref: PermRef, flow: Flow, need: str, need_rules: list) -> tuple:
    """The facts the text of ``code`` for this candidate and flow depends on."""
    if code == "NO_BASIS":
        return (code, ref.permission.regime, flow.regime)
    if code == "PURPOSE_NOT_COVERED":
        return (code, id(ref), flow.purpose)
    if code == "EXCESS_DATA":
        return (code, id(ref), tuple(flow.categories), tuple(flow.subjects))
    if code == "NOT_BINDING":
        return (code, id(ref), flow.sender, flow.recipient)
    if code == "RANK_TOO_LOW":
        return (code, id(ref.instrument), need, tuple(id(r) for r in need_rules))
    return (code, id(ref.instrument))  # NOT_IN_FORCE, BROKEN_EMPOWERMENT


def _text(ix: Index, code: str, ref: PermRef, flow: Flow, need: str, need_rules: list) -> Failure:
    ls = ix.ls
    ins, perm = ref.instrument, ref.permission
    short = ins.short or ins.id
    if code == "NO_BASIS":
        return Failure(code, f"norma attiecas uz režīmu {perm.regime.value}, plūsma – {flow.regime.value}",
                       f"the provision is for regime {perm.regime.value}, the flow is {flow.regime.value}")
    if code == "PURPOSE_NOT_COVERED":
        return Failure(code, f"mērķis {flow.purpose!r} nav starp atļautajiem ({', '.join(perm.purposes)})",
                       f"purpose {flow.purpose!r} is not among those allowed ({', '.join(perm.purposes)})")
    if code == "EXCESS_DATA":
        cc, sc = ix.closure("categories", perm.categories), ix.closure("subjects", perm.subjects)
        what = [c for c in flow.categories if c not in cc] + [s for s in flow.subjects if s not in sc]
        return Failure(code, f"norma neatļauj: {', '.join(what)}", f"not allowed by the provision: {', '.join(what)}")
    rank = ls.ranks[ins.kind]
    if code == "NOT_BINDING":
        if rank.binds == "subordinates_of_issuer":
            return Failure(code,
                           f"{short} ir iekšējs akts; tas saista tikai iestādes, kas padotas izdevējam ({_nm(ix, ins.issuer, 'lv')}), bet sūtītājs ({_nm(ix, flow.sender, 'lv')}) tāda nav",
                           f"{short} is an internal act; it binds only institutions subordinate to {_nm(ix, ins.issuer, 'en')}, not {_nm(ix, flow.sender, 'en')}")
        outside = [a for a in (flow.sender, flow.recipient) if a not in ins.parties]
        names_lv, names_en = " un ".join(_nm(ix, a, "lv") for a in outside), " and ".join(_nm(ix, a, "en") for a in outside)
        if len(outside) == 1:
            return Failure(code, f"{short} saista tikai savas puses; {names_lv} nav puse", f"{short} binds only its parties; {names_en} is not a party")
        return Failure(code, f"{short} saista tikai savas puses; {names_lv} nav puses", f"{short} binds only its parties; {names_en} are not parties")
    if code == "NOT_IN_FORCE":
        why = ix.in_force[ins.id][1]
        return Failure(code, f"{short} {ix.as_of.isoformat()} nav spēkā: {why}",
                       f"{short} is not in force on {ix.as_of.isoformat()}: {why}")
    if code == "RANK_TOO_LOW":
        need_rank = ls.ranks[need]
        reasons_lv = " ".join(r.reason.lv for r in need_rules)
        reasons_en = " ".join(r.reason.en or r.reason.lv for r in need_rules)
        return Failure(code,
                       f"{short}: rangs – {rank.label.lv}; vajadzīgais minimālais rangs – {need_rank.label.lv}. {reasons_lv}".strip(),
                       f"{short} is {_a(rank.label.en or ins.kind)}; at least {_a(need_rank.label.en or need)} is needed. {reasons_en}".strip())
    problems = ix.empowerment[ins.id][1]  # BROKEN_EMPOWERMENT
    return Failure(code, "; ".join(p[0] for p in problems), "; ".join(p[1] for p in problems))


def candidate(ix: Index, flow: Flow, ref: PermRef, st: tuple, codes: tuple[str, ...], need: str, need_rules: list) -> Candidate:
    """One candidate (its static facts ``st`` and failure ``codes``) with the explanation of every failure."""
    cache = ix.cache.setdefault("failure_texts", {})
    fails = []
    for code in codes:
        key = _key(code, ref, flow, need, need_rules)
        f = cache.get(key)
        if f is None:
            f = cache[key] = _text(ix, code, ref, flow, need, need_rules)
        fails.append(f)
    return Candidate(st[9], st[10], st[11], fails)


def _side(ix: Index, actor: str, missing: str, limit: int) -> list[tuple]:
    """Distinct provisions filed for ``actor`` as sender (``missing`` = "recipient") or as
    recipient, in index order, at most ``limit``, each with the start of its explanation:
    (instrument, provision, ref, lv text, en text); the caller appends whom the flow has
    instead (cached per index)."""
    cache = ix.cache.setdefault("near_side", {})
    key = (actor, missing, limit)
    hit = cache.get(key)
    if hit is None:
        by = ix.by_sender if missing == "recipient" else ix.by_recipient
        role = "saņēmējs" if missing == "recipient" else "sūtītājs"
        hit, taken = [], set()
        for k in ix.keys(actor):
            for r in by.get(k, ()):
                ik = (r.instrument.id, r.provision.id)
                if ik in taken:
                    continue
                taken.add(ik)
                other = r.permission.recipient if missing == "recipient" else r.permission.sender
                hit.append((ik[0], ik[1], f"{r.instrument.short or r.instrument.id} {r.provision.ref}",
                            f"normā {role} ir {_party(ix, other, 'lv')}, nevis ",
                            f"the provision's {missing} is {_party(ix, other, 'en')}, not "))
                if len(hit) >= limit:
                    break
            if len(hit) >= limit:
                break
        cache[key] = hit
    return hit


def near(ix: Index, flow: Flow, limit: int = 3) -> list[Candidate]:
    """Up to ``limit`` provisions that cover the sender or the recipient only (shown as
    ``NO_BASIS``): the sender's first, then the recipient's, sorted by instrument and provision."""
    names = ix.names
    s, r = flow.sender, flow.recipient
    out = [Candidate(i, p, ref, [Failure("NO_BASIS", lv + names.get((r, "lv"), r), en + names.get((r, "en"), r))])
           for i, p, ref, lv, en in _side(ix, s, "recipient", limit)]
    if len(out) < limit:
        taken = {(c.instrument, c.provision) for c in out}
        for i, p, ref, lv, en in _side(ix, r, "sender", 2 * limit):
            if (i, p) not in taken:
                taken.add((i, p))
                out.append(Candidate(i, p, ref, [Failure("NO_BASIS", lv + names.get((s, "lv"), s), en + names.get((s, "en"), s))]))
                if len(out) >= limit:
                    break
    out.sort(key=lambda c: (c.instrument, c.provision))
    return out


_MESSAGES = {
    "NO_BASIS": ("Neviena norma neatļauj šo datu nodošanu (sūtītājs – {s}, saņēmējs – {r}).", "No provision allows {s} to disclose these data to {r}."),
    "PURPOSE_NOT_COVERED": ("Norma atļauj {s} → {r} datu nodošanu, bet ne šim mērķim: {p}.", "A provision allows {s} → {r}, but not for this purpose: {p}."),
    "EXCESS_DATA": ("Norma atļauj {s} → {r} datu nodošanu, bet ne visas datu kategorijas vai datu subjektus.", "A provision allows {s} → {r}, but not all the data categories or subjects."),
    "NOT_BINDING": ("Akts, kas atļautu {s} → {r} datu nodošanu, nesaista sūtītāju.", "The instrument that would allow {s} → {r} does not bind the sender."),
    "NOT_IN_FORCE": ("Akts, kas atļautu {s} → {r} datu nodošanu, nav spēkā.", "The instrument that would allow {s} → {r} is not in force."),
    "RANK_TOO_LOW": ("{s} → {r}: pamata akta rangs ir par zemu šiem datiem un šim sūtītājam.", "{s} → {r}: the basis is of too low a rank for these data and this sender."),
    "BROKEN_EMPOWERMENT": ("{s} → {r}: pamata akta pilnvarojuma ķēde nesasniedz likumu.", "{s} → {r}: the basis's chain of empowering provisions does not reach a law."),
}


def finding(ix: Index, res: FlowResult) -> Finding:
    """The finding for an uncovered flow: its message in both languages (built once per code,
    sender, recipient and purpose), the candidates and the remedy of the verdict."""
    f = res.flow
    cache = ix.cache.setdefault("messages", {})
    key = (res.code, f.sender, f.recipient, f.purpose if res.code == "PURPOSE_NOT_COVERED" else None)  # only that message names the purpose
    texts = cache.get(key)
    if texts is None:
        lv, en = _MESSAGES[res.code]
        p_lv, p_en = _purpose_labels(ix, f.purpose)
        texts = cache[key] = (lv.format(s=_nm(ix, f.sender, "lv"), r=_nm(ix, f.recipient, "lv"), p=p_lv),
                              en.format(s=_nm(ix, f.sender, "en"), r=_nm(ix, f.recipient, "en"), p=p_en))
    return Finding(res.code, f, None, texts[0], texts[1], res.candidates, res.remedy)
