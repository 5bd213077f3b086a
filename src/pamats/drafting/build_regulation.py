"""This file defines the Cabinet regulation builder (NRM regulation), lv and en.

Skeleton per shared/notes/latvian-drafting.md §1.2: draft marking, header blanks, title, izdoti line,
chapters (Roman), continuous points, lead-ins, final provisions only when needed, signatures.
"""

from __future__ import annotations

from ..text.latvian import date_en, date_lv, issued_under_en, izdoti_line, join_and
from .answers import RegulationAnswers, pick
from .build import node, notes, signatory, subpoints
from .clauses import Clauses, ref_token
from .document import Instrument


def build_regulation(a: RegulationAnswers, lang: str) -> Instrument:
    c = Clauses(lang, "regulation")
    en = lang == "en"
    form = "bare" if en else "number"
    names = lambda insts: join_and([pick(i.name, lang) for i in insts], "and" if en else "un")  # noqa: E731
    date = date_en(a.date) if en else date_lv(a.date)

    general = node(
        "ch-general",
        kind="chapter",
        title=c("ch_general"),
        children=[
            node("scope", c("scope", text=pick(a.scope, lang))),
            node(
                "terms",
                c("terms"),
                children=subpoints(
                    "terms",
                    [
                        c("term_first_contact", names=names(a.first_contact)),
                        c("term_provider", names=names(a.service_providers)),
                        c("term_police", name=pick(a.police.name, lang)),
                    ],
                ),
            ),
        ],
    )
    authorises = [x.model_dump(exclude={"channel", "time_limit"}) for x in a.exchanges]
    inform = node(
        "ch-inform",
        kind="chapter",
        title=c("ch_inform"),
        children=[
            node("inform", c("inform", time_limit=pick(a.time_limit, lang)), authorises=authorises),
            node("channel", c.inline("channel", ref=ref_token("inform", form), channel=pick(a.channel, lang))),
            node(
                "data",
                c.inline("data_lead", ref=ref_token("inform", form)),
                children=subpoints("data", [pick(d, lang) for d in a.data_items]),
            ),
        ],
    )
    person = node(
        "ch-person",
        kind="chapter",
        title=c("ch_person"),
        children=[
            node("inform-person", c("inform_person")),
            node("consent", c("consent")),
        ],
    )
    data = node(
        "ch-data",
        kind="chapter",
        title=c("ch_data"),
        children=[
            node("purpose", c.inline("purpose", ref=ref_token("data", form))),
            node("confidentiality", c("confidentiality")),
        ],
    )
    training = [node("training", c("training", who=pick(a.training_by.name, lang)))] if a.training_by else []
    coord = node(
        "ch-training",
        kind="chapter",
        title=c("ch_training"),
        children=[
            *training,
            node("coordination", c("coordination", who=pick(a.coordinator.name, lang))),
            node(
                "implementing-acts", c("implementing"), empowers=["ministry_order", "internal_instruction", "agreement"]
            ),
        ],
    )
    final = []
    if a.entry_into_force:
        final.append(
            node(
                "entry-into-force",
                c("entry_into_force", date=date_en(a.entry_into_force) if en else date_lv(a.entry_into_force, "loc")),
            )
        )
    if a.repeals:
        final.append(node("repeal", c("repeal", act=pick(a.repeals, lang))))
    body = [general, inform, person, data, coord]
    if final:
        body.append(node("ch-final", kind="chapter", title=c("ch_final", several=len(final) > 1), children=final))

    pm_pos = c("pm", feminine=a.prime_minister.feminine) if not en else pick(a.prime_minister.position, lang)
    return Instrument(
        kind="regulation",
        lang=lang,
        title=pick(a.title, lang),
        issuer="Ministru kabinets" if not en else "Cabinet",
        issuer_key="mk",
        date=a.date,
        number=a.number,
        marking=c("marking") if a.number is None else None,
        header_lines=[
            c("header_number") if a.number is None else c("header_number").replace("__", a.number),
            c("header_place", date=date),
        ],
        basis_line=issued_under_en(a.empowering) if en else izdoti_line(a.empowering, "Izdoti"),
        empowered_by=[citation(p) for p in a.empowering],
        notes=notes(c, a, lang),
        body=body,
        signatories=[
            signatory(c, pm_pos, a.prime_minister.name),
            signatory(c, pick(a.minister.position, lang), a.minister.name, feminine=a.minister.feminine),
        ],
    )


def citation(p):
    from .document import Citation

    return Citation(
        law_genitive=p.law_genitive,
        law_en=p.law_en,
        section=p.section,
        part=p.part,
        clause=p.clause,
        instrument=p.instrument,
        provision=p.provision,
        verified=p.verified,
    )
