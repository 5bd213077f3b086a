"""This file defines remedies: which instrument, issued under which provision, closes a gap.

For a missing or too-weak basis the remedy is an instrument of the needed rank, issued
under an empowering provision in force whose ``empowers`` admits that kind and whose
``topics`` cover the flow's purpose (laws first). For a public sender subordinate to a
ministry, a ministry order (to oblige the subordinate institutions) and an agreement
(operational arrangements) follow. Where nothing in the landscape empowers the needed
instrument, ``under`` is ``None`` and the text says a law amendment is needed and that
the drafter must name the empowering law: pamats never invents a statute number.
"""

from __future__ import annotations

from ..drafting.latvian import ref_acc
from .findings import Candidate, Remedy
from .index import Index
from .model import Flow

__all__ = ["flow_remedy", "coverage_remedy", "INTERVIEWS"]

INTERVIEWS = {"cabinet_regulation": "regulation.yml", "ministry_order": "order.yml",
              "internal_instruction": "order.yml", "agreement": "agreement.yml"}


def _empowering(ix: Index, kind: str, purpose: str) -> dict | None:
    """The best empowering provision in force for ``kind`` on ``purpose`` (cached per index)."""
    cache = ix.cache.setdefault("empowering", {})
    if (kind, purpose) not in cache:
        cache[(kind, purpose)] = _find_empowering(ix, kind, purpose)
    return cache[(kind, purpose)]


def _find_empowering(ix: Index, kind: str, purpose: str) -> dict | None:
    best = None
    for ins, prov, rank in _empowering_provisions(ix):
        if kind not in rank.may_empower or kind not in prov.empowers:
            continue
        if prov.topics and not ix.under("purposes", purpose, prov.topics):
            continue
        key = (0 if prov.topics else 1, -rank.level, ins.id, prov.id)
        if best is None or key < best[0]:
            best = (key, {"instrument": ins.id, "provision": prov.id,
                          "ref": f"{ins.short or ins.id} {prov.ref}"})
    return best[1] if best else None


def _empowering_provisions(ix: Index) -> list[tuple]:
    """(instrument, provision, rank) for every provision that empowers something, of an
    instrument in force whose own empowerment holds (cached per index)."""
    hit = ix.cache.get("empowering_provisions")
    if hit is None:
        ls = ix.ls
        hit = ix.cache["empowering_provisions"] = [
            (ins, prov, ls.ranks[ins.kind]) for ins in ls.instruments.values()
            if ix.in_force[ins.id][0] and ix.empowerment[ins.id][0]
            for prov in ins.provisions if prov.empowers]
    return hit


def _then(ix: Index, sender: str, kind: str) -> tuple[str, ...]:
    """The instruments that should follow one of ``kind`` for ``sender`` (cached per index)."""
    cache = ix.cache.setdefault("then", {})
    hit = cache.get((sender, kind))
    if hit is None:
        ls = ix.ls
        a = ls.actors.get(sender)
        out = []
        if kind == "cabinet_regulation" and a is not None and a.public_authority:
            if any(ls.actors[s].kind == "ministry" for s in ix.superiors.get(sender, ()) if s in ls.actors):
                out.append("ministry_order")
            out.append("agreement")
        hit = cache[(sender, kind)] = tuple(out)
    return hit


def _label(ix: Index, kind: str | None, lang: str) -> str:
    if kind is None:
        return ""
    r = ix.ls.ranks.get(kind)
    return (r.label.en if lang == "en" and r.label.en else r.label.lv) if r else kind


def _acc(ref: str) -> str:
    """A provision reference after "saskaņā ar" / "grozīt": declined when its last word is a
    unit Latvian grammar knows, else named in apposition to "normu"."""
    return ref_acc(ref) or f"normu ({ref})"


def _a(noun: str) -> str:
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


def _frame(ix: Index, then: tuple[str, ...], purpose: str, kind: str) -> tuple:
    """A new-instrument remedy around its "what" clause: (under, (lv before, lv after),
    (en before, en after)); the texts depend on the instruments that follow, the purpose
    (which empowering provision) and the kind only (cached per index)."""
    cache = ix.cache.setdefault("remedy_frame", {})
    key = (then, purpose, kind)
    hit = cache.get(key)
    if hit is None:
        under = _empowering(ix, kind, purpose)
        then_lv = "".join(f"; pēc tam {_label(ix, k, 'lv')}" for k in then)
        then_en = "".join(f"; then {_a(_label(ix, k, 'en'))}" for k in then)
        if under:
            lv = (f"Jāizdod {_label(ix, kind, 'lv')}, kas ", f", saskaņā ar {_acc(under['ref'])}{then_lv}.")
            en = (f"Issue {_a(_label(ix, kind, 'en'))} that ", f", under {under['ref']}{then_en}.")
        else:  # the "what" is not repeated: the text asks for a law amendment
            lv = ((f"Ainavā nav normas, uz kuras pamata šajā jautājumā varētu izdot šādu aktu ({_label(ix, kind, 'lv')}): vajadzīgi grozījumi likumā; "
                   f"[JĀPRECIZĒ: pilnvarojošais likums un pants]{then_lv}."), None)
            en = ((f"No provision in the landscape empowers {_a(_label(ix, kind, 'en'))} on this matter: a law amendment is needed; "
                   f"[TO BE CONFIRMED: the empowering law and section]{then_en}."), None)
        hit = cache[key] = (under, lv, en)
    return hit


def _new_instrument(ix: Index, sender: str, purpose: str, kind: str, what_lv: str, what_en: str) -> Remedy:
    then = _then(ix, sender, kind)
    under, (lv0, lv1), (en0, en1) = _frame(ix, then, purpose, kind)
    lv = lv0 if lv1 is None else lv0 + what_lv + lv1
    en = en0 if en1 is None else en0 + what_en + en1
    return Remedy(kind, under, list(then), lv, en, INTERVIEWS.get(kind))


def _purpose_labels(ix: Index, purpose: str) -> tuple[str, str]:
    term = ix.ls.purposes.get(purpose)
    return (term.label.lv, term.label.en or term.label.lv) if term else (purpose, purpose)


_NEW = ("NO_BASIS", "RANK_TOO_LOW", "PURPOSE_NOT_COVERED", "EXCESS_DATA")


def _new_for_sender(ix: Index, sender: str, purpose: str, kind: str) -> tuple:
    """A new-instrument remedy for ``sender`` around the recipient's name: (under, then,
    (lv before, lv after), (en before, en after)) (cached per index)."""
    cache = ix.cache.setdefault("new_for_sender", {})
    key = (sender, purpose, kind)
    hit = cache.get(key)
    if hit is None:
        then = _then(ix, sender, kind)
        under, (lv0, lv1), (en0, en1) = _frame(ix, then, purpose, kind)
        p_lv, p_en = _purpose_labels(ix, purpose)
        lv = (lv0, None) if lv1 is None else (f"{lv0}atļauj datu nodošanu (sūtītājs – {ix.name(sender, 'lv')}, saņēmējs – ",
                                              f"; mērķis – {p_lv}){lv1}")
        en = (en0, None) if en1 is None else (f"{en0}allows {ix.name(sender, 'en')} to disclose data to ", f" (purpose: {p_en}){en1}")
        hit = cache[key] = (under, then, lv, en)
    return hit


def flow_remedy(ix: Index, flow: Flow, code: str, cands: list[Candidate], need: str) -> Remedy:
    """The remedy for one uncovered flow (a fresh Remedy per call; texts cached per index)."""
    best = cands[0] if cands else None
    if code in _NEW or best is None:
        under, then, (lv0, lv1), (en0, en1) = _new_for_sender(ix, flow.sender, flow.purpose, need)
        r = flow.recipient
        lv = lv0 if lv1 is None else lv0 + ix.names.get((r, "lv"), r) + lv1
        en = en0 if en1 is None else en0 + ix.names.get((r, "en"), r) + en1
        if code in ("PURPOSE_NOT_COVERED", "EXCESS_DATA") and best is not None:
            ranks = ix.ls.ranks
            if ranks[ix.ls.instruments[best.instrument].kind].level >= ranks[need].level:
                lv = f"Grozīt {_acc(best.ref)}, lai norma aptvertu šo mērķi un datus, vai: " + lv
                en = f"Amend {best.ref} to cover this purpose and these data, or: " + en
        return Remedy(need, under, list(then), lv, en, INTERVIEWS.get(need))
    cache = ix.cache.setdefault("flow_remedy", {})
    key = (flow.sender, flow.recipient, flow.purpose, code, best.instrument)
    hit = cache.get(key)
    if hit is None:
        rem = _old_instrument(ix, flow, code, best)
        hit = cache[key] = (rem.kind, rem.under, rem.lv, rem.en, rem.interview)
    kind, under, lv, en, interview = hit
    return Remedy(kind, under, [], lv, en, interview)


def _old_instrument(ix: Index, flow: Flow, code: str, best: Candidate) -> Remedy:
    """The remedy when the best candidate's instrument is the problem (binding, in force, empowerment)."""
    ls = ix.ls
    s, r = ix.name(flow.sender, "lv"), ix.name(flow.recipient, "lv")
    s_en, r_en = ix.name(flow.sender, "en"), ix.name(flow.recipient, "en")
    ins = ls.instruments[best.instrument]
    short = ins.short or ins.id
    if code == "NOT_BINDING":
        if ls.ranks[ins.kind].binds == "parties":
            lv = f"Iekļaut {short} pušu sastāvā šīs iestādes: {s} un {r}; vai izdot ārēju normatīvo aktu."
            en = f"Make {s_en} and {r_en} parties to {short}, or issue an external normative act."
        else:
            lv = f"{short} saista tikai padotās iestādes: vajadzīgs ārējs normatīvais akts, kas saista sūtītāju ({s})."
            en = f"{short} binds only subordinate institutions: an external normative act binding {s_en} is needed."
        return Remedy(ins.kind, None, [], lv, en, INTERVIEWS.get(ins.kind))
    if code == "NOT_IN_FORCE":
        return Remedy(ins.kind, None, [], f"Pieņemt vai atjaunot {short} (tas nav spēkā).",
                      f"Adopt or renew {short} (it is not in force).", INTERVIEWS.get(ins.kind))
    # BROKEN_EMPOWERMENT
    under = _empowering(ix, ins.kind, flow.purpose)
    if under:
        lv = f"{short} jāizdod no jauna saskaņā ar {_acc(under['ref'])} (spēkā esoša pilnvarojoša norma)."
        en = f"Re-issue {short} under {under['ref']} (an empowering provision in force)."
    else:
        lv = f"{short} vajadzīga spēkā esoša pilnvarojoša norma likumā: [JĀPRECIZĒ: likums un pants]."
        en = f"{short} needs an empowering provision in force in a law: [TO BE CONFIRMED: the law and section]."
    return Remedy(ins.kind, under, [], lv, en, INTERVIEWS.get(ins.kind))


def coverage_remedy(ix: Index, actor: str, role: str) -> Remedy:
    ls = ix.ls
    a = ls.actors[actor]
    s = a.short or a.name.lv
    s_en = a.short or a.name.en or a.name.lv
    target_lv = "pakalpojuma sniedzēju" if role == "service_provider" else "policiju"
    target_en = "the service provider" if role == "service_provider" else "the police"
    need = "cabinet_regulation" if a.public_authority else "agreement"
    want = "referral" if role == "service_provider" else "criminal_investigation"
    purpose = want if want in ls.purposes else next(iter(ls.purposes))
    return _new_instrument(ix, actor, purpose, need, f"uzliek pienākumu informēt {target_lv} (pienākuma subjekts – {s})",
                           f"obliges {s_en} to inform {target_en}")
