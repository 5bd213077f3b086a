"""One document, two paths, for the regulation and order interviews: the DOCX the interview
assembles (docassemble's DOCX mechanism, templates/<lang>/<kind>.docx) has the same text as the
DOCX ``pamats draft`` renders from the answers file the interview offers for download. The only
difference allowed is the zero-width space docassemble writes into user text (between template
braces, and here also after '<' of '<w:r>' / '</w:t>', which its DOCX filter would otherwise
write as raw XML)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

SCENARIOS = Path(__file__).resolve().parent / "scenarios"
ZWSP = "\u200b"
CASES = [
    ("regulation", "regulation--injection-feminine-lv.yaml"),
    ("regulation", "regulation--date-repeal-en.yaml"),
    ("order", "order--feminine-injection-lv.yaml"),
    ("order", "order--two-addressees-en.yaml"),
]


def _answers_file(da, run) -> Path:
    number = int(run.user_dict["answers_download"].raw.number)
    return Path(da._STATE["plugin"].saved[number]["fullpath"])


@pytest.mark.parametrize("kind, name", CASES, ids=[c[1][:-5] for c in CASES])
def test_interview_docx_equals_cli_docx(da, tmp_path, kind, name):
    sc = da.load_scenario(SCENARIOS / name)
    run = da.drive(da.load_interview(f"{kind}.yml"), sc["answers"])
    answers_path = _answers_file(da, run)
    assert answers_path.name == f"{kind}-answers.yaml"

    from pamats.interview.common import plain

    assert yaml.safe_load(answers_path.read_text(encoding="utf-8")) == plain(run.user_dict["answers"])

    from pamats.cli.main import main

    out = tmp_path / "cli.docx"
    assert main(["draft", kind, str(answers_path), "-o", str(out)]) == 0

    interview_text = run.docx_text()
    cli_text = da.docx_text(out)
    assert interview_text == cli_text
    assert len(cli_text) > 800


def test_user_text_stays_literal_in_the_interview_docx(da):
    sc = da.load_scenario(SCENARIOS / "regulation--injection-feminine-lv.yaml")
    run = da.drive(da.load_interview("regulation.yml"), sc["answers"])
    text = run.docx_text()
    assert "{{ 7*7 }} {% if x %}jā{% endif %} ${ x } {#c#} [BR] __." in text and "49" not in text
    assert ZWSP not in text  # escaped at the template level: no hidden characters
    from docx import Document

    Document(str(run.docx_paths[0]))  # still a valid DOCX


@pytest.mark.parametrize(
    "lang, phrase",
    [("lv", 'Rīkojums nevar saistīt: Biedrība "Centrs MARTA"'), ("en", "The order cannot bind Centre MARTA (NGO)")],
)
def test_an_ngo_addressee_is_explained_and_asked_again(da, lang, phrase):
    sc = da.load_scenario(SCENARIOS / "order--three-addressees-lv.yaml")
    answers = dict(sc["answers"], lang=lang)
    run = da.drive(da.load_interview("order.yml"), answers)
    ids = [s.block_id for s in run.screens]
    i = ids.index("order not binding")
    assert ids[i - 1] == ids[i + 1] == "order addressees"  # asked, explained, asked again
    assert phrase in run.screens[i].subquestion and ids.count("order addressees") == 2
    assert "MARTA" not in run.docx_text()


def test_answers_the_core_refuses_are_explained_then_the_review_screen_returns(da, monkeypatch):
    seen = []
    screen_cls = da.Screen

    def record(*args, **kwargs):
        s = screen_cls(*args, **kwargs)
        seen.append(s)
        return s

    monkeypatch.setattr(da, "Screen", record)
    # the screen refuses spaces only (test_hostile_inputs); docassemble's REST API sets
    # variables without the fields' validate: functions, so the core must refuse them too
    monkeypatch.setattr(da, "_validators", lambda status: {})
    sc = da.load_scenario(SCENARIOS / "regulation--default-lv.yaml")
    # whitespace only: no data item at all, which the core refuses (data_items needs one)
    answers = dict(sc["answers"], reg_data_items="  \n ", reg_reviewed=[True, True])
    with pytest.raises(da.ScenarioError, match="reg_reviewed"):
        da.drive(da.load_interview("regulation.yml"), answers)
    ids = [s.block_id for s in seen]
    i = ids.index("regulation problems")
    assert ids[i - 1] == ids[i + 1] == "regulation review"
    assert "data_items" in seen[i].subquestion and "Pārskata ekrānā" in seen[i].subquestion
