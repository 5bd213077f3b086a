"""gaps.yml in-process, beyond the scenario files: uploads (which the scenario format cannot
express), a bad upload followed by a good one, landscape text that looks like template code,
and the interview's DOCX against ``pamats gaps --format docx`` on the same inputs.

Uploads are given as docassemble would make them from a web form: a ``DAFileList`` of
``DAFile`` objects whose numbers come from the headless plugin's ``save_numbered_file``.
``DAFile.path()`` marks a file open, and docassemble commits open files at the end of each
screen through the ``get_saved_file_class`` hook, which the harness plugin answers.
"""

from __future__ import annotations

import html
import mimetypes
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
UPLOADS = REPO / "tests" / "interview_core" / "gaps_uploads"
SCENARIOS = Path(__file__).resolve().parent / "scenarios"
INJECTION_TITLE = 'Landscape {{ 7*7 }} {% if x %}yes{% endif %} ${ x } <b>& "quotes"'


@pytest.fixture(scope="module")
def gaps_da(da):
    return da, da.load_interview("gaps.yml")


def uploads(da, name: str, *paths: Path):
    """A DAFileList as docassemble's web layer makes it for a ``datatype: files`` field."""
    from docassemble.base.util import DAFile, DAFileList

    plugin = da.setup()
    files = []
    for i, path in enumerate(paths):
        number, ext, mimetype = plugin.save_numbered_file(path.name, str(path), None, None)
        files.append(
            DAFile(
                f"{name}[{i}]",
                number=number,
                filename=path.name,
                extension=ext,
                mimetype=mimetype or mimetypes.guess_type(path.name)[0],
            )
        )
    return DAFileList(name, elements=files, auto_gather=False, gathered=True)


def screen(run, block_id: str):
    return next(s for s in run.screens if s.block_id == block_id)


def test_uploaded_landscape_with_template_like_text_comes_out_literally(gaps_da):
    da, interview = gaps_da
    run = da.drive(
        interview,
        {
            "lang": "en",
            "gaps_landscape": "upload",
            "landscape_uploads": uploads(da, "landscape_uploads", UPLOADS / "injection-landscape.yaml"),
            "gaps_today": False,
            "gaps_date": "2026-11-28",
            "gaps_add_draft_uploads": False,
            "report_lang": "en",
        },
    )
    assert [s.block_id for s in run.screens] == [
        "pamats common language",
        "gaps landscape choice",
        "gaps upload landscape",
        "gaps today",
        "gaps date",
        "gaps draft choice upload only",
        "gaps report language",
        "gaps findings",
        "gaps review",
        "gaps final",
    ]
    text = run.docx_text()
    assert "\u200b" not in text  # the core wrote the DOCX: no template engine, nothing to neutralise
    assert INJECTION_TITLE in text
    assert "A tells B {% raw %} and ${ y } & <script>alert(1)</script>" in text
    findings = screen(run, "gaps findings").subquestion
    assert "<script>" not in findings and "&lt;script&gt;alert(1)&lt;/script&gt;" in findings
    assert "A{{ 1+1 }} → B&lt;w:p&gt;" in findings
    assert "Findings: 3" in screen(run, "gaps findings").text
    assert "pamats gaps injection-landscape.yaml --as-of 2026-11-28 --lang en" in run.end_text
    # on screens the title is shown as typed: escaped for HTML, never markup
    escaped = html.escape(INJECTION_TITLE)
    assert escaped in run.end_text and "<b>&" not in run.end_text
    assert escaped in screen(run, "gaps findings").subquestion
    assert escaped in screen(run, "gaps review").subquestion
    assert run.attachments[0]["name"] == escaped


def test_bad_upload_shows_file_line_and_fix_then_a_good_upload_succeeds(gaps_da):
    da, interview = gaps_da
    run = da.drive(
        interview,
        {
            "lang": "lv",
            "gaps_landscape": "upload",
            "landscape_uploads": [
                uploads(da, "landscape_uploads", UPLOADS / "bad-landscape.yaml"),
                uploads(da, "landscape_uploads", UPLOADS / "injection-landscape.yaml"),
            ],
            "gaps_today": True,
            "gaps_add_draft_uploads": False,
            "report_lang": "lv",
        },
    )
    ids = [s.block_id for s in run.screens]
    assert ids[ids.index("gaps problem screen") + 1] == "gaps upload landscape"
    problem = screen(run, "gaps problem screen")
    assert problem.text == "Ziņojumu vēl nevar sagatavot"
    assert "Failos ir kļūdas" in problem.subquestion and "augšupielādējiet to vēlreiz" in problem.subquestion
    assert "bad-landscape.yaml:10: actors.0.public_authority: Input should be a valid boolean" in problem.subquestion
    assert (
        "bad-landscape.yaml:15: unknown key &#x27;recipent&#x27; — Kā labot: did you mean &#x27;recipient&#x27;?"
        in problem.subquestion
    )
    assert "Traceback" not in problem.subquestion and "/tmp" not in problem.subquestion
    assert run.screens[-1].block_id == "gaps final"
    assert 'Ainava {{ 7*7 }} {% if x %}ja{% endif %} ${ x } <b>&amp; "pēdiņas"' in run.docx_text()


def test_uploaded_answers_file_as_a_draft_closes_the_gaps(gaps_da):
    da, interview = gaps_da
    run = da.drive(
        interview,
        {
            "lang": "en",
            "gaps_landscape": "lv-nrm",
            "gaps_today": False,
            "gaps_date": "2026-11-28",
            "gaps_draft_choice": {
                "iem-order.yaml": False,
                "marta-vrs-agreement.yaml": False,
                "nrm-regulation.yaml": False,
            },
            "gaps_add_draft_uploads": True,
            "draft_uploads": uploads(da, "draft_uploads", REPO / "answers" / "nrm-regulation.yaml"),
            "report_lang": "en",
        },
    )
    # the regulation's text names four first-contact institutions: the Ombudsman's and the police's gaps remain
    assert "6 gaps closed, 3 remaining, 0 opened." in run.end_text
    assert "Drafts treated as adopted: nrm-regulation.yaml" in run.docx_text()
    assert "--with nrm-regulation.yaml" in run.end_text


@pytest.mark.parametrize(
    "name, args, code",
    [
        (
            "gaps--lv-nrm-drafts-en.yaml",
            [
                "--lang",
                "en",
                "--with",
                "graph/lv-nrm-drafts/iem-order.yaml",
                "--with",
                "graph/lv-nrm-drafts/marta-vrs-agreement.yaml",
                "--with",
                "graph/lv-nrm-drafts/nrm-regulation.yaml",
            ],
            0,
        ),
        ("gaps--lv-nrm-regulation-only.yaml", ["--lang", "en", "--with", "graph/lv-nrm-drafts/nrm-regulation.yaml"], 0),
    ],
)
def test_interview_docx_is_the_cli_report(gaps_da, tmp_path, monkeypatch, name, args, code):
    """The scenario's DOCX, and ``pamats gaps`` on the same choices, read the same."""
    from click.testing import CliRunner

    from pamats.cli.main import _register, cli

    da, interview = gaps_da
    sc = da.load_scenario(SCENARIOS / name)
    run = da.drive(interview, sc["answers"])
    as_of = yaml.safe_load((SCENARIOS / name).read_text(encoding="utf-8"))["answers"]["gaps_date"]
    monkeypatch.chdir(REPO)
    _register()
    out = tmp_path / "cli.docx"
    res = CliRunner().invoke(cli, ["gaps", "graph/lv-nrm", "--as-of", as_of, "--format", "docx", "-o", str(out)] + args)
    assert res.exit_code == code, res.output
    assert len(run.docx_paths) == 1
    assert run.docx_text() == da.docx_text(out)


def test_the_session_pickles_as_a_server_would_store_it(gaps_da):
    """A server pickles the interview answers after every screen; the report objects must survive."""
    import pickle

    from docassemble.base.functions import pickleable_objects

    da, interview = gaps_da
    sc = da.load_scenario(SCENARIOS / "gaps--lv-nrm-today.yaml")
    run = da.drive(interview, sc["answers"])
    data = pickle.loads(pickle.dumps(pickleable_objects(run.user_dict)))
    assert data["gap_run"].summary["findings"] == 9
    assert data["gaps_report"].info["formats"][0] == "docx"


def test_a_bundled_draft_that_cannot_load_asks_for_the_drafts_again(gaps_da):
    da, interview = gaps_da
    sc = da.load_scenario(SCENARIOS / "gaps--lv-nrm-regulation-only.yaml")
    sc["answers"]["lang"] = "en"
    run = da.drive(interview, sc["answers"])
    ids = [s.block_id for s in run.screens]
    assert ids[ids.index("gaps problem screen") + 1] == "gaps draft choice"
    problem = screen(run, "gaps problem screen")
    assert problem.text == "The report cannot be made yet"
    assert (
        "graph/lv-nrm-drafts/marta-vrs-agreement.yaml: unknown instrument &#x27;nrm-regulation&#x27;"
        in problem.subquestion
    )
    assert "tick it as well" in problem.subquestion and "upload it again" not in problem.subquestion
