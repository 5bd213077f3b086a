"""Chapter and annex changes in the amending-regulation interview (interviews/amendment.yml,
pamats.interview.amendment_parts), in-process, in Latvian and English.

The only bundled act (MK 344) has no chapters and its annexes were not read, so chapter changes
and changes to an existing annex are tested on the test-only act
tests/drafting/amendment/small-act.yaml (id ``test-act``: chapters I-II, one annex), which this
module offers as an act in force for the length of a test only (a copy of the bundled answers
folder with it added; never bundled). The screens offer a change only where it applies; the
interview's DOCX says what ``pamats draft amendment`` says on the answers file it offers; every
screen is in the chosen language."""

from __future__ import annotations

import html
import shutil
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
FIXTURES = HERE / "fixtures" / "amendment-parts"
TEST_ACT = REPO / "tests" / "drafting" / "amendment" / "small-act.yaml"
POINT_KINDS = ["insert_after", "restate", "delete", "replace_in", "restate_title", "restate_izdoti"]
CHAPTERS = ["restate_chapter_title", "restate_chapter", "insert_chapter_after", "delete_chapter"]
ANNEXES = ["add_annex", "restate_annex", "delete_annex", "replace_in_annex"]


@pytest.fixture
def with_test_act(tmp_path, monkeypatch):
    """The bundled answers folder plus acts/test-act.yaml, for this test only."""
    from pamats.drafting.amendment import act as act_mod
    from pamats.interview import amendment as am
    from pamats.resources import answers_dir

    folder = tmp_path / "answers"
    shutil.copytree(answers_dir(), folder)
    shutil.copy(TEST_ACT, folder / "acts" / "test-act.yaml")
    monkeypatch.setattr(am, "answers_dir", lambda: folder)
    monkeypatch.setattr(act_mod, "answers_dir", lambda: folder)
    am.bundled_act.cache_clear()
    yield folder
    am.bundled_act.cache_clear()


def _kinds(session) -> list[str]:
    """The kinds of change the current 'change kind' screen offers (its radio choices)."""
    assert session.screen.block_id == "amendment change kind"
    (choices,) = [c for c in session.status.selectcompute.values()]
    return [c["key"] for c in choices]


def test_kinds_offered_only_where_they_apply(with_test_act):
    from pamats.interview import amendment as am

    def keys(act, changes=()):
        return [next(iter(c)) for c in am.kind_choices("lv", act, list(changes))]

    # MK 344: no chapters, no annex read or listed: the point changes and "add an annex"
    assert keys("mk-344-2019") == POINT_KINDS + ["add_annex"]
    # the test act: chapters and a read annex: everything
    assert keys("test-act") == POINT_KINDS + CHAPTERS + ANNEXES
    # its only annex deleted by an earlier change: adding one is still offered, nothing else on annexes
    assert keys("test-act", [{"delete_annex": "1"}]) == POINT_KINDS + CHAPTERS + ["add_annex"]
    # an annex added earlier can then be restated or deleted; its words replaced
    added = [{"delete_annex": "1"}, {"add_annex": "2", "annex": {"title": "T", "text": ["A"]}}]
    assert keys("test-act", added) == POINT_KINDS + CHAPTERS + ANNEXES
    en = dict(pair for c in am.kind_choices("en", "test-act") for pair in c.items())
    assert en["insert_chapter_after"] == "add a new chapter after an existing one"
    assert en["replace_in_annex"] == "replace or delete words in an annex"


@pytest.mark.parametrize("act, want", [("mk-344-2019", POINT_KINDS + ["add_annex"]), ("test-act", None)])
def test_the_change_screen_offers_them(da, with_test_act, act, want):
    sc = da.load_scenario(FIXTURES / "chapters-annexes-lv.yaml")
    session = da.Session(da.load_interview("amendment.yml"), dict(sc["answers"], am_act=act))
    assert session.run(until="amendment change kind") is None
    assert _kinds(session) == (want or POINT_KINDS + CHAPTERS + ANNEXES)


def _run(da, name):
    sc = da.load_scenario(FIXTURES / name)
    session = da.Session(da.load_interview("amendment.yml"), sc["answers"])
    return sc, session, session.run()


@pytest.mark.parametrize("name", ["chapters-annexes-lv.yaml", "chapters-annexes-en.yaml"])
def test_chapter_and_annex_changes_make_the_clis_document(da, with_test_act, tmp_path, name):
    import yaml

    from pamats.cli.main import main
    from pamats.interview.common import plain

    sc, session, run = _run(da, name)
    lang = sc["answers"]["lang"]
    answers_path = Path(da._STATE["plugin"].saved[int(run.user_dict["answers_download"].raw.number)]["fullpath"])
    answers = yaml.safe_load(answers_path.read_text(encoding="utf-8"))
    assert answers == plain(run.user_dict["answers"]) and answers["act"] == "test-act"
    out = tmp_path / "cli.docx"
    assert main(["draft", "amendment", str(answers_path), "-o", str(out)]) == 0
    text = run.docx_text()
    assert text == da.docx_text(out)
    changes = answers["changes"]
    if lang == "lv":
        assert changes == [
            {"restate_chapter_title": "II", "text": "Nobeiguma jautājumi"},
            {
                "insert_chapter_after": "I",
                "text": "Sadarbība",
                "points": [{"text": "Iestāde sadarbojas ar ministriju."}],
            },
            {"add_annex": "2", "annex": {"title": "Ziņojuma veidlapa", "text": ["Ziņotāja vārds", "Ziņojuma datums"]}},
            {"replace_in_annex": "1", "words": "Uzvārds", "with": "Personas kods"},
        ]
        for words in ("Nobeiguma jautājumi", "Sadarbība", "Iestāde sadarbojas ar ministriju.", "Ziņojuma veidlapa"):
            assert words in text, words
        assert text.count("Grozījumi") >= 1 and "„Uzvārds”" in text and "„Personas kods”" in text
    else:
        assert changes == [
            {
                "restate_chapter": "I",
                "text": "Vispārīgie noteikumi",
                "points": [
                    {"text": "Noteikumi nosaka izmēģinājuma kārtību."},
                    {"text": "Iestāde pieņem un izskata iesniegumu."},
                ],
            },
            {"delete_chapter": "II"},
            {"restate_annex": "1", "annex": {"title": "Iesnieguma veidlapa", "text": ["Vārds", "Uzvārds", "Adrese"]}},
        ]
        assert "Amendments to Cabinet Regulation No. 12" in text
        for words in ("Vispārīgie noteikumi", "Chapter II", "Adrese"):
            assert words in text, words
    # the consolidated text the interview offers is the CLI's
    html_out = tmp_path / "cons.html"
    assert main(["draft", "consolidated", str(answers_path), "--format", "html", "-o", str(html_out)]) == 0
    ours = Path(da._STATE["plugin"].saved[int(run.user_dict["am_cons_html"].number)]["fullpath"]).read_bytes()
    assert ours == html_out.read_bytes()


def _xliff_texts():
    sys.path.insert(0, str(HERE))
    import translations

    lv, en = set(), set()
    for src, tgt in translations.read_xliff(translations.xliff_path("amendment.yml")).items():
        if src != tgt:
            lv.add(" ".join(src.split()))
            en.add(" ".join(tgt.split()))
    return lv, en


@pytest.mark.parametrize("name", ["chapters-annexes-lv.yaml", "chapters-annexes-en.yaml"])
def test_every_chapter_and_annex_screen_is_in_the_chosen_language(da, with_test_act, name):
    sc, session, run = _run(da, name)
    lang = sc["answers"]["lang"]
    lv, en = _xliff_texts()
    wrong, right = (en, lv) if lang == "lv" else (lv, en)
    ids = [s.block_id for s in run.screens]
    for block in ("amendment chapter which", "amendment annex content"):
        assert block in ids, (block, ids)
    seen = set()
    for s in run.screens:
        if not (s.block_id or "").startswith(("amendment chapter", "amendment annex")):
            continue
        seen.add(s.block_id)
        assert s.language == lang, (s.block_id, s.language)
        question = " ".join(html.unescape(s.text).split())
        assert question not in wrong and question in right, (s.block_id, question)
    want = (
        {"amendment chapter which", "amendment chapter title", "amendment chapter content"}
        | {"amendment annex number", "amendment annex which", "amendment annex content", "amendment annex words"}
        if lang == "lv"
        else {
            "amendment chapter which",
            "amendment chapter content",
            "amendment annex which",
            "amendment annex content",
        }
    )
    assert seen == want


REFUSED = {
    "lv": ("II nodaļā spēkā ir 2 punkts(-i), bet jaunajā redakcijā to ir 3", "aiz 4. punkta"),
    "en": ("chapter II holds 2 point(s) in force; the restated chapter has 3", "insert_after 4"),
}


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_a_chapter_restated_with_too_many_points_is_refused_in_the_screens_language(da, with_test_act, lang):
    sc = da.load_scenario(FIXTURES / "chapters-annexes-en.yaml")
    answers = dict(
        sc["answers"],
        lang=lang,
        **{
            "am_changes[i].kind": ["restate_chapter", "restate_chapter", "delete_chapter", "restate_annex"],
            "am_changes[i].chapter": ["II", "I", "II"],
            "am_changes[i].heading": ["N", "Vispārīgie noteikumi"],
            "am_changes[i].chapter_points": ["A.\nB.\nC.", sc["answers"]["am_changes[i].chapter_points"][0]],
        },
    )
    session = da.Session(da.load_interview("amendment.yml"), answers)
    assert session.run(until="amendment change problem") is None
    shown = html.unescape(session.screen.subquestion)
    text, hint = REFUSED[lang]
    assert text[:1].upper() + text[1:] in shown and hint in shown, shown
    assert session.screen.language == lang
    run = session.run()
    assert [s.block_id for s in run.screens].count("amendment change kind") == 4
    assert "Vispārīgie noteikumi" in run.docx_text()


UNREAD = {
    "lv": "Šo noteikumu pielikumi avotā nav nolasīti, tāpēc numuru nevar ieteikt",
    "en": "The annexes of this regulation were not read at a source, so no number can be suggested",
}


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_adding_an_annex_to_mk_344_suggests_no_number(da, tmp_path, lang):
    """MK 344's annexes were not read: the number of a new annex is not guessed; the user's
    number is what the document and the CLI say."""
    from pamats.cli.main import main

    sc = da.load_scenario(FIXTURES / "chapters-annexes-lv.yaml")
    answers = dict(
        sc["answers"],
        lang=lang,
        am_act="mk-344-2019",
        **{
            "am_changes[i].kind": ["add_annex"],
            "am_changes[i].annex": ["3"],
            "am_changes.there_is_another": [False],
        },
    )
    session = da.Session(da.load_interview("amendment.yml"), answers)
    assert session.run(until="amendment annex number") is None
    assert UNREAD[lang] in html.unescape(session.screen.subquestion) and session.screen.language == lang
    from pamats.interview import amendment_parts as amp
    from pamats.interview.amendment import bundled_act

    assert amp.next_annex(bundled_act("mk-344-2019")) == ""
    run = session.run()
    answers_path = Path(da._STATE["plugin"].saved[int(run.user_dict["answers_download"].raw.number)]["fullpath"])
    out = tmp_path / "cli.docx"
    assert main(["draft", "amendment", str(answers_path), "-o", str(out)]) == 0
    text = run.docx_text()
    assert text == da.docx_text(out) and "Ziņojuma veidlapa" in text
    assert ("3. pielikum" in text) if lang == "lv" else ("Annex 3" in text), text


REVIEW = {
    "lv": ("Jāpārskata:", "normas nozīme pēc aizstāšanas nav modelēta", "nevar atsaukt automātiski"),
    "en": (
        "To review:",
        "the provision's meaning after the replacement is not modelled",
        "cannot be withdrawn automatically",
    ),
}


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_check_screen_says_what_a_word_replacement_leaves_to_review(da, lang):
    """Words replaced in MK 344 2.2 (a point the landscape ties to a provision): the check after
    the change says, in the screen's language, that its meaning afterwards is not modelled, and
    that the act's provisions not tied to a point number cannot be withdrawn automatically."""
    sc = da.load_scenario(FIXTURES / "chapters-annexes-lv.yaml")
    answers = dict(
        sc["answers"],
        lang=lang,
        am_act="mk-344-2019",
        **{
            "am_changes[i].kind": ["replace_in"],
            "am_changes[i].replaced": ["2.2"],
            "am_changes[i].words": ["datubāzi"],
            "am_changes[i].replacement": ["reģistru"],
            "am_changes[i].every": [False],
            "am_changes.there_is_another": [False],
        },
    )
    session = da.Session(da.load_interview("amendment.yml"), answers)
    assert session.run(until="amendment change check") is None
    shown = " ".join(html.unescape(session.screen.subquestion).split())
    for words in REVIEW[lang]:
        assert words in shown, (words, shown)
    assert session.screen.language == lang
    assert len(session.user_dict["am_changes"][0].basis.review) == 2
