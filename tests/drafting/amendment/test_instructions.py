"""Scenario tests: each kind of amendment instruction, single and multiple changes, the act's order."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pamats.drafting.amendment.pipeline import prepare, render
from pamats.errors import InputError


def md(path, lang="lv"):
    return render(prepare(path), "amendment", "md", lang).decode()


SCENARIOS = [
    (c["change"], c["lv"], c["en"])
    for c in yaml.safe_load((Path(__file__).parent / "scenarios.yaml").read_text(encoding="utf-8"))
]


@pytest.mark.parametrize("change,lv,en", SCENARIOS, ids=[next(iter(s[0])) + str(i) for i, s in enumerate(SCENARIOS)])
def test_each_instruction_single_and_with_another(answers_file, change, lv, en):
    one = md(answers_file([change]))
    assert (
        "# Grozījums Ministru kabineta 2020. gada 3. marta noteikumos Nr. 12 „Noteikumi par izmēģinājuma kārtību”"
        in one
    )
    assert "(Latvijas Vēstnesis, 2020, 47. nr.; 2021, 100. nr.) grozījumu un " in one
    first = lv[0][0].lower() + lv[0][1:]
    assert first in one  # folded into the intro sentence, no number
    assert "\n1. " not in one
    many = md(
        answers_file(
            [change, {"replace_in": "3", "words": "Ministrija informē", "with": "Ministrija nekavējoties informē"}]
        )
    )
    assert "# Grozījumi Ministru kabineta" in many and "šādus grozījumus:" in many
    for line in lv:
        assert line in many
    english = md(answers_file([change, {"delete": "2.3"}]), "en")
    assert "# Amendments to Cabinet Regulation No. 12 of 3 March 2020" in english
    for line in en:
        assert line in english
    assert "Ministru prezidents — A. Bērziņš" in many and "Labklājības ministre — B. Kalniņa" in many


def test_instructions_in_the_acts_order(answers_file):
    text = md(
        answers_file(
            [
                {"delete": "4"},
                {"restate_title": "Jauns"},
                {"insert_after": "1", "points": [{"text": "X."}]},
                {"replace_in": "2.1", "words": "pieņem", "with": "saņem"},
            ]
        )
    )
    order = [
        text.index(s)
        for s in (
            "1. Izteikt noteikumu nosaukumu",
            "2. Papildināt noteikumus ar 1.¹",
            "3. Aizstāt 2.1. apakšpunktā",
            "4. Svītrot 4. punktu",
        )
    ]
    assert order == sorted(order)


def test_insertion_between_inserted_points(answers_file):
    p = prepare(
        answers_file(
            [
                {"insert_after": "1", "points": [{"text": "A."}]},
                {"insert_after": "1.¹", "points": [{"text": "B."}]},
                {"insert_after": "1", "points": [{"text": "C."}, {"text": "D."}]},
            ][:2]
        )
    )
    assert [u.n for u in p.cons.act.top()] == ["1", "1.¹", "1.²", "2", "3", "4"]
    text = md(answers_file([{"insert_after": "1", "points": [{"text": "A."}, {"text": "B."}]}]))
    assert "papildināt noteikumus ar 1.¹ un 1.² punktu šādā redakcijā:" in text
    # across a chapter boundary the next point exists (3 in chapter II): 2.¹, not a new 3
    assert [u.n for u in prepare(answers_file([{"insert_after": "2", "points": [{"text": "Z."}]}])).cons.act.top()][
        2
    ] == "2.¹"
    with pytest.raises(InputError) as e:  # 1.¹ and 1.² exist: nothing free after 1
        prepare(
            answers_file(
                [
                    {"insert_after": "1", "points": [{"text": "A."}, {"text": "B."}]},
                    {"insert_after": "1", "points": [{"text": "C."}]},
                ]
            )
        )
    assert "no free number between 1. and 1.¹" in str(e.value) and "amend.yaml:" in str(e.value)


def test_delete_last_subpoint_keeps_number(answers_file):
    p = prepare(answers_file([{"delete": "2.3"}]))
    units = {u.n: u for u in p.cons.act.walk()}
    assert units["2.3"].deleted and units["2.3"].text is None and units["2.2"].text == "izskata iesniegumu;"
    html = render(p, "consolidated", "html").decode()
    assert "<del>paziņo lēmumu.</del><ins>(Svītrots)</ins>" in html
    p = prepare(answers_file([{"delete": "2.3"}, {"insert_after": "2.2", "points": [{"text": "paziņo."}]}]))
    assert "2.2.¹" in [u.n for u in p.cons.act.walk()]
    with pytest.raises(InputError, match="already deleted"):
        prepare(answers_file([{"delete": "2.3"}, {"restate": "2.3", "text": "x"}]))


def test_word_appearing_twice(answers_file):
    twice = {"replace_in": "3", "words": "pakalpojuma sniedzēju", "with": "sniedzēju"}
    with pytest.raises(InputError) as e:
        prepare(answers_file([twice]))
    msg = str(e.value)
    assert "appear 2 times in point 3" in msg and "occurrence: all" in msg and "amend.yaml:" in msg
    text = md(answers_file([{**twice, "occurrence": "all"}]))
    assert "aizstāt 3. punktā vārdus „pakalpojuma sniedzēju” (abos gadījumos) ar vārdu „sniedzēju”." in text
    p = prepare(answers_file([{"replace_in": "3", "words": "informē", "with": "ziņo", "sentence": 2}]))
    assert p.cons.act.top()[2].text.endswith("Ministrija ziņo iestādi.")
    assert "Iestāde informē" in p.cons.act.top()[2].text
    assert "aizstāt 3. punkta otrajā teikumā vārdu „informē” ar vārdu „ziņo”." in render(p, "amendment", "md").decode()
    with pytest.raises(InputError, match="not in point 3"):
        prepare(answers_file([{"replace_in": "3", "words": "nav tekstā", "with": "x"}]))


def _walk(units):
    for u in units:
        yield u
        yield from _walk(u.units)


def test_consolidated_equals_the_structure(answers_file):
    from pamats.drafting.amendment.render_consolidated import consolidated_changes

    p = prepare(
        answers_file(
            [
                {"restate": "4", "text": "Jauns 4."},
                {"insert_after": "1", "points": [{"text": "X."}]},
                {"delete": "2.3"},
                {"restate_title": "Cits nosaukums"},
                {"restate_chapter_title": "II", "text": "Noslēguma noteikumi"},
                {"insert_chapter_after": "II", "text": "Jauna nodaļa", "points": [{"text": "Y."}]},
            ]
        )
    )
    changes = consolidated_changes(p.act, p.cons.act)
    accepted = ["".join(t for o, t in c.words if o != "delete") for c in changes]
    rejected = ["".join(t for o, t in c.words if o != "insert") for c in changes]

    def lines(act):  # the chapter headings before their points
        return [act.title, act.izdoti] + [
            x for c in act.chapters for x in [f"{c.n}. {c.title}"] + [u.text or "(Svītrots)" for u in _walk(c.points)]
        ]

    new, old = lines(p.cons.act), lines(p.act)
    assert "II¹. Jauna nodaļa" in new and "Y." in new and "II. Noslēguma noteikumi" in new
    assert [x for x in accepted if x] == new
    assert [x for x in rejected if x] == old
    md_text = render(p, "consolidated", "md").decode()
    assert "{+X.+}" in md_text and "[-paziņo lēmumu.-]{+(Svītrots)+}" in md_text
