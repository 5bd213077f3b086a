"""The gap-report interview's bridge (pamats.interview.gaps), without docassemble: bundled
landscapes and drafts, the report it makes (the same DOCX text as ``pamats gaps``), uploads
(bad files come back as ``file:line`` lines with hints, never a traceback or a server path),
what-if runs, and the findings HTML for the screen (every landscape text escaped)."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from click.testing import CliRunner

from pamats.interview import gaps

ROOT = Path(__file__).resolve().parents[2]
UPLOADS = Path(__file__).resolve().parent / "gaps_uploads"
DATE = "2026-11-28"
DRAFTS = ["iem-order.yaml", "marta-vrs-agreement.yaml", "nrm-regulation.yaml"]


def docx_text(data: bytes) -> str:
    import io

    from docx import Document

    doc = Document(io.BytesIO(data))
    return "\n".join(
        "".join(t.text or "" for t in el.iter() if t.tag.endswith("}t"))
        for el in doc.element.body.iter()
        if el.tag.endswith("}p")
    )


def upload(name: str) -> tuple[str, str]:
    return (name, str(UPLOADS / name))


@pytest.fixture(scope="module")
def today_run():
    return gaps.run_gaps(landscape="lv-nrm", as_of=DATE, lang="lv")


def test_bundled_landscapes_and_drafts():
    found = {b["id"]: b for b in gaps.bundled_landscapes()}
    assert "lv-nrm" in found and "lv-nrm-drafts" not in found  # the drafts folder has no landscape: block
    assert found["lv-nrm"]["title"]["en"].startswith("Latvian national referral mechanism")
    assert [d["file"] for d in found["lv-nrm"]["drafts"]] == DRAFTS
    assert found["lv-nrm"]["drafts"][2]["label"] == "graph/lv-nrm-drafts/nrm-regulation.yaml"
    assert gaps.bundled_drafts("no-such-landscape") == []


def test_bundled_report_has_the_seed_gap(today_run):
    r = today_run
    assert r.ok and not r.is_whatif and r.problem_in is None
    assert r.summary == {
        "flows": 10,
        "covered": 6,
        "findings": 9,
        "distinct": 5,
        "restating": 4,
        "by_code": {"NO_BASIS": 4, "NRM_NO_PATH_TO_PROVIDER": 5},
    }
    seed = next(f for f in r.report["findings"] if f["key"] == "NO_BASIS:vrs-to-marta-possible-victim")
    assert gaps.flow_words(seed, r.graph, "en").startswith("VRS → MARTA: The border guard informs the service provider")
    text = docx_text(r.docx)
    assert "NO_BASIS – Nav tiesiskā pamata: vrs-to-marta-possible-victim" in text
    assert r.json.startswith("{") and '"schema": "pamats.gap-report/1"' in r.json
    assert "<svg" in r.html or "Graphviz (dot) nav pieejams" in r.html


def test_docx_is_the_cli_report(today_run, tmp_path, monkeypatch):
    """The interview's DOCX reads the same as ``pamats gaps --format docx`` (generated date aside)."""
    from pamats.cli.main import _register, cli

    monkeypatch.chdir(ROOT)
    _register()
    out = tmp_path / "cli.docx"
    res = CliRunner().invoke(cli, ["gaps", "graph/lv-nrm", "--as-of", DATE, "--format", "docx", "-o", str(out)])
    assert res.exit_code == 1, res.output  # 1 = findings
    assert docx_text(today_run.docx) == docx_text(out.read_bytes())


def test_whatif_with_the_three_bundled_drafts_closes_all(tmp_path, monkeypatch):
    r = gaps.run_gaps(landscape="lv-nrm", as_of=DATE, drafts=DRAFTS, lang="en")
    assert r.ok and r.is_whatif
    assert r.counts() == {"closed": 9, "remaining": 0, "opened": 0}
    assert r.report["drafts"] == [f"graph/lv-nrm-drafts/{d}" for d in DRAFTS]
    cols = r.whatif_html()
    assert "Gaps closed (9)" in cols and "Gaps remaining (0)" in cols and "Gaps opened (0)" in cols
    assert r.findings_html() == "<p>No gaps: every flow has a sufficient legal basis.</p>"
    assert "NO_BASIS" in r.findings_html(which="before")
    # the same text as the CLI run from a checkout
    from pamats.cli.main import _register, cli

    monkeypatch.chdir(ROOT)
    _register()
    out = tmp_path / "cli.docx"
    args = ["gaps", "graph/lv-nrm", "--as-of", DATE, "--lang", "en", "--format", "docx", "-o", str(out)]
    for d in DRAFTS:
        args += ["--with", f"graph/lv-nrm-drafts/{d}"]
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 0, res.output
    assert docx_text(r.docx) == docx_text(out.read_bytes())


def test_agreement_alone_cannot_load_and_says_why():
    r = gaps.run_gaps(landscape="lv-nrm", as_of=DATE, drafts=["marta-vrs-agreement.yaml"], lang="en")
    assert not r.ok and r.problem_in == "drafts" and r.report is None
    assert r.problems == [
        "graph/lv-nrm-drafts/marta-vrs-agreement.yaml: unknown instrument 'nrm-regulation'"
        " — How to fix: define instrument 'nrm-regulation' first, or fix the spelling"
    ]


def test_bad_upload_gives_file_line_and_hint_without_server_paths():
    r = gaps.run_gaps(uploads=[upload("bad-landscape.yaml")], as_of=DATE, lang="en")
    assert not r.ok and r.problem_in == "landscape"
    assert r.problems == [
        "bad-landscape.yaml:10: actors.0.public_authority: Input should be a valid boolean, unable to interpret input",
        "bad-landscape.yaml:13: missing required key 'recipient'",
        "bad-landscape.yaml:15: unknown key 'recipent' — How to fix: did you mean 'recipient'? allowed keys: "
        "categories, conditions, description, id, purpose, recipient, regime, sender, source, subjects",
    ]
    assert not any("/tmp" in p or "pamats-gaps-" in p for p in r.problems)


@pytest.mark.parametrize(
    "content, expect",
    [
        (b"landscape: [unclosed\n", "broken.yaml:"),
        (b"\xff\xfe not utf-8", "broken.yaml:1: file is not valid UTF-8 text"),
        (b"- just\n- a list\n", "broken.yaml:1: a landscape file must be a mapping"),
        (b"actors: []\n", "no 'landscape:' metadata found"),
    ],
)
def test_other_bad_uploads_are_problems_not_exceptions(tmp_path, content, expect):
    f = tmp_path / "whatever-server-name"
    f.write_bytes(content)
    r = gaps.run_gaps(uploads=[("broken.yaml", str(f))], as_of=DATE, lang="en")
    assert not r.ok and r.problem_in == "landscape"
    assert any(expect in p for p in r.problems), r.problems
    assert not any(str(tmp_path) in p or "pamats-gaps-" in p for p in r.problems), r.problems


def test_not_yaml_and_nothing_uploaded():
    r = gaps.run_gaps(uploads=[("notes.txt", str(UPLOADS / "bad-landscape.yaml"))], lang="lv")
    assert r.problems == ["notes.txt: augšupielādētais fails nav YAML fails (.yaml vai .yml)"]
    assert gaps.run_gaps(uploads=[], lang="en").problems == ["no file was uploaded"]


def test_good_landscape_with_a_bad_draft_upload_asks_for_the_drafts():
    r = gaps.run_gaps(landscape="lv-nrm", draft_uploads=[upload("bad-landscape.yaml")], as_of=DATE, lang="en")
    assert r.problem_in == "drafts" and r.problems[0].startswith("bad-landscape.yaml:10: ")


def test_uploaded_answers_file_is_drafted_as_a_draft():
    """A ``pamats draft`` answers file works as a draft upload (drafted into landscape data)."""
    r = gaps.run_gaps(
        landscape="lv-nrm",
        draft_uploads=[("regulation.yaml", str(ROOT / "answers/nrm-regulation.yaml"))],
        as_of=DATE,
        lang="en",
    )
    assert r.ok, r.problems
    # the regulation's text names four first-contact institutions: the Ombudsman's and the police's gaps stay
    assert r.counts() == {"closed": 6, "remaining": 3, "opened": 0}
    assert r.report["drafts"] == ["regulation.yaml"]


INJECTION_TITLE = 'Landscape {{ 7*7 }} {% if x %}yes{% endif %} ${ x } <b>& "quotes"'


def test_uploaded_landscape_text_stays_literal():
    r = gaps.run_gaps(uploads=[upload("injection-landscape.yaml")], as_of=DATE, lang="en")
    assert r.ok, r.problems
    assert r.title == INJECTION_TITLE
    text = docx_text(r.docx)
    assert INJECTION_TITLE in text
    assert "A tells B {% raw %} and ${ y } & <script>alert(1)</script>" in text
    screen = r.findings_html()
    assert "<script>" not in screen and "<i>A</i>" not in screen
    assert "A tells B {% raw %} and ${ y } &amp; &lt;script&gt;alert(1)&lt;/script&gt;" in screen
    assert "A{{ 1+1 }} → B&lt;w:p&gt;" in screen
    assert html.escape(INJECTION_TITLE) in r.html and "<b>&" not in r.html
    assert INJECTION_TITLE in r.json.replace('\\"', '"')


def test_upload_pairs_accepts_file_objects_duck_typed(tmp_path):
    class FakeDAFile:
        filename = "actors.yaml"

        def path(self):
            return str(tmp_path / "123.yaml")

    assert gaps.upload_pairs([FakeDAFile(), ("b.yaml", "/x/b")]) == [
        ("actors.yaml", str(tmp_path / "123.yaml")),
        ("b.yaml", "/x/b"),
    ]
    assert gaps.upload_pairs(None) == []


def test_stage_uploads_keeps_names_safe_and_unique(tmp_path):
    src = tmp_path / "src.yaml"
    src.write_text("x: 1\n")
    out = gaps.stage_uploads(
        [("../../etc/passwd.yaml", src), ("a b.yaml", src), ("A b.yaml", src), ("", src)], tmp_path / "dest"
    )
    assert [p.name for p in out] == ["passwd.yaml", "a_b.yaml", "A_b-2.yaml", "upload.yaml"]
    assert all(p.parent == tmp_path / "dest" for p in out)


def test_cli_command_reproduces_the_run():
    assert gaps.cli_command(landscape="lv-nrm", as_of=DATE, drafts=["nrm-regulation.yaml"], lang="en") == (
        "pamats gaps graph/lv-nrm --as-of 2026-11-28 --with graph/lv-nrm-drafts/nrm-regulation.yaml "
        "--lang en --format docx -o gaps.docx"
    )
    assert gaps.cli_command(landscape=None, uploads=[("my land.yaml", "/tmp/1")], as_of=DATE) == (
        "pamats gaps 'my land.yaml' --as-of 2026-11-28 --lang lv --format docx -o gaps.docx"
    )


def test_edit_button_without_a_server():
    assert gaps.edit_button(None, "Edit") == (
        '<a class="btn btn-sm btn-outline-secondary btn-darevisit" href="#">Edit</a>'
    )
    assert 'href="/i?a=1&amp;b=2"' in gaps.edit_button("/i?a=1&b=2", "<Labot>")


def test_bad_arguments_are_clear():
    with pytest.raises(ValueError, match="unknown language"):
        gaps.run_gaps(landscape="lv-nrm", lang="de")
    r = gaps.run_gaps(landscape="nope", as_of=DATE, lang="en")
    assert r.problems[0].startswith("unknown bundled landscape 'nope'")
    r = gaps.run_gaps(landscape="lv-nrm", drafts=["nope.yaml"], as_of=DATE, lang="en")
    assert r.problems[0].startswith("unknown bundled draft 'nope.yaml'")


def test_uploaded_answers_files_mix_with_bundled_drafts_by_their_file_names():
    """Answers files get their instrument id from the file name (as ``pamats gaps --with``), so
    a bundled order empowered by ``nrm-regulation`` resolves to an uploaded nrm-regulation.yaml."""
    r = gaps.run_gaps(
        landscape="lv-nrm",
        drafts=["iem-order.yaml"],
        as_of=DATE,
        lang="en",
        draft_uploads=[
            ("nrm-regulation.yaml", str(ROOT / "answers/nrm-regulation.yaml")),
            ("marta-vrs.yaml", str(ROOT / "agreements/marta-vrs/answers.yaml")),
        ],
    )
    assert r.ok, r.problems
    assert r.counts() == {"closed": 6, "remaining": 3, "opened": 0}  # the text names four institutions
    assert r.report["drafts"] == ["graph/lv-nrm-drafts/iem-order.yaml", "nrm-regulation.yaml", "marta-vrs.yaml"]


def test_findings_table_marks_remaining_and_opened_gaps(today_run):
    f = today_run.report["findings"][0]
    table = gaps.findings_table([f], today_run.graph, "en", {f["key"]: "opened"})
    assert "<small>opened</small>" in table
    assert "<small>paliek</small>" in gaps.findings_table([f], today_run.graph, "lv", {f["key"]: "remaining"})
