"""This file defines remedies: which instrument, issued under which provision, closes a gap.

For a missing or too-weak basis the remedy is an instrument of the needed rank, issued
under an empowering provision in force whose ``empowers`` admits that kind and whose
``topics`` cover the flow's purpose (laws first). The instruments that follow it are the
jurisdiction's ``follow_ups`` (in Latvia, for a public sender subordinate to a ministry: a
ministry order to oblige the subordinate institutions, and an agreement on the operational
arrangements); the interview that drafts it is its rank's ``interview``. Where nothing in the landscape empowers the needed
instrument, ``under`` is ``None`` and the text says a law amendment is needed and that
the drafter must name the empowering law: pamats never invents a statute number.
"""

from __future__ import annotations

from ..text.english import a_or_an
from ..text.latvian import ref_acc
from ..text.messages import msg, msg_around
from .explain import purpose_labels
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


def _responsible(ix: Index, under: dict | None, lv: tuple, en: tuple) -> tuple[tuple, tuple]:
    """The remedy's texts with the ministry responsible for the mandate named at the end."""
    if not under or not under.get("responsible") or lv[1] is None:
        return lv, en
    who, basis = under["responsible"], under["responsible_basis"]
    actor = ix.ls.actors.get(who)
    name = {lang: actor.name.get(lang) if actor else who for lang in ("lv", "en")}
    return (
        (lv[0], lv[1] + msg("remedy.responsible", "lv", ministry=name["lv"], basis=basis)),
        (en[0], en[1] + msg("remedy.responsible", "en", ministry=name["en"], basis=basis)),
    )


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
        under = _under(ix, purpose, kind)
        then_lv = "".join(msg("remedy.then", "lv", kind=_label(ix, k, "lv")) for k in then)
        then_en = "".join(msg("remedy.then", "en", kind=a_or_an(_label(ix, k, "en"))) for k in then)
        if under and "amend" in under:  # one mandate, one act: amend the act already issued under it
            act = under["amend_ref"]
            lv = msg_around("remedy.amend_act", "lv", "what", act=act, under=_acc(under["ref"]), then=then_lv)
            en = msg_around("remedy.amend_act", "en", "what", act=act, under=under["ref"], then=then_en)
        elif under:
            lv = msg_around(
                "remedy.new", "lv", "what", kind=_label(ix, kind, "lv"), under=_acc(under["ref"]), then=then_lv
            )
            en = msg_around(
                "remedy.new", "en", "what", kind=a_or_an(_label(ix, kind, "en")), under=under["ref"], then=then_en
            )
        else:  # the "what" is not repeated: the text asks for a law amendment
            lv = (msg("remedy.new_no_under", "lv", kind=_label(ix, kind, "lv"), then=then_lv), None)
            en = (msg("remedy.new_no_under", "en", kind=a_or_an(_label(ix, kind, "en")), then=then_en), None)
        lv, en = _responsible(ix, under, lv, en)
        hit = cache[key] = (under, lv, en)
    return hit


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


def _new_instrument(ix: Index, sender: str, purpose: str, kind: str, what_lv: str, what_en: str) -> Remedy:
    then = _then(ix, sender, kind)
    under, (lv0, lv1), (en0, en1) = _frame(ix, then, purpose, kind)
    lv = lv0 if lv1 is None else lv0 + what_lv + lv1
    en = en0 if en1 is None else en0 + what_en + en1
    return Remedy(kind, under, list(then), Wording.of(lv, en), _interview(ix, kind, under))


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
        under, (lv0, lv1), (en0, en1) = _frame(ix, then, purpose, kind)
        if lv1 is None:
            lv, en = (lv0, None), (en0, None)
        else:
            p_lv, p_en = purpose_labels(ix, purpose)
            w_lv, w_lv_end = msg_around(
                "remedy.disclose", "lv", "recipient", sender=ix.name(sender, "lv"), purpose=p_lv
            )
            w_en, w_en_end = msg_around(
                "remedy.disclose", "en", "recipient", sender=ix.name(sender, "en"), purpose=p_en
            )
            lv, en = (lv0 + w_lv, w_lv_end + lv1), (en0 + w_en, w_en_end + en1)
        hit = cache[key] = (under, then, lv, en)
    return hit


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
    under, then, (lv0, lv1), (en0, en1) = _new_for_sender(ix, flow.sender, flow.purpose, need)
    r = flow.recipient
    lv = lv0 if lv1 is None else lv0 + ix.names.get((r, "lv"), r) + lv1
    en = en0 if en1 is None else en0 + ix.names.get((r, "en"), r) + en1
    return under, then, lv, en


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
    """The remedy when the best candidate's instrument is the problem (binding, in force, empowerment)."""
    ls = ix.ls
    s, r = ix.name(flow.sender, "lv"), ix.name(flow.recipient, "lv")
    s_en, r_en = ix.name(flow.sender, "en"), ix.name(flow.recipient, "en")
    ins = ls.instruments[best.instrument]
    short = ins.short or ins.id
    if code == "NOT_BINDING":
        if ls.ranks[ins.kind].binds == "parties":
            lv = msg("remedy.add_parties", "lv", instrument=short, sender=s, recipient=r)
            en = msg("remedy.add_parties", "en", instrument=short, sender=s_en, recipient=r_en)
            return Remedy(ins.kind, None, [], Wording.of(lv, en), _interview(ix, ins.kind))
        # the remedy is the instrument that would bind the sender (of the rank the flow needs)
        under, then, lv, en = _new_for_flow(ix, flow, need)
        lv0, lv1 = msg_around("remedy.internal_act", "lv", "remedy", instrument=short, sender=s)
        en0, en1 = msg_around("remedy.internal_act", "en", "remedy", instrument=short, sender=s_en)
        return Remedy(need, under, list(then), Wording.of(lv0 + lv + lv1, en0 + en + en1), _interview(ix, need, under))
    if code == "NOT_IN_FORCE":
        if ins.status == Status.in_force and ins.valid_from and ix.as_of < ins.valid_from:
            # adopted, not yet in force: nothing to draft, the date is the remedy
            key = "remedy.comes_into_force" if len(best.failures) == 1 else "remedy.comes_into_force_but"
            day = ins.valid_from.isoformat()
            return Remedy(
                ins.kind,
                None,
                [],
                Wording.of(msg(key, "lv", instrument=short, date=day), msg(key, "en", instrument=short, date=day)),
                None,
            )
        return Remedy(
            ins.kind,
            None,
            [],
            Wording.of(msg("remedy.adopt", "lv", instrument=short), msg("remedy.adopt", "en", instrument=short)),
            _interview(ix, ins.kind),
        )
    # BROKEN_EMPOWERMENT
    under = _empowering(ix, ins.kind, flow.purpose)
    if under:
        lv = msg("remedy.reissue", "lv", instrument=short, under=_acc(under["ref"]))
        en = msg("remedy.reissue", "en", instrument=short, under=under["ref"])
    else:
        lv = msg("remedy.needs_law", "lv", instrument=short)
        en = msg("remedy.needs_law", "en", instrument=short)
    return Remedy(ins.kind, under, [], Wording.of(lv, en), _interview(ix, ins.kind))


def coverage_remedy(ix: Index, actor: str, spec: NrmReferral, code: str, nearest: FlowResult | None = None) -> Remedy:
    """The remedy for a first-contact ``actor`` with no lawful path to ``role``. When a provision
    already names the referral (``nearest``: the probe flow it fails on), the remedy names that
    provision and what it lacks, then that flow's remedy; else a new instrument."""
    if nearest is not None and nearest.remedy is not None:
        rem = nearest.remedy
        text = Wording.said_by(_say_existing, ix, nearest.candidates[0], nearest.flow, rem.text)
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
    purpose = spec.purpose
    return _new_instrument(
        ix,
        actor,
        purpose,
        need,
        msg("remedy.inform", "lv", target=msg(target, "lv"), actor=s),
        msg("remedy.inform", "en", target=msg(target, "en"), actor=s_en),
    )


def _say_existing(ix: Index, best: Candidate, flow: Flow, then: Wording) -> tuple[str, str]:
    """(lv, en) "<ref> already allows …, but: <why>. " followed by the remedy ``then``."""
    return _existing(ix, best, flow, "lv") + then.lv, _existing(ix, best, flow, "en") + then.en


def _existing(ix: Index, best: Candidate, flow: Flow, lang: str) -> str:
    """ "<ref> already allows <actor> to pass data to <recipient>, but: <why>. " before a remedy."""
    before, _ = msg_around(
        "remedy.existing",
        lang,
        "remedy",
        ref=best.ref,
        actor=ix.name(flow.sender, lang),
        recipient=ix.name(flow.recipient, lang),
        why="; ".join((x.lv if lang == "lv" else x.en).rstrip(".") for x in best.failures),
    )
    return before
