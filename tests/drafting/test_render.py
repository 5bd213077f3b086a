"""DOCX (python-docx structure), Markdown, escaping; LibreOffice opens every generated DOCX."""

import subprocess
from pathlib import Path

import docx
import pytest
import yaml

from pamats.drafting.answers import load_answers, parse_answers
from pamats.drafting.build import build_instrument
from pamats.drafting.render.docx import docx_context, render_docx
from pamats.drafting.render.markdown import render_markdown
from pamats.text.quotes import lv_quotes

ROOT = Path(__file__).resolve().parents[2]
FILES = {
    "regulation": "answers/nrm-regulation.yaml",
    "order": "answers/iem-order.yaml",
    "annotation": "answers/nrm-annotation.yaml",
    "agreement": "agreements/marta-vrs/answers.yaml",
}


def paras(path):
    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]


def test_regulation_docx_structure(tmp_path):
    out = render_docx(build_instrument(load_answers(ROOT / FILES["regulation"])), tmp_path / "r.docx")
    ps = paras(out)
    assert not any("{%" in t or "{{" in t for _, t in ps)
    styles = dict((t, s) for s, t in ps)
    basis = "Izdoti saskaņā ar Sociālo pakalpojumu un sociālās palīdzības likuma 13. panta pirmās daļas 7. punktu"
    assert styles[basis] == "Pamats Basis"
    d = docx.Document(str(out))
    assert d.styles["Pamats Basis"].paragraph_format.alignment == 2  # right
    assert [t for s, t in ps if s == "Pamats Chapter"][:2] == [
        "I. Vispārīgie jautājumi",
        "II. Iespējama cilvēku tirdzniecības upura atpazīšana un informēšana",
    ]
    level1 = [t.split("\t")[0] for s, t in ps if s == "Pamats Point 1"]
    assert level1 == [f"{k}." for k in range(1, len(level1) + 1)]
    assert [t.split("\t")[0] for s, t in ps if s == "Pamats Point 2"][:3] == ["2.1.", "2.2.", "2.3."]
    assert ps[0] == ("Pamats Marking", "Noteikumu projekts")
    rows = [[c.text for c in r.cells] for r in d.tables[0].rows]
    assert rows == [
        ["Ministru prezidente", "[JĀPRECIZĒ: V. Uzvārds]"],
        ["Iekšlietu ministrs", "[JĀPRECIZĒ: V. Uzvārds]"],
    ]


def test_agreement_docx_signature_table_and_sections(tmp_path):
    out = render_docx(build_instrument(load_answers(ROOT / FILES["agreement"])), tmp_path / "a.docx")
    ps = paras(out)
    assert ("Pamats Header", "SADARBĪBAS LĪGUMS Nr. __") in ps
    assert [t for s, t in ps if s == "Pamats Section"][0] == "1.\tLīguma priekšmets"
    rows = docx.Document(str(out)).tables[0].rows
    assert len(rows) == 2
    assert rows[0].cells[0].text == "Valsts robežsardze" and rows[1].cells[0].text == "biedrība „Centrs MARTA”"
    assert "valdes priekšsēdētāja" in rows[1].cells[1].text


def test_annotation_docx_has_no_signature_table(tmp_path):
    out = render_docx(build_instrument(load_answers(ROOT / FILES["annotation"])), tmp_path / "n.docx")
    assert len(docx.Document(str(out)).tables) == 0
    assert ("Pamats Section", "1.1.\tPamatojums") in paras(out)


def test_context_is_plain_data():
    ctx = docx_context(build_instrument(load_answers(ROOT / FILES["order"])))

    def plain(v):
        if isinstance(v, dict):
            return all(isinstance(k, str) and plain(x) for k, x in v.items())
        if isinstance(v, list):
            return all(plain(x) for x in v)
        return isinstance(v, (str, bool, int))

    assert plain(ctx)


NASTY = [
    "{{ 7*7 }}",
    "{% if x %}y{% endif %}",
    "${x}",
    "<w:p>x</w:p>",
    "a & b",
    "\"q\" 'q' “q”",
    "שלום עולם مرحبا",
    "x" * 10000,
]


@pytest.mark.parametrize("value", NASTY)
def test_docx_injection_literal(tmp_path, value):
    d = yaml.safe_load((ROOT / FILES["agreement"]).read_text(encoding="utf-8"))
    d["subject"] = value
    d["parties"][1]["name"] = value
    out = render_docx(build_instrument(parse_answers(d)), tmp_path / "x.docx")
    doc = docx.Document(str(out))
    body = "\n".join(p.text for p in doc.paragraphs)
    value = lv_quotes(value)  # a Latvian draft: one quotation style, „…”; everything else literal
    assert value.rstrip(".") in body
    assert value in doc.tables[0].rows[1].cells[0].text
    if "7*7" in value:
        assert "49" not in body


def test_docx_control_characters_removed(tmp_path):
    d = yaml.safe_load((ROOT / FILES["agreement"]).read_text(encoding="utf-8"))
    d["subject"] = "a\x00b\x07c\x1bd\tend"
    out = render_docx(build_instrument(parse_answers(d)), tmp_path / "c.docx")
    body = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "abcd\tend" in body


def test_markdown_literal_and_structure():
    d = yaml.safe_load((ROOT / FILES["agreement"]).read_text(encoding="utf-8"))
    d["subject"] = "**{{ 7*7 }}** <script>"
    md = render_markdown(build_instrument(parse_answers(d)))
    assert "\\*\\*{{ 7\\*7 }}\\*\\* \\<script\\>" in md and "49" not in md
    md = render_markdown(build_instrument(load_answers(ROOT / FILES["regulation"])))
    assert "## I. Vispārīgie jautājumi" in md and "> Izdoti saskaņā ar" in md
    assert "\n2.1. pirmā kontakta iestāde" in md and "\n    " not in md


PDF_TEXT = {  # a line of each instrument's heading, as the reader sees it in the PDF
    (
        "regulation",
        "lv",
    ): "Izdoti saskaņā ar Sociālo pakalpojumu un sociālās palīdzības likuma 13. panta pirmās daļas 7. punktu",
    ("order", "lv"): "Izdots saskaņā ar Valsts pārvaldes iekārtas likuma 72. panta pirmās daļas 1. punktu",
    ("annotation", "lv"): "sākotnējās ietekmes (ex-ante) novērtējuma ziņojums (anotācija)",
    ("agreement", "lv"): "Sadarbības līgums par informācijas apmaiņu par iespējamiem cilvēku tirdzniecības upuriem",
    ("regulation", "en"): "Issued under Section 13(1)(7) of the Social Services and Social Assistance Law",
    ("order", "en"): "Issued under Section 72(1)(1) of the State Administration Structure Law",
    ("annotation", "en"): "Initial impact (ex-ante) assessment report (annotation) of the draft",
    ("agreement", "en"): "Cooperation agreement on exchanging information about possible victims of trafficking",
}


@pytest.mark.libreoffice
def test_libreoffice_opens_every_docx(tmp_path):
    from pamats.drafting.render.pdf import render_pdf

    for kind, rel in FILES.items():
        for lang in ("lv", "en"):
            docx_path = render_docx(
                build_instrument(load_answers(ROOT / rel), lang=lang), tmp_path / f"{kind}-{lang}.docx"
            )
            pdf = render_pdf(docx_path, tmp_path / f"{kind}-{lang}.pdf")
            data = pdf.read_bytes()
            assert data.startswith(b"%PDF") and len(data) > 2000
            txt = " ".join(
                subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split()
            )  # lines re-joined: headings wrap
            assert PDF_TEXT[kind, lang] in txt, (kind, lang)
