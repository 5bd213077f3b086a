"""``pamats demo``: the seed's story end to end, every output written under one folder."""

from __future__ import annotations

import json

from click.testing import CliRunner
from docx import Document

from pamats.cli.main import _register, cli


def test_demo_tells_the_story_and_writes_every_output(tmp_path):
    _register()
    out = tmp_path / "demo"
    res = CliRunner().invoke(cli, ["demo", "--out", str(out), "--as-of", "2026-11-28"], terminal_width=200)
    assert res.exit_code == 0, res.output
    flat = " ".join(res.output.split())  # rich wraps lines at the terminal width
    assert "The seed's gap (NO_BASIS): No provision allows VRS to disclose these data to MARTA." in flat
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    drafted = [f"2-drafts/{i}{s}" for i in ("nrm-regulation", "iem-order", "marta-vrs-agreement")
               for s in ("-lv.docx", "-en.docx", "-lv.md", ".akn.xml", ".landscape.yaml")]
    drafted += [f"2-drafts/nrm-annotation{s}" for s in ("-lv.docx", "-en.docx", "-lv.md")]
    assert names == sorted([f"1-today/gaps{s}" for s in (".json", "-lv.md", "-lv.docx", "-lv.html", "-en.md", "-en.docx", "-en.html")]
                           + drafted
                           + [f"3-what-if/what-if{s}" for s in (".json", "-lv.md", "-lv.docx", "-lv.html", "-en.md", "-en.docx", "-en.html")])
    reg = Document(str(out / "2-drafts/nrm-regulation-lv.docx"))
    text = "\n".join(p.text for p in reg.paragraphs)
    assert "Izdoti saskaņā ar Sociālo pakalpojumu un sociālās palīdzības likuma" in text
    annotation = (out / "2-drafts/nrm-annotation-lv.md").read_text(encoding="utf-8")
    assert "Neviena norma neatļauj šo datu nodošanu (sūtītājs – VRS, saņēmējs – MARTA)" in annotation  # the gap report, in 1.3
    for line in ("nrm-regulation", "iem-order", "marta-vrs-agreement"):
        assert f"{line}.landscape.yaml (drafted from" in flat
    today = json.loads((out / "1-today/gaps.json").read_text(encoding="utf-8"))
    assert "NO_BASIS:vrs-to-marta-possible-victim" in {f["key"] for f in today["findings"]}
    wi = json.loads((out / "3-what-if/what-if.json").read_text(encoding="utf-8"))
    assert wi["after"]["summary"]["findings"] == 0 and wi["remaining"] == [] and wi["opened"] == []
    assert "NO_BASIS:vrs-to-marta-possible-victim" in wi["closed"]
    assert len(wi["closed"]) == len(today["findings"])
    assert ("The seed's gap is closed once the regulation, the order and the agreement are adopted "
            f"({len(wi['closed'])} closed, 0 remaining, 0 opened).") in flat
    doc = Document(str(out / "1-today/gaps-lv.docx"))
    assert doc.paragraphs[0].text == "Tiesiskā pamata nepilnību ziņojums"
    assert str(out / "1-today/gaps-en.html") in res.output.replace("\n", "")
