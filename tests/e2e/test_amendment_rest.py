"""The amending-regulation interview on a real docassemble server (REST API): besides the
amending regulation (DOCX + PDF, checked by test_scenarios_rest.py), the end screen's
consolidated text downloads as a Word file with tracked changes and as HTML, the same texts
``pamats draft consolidated`` writes from the answers the server offers."""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "interviews"))

import harness  # noqa: E402
from rest import drive_rest  # noqa: E402

SCENARIO = REPO / "tests" / "interviews" / "scenarios" / "amendment--insert-flows-lv.yaml"


def test_the_consolidated_text_downloads_from_the_server(client, tmp_path):
    sc = harness.load_scenario(SCENARIO)
    run = drive_rest(client, harness.interview_ref(sc["interview"]), sc["answers"])
    assert "novērstas 4 no 9 nepilnībām" in run.end_text
    user_vars = client.variables(run.session)
    docx = client.file(run.session, int(user_vars["am_cons_docx"]["number"])).content
    page = client.file(run.session, int(user_vars["am_cons_html"]["number"])).content.decode("utf-8")
    answers = client.file(run.session, int(user_vars["answers_download"]["raw"]["number"])).content
    (tmp_path / "answers.yaml").write_bytes(answers)

    from pamats.cli.main import main

    assert (
        main(
            [
                "draft",
                "consolidated",
                str(tmp_path / "answers.yaml"),
                "--format",
                "html",
                "-o",
                str(tmp_path / "cons.html"),
            ]
        )
        == 0
    )
    assert page == (tmp_path / "cons.html").read_text(encoding="utf-8")
    assert "<ins" in page and "5.¹" in page
    body = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode("utf-8")
    assert "<w:ins " in body and 'w:author="pamats"' in body
    assert main(["draft", "consolidated", str(tmp_path / "answers.yaml"), "-o", str(tmp_path / "cons.docx")]) == 0
    cli = zipfile.ZipFile(tmp_path / "cons.docx").read("word/document.xml").decode("utf-8")
    no_dates = lambda x: re.sub(r'w:date="[^"]*"', "", x)  # noqa: E731  (the time of writing)
    assert no_dates(body) == no_dates(cli)
