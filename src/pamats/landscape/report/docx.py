"""This file defines the DOCX gap report: a document a lawyer can file (python-docx)."""

from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from .texts import code_title, is_whatif, t, tx

__all__ = ["to_docx_bytes"]

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _c(s) -> str:
    """Text safe for XML: control characters that XML 1.0 forbids become U+FFFD."""
    return _XML_ILLEGAL.sub("\ufffd", str(s))


def _summary_table(doc, rep: dict, lang: str) -> None:
    s = rep["summary"]
    tab = doc.add_table(rows=2, cols=3)
    tab.style = "Table Grid"
    for i, h in enumerate((t("flows", lang), t("covered", lang), t("findings", lang))):
        tab.cell(0, i).text = h
    for i, v in enumerate((s["flows"], s["covered"], s["findings"])):
        tab.cell(1, i).text = str(v)


def _flows_table(doc, rep: dict, lang: str) -> None:
    tab = doc.add_table(rows=1, cols=3)
    tab.style = "Table Grid"
    for i, h in enumerate((t("flow", lang), "→", t("basis", lang))):
        tab.cell(0, i).text = h
    for fl in rep["flows"]:
        row = tab.add_row().cells
        row[0].text = _c(fl["id"])
        row[1].text = _c(f"{fl['sender']} → {fl['recipient']}")
        row[2].text = _c(fl["basis"]["ref"] if fl.get("basis") else fl.get("code", ""))


def _finding(doc, f: dict, lang: str, n: int) -> None:
    head = f["flow"] or f.get("actor")
    doc.add_heading(_c(f"{n}. {f['code']} – {code_title(f['code'], lang)}: {head}"), level=2)
    doc.add_paragraph(_c(tx(f["message"], lang)))
    if f["flow"]:
        for label, value in ((t("flow", lang), f"{f['sender']} → {f['recipient']} ({f['regime'].upper()})"),
                             (t("data", lang), ", ".join(f["categories"])), (t("purpose", lang), f["purpose"]),
                             (t("subjects", lang), ", ".join(f["subjects"]))):
            p = doc.add_paragraph(style="List Bullet")
            p.add_run(f"{label}: ").bold = True
            p.add_run(_c(value))
        doc.add_paragraph().add_run(t("candidates", lang) + ":").bold = True
        if not f["candidates"]:
            doc.add_paragraph(t("no_candidates", lang), style="List Bullet")
        for c in f["candidates"]:
            p = doc.add_paragraph(style="List Bullet")
            p.add_run(_c(c["ref"]) + ": ").bold = True
            p.add_run(_c("; ".join(f"{x['code']} – {tx(x['detail'], lang)}" for x in c["failures"])))
    rem = f.get("remedy")
    if rem:
        p = doc.add_paragraph()
        p.add_run(t("remedy", lang) + ": ").bold = True
        p.add_run(_c(tx(rem["text"], lang)))


def _report(doc, rep: dict, lang: str, heading: str) -> None:
    doc.add_heading(_c(heading), level=1)
    p = doc.add_paragraph()
    p.add_run(f"{t('landscape', lang)}: ").bold = True
    p.add_run(_c(f"{tx(rep['landscape']['title'], lang)} ({rep['landscape']['id']})"))
    p = doc.add_paragraph()
    p.add_run(f"{t('as_of', lang)}: ").bold = True
    p.add_run(rep["as_of"])
    if rep.get("drafts"):
        p = doc.add_paragraph()
        p.add_run(f"{t('drafts', lang)}: ").bold = True
        p.add_run(_c(", ".join(rep["drafts"])))
    doc.add_heading(t("summary", lang), level=2)
    _summary_table(doc, rep, lang)
    doc.add_heading(t("flows", lang), level=2)
    _flows_table(doc, rep, lang)
    doc.add_heading(t("findings", lang), level=2)
    if not rep["findings"]:
        doc.add_paragraph(t("no_findings", lang))
    for n, f in enumerate(rep["findings"], 1):
        _finding(doc, f, lang, n)


def to_docx_bytes(report: dict, lang: str = "lv") -> bytes:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    if is_whatif(report):
        title = doc.add_heading(t("whatif_title", lang), level=0)
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for key in ("closed", "remaining", "opened"):
            p = doc.add_paragraph()
            p.add_run(f"{t(key, lang)} ({len(report[key])}): ").bold = True
            p.add_run(_c(", ".join(report[key]) or t("none", lang)))
        _report(doc, report["before"], lang, t("before", lang))
        _report(doc, report["after"], lang, t("after", lang))
    else:
        title = doc.add_heading(t("title", lang), level=0)
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _report(doc, report, lang, tx(report["landscape"]["title"], lang))
    doc.core_properties.title = t("title", lang)
    doc.core_properties.language = "lv-LV" if lang == "lv" else "en-GB"
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
