"""This file defines the explanations of a verdict: why each candidate provision failed, in
Latvian and English, the provisions nearest to a flow that has no candidate, and the
message of a finding.

The check returns codes and parameters; the texts are formatted from the catalogue when a
report first reads them (a :class:`~pamats.landscape.findings.Wording`: the ``_say_…``
functions below). A failure's text depends on a few facts only (the candidate and the flow's
purpose for ``PURPOSE_NOT_COVERED``, the candidate and the flow's data for ``EXCESS_DATA``,
…), so one :class:`~pamats.landscape.findings.Failure` is recorded per index and those facts,
immutable and shared. Candidates, findings and remedies are fresh objects per flow.
"""

from __future__ import annotations

from ..text.english import a_or_an
from ..text.messages import msg, msg_around, template
from .findings import Candidate, Failure, Finding, FlowResult, Wording
from .index import Index, PermRef
from .model import Flow

__all__ = ["candidate", "near", "finding", "purpose_labels", "say_key"]


def purpose_labels(ix: Index, purpose: str) -> tuple[str, str]:
    """(Latvian, English) label of a purpose of the landscape (its id when unknown)."""
    term = ix.ls.purposes.get(purpose)
    return (term.label.get("lv"), term.label.get("en")) if term else (purpose, purpose)


def _party(names: dict, ref: str, lang: str) -> str:
    """How a permission's sender or recipient reads: an actor's name, a role, a kind, or anyone."""
    if ref == "any":
        return msg("party.any", lang)
    if ref.startswith("role:"):
        return msg("party.role", lang, role=ref[5:])
    if ref.startswith("kind:"):
        return msg("party.kind", lang, kind=ref[5:])
    return names.get((ref, lang), ref)


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


def say_key(key: str, lv: dict, en: dict | None = None) -> tuple[str, str]:
    """(lv, en) of catalogue text ``key`` with its parameters (``en``: when they differ)."""
    return msg(key, "lv", **lv), msg(key, "en", **(lv if en is None else en))


def _say_not_party(names: dict, short: str, outside: tuple[str, ...]) -> tuple[str, str]:
    both = [f" {msg('word.and', lang)} ".join(names.get((a, lang), a) for a in outside) for lang in ("lv", "en")]
    key = "failure.not_party" if len(outside) == 1 else "failure.not_parties"
    return say_key(key, {"instrument": short, "names": both[0]}, {"instrument": short, "names": both[1]})


def _say_rank(short: str, kind: str, rank, need: str, need_rank, need_rules: tuple) -> tuple[str, str]:
    lv = msg(
        "failure.rank",
        "lv",
        instrument=short,
        rank=rank.label.get("lv"),
        need=need_rank.label.get("lv"),
        reasons=" ".join(r.reason.get("lv") for r in need_rules),
    )
    en = msg(
        "failure.rank",
        "en",
        instrument=short,
        rank=a_or_an(rank.label.en or kind),
        need=a_or_an(need_rank.label.en or need),
        reasons=" ".join(r.reason.get("en") for r in need_rules),
    )
    return lv.strip(), en.strip()


def _say_problems(problems: list) -> tuple[str, str]:
    return "; ".join(p[0] for p in problems), "; ".join(p[1] for p in problems)


def _failure_text(ix: Index, code: str, ref: PermRef, flow: Flow, need: str, need_rules: list) -> Wording:
    """Why candidate ``ref`` fails rule ``code`` for ``flow``: the catalogue text and its
    parameters, said when a report reads it. Never ``ix`` itself among them: the failure is
    kept in the index's memo, and a reference back would make the whole index a cycle that only
    the garbage collector frees."""
    ls = ix.ls
    ins, perm = ref.instrument, ref.permission
    short = ins.short or ins.id
    if code == "NO_BASIS":
        params = {"provision_regime": perm.regime.value, "flow_regime": flow.regime.value}
        return Wording.said_by(say_key, "failure.regime", params)
    if code == "PURPOSE_NOT_COVERED":
        return Wording.said_by(
            say_key, "failure.purpose", {"purpose": flow.purpose, "allowed": ", ".join(perm.purposes)}
        )
    if code == "EXCESS_DATA":
        cc, sc = ix.closure("categories", perm.categories), ix.closure("subjects", perm.subjects)
        what = [c for c in flow.categories if c not in cc] + [s for s in flow.subjects if s not in sc]
        return Wording.said_by(say_key, "failure.excess", {"what": ", ".join(what)})
    rank = ls.ranks[ins.kind]
    if code == "NOT_BINDING":
        if rank.binds == "subordinates_of_issuer":
            return Wording.said_by(
                say_key,
                "failure.internal_act",
                {"instrument": short, "issuer": ix.name(ins.issuer, "lv"), "sender": ix.name(flow.sender, "lv")},
                {"instrument": short, "issuer": ix.name(ins.issuer, "en"), "sender": ix.name(flow.sender, "en")},
            )
        outside = tuple(a for a in (flow.sender, flow.recipient) if a not in ins.parties)
        return Wording.said_by(_say_not_party, ix.names, short, outside)
    if code == "NOT_IN_FORCE":
        params = {"instrument": short, "date": ix.as_of.isoformat(), "why": ix.in_force[ins.id][1]}
        return Wording.said_by(say_key, "failure.not_in_force", params)
    if code == "RANK_TOO_LOW":
        return Wording.said_by(_say_rank, short, ins.kind, rank, need, ls.ranks[need], tuple(need_rules))
    return Wording.said_by(_say_problems, ix.empowerment[ins.id][1])  # BROKEN_EMPOWERMENT


def candidate(
    ix: Index, flow: Flow, ref: PermRef, cite: str, codes: tuple[str, ...], need: str, need_rules: list
) -> Candidate:
    """One candidate (``ref``, cited as ``cite``, failing ``codes``) with the explanation of every failure."""
    cache = ix.explain_memo.failures
    fails = []
    for code in codes:
        key = _key(code, ref, flow, need, need_rules)
        f = cache.get(key)
        if f is None:
            f = cache[key] = Failure(code, _failure_text(ix, code, ref, flow, need, need_rules))
        fails.append(f)
    return Candidate(ref.instrument.id, ref.provision.id, cite, fails)


def _side(ix: Index, actor: str, missing: str, limit: int) -> list[tuple[str, str, str, str]]:
    """Distinct provisions filed for ``actor`` as sender (``missing`` = "recipient") or as
    recipient, in index order, at most ``limit``: (instrument, provision, ref, whom the
    provision has on the other side) (cached per index)."""
    cache = ix.explain_memo.near_sides
    key = (actor, missing, limit)
    hit = cache.get(key)
    if hit is None:
        by = ix.by_sender if missing == "recipient" else ix.by_recipient
        hit, taken = [], set()
        for k in ix.keys(actor):
            for r in by.get(k, ()):
                ik = (r.instrument.id, r.provision.id)
                if ik in taken:
                    continue
                taken.add(ik)
                other = r.permission.recipient if missing == "recipient" else r.permission.sender
                hit.append((ik[0], ik[1], f"{r.instrument.short or r.instrument.id} {r.provision.ref}", other))
                if len(hit) >= limit:
                    break
            if len(hit) >= limit:
                break
        cache[key] = hit
    return hit


def _say_near(names: dict, cache: dict, text: str, party: str, actor: str) -> tuple[str, str]:
    """(lv, en) why a nearest provision does not cover the flow: its ``party`` is not ``actor``
    (``cache``: the index's ``explain_memo.near_texts``)."""
    hit = cache.get((text, party))
    if hit is None:
        hit = cache[(text, party)] = (
            *msg_around(text, "lv", "other", party=_party(names, party, "lv")),
            *msg_around(text, "en", "other", party=_party(names, party, "en")),
        )
    lv, lv_end, en, en_end = hit
    return lv + names.get((actor, "lv"), actor) + lv_end, en + names.get((actor, "en"), actor) + en_end


def near(ix: Index, flow: Flow, limit: int = 3) -> list[Candidate]:
    """Up to ``limit`` provisions that cover the sender or the recipient only (shown as
    ``NO_BASIS``): the sender's first, then the recipient's, sorted by instrument and provision."""
    s, r = flow.sender, flow.recipient
    names, said = ix.names, ix.explain_memo.near_texts  # (not ix: see _failure_text)
    out = [
        Candidate(
            i,
            p,
            ref,
            [Failure("NO_BASIS", Wording.said_by(_say_near, names, said, "failure.near_recipient", other, r))],
        )
        for i, p, ref, other in _side(ix, s, "recipient", limit)
    ]
    if len(out) < limit:
        taken = {(c.instrument, c.provision) for c in out}
        for i, p, ref, other in _side(ix, r, "sender", 2 * limit):
            if (i, p) not in taken:
                taken.add((i, p))
                text = Wording.said_by(_say_near, names, said, "failure.near_sender", other, s)
                out.append(Candidate(i, p, ref, [Failure("NO_BASIS", text)]))
                if len(out) >= limit:
                    break
    out.sort(key=lambda c: (c.instrument, c.provision))
    return out


_TEMPLATES: dict[str, tuple[str, str]] = {}


def _message_templates(code: str) -> tuple[str, str]:
    """The (lv, en) catalogue texts of a finding's message (looked up once per process)."""
    hit = _TEMPLATES.get(code)
    if hit is None:
        hit = _TEMPLATES[code] = (template(f"code.{code}.message", "lv"), template(f"code.{code}.message", "en"))
    return hit


def finding(ix: Index, res: FlowResult) -> Finding:
    """The finding for an uncovered flow: its message (said when a report reads it), the
    candidates and the remedy of the verdict."""
    return Finding(
        res.code, res.flow, None, Wording.said_by(_message, ix, res.code, res.flow), res.candidates, res.remedy
    )


def _message(ix: Index, code: str, f: Flow) -> tuple[str, str]:
    """(lv, en) message of a finding on flow ``f`` (built once per code, sender, recipient and purpose)."""
    cache = ix.explain_memo.messages
    key = (
        code,
        f.sender,
        f.recipient,
        f.purpose if code == "PURPOSE_NOT_COVERED" else None,
    )  # only that message names the purpose
    texts = cache.get(key)
    if texts is None:
        lv_t, en_t = _message_templates(code)
        # only that code's message names the purpose (and only its cache key holds it)
        p_lv, p_en = purpose_labels(ix, f.purpose) if code == "PURPOSE_NOT_COVERED" else ("", "")
        names = ix.names
        texts = cache[key] = (
            lv_t.format(
                sender=names.get((f.sender, "lv"), f.sender),
                recipient=names.get((f.recipient, "lv"), f.recipient),
                purpose=p_lv,
            ),
            en_t.format(
                sender=names.get((f.sender, "en"), f.sender),
                recipient=names.get((f.recipient, "en"), f.recipient),
                purpose=p_en,
            ),
        )
    return texts
