"""The regulation interview's core functions (pamats.interview.regulation), without docassemble:
institutions by landscape role, the empowering provision (from the landscape or entered, with an
unknown section kept blank), feminine positions, the answers written into the precedent and
validated by the core, and the DOCX context in the shape docassemble's attachment needs."""

from __future__ import annotations

import pickle
import re

import pytest

from pamats.drafting.render.markdown import render_markdown
from pamats.interview import regulation as reg
from pamats.interview.common import answers_yaml, precedent, prepare


@pytest.fixture
def base():
    return precedent("nrm-regulation")


def _md(answers: dict) -> str:
    return render_markdown(prepare(answers).instrument)


# ---- institutions ---------------------------------------------------------------------------


def test_role_choices_come_from_the_landscape_in_the_chosen_language(base):
    keys = [i["key"] for i in base["first_contact"]]
    lv = reg.role_choices("first_contact", "lv", keys)
    en = reg.role_choices("first_contact", "en", keys)
    assert [c["value"] for c in lv] == [c["value"] for c in en]
    assert {"vrs", "vp", "pmlp", "soc-dienesti", "krizes-centri", "tiesibsargs"} == {c["value"] for c in lv}
    by = {c["value"]: c for c in lv}
    assert by["vrs"]["label"] == "Valsts robežsardze" and by["vrs"]["default"] is True
    assert by["vp"]["default"] is False  # the precedent's first-contact list has no State Police
    assert {c["value"]: c["label"] for c in en}["vrs"] == "State Border Guard"
    assert [c["value"] for c in reg.role_choices("service_provider", "lv")] == ["marta", "drosa-maja"]
    assert [c["value"] for c in reg.role_choices("police", "en")] == ["vp"]
    assert [c["value"] for c in reg.role_choices("coordinator", "en")] == ["iem"]
    extra = reg.role_choices("first_contact", "lv", extra=["vrs-koledza", "vrs"])
    assert [c["value"] for c in extra].count("vrs") == 1 and extra[-1]["value"] == "vrs-koledza"


def test_institution_keeps_the_precedents_wording_else_the_landscapes(base):
    assert reg.institution("marta", base["service_providers"])["name"]["lv"] == 'biedrība "Centrs MARTA"'
    assert reg.institution("marta")["name"] == {"lv": 'Biedrība "Centrs MARTA"', "en": "Centre MARTA (NGO)"}
    assert reg.institution("vp", [base["police"]])["short"] == {"lv": "policija", "en": "the police"}
    with pytest.raises(ValueError, match="unknown institution 'nope'"):
        reg.institution("nope")


def test_institutions_accept_a_checkbox_mapping_or_a_list_in_landscape_order():
    assert [i["key"] for i in reg.institutions({"pmlp": True, "vrs": True, "vp": False})] == ["vrs", "pmlp"]
    assert [i["key"] for i in reg.institutions(["pmlp", "vrs"])] == ["vrs", "pmlp"]
    assert reg.institutions(None) == []


# ---- empowering provision -----------------------------------------------------------------------


def test_empowering_choices_are_law_provisions_that_empower_the_kind():
    values = [c["value"] for c in reg.empowering_choices("cabinet_regulation", "lv")]
    assert values == ["spspl/s13-1-7", reg.OTHER]
    labels = reg.empowering_choices("cabinet_regulation", "lv")
    assert labels[0]["label"].startswith(
        "Sociālo pakalpojumu un sociālās palīdzības likuma 13. panta pirmās daļas 7. punkts — "
    )
    en = reg.empowering_choices("ministry_order", "en")
    assert [c["value"] for c in en] == ["vpil/s72-1-1", "mkil/s32", reg.OTHER]
    assert en[0]["label"].startswith("Section 72(1)(1) of the State Administration Structure Law")


def test_empowering_from_landscape_keeps_the_precedent_record_or_reads_the_reference(base):
    p = reg.empowering_from_landscape("spspl/s13-1-7", base["empowering"])
    assert p == base["empowering"][0] and p is not base["empowering"][0]
    s32 = reg.empowering_from_landscape("mkil/s32")
    assert (s32["section"], s32.get("part"), s32.get("clause")) == ("32", None, None)
    assert s32["law_genitive"] == "Ministru kabineta iekārtas likuma" and s32["verified"] is True
    assert reg.basis_line([s32], "lv", "Izdots") == "Izdots saskaņā ar Ministru kabineta iekārtas likuma 32. pantu"
    s72 = reg.empowering_from_landscape("vpil/s72-1-1")
    assert (s72["section"], s72["part"], s72["clause"]) == ("72", 1, "1")
    assert reg.basis_line([s72], "en") == "Issued under Section 72(1)(1) of the State Administration Structure Law"
    with pytest.raises(ValueError, match="not a provision"):
        reg.empowering_from_landscape("spspl/nope")


def test_an_entered_provision_with_no_section_keeps_the_blank_and_invents_no_number():
    p = reg.empowering_entered("Cilvēku tirdzniecības novēršanas likums", "", "", "", 2, "3")
    assert p["section"] == "__" and p["verified"] is False and "law_en" not in p
    assert p["law_genitive"] == "Cilvēku tirdzniecības novēršanas likuma"
    line = reg.basis_line([p], "lv")
    assert line == "Izdoti saskaņā ar Cilvēku tirdzniecības novēršanas likuma __. panta otrās daļas 3. punktu"
    assert not re.search(r"\d+\. pant", line)
    assert reg.basis_line([p], "en").startswith("Issued under Section __(2)(3) of the ")
    q = reg.empowering_entered("Imigrācijas likums", section="9.", clause="4.")
    assert (q["section"], q["clause"], q.get("part")) == ("9", "4", None)
    assert reg.basis_line([q], "lv") == "Izdoti saskaņā ar Imigrācijas likuma 9. panta 4. punktu"
    with pytest.raises(ValueError, match="title"):
        reg.empowering_entered("  ")


@pytest.mark.parametrize(
    "nom, gen",
    [
        ("Sociālo pakalpojumu un sociālās palīdzības likums", "Sociālo pakalpojumu un sociālās palīdzības likuma"),
        ("Krimināllikums", "Krimināllikuma"),
        ("Par policiju", 'likuma "Par policiju"'),
        ("Satversme", "Satversme"),
        ("", ""),
    ],
)
def test_law_genitive_guess(nom, gen):
    assert reg.law_genitive_guess(nom) == gen


# ---- texts and signatories ------------------------------------------------------------------


def test_set_text_keeps_the_bilingual_original_when_unchanged():
    old = {"lv": "nekavējoties", "en": "without delay"}
    assert reg.set_text(old, " without delay ", "en") is old
    assert reg.set_text(old, "within 2 hours", "en") == "within 2 hours"
    assert reg.text_in(old, "en") == "without delay" and reg.text_in({"lv": "x"}, "en") == "x"
    assert reg.lines(" a \n\n b\n") == ["a", "b"] and reg.lines(None) == []


@pytest.mark.parametrize(
    "masc, fem",
    [
        ("Iekšlietu ministrs", "Iekšlietu ministre"),
        ("Labklājības ministrs", "Labklājības ministre"),
        ("Ministru prezidents", "Ministru prezidente"),
        ("valsts sekretārs", "valsts sekretāre"),
        ("Minister for the Interior", "Minister for the Interior"),
    ],
)
def test_feminine_position(masc, fem):
    assert reg.feminine_position(masc, "lv") == fem
    assert reg.feminine_position(masc, "en") == masc


def test_signatory_feminine_in_both_languages_and_blank_name(base):
    s = reg.signatory(base["minister"], "lv", feminine=True)
    assert s["position"] == {"lv": "Iekšlietu ministre", "en": "Minister for the Interior"}
    assert "name" not in s and s["feminine"] is True
    s = reg.signatory(base["minister"], "lv", position="Labklājības ministrs", name=" I. Vītola ", feminine=True)
    assert s["position"] == "Labklājības ministre" and s["name"] == "I. Vītola"


# ---- the answers dict -----------------------------------------------------------------------


def test_precedent_unchanged_gives_the_precedents_draft(base):
    a = reg.regulation_answers(
        base,
        lang="lv",
        empowering=[reg.empowering_from_landscape("spspl/s13-1-7", base["empowering"])],
        training_by="vrs-koledza",
        prime_minister_feminine=True,
    )
    assert prepare(a).context == prepare(base).context


def test_default_entry_into_force_and_no_repeal_write_no_final_chapter(base):
    md = _md(reg.regulation_answers(base, lang="lv", training_by="vrs-koledza"))
    assert "Noslēguma jautāj" not in md and "stājas spēkā" not in md and "Atzīt par spēku" not in md


def test_date_and_repeal_write_the_closing_chapter(base):
    a = reg.regulation_answers(
        base,
        lang="lv",
        entry_into_force="2027-07-01",
        repeals="Ministru kabineta 2006. gada 31. oktobra noteikumus Nr. 889",
    )
    md = _md(a)
    assert "## VI. Noslēguma jautājumi" in md
    assert "Noteikumi stājas spēkā 2027. gada 1. jūlijā." in md
    assert "Atzīt par spēku zaudējušiem Ministru kabineta 2006. gada 31. oktobra noteikumus Nr. 889." in md
    assert a["entry_into_force"] == "2027-07-01"
    a = reg.regulation_answers(a, lang="lv", entry_into_force=None, repeals="  ")
    assert "entry_into_force" not in a and "repeals" not in a


def test_another_empowering_provision_drops_the_precedents_mandate_note_and_marks_an_unknown_section(base):
    p = reg.empowering_entered("Cilvēku tirdzniecības novēršanas likums", section="")
    a = reg.regulation_answers(base, lang="lv", empowering=[p])
    md = _md(a)
    assert "13. panta pirmās daļas 7. punkta pilnvarojums" not in md
    assert "[JĀPRECIZĒ: pilnvarojošās normas panta numurs nav zināms" in md
    assert "[JĀPRECIZĒ: pilnvarojošā norma nav pārbaudīta" in md
    en = render_markdown(prepare(a, lang="en").instrument)
    assert "[TO BE CONFIRMED: the section number of the empowering provision is not known" in en


def test_replies_replace_institutions_texts_and_signatories(base):
    a = reg.regulation_answers(
        base,
        lang="en",
        title="Referral procedure",
        scope="how institutions inform",
        first_contact={"vrs": True, "vp": True},
        service_providers=["marta"],
        police="vp",
        coordinator="iem",
        training_by=None,
        channel="by secure e-mail",
        time_limit="within 12 hours",
        data_items="the person's name and surname\nthe trafficking indicators the institution has observed",
        prime_minister_name="E. Siliņa",
        prime_minister_feminine=True,
        minister_name="A. Bērziņa",
        minister_feminine=True,
    )
    assert a["lang"] == "en" and a["title"] == "Referral procedure"
    assert "training_by" not in a
    # the second item equals the precedent's English text: its bilingual record is kept
    assert a["data_items"][1] == base["data_items"][3]
    assert a["data_items"][0] == "the person's name and surname"
    md = _md(a)
    assert "first-contact institution – State Border Guard and State Police" in md
    assert 'service provider – association "Centre MARTA"' in md
    assert "within 12 hours" in md and "by secure e-mail" in md and "organises" not in md
    lv = render_markdown(prepare(a, lang="lv").instrument)
    assert "Ministru prezidente — E. Siliņa" in lv and "Iekšlietu ministre — A. Bērziņa" in lv


def test_answers_round_trip_through_yaml_and_pickle(base):
    import yaml

    a = reg.regulation_answers(base, lang="lv", entry_into_force="2027-01-01", minister_feminine=True)
    p = prepare(a)
    assert yaml.safe_load(p.yaml) == yaml.safe_load(answers_yaml(a))
    assert prepare(yaml.safe_load(p.yaml)).context == p.context
    assert pickle.loads(pickle.dumps(p)).context == p.context  # docassemble pickles the session


# ---- DOCX context for docassemble -------------------------------------------------------------


def test_docx_fields_wrap_lists_read_dict_keys_as_attributes_and_escape_xml(base):
    a = reg.regulation_answers(base, lang="lv", data_items="a <w:r> b </w:t> c <w:p> {{ x }}")
    ctx = prepare(a).context
    wrapped = []
    fields = reg.docx_fields(ctx, lambda v: wrapped.append(v) or ("RAW", v))
    assert fields["title"] == ("RAW", ctx["title"])  # no markup characters: the same text
    assert type(fields["title"][1]).__name__ == "Markup"  # docassemble's Jinja filter writes it as is
    assert fields["items"][0] == "RAW" and len(wrapped) >= 3
    item = fields["items"][1][0]
    assert isinstance(item, reg.AttrDict) and item.chapter is True and item.heading == item["heading"]
    with pytest.raises(AttributeError):
        item.nope
    texts = [it.text for it in fields["items"][1] if "w:" in it.text]
    # escaped for XML at the template level: literal in the DOCX, no hidden characters
    assert texts == ["a &lt;w:r&gt; b &lt;/w:t&gt; c &lt;w:p&gt; {{ x }}."]
    assert reg.docx_fields({"a": [1]})["a"] == [1]  # no raw given: unchanged
