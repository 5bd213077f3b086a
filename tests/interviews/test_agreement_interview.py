"""The agreement interview's branches, screen by screen (in-process): the core's refusal of a
form is shown and the form asked again; the legal-basis warning names the code, the flow, why
each candidate fails and the remedy, and "change the norms" asks the norms again; a planned
regulation adopted in the what-if means no warning; the review screen comes before the end."""

from __future__ import annotations

from pathlib import Path

import pytest

SCENARIOS = Path(__file__).resolve().parent / "scenarios"


@pytest.fixture(scope="module")
def runs(da):
    interview = da.load_interview("agreement.yml")
    out = {}
    for name in ("gap-ngo-lv", "health-data-en", "planned-regulation-lv"):
        sc = da.load_scenario(SCENARIOS / f"agreement--{name}.yaml")
        out[name] = da.drive(interview, sc["answers"])
    return out


def _screens(run, block_id):
    return [s for s in run.screens if s.block_id == block_id]


def test_cooperation_agreement_with_an_ngo_is_refused_and_asked_again(runs):
    first, second = _screens(runs["gap-ngo-lv"], "agreement form")
    assert "Šo formu nevar izmantot" not in first.subquestion
    assert "Šo formu nevar izmantot" in second.subquestion
    assert 'biedrība "Centrs MARTA" nav publiska persona' in second.subquestion
    assert "needs public persons only" in second.subquestion  # the core's own words
    assert runs["gap-ngo-lv"].user_dict["answers"]["form"] == "memorandum"


def test_warning_screen_shows_code_flow_candidates_and_remedy(runs):
    (w,) = _screens(runs["gap-ngo-lv"], "agreement basis warning")
    for text in (
        "### NO_BASIS: Nav tiesiskā pamata",
        "Robežsardze → Biedrība",
        "Kāpēc neder neviena",
        "KPL 369. panta otrās daļas 5. punkts",
        "Risinājums (vispirms sagatavot)",
        "saskaņā ar SPSPL 13. panta pirmās daļas 7. punktu",
        "Atvērt interviju amendment.yml",
    ):
        assert text in w.subquestion, text
    assert w.asks == ["basis_decision"]


def test_change_the_norms_asks_them_again_then_warns_again(runs):
    run = runs["health-data-en"]
    ids = [s.block_id for s in run.screens]
    i = ids.index("agreement basis warning")
    assert ids[i + 1] == "agreement norms" and ids[i + 2] == "agreement basis warning"
    warning = run.screens[i + 2].subquestion
    assert "RANK_TOO_LOW" in warning and "GDPR Art. 9" in warning
    assert sorted(n["instrument"] for n in run.user_dict["answers"]["legal_basis_norms"]) == ["gdpr", "nrm-regulation"]


def test_planned_regulation_means_no_warning_and_the_check_says_which_draft(runs):
    run = runs["planned-regulation-lv"]
    assert not _screens(run, "agreement basis warning")
    basis = run.user_dict["basis"]
    assert basis.ok and basis.assumed_drafts == ["nrm-regulation"]
    assert run.user_dict["answers"]["landscape_basis"] == [
        {"instrument": "nrm-regulation", "provision": "implementing-acts"}
    ]


def test_review_comes_before_the_end_screen(runs):
    for name, run in runs.items():
        ids = [s.block_id for s in run.screens]
        assert ids[-2].startswith("agreement review") and ids[-1].startswith("agreement end"), (name, ids[-3:])
        assert [a["name"] for a in run.attachments][1] in ("Atbildes (YAML)", "Answers (YAML)")
