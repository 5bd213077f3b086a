"""The order interview's core functions (pamats.interview.order), without docassemble: who an
order may bind (the landscape's subordinate_to chain), the explanation when the user picks an
NGO, contact points, the signatory following the issuer, and the answers written into the
precedent and validated by the core."""

from __future__ import annotations

import pytest

from pamats.drafting.render.markdown import render_markdown
from pamats.interview import order as ordm
from pamats.interview import regulation as reg
from pamats.interview.common import precedent, prepare


@pytest.fixture
def base():
    return precedent("iem-order")


def _md(answers: dict, lang: str | None = None) -> str:
    return render_markdown(prepare(answers, lang=lang).instrument)


def test_issuers_are_the_landscapes_ministries():
    assert [c["value"] for c in ordm.issuer_choices("lv")] == ["iem", "lm", "tm"]
    assert ordm.issuer_choices("en")[0]["label"] == "Ministry of the Interior"


def test_subordination_follows_the_chain():
    assert ordm.is_subordinate("vrs", "iem") and ordm.is_subordinate("vrs-koledza", "iem")  # via the border guard
    assert not ordm.is_subordinate("marta", "iem") and not ordm.is_subordinate("soc-dienesti", "iem")
    assert not ordm.is_subordinate("iem", "iem") and not ordm.is_subordinate("vrs", "lm")
    assert ordm.subordinates("iem") == ["vrs", "vrs-koledza", "vp", "pmlp"]
    assert ordm.subordinates("lm") == []  # SIVA is under the Welfare Minister's supervision, not subordinate


def test_an_institution_the_ministry_only_supervises_is_refused_with_the_reason():
    [lv] = ordm.addressee_problems("lm", {"siva": True}, "lv")
    assert "pārraudzībā, nevis pakļautībā" in lv and "7. panta piektā daļa" in lv
    [en] = ordm.addressee_problems("lm", {"siva": True}, "en")
    assert "supervision, not subordinate" in en


def test_addressee_choices_list_subordinates_first_then_the_mechanisms_others():
    ch = ordm.addressee_choices("iem", "lv", ["vrs", "vp"])
    keys = [c["value"] for c in ch]
    assert keys[:4] == ["vrs", "vrs-koledza", "vp", "pmlp"]
    assert "marta" in keys and "iem" not in keys and "saeima" not in keys
    assert {c["value"]: c["default"] for c in ch}["vp"] is True


def test_an_ngo_or_a_municipal_service_is_refused_with_the_reason():
    assert ordm.addressee_problems("iem", {"vrs": True, "vp": True, "marta": False}, "lv") == []
    lv = ordm.addressee_problems("iem", {"vrs": True, "marta": True, "soc-dienesti": True}, "lv")
    assert len(lv) == 2
    assert lv[0].startswith('Rīkojums nevar saistīt: Biedrība "Centrs MARTA". Iekšlietu ministrijas rīkojums')
    assert (
        "72. panta ceturtā daļa" in lv[0] and "biedrību vai nodibinājumu saista tikai ārējs normatīvais akts" in lv[0]
    )
    assert "pašvaldību iestādes nav ministrijas padotībā" in lv[1]
    en = ordm.addressee_problems("iem", ["marta"], "en")
    assert en == [
        "The order cannot bind Centre MARTA (NGO): an order of the Ministry of the Interior is an internal "
        "act and binds only institutions subordinate to it (State Administration Structure Law, "
        "Section 72(4)); an NGO is bound only by an external norm (such as a Cabinet regulation) or by "
        "an agreement it signs itself."
    ]
    assert "independent institution" in ordm.addressee_problems("iem", ["tiesibsargs"], "en")[0]


def test_order_answers_refuse_an_addressee_the_order_cannot_bind(base):
    with pytest.raises(ordm.NotBindingError, match="cannot bind Centre MARTA"):
        ordm.order_answers(base, lang="en", issuer="iem", addressees={"vrs": True, "marta": True})
    with pytest.raises(ValueError):  # NotBindingError is a ValueError
        ordm.order_answers(base, lang="lv", issuer="lm", addressees=["vrs"])


def test_training_choices_are_the_issuer_and_its_subordinates():
    ch = ordm.training_choices("iem", "lv", "vrs-koledza")
    assert [c["value"] for c in ch] == ["iem", "vrs", "vrs-koledza", "vp", "pmlp"]
    assert [c["value"] for c in ch if c["default"]] == ["vrs-koledza"]


def test_contact_points(base):
    assert ordm.contact_default(base, "vrs", "unit", "en") == "Central Board duty unit"
    assert ordm.contact_default(base, "vrs", "hours", "lv") == "24/7"
    assert ordm.contact_default(base, "siva", "unit", "lv") == ""
    cp = ordm.contact_point(
        base, "vrs", "lv", unit="Galvenās pārvaldes dežūrdaļa", hours="24/7", phone=" +371 1 ", email=""
    )
    assert cp == {"party": "vrs", "unit": base["contact_points"][0]["unit"], "hours": "24/7", "phone": "+371 1"}
    assert ordm.contact_point(base, "vp", "lv", unit="  ") is None


def test_minister_position_follows_the_issuer(base):
    assert ordm.minister_position("iem", "lv", base) == "Iekšlietu ministrs"
    assert ordm.minister_position("iem", "en", base) == "Minister for the Interior"
    assert ordm.minister_position("lm", "lv", base) == "Labklājības ministrs"
    assert ordm.minister_position("tm", "en") == "Minister for Justice"


def test_precedent_replies_give_the_precedents_draft(base):
    cps = [
        ordm.contact_point(
            base,
            k,
            "lv",
            unit=ordm.contact_default(base, k, "unit", "lv"),
            hours=ordm.contact_default(base, k, "hours", "lv"),
        )
        for k in ("vrs", "vp", "pmlp")
    ]
    a = ordm.order_answers(
        base,
        lang="lv",
        issuer="iem",
        empowering=[reg.empowering_from_landscape("vpil/s72-1-1", base["empowering"])],
        addressees={"vrs": True, "vp": True, "pmlp": True},
        contact_points=cps,
        procedures_deadline="2027-03-01",
        training_by="vrs-koledza",
        training_deadline="2027-06-30",
        report_deadline="2027-09-01",
    )
    assert prepare(a).context == prepare(base).context


def test_without_report_or_contacts_those_points_are_absent(base):
    a = ordm.order_answers(
        base,
        lang="en",
        issuer="iem",
        addressees=["vrs", "vp"],
        contact_points=[],
        training_by="iem",
        training_deadline=None,
        report_deadline=None,
        signatory_feminine=True,
    )
    md = _md(a)
    assert "contact points" not in md and "report to the Ministry" not in md and "deadline" not in md
    assert "(responsible: Ministry of the Interior)" in md
    assert "1.1. State Border Guard;" in md and "1.2. State Police." in md
    lv = _md(a, "lv")
    assert "Iekšlietu ministre" in lv  # the precedent's bilingual position, feminine in Latvian


def test_another_issuer_drops_the_interior_ministry_note_and_signs_as_its_minister(base, monkeypatch):
    # the bundled landscape has no institution subordinate to the Ministry of Welfare (SIVA is only
    # supervised): suppose one were, to see the order issued and signed by that ministry
    ls = ordm.landscape()
    siva = ls.actors["siva"].model_copy(update={"subordinate_to": "lm", "supervised_by": None})
    monkeypatch.setitem(ls.actors, "siva", siva)
    a = ordm.order_answers(
        base,
        lang="lv",
        issuer="lm",
        addressees={"siva": True},
        training_by="siva",
        signatory_feminine=True,
        signatory_name="L. Bērziņa",
    )
    assert a["notes_to_drafter"] == [] and a["issuer"]["key"] == "lm"
    md = _md(a)
    assert md.startswith("Labklājības ministrijas rīkojums Nr. __")
    assert "Iekšlietu" not in md
    assert "Labklājības ministre — L. Bērziņa" in md


def test_contact_points_of_dropped_addressees_are_left_out(base):
    cps = [ordm.contact_point(base, "pmlp", "lv", unit="Migrācijas departaments")]
    a = ordm.order_answers(base, lang="lv", issuer="iem", addressees=["vrs"], contact_points=cps)
    assert a["contact_points"] == []
