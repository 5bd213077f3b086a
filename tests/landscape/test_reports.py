"""The report renderers: table, Markdown, DOCX (read back), HTML (SVG marks uncovered flows), escaping."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess

import pytest
from docx import Document
from rich.console import Console

from pamats.landscape.check import check_landscape
from pamats.landscape.load import load_landscape
from pamats.landscape.report import graph_data, render
from pamats.landscape.report.html import to_dot
from pamats.landscape.whatif import what_if
from pamats.yamlio import dump_yaml

AS_OF = dt.date(2026, 11, 28)
EVIL = 'Ainava <script>alert(1)</script> & {{ 7*7 }} {% if x %} ${x} [bold]b[/bold] "q"'
DRAFTS = [
    "graph/lv-nrm-drafts/nrm-regulation.yaml",
    "graph/lv-nrm-drafts/iem-order.yaml",
    "graph/lv-nrm-drafts/marta-vrs-agreement.yaml",
]


@pytest.fixture(scope="module")
def lv(repo):
    ls = load_landscape([repo / "graph/lv-nrm"])
    rep = check_landscape(ls, AS_OF).to_json()
    return ls, rep, graph_data(ls, rep)


@pytest.fixture(scope="module")
def wi(repo):
    import os

    old = os.getcwd()
    os.chdir(repo)
    try:
        w = what_if(["graph/lv-nrm"], DRAFTS, AS_OF).to_json()
        ls = load_landscape(["graph/lv-nrm"], drafts=DRAFTS, as_of=AS_OF)
    finally:
        os.chdir(old)
    return w, graph_data(ls, w)


@pytest.fixture()
def evil(tmp_path):
    d = tmp_path / "evil"
    d.mkdir()
    (d / "l.yaml").write_text(
        dump_yaml(
            {
                "landscape": {"id": "evil", "title": {"lv": EVIL, "en": EVIL}, "jurisdiction": "lv"},
                "actors": [
                    {"id": "a", "name": {"lv": "A <b>&amp;</b>"}, "kind": "x", "public_authority": True},
                    {"id": "b", "name": {"lv": "B"}, "kind": "x", "public_authority": False},
                ],
                "flows": [
                    {
                        "id": "a-b",
                        "sender": "a",
                        "recipient": "b",
                        "categories": ["identity"],
                        "purpose": "referral",
                        "subjects": ["person"],
                        "description": {"lv": EVIL},
                        "source": EVIL,
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    ls = load_landscape([d])
    rep = check_landscape(ls, AS_OF).to_json()
    return ls, rep, graph_data(ls, rep)


def _table(report, lang="en") -> str:
    buf = io.StringIO()
    render(report, "table", lang, console=Console(file=buf, width=200, color_system=None))
    return buf.getvalue()


def test_table_groups_findings_by_code(lv):
    _, rep, _ = lv
    out = _table(rep)
    heads = re.findall(r"^(NO_BASIS|NRM_NO_PATH_TO_POLICE|NRM_NO_PATH_TO_PROVIDER) — .* \((\d+)\)", out, re.M)
    assert heads == [("NO_BASIS", "4"), ("NRM_NO_PATH_TO_PROVIDER", "5")]
    assert "vrs → marta" in out and "10 data flows, 6 with a legal basis, 9 findings" in out
    # the headline counts distinct problems; a coverage finding that restates one says which
    assert "Distinct problems: 5; coverage findings that restate them: 4" in out
    assert "↳ restates NO_BASIS:vrs-to-marta-possible-victim" in out
    lv = _table(rep, "lv")
    assert "Atšķirīgas problēmas: 5; pārklājuma konstatējumi, kas tās atkārto: 4" in lv


def test_markdown_lists_every_finding_with_remedy_and_sources(lv):
    _, rep, g = lv
    md = render(rep, "md", "en", graph=g)
    assert md.startswith("# Legal-basis gap report: Latvian national referral mechanism")
    for f in rep["findings"]:
        assert f"### {f['code']}: {f['flow'] or f['actor']}" in md
    assert (
        "**Remedy:** Amend MK 344: add a point that allows VRS to disclose data to MARTA (purpose: referral to the service provider)"
        in md
    )
    assert "> The border guard informs the service provider about a possible victim" in md
    src = md[md.index("## Sources") :]
    assert "**Social Services and Social Assistance Law** (verified): 13. panta pirmās daļas 7. punkts" in src
    assert "**Cabinet Regulation No. 344" not in src and "**Procedure by which victims of trafficking receive" in src
    assert "2.2. apakšpunkts (NOT VERIFIED)" in src and "https://m.likumi.lv/ta/id/308253" in src


def test_markdown_without_graph_says_addresses_are_missing(lv):
    _, rep, _ = lv
    md = render(rep, "md", "lv")
    assert "Avotu adreses nav pieejamas" in md and "https://" not in md


def test_docx_report_structure(lv, tmp_path):
    _, rep, g = lv
    out = tmp_path / "r.docx"
    render(rep, "docx", "lv", out, graph=g)
    assert not list(tmp_path.glob("*.tmp*"))  # atomic write leaves no temporary file
    doc = Document(str(out))
    paras = doc.paragraphs
    heads = [p.text for p in paras if p.style.name.startswith("Heading") or p.style.name == "Title"]
    assert heads[0] == "Tiesiskā pamata nepilnību ziņojums"
    assert paras[1].text == f"Sagatavots: {dt.date.today().isoformat()}"
    assert heads[1] == "Latvijas nacionālais cilvēku tirdzniecības upuru nosūtīšanas mehānisms (pašreizējā situācija)"
    assert heads[2:5] == ["Kopsavilkums", "Datu plūsmas", "Konstatējumi"] and heads[-1] == "Avoti"
    finding_heads = [h for h in heads if h[:1].isdigit()]
    assert len(finding_heads) == len(rep["findings"]) == 9
    assert finding_heads[3] == "4. NO_BASIS – Nav tiesiskā pamata: vrs-to-marta-possible-victim"
    summary = doc.tables[0]
    assert [c.text for c in summary.rows[0].cells] == ["Datu plūsmas", "ar tiesisko pamatu", "Konstatējumi"]
    assert [c.text for c in summary.rows[1].cells] == ["10", "6", "9"]
    assert "Atšķirīgas problēmas: 5; pārklājuma konstatējumi, kas tās atkārto: 4" in [p.text for p in paras]
    assert "Atkārto NO_BASIS:vrs-to-marta-possible-victim: " in "\n".join(p.text for p in paras)
    flows = doc.tables[1]
    assert len(flows.rows) == 1 + 10
    row = next(r for r in flows.rows if r.cells[0].text == "vrs-to-marta-possible-victim")
    assert [c.text for c in row.cells] == ["vrs-to-marta-possible-victim", "vrs → marta", "NO_BASIS"]
    # the seed's finding section: description, flow, candidates with why each failed, remedy
    start = next(i for i, p in enumerate(paras) if p.text == finding_heads[3])
    end = next(i for i, p in enumerate(paras) if p.text == finding_heads[4])
    sec = [p.text for p in paras[start:end]]
    assert "Apraksts: Robežsardze informē pakalpojuma sniedzēju par iespējamu cilvēku tirdzniecības upuri" in sec[2]
    assert "Plūsma: vrs → marta (GDPR)" in sec
    # the nearest provisions: CPL s.369(2)(5) lets VRS report to the police, not inform MARTA
    assert "KPL 369. panta otrās daļas 5. punkts: NO_BASIS – normā saņēmējs ir VP, nevis MARTA" in sec
    assert any(
        s.startswith("Risinājums: Grozīt MK 344, papildinot ar punktu")
        and "izdoti saskaņā ar SPSPL 13. panta pirmās daļas 7. punktu" in s
        for s in sec
    )
    sources = [p.text for p in paras if p.style.name == "List Number"]
    assert any(
        s.startswith(
            "Kriminālprocesa likums (pārbaudīts): 387. panta trīspadsmitā daļa; 369. panta otrās daļas 5. punkts"
        )
        for s in sources
    )
    assert any("2.2. apakšpunkts (NAV PĀRBAUDĪTS)" in s for s in sources)


def test_html_draws_uncovered_flows_red_and_dashed(lv):
    ls, rep, g = lv
    page = render(rep, "html", "en", graph=g)
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("<svg") == 1

    def edge(fid: str) -> str:
        start = page.index(f'id="flow_{fid}"')
        return page[start : page.index("</g>", start)]

    seed = edge("vrs_to_marta_possible_victim")
    assert 'stroke="#cc0000"' in seed and "stroke-dasharray" in seed
    ok = edge("vrs_to_vp_possible_case")
    assert 'stroke="#1a7f1a"' in ok and "stroke-dasharray" not in ok
    # actors are boxes clustered by subordination: VRS, VP, PMLP inside the Ministry of the Interior's cluster
    dot = to_dot(g, "en")
    iem = dot[dot.index('subgraph "cluster_iem"') :]
    assert all(f'"{a}" [label=' in iem.split("\n  }")[0] for a in ("vrs", "vp", "pmlp"))
    assert "Sources" in page and '<a href="https://likumi.lv/ta/id/107820-kriminalprocesa-likums">' in page
    # a coverage finding that restates a flow finding links to it; the flow finding links back
    assert '<div class="finding restates" id="finding-NRM_NO_PATH_TO_PROVIDER-vrs">' in page
    assert 'Restates <a href="#finding-NO_BASIS-vrs-to-marta-possible-victim">' in page
    assert 'Restated by: <a href="#finding-NRM_NO_PATH_TO_PROVIDER-vrs">' in page
    assert '<div class="finding" id="finding-NO_BASIS-vrs-to-marta-possible-victim">' in page
    assert "Distinct problems: 5; coverage findings that restate them: 4" in page


def test_html_without_dot_says_so_and_still_has_tables(lv, monkeypatch):
    _, rep, g = lv
    monkeypatch.setattr(shutil, "which", lambda name: None)
    page = render(rep, "html", "en", graph=g)
    assert "Graphviz (dot) is not available: no picture was drawn." in page and "<svg" not in page
    assert "<code>vrs-to-marta-possible-victim</code>" in page


def test_user_text_is_escaped_everywhere(evil, tmp_path):
    ls, rep, g = evil
    page = render(rep, "html", "lv", graph=g)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; {{ 7*7 }} {% if x %} ${x} [bold]b[/bold] &quot;q&quot;" in page
    assert "A &lt;b&gt;&amp;amp;&lt;/b&gt;" in page  # the actor's name inside the SVG
    md = render(rep, "md", "lv", graph=g)
    assert "<script>" not in md and "{{ 7*7 }} {% if x %} ${x}" in md
    assert "A &lt;b&gt;&amp;amp;&lt;/b&gt;" in md and "A <b>" not in md  # renders as the literal name
    out = tmp_path / "e.docx"
    render(rep, "docx", "lv", out, graph=g)
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert EVIL in text
    table = _table(rep, "lv")
    assert "[bold]b[/bold]" in table


def test_whatif_renders_before_and_after_side_by_side(wi, tmp_path):
    w, g = wi
    md = render(w, "md", "en", graph=g)
    assert "**Gaps closed (9):**" in md and "**Gaps remaining (0):** none" in md
    assert "| Findings | 9 | 0 |" in md
    # anchors of the before and after reports do not clash
    assert "[`NO_BASIS:vrs-to-marta-possible-victim`](#before-finding-NO_BASIS-vrs-to-marta-possible-victim)" in md
    assert "| `NO_BASIS:vrs-to-marta-possible-victim` | ✗ |  | closed |" in md
    out = tmp_path / "w.docx"
    render(None, "docx", "en", out, whatif_json=w, graph=g)
    doc = Document(str(out))
    heads = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert heads[:5] == ["Comparison: before and after", "Before", "Summary", "Data flows", "Findings"]
    after = heads.index("After")
    assert heads[after + 1 :] == ["Summary", "Data flows", "Findings", "What we could not verify", "Sources"]
    assert len([h for h in heads[:after] if h[:1].isdigit()]) == 9
    comp = doc.tables[1]
    assert [c.text for c in comp.rows[0].cells] == ["Finding", "Before", "After", "Status"]
    assert len(comp.rows) == 1 + 9 and all(r.cells[3].text == "closed" for r in comp.rows[1:])
    page = render(w, "html", "en", graph=g)
    assert '<div class="side">' in page and page.count('<tr class="closed">') == 9
    assert page.count("<svg") == 2
    before = page[page.index('id="before_flow_vrs_to_marta_possible_victim"') :]
    assert 'stroke="#cc0000"' in before[: before.index("</g>")]
    after = page[page.index('id="after_flow_vrs_to_marta_possible_victim"') :]
    assert 'stroke="#1a7f1a"' in after[: after.index("</g>")]
    table = _table(w)
    assert "Gaps closed (9)" in table and "Gaps remaining (0): none" in table


def test_unknown_format_and_language_are_errors(lv):
    _, rep, _ = lv
    with pytest.raises(ValueError):
        render(rep, "pdf", "lv")
    with pytest.raises(ValueError):
        render(rep, "md", "de")


@pytest.mark.libreoffice
def test_libreoffice_opens_the_docx_report(lv, tmp_path):
    _, rep, g = lv
    out = tmp_path / "r.docx"
    render(rep, "docx", "lv", out, graph=g)
    proc = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "r.pdf"
    assert proc.returncode == 0 and pdf.exists(), proc.stderr
    assert pdf.read_bytes()[:4] == b"%PDF" and pdf.stat().st_size > 5000
    txt = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Tiesiskā pamata nepilnību ziņojums" in " ".join(txt.split())
    assert "vrs-to-marta-possible-" in txt and "vrs → marta" in txt  # the id wraps in its table cell


def test_every_report_format_says_what_could_not_be_verified(tmp_path):
    """issue 15: a section listing the cited acts and provisions not read at their source."""
    from pathlib import Path

    from click.testing import CliRunner
    from docx import Document

    from pamats.cli.main import _register, cli

    _register()
    land = str(Path(__file__).resolve().parents[2] / "graph/lv-nrm")
    md = CliRunner().invoke(cli, ["gaps", land, "--as-of", "2026-11-28", "--format", "md", "--lang", "en"]).output
    section = md.split("## What we could not verify", 1)[1].split("\n## ", 1)[0]
    assert "verified: false" in section and "2.2. apakšpunkts (NOT VERIFIED)" in section
    assert "Criminal Procedure Law" not in section and "Kriminālprocesa" not in section  # read at its source
    lv = CliRunner().invoke(cli, ["gaps", land, "--as-of", "2026-11-28", "--format", "md"]).output
    assert "## Ko nevarējām pārbaudīt" in lv
    html = CliRunner().invoke(cli, ["gaps", land, "--as-of", "2026-11-28", "--format", "html", "--lang", "en"]).output
    assert "<h2>What we could not verify</h2>" in html
    out = tmp_path / "r.docx"
    CliRunner().invoke(cli, ["gaps", land, "--as-of", "2026-11-28", "--format", "docx", "-o", str(out)])
    texts = [p.text for p in Document(out).paragraphs]
    assert "Ko nevarējām pārbaudīt" in texts
