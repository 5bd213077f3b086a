"""The in-process driver itself, on a fixture interview (tests/interviews/fixtures/smoke.yml):
it must drive lists, dates, checkboxes and continue-button screens, assemble a real DOCX,
report missing answers clearly and keep user text literal in the document."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def smoke(da, tmp_path_factory):
    from docx import Document

    tpl = tmp_path_factory.mktemp("tpl") / "smoke.docx"
    doc = Document()
    doc.add_paragraph("SMOKE {{ title }}")
    doc.add_paragraph("Parties: {{ party_names }}")
    doc.add_paragraph("{% if urgent %}URGENT{% else %}NOT URGENT{% endif %}")
    doc.save(tpl)
    text = (FIXTURES / "smoke.yml").read_text(encoding="utf-8").replace("TEMPLATE_PATH", str(tpl))
    return da.parse_text(text, package="docassemble.base", path="smoke.yml")


def test_smoke_scenario_runs_to_end_and_builds_docx(da, smoke):
    sc = da.load_scenario(FIXTURES / "smoke--basic.yaml")
    run = da.drive(smoke, sc["answers"])
    assert [s.block_id for s in run.screens] == [
        "smoke intro",
        "smoke title",
        "smoke party name",
        "smoke another party",
        "smoke party name",
        "smoke another party",
        "smoke end",
    ]
    assert run.screens[-1].question_type == "deadend"
    assert len(run.docx_paths) == 1 and run.docx_paths[0].suffix == ".docx"
    assert da.check_expectations(run.docx_text(), run.end_text, sc["expect"], hidden_ok=True) == []
    # user text with template syntax comes out literally, not evaluated; docassemble puts a
    # zero-width space between the braces of a plain value it writes into a DOCX, and its
    # server keeps only the text of an HTML-looking answer to a plain text field (the "<b>" is
    # gone: why the pamats interviews' free-text fields are `datatype: raw`)
    text = run.docx_text()
    assert "SMOKE Plan {\u200b{ not_code }\u200b} &" in text and "<b>" not in text
    assert run.user_dict["start_date"].strftime("%Y-%m-%d") == "2026-03-01"
    assert run.user_dict["channels"].elements == {"email": True, "post": False, "phone": True}


def test_not_urgent_branch_changes_the_document(da, smoke):
    sc = da.load_scenario(FIXTURES / "smoke--basic.yaml")
    sc["answers"]["urgent"] = False
    run = da.drive(smoke, sc["answers"])
    text = run.docx_text()
    assert "NOT URGENT" in text
    # 'URGENT' is still a substring; the not_contains expectation is what catches the branch
    assert da.check_expectations(text, run.end_text, sc["expect"], hidden_ok=True) == [
        "DOCX contains 'NOT URGENT' but must not"
    ]


def test_missing_answer_names_the_variable_and_screen(da, smoke):
    sc = da.load_scenario(FIXTURES / "smoke--basic.yaml")
    del sc["answers"]["urgent"]
    with pytest.raises(da.ScenarioError, match=r"smoke title.*'urgent'"):
        da.drive(smoke, sc["answers"])


def test_list_answer_exhausted_is_an_error(da, smoke):
    sc = da.load_scenario(FIXTURES / "smoke--basic.yaml")
    sc["answers"]["parties.there_is_another"] = [True, True]
    with pytest.raises(da.ScenarioError, match="asked more times"):
        da.drive(smoke, sc["answers"])


def test_unknown_key_is_reported_by_parse_warnings(da, tmp_path):
    bad = "id: q\nquestion: Hi\nfeilds:\n  - A: a\n"
    import docassemble.base.logger as da_logger

    messages = []
    da_logger.set_logmessage(lambda m, *a, **k: messages.append(str(m)))
    try:
        da.parse_text(bad, path="bad.yml")
    finally:
        da_logger.set_logmessage(da_logger.default_logmessage)
    assert any("Ignoring unknown" in m and "feilds" in m for m in messages), messages


def test_scenario_file_with_unknown_key_is_rejected(da, tmp_path):
    p = tmp_path / "x--y.yaml"
    p.write_text("interview: a.yml\nanswers: {}\nexpects: {}\n", encoding="utf-8")
    with pytest.raises(da.ScenarioError, match="unknown keys"):
        da.load_scenario(p)


TEMPLATE_YAML = """
id: t
mandatory: True
question: Done
attachment:
  name: Doc
  filename: doc
  valid formats: [docx]
  docx template file: {template}
"""


def test_docx_template_file_resolves_in_the_pamats_package(da):
    """docassemble finds templates/<lang>/<kind>.docx as data/templates/ of docassemble.pamats."""
    from pathlib import Path as P

    tpl = sorted(P(da.REPO, "templates").glob("*/*.docx"))
    assert tpl, "no templates/<lang>/*.docx"
    rel = tpl[0].relative_to(P(da.REPO, "templates")).as_posix()
    da.parse_text(TEMPLATE_YAML.format(template=rel), path="tpl.yml")  # raises if not found
    with pytest.raises(Exception, match="(?i)missing docx template|not found"):
        da.parse_text(TEMPLATE_YAML.format(template="nope/missing.docx"), path="tpl2.yml")


UNDEFINE_YAML = """
id: u order
mandatory: True
code: |
  colour
  seen_defined = defined('colour')
  if not redone:
    undefine('colour')
    redone = True
  colour
  done
---
id: u redone
code: |
  redone = False
---
id: u colour
question: Colour?
fields:
  - Colour: colour
---
id: u done
event: done
question: Done ${ colour }
"""


def test_undefine_and_defined_work_in_process(da):
    """assemble runs in docassemble's user-dict context: undefine() removes the answer (the
    question is asked again) and defined() sees answers."""
    run = da.drive(da.parse_text(UNDEFINE_YAML, path="undef.yml"), {"colour": ["red", "blue"]})
    assert [s.block_id for s in run.screens] == ["u colour", "u colour", "u done"]
    assert run.user_dict["seen_defined"] is True
    assert run.end_text == "Done blue"


def test_action_links_decode(da):
    import docassemble.base.functions as f
    from docassemble.base.thread_context import empty_globals, global_context

    with global_context(empty_globals()):
        f.this_thread.current_info = da.current_info("x.yml")
        url = f.url_action("colour", a=1)
    assert da.action_from_url(url) == {"action": "colour", "arguments": {"a": 1}}
