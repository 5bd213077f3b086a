"""This file generates the DOCX templates templates/<lang>/<kind>.docx with python-docx.

Run: ``.venv/bin/python templates/build_templates.py`` (the .docx files are committed too).
Each template holds docxtpl tags only: ready strings, lists and booleans from
``pamats.drafting.render.docx.docx_context``; no legal logic. Styles: Times New Roman 12,
right-aligned header and izdoti block, chapter headings centred bold, numbered points as text
with hanging indents (levels 1–3), a signature table.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT  # noqa: F401  (A4 portrait is the default we set below)
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
# The proofing language Word and LibreOffice spell-check the text in (w:lang in styles.xml).
PROOFING = {"lv": "lv-LV", "en": "en-GB"}
KINDS = ("regulation", "order", "agreement", "annotation")
LANGS = ("lv", "en")


def _styles(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    normal.paragraph_format.space_after = Pt(6)

    def add(name, *, align=None, bold=False, left=0.0, hanging=0.0, size=12, italic=False, before=0):
        st = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = normal
        st.font.bold = bold
        st.font.italic = italic
        st.font.size = Pt(size)
        pf = st.paragraph_format
        if align is not None:
            pf.alignment = align
        if left or hanging:
            pf.left_indent = Cm(left)
            pf.first_line_indent = Cm(-hanging)
        pf.space_before = Pt(before)
        return st

    add("Pamats Marking", align=WD_ALIGN_PARAGRAPH.RIGHT, italic=True)
    add("Pamats Header", align=WD_ALIGN_PARAGRAPH.CENTER)
    add("Pamats Title", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=14, before=12)
    add("Pamats Basis", align=WD_ALIGN_PARAGRAPH.RIGHT, italic=True)
    add("Pamats Note", italic=True)
    add("Pamats Warning", bold=True)
    add("Pamats Intro", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    add("Pamats Chapter", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, before=12)
    add("Pamats Section", bold=True, left=1.0, hanging=1.0, before=12)
    add("Pamats Point 1", align=WD_ALIGN_PARAGRAPH.JUSTIFY, left=1.0, hanging=1.0)
    add("Pamats Point 2", align=WD_ALIGN_PARAGRAPH.JUSTIFY, left=2.2, hanging=1.2)
    add("Pamats Point 3", align=WD_ALIGN_PARAGRAPH.JUSTIFY, left=3.6, hanging=1.4)
    add("Pamats Para", align=WD_ALIGN_PARAGRAPH.JUSTIFY, left=1.0)
    add("Pamats Closing", align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=10, before=12)


def _language(doc, lang: str) -> None:
    """Set the document's default proofing language (docDefaults w:lang) and the Normal style's."""
    rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for rpr in (rpr_default, doc.styles["Normal"].element.get_or_add_rPr()):
        el = rpr.find(qn("w:lang"))
        if el is None:
            el = OxmlElement("w:lang")
            rpr.append(el)
        el.set(qn("w:val"), PROOFING[lang])


def _page_footer(doc) -> None:
    """A centred page number (a PAGE field) in the footer of every page."""
    para = doc.sections[0].footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = para.add_run()
    for tag, attrs, text in (
        ("w:fldChar", {"w:fldCharType": "begin"}, None),
        ("w:instrText", {"xml:space": "preserve"}, " PAGE "),
        ("w:fldChar", {"w:fldCharType": "separate"}, None),
        ("w:t", {}, "1"),
        ("w:fldChar", {"w:fldCharType": "end"}, None),
    ):
        el = OxmlElement(tag)
        for k, v in attrs.items():
            el.set(qn(k), v)
        if text is not None:
            el.text = text
        run._r.append(el)


def _p(doc, text, style):
    return doc.add_paragraph(text, style=style)


def build(kind: str, lang: str) -> Path:
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin, sec.right_margin, sec.top_margin, sec.bottom_margin = Cm(3), Cm(1.5), Cm(2), Cm(2)
    _styles(doc)
    _language(doc, lang)
    _page_footer(doc)
    _p(doc, "{%p if marking %}", "Normal")
    _p(doc, "{{ marking }}", "Pamats Marking")
    _p(doc, "{%p endif %}", "Normal")
    _p(doc, "{%p for line in header_lines %}", "Normal")
    _p(doc, "{{ line }}", "Pamats Header")
    _p(doc, "{%p endfor %}", "Normal")
    _p(doc, "{{ title }}", "Pamats Title")
    _p(doc, "{%p if basis_line %}", "Normal")
    _p(doc, "{{ basis_line }}", "Pamats Basis")
    _p(doc, "{%p endif %}", "Normal")
    _p(doc, "{%p for n in notes %}", "Normal")
    _p(doc, "{{ n }}", "Pamats Note")
    _p(doc, "{%p endfor %}", "Normal")
    _p(doc, "{%p for w in warnings %}", "Normal")
    _p(doc, "{{ w }}", "Pamats Warning")
    _p(doc, "{%p endfor %}", "Normal")
    _p(doc, "{%p for line in intro %}", "Normal")
    _p(doc, "{{ line }}", "Pamats Intro")
    _p(doc, "{%p endfor %}", "Normal")
    _p(doc, "{%p for it in items %}", "Normal")
    _p(doc, "{%p if it.chapter %}", "Normal")
    _p(doc, "{{ it.heading }}", "Pamats Chapter")
    _p(doc, "{%p elif it.section %}", "Normal")
    _p(doc, "{{ it.heading }}", "Pamats Section")
    _p(doc, "{%p elif it.para %}", "Normal")
    _p(doc, "{{ it.text }}", "Pamats Para")
    _p(doc, "{%p elif it.level == 1 %}", "Normal")
    _p(doc, "{{ it.number }}\t{{ it.text }}", "Pamats Point 1")
    _p(doc, "{%p elif it.level == 2 %}", "Normal")
    _p(doc, "{{ it.number }}\t{{ it.text }}", "Pamats Point 2")
    _p(doc, "{%p else %}", "Normal")
    _p(doc, "{{ it.number }}\t{{ it.text }}", "Pamats Point 3")
    _p(doc, "{%p endif %}", "Normal")
    _p(doc, "{%p endfor %}", "Normal")
    if kind == "agreement":
        _p(doc, "{{ signatures_title }}", "Pamats Chapter")
    _p(doc, "{%p if has_signatures %}", "Normal")
    table = doc.add_table(rows=3, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.cell(0, 0).text = "{%tr for s in signature_rows %}"
    table.cell(1, 0).text = "{{ s.left }}"
    table.cell(1, 1).text = "{{ s.right }}"
    table.cell(2, 0).text = "{%tr endfor %}"
    _p(doc, "{%p endif %}", "Normal")
    _p(doc, "{%p for line in closing %}", "Normal")
    _p(doc, "{{ line }}", "Pamats Closing")
    _p(doc, "{%p endfor %}", "Normal")
    out = HERE / lang / f"{kind}.docx"
    out.parent.mkdir(parents=True, exist_ok=True)
    # docxtpl renders the core properties too: every interview's DOCX gets the document's title
    # there (docx_context's core_title; the CLI's set_properties writes the same) and the
    # proofing language as the renderer sets it
    doc.core_properties.title = "{{ core_title }}"
    doc.core_properties.language = PROOFING[lang]
    doc.core_properties.author = "pamats"
    doc.save(out)
    return out


def main() -> None:
    for lang in LANGS:
        for kind in KINDS:
            print(build(kind, lang).relative_to(HERE.parent))


if __name__ == "__main__":
    main()
