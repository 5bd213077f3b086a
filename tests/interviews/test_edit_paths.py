"""Every edit path of every interview stays in the chosen language (issue 16).

Each interview is driven in Latvian and in English to its review screen; every "Labot"/"Edit"
on it is followed (a request with the item's action, from fresh thread globals as on the
server), the screens it opens are answered from the scenario until the review shows again,
and every screen on the way must be in the session's language: docassemble's language is the
chosen one and the question text is the XLIFF's Latvian source (lv) or English target (en)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CASES = [  # scenario, language
    ("regulation--default-lv.yaml", "lv"),
    ("regulation--date-repeal-en.yaml", "en"),
    ("order--three-addressees-lv.yaml", "lv"),
    ("order--two-addressees-en.yaml", "en"),
    ("agreement--planned-regulation-lv.yaml", "lv"),
    ("agreement--health-data-en.yaml", "en"),
    ("gaps--lv-nrm-today.yaml", "lv"),
    ("gaps--lv-nrm-drafts-en.yaml", "en"),
]


def _texts(interview: str) -> tuple[set[str], set[str]]:
    """(Latvian sources, English targets) of the interview's and its includes' XLIFF files."""
    sys.path.insert(0, str(HERE))
    import translations

    lv, en = set(), set()
    for name in (interview, "_common.yml", "_objects.yml"):
        for src, tgt in translations.read_xliff(translations.xliff_path(name)).items():
            if src != tgt:
                lv.add(src.strip())
                en.add(tgt.strip())
    return lv, en


@pytest.mark.parametrize("scenario,lang", CASES, ids=[c[0].removesuffix(".yaml") for c in CASES])
def test_every_edit_path_stays_in_the_chosen_language(da, scenario, lang):
    sc = da.load_scenario(HERE / "scenarios" / scenario)
    review = Path(sc["interview"]).stem + " review"
    session = da.Session(da.load_interview(sc["interview"]), sc["answers"])
    assert session.run(until=review) is None, "never reached the review screen"
    edits = session.edit_actions()
    assert len(edits) >= 4, edits
    lv_texts, en_texts = _texts(sc["interview"])
    wrong_texts = en_texts if lang == "lv" else lv_texts
    # the scenario's final answers (a list answers a question asked several times: the last
    # item is the one that stood)
    final = {k: (v[-1] if isinstance(v, list) and v else v) for k, v in sc["answers"].items()}
    for n in range(len(edits)):
        first = len(session.screens)
        edit = session.edit_actions()[n]
        session.action(edit["action"], **edit["arguments"])
        assert session.screen.asks, f"edit {n} ({edit}) opened a screen that asks nothing"
        assert session.run(final, until=review) is None
        path = session.screens[first:]
        assert len(path) >= 2
        for screen in path:
            assert screen.language == lang, (n, edit, screen.block_id, screen.language, screen.text)
            assert screen.text.strip() not in wrong_texts, (n, edit, screen.block_id, screen.text)
