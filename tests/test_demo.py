"""``pamats demo``: the seed's story end to end, every output written under one folder."""

from __future__ import annotations

import io
import json
import zipfile

import yaml
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
    drafted = [
        f"2-drafts/no344-amendment{s}"
        for s in (
            "-lv.docx",
            "-en.docx",
            "-lv.md",
            ".akn.xml",
            ".landscape.yaml",
            "-consolidated-lv.docx",
            "-consolidated-lv.html",
        )
    ]
    drafted += [
        f"2-drafts/{i}{s}"
        for i in ("no344-order", "no344-agreement")
        for s in ("-lv.docx", "-en.docx", "-lv.md", ".akn.xml", ".landscape.yaml")
    ]
    drafted += [f"2-drafts/no344-annotation{s}" for s in ("-lv.docx", "-en.docx", "-lv.md")]
    assert names == sorted(
        [f"1-today/gaps{s}" for s in (".json", "-lv.md", "-lv.docx", "-lv.html", "-en.md", "-en.docx", "-en.html")]
        + drafted
        + [
            f"3-what-if/what-if{s}"
            for s in (".json", "-lv.md", "-lv.docx", "-lv.html", "-en.md", "-en.docx", "-en.html")
        ]
    )
    assert (
        "No. 344 (2019) is already issued under the mandate the remedy names, so it is amended rather than a "
        "parallel regulation issued (MK Reg. No. 108, paras 3.1-3.2)." in flat
    )
    # the amending regulation, not a new one: its title, intro and the inserted point
    amend = "\n".join(p.text for p in Document(str(out / "2-drafts/no344-amendment-lv.docx")).paragraphs)
    assert "Grozījums Ministru kabineta 2019. gada 16. jūlija noteikumos Nr. 344" in amend
    assert "Izdoti saskaņā ar Sociālo pakalpojumu un sociālās palīdzības likuma" in amend
    assert "papildināt noteikumus ar 5.¹, 5.² un 5.³ punktu šādā redakcijā" in amend
    assert "Amendment to Cabinet Regulation No. 344 of 16 July 2019" in "\n".join(
        p.text for p in Document(str(out / "2-drafts/no344-amendment-en.docx")).paragraphs
    )
    # the consolidated text: No. 344 as amended, the new points marked as Word insertions and <ins> in HTML
    cons = (out / "2-drafts/no344-amendment-consolidated-lv.docx").read_bytes()
    assert b"<w:ins " in zipfile.ZipFile(io.BytesIO(cons)).read("word/document.xml")
    html = (out / "2-drafts/no344-amendment-consolidated-lv.html").read_text(encoding="utf-8")
    assert "<ins" in html and "Valsts robežsardze, Pilsonības un migrācijas lietu pārvalde" in html
    # the order implements No. 344 and says so in its basis line
    order = (out / "2-drafts/no344-order-lv.md").read_text(encoding="utf-8")
    assert (
        "Izdots saskaņā ar Valsts pārvaldes iekārtas likuma 72. panta pirmās daļas 1. punktu un Ministru kabineta "
        "2019. gada 16. jūlija noteikumiem Nr. 344 „Noteikumi par kārtību"
    ) in order
    agreement = (out / "2-drafts/no344-agreement-lv.md").read_text(encoding="utf-8")
    assert "noteikumu Nr. 344" in agreement and "5.¹ punkts (grozījumu projekts)" in agreement
    annotation = (out / "2-drafts/no344-annotation-lv.md").read_text(encoding="utf-8")
    assert "Noteikumu projekts (Grozījumi)" in annotation
    assert (
        "Neviena norma neatļauj šo datu nodošanu (sūtītājs – VRS, saņēmējs – MARTA)" in annotation
    )  # the gap report, in 1.3
    for line in ("no344-amendment", "no344-order", "no344-agreement"):
        assert f"{line}.landscape.yaml (drafted from answers/{line}.yaml)" in flat
    # the amendment's landscape names the four institutions its text names, never a role it does not define
    amend_ls = yaml.safe_load((out / "2-drafts/no344-amendment.landscape.yaml").read_text(encoding="utf-8"))
    senders = {a["sender"] for p in amend_ls["instruments"][0]["provisions"] for a in p["authorises"]}
    assert senders == {"vrs", "pmlp", "soc-dienesti", "krizes-centri"}
    today = json.loads((out / "1-today/gaps.json").read_text(encoding="utf-8"))
    assert "NO_BASIS:vrs-to-marta-possible-victim" in {f["key"] for f in today["findings"]}
    wi = json.loads((out / "3-what-if/what-if.json").read_text(encoding="utf-8"))
    assert "NO_BASIS:vrs-to-marta-possible-victim" in wi["closed"] and wi["opened"] == []
    remaining = [
        "NO_BASIS:tiesibsargs-to-marta-possible-victim",
        "NRM_NO_PATH_TO_PROVIDER:tiesibsargs",
        "NRM_NO_PATH_TO_PROVIDER:vp",
    ]
    assert sorted(wi["remaining"]) == sorted(remaining)
    assert len(wi["closed"]) + len(wi["remaining"]) == len(today["findings"]) == 9
    assert (
        "The seed's gap is closed once the amendment to Regulation No. 344, the order and the agreement are adopted "
        "(6 closed, 3 remaining, 0 opened)."
    ) in flat
    # what remains is said plainly: who, why (not among the institutions the text names), and the remedy
    assert "What remains (3), and why:" in flat
    why = (
        "paragraph 5.¹ of the amendment names State Border Guard, Office of Citizenship and Migration Affairs, "
        "municipal social services and crisis centres as the institutions that inform; {} is not among them, so the "
        "amendment authorises no flow from it."
    )
    for who, n in (("Ombudsman's Office", 2), ("State Police", 1)):
        assert f"{who} ({n}):" in flat and why.format(who) in flat
        assert f"Remedy: name {who} in paragraph 5.¹ where the law allows it" in flat
    for key in remaining:
        assert f"{key}: " in flat  # each with the landscape's remedy
    doc = Document(str(out / "1-today/gaps-lv.docx"))
    assert doc.paragraphs[0].text == "Tiesiskā pamata nepilnību ziņojums"
    assert str(out / "1-today/gaps-en.html") in res.output.replace("\n", "")
