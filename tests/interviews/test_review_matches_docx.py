"""The review screen says what the document will say (issue 16), in Latvian and in English.

Each interview is driven to its review screen; two earlier answers are changed through the
review's own "Labot"/"Edit" actions (a request from fresh thread globals, as on the server);
every screen on the way must be in the chosen language; back on the review, the sentences it
shows for the changed answers (and the other sentences written with the document's own clause
catalogue) must appear word for word in the DOCX the interview then assembles, and the DOCX
holds no hidden characters."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from review_text import review_lines

HERE = Path(__file__).resolve().parent
ZWSP = "\u200b"

CASES = {
    # scenario: [(variable the review edits, answers on the screens it opens), ...],
    #           review items (by index) whose text must be in the DOCX
    "regulation--default-lv.yaml": (
        [
            ("reg_title", {"reg_title": "Kārtība, kādā informē par „iespējamiem” upuriem (__.)"}),
            ("reg_eif_default", {"reg_eif_default": False, "reg_eif_date": "2027-03-01"}),
        ],
        [0, 3, 4, 5, 6],
        ["Noteikumi stājas spēkā 2027. gada 1. martā."],
    ),
    "regulation--date-repeal-en.yaml": (
        [
            ("reg_title", {"reg_title": "Procedure for **referring** victims __."}),
            ("reg_has_training", {"reg_has_training": True, "reg_training_by": "iem"}),
        ],
        [0, 3, 4, 5, 6, 7],
        ["shall organise training"],
    ),
    "order--three-addressees-lv.yaml": (
        [
            ("ord_training", {"ord_training": "mācības par piespiedu darba pazīmēm"}),
            ("ord_procedures_deadline", {"ord_procedures_deadline": "2027-03-01"}),
        ],
        [1, 5, 6, 7, 8, 9],
        ["līdz 2027. gada 1. martam"],
    ),
    "order--two-addressees-en.yaml": (
        [
            (
                "ord_controller",
                {"ord_controller": "the State Secretary <of the Ministry>".replace("<", "(").replace(">", ")")},
            ),
            ("ord_procedures_deadline", {"ord_procedures_deadline": "2027-03-01"}),
        ],
        [1, 6, 7, 9],
        ["by 1 March 2027"],
    ),
    "agreement--planned-regulation-lv.yaml": (
        [
            ("subject_text", {"subject_text": "sadarbību, informējot par iespējamiem upuriem „nekavējoties”"}),
            (
                "contact_edit[0].unit",
                {
                    "contact_edit[0].unit": "Imigrācijas kontroles pārvalde",
                    "contact_edit[0].phone": "+371 67000000",
                    "contact_edit[0].email": "kontakti@rs.gov.lv",
                    "contact_edit[0].hours": "24/7",
                },
            ),
        ],
        [3],
        ["Imigrācijas kontroles pārvalde (24/7, +371 67000000, kontakti@rs.gov.lv)"],
    ),
    "agreement--health-data-en.yaml": (
        [
            ("subject_text", {"subject_text": "cooperation on informing about possible victims __."}),
            (
                "contact_edit[1].unit",
                {
                    "contact_edit[1].unit": "Crisis centre",
                    "contact_edit[1].phone": "+371 67000001",
                    "contact_edit[1].email": "help@example.lv",
                    "contact_edit[1].hours": "Mon-Fri 9-17",
                },
            ),
        ],
        [3],
        ["Crisis centre (Mon-Fri 9-17, +371 67000001, help@example.lv)"],
    ),
}


@pytest.mark.parametrize("scenario", sorted(CASES), ids=[s.removesuffix(".yaml") for s in sorted(CASES)])
def test_two_edits_from_the_review_and_the_docx_says_what_the_review_says(da, scenario):
    edits, docx_items, expected = CASES[scenario]
    sc = da.load_scenario(HERE / "scenarios" / scenario)
    lang = sc["answers"]["lang"]
    review = Path(sc["interview"]).stem + " review"
    session = da.Session(da.load_interview(sc["interview"]), sc["answers"])
    assert session.run(until=review) is None
    # a question asked again after an edit gets the answer that stood (a list's last item)
    final = {k: (v[-1] if isinstance(v, list) and v else v) for k, v in sc["answers"].items()}
    for variable, answers in edits:
        first = len(session.screens)
        session.review_edit(variable)
        assert session.run({**final, **answers}, until=review) is None
        for screen in session.screens[first:]:
            assert screen.language == lang, (variable, screen.block_id, screen.text)
    shown = session.screen.review_items
    run = session.run()
    text = run.docx_text()
    assert ZWSP not in text
    for n in docx_items:
        for line in review_lines(shown[n]):
            assert line in text, f"review item {n}: {line!r} is not in the DOCX"
    for _variable, answers in edits:
        for value in answers.values():
            if isinstance(value, str) and not re.match(r"^\d{4}-\d\d-\d\d$", value) and len(value) > 5:
                assert value in text, value
    for phrase in expected:
        assert phrase in text and any(phrase in ln for item in shown for ln in review_lines(item))
