"""This file defines the DOCX gap report: a document a lawyer can file (python-docx)."""

from __future__ import annotations

import datetime as dt
import io
import re

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from ...text.messages import msg
from .texts import (
    code_title,
    comparison_rows,
    flow_info,
    headline,
    is_whatif,
    on_condition,
    review_notes,
    source_rows,
    t,
    tx,
    unverified_rows,
)

__all__ = ["to_docx_bytes"]

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _c(s) -> str:
    """Text safe for XML: control characters that XML 1.0 forbids become U+FFFD."""
    return _XML_ILLEGAL.sub("\ufffd", str(s))


class _Doc:
    """The document plus its paragraph styles resolved once.

    python-docx's ``Paragraph.style`` setter looks the style up by name and then scans the
    whole styles part for the default paragraph style on every call (about a millisecond each); here
    each style's id is resolved once per document through the same call
    (``DocumentPart.get_style_id``) and written to the paragraph as that setter would.
    """

    def __init__(self, doc) -> None:
        self.doc = doc
        self._ids: dict[str, str | None] = {}

    def add_paragraph(self, text: str = "", style: str | None = None):
        p = self.doc.add_paragraph(text)
        if style is not None:
            if style not in self._ids:
                self._ids[style] = self.doc.part.get_style_id(style, WD_STYLE_TYPE.PARAGRAPH)
            p._p.style = self._ids[style]  # what Paragraph.style's setter writes
        return p

    def add_heading(self, text: str = "", level: int = 1):
        return self.add_paragraph(text, "Title" if level == 0 else f"Heading {level}")

    def add_table(self, rows: int, cols: int):
        return self.doc.add_table(rows=rows, cols=cols)


def _summary_table(doc, rep: dict, lang: str) -> None:
    s = rep["summary"]
    tab = doc.add_table(rows=2, cols=3)
    tab.style = "Table Grid"
    for i, h in enumerate((t("flows", lang), t("covered", lang), t("findings", lang))):
        tab.cell(0, i).text = h
    for i, v in enumerate((s["flows"], s["covered"], s["findings"])):
        tab.cell(1, i).text = str(v)
    if s["findings"]:
        doc.add_paragraph().add_run(headline(s, lang)).bold = True


def _flows_table(doc, rep: dict, lang: str) -> None:
    flows = rep["flows"]
    tab = doc.add_table(rows=1 + len(flows), cols=3)  # same XML as adding the rows one by one
    tab.style = "Table Grid"
    rows = iter(tab.rows)
    for i, h in enumerate((t("flow", lang), "→", t("basis", lang))):
        tab.cell(0, i).text = h
    next(rows)
    for fl, tr in zip(flows, rows):
        row = tr.cells
        row[0].text = _c(fl["id"])
        row[1].text = _c(f"{fl['sender']} → {fl['recipient']}")
        cond = on_condition(rep, fl, lang)
        row[2].text = _c(
            (fl["basis"]["ref"] if fl.get("basis") else fl.get("code", "")) + (f" — {cond}" if cond else "")
        )


def _finding(doc, f: dict, lang: str, n: int, graph: dict | None) -> None:
    head = f["flow"] or f.get("actor")
    doc.add_heading(_c(f"{n}. {f['code']} – {code_title(f['code'], lang)}: {head}"), level=2)
    doc.add_paragraph(_c(tx(f["message"], lang)))
    if f.get("restates"):
        doc.add_paragraph().add_run(
            _c(msg("report.restates", "en" if lang == "en" else "lv", key=f["restates"]))
        ).italic = True
    info = flow_info(graph, f["flow"])
    if info and info.get("description"):
        p = doc.add_paragraph()
        p.add_run(f"{t('description', lang)}: ").bold = True
        p.add_run(_c(tx(info["description"], lang)))
    if info and info.get("source"):
        p = doc.add_paragraph()
        p.add_run(f"{t('flow_source', lang)}: ").bold = True
        p.add_run(_c(info["source"])).italic = True
    if f["flow"]:
        for label, value in (
            (t("flow", lang), f"{f['sender']} → {f['recipient']} ({f['regime'].upper()})"),
            (t("data", lang), ", ".join(f["categories"])),
            (t("purpose", lang), f["purpose"]),
            (t("subjects", lang), ", ".join(f["subjects"])),
        ):
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


def _unverified(doc, report: dict, graph: dict | None, lang: str) -> None:
    rows = unverified_rows(report, graph, lang) if graph else []
    if not rows:
        return
    doc.add_heading(t("unverified_title", lang), level=1)
    doc.add_paragraph(t("unverified_note", lang))
    for r in rows:
        p = doc.add_paragraph(style="List Bullet")
        p.add_run(_c(r["title"])).bold = True
        p.add_run(_c(": " + "; ".join(r["refs"])))


def _sources(doc, report: dict, graph: dict | None, lang: str) -> None:
    rows = source_rows(report, graph, lang)
    if not rows:
        return
    _unverified(doc, report, graph, lang)
    doc.add_heading(t("sources", lang), level=1)
    doc.add_paragraph(t("sources_note", lang) if graph else t("sources_nograph", lang))
    for r in rows:
        p = doc.add_paragraph(style="List Number")
        p.add_run(_c(r["title"])).bold = True
        if r["verified"] is not None:
            p.add_run(f" ({t('verified', lang) if r['verified'] else t('unverified', lang)})")
        p.add_run(_c(": " + "; ".join(r["refs"])))
        if r["source"]:
            p.add_run(_c(f". {r['source']}"))


def _comparison(doc, report: dict, lang: str) -> None:
    doc.add_heading(t("comparison", lang), level=1)
    b, a = report["before"]["summary"], report["after"]["summary"]
    tab = doc.add_table(rows=4, cols=3)
    tab.style = "Table Grid"
    for i, h in enumerate(("", t("before", lang), t("after", lang))):
        tab.cell(0, i).text = h
    for r, key in enumerate(("flows", "covered", "findings"), 1):
        tab.cell(r, 0).text = t(key, lang)
        tab.cell(r, 1).text = str(b[key])
        tab.cell(r, 2).text = str(a[key])
    rows = comparison_rows(report)
    tab = doc.add_table(rows=1 + len(rows), cols=4)
    tab.style = "Table Grid"
    trs = iter(tab.rows)
    for i, h in enumerate((t("key", lang), t("before", lang), t("after", lang), t("status", lang))):
        tab.cell(0, i).text = h
    next(trs)
    for (key, st, before, after), tr in zip(rows, trs):
        cells = tr.cells
        cells[0].text = _c(key)
        cells[1].text = "✗" if before else ""
        cells[2].text = "✗" if after else ""
        cells[3].text = t("st_" + st, lang)


def _report(doc, rep: dict, lang: str, heading: str, graph: dict | None = None) -> None:
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
        _finding(doc, f, lang, n, graph)


def _generated(doc, lang: str, today: dt.date | None) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run(f"{t('generated', lang)}: {(today or dt.date.today()).isoformat()}").italic = True


def to_docx_bytes(report: dict, lang: str = "lv", graph: dict | None = None, today: dt.date | None = None) -> bytes:
    docu = Document()
    doc = _Doc(docu)
    style = docu.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    if is_whatif(report):
        title = doc.add_heading(t("whatif_title", lang), level=0)
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _generated(doc, lang, today)
        for key in ("closed", "remaining", "opened"):
            p = doc.add_paragraph()
            p.add_run(f"{t(key, lang)} ({len(report[key])}): ").bold = True
            p.add_run(_c(", ".join(report[key]) or t("none", lang)))
        if notes := review_notes(report, lang):
            doc.add_paragraph().add_run(f"{t('review', lang)} ({len(notes)}):").bold = True
            for n in notes:
                doc.add_paragraph(_c(n), style="List Bullet")
        _comparison(doc, report, lang)
        _report(doc, report["before"], lang, t("before", lang), graph)
        _report(doc, report["after"], lang, t("after", lang), graph)
    else:
        title = doc.add_heading(t("title", lang), level=0)
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _generated(doc, lang, today)
        _report(doc, report, lang, tx(report["landscape"]["title"], lang), graph)
    _sources(doc, report, graph, lang)
    docu.core_properties.title = t("title", lang)
    docu.core_properties.language = "lv-LV" if lang == "lv" else "en-GB"
    buf = io.BytesIO()
    docu.save(buf)
    return buf.getvalue()
