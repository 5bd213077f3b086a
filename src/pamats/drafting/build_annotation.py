"""This file defines the annotation builder (MK Reg. No. 617 (2021); shared/notes/latvian-drafting.md §4), lv and en.

1.1 is filled from the same empowering-provision records as the izdoti line; 1.3 lists the
gap-report findings the draft closes when a GapReport JSON is given. Sections 2–8 are [U] in
the notes: their titles are printed with a visible "to be checked" marker.
"""

from __future__ import annotations

from ..text.latvian import cite, cite_en
from .answers import AnnotationAnswers, pick
from .build import node, notes, subpoints
from .build_regulation import citation
from .clauses import Clauses
from .document import Instrument

_OTHER = {
    "lv": [
        "Tiesību akta projekta ietekme uz sabiedrību, tautsaimniecības attīstību un administratīvo slogu",
        "Tiesību akta projekta ietekme uz valsts budžetu un pašvaldību budžetiem",
        "Tiesību akta projekta ietekme uz spēkā esošo tiesību normu sistēmu",
        "Tiesību akta projekta atbilstība Latvijas Republikas starptautiskajām saistībām",
        "Sabiedrības līdzdalība un komunikācijas aktivitātes",
        "Tiesību akta projekta izpildes nodrošināšana un tās ietekme uz institūcijām",
        "Cita informācija",
    ],
    "en": [
        "Impact on society, the economy and administrative burden",
        "Impact on state and municipal budgets",
        "Impact on the existing legal system",
        "Conformity with Latvia's international obligations",
        "Public participation and communication",
        "Implementation and impact on institutions",
        "Other information",
    ],
}


def closed_findings(report: dict, provisions: set[tuple[str, str]]) -> list[dict]:
    """Findings whose remedy is issued under one of ``provisions`` (instrument, provision); all if none match."""
    findings = report.get("findings", [])
    hit = [
        f
        for f in findings
        if (f.get("remedy") or {}).get("under")
        and ((f["remedy"]["under"].get("instrument"), f["remedy"]["under"].get("provision")) in provisions)
    ]
    return hit or findings


def build_annotation(a: AnnotationAnswers, lang: str, report: dict | None) -> Instrument:
    c = Clauses(lang, "annotation")
    en = lang == "en"
    refs = [
        cite_en(p) if en else f"{p.law_genitive} {cite(p.section, p.part, p.clause, case='nom')}" for p in a.empowering
    ]
    basis = [c("basis_law", ref=r) for r in refs] + [c("basis_eu", doc=pick(d, lang)) for d in a.eu_documents]
    s13 = [node("situation", c("situation", text=pick(a.current_situation, lang)))]
    if report:
        found = closed_findings(report, {(p.instrument, p.provision) for p in a.empowering if p.instrument})
        msgs = [
            (f.get("message") or {}).get(lang) or (f.get("message") or {}).get("lv") or f.get("key", "") for f in found
        ]
        if msgs:
            s13.append(
                node(
                    "gaps",
                    c("gaps_lead", n=len(msgs), as_of=str(report.get("as_of", ""))),
                    children=subpoints("gap", msgs),
                )
            )
    s13 += [
        node("problem", c("problem", text=pick(a.problem, lang))),
        node("solution", c("solution", text=pick(a.solution, lang))),
    ]
    body = [
        node(
            "s1",
            title=c("s1"),
            children=[
                node(
                    "s1-1",
                    title=c("s11"),
                    children=[node(f"basis-{i + 1}", t, kind="para") for i, t in enumerate(basis)],
                ),
                node(
                    "s1-2",
                    title=c("s12"),
                    children=[
                        node("purpose", c("purpose", text=pick(a.purpose, lang)), kind="para"),
                        node("entry", c("entry", text=pick(a.entry_into_force, lang) or ""), kind="para"),
                    ],
                ),
                node("s1-3", title=c("s13"), children=[n.model_copy(update={"kind": "para"}) for n in s13]),
            ],
        )
    ]
    for i, title in enumerate(_OTHER[lang]):
        body.append(
            node(
                f"s{i + 2}",
                title=c("s_other", title=title),
                children=[node(f"s{i + 2}-todo", c("unchecked"), kind="para")],
            )
        )
    return Instrument(
        kind="annotation",
        lang=lang,
        title=c("title", title=pick(a.title, lang)),
        date=a.date,
        number=a.tap_id,
        header_lines=[c("header", tap_id=a.tap_id or "", draft_kind=a.draft_kind)],
        empowered_by=[citation(p) for p in a.empowering],
        notes=notes(c, a, lang),
        body=body,
    )
