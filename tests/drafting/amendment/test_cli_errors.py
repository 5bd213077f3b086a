"""pamats draft amendment|consolidated: outputs and bad input (file:line, exit 2, nothing written)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pamats.cli.main import _register, cli

from .conftest import BASE

ROOT = Path(__file__).resolve().parents[3]
_register()


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_cli_writes_each_format(tmp_path):
    for kind, fmt in (
        ("amendment", "docx"),
        ("amendment", "akn"),
        ("amendment", "md"),
        ("consolidated", "docx"),
        ("consolidated", "html"),
        ("consolidated", "md"),
    ):
        out = tmp_path / f"{kind}.{fmt}"
        res = run("draft", kind, ROOT / "answers/no344-amendment.yaml", "--format", fmt, "-o", out)
        assert res.exit_code == 0, res.output
        assert out.stat().st_size > 200
    res = run("draft", "amendment", ROOT / "answers/no344-amendment.yaml", "--format", "md", "--lang", "en")
    assert res.exit_code == 0 and "Amendment to Cabinet Regulation No. 344 of 16 July 2019" in res.output
    res = run(
        "draft", "consolidated", ROOT / "answers/no344-amendment.yaml", "--format", "akn", "-o", tmp_path / "c.xml"
    )
    assert res.exit_code == 2 and "docx, html, md" in res.output and not (tmp_path / "c.xml").exists()
    res = run(
        "draft", "regulation", ROOT / "answers/nrm-regulation.yaml", "--format", "html", "-o", tmp_path / "r.html"
    )
    assert res.exit_code == 2 and "consolidated" in res.output


def _write(tmp_path, text: str) -> Path:
    p = tmp_path / "bad.yaml"
    p.write_text(text, encoding="utf-8")
    return p


HEAD = yaml.safe_dump({k: v for k, v in BASE.items()}, allow_unicode=True, sort_keys=False)
N = HEAD.count("\n")


@pytest.mark.parametrize(
    "changes,line,words",
    [
        ('changes:\n  - restate: "9"\n    text: x\n', N + 2, "point 9 is not in test-act"),
        ('changes:\n  - delete: "2.7"\n', N + 2, "sub-point 2.7 is not in test-act"),
        ("changes:\n  - {}\n", N + 2, "empty change"),
        ('changes:\n  - restate: "4"\n    text: "  "\n', N + 2, "empty text"),
        ('changes:\n  - insert_after: "4"\n', N + 2, "empty change"),
        ('changes:\n  - delete: "cetri"\n', N + 2, "not a point number"),
        ("changes:\n  - delete: 2.10\n", N + 2, "in quotes"),
        ('changes:\n  - delete: "4"\n    text: x\n', N + 2, "text not used by this action"),
        ('changes:\n  - delete: "4"\ndate: 2025-02-30\n', N + 3, "date"),
        ("changes: []\n", N + 1, "changes"),
        ('changes:\n  - delete: "4"\nnumbr: 5\n', N + 3, "unknown key"),
    ],
)
def test_bad_input_file_line_exit_2(tmp_path, changes, line, words):
    bad = _write(tmp_path, HEAD + changes)
    out = tmp_path / "out.docx"
    res = run("draft", "amendment", bad, "-o", out)
    assert res.exit_code == 2, res.output
    assert f"bad.yaml:{line}" in res.output and words in res.output
    assert "Traceback" not in res.output and not out.exists()


def test_unread_point_and_unknown_act(tmp_path):
    d = {**BASE, "act": "mk-344-2019", "changes": [{"restate": "7", "text": "x"}]}
    bad = _write(tmp_path, yaml.safe_dump(d, allow_unicode=True, sort_keys=False))
    res = run("draft", "amendment", bad, "-o", tmp_path / "o.docx")
    assert res.exit_code == 2 and "point 7 is not in mk-344-2019" in res.output and "not read at a source" in res.output
    d = {**d, "changes": [{"replace_in": "5", "words": "cietušais", "with": "x"}]}
    res = run("draft", "amendment", _write(tmp_path, yaml.safe_dump(d, allow_unicode=True)), "-o", tmp_path / "o.docx")
    assert res.exit_code == 2 and "text of point 5 was not read" in res.output
    d = {**d, "act": "mk-999-2030"}
    res = run("draft", "amendment", _write(tmp_path, yaml.safe_dump(d, allow_unicode=True)), "-o", tmp_path / "o.docx")
    assert res.exit_code == 2 and "act 'mk-999-2030' not found" in res.output and "bad.yaml:" in res.output


def test_bad_act_file(tmp_path):
    act = (Path(__file__).parent / "small-act.yaml").read_text(encoding="utf-8")
    bad_act = tmp_path / "act.yaml"
    bad_act.write_text(
        act.replace("date: 2020-03-03", "date: 2020-02-30").replace('{n: "4",', '{n: "4", colour: red,'),
        encoding="utf-8",
    )
    d = {**BASE, "act": str(bad_act), "changes": [{"delete": "4"}]}
    res = run("draft", "amendment", _write(tmp_path, yaml.safe_dump(d, allow_unicode=True)), "-o", tmp_path / "o.docx")
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert "act.yaml:4: date" in res.output and "act.yaml:29" in res.output and "colour: unknown key" in res.output


def test_derive_amendment_cli(tmp_path):
    act = (Path(__file__).parent / "small-act.yaml").read_text(encoding="utf-8")
    wanted = tmp_path / "wanted.yaml"
    wanted.write_text(
        act.replace("līdz 180 dienām", "līdz 90 dienām").replace(
            '{n: "2.3", text: paziņo lēmumu., verified: true}', '{n: "2.3", deleted: true}'
        ),
        encoding="utf-8",
    )
    out = tmp_path / "changes.yaml"
    res = run("derive-amendment", Path(__file__).parent / "small-act.yaml", wanted, "-o", out)
    assert res.exit_code == 0, res.output
    assert yaml.safe_load(out.read_text(encoding="utf-8")) == {
        "changes": [{"delete": "2.3"}, {"restate": "4", "text": "Pakalpojuma ilgums ir līdz 90 dienām."}]
    }
    # the derived changes drive an amendment answers file as they are
    answers = tmp_path / "a.yaml"
    d = {**BASE, **yaml.safe_load(out.read_text(encoding="utf-8"))}
    answers.write_text(yaml.safe_dump(d, allow_unicode=True), encoding="utf-8")
    res = run("draft", "amendment", answers, "--format", "md")
    assert res.exit_code == 0 and "1. Svītrot 2.3. apakšpunktu." in res.output
    bad = tmp_path / "renumbered.yaml"
    bad.write_text(act.replace('{n: "4",', '{n: "5",'), encoding="utf-8")
    res = run("derive-amendment", Path(__file__).parent / "small-act.yaml", bad)
    assert res.exit_code == 2 and "renumbered.yaml" in res.output and "Traceback" not in res.output


def test_lint_amendment_counts_markers(tmp_path):
    res = run("lint", ROOT / "answers/no344-amendment.yaml")
    assert res.exit_code == 1 and "LT010" in res.output and "fill in [JĀPRECIZĒ" in res.output
    d = {**BASE, "changes": [{"restate": "9", "text": "x"}]}
    bad = _write(tmp_path, yaml.safe_dump(d, allow_unicode=True))
    res = run("lint", bad)
    assert res.exit_code == 2 and "point 9 is not in test-act" in res.output and "bad.yaml:" in res.output
