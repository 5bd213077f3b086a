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
    ls = ix.ls
    best = None
    for ins in ls.instruments.values():
        if not ix.in_force[ins.id][0] or not ix.empowerment[ins.id][0]:
            continue
        rank = ls.ranks[ins.kind]
        if kind not in rank.may_empower:
            continue
        for prov in ins.provisions:
            if kind not in prov.empowers:
                continue
            if prov.topics and not ix.under("purposes", purpose, prov.topics):
                continue
            key = (0 if prov.topics else 1, -rank.level, ins.id, prov.id)
            if best is None or key < best[0]:
                best = (key, {"instrument": ins.id, "provision": prov.id,
                              "ref": f"{ins.short or ins.id} {prov.ref}"})
    return best[1] if best else None


def _then(ix: Index, sender: str, kind: str) -> list[str]:
    ls = ix.ls
    a = ls.actors.get(sender)
    out = []
    if kind == "cabinet_regulation" and a is not None and a.public_authority:
        if any(ls.actors[s].kind == "ministry" for s in ix.superiors.get(sender, ()) if s in ls.actors):
            out.append("ministry_order")
        out.append("agreement")
    return out


def _label(ix: Index, kind: str | None, lang: str) -> str:
    if kind is None:
        return ""
    r = ix.ls.ranks.get(kind)
    return (r.label.en if lang == "en" and r.label.en else r.label.lv) if r else kind


def _remedy_for_new(ix: Index, sender: str, recipient: str, purpose: str, kind: str) -> tuple:
    """(kind, under, then, lv, en, interview) for a new instrument; cached per index."""
    cache = ix.cache.setdefault("new_remedy", {})
    key = (sender, purpose, kind)
    hit = cache.get(key)
    if hit is None:  # the texts with placeholders for the recipient: formatted below
        s, s_en = ix.name(sender, "lv"), ix.name(sender, "en")
        term = ix.ls.purposes.get(purpose)
        p_lv = term.label.lv if term else purpose
        p_en = (term.label.en or term.label.lv) if term else purpose
        rem = _new_instrument(ix, sender, purpose, kind, f"atļauj {s} nodot datus \x00 (mērķis: {p_lv})",
                              f"allows {s_en} to disclose data to \x00 (purpose: {p_en})")
        hit = cache[key] = (rem.kind, rem.under, rem.then, rem.lv, rem.en, rem.interview)
    k, under, then, lv, en, interview = hit
    return (k, under, then, lv.replace("\x00", ix.name(recipient, "lv")), en.replace("\x00", ix.name(recipient, "en")), interview)


def _a(noun: str) -> str:
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


def _new_instrument(ix: Index, sender: str, purpose: str, kind: str, what_lv: str, what_en: str) -> Remedy:
    under = _empowering(ix, kind, purpose)
    then = _then(ix, sender, kind)
    then_lv = "".join(f"; pēc tam {_label(ix, k, 'lv')}" for k in then)
    then_en = "".join(f"; then {_a(_label(ix, k, 'en'))}" for k in then)
    if under:
        lv = f"Jāizdod {_label(ix, kind, 'lv')}, kas {what_lv}, saskaņā ar {under['ref']}{then_lv}."
        en = f"Issue {_a(_label(ix, kind, 'en'))} that {what_en}, under {under['ref']}{then_en}."
    else:
        lv = (f"Ainavā nav normas, uz kuras pamata šajā jautājumā varētu izdot šādu aktu ({_label(ix, kind, 'lv')}): vajadzīgi grozījumi likumā; "
              f"[JĀPRECIZĒ: pilnvarojošais likums un pants]{then_lv}.")
        en = (f"No provision in the landscape empowers {_a(_label(ix, kind, 'en'))} on this matter: a law amendment is needed; "
              f"[TO BE CONFIRMED: the empowering law and section]{then_en}.")
    return Remedy(kind, under, then, lv, en, INTERVIEWS.get(kind))


def flow_remedy(ix: Index, flow: Flow, code: str, cands: list[Candidate], need: str) -> Remedy:
    """The remedy for one uncovered flow; its fields depend only on the key below (cached per
    index); each call gets a fresh Remedy."""
    best = cands[0] if cands else None
    cache = ix.cache.setdefault("flow_remedy", {})
    key = (flow.sender, flow.recipient, flow.purpose, code, need,
           None if best is None else (best.instrument, best.ref))
    hit = cache.get(key)
    if hit is None:
        rem = _flow_remedy(ix, flow, code, cands, need)
        hit = cache[key] = (rem.kind, rem.under, tuple(rem.then), rem.lv, rem.en, rem.interview)
    kind, under, then, lv, en, interview = hit
    return Remedy(kind, under, list(then), lv, en, interview)


def _flow_remedy(ix: Index, flow: Flow, code: str, cands: list[Candidate], need: str) -> Remedy:
    ls = ix.ls
    s = ls.actors[flow.sender].short if flow.sender in ls.actors and ls.actors[flow.sender].short else flow.sender
    r = ls.actors[flow.recipient].short if flow.recipient in ls.actors and ls.actors[flow.recipient].short else flow.recipient
    best = cands[0] if cands else None
    if code in ("NO_BASIS", "RANK_TOO_LOW", "PURPOSE_NOT_COVERED", "EXCESS_DATA") or best is None:
        kind, under, then, lv, en, interview = _remedy_for_new(ix, flow.sender, flow.recipient, flow.purpose, need)
        rem = Remedy(kind, under, list(then), lv, en, interview)
        if code in ("PURPOSE_NOT_COVERED", "EXCESS_DATA") and best is not None:
            ins = ls.instruments[best.instrument]
            if ls.ranks[ins.kind].level >= ls.ranks[need].level:
                rem.lv = f"Grozīt {best.ref}, lai tas aptvertu šo mērķi un datus, vai: " + rem.lv
                rem.en = f"Amend {best.ref} to cover this purpose and these data, or: " + rem.en
        return rem
    ins = ls.instruments[best.instrument]
    short = ins.short or ins.id
    if code == "NOT_BINDING":
        if ls.ranks[ins.kind].binds == "parties":
            lv = f"Iekļaut {s} un {r} kā puses {short} vai izdot ārēju normatīvo aktu."
            en = f"Make {s} and {r} parties to {short}, or issue an external normative act."
        else:
            lv = f"{short} saista tikai padotās iestādes: vajadzīgs ārējs normatīvais akts, kas saista {s}."
            en = f"{short} binds only subordinate institutions: an external normative act binding {s} is needed."
        return Remedy(ins.kind, None, [], lv, en, INTERVIEWS.get(ins.kind))
    if code == "NOT_IN_FORCE":
        return Remedy(ins.kind, None, [], f"Pieņemt vai atjaunot {short} (tas nav spēkā).",
                      f"Adopt or renew {short} (it is not in force).", INTERVIEWS.get(ins.kind))
    # BROKEN_EMPOWERMENT
    under = _empowering(ix, ins.kind, flow.purpose)
    if under:
        lv = f"{short} jāizdod no jauna saskaņā ar {under['ref']} (spēkā esoša pilnvarojoša norma)."
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
    return _new_instrument(ix, actor, purpose, need, f"uzliek {s} pienākumu informēt {target_lv}",
                           f"obliges {s_en} to inform {target_en}")
