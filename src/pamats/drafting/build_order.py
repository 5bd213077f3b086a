"""This file defines the ministry order builder (rīkojums to subordinate institutions), lv and en.

Layout per shared/notes/latvian-drafting.md §2.2: header, "Par …" title, basis line (VPIL 72(1)(1),
[U] for the ministry's exact wording: a visible note), operative points starting with infinitives.
"""

from __future__ import annotations

from ..text.latvian import act_dative, date_en, date_lv, issued_under_en, izdoti_line
from .answers import OrderAnswers, pick
from .build import contacts_node, node, notes, signatory, subpoints
from .build_regulation import citation
from .clauses import Clauses
from .document import Instrument


def build_order(a: OrderAnswers, lang: str) -> Instrument:
    c = Clauses(lang, "order")
    en = lang == "en"
    d = (lambda x: date_en(x)) if en else (lambda x: date_lv(x, "dat"))  # noqa: E731
    issuer = pick(a.issuer.name, lang)
    names = {i.key: pick(i.name, lang) for i in a.addressees}
    if a.training_by:
        names.setdefault(a.training_by.key, pick(a.training_by.name, lang))
    header = c("header", issuer=issuer) if (not en and issuer.endswith("a")) else c("header_generic", issuer=issuer)
    body = [
        node("institutions", c("institutions"), children=subpoints("inst", [pick(i.name, lang) for i in a.addressees])),
        node(
            "procedures",
            c("procedures", regulation=pick(a.regulation, lang), date=d(a.procedures_deadline)),
            children=subpoints("proc", [c("proc_duties"), c("proc_inform"), c("proc_contact")]),
        ),
    ]
    if a.contact_points:
        body.append(contacts_node(c, a.contact_points, names, lang))
    who = pick(a.training_by.name, lang) if a.training_by else c("who_blank")
    body.append(
        node(
            "training",
            c(
                "training",
                what=pick(a.training, lang),
                who=who,
                date=d(a.training_deadline) if a.training_deadline else "",
            ),
        )
    )
    if a.report_deadline:
        body.append(node("report", c("report", date=d(a.report_deadline))))
    body.append(node("control", c("control", who=pick(a.controller, lang))))
    return Instrument(
        kind="order",
        lang=lang,
        title=pick(a.title, lang),
        issuer=issuer,
        issuer_key=a.issuer.key,
        date=a.date,
        number=a.number,
        header_lines=[header, c("place", date=date_en(a.date) if en else date_lv(a.date))],
        basis_line=basis_line(a, en),
        empowered_by=[citation(p) for p in a.empowering],
        notes=notes(c, a, lang),
        body=body,
        meta={"landscape_basis": " ".join(f"{r.instrument}/{r.provision}" for r in a.landscape_basis)},
        signatories=[signatory(c, pick(a.signatory.position, lang), a.signatory.name, feminine=a.signatory.feminine)],
    )


def basis_line(a: OrderAnswers, en: bool) -> str:
    """The law the order is issued under and the regulation it implements (latvian-drafting.md §2.2:
    "adding the external act when issued on its basis"): '… 1. punktu un Ministru kabineta …
    noteikumiem Nr. __ "…"'."""
    if en:
        return f"{issued_under_en(a.empowering)} and {pick(a.regulation, 'en')}"
    return f"{izdoti_line(a.empowering, 'Izdots')} un {act_dative(pick(a.regulation, 'lv'))}"
