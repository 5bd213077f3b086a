"""One document, two paths: the DOCX the agreement interview assembles (docassemble's own DOCX
mechanism, from templates/<lang>/agreement.docx) has the same text as the DOCX that
``pamats draft agreement`` renders from the answers file the interview offers for download.
docassemble writes user text containing ``{{``/``}}`` with a zero-width space between the braces
(so Jinja never reads it); that is the only difference allowed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

SCENARIOS = Path(__file__).resolve().parent / "scenarios"
ZWSP = "\u200b"


def _answers_file(da, run) -> Path:
    number = int(run.user_dict["answers_download"].raw.number)
    return Path(da._STATE["plugin"].saved[number]["fullpath"])


@pytest.mark.parametrize(
    "name", ["agreement--injection-en.yaml", "agreement--gap-ngo-lv.yaml", "agreement--health-data-en.yaml"]
)
def test_interview_docx_equals_cli_docx(da, tmp_path, name):
    sc = da.load_scenario(SCENARIOS / name)
    run = da.drive(da.load_interview("agreement.yml"), sc["answers"])
    answers_path = _answers_file(da, run)
    assert answers_path.name == "agreement-answers.yaml"

    # the downloaded file is exactly the answers the interview built
    from pamats.interview.common import plain

    assert yaml.safe_load(answers_path.read_text(encoding="utf-8")) == plain(run.user_dict["answers"])

    from pamats.cli.main import main

    out = tmp_path / "cli.docx"
    assert main(["draft", "agreement", str(answers_path), "-o", str(out)]) == 0

    interview_text = run.docx_text()
    cli_text = da.docx_text(out)
    assert interview_text == cli_text
    assert len(cli_text) > 2000  # a whole agreement, not an empty shell


def test_user_braces_stay_literal_without_hidden_characters(da):
    sc = da.load_scenario(SCENARIOS / "agreement--injection-en.yaml")
    run = da.drive(da.load_interview("agreement.yml"), sc["answers"])
    text = run.docx_text()
    assert "Plan {{ 7*7 }}" in text and ZWSP not in text
    assert "Plan 49" not in text
