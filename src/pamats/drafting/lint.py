"""This file defines ``pamats lint``: legal-technique checks on a drafted instrument.

Stable codes (docs/drafting.md lists them):

LT001 missing empowering clause (regulation/order)      LT006 required section missing for the kind
LT002 empowering provision not found / not in force     LT007 data exchange without a legal norm in force
LT003 numbering: a point's text starts with a number    LT008 point restates the empowering provision
LT004 unresolved cross-reference                        LT009 lead-in / item punctuation
LT005 defined term introduced twice or never used       LT010 fill-in marker left in the text (one per marker)
LT011 order addressed to an institution not subordinate to its issuer
LT012 empowering provision cannot empower this kind of instrument
LT013 the same point or duty twice                      LT014 actor or data term unknown to the landscape
LT015 empty title
LT016 a new regulation under a mandate that a regulation in force already uses (amend that one)
LT017 a draft that requires informing the police about an adult without the person's consent
LT018 a regulation proposed by a minister other than the one responsible for its mandate
LT019 a draft whose scope reaches matters its mandate does not cover

Each finding names the point (its number) or the part of the document; messages are whole.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass

from .document import Instrument, XRef, render_inline

__all__ = ["LintFinding", "lint_instrument", "fill_in_markers", "CODES"]

CODES = {
    "LT001": "missing empowering clause",
    "LT002": "empowering provision not found or not in force",
    "LT003": "manual numbering in a point's text",
    "LT004": "unresolved cross-reference",
    "LT005": "defined term used inconsistently",
    "LT006": "required section missing",
    "LT007": "data exchange without a legal norm in force",
    "LT008": "point restates the empowering law",
    "LT009": "lead-in or item punctuation",
    "LT010": "fill-in marker left in the text",
    "LT011": "addressee not subordinate to the issuer",
    "LT012": "provision cannot empower this kind",
    "LT013": "the same point twice",
    "LT014": "unknown to the landscape",
    "LT015": "empty title",
    "LT016": "a regulation in force already uses this mandate",
    "LT017": "police informed about an adult without consent",
    "LT018": "not the minister responsible for the mandate",
    "LT019": "scope wider than the mandate",
}
_FILL_IN = re.compile(r"\[(?:JĀPRECIZĒ|TO BE CONFIRMED)(?::[^\]]*)?\]")
_RANK = {"regulation": "cabinet_regulation", "order": "ministry_order", "agreement": "agreement"}
_MARKERS = ("[JĀPRECIZĒ", "[TO BE CONFIRMED", "[BRĪDINĀJUMS", "[WARNING")
_TERM = re.compile(r"\((?:turpmāk|hereinafter) – ([^)]+)\)")
_REQUIRED = {
    "agreement": {"s-subject", "s-data", "s-term", "s-final"},
    "regulation": {"scope"},
    "annotation": {"s1-1", "s1-2", "s1-3"},
    "order": {"control"},
}


@dataclass(frozen=True)
class LintFinding:
    code: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.code} {self.where}: {self.message}"

    def to_json(self) -> dict:
        return {"code": self.code, "where": self.where, "message": self.message}


def lint_instrument(
    instr: Instrument, *, answers=None, landscape=None, as_of: dt.date | None = None
) -> list[LintFinding]:
    """All findings for ``instr`` (``answers`` and ``landscape`` enable LT002/LT007/LT008)."""
    out: list[LintFinding] = []
    add = lambda code, where, msg: out.append(LintFinding(code, where, msg))  # noqa: E731
    nums = instr.numbers()
    walk = list(instr.walk())

    def where(n) -> str:
        return (
            f"{'point' if n.node.kind != 'chapter' else 'chapter'} {n.number}" if n.number else f"paragraph {n.node.id}"
        )

    if instr.kind in ("regulation", "order") and not (instr.basis_line and instr.empowered_by):
        add("LT001", "header", "no 'Izdoti saskaņā ar' line: name the empowering provision (MKIL s.31(2))")
    if landscape is not None:
        as_of = as_of or dt.date.today()
        for c in instr.empowered_by:
            if not c.instrument:
                continue
            inst = landscape.instruments.get(c.instrument)
            prov = next((p for p in inst.provisions if p.id == c.provision), None) if inst else None
            if inst is None or (c.provision and prov is None):
                add("LT002", "header", f"empowering provision {c.instrument}/{c.provision} is not in the landscape")
            elif (
                str(getattr(inst.status, "value", inst.status)) != "in_force"
                or (inst.valid_to and inst.valid_to < as_of)
                or (inst.valid_from and inst.valid_from > as_of)
            ):
                add("LT002", "header", f"empowering act {c.instrument} is not in force on {as_of}")
            elif prov is not None and prov.summary is not None:
                for n in walk:
                    text = render_inline(n.node.text, nums)
                    if text and difflib.SequenceMatcher(None, text.lower(), prov.summary.lv.lower()).ratio() > 0.8:
                        add(
                            "LT008",
                            where(n),
                            "restates the empowering provision; do not repeat higher norms (No. 108 para 3)",
                        )
    seen_terms: dict[str, str] = {}
    full = "\n".join([*instr.intro] + [render_inline(n.node.text, nums) for n in walk])
    for n in walk:
        node = n.node
        text = render_inline(node.text, nums)
        for part in node.text:
            if isinstance(part, XRef) and part.ref not in nums:
                add("LT004", where(n), f"reference to '{part.ref}', which is not in the document")
        if node.kind == "point" and re.match(r"^\d+(\.\d+)*\.\s", text):
            add("LT003", where(n), "text starts with a number; numbers are computed, remove it")
        points = [c for c in node.children if c.kind == "point" and c.text]
        if points and node.text:
            if not text.rstrip().endswith(":"):
                add("LT009", where(n), "a lead-in before sub-points ends with ':'")
            ends = [render_inline(c.text, nums).rstrip()[-1:] for c in points]
            want = [";"] * (len(ends) - 1) + ["."]
            if ends != want and text.rstrip().endswith(":"):
                add("LT009", where(n), "items end with ';' and the last one with '.'")
        for m in _TERM.finditer(text):
            term = m.group(1).strip()
            key = term.lower()
            if key in seen_terms:
                add("LT005", where(n), f"term '{term}' is introduced again (first in {seen_terms[key]})")
            seen_terms[key] = where(n)
    for line in instr.intro:
        for m in _TERM.finditer(line):
            seen_terms.setdefault(m.group(1).strip().lower(), "the parties clause")
    low = full.lower()
    for key, first in seen_terms.items():
        word = key.split()[-1]
        stem = word[: max(4, len(word) - 3)]
        at = low.find(f"– {key})")
        rest = _TERM.sub("", full[at + len(key) + 3 :] if at >= 0 else full).lower()
        if stem not in rest:
            add("LT005", first, f"term '{key}' is introduced but never used")
    ids = {n.node.id for n in walk}
    for req in sorted(_REQUIRED.get(instr.kind, set()) - ids):
        add("LT006", "body", f"required part '{req}' is missing for a {instr.kind}")
    if instr.kind == "agreement":
        for w in instr.warnings:
            add("LT007", "section 'Informācijas apmaiņas kārtība'", "no legal norm allows the data exchange; " + w)
        if answers is not None and getattr(answers, "exchanges", None):
            for norm in answers.legal_basis_norms:
                label = norm.instrument or "norm"
                if not norm.in_force:
                    add(
                        "LT007",
                        "legal_basis_norms",
                        f"{label}: the norm is not yet in force (draft); the exchange "
                        "may start only after it is adopted",
                    )
                elif landscape is not None and norm.instrument and norm.instrument not in landscape.instruments:
                    add("LT007", "legal_basis_norms", f"{label}: not found in the landscape")
    for place, marker in fill_in_markers(instr):
        add("LT010", place, f"fill in {marker}")
    if not instr.title.strip():
        add("LT015", "title", "the title is empty; an act's title says what it governs (MK No. 108 para 16)")
    _duplicates(walk, nums, where, add)
    if answers is not None:
        _police_without_consent(answers, landscape, add)
    if landscape is not None:
        _against_landscape(instr, answers, landscape, add)
        if answers is not None:
            _competence(instr, answers, landscape, add)
    return out


def _ministry_stem(text: str) -> str:
    """The words before "ministr…" ("Labklājības ministrs", "Labklājības ministrija" ->
    "labklājības"): how a minister's position names the ministry it heads."""
    low = text.casefold()
    at = low.find("ministr")
    return low[:at].strip() if at > 0 else ""


def _competence(instr: Instrument, answers, landscape, add) -> None:
    """LT018, LT019: the draft against the mandate it is issued under. The mandate's provision
    names the ministry responsible for it (``responsible``, with the provision that says so) and
    the matters it covers (``topics``, purposes). A regulation is proposed by that ministry's
    minister; a draft's exchanges stay within the mandate's matters (the title and scope follow
    the mandate: MoJ opinion on 22-TA-186)."""
    minister = getattr(getattr(answers, "minister", None), "position", None)
    purposes = landscape.purposes
    for c in instr.empowered_by:
        up = landscape.instruments.get(c.instrument) if c.instrument else None
        prov = next((p for p in up.provisions if p.id == c.provision), None) if up else None
        if prov is None:
            continue
        ref = f"{up.short or up.id} {prov.ref}"
        resp = prov.responsible
        ministry = landscape.actors.get(resp.actor) if resp is not None else None
        if instr.kind == "regulation" and minister is not None and ministry is not None:
            mine, theirs = _ministry_stem(minister.lv), _ministry_stem(ministry.name.lv)
            if mine and theirs and mine != theirs:
                b = landscape.instruments.get(resp.basis.instrument)
                bp = next((p for p in b.provisions if p.id == resp.basis.provision), None) if b else None
                why = f"{b.short or b.id} {bp.ref}" if b and bp else resp.basis.provision
                add(
                    "LT018",
                    "signatures",
                    f"proposed by '{minister.lv}', but the mandate {ref} is the responsibility of "
                    f"{ministry.name.en or ministry.name.lv} ({why}): its minister proposes and signs the regulation",
                )
        if prov.topics:
            outside = sorted(
                {
                    pur
                    for x in getattr(answers, "exchanges", []) or []
                    for pur in x.purposes
                    if not any(_descends(purposes, pur, t) for t in prov.topics)
                }
            )
            if outside:
                add(
                    "LT019",
                    "scope",
                    f"the draft organises matters its mandate {ref} does not cover: {', '.join(outside)} "
                    f"(the mandate's matters: {', '.join(prov.topics)}); the title and scope must follow "
                    "the mandate (MoJ opinion on 22-TA-186): narrow them, or cite a mandate that covers these",
                )


def _police_without_consent(answers, landscape, add) -> None:
    """LT017: an exchange to the police about adults (any data subject that is not a child)
    without the condition ``consent``. A person is recognised as a victim only with their
    consent (CPL s.96(3), likumi.lv 107820); a draft that obliges an institution to inform the
    police about an adult possible victim regardless would be sent back."""
    children = {"child_victim"}
    actors = {}
    police_role = "police"
    if landscape is not None:
        actors = landscape.actors
        nrm = landscape.jurisdiction.nrm
        police_role = nrm.to_police.role if nrm is not None else police_role
        children |= {s for s in landscape.subjects if _descends(landscape.subjects, s, "child_victim")}
    police_key = getattr(getattr(answers, "police", None), "key", None)  # a regulation names its police
    said = set()
    for x in getattr(answers, "exchanges", []) or []:
        rec = x.recipient
        police = rec in (f"role:{police_role}", police_key) or (rec in actors and police_role in actors[rec].roles)
        adults = [s for s in x.subjects if s not in children]
        if police and adults and "consent" not in x.conditions and (rec, *adults) not in said:
            said.add((rec, *adults))
            add(
                "LT017",
                "exchanges",
                f"requires informing the police ({rec}) about an adult ({', '.join(adults)}) without the person's "
                "consent (a person is recognised as a victim only with consent, CPL s.96(3)): add "
                "'conditions: [consent]', or limit the subjects to child_victim",
            )


def _descends(terms: dict, tid: str, ancestor: str) -> bool:
    seen = set()
    while tid and tid not in seen:
        if tid == ancestor:
            return True
        seen.add(tid)
        t = terms.get(tid)
        tid = t.parent if t is not None else None
    return False


def fill_in_markers(instr: Instrument) -> list[tuple[str, str]]:
    """Every fill-in marker left in the document, in reading order: ``(where, marker)``, where is
    ``title``, ``header``, ``'Izdoti' line``, ``note``, ``warning``, ``parties clause``, ``point N`` or ``signatures``."""
    nums = instr.numbers()
    parts: list[tuple[str, str]] = [
        ("title", instr.title),
        *[("header", h) for h in instr.header_lines],
        ("'Izdoti' line", instr.basis_line or ""),
        *[("note", x) for x in instr.notes],
        *[("warning", x) for x in instr.warnings],
        *[("parties clause", x) for x in instr.intro],
    ]
    for n in instr.walk():
        place = (
            f"{'chapter' if n.node.kind == 'chapter' else 'point'} {n.number}" if n.number else f"paragraph {n.node.id}"
        )
        parts.append((place, " ".join(filter(None, [n.node.title or "", render_inline(n.node.text, nums)]))))
    parts += [("signatures", f"{s.position} {s.name}") for s in instr.signatories]
    parts += [("signatures", x) for b in instr.signature_blocks for x in b]
    return [(place, m.group(0)) for place, text in parts for m in _FILL_IN.finditer(text or "")]


def _duplicates(walk, nums, where, add) -> None:
    """LT013: two points (or duties) with the same wording."""
    seen: dict[str, str] = {}
    for n in walk:
        text = " ".join(render_inline(n.node.text, nums).lower().split()).rstrip(";.:")
        if len(_FILL_IN.sub("", render_inline(n.node.text, nums)).strip(" ;.:")) < 12:
            continue  # a short point, or one that is only a fill-in marker
        if text in seen:
            add("LT013", where(n), f"says the same as {seen[text]}; keep one")
        else:
            seen[text] = where(n)


def _against_landscape(instr: Instrument, answers, landscape, add) -> None:
    """LT011, LT012, LT014, LT016: what the landscape knows about the draft's actors and mandate."""
    from ..landscape.relations import is_subordinate, issued_under

    actors = landscape.actors
    kind = _RANK.get(instr.kind)
    if answers is not None and instr.kind == "order":
        issuer = answers.issuer.key
        for a in answers.addressees:
            if a.key in actors and issuer in actors and not is_subordinate(actors, a.key, issuer):
                add(
                    "LT011",
                    "addressees",
                    f"{a.key} is not subordinate to {issuer}: an order binds only "
                    "institutions subordinate to its issuer (VPIL s.72(1)(1)); "
                    "reach it by a regulation or an agreement",
                )
    for c in instr.empowered_by:
        up = landscape.instruments.get(c.instrument) if c.instrument else None
        prov = next((p for p in up.provisions if p.id == c.provision), None) if up else None
        if up is None or kind is None:
            continue
        rank = landscape.ranks.get(up.kind)
        if (prov is not None and prov.empowers and kind not in prov.empowers) or (
            rank is not None and rank.may_empower and kind not in rank.may_empower
        ):
            add(
                "LT012",
                "header",
                f"{up.short or up.id} {prov.ref if prov else c.provision} cannot empower a "
                f"{kind.replace('_', ' ')}; cite the provision that does",
            )
        if instr.kind == "regulation":
            for other in issued_under(landscape.instruments.values(), kind, c.instrument, c.provision):
                if other.status.value == "in_force":
                    name = f"No. {other.number}" if other.number else (other.short or other.id)
                    add(
                        "LT016",
                        "header",
                        f"Cabinet Regulation {name} is already issued under "
                        f"{up.short or up.id} {prov.ref if prov else c.provision}: amend it "
                        "rather than issue a parallel regulation (MK No. 108 paras 3.1-3.2)",
                    )
    if answers is None:
        return
    keys = (
        [(x.sender, "sender") for x in getattr(answers, "exchanges", [])]
        + [(x.recipient, "recipient") for x in getattr(answers, "exchanges", [])]
        + [(p.key, "party") for p in getattr(answers, "parties", [])]
    )
    roles = (
        {f"role:{r}" for a in actors.values() for r in a.roles} | {f"kind:{a.kind}" for a in actors.values()} | {"any"}
    )
    for key, role in dict.fromkeys(keys):
        if key not in actors and key not in roles:
            add(
                "LT014",
                "exchanges" if role != "party" else "parties",
                f"{role} '{key}' is not an actor of the landscape; check the id or add the actor",
            )
    vocab = {"categories": landscape.categories, "purposes": landscape.purposes, "subjects": landscape.subjects}
    for x in getattr(answers, "exchanges", []):
        for field, known in vocab.items():
            for term in getattr(x, field, []):
                if known and term not in known:
                    add(
                        "LT014",
                        "exchanges",
                        f"{field[:-1] if field != 'categories' else 'data category'} "
                        f"'{term}' is not in the landscape's vocabulary",
                    )
