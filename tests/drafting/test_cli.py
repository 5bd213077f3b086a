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
    res = run("draft", "annotation", ROOT / "answers/nrm-annotation.yaml", "--format", "md",
              "--landscape", ROOT / "graph/lv-nrm", "--as-of", "2026-11-28")
    assert res.exit_code == 0, res.output
    assert "Tiesiskā regulējuma analīze (2026-11-28) atklāj" in res.output


def test_lint_agreement_warns_before_adoption():
    res = run("lint", ROOT / "agreements/marta-vrs/answers.yaml")
    assert res.exit_code == 1
    assert "LT007 legal_basis_norms: nrm-regulation: the norm is not yet in force" in res.output


def test_lint_clean_exit_0(tmp_path):
    src = (ROOT / "answers/iem-order.yaml").read_text(encoding="utf-8")
    src = src.split("notes_to_drafter:")[0] + "issuer:" + src.split("\nissuer:", 1)[1]
    src = src.replace("signatory: {position: {lv: Iekšlietu ministrs, en: Minister for the Interior}}",
                      "signatory: {position: {lv: Iekšlietu ministrs, en: Minister for the Interior}, name: R. Kozlovskis}")
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
