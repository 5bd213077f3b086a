"""The legal-basis check's problems are shown by title, in the reader's language (the dashboard
of the workspace): a finding code's title, a relied-on norm's problem, the code for an unknown."""

from __future__ import annotations

import pytest

from pamats.drafting.basis_check import NormProblem
from pamats.text.messages import problem_title


@pytest.mark.parametrize(
    ("code", "lv", "en"),
    [
        ("RANK_TOO_LOW", "Par zemu akta rangs", "Rank too low"),
        ("NORM_MISSING", "Līgumā minētā tiesību norma nav atrodama pārbaudītajos tiesību aktos", None),
        ("NO_RELIED_ON_NORM", "Līgumā nav norādīta tiesību norma, uz kuru tas balstās", None),
    ],
)
def test_titles_in_both_languages(code, lv, en):
    assert problem_title(code, "lv") == lv
    english = problem_title(code, "en")
    assert english != code and english != lv
    if en is not None:
        assert english == en


def test_every_relied_on_norm_problem_has_a_title():
    for code in ("NORM_MISSING", "NORM_NOT_IN_FORCE", "NO_RELIED_ON_NORM"):
        assert NormProblem(code).code == code
        assert problem_title(code, "lv") != code and problem_title(code, "en") != code


def test_an_unknown_code_shows_as_itself():
    assert problem_title("SOMETHING_NEW", "lv") == "SOMETHING_NEW"
