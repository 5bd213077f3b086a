"""pamats draft / pamats lint through click's CliRunner: outputs, exit codes, errors."""

from pathlib import Path

import docx
from click.testing import CliRunner

from pamats.cli.main import _register, cli

ROOT = Path(__file__).resolve().parents[2]
_register()


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_draft_docx_and_md(tmp_path):
    out = tmp_path / "reg.docx"
    res = run("draft", "regulation", ROOT / "answers/nrm-regulation.yaml", "-o", out)
    assert res.exit_code == 0, res.output
    assert any(p.text.startswith("Izdoti saskaņā ar") for p in docx.Document(str(out)).paragraphs)
    res = run("draft", "agreement", ROOT / "agreements/marta-vrs/answers.yaml", "--format", "md", "--lang", "en")
    assert res.exit_code == 0 and "COOPERATION AGREEMENT No. \\_\\_" not in res.output
    assert "COOPERATION AGREEMENT No. __" in res.output


def test_draft_kind_mismatch_and_bad_file(tmp_path):
    res = run("draft", "order", ROOT / "agreements/marta-vrs/answers.yaml", "-o", tmp_path / "x.docx")
    assert res.exit_code == 2 and "of kind 'agreement', not 'order'" in res.output
    assert not (tmp_path / "x.docx").exists()
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: order\ntitle: x\nnope: 1\n", encoding="utf-8")
    res = run("draft", "order", bad, "-o", tmp_path / "y.docx")
    assert res.exit_code == 2 and "bad.yaml:3" in res.output and "Traceback" not in res.output
    assert not (tmp_path / "y.docx").exists()


def test_annotation_with_landscape_lists_gaps(tmp_path):
    res = run(
        "draft",
        "annotation",
        ROOT / "answers/nrm-annotation.yaml",
        "--format",
        "md",
        "--landscape",
        ROOT / "graph/lv-nrm",
        "--as-of",
        "2026-11-28",
    )
    assert res.exit_code == 0, res.output
    assert "Tiesiskā regulējuma analīze (2026-11-28) atklāj" in res.output


def test_lint_agreement_warns_before_adoption():
    res = run("lint", ROOT / "agreements/marta-vrs/answers.yaml")
    assert res.exit_code == 1
    assert "LT007 legal_basis_norms: nrm-regulation: the norm is not yet in force" in res.output


def test_lint_clean_exit_0(tmp_path):
    src = (ROOT / "answers/iem-order.yaml").read_text(encoding="utf-8")
    src = src.split("notes_to_drafter:")[0] + "issuer:" + src.split("\nissuer:", 1)[1]
    src = src.replace(
        "signatory: {position: {lv: Iekšlietu ministrs, en: Minister for the Interior}}",
        "signatory: {position: {lv: Iekšlietu ministrs, en: Minister for the Interior}, name: R. Kozlovskis}",
    )
    f = tmp_path / "order.yaml"
    f.write_text(src, encoding="utf-8")
    res = run("lint", f, "--landscape", ROOT / "graph/lv-nrm")
    assert res.exit_code == 0, res.output
    assert "clean: no findings" in res.output


def test_lint_bad_input_exit_2(tmp_path):
    f = tmp_path / "x.yaml"
    f.write_text("kind: regulation\n", encoding="utf-8")
    res = run("lint", f)
    assert res.exit_code == 2 and "required field missing" in res.output


def test_draft_akn_writes_xml(tmp_path):
    out = tmp_path / "o.xml"
    res = run("draft", "order", ROOT / "answers/iem-order.yaml", "--format", "akn", "-o", out, "--lang", "en")
    assert res.exit_code == 0, res.output
    data = out.read_bytes()
    assert b'<doc name="rikojums">' in data and b"eng@" in data


def test_pdf_without_libreoffice_is_a_clear_error(tmp_path, monkeypatch):
    import pamats.drafting.render.pdf as pdf

    monkeypatch.setattr(pdf, "soffice_path", lambda: None)
    out = tmp_path / "x.pdf"
    res = run("draft", "regulation", ROOT / "answers/nrm-regulation.yaml", "--format", "pdf", "-o", out)
    assert res.exit_code == 2 and "LibreOffice (soffice) is not installed" in res.output
    assert not out.exists()


def test_lint_a_document_model_file(tmp_path):
    import yaml

    doc = {
        "kind": "order",
        "title": "Par x",
        "basis_line": "Izdots saskaņā ar X likuma 1. pantu",
        "empowered_by": [{"law_genitive": "X likuma", "section": "1"}],
        "body": [
            {"id": "a", "text": ["Skatīt ", {"ref": "zzz"}, " punktu."]},
            {"id": "control", "text": ["Noteikt, ka izpildi kontrolē sekretārs."]},
        ],
    }
    f = tmp_path / "doc.yaml"
    f.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    res = run("lint", f, "--json")
    assert res.exit_code == 1
    import json

    assert json.loads(res.output) == [
        {"code": "LT004", "where": "point 1.", "message": "reference to 'zzz', which is not in the document"}
    ]


def test_annotation_from_gap_report_file(tmp_path):
    import json

    report = {
        "as_of": "2026-01-02",
        "findings": [
            {
                "key": "NO_BASIS:a",
                "message": {"lv": "Trūkst pamata A", "en": "No basis A"},
                "remedy": {"under": {"instrument": "spspl", "provision": "s13-1-7"}},
            }
        ],
    }
    f = tmp_path / "gaps.json"
    f.write_text(json.dumps(report), encoding="utf-8")
    res = run(
        "draft", "annotation", ROOT / "answers/nrm-annotation.yaml", "--format", "md", "--gap-report", f, "--lang", "en"
    )
    assert res.exit_code == 0, res.output
    assert "finds 1 gap(s) the draft closes:" in res.output and "No basis A." in res.output
