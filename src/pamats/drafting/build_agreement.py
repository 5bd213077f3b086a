"""This file defines the cooperation agreement builder (shared/notes/latvian-drafting.md §3.3 heading set), lv and en.

Sections are top-level points with titles ("1. Līguma priekšmets", "1.1. …"). The data
exchange clause is printed only with a legal norm; without one, a visible warning replaces it
(and ``Instrument.warnings`` records it for ``pamats lint``, code LT007).
"""

from __future__ import annotations

from ..text.latvian import feminine_position, join_and, months_lv
from .answers import AgreementAnswers, pick
from .build import contacts_node, node, notes, subpoints, vocab_label
from .clauses import Clauses
from .document import Instrument
from .document import Party as DocParty


def build_agreement(a: AgreementAnswers, lang: str) -> Instrument:
    c = Clauses(lang, "agreement")
    en = lang == "en"
    AND = "and" if en else "un"
    short = {p.key: pick(p.short, lang) or pick(p.name, lang) for p in a.parties}
    blank = c("name_blank")

    intro = []
    for i, p in enumerate(a.parties):
        intro.append(
            c(
                "party",
                name=pick(p.name, lang),
                reg_no=p.reg_no or "",
                address=p.address or "",
                short=short[p.key],
                position=signer_position(p, lang) or "",
                first=i == 0,
                representative=p.representative or blank,
                authority=pick(p.authority, lang) or "",
            )
            + ","
        )
    intro += [c("together"), c("basis", form=a.form, norm=pick(a.delegation_norm, lang) or ""), c("concludes")]

    sections = [
        node(
            "s-subject",
            title=c("s_subject"),
            children=[
                node("subject", c("subject", text=pick(a.subject, lang).rstrip("."))),
                node("no-powers", c("no_powers", form=a.form)),
            ],
        )
    ]
    if a.duties:
        sections.append(
            node(
                "s-duties",
                title=c("s_duties"),
                children=[
                    node(
                        f"duties-{k}",
                        c("undertakes", short=short[k]),
                        children=subpoints(f"duties-{k}", [pick(t, lang) for t in texts]),
                    )
                    for k, texts in a.duties.items()
                ],
            )
        )
    warnings = []
    exch = []
    if a.exchanges:
        if a.legal_basis_norms:
            norms = join_and(
                [
                    pick(n.text, lang) if n.in_force else c("norm_draft", text=pick(n.text, lang))
                    for n in a.legal_basis_norms
                ],
                AND,
            )
            lines = [
                c(
                    "exchange",
                    sender=short.get(x.sender, x.sender),
                    recipient=short.get(x.recipient, x.recipient),
                    categories=", ".join(vocab_label(t, lang) for t in x.categories),
                    purposes=", ".join(vocab_label(t, lang) for t in x.purposes),
                    subjects=", ".join(vocab_label(t, lang) for t in x.subjects),
                    channel=pick(x.channel, lang) or "",
                    time_limit=pick(x.time_limit, lang) or "",
                    norms=norms,
                )
                for x in a.exchanges
            ]
            authorises = [x.model_dump(exclude={"channel", "time_limit"}) for x in a.exchanges]
            exch.append(
                node("exchange", c("exchange_lead"), children=subpoints("exchange", lines), authorises=authorises)
            )
        else:
            warning = c("no_norm")
            warnings.append(warning)
            exch.append(node("exchange-warning", warning))
    if a.contact_points:
        exch.append(contacts_node(c, a.contact_points, short, lang))
    if exch:
        sections.append(node("s-exchange", title=c("s_exchange"), children=exch))
    data = [
        node("controllers", c("joint") if a.controllers == "joint" else c("independent")),
        node("minimum", c("minimum")),
    ]
    if a.retention:
        data.append(node("retention", c("retention", text=pick(a.retention, lang).rstrip("."))))
    data.append(node("breach", c("breach")))
    months = (
        (f"{a.notice_months} month's" if a.notice_months == 1 else f"{a.notice_months} months'")
        if en
        else months_lv(a.notice_months)
    )
    sections += [
        node("s-data", title=c("s_data"), children=data),
        node(
            "s-confidentiality", title=c("s_confidentiality"), children=[node("confidentiality", c("confidentiality"))]
        ),
        node(
            "s-term",
            title=c("s_term"),
            children=[
                node("term", c("term", text=pick(a.term, lang).rstrip("."))),
                node("termination", c("termination", months=months)),
            ],
        ),
        node("s-amend", title=c("s_amend"), children=[node("amend", c("amend"))]),
        node("s-disputes", title=c("s_disputes"), children=[node("disputes", c("disputes"))]),
        node("s-final", title=c("s_final"), children=[node("copies", c("copies", esign=a.e_signature))]),
    ]
    blocks = []
    for p in a.parties:
        cell = [pick(p.name, lang)]
        if p.reg_no:
            cell.append(c("reg", no=p.reg_no))
        if p.address:
            cell.append(p.address)
        cell += [signer_position(p, lang) or "", p.representative or blank]
        blocks.append([x for x in cell if x])
    return Instrument(
        kind="agreement",
        lang=lang,
        title=pick(a.title, lang),
        date=a.date,
        number=a.number,
        place=a.place,
        header_lines=[
            c("heading", form=a.form),
            (a.place + ", " if a.place and not a.e_signature else "") + c("date_note", esign=a.e_signature),
        ],
        parties=[
            DocParty(
                key=p.key,
                name=pick(p.name, lang),
                short=short[p.key],
                reg_no=p.reg_no,
                address=p.address,
                representative=p.representative,
                representative_position=signer_position(p, lang),
                authority=pick(p.authority, lang),
            )
            for p in a.parties
        ],
        notes=notes(c, a, lang),
        warnings=warnings,
        intro=intro,
        body=sections,
        closing=[c("esign_note")] if a.e_signature else [],
        signature_blocks=blocks,
        meta={
            "form": a.form,
            "signatures_title": c("s_signatures"),
            "landscape_basis": " ".join(f"{r.instrument}/{r.provision}" for r in a.landscape_basis),
        },
    )


def signer_position(p, lang: str) -> str | None:
    """The party's signer's position, in the feminine when the signer is a woman."""
    pos = pick(p.position, lang)
    return feminine_position(pos, lang) if pos and p.feminine else pos
