"""The amending-regulation interview (interviews/amendment.yml), in-process.

- one document, two paths: the amending regulation's DOCX the interview assembles has the same
  text as ``pamats draft amendment`` on the answers file it offers; the consolidated text it
  offers (tracked-change DOCX, HTML) is ``pamats draft consolidated``'s;
- the legal-basis check runs as you go: after a change whose new point names data flows, the
  check screen says which gaps the consolidated act closes;
- a change the core refuses (words found twice) is explained and asked again;
- hostile text on the change screens: spaces only and markup refused with a message in the
  screen's language; template syntax kept literally;
- every review edit path stays in the chosen language."""

from __future__ import annotations

import html
import io
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

HERE = Path(__file__).resolve().parent
SCENARIOS = HERE / "scenarios"
ZWSP = "\u200b"
CASES = [
    "amendment--insert-flows-lv.yaml",
    "amendment--restate-delete-en.yaml",
    "amendment--replace-twice-lv.yaml",
    "amendment--izdoti-injection-en.yaml",
]


def _saved(da, number) -> Path:
    return Path(da._STATE["plugin"].saved[int(number)]["fullpath"])


def _run(da, name, **over):
    sc = da.load_scenario(SCENARIOS / name)
    return da.drive(da.load_interview("amendment.yml"), dict(sc["answers"], **over))


@pytest.mark.parametrize("name", CASES, ids=[c[:-5] for c in CASES])
def test_interview_docx_equals_cli_docx(da, tmp_path, name):
    run = _run(da, name)
    answers_path = _saved(da, run.user_dict["answers_download"].raw.number)
    assert answers_path.name == "amendment-answers.yaml"
    from pamats.interview.common import plain

    assert yaml.safe_load(answers_path.read_text(encoding="utf-8")) == plain(run.user_dict["answers"])

    from pamats.cli.main import main

    out = tmp_path / "cli.docx"
    assert main(["draft", "amendment", str(answers_path), "-o", str(out)]) == 0
    interview_text = run.docx_text()
    assert interview_text == da.docx_text(out)
    assert ZWSP not in interview_text
    assert len(interview_text) > 600

    # the consolidated text: the CLI's HTML byte for byte, the DOCX with the same tracked changes
    html_out = tmp_path / "cons.html"
    assert main(["draft", "consolidated", str(answers_path), "--format", "html", "-o", str(html_out)]) == 0
    assert _saved(da, run.user_dict["am_cons_html"].number).read_bytes() == html_out.read_bytes()
    docx_out = tmp_path / "cons.docx"
    assert main(["draft", "consolidated", str(answers_path), "-o", str(docx_out)]) == 0
    ours = zipfile.ZipFile(io.BytesIO(_saved(da, run.user_dict["am_cons_docx"].number).read_bytes()))
    cli = zipfile.ZipFile(docx_out)
    body, cli_body = ours.read("word/document.xml").decode(), cli.read("word/document.xml").decode()
    assert "<w:ins " in body and ("<w:del " in body or "<w:ins " in body)
    import re

    strip_dates = lambda x: re.sub(r'w:date="[^"]*"', "", x)  # noqa: E731  (the time of writing)
    assert strip_dates(body) == strip_dates(cli_body)


def test_the_check_runs_as_you_go_on_the_consolidated_act(da):
    sc = da.load_scenario(SCENARIOS / "amendment--insert-flows-lv.yaml")
    session = da.Session(da.load_interview("amendment.yml"), sc["answers"])
    assert session.run(until="amendment change check") is None
    text = html.unescape(session.screen.subquestion)
    assert "Novērstas 4 no 9 nepilnībām; paliek 5; jaunas 0." in text
    assert "grozītie punkti atļauj 2 datu plūsmu(-as)" in text
    assert "Nav tiesiskā pamata (NO_BASIS): VRS → MARTA" in text  # a closed gap named in words
    # the next change's screen shows the act as amended so far, with what was read at a source
    assert session.run({"am_changes.there_is_another": True}, until="amendment change kind") is None
    listing = html.unescape(session.screen.subquestion)
    assert "5.¹" in listing and "Valsts robežsardze un Pilsonības" in listing
    assert "(nolasīts avotā)" in listing and "teksts nav nolasīts avotā" in listing


REFUSED = {  # the core's refusal, from the one catalogue (amendment.words_twice), in the screen's language
    "lv": ("Vārdi „pakalpojuma” 4. punktā ir 2 reizes, tāpēc norādījums nebūtu viennozīmīgs", "appear 2 times"),
    "en": ('The words "pakalpojuma" appear 2 times in point 4; the instruction would be ambiguous', "reizes"),
}


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_cores_refusal_is_shown_in_the_screens_language(da, lang):
    sc = da.load_scenario(SCENARIOS / "amendment--replace-twice-lv.yaml")
    session = da.Session(da.load_interview("amendment.yml"), dict(sc["answers"], lang=lang))
    assert session.run(until="amendment change problem") is None
    shown = html.unescape(session.screen.subquestion)
    assert REFUSED[lang][0] in shown and REFUSED[lang][1] not in shown
    assert session.screen.language == lang


def test_a_refused_change_is_explained_and_asked_again(da):
    sc = da.load_scenario(SCENARIOS / "amendment--replace-twice-lv.yaml")
    session = da.Session(da.load_interview("amendment.yml"), sc["answers"])
    assert session.run(until="amendment change problem") is None
    assert REFUSED["lv"][0] in html.unescape(session.screen.subquestion)
    run = session.run()
    assert [s.block_id for s in run.screens].count("amendment change kind") == 3  # asked again, then a second change
    assert "(abos gadījumos)" in run.docx_text()


HOSTILE = {
    "lv": ("tikai atstarpes", "Tekstā ir HTML vai XML iezīme „b”"),
    "en": ("it holds only spaces", 'The text contains the HTML or XML tag "b"'),
}


@pytest.mark.parametrize(
    "name,lang", [("amendment--insert-flows-lv.yaml", "lv"), ("amendment--izdoti-injection-en.yaml", "en")]
)
def test_hostile_text_on_the_change_screen(da, name, lang):
    sc = da.load_scenario(SCENARIOS / name)
    session = da.Session(da.load_interview("amendment.yml"), sc["answers"])
    assert session.run(until="amendment insert") is None
    n = 0 if lang == "lv" else 1  # the insert is the first change, or the second
    screen = {
        f"am_changes[{n}].{k}": sc["answers"][f"am_changes[i].{k}"][0] for k in ("after", "text", "units", "has_flows")
    }
    key = f"am_changes[{n}].text"
    refused = session.submit(dict(screen, **{key: "   "}))
    assert list(refused) == [key] and HOSTILE[lang][0] in refused[key]
    refused = session.submit(dict(screen, **{key: "Teksts <b>treknais</b>"}))
    assert HOSTILE[lang][1] in refused[key]
    assert session.screen.block_id == "amendment insert"
    literal = "Punkts {{ 7*7 }} ${ x } **ne** [BR] __."
    assert session.submit(dict(screen, **{key: literal})) == {}
    text = session.run().docx_text()
    assert literal in text and "Punkts 49" not in text and ZWSP not in text


def _texts() -> tuple[set[str], set[str]]:
    sys.path.insert(0, str(HERE))
    import translations

    lv, en = set(), set()
    for name in ("amendment.yml", "_common.yml"):
        for src, tgt in translations.read_xliff(translations.xliff_path(name)).items():
            if src != tgt:
                lv.add(src.strip())
                en.add(tgt.strip())
    return lv, en


@pytest.mark.parametrize(
    "name,lang", [("amendment--replace-twice-lv.yaml", "lv"), ("amendment--restate-delete-en.yaml", "en")]
)
def test_every_edit_path_stays_in_the_chosen_language(da, name, lang):
    sc = da.load_scenario(SCENARIOS / name)
    session = da.Session(da.load_interview("amendment.yml"), sc["answers"])
    assert session.run(until="amendment review") is None
    edits = session.edit_actions()
    assert len(edits) == 4, edits
    lv_texts, en_texts = _texts()
    wrong = en_texts if lang == "lv" else lv_texts
    final = {k: (v[-1] if isinstance(v, list) and v else v) for k, v in sc["answers"].items()}
    for n in range(len(edits)):
        first = len(session.screens)
        edit = session.edit_actions()[n]
        session.action(edit["action"], **edit["arguments"])
        assert session.screen.asks, (n, edit)
        assert session.run(final, until="amendment review") is None
        for screen in session.screens[first:]:
            assert screen.language == lang, (n, screen.block_id, screen.language)
            assert screen.text.strip() not in wrong, (n, screen.block_id, screen.text)
    run = session.run()
    assert run.docx_paths


def test_the_review_says_what_the_document_says(da):
    sc = da.load_scenario(SCENARIOS / "amendment--restate-delete-en.yaml")
    session = da.Session(da.load_interview("amendment.yml"), sc["answers"])
    assert session.run(until="amendment review") is None
    shown = html.unescape(" ".join(session.screen.review_items) + session.screen.subquestion)
    text = session.run().docx_text()
    for sentence in (
        "Delete Sub-paragraph 2.2.3.",
        "Restate Paragraph 4 as follows:",
        '"4. Pakalpojuma saņemšanas ilgums personai ir līdz 90 dienām.".',
        "Issued under Section 13(1)(7) of the Social Services and Social Assistance Law",
    ):
        assert sentence in shown and sentence in text, sentence
    assert "Minister for Welfare – A. Bērziņa" in shown


def test_a_change_deleted_on_the_review_leaves_the_document(da):
    sc = da.load_scenario(SCENARIOS / "amendment--restate-delete-en.yaml")
    session = da.Session(da.load_interview("amendment.yml"), sc["answers"])
    assert session.run(until="amendment review") is None
    session.review_edit("am_changes.revisit")
    assert session.screen.block_id == "amendment changes revisit"
    remove = [a for a in session.link_actions() if a["action"] == "_da_list_remove"]
    assert len(remove) == 2
    session.action(remove[0]["action"], **remove[0]["arguments"])  # the restated point 4
    assert session.run({"am_changes.revisit": True}, until="amendment review") is None
    text = session.run().docx_text()
    assert "Amendment to Cabinet Regulation No. 344" in text  # one change left: "Grozījums"
    assert "Sub-paragraph 2.2.3" in text and "90 dienām" not in text


def test_the_session_pickles_as_a_server_would_store_it(da):
    """A server pickles the answers after every screen: the changes, the checks and the
    prepared documents must survive it."""
    import pickle

    from docassemble.base.functions import pickleable_objects

    run = _run(da, "amendment--insert-flows-lv.yaml")
    data = pickle.loads(pickle.dumps(pickleable_objects(run.user_dict)))
    assert data["am_changes"][0].data["insert_after"] == "5"
    assert len(data["am_changes"][0].basis.closed) == 4
    assert data["prepared"].consolidated_docx[:2] == b"PK"


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_a_change_is_edited_from_the_list_with_its_answers_as_defaults(da, lang):
    sc = da.load_scenario(SCENARIOS / "amendment--restate-delete-en.yaml")
    session = da.Session(da.load_interview("amendment.yml"), dict(sc["answers"], lang=lang))
    assert session.run(until="amendment review") is None
    session.review_edit("am_changes.revisit")
    edit = [a for a in session.link_actions() if a["action"] == "am_edit_change"]
    assert [a["arguments"] for a in edit] == [{"i": 0}, {"i": 1}]
    session.action(edit[0]["action"], **edit[0]["arguments"])  # the restated point 4
    assert session.screen.block_id == "amendment change kind" and session.screen.language == lang
    assert session.user_dict["am_changes"][0].previous["new_text"].endswith("90 dienām.")
    new = "Pakalpojuma saņemšanas ilgums personai ir līdz 120 dienām."
    assert (
        session.run(
            {
                "am_changes[0].kind": "restate",
                "am_changes[0].restated": "4",
                "am_changes[0].new_text": new,
                "am_changes[0].new_units": "",
                "am_changes.revisit": True,
            },
            until="amendment review",
        )
        is None
    )
    text = session.run().docx_text()
    quoted = f"„4. {new}”" if lang == "lv" else f'"4. {new}"'  # Latvian quotation marks in a Latvian draft
    assert quoted in text and "90 dienām" not in text and "2.2.3" in text
