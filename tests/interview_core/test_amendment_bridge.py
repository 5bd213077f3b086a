"""The amending-regulation interview's core functions (pamats.interview.amendment), without
docassemble: the bundled acts and their points with read/not-read status, one screen's answers
as one change of each kind, the core's refusals, the legal-basis check on the consolidated act
(the same what-if as ``pamats gaps --with``), and the fill-in list in the user's language."""

from __future__ import annotations

import datetime as dt

import pytest

from pamats.interview import amendment as am
from pamats.interview import regulation as reg
from pamats.interview.common import markers

ACT = "mk-344-2019"


@pytest.fixture
def base():
    return am.precedent()


def _answers(base, changes, lang="lv", **kw):
    return am.amendment_answers(base, lang=lang, act=ACT, empowering=base["empowering"], changes=changes, **kw)


def test_the_bundled_act_and_its_points(base):
    assert [list(c) for c in am.act_choices("lv")] == [[ACT]]
    assert "noteikumi Nr. 344 „Noteikumi par kārtību" in am.act_choices("lv")[0][ACT]
    assert am.act_choices("en")[0][ACT].startswith("Cabinet Regulation No. 344 of 16 July 2019")
    listing = am.act_listing(ACT, [], "en")
    by_n = {u["n"]: u for u in listing}
    assert by_n["2.2.1."]["status"] == "read at a source" and by_n["2.2.1."]["depth"] == 2
    assert by_n["5."]["status"] == "not verified at a source"
    assert by_n["5."]["text"].startswith("text not read at a source (only the opening was read")
    assert listing[-1]["text"].startswith("The points after point 5")
    # the points as they read after a change, inserted ones included; a deleted one is no choice
    changes = [am.change_data("insert_after", target="5", text="Jauns."), am.change_data("delete", target="2.2.3")]
    keys = [list(c)[0] for c in am.unit_choices(ACT, changes, "lv")]
    assert "5.¹" in keys and "2.2.3" not in keys
    assert "5" not in [list(c)[0] for c in am.unit_choices(ACT, [], "lv", live_text=True)]  # text not read


def test_one_change_of_each_kind():
    flows = am.flows_data(["vrs", "vp"], "vp", ["identity"], ["identification"], ["possible_victim"])
    assert [f["sender"] for f in flows] == ["vrs"]  # never to itself
    assert am.change_data("insert_after", target="5", text=" A: ", units="b;\n\n c.", flows=flows) == {
        "insert_after": "5",
        "points": [{"text": "A:", "units": [{"text": "b;"}, {"text": "c."}], "exchanges": flows}],
    }
    assert am.change_data("restate", target="4", text="T.") == {"restate": "4", "text": "T."}
    assert am.change_data("delete", target="2.2.3") == {"delete": "2.2.3"}
    assert am.change_data("replace_in", target="4", words="180", replacement="90") == {
        "replace_in": "4",
        "words": "180",
        "with": "90",
    }
    assert am.change_data("replace_in", target="4", words="x", replacement="", every=True)["occurrence"] == "all"
    assert am.change_data("restate_title", text="N") == {"restate_title": "N"}
    assert am.change_data("restate_izdoti", text="I") == {"restate_izdoti": "I"}
    with pytest.raises(ValueError):
        am.change_data("renumber", target="4")


def test_the_cores_refusals_are_sentences():
    assert (
        am.change_problems(ACT, [am.change_data("replace_in", target="4", words="180", replacement="90")], "lv") == []
    )
    twice = am.change_problems(
        ACT, [am.change_data("replace_in", target="4", words="pakalpojuma", replacement="x")], "lv"
    )
    assert len(twice) == 1 and "Vārdi „pakalpojuma” 4. punktā ir 2 reizes" in twice[0]  # Latvian on Latvian screens
    gone = am.change_problems(
        ACT, [am.change_data("delete", target="2.2.3"), am.change_data("delete", target="2.2.3")], "lv"
    )
    assert gone and gone[0].startswith("2.2.3. apakšpunkts jau ir svītrots")
    gone_en = am.change_problems(
        ACT, [am.change_data("delete", target="2.2.3"), am.change_data("delete", target="2.2.3")], "en"
    )
    assert gone_en[0].startswith("Sub-point 2.2.3 is already deleted")
    assert am.change_problems(ACT, [am.change_data("replace_in", target="4", words="nav tur", replacement="x")], "lv")


def test_the_check_runs_on_the_consolidated_act(base):
    today = dt.date(2027, 1, 1)
    none = am.basis_check(_answers(base, [am.change_data("delete", target="2.2.3")]), "lv", today)
    assert (none.before, none.closed, none.flows) == (9, [], 0) and len(none.remaining) == 9
    flows = am.flows_data(
        ["vrs", "pmlp"],
        "role:service_provider",
        ["identity", "contact", "nationality_status", "case_circumstances"],
        ["identification", "referral"],
        ["possible_victim"],
    )
    res = am.basis_check(
        _answers(base, [am.change_data("insert_after", target="5", text="Jauns:", flows=flows)]), "en", today
    )
    assert res.flows == 2 and len(res.closed) == 4 and len(res.remaining) == 5 and not res.opened
    assert any(c.startswith("No legal basis (NO_BASIS): VRS → MARTA") for c in res.closed)
    # the bundled amendment: the figures docs/amendments.md gives for `pamats gaps --with`
    full = am.basis_check(base, "lv", today)
    assert len(full.closed) == 6 and len(full.remaining) == 3


def test_answers_documents_and_fill_ins(base):
    changes = [am.change_data("replace_in", target="4", words="180", replacement="90")]
    a = _answers(
        base, changes, lang="en", minister_position="Minister for Welfare", minister_feminine=True, eu_directives=""
    )
    assert "notes_to_drafter" not in a and "eu_directives" not in a
    # unchanged English position: both languages kept, each in the feminine
    assert a["minister"] == {"position": {"lv": "Labklājības ministre", "en": "Minister for Welfare"}, "feminine": True}
    kept = _answers(base, changes, eu_directives=reg.text_in(base["eu_directives"][0], "lv"))
    assert kept["eu_directives"] == base["eu_directives"]  # unchanged: both languages kept
    p = am.prepare(a)
    assert p.template == "en/amendment.docx" and "kind: amendment" in p.yaml
    assert p.consolidated_docx[:2] == b"PK" and "<del" in p.consolidated_html and "<ins" in p.consolidated_html
    lines = am.fill_ins(p, "en")
    assert "introduction: [TO BE CONFIRMED: issue number]" in lines
    assert lines.count("signatures: [TO BE CONFIRMED: Name Surname]") == 2
    lv = am.fill_ins(am.prepare(_answers(base, changes)), "lv")
    assert "ievads: [JĀPRECIZĒ: laidiena numurs]" in lv
    assert any(x.startswith("piezīme zem nosaukuma: [JĀPRECIZĒ: grozāmā akta teksts") for x in lv)
    # one change: folded into the introduction, as the document words it
    assert am.instruction_lines(a, "en")[0].endswith(': Replace the number "180" in Paragraph 4 with the number "90".')


def test_fill_ins_count_every_marker_of_the_document(base):
    from pamats.drafting.render.markdown import render_markdown

    p = am.prepare(base)
    assert (
        len(am.fill_ins(p, "lv")) == len(markers(render_markdown(p.instrument))) == 11
    )  # 10 in the text + the note on naming the State Police and the Ombudsman


def test_one_chapter_or_annex_change_of_each_kind():
    from pamats.interview import amendment_parts as amp

    assert amp.change_data("restate_chapter_title", target="II", heading=" N ") == {
        "restate_chapter_title": "II",
        "text": "N",
    }
    for kind in ("restate_chapter", "insert_chapter_after"):
        assert amp.change_data(kind, target="I", heading="H", points="A.\n\n B. ") == {
            kind: "I",
            "text": "H",
            "points": [{"text": "A."}, {"text": "B."}],
        }
    assert amp.change_data("delete_chapter", target="II") == {"delete_chapter": "II"}
    assert amp.change_data("delete_annex", target="1") == {"delete_annex": "1"}
    for kind in ("add_annex", "restate_annex"):
        assert amp.change_data(kind, target="2", title="T", text="a\nb") == {
            kind: "2",
            "annex": {"title": "T", "text": ["a", "b"]},
        }
    assert amp.change_data("replace_in_annex", target="1", words="x", replacement="y", every=True) == {
        "replace_in_annex": "1",
        "words": "x",
        "with": "y",
        "occurrence": "all",
    }
    with pytest.raises(ValueError):
        amp.change_data("restate", target="1")
    with pytest.raises(ValueError):
        am.change_data("add_annex", target="1")  # the point changes' function refuses the others


def test_a_test_acts_chapters_and_annex_in_the_listing_and_the_choices():
    """tests/drafting/amendment/small-act.yaml (a test fixture, not law): chapters I-II, annex 1."""
    from pathlib import Path

    from pamats.drafting.amendment.act import load_act
    from pamats.interview import amendment_parts as amp

    act = load_act(Path(__file__).resolve().parents[1] / "drafting" / "amendment" / "small-act.yaml")
    assert amp.chapter_choices(act) == [{"I": "I. Vispārīgie jautājumi"}, {"II": "II. Noslēguma jautājumi"}]
    assert amp.annex_choices(act, "lv") == [{"1": "1. pielikums: Iesnieguma veidlapa"}]
    assert amp.annex_choices(act, "en") == [{"1": "annex 1: Iesnieguma veidlapa"}]
    assert amp.next_annex(act) == "2"
    assert amp.chapter_points(act, "II").splitlines()[1] == "Pakalpojuma ilgums ir līdz 180 dienām."
    assert amp.annex_text(act, "1") == "Vārds\nUzvārds" and amp.annex_lines(act, "1")[0] == "Iesnieguma veidlapa"
    assert amp.offered(act) == list(amp.CHAPTER_KINDS) + list(amp.ANNEX_KINDS)
    assert amp.offered(am.bundled_act(ACT)) == ["add_annex"]
