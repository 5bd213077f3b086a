"""This file defines build_instrument: answers -> Instrument, for the four kinds, lv and en.

The structure (chapters, points, sub-points, lead-ins) is built here; every sentence comes
from a clause macro in templates/clauses/<lang>/<kind>.j2 (see :mod:`.clauses`). Where the
drafter must fill something in, the text carries a visible marker ([JĀPRECIZĒ: …] /
[TO BE CONFIRMED: …]); nothing is invented.
"""

from __future__ import annotations

from ..landscape.jurisdiction import vocabulary_labels
from ..resources import data_dir
from ..text.latvian import feminine_position
from .answers import Answers, pick
from .clauses import Clauses
from .document import Instrument, Node, Signatory

__all__ = ["build_instrument", "vocab_label", "items"]


def vocab_label(term_id: str, lang: str) -> str:
    """Label of a landscape vocabulary id (categories, purposes, subjects); the id itself if unknown."""
    label = vocabulary_labels().get(term_id)
    return label.get(lang) if label else term_id


def items(texts: list[str]) -> list[str]:
    """Items of a lead-in: each ends with ';', the last with '.' (trailing punctuation of the input replaced)."""
    out = []
    for i, t in enumerate(texts):
        t = t.rstrip().rstrip(";.,")
        out.append(t + ("." if i == len(texts) - 1 else ";"))
    return out


def node(node_id: str, text=None, *, children=(), kind="point", title=None, **extra) -> Node:
    if isinstance(text, str):
        text = [text]
    return Node(id=node_id, kind=kind, title=title, text=list(text or []), children=list(children), **extra)


def subpoints(prefix: str, texts: list[str]) -> list[Node]:
    return [node(f"{prefix}-{i + 1}", t) for i, t in enumerate(items(texts))]


def contacts_node(c, contact_points, names: dict[str, str], lang: str) -> Node:
    """The contact points point: one sub-point per contact ("<institution> – <unit> (<hours, phone,
    e-mail>)"), worded by the clause text ``contact`` of the kind's clauses ``c``."""
    from .answers import pick

    return node(
        "contacts",
        c("contacts"),
        children=subpoints(
            "contact",
            [
                c(
                    "contact",
                    name=names.get(cp.party, cp.party),
                    unit=pick(cp.unit, lang),
                    extra=", ".join(x for x in [pick(cp.hours, lang), cp.phone, cp.email] if x),
                )
                for cp in contact_points
            ],
        ),
    )


def build_instrument(answers: Answers, *, lang: str | None = None, landscape_report: dict | None = None) -> Instrument:
    """Build the document for ``answers`` in ``lang`` (default: the answers' language); Latvian
    text gets one style of quotation marks, „…” (see :mod:`.quotes`)."""
    from .quotes import with_lv_quotes

    return with_lv_quotes(_build(answers, lang or answers.lang, landscape_report))


def _build(answers: Answers, lang: str, landscape_report: dict | None) -> Instrument:
    if answers.kind == "regulation":
        from .build_regulation import build_regulation

        return build_regulation(answers, lang)
    if answers.kind == "order":
        from .build_order import build_order

        return build_order(answers, lang)
    if answers.kind == "agreement":
        from .build_agreement import build_agreement

        return build_agreement(answers, lang)
    from .build_annotation import build_annotation

    return build_annotation(answers, lang, landscape_report)


def notes(c: Clauses, answers: Answers, lang: str) -> list[str]:
    out = [c("todo", text=pick(n, lang)) for n in answers.notes_to_drafter]
    for p in getattr(answers, "empowering", []):
        if not p.verified:
            law = pick(p.law, lang)
            out.append(
                c(
                    "todo",
                    text=(
                        f"empowering provision not verified: {law} {p.section}"
                        if lang == "en"
                        else f"pilnvarojošā norma nav pārbaudīta: {law} {p.section}. pants"
                    ),
                )
            )
    return out


def signatory(c: Clauses, position: str, name: str | None, *, feminine: bool = False) -> Signatory:
    """Who signs; a woman's Latvian position in the feminine ("Iekšlietu ministre")."""
    pos = feminine_position(position, c.lang) if feminine else position
    return Signatory(position=pos, name=name or c("name_blank"))


def _unused() -> None:  # keep data_dir imported for packaging checks
    data_dir("templates")
