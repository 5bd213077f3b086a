"""This file defines remedies: which instrument, issued under which provision, closes a gap.

For a missing or too-weak basis the remedy is an instrument of the needed rank, issued
under an empowering provision in force whose ``empowers`` admits that kind and whose
``topics`` cover the flow's purpose (laws first). The instruments that follow it are the
jurisdiction's ``follow_ups`` (in Latvia, for a public sender subordinate to a ministry: a
ministry order to oblige the subordinate institutions, and an agreement on the operational
arrangements); the interview that drafts it is its rank's ``interview``. Where nothing in the landscape empowers the needed
instrument, ``under`` is ``None`` and the text says a law amendment is needed and that
the drafter must name the empowering law: pamats never invents a statute number.

A remedy's text is a :class:`~pamats.landscape.findings.Wording`, said when a report first reads
it (the ``_say_…`` functions). A flow's new-instrument remedy is fresh per flow and reads the
index's memo tables; the others (an existing instrument to amend, kept in the index's memo, and
the NRM remedies) hold plain parameters only, never the index (that would be a reference cycle).
"""

from __future__ import annotations

from ..text.english import a_or_an
from ..text.latvian import ref_acc
from ..text.messages import msg, msg_around
from .explain import purpose_labels, say_key
from .findings import Candidate, FlowResult, Remedy, Wording
from .index import Index
from .model import Flow, NrmReferral, Status
from .relations import issued_under

__all__ = ["flow_remedy", "coverage_remedy"]


def _empowering(ix: Index, kind: str, purpose: str) -> dict | None:
    """The best empowering provision in force for ``kind`` on ``purpose`` (cached per index)."""
    cache = ix.remedy_memo.empowering
    if (kind, purpose) not in cache:
        cache[(kind, purpose)] = _find_empowering(ix, kind, purpose)
    return cache[(kind, purpose)]


def _find_empowering(ix: Index, kind: str, purpose: str) -> dict | None:
    best = None
    ranks, redelegation = ix.ls.ranks, ix.ls.jurisdiction.redelegation
    for ins, prov, rank in _empowering_provisions(ix):
        if kind not in rank.may_empower or kind not in prov.empowers:
            continue
        if not redelegation and rank.needs_empowerment and kind in ranks and ranks[kind].external:
            continue  # a mandate received is not passed on to another external act
        if prov.topics and not ix.under("purposes", purpose, prov.topics):
            continue
        key = (0 if prov.topics else 1, -rank.level, ins.id, prov.id)
        if best is None or key < best[0]:
            under = {"instrument": ins.id, "provision": prov.id, "ref": f"{ins.short or ins.id} {prov.ref}"}
            if prov.responsible is not None:  # the ministry responsible for the mandate, and why
                under["responsible"] = prov.responsible.actor
                under["responsible_basis"] = _ref(ix, prov.responsible.basis)
            best = (key, under)
    return best[1] if best else None


def _ref(ix: Index, emp) -> str:
    """How a report cites the provision ``emp`` (instrument short and provision ref)."""
    ins = ix.ls.instruments.get(emp.instrument)
    prov = next((p for p in ins.provisions if p.id == emp.provision), None) if ins else None
    return f"{(ins.short or ins.id) if ins else emp.instrument} {prov.ref if prov else emp.provision}"


def _empowering_provisions(ix: Index) -> list[tuple]:
    """(instrument, provision, rank) for every provision that empowers something, of an
    instrument in force whose own empowerment holds (cached per index)."""
    memo = ix.remedy_memo
    hit = memo.empowering_provisions
    if hit is None:
        ls = ix.ls
        hit = memo.empowering_provisions = [
            (ins, prov, ls.ranks[ins.kind])
            for ins in ls.instruments.values()
            if ix.in_force[ins.id][0] and ix.empowerment[ins.id][0]
            for prov in ins.provisions
            if prov.empowers
        ]
    return hit


def _then(ix: Index, sender: str, kind: str) -> tuple[str, ...]:
    """The instruments that should follow one of ``kind`` for ``sender``: the jurisdiction's
    ``follow_ups`` whose conditions hold (cached per index)."""
    cache = ix.remedy_memo.then
    hit = cache.get((sender, kind))
    if hit is None:
        ls = ix.ls
        a = ls.actors.get(sender)
        out = []
        for fu in ls.jurisdiction.follow_ups:
            if fu.after != kind:
                continue
            if fu.when_sender_public is not None and (a is None or a.public_authority != fu.when_sender_public):
                continue
            if fu.when_superior_kind is not None and not any(
                ls.actors[s].kind == fu.when_superior_kind for s in ix.superiors.get(sender, ()) if s in ls.actors
            ):
                continue
            out.append(fu.then)
        hit = cache[(sender, kind)] = tuple(out)
    return hit


def _label(ix: Index, kind: str | None, lang: str) -> str:
    if kind is None:
        return ""
    r = ix.ls.ranks.get(kind)
    return r.label.get(lang) if r else kind


def _acc(ref: str) -> str:
    """A provision reference after "saskaņā ar" / "grozīt": declined when its last word is a
    unit Latvian grammar knows, else named in apposition to "normu"."""
    return ref_acc(ref) or msg("remedy.ref_fallback", "lv", ref=ref)


def _frame(ix: Index, then: tuple[str, ...], purpose: str, kind: str) -> tuple:
    """A new-instrument remedy around its "what" clause: (under, (lv before, lv after),
    (en before, en after)); the texts depend on the instruments that follow, the purpose
    (which empowering provision) and the kind only (cached per index)."""
    cache = ix.remedy_memo.frames
    key = (then, purpose, kind)
    hit = cache.get(key)
    if hit is None:
        facts = _frame_facts(ix, then, purpose, kind)
        hit = cache[key] = (facts[0], *_say_frame(facts))
    return hit


def _frame_facts(ix: Index, then: tuple[str, ...], purpose: str, kind: str) -> tuple:
    """What a new-instrument remedy's frame says, as plain values (no catalogue text): (under,
    (lv, en) label of ``kind``, the (lv, en) labels of the instruments that follow, the (lv, en)
    names of the ministry responsible for the mandate or None)."""
    under = _under(ix, purpose, kind)
    ministry = None
    if under and under.get("responsible"):
        who = under["responsible"]
        actor = ix.ls.actors.get(who)
        ministry = (actor.name.get("lv"), actor.name.get("en")) if actor else (who, who)
    labels = tuple((_label(ix, k, "lv"), _label(ix, k, "en")) for k in then)
    return under, (_label(ix, kind, "lv"), _label(ix, kind, "en")), labels, ministry


def _say_frame(facts: tuple) -> tuple[tuple, tuple]:
    """The texts of a frame (see :func:`_frame_facts`): ((lv before, lv after), (en before, en
    after)); "after" is None when the text asks for a law amendment (no "what")."""
    under, (kind_lv, kind_en), labels, ministry = facts
    then_lv = "".join(msg("remedy.then", "lv", kind=lv) for lv, _en in labels)
    then_en = "".join(msg("remedy.then", "en", kind=a_or_an(en)) for _lv, en in labels)
    if under and "amend" in under:  # one mandate, one act: amend the act already issued under it
        act = under["amend_ref"]
        lv = msg_around("remedy.amend_act", "lv", "what", act=act, under=_acc(under["ref"]), then=then_lv)
        en = msg_around("remedy.amend_act", "en", "what", act=act, under=under["ref"], then=then_en)
    elif under:
        lv = msg_around("remedy.new", "lv", "what", kind=kind_lv, under=_acc(under["ref"]), then=then_lv)
        en = msg_around("remedy.new", "en", "what", kind=a_or_an(kind_en), under=under["ref"], then=then_en)
    else:  # the "what" is not repeated: the text asks for a law amendment
        lv = (msg("remedy.new_no_under", "lv", kind=kind_lv, then=then_lv), None)
        en = (msg("remedy.new_no_under", "en", kind=a_or_an(kind_en), then=then_en), None)
    if ministry is not None and lv[1] is not None:  # the ministry responsible for the mandate, at the end
        basis = under["responsible_basis"]
        lv = (lv[0], lv[1] + msg("remedy.responsible", "lv", ministry=ministry[0], basis=basis))
        en = (en[0], en[1] + msg("remedy.responsible", "en", ministry=ministry[1], basis=basis))
    return lv, en


def _under(ix: Index, purpose: str, kind: str) -> dict | None:
    """The provision a new instrument of ``kind`` on ``purpose`` is issued under (see
    :func:`_empowering`); with ``amend`` / ``amend_ref`` when an act of that kind in force was
    already issued under it (cached per index)."""
    cache = ix.remedy_memo.unders
    key = (purpose, kind)
    if key not in cache:
        under = _empowering(ix, kind, purpose)
        act = _act_under(ix, kind, under) if under else None
        cache[key] = under if act is None else dict(under, amend=act.id, amend_ref=act.short or act.id)
    return cache[key]


def _act_under(ix: Index, kind: str, under: dict):
    """The instrument of ``kind`` in force already issued under the provision ``under``."""
    acts = issued_under(ix.ls.instruments.values(), kind, under["instrument"], under["provision"])
    return next((i for i in acts if ix.in_force[i.id][0]), None)


def _interview(ix: Index, kind: str | None, under: dict | None = None) -> str | None:
    """The interview that drafts the remedy (the jurisdiction's, per rank): the amending one
    when it amends an act in force."""
    if under and under.get("amend"):
        return ix.ls.jurisdiction.amendment_interview
    rank = ix.ls.ranks.get(kind) if kind else None
    return rank.interview if rank else None


_NEW = ("NO_BASIS", "RANK_TOO_LOW", "PURPOSE_NOT_COVERED", "EXCESS_DATA")


def _new_for_sender(ix: Index, sender: str, purpose: str, kind: str) -> tuple:
    """A new-instrument remedy for ``sender`` around the recipient's name: (under, then,
    (lv before, lv after), (en before, en after)) (cached per index)."""
    cache = ix.remedy_memo.for_sender
    key = (sender, purpose, kind)
    hit = cache.get(key)
    if hit is None:
        then = _then(ix, sender, kind)
        under, lv, en = _frame(ix, then, purpose, kind)
        hit = cache[key] = (under, then, *_around_recipient(lv, en, _sender_facts(ix, sender, purpose)))
    return hit


def _sender_facts(ix: Index, sender: str, purpose: str) -> tuple[str, str, str, str]:
    """(lv, en) names of ``sender`` and (lv, en) labels of ``purpose``."""
    return (ix.name(sender, "lv"), ix.name(sender, "en"), *purpose_labels(ix, purpose))


def _around_recipient(lv: tuple, en: tuple, who: tuple[str, str, str, str]) -> tuple[tuple, tuple]:
    """A frame's texts with "<sender> discloses … to <recipient> for <purpose>" as its "what",
    cut at the recipient (``who``: see :func:`_sender_facts`)."""
    (lv0, lv1), (en0, en1) = lv, en
    if lv1 is None:
        return (lv0, None), (en0, None)
    s_lv, s_en, p_lv, p_en = who
    w_lv, w_lv_end = msg_around("remedy.disclose", "lv", "recipient", sender=s_lv, purpose=p_lv)
    w_en, w_en_end = msg_around("remedy.disclose", "en", "recipient", sender=s_en, purpose=p_en)
    return (lv0 + w_lv, w_lv_end + lv1), (en0 + w_en, w_en_end + en1)


def _fill(lv: tuple, en: tuple, r_lv: str, r_en: str) -> tuple[str, str]:
    """(lv, en) of texts cut at the recipient, with the recipient's (lv, en) names."""
    (lv0, lv1), (en0, en1) = lv, en
    return (lv0 if lv1 is None else lv0 + r_lv + lv1), (en0 if en1 is None else en0 + r_en + en1)


def flow_remedy(ix: Index, flow: Flow, code: str, cands: list[Candidate], need: str) -> Remedy:
    """The remedy for one uncovered flow (a fresh Remedy per call; texts cached per index)."""
    best = cands[0] if cands else None
    if code in _NEW or best is None:
        under, then = _under(ix, flow.purpose, need), _then(ix, flow.sender, need)
        amend = None  # the best candidate's provision, when amending it is the first remedy
        if code in ("PURPOSE_NOT_COVERED", "EXCESS_DATA") and best is not None:
            ranks = ix.ls.ranks
            if ranks[ix.ls.instruments[best.instrument].kind].level >= ranks[need].level:
                amend = best.ref
        text = Wording.said_by(_say_new_for_flow, ix, flow, need, amend)
        return Remedy(need, under, list(then), text, _interview(ix, need, under))
    cache = ix.remedy_memo.old_instrument
    key = (flow.sender, flow.recipient, flow.purpose, code, best.instrument, need, len(best.failures) > 1)
    hit = cache.get(key)
    if hit is None:
        rem = _old_instrument(ix, flow, code, best, need)
        hit = cache[key] = (rem.kind, rem.under, tuple(rem.then), rem.text, rem.interview)
    kind, under, then, text, interview = hit
    return Remedy(kind, under, list(then), text, interview)


def _say_new_for_flow(ix: Index, flow: Flow, need: str, amend: str | None) -> tuple[str, str]:
    """(lv, en) of a new-instrument remedy for ``flow``, after "amend <amend> …, or:" when given."""
    _under_, _then_, lv, en = _new_for_flow(ix, flow, need)
    if amend is not None:
        lv0, lv1, en0, en1 = _amend(ix, amend)
        lv, en = lv0 + lv + lv1, en0 + en + en1
    return lv, en


def _new_for_flow(ix: Index, flow: Flow, need: str) -> tuple:
    """A new instrument of ``need`` that allows ``flow``: (under, then, lv, en)."""
    under, then, lv, en = _new_for_sender(ix, flow.sender, flow.purpose, need)
    r = flow.recipient
    return under, then, *_fill(lv, en, ix.names.get((r, "lv"), r), ix.names.get((r, "en"), r))


def _amend(ix: Index, ref: str) -> tuple[str, str, str, str]:
    """ "Amend <ref> …, or: " around a new-instrument remedy: (lv before, lv after, en before,
    en after) (cached per index)."""
    cache = ix.remedy_memo.amend
    hit = cache.get(ref)
    if hit is None:
        hit = cache[ref] = (
            *msg_around("remedy.amend", "lv", "remedy", ref=_acc(ref)),
            *msg_around("remedy.amend", "en", "remedy", ref=ref),
        )
    return hit


def _old_instrument(ix: Index, flow: Flow, code: str, best: Candidate, need: str) -> Remedy:
    """The remedy when the best candidate's instrument is the problem (binding, in force,
    empowerment). Kept in the index's memo: its text's parameters are plain values."""
    ls = ix.ls
    ins = ls.instruments[best.instrument]
    short = ins.short or ins.id
    if code == "NOT_BINDING":
        s, s_en = ix.name(flow.sender, "lv"), ix.name(flow.sender, "en")
        r, r_en = ix.name(flow.recipient, "lv"), ix.name(flow.recipient, "en")
        if ls.ranks[ins.kind].binds == "parties":
            text = Wording.said_by(
                say_key,
                "remedy.add_parties",
                {"instrument": short, "sender": s, "recipient": r},
                {"instrument": short, "sender": s_en, "recipient": r_en},
            )
            return Remedy(ins.kind, None, [], text, _interview(ix, ins.kind))
        # the remedy is the instrument that would bind the sender (of the rank the flow needs)
        under, then = _under(ix, flow.purpose, need), _then(ix, flow.sender, need)
        facts = _frame_facts(ix, then, flow.purpose, need)
        who = _sender_facts(ix, flow.sender, flow.purpose)
        text = Wording.said_by(_say_internal_act, short, facts, who, r, r_en)
        return Remedy(need, under, list(then), text, _interview(ix, need, under))
    if code == "NOT_IN_FORCE":
        if ins.status == Status.in_force and ins.valid_from and ix.as_of < ins.valid_from:
            # adopted, not yet in force: nothing to draft, the date is the remedy
            key = "remedy.comes_into_force" if len(best.failures) == 1 else "remedy.comes_into_force_but"
            text = Wording.said_by(say_key, key, {"instrument": short, "date": ins.valid_from.isoformat()})
            return Remedy(ins.kind, None, [], text, None)
        text = Wording.said_by(say_key, "remedy.adopt", {"instrument": short})
        return Remedy(ins.kind, None, [], text, _interview(ix, ins.kind))
    # BROKEN_EMPOWERMENT
    under = _empowering(ix, ins.kind, flow.purpose)
    text = Wording.said_by(_say_reissue, short, under["ref"] if under else None)
    return Remedy(ins.kind, under, [], text, _interview(ix, ins.kind))


def _say_internal_act(short: str, facts: tuple, who: tuple, r_lv: str, r_en: str) -> tuple[str, str]:
    """(lv, en) "<short> binds only …: <a new instrument that allows the flow>" (``facts``: see
    :func:`_frame_facts`, ``who``: :func:`_sender_facts`; ``r_lv``/``r_en``: the recipient)."""
    lv, en = _fill(*_around_recipient(*_say_frame(facts), who), r_lv, r_en)
    lv0, lv1 = msg_around("remedy.internal_act", "lv", "remedy", instrument=short, sender=who[0])
    en0, en1 = msg_around("remedy.internal_act", "en", "remedy", instrument=short, sender=who[1])
    return lv0 + lv + lv1, en0 + en + en1


def _say_reissue(short: str, ref: str | None) -> tuple[str, str]:
    """(lv, en) "reissue <short> under <ref>", or "a law must empower it" without ``ref``."""
    if ref is None:
        return say_key("remedy.needs_law", {"instrument": short})
    return say_key("remedy.reissue", {"instrument": short, "under": _acc(ref)}, {"instrument": short, "under": ref})


def coverage_remedy(ix: Index, actor: str, spec: NrmReferral, code: str, nearest: FlowResult | None = None) -> Remedy:
    """The remedy for a first-contact ``actor`` with no lawful path to ``role``. When a provision
    already names the referral (``nearest``: the probe flow it fails on), the remedy names that
    provision and what it lacks, then that flow's remedy; else a new instrument."""
    if nearest is not None and nearest.remedy is not None:
        rem = nearest.remedy
        best, f = nearest.candidates[0], nearest.flow
        names = (
            ix.name(f.sender, "lv"),
            ix.name(f.sender, "en"),
            ix.name(f.recipient, "lv"),
            ix.name(f.recipient, "en"),
        )
        text = Wording.said_by(_say_existing, best.ref, best.failures, names, rem.text)
        return Remedy(rem.kind, rem.under, list(rem.then), text, rem.interview)
    ls = ix.ls
    a = ls.actors[actor]
    s = a.short or a.name.get("lv")
    s_en = a.short or a.name.get("en")
    target = "remedy.target_service_provider" if code == "NRM_NO_PATH_TO_PROVIDER" else "remedy.target_police"
    # the rank the minimum referral needs from this actor (the jurisdiction's rank rules)
    probe = Flow(
        id="nrm-probe",
        sender=actor,
        recipient=actor,
        categories=spec.categories,
        purpose=spec.purpose,
        subjects=spec.subjects,
    )
    from .check import required_rank  # (check imports this module)

    need = required_rank(ix, probe)[0]
    under, then = _under(ix, spec.purpose, need), _then(ix, actor, need)
    facts = _frame_facts(ix, then, spec.purpose, need)
    text = Wording.said_by(_say_new_instrument, facts, target, s, s_en)
    return Remedy(need, under, list(then), text, _interview(ix, need, under))


def _say_new_instrument(facts: tuple, target: str, s_lv: str, s_en: str) -> tuple[str, str]:
    """(lv, en) of a new instrument that obliges the first-contact actor (``s_lv``/``s_en``) to
    inform ``target`` (a catalogue key); ``facts``: see :func:`_frame_facts`."""
    (lv0, lv1), (en0, en1) = _say_frame(facts)
    what_lv = msg("remedy.inform", "lv", target=msg(target, "lv"), actor=s_lv)
    what_en = msg("remedy.inform", "en", target=msg(target, "en"), actor=s_en)
    return (lv0 if lv1 is None else lv0 + what_lv + lv1), (en0 if en1 is None else en0 + what_en + en1)


def _say_existing(ref: str, failures: list, names: tuple, then: Wording) -> tuple[str, str]:
    """(lv, en) "<ref> already allows …, but: <why>. " followed by the remedy ``then``
    (``names``: the (lv, en) names of the sender, then of the recipient)."""
    return _existing(ref, failures, names[0], names[2], "lv") + then.lv, _existing(
        ref, failures, names[1], names[3], "en"
    ) + then.en


def _existing(ref: str, failures: list, actor: str, recipient: str, lang: str) -> str:
    """ "<ref> already allows <actor> to pass data to <recipient>, but: <why>. " before a remedy."""
    why = "; ".join((x.lv if lang == "lv" else x.en).rstrip(".") for x in failures)
    before, _ = msg_around("remedy.existing", lang, "remedy", ref=ref, actor=actor, recipient=recipient, why=why)
    return before
