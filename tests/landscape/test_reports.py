"""The report renderers: Markdown, DOCX (read back), HTML (SVG marks uncovered flows), escaping."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from docx import Document

from pamats.landscape.check import check_landscape
from pamats.landscape.load import load_landscape
from pamats.landscape.report import graph_data, render
from pamats.landscape.whatif import what_if
from pamats.yamlio import dump_yaml

AS_OF = dt.date(2026, 11, 28)
EVIL = 'Ainava <script>alert(1)</script> & {{ 7*7 }} ${x} "q"'


@pytest.fixture(scope="module")
def lv(repo):
    ls = load_landscape([repo / "graph/lv-nrm"])
    rep = check_landscape(ls, AS_OF).to_json()
    return ls, rep


@pytest.fixture()
def evil_landscape(tmp_path):
    d = tmp_path / "evil"
    d.mkdir()
    (d / "l.yaml").write_text(dump_yaml({
        "landscape": {"id": "evil", "title": {"lv": EVIL, "en": EVIL}, "jurisdiction": "lv"},
        "actors": [{"id": "a", "name": {"lv": "A <b>&amp;</b>"}, "kind": "x", "public_authority": True},
                   {"id": "b", "name": {"lv": "B"}, "kind": "x", "public_authority": False}],
        "flows": [{"id": "a-b", "sender": "a", "recipient": "b", "categories": ["identity"], "purpose": "referral",
                   "subjects": ["person"], "description": {"lv": EVIL}}]}), encoding="utf-8")
    ls = load_landscape([d])
    return ls, check_landscape(ls, AS_OF).to_json()


def test_markdown_lists_every_finding_with_remedy(lv):
    _, rep = lv
    md = render(rep, "md", "en")
    assert md.startswith("# Legal-basis gap report: Latvian national referral mechanism")
    for f in rep["findings"]:
        assert f"### {f['code']}: {f['flow'] or f['actor']}" in md
    assert "**Remedy:** Issue a Cabinet regulation that allows VRS to disclose data" in md


def test_docx_report_structure(lv, tmp_path):
    _, rep = lv
    out = tmp_path / "r.docx"
    render(rep, "docx", "lv", out)
    doc = Document(str(out))
    heads = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading") or p.style.name == "Title"]
    assert heads[0] == "Tiesiskā pamata nepilnību ziņojums"
    assert "Kopsavilkums" in heads and "Konstatējumi" in heads
    finding_heads = [h for h in heads if h[:1].isdigit()]
    assert len(finding_heads) == len(rep["findings"]) == 10
    assert finding_heads[1].startswith("2. NO_BASIS – Nav tiesiskā pamata: vrs-to-marta-possible-victim")
    summary = doc.tables[0]
    assert [c.text for c in summary.rows[1].cells] == ["7", "5", "10"]
    flows = doc.tables[1]
    assert len(flows.rows) == 1 + 7
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Risinājums: Izdot Ministru kabineta noteikumi" in text


def test_html_draws_uncovered_flows_red_and_dashed(lv):
    ls, rep = lv
    page = render(rep, "html", "en", graph=graph_data(ls, rep))
    assert page.startswith("<!DOCTYPE html>")
    if shutil.which("dot"):
        assert "<svg" in page
        start = page.index('id="flow_vrs_to_marta_possible_victim"')
        block = page[start:start + 800]
        assert 'stroke="#cc0000"' in block and "stroke-dasharray" in block
        start = page.index('id="flow_vrs_to_vp_possible_case"')
        assert 'stroke="#1a7f1a"' in page[start:start + 800]
    else:
        assert "Graphviz (dot) is not available" in page


def test_user_text_is_escaped_everywhere(evil_landscape, tmp_path):
    ls, rep = evil_landscape
    page = render(rep, "html", "lv", graph=graph_data(ls, rep))
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; {{ 7*7 }} ${x} &quot;q&quot;" in page
    md = render(rep, "md", "lv")
    assert "<script>" not in md and "{{ 7*7 }}" in md
    out = tmp_path / "e.docx"
    render(rep, "docx", "lv", out)
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert EVIL in text


def test_whatif_renders_before_and_after(repo, tmp_path, monkeypatch):
    monkeypatch.chdir(repo)
    wi = what_if(["graph/lv-nrm"], ["graph/lv-nrm-drafts/nrm-regulation.yaml", "graph/lv-nrm-drafts/iem-order.yaml",
                                    "graph/lv-nrm-drafts/marta-vrs-agreement.yaml"], AS_OF).to_json()
    md = render(wi, "md", "en")
    assert "**Gaps closed (10):**" in md and "**Gaps remaining (0):** none" in md
    out = tmp_path / "w.docx"
    render(wi, "docx", "en", out)
    heads = [p.text for p in Document(str(out)).paragraphs if p.style.name.startswith("Heading")]
    assert "Before" in heads and "After" in heads


@pytest.mark.libreoffice
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed")
def test_libreoffice_opens_the_docx_report(lv, tmp_path):
    _, rep = lv
    out = tmp_path / "r.docx"
    render(rep, "docx", "lv", out)
    proc = subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                           "--outdir", str(tmp_path), str(out)], capture_output=True, timeout=180)
    pdf = tmp_path / "r.pdf"
    assert proc.returncode == 0 and pdf.exists(), proc.stderr
    assert pdf.read_bytes()[:4] == b"%PDF" and pdf.stat().st_size > 5000
