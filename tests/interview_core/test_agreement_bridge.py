"""The agreement interview's core functions (pamats.interview.agreement), without docassemble:
defaults in the chosen language, replies written into the precedent, the core's refusal of a
form, the vocabulary and norm choices, and the template context docassemble renders."""

from __future__ import annotations

import pickle

import pytest

from pamats.interview import agreement as ag
from pamats.interview.common import precedent, prepare


@pytest.fixture
def base():
    return precedent("marta-vrs")


def test_edit_text_keeps_both_languages_when_unchanged_and_a_plain_string_when_changed():
    old = {"lv": "priekšnieks", "en": "Chief"}
    assert ag.edit_text(old, "Chief", "en") is old
    assert ag.edit_text(old, "  priekšnieks ", "lv") is old
    assert ag.edit_text(old, "Head", "en") == "Head"
    assert ag.edit_text(old, "", "en") is None
    assert ag.edit_text(None, "x", "lv") == "x"


def test_party_defaults_follow_the_language(base):
    lv, en = ag.party_defaults(base, 1, "lv"), ag.party_defaults(base, 1, "en")
    assert lv["name"] == 'biedrība "Centrs MARTA"' and en["name"] == 'association "Centre MARTA"'
    assert lv["public_authority"] is False and lv["representative"] == "" and lv["key"] == "marta"


def test_apply_party_writes_changes_and_keeps_the_key(base):
    ag.apply_party(
        base,
        0,
        {
            "name": "State Border Guard",
            "position": "Head",
            "representative": "A. Bērziņš",
            "public_authority": True,
            "short": "the Border Guard",
        },
        "en",
    )
    p = base["parties"][0]
    assert p["key"] == "vrs"
    assert p["name"] == {"lv": "Valsts robežsardze", "en": "State Border Guard"}  # unchanged: both kept
    assert p["position"] == "Head" and p["representative"] == "A. Bērziņš"
    ag.apply_party(base, 0, {"representative": "  "}, "en")
    assert "representative" not in base["parties"][0]


def test_form_problem_relays_the_cores_refusal_in_the_chosen_language(base):
    lv = ag.form_problem(base, "cooperation_public", "lv")
    en = ag.form_problem(base, "cooperation_public", "en")
    assert "61. panta" in lv and 'biedrība "Centrs MARTA" nav publiska persona' in lv
    assert en.startswith("form cooperation_public (VPIL s.61) needs public persons only; not public: marta")
    assert ag.form_problem(base, "memorandum", "lv") == ""
    assert ag.form_problem(base, "participation", "en") == ""
    base["parties"][1]["public_authority"] = True  # two public persons: s.61 is fine
    assert ag.form_problem(base, "cooperation_public", "lv") == ""


def test_form_problem_for_delegation_without_a_norm(base):
    assert "delegation" in ag.form_problem(base, "delegation", "en")
    assert "Deleģēšanas līgums" in ag.form_problem(base, "delegation", "lv")


def test_vocabulary_has_the_landscape_terms_in_both_languages():
    cats_en = {k: v for d in ag.vocabulary("categories", "en") for k, v in d.items()}
    cats_lv = {k: v for d in ag.vocabulary("categories", "lv") for k, v in d.items()}
    assert "personal" not in cats_en and "special" not in cats_en
    assert cats_en["health"] == "health data" and cats_lv["health"] == "veselības dati"
    purposes = [k for d in ag.vocabulary("purposes", "en") for k in d]
    assert "referral" in purposes and "criminal_investigation" in purposes
    assert "possible_victim" in [k for d in ag.vocabulary("subjects", "lv") for k in d]


def test_norm_choices_list_flow_provisions_and_mark_drafts():
    en = {k: v for d in ag.norm_choices("en") for k, v in d.items()}
    assert "gdpr/art-6-1-a" in en and "(draft" not in en["gdpr/art-6-1-a"]
    assert en["nrm-regulation/inform-provider"].endswith("(draft, not adopted)")
    assert "spspl/s13-1-7" not in en  # empowers a regulation, allows no flow itself
    assert not any(k.startswith("marta-vrs-agreement") for k in en)  # a drafted agreement is no norm


def test_norm_defaults_map_the_precedent_to_the_bundled_draft(base):
    assert base["legal_basis_norms"][0]["provision"] == "inform"  # the precedent's own id
    assert ag.norm_defaults(base) == ["nrm-regulation/inform-provider"]


def test_apply_norms_none_yet_empties_both(base):
    ag.apply_norms(base, [ag.NONE_YET], "memorandum")
    assert base["legal_basis_norms"] == [] and base["landscape_basis"] == []


def test_apply_norms_with_the_planned_regulation(base):
    ag.apply_norms(base, ["nrm-regulation/inform-provider"], "memorandum")
    (n,) = base["legal_basis_norms"]
    assert n["instrument"] == "nrm-regulation" and n["provision"] == "inform-provider" and n["in_force"] is False
    assert n["text"]["lv"].startswith("Ministru kabineta __. gada")  # the precedent's citation kept
    assert base["landscape_basis"] == [{"instrument": "nrm-regulation", "provision": "implementing-acts"}]


def test_agreement_empowerment_by_form():
    assert ag.agreement_empowerment("cooperation_public", []) == [{"instrument": "vpil", "provision": "s61"}]
    assert ag.agreement_empowerment("participation", ["gdpr/art-6-1-a"]) == [{"instrument": "vpil", "provision": "s50"}]
    assert ag.agreement_empowerment("memorandum", []) == []


def test_apply_norms_in_force_norm_gets_a_citation_in_both_languages(base):
    ag.apply_norms(base, ["gdpr/art-6-1-a"], "memorandum")
    (n,) = base["legal_basis_norms"]
    assert n["in_force"] is True
    assert n["text"]["lv"].endswith("6. panta 1. punkta a) apakšpunkts") and "2016/679" in n["text"]["en"]


def test_assemble_builds_valid_answers_without_touching_the_precedent(base):
    before = pickle.dumps(base)
    a = ag.assemble(
        base,
        "en",
        parties=[{"name": "State Border Guard"}, {"name": "Centre MARTA NGO"}],
        form="participation",
        subject="Cooperate",
        exchanges=[
            {
                "sender": "marta",
                "recipient": "vrs",
                "categories": {"identity": True, "health": False},
                "purposes": ["referral"],
                "subjects": {"possible_victim": True},
                "channel": "",
                "time_limit": None,
            }
        ],
        norm_keys=["nrm-regulation/inform-provider"],
        controllers="joint",
        contacts=[{"unit": "", "hours": ""}, {"unit": "helpline", "phone": " 112 ", "hours": "24/7"}],
        term="for two years",
        notice_months=3,
        place="",
        e_signature=False,
        notes=[{"lv": "piezīme", "en": "note"}],
    )
    assert pickle.dumps(base) == before
    assert a["lang"] == "en" and a["form"] == "participation" and a["controllers"] == "joint"
    assert a["exchanges"] == [
        {
            "sender": "marta",
            "recipient": "vrs",
            "categories": ["identity"],
            "purposes": ["referral"],
            "subjects": ["possible_victim"],
        }
    ]
    # MARTA's unit unchanged ("helpline" is the precedent's English): both languages kept; VRS left blank: none
    assert a["contact_points"] == [
        {"party": "marta", "unit": {"lv": "uzticības tālrunis", "en": "helpline"}, "phone": "112", "hours": "24/7"}
    ]
    assert "place" not in a and a["e_signature"] is False and a["notice_months"] == 3
    assert a["notes_to_drafter"][-1] == {"lv": "piezīme", "en": "note"}
    p = prepare(a)
    assert p.template == "en/agreement.docx"
    assert p.context["header_lines"][0].startswith("PARTICIPATION AGREEMENT")


def test_assemble_with_nothing_asked_yet_is_the_precedent_in_that_language(base):
    a = ag.assemble(base, "lv")
    assert {k: v for k, v in a.items() if k != "lang"} == {k: v for k, v in base.items() if k != "lang"}


def test_prepare_checked_reports_plain_lines_instead_of_raising(base):
    base["exchanges"][0]["categories"] = []
    prepared, errors = ag.prepare_checked(base)
    assert prepared is None and errors and "categories" in errors[0]
    prepared, errors = ag.prepare_checked(precedent("marta-vrs"))
    assert prepared is not None and errors == []


def test_template_context_reads_items_as_attributes_and_pickles(base):
    ctx = ag.template_context(prepare(base).context)
    item = ctx["items"][0]
    assert isinstance(ctx, dict) and item.title == item["title"] == "Līguma priekšmets"
    with pytest.raises(AttributeError):
        item.no_such_key
    assert pickle.loads(pickle.dumps(ctx)) == ctx


class _Obj:
    def __init__(self, **kw):
        self.__dict__.update(kw)


def test_values_read_from_screen_objects():
    assert ag.party_values([_Obj(name="A", public_authority=True)]) == [
        {"name": "A", "public_authority": True, "representative": None}
    ]
    assert ag.exchange_values([_Obj(sender="vrs")])[0]["recipient"] is None
    assert ag.contact_values([_Obj(unit="u", hours="24/7")]) == [
        {"unit": "u", "phone": None, "email": None, "hours": "24/7"}
    ]


def test_checked_accepts_dicts_and_lists():
    assert ag.checked({"a": True, "b": False}) == ["a"]
    assert ag.checked(["x"]) == ["x"] and ag.checked(None) == []


def test_duties_as_lines_round_trip_and_edits(base):
    text = ag.duty_defaults(base, 1, "en")
    assert text.splitlines()[0] == "keep its contact point reachable round the clock"
    ag.apply_duties(base, [None, text + "\n- report yearly;\n\n"], "en")
    marta = base["duties"]["marta"]
    assert marta[0] == {
        "lv": "nodrošināt kontaktpunkta pieejamību visu diennakti",
        "en": "keep its contact point reachable round the clock",
    }  # unchanged line: both languages
    assert marta[-1] == "report yearly;" and len(base["duties"]["vrs"]) == 2  # None keeps the party's duties
    ag.apply_duties(base, ["", "x"], "lv")
    assert base["duties"] == {"marta": ["x"]}
    assert ag.checked_lines(" a \n\n b") == ["a", "b"] and ag.checked_lines(None) == []
