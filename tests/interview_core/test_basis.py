"""The legal-basis check the agreement interview runs (pamats.interview.basis), without
docassemble: each exchange against the bundled landscape graph/lv-nrm, planned drafts from
graph/lv-nrm-drafts treated as adopted, the warning text and the drafter's notes."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from pamats.interview.basis import check_agreement, drafter_notes, try_check, warning_markdown
from pamats.interview.common import precedent

DAY = dt.date(2026, 11, 29)


def _agreement(norms: bool = True, health: bool = False) -> dict:
    a = precedent("marta-vrs")
    a["legal_basis_norms"][0]["provision"] = "inform-provider"  # the bundled draft's provision id
    if not norms:
        a["legal_basis_norms"], a["landscape_basis"] = [], []
    if health:
        a["exchanges"].append(
            {
                "sender": "marta",
                "recipient": "vrs",
                "categories": ["identity", "health"],
                "purposes": ["referral"],
                "subjects": ["possible_victim"],
            }
        )
    return a


def test_the_seeds_gap_today_is_no_basis_with_a_regulation_as_remedy():
    chk = check_agreement(_agreement(norms=False), as_of=DAY)
    assert not chk.ok and chk.assumed_drafts == [] and chk.missing_norms == []
    (v,) = chk.problems
    assert (v.sender, v.recipient, v.purpose, v.code, v.without_agreement) == (
        "vrs",
        "marta",
        "referral",
        "NO_BASIS",
        "NO_BASIS",
    )
    assert v.candidates and all(f["code"] == "NO_BASIS" for c in v.candidates for f in c["failures"])
    assert v.remedy["kind"] == "cabinet_regulation" and v.remedy["interview"] == "amendment.yml"
    assert "SPSPL 13. panta pirmās daļas 7. punkts" in v.remedy["en"]


def test_the_planned_regulation_adopted_covers_the_exchange():
    chk = check_agreement(_agreement(), as_of=DAY)
    assert chk.ok and chk.assumed_drafts == ["nrm-regulation"] and chk.missing_norms == []
    (v,) = chk.verdicts
    assert v.covered and v.code is None and "NNM noteikumi" in v.basis


def test_health_data_on_the_agreement_alone_is_rank_too_low():
    chk = check_agreement(_agreement(health=True), as_of=DAY)
    (v,) = chk.problems
    assert (v.sender, v.recipient, v.code, v.without_agreement) == ("marta", "vrs", "RANK_TOO_LOW", "NO_BASIS")
    (cand,) = v.candidates
    assert cand["instrument"] == "interview-agreement"
    assert "GDPR Art. 9" in cand["failures"][0]["en"] and "VDAR 9. pants" in cand["failures"][0]["lv"]


def test_an_agreement_with_norms_but_a_public_sender_and_no_regulation_is_rank_too_low():
    a = _agreement()
    a["legal_basis_norms"] = [{"text": "VDAR 6(1)(a)", "instrument": "gdpr", "provision": "art-6-1-a"}]
    a["landscape_basis"] = []
    (v,) = check_agreement(a, as_of=DAY).problems
    assert v.code == "RANK_TOO_LOW" and v.without_agreement == "NO_BASIS"
    codes = [f["code"] for f in v.candidates[0]["failures"]]
    assert codes == ["RANK_TOO_LOW", "BROKEN_EMPOWERMENT"]


def test_a_norm_the_landscape_does_not_hold_is_reported():
    a = _agreement()
    a["legal_basis_norms"].append({"text": "x", "instrument": "no-such-law", "provision": "s1"})
    a["landscape_basis"].append({"instrument": "nrm-regulation", "provision": "no-such-point"})
    chk = check_agreement(a, as_of=DAY)
    assert {"instrument": "no-such-law", "provision": "s1"} in chk.missing_norms
    assert {"instrument": "nrm-regulation", "provision": "no-such-point"} in chk.missing_norms
    assert "no-such-law/s1" in warning_markdown(chk, "en")


def test_the_check_does_not_change_the_answers():
    a = _agreement(health=True)
    before = copy.deepcopy(a)
    check_agreement(a, as_of=DAY)
    assert a == before


@pytest.mark.parametrize(
    "lang,words",
    [
        (
            "en",
            [
                "### NO_BASIS: No legal basis",
                "the Border Guard → the Association",
                "purpose: referral to the service provider",
                "**Remedy (draft first):** Amend MK 344: add a point that",
                "Interview for it: `amendment.yml`",
                "Checked against the bundled landscape as of 2026-11-29.",
            ],
        ),
        (
            "lv",
            [
                "### NO_BASIS: Nav tiesiskā pamata",
                "Robežsardze → Biedrība",
                "mērķis: nosūtīšana pie pakalpojuma sniedzēja",
                "**Risinājums (vispirms sagatavot):** Grozīt MK 344, papildinot ar punktu, kas",
                "Kāpēc neder neviena no izvērtētajām normām:",
            ],
        ),
    ],
)
def test_warning_markdown(lang, words):
    text = warning_markdown(check_agreement(_agreement(norms=False), as_of=DAY), lang)
    for w in words:
        assert w in text, w


def test_warning_markdown_escapes_user_and_landscape_text():
    a = _agreement(norms=False)
    a["parties"][0]["short"] = "*VRS* ${ x } [link](http://x) <b>"
    text = warning_markdown(check_agreement(a, as_of=DAY), "en")
    assert "\\*VRS\\* &#36;{ x } \\[link\\](http://x) \\<b\\>" in text
    assert "${" not in text


def test_drafter_notes_in_both_languages():
    (note,) = drafter_notes(check_agreement(_agreement(health=True), as_of=DAY))
    assert note["lv"].startswith("tiesiskā pamata pārbaude 2026-11-29: RANK_TOO_LOW – Biedrība → Robežsardze")
    assert note["en"].startswith("legal-basis check 2026-11-29: RANK_TOO_LOW – the Association → the Border Guard")
    assert "Remedy: Amend MK 344: add a point that" in note["en"]
    assert drafter_notes(check_agreement(_agreement(), as_of=DAY)) == []


def test_try_check_returns_plain_errors_for_invalid_answers():
    a = _agreement()
    a["exchanges"][0]["purposes"] = []
    chk, errors = try_check(a, as_of=DAY)
    assert chk is None and errors and "purposes" in errors[0]
    chk, errors = try_check(_agreement(), as_of=DAY)
    assert chk is not None and errors == []


def test_today_is_the_default_date():
    assert check_agreement(_agreement()).as_of == dt.date.today()


def test_remedy_interviews_name_each_interview_once():
    from pamats.interview.basis import remedy_interviews

    a = _agreement(norms=False, health=True)
    assert remedy_interviews(check_agreement(a, as_of=DAY)) == ["amendment.yml"]
    assert remedy_interviews(check_agreement(_agreement(), as_of=DAY)) == []


def test_assumed_drafts_report_the_landscape_gaps_they_close():
    from pamats.interview.basis import closes_sentence

    chk = check_agreement(_agreement(), as_of=DAY)
    assert "NO_BASIS:vrs-to-marta-possible-victim" in chk.closes and len(chk.closes) == 9
    assert closes_sentence(chk, "en").startswith("Adopting the draft(s) would close 9 gap(s)")
    assert "novērstu 9 tiesību ainavas" in closes_sentence(chk, "lv")
    assert closes_sentence(check_agreement(_agreement(norms=False), as_of=DAY), "en") == ""


def test_the_agreement_itself_is_named_in_words_in_the_warning():
    chk = check_agreement(_agreement(health=True), as_of=DAY)
    en, lv = warning_markdown(chk, "en"), warning_markdown(chk, "lv")
    assert "- this agreement (draft): RANK\\_TOO\\_LOW: this agreement is an agreement;" in en
    assert "- šis līgums (projekts): RANK\\_TOO\\_LOW: šis līgums: rangs – līgums;" in lv
    assert "interview-agreement" not in en + lv
