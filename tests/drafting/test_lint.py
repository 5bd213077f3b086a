"""Lint codes on built and hand-made documents: each code fires on its defect and not on a clean draft."""

from pathlib import Path

import yaml

from pamats.drafting.answers import load_answers, parse_answers
from pamats.drafting.build import build_instrument
from pamats.drafting.document import Instrument, Node, XRef
from pamats.drafting.lint import CODES, lint_instrument
from pamats.landscape.load import load_landscape

ROOT = Path(__file__).resolve().parents[2]


def codes(instr, **kw):
    return [f.code for f in lint_instrument(instr, **kw)]


def reg(**over):
    d = yaml.safe_load((ROOT / "answers/nrm-regulation.yaml").read_text(encoding="utf-8"))
    d.pop("notes_to_drafter")
    d["prime_minister"]["name"] = "E. Siliņa"
    d["minister"]["name"] = "R. Kozlovskis"
    d.update(over)
    return parse_answers(d)


def test_clean_regulation_has_no_findings():
    assert codes(build_instrument(reg())) == []


def test_lt001_and_lt006():
    i = build_instrument(reg())
    i = i.model_copy(update={"basis_line": None, "empowered_by": []})
    i.body[0].children.pop(0)  # drop the scope point
    assert codes(i) == ["LT001", "LT006"]


def test_lt002_not_in_landscape_and_not_in_force():
    ls = load_landscape([ROOT / "graph/lv-nrm"])
    emp = reg().empowering[0].model_dump()
    emp["provision"] = "s13-1-99"
    assert "LT002" in codes(build_instrument(reg(empowering=[emp])), landscape=ls)
    assert "LT002" not in codes(build_instrument(reg()), landscape=ls)


def test_lt003_lt004_lt009_on_a_hand_made_document():
    i = Instrument(
        kind="order",
        title="Par x",
        basis_line="Izdots saskaņā ar …",
        empowered_by=[{"law_genitive": "X likuma", "section": "1"}],
        body=[
            Node(id="a", text=["3. Noteikt kaut ko."]),
            Node(id="b", text=["Skatīt ", XRef(ref="nowhere"), " punktu."]),
            Node(id="c", text=["Iestādēm:"], children=[Node(id="c1", text=["x."]), Node(id="c2", text=["y;"])]),
            Node(id="control", text=["Kontrolē sekretārs."]),
        ],
    )
    found = lint_instrument(i)
    assert [(f.code, f.where) for f in found] == [("LT003", "point 1."), ("LT004", "point 2."), ("LT009", "point 3.")]


def test_lt005_term_twice_and_unused():
    i = Instrument(
        kind="order",
        title="Par x",
        basis_line="Izdots",
        empowered_by=[{"law_genitive": "X likuma", "section": "1"}],
        body=[
            Node(id="a", text=["Valsts policija (turpmāk – policija) dara."]),
            Node(id="b", text=["Robežsardze (turpmāk – policija) dara."]),
            Node(id="c", text=["Birojs (turpmāk – birojs) dara."]),
            Node(id="control", text=["Policijai kontrolēt."]),
        ],
    )
    found = [(f.code, f.where, f.message) for f in lint_instrument(i)]
    assert ("LT005", "point 2.", "term 'policija' is introduced again (first in point 1.)") in found
    assert any(c == "LT005" and "'birojs' is introduced but never used" in m for c, _, m in found)


def test_lt007_agreement_without_norm():
    d = yaml.safe_load((ROOT / "agreements/marta-vrs/answers.yaml").read_text(encoding="utf-8"))
    d["legal_basis_norms"] = []
    a = parse_answers(d)
    assert "LT007" in codes(build_instrument(a), answers=a)
    a = load_answers(ROOT / "agreements/marta-vrs/answers.yaml")
    assert "LT007" in codes(build_instrument(a), answers=a)  # the regulation is still a draft


def test_lt008_restating_the_empowering_law():
    ls = load_landscape([ROOT / "graph/lv-nrm"])
    summary = ls.instruments["spspl"].provisions[0].summary.lv
    i = build_instrument(reg(scope=summary.rstrip(".")[0].lower() + summary.rstrip(".")[1:]))
    found = lint_instrument(i, landscape=ls)
    assert any(f.code == "LT008" and f.where == "point 1." for f in found)


def test_lt010_markers_and_codes_documented():
    assert "LT010" in codes(build_instrument(load_answers(ROOT / "answers/nrm-regulation.yaml")))
    assert sorted(CODES) == [f"LT{n:03d}" for n in range(1, 20)]
    doc = (ROOT / "docs/drafting.md").read_text(encoding="utf-8")
    assert all(f"| {c} |" in doc for c in CODES)


def _order(**over):
    d = yaml.safe_load((ROOT / "answers/iem-order.yaml").read_text(encoding="utf-8"))
    d.update(over)
    return parse_answers(d)


def test_lt010_one_finding_per_marker_with_its_place():
    a = load_answers(ROOT / "agreements/marta-vrs/answers.yaml")
    i = build_instrument(a)
    found = [(f.where, f.message) for f in lint_instrument(i) if f.code == "LT010"]
    from pamats.drafting.render.markdown import render_markdown

    assert len(found) == render_markdown(i).count("[JĀPRECIZĒ")  # every marker the document shows, counted once
    assert ("signatures", "fill in [JĀPRECIZĒ: V. Uzvārds]") in found
    assert any(w.startswith("point ") for w, _ in found)


def test_lt011_order_addressed_to_an_ngo_or_the_ombudsman():
    ls = load_landscape([ROOT / "graph/lv-nrm"])
    a = _order()
    assert "LT011" not in codes(build_instrument(a), answers=a, landscape=ls)  # VRS, VP, PMLP: under the IeM
    for key, name in (("marta", 'Biedrība "Centrs MARTA"'), ("tiesibsargs", "Tiesībsarga birojs")):
        d = yaml.safe_load((ROOT / "answers/iem-order.yaml").read_text(encoding="utf-8"))
        d["addressees"].append({"key": key, "name": {"lv": name, "en": name}})
        a = parse_answers(d)
        found = [f for f in lint_instrument(build_instrument(a), answers=a, landscape=ls) if f.code == "LT011"]
        assert len(found) == 1 and f"{key} is not subordinate to iem" in found[0].message


def test_lt012_provision_that_cannot_empower_the_kind():
    ls = load_landscape([ROOT / "graph/lv-nrm"])
    emp = reg().empowering[0].model_dump()
    emp.update(instrument="mk-344-2019", provision="p2-2")  # a regulation's point cannot empower a regulation
    found = lint_instrument(build_instrument(reg(empowering=[emp])), landscape=ls)
    assert any(f.code == "LT012" and "cannot empower a cabinet regulation" in f.message for f in found)
    assert "LT012" not in codes(build_instrument(reg()), landscape=ls)


def test_lt013_lt015_duplicate_point_and_empty_title():
    i = Instrument(
        kind="order",
        title="  ",
        basis_line="Izdots",
        empowered_by=[{"law_genitive": "X likuma", "section": "1"}],
        body=[
            Node(id="a", text=["Robežsardzei informēt policiju."]),
            Node(id="b", text=["Robežsardzei  informēt policiju;"]),
            Node(id="control", text=["Kontrolē sekretārs."]),
        ],
    )
    found = [(f.code, f.where, f.message) for f in lint_instrument(i)]
    assert ("LT013", "point 2.", "says the same as point 1.; keep one") in found
    assert any(c == "LT015" for c, _, _ in found)


def test_lt014_unknown_actor_and_data_category():
    ls = load_landscape([ROOT / "graph/lv-nrm"])
    d = yaml.safe_load((ROOT / "agreements/marta-vrs/answers.yaml").read_text(encoding="utf-8"))
    d["exchanges"][0]["categories"] = [*d["exchanges"][0]["categories"], "shoe_size"]
    d["exchanges"][0]["recipient"] = "nobody"
    a = parse_answers(d)
    msgs = [f.message for f in lint_instrument(build_instrument(a), answers=a, landscape=ls) if f.code == "LT014"]
    assert "data category 'shoe_size' is not in the landscape's vocabulary" in msgs
    assert any("'nobody' is not an actor of the landscape" in m for m in msgs)
    a = load_answers(ROOT / "answers/nrm-regulation.yaml")  # role:first_contact and the like are known
    assert "LT014" not in codes(build_instrument(a), answers=a, landscape=ls)


def test_lt016_a_second_regulation_under_the_mandate_of_no_344():
    ls = load_landscape([ROOT / "graph/lv-nrm"])
    found = [f for f in lint_instrument(build_instrument(reg()), landscape=ls) if f.code == "LT016"]
    assert len(found) == 1 and "No. 344 is already issued under" in found[0].message
    assert "amend it rather than issue a parallel regulation" in found[0].message


def test_messages_are_whole():
    d = yaml.safe_load((ROOT / "agreements/marta-vrs/answers.yaml").read_text(encoding="utf-8"))
    d["legal_basis_norms"] = []
    a = parse_answers(d)
    i = build_instrument(a)
    for f in lint_instrument(i, answers=a):
        if f.code == "LT007":
            assert any(f.message.endswith(w) for w in i.warnings)


def _lt017(a, **kw):
    return [f for f in lint_instrument(build_instrument(a), answers=a, **kw) if f.code == "LT017"]


def test_lt017_the_bundled_regulation_informs_the_police_about_adults_without_consent():
    # answers/nrm-regulation.yaml: role:first_contact -> role:police about a possible_victim, no
    # condition; CPL s.96(3): a person is recognised as a victim only with their consent
    a = reg()
    (found,) = _lt017(a)
    assert (
        found.where == "exchanges" and "about an adult (possible_victim) without the person's consent" in found.message
    )
    assert "CPL s.96(3)" in found.message
    # the same with the landscape (roles from the actors)
    assert len(_lt017(a, landscape=load_landscape([ROOT / "graph/lv-nrm"]))) == 1


def test_lt017_not_with_consent_nor_about_children_only():
    d = yaml.safe_load((ROOT / "answers/nrm-regulation.yaml").read_text(encoding="utf-8"))
    police = [x for x in d["exchanges"] if x["recipient"] == "role:police"]
    assert police
    for x in police:
        x["conditions"] = ["consent"]
    assert _lt017(reg(exchanges=d["exchanges"])) == []
    for x in police:
        x.pop("conditions")
        x["subjects"] = ["child_victim"]  # SPSPL s.12(2.1): a child
    assert _lt017(reg(exchanges=d["exchanges"])) == []
    # the provider is not the police: no finding for exchanges to it
    assert all(x["recipient"] != "role:police" for x in d["exchanges"] if x not in police)


def test_exchange_conditions_become_the_drafted_provisions_conditions():
    from pamats.drafting.to_landscape import answers_to_landscape

    d = yaml.safe_load((ROOT / "answers/nrm-regulation.yaml").read_text(encoding="utf-8"))
    for x in d["exchanges"]:
        if x["recipient"] == "role:police":
            x["conditions"] = ["consent"]
    land = answers_to_landscape(reg(exchanges=d["exchanges"]), instrument_id="nrm-reg")
    perms = [p for pr in land["instruments"][0]["provisions"] for p in pr.get("authorises", [])]
    to_police = [p for p in perms if p["recipient"] == "vp"]
    assert to_police and all(p["conditions"] == ["consent"] for p in to_police)
    assert all(p.get("conditions", []) == [] for p in perms if p["recipient"] != "vp")


def test_lt018_a_regulation_under_the_social_services_law_is_the_welfare_ministers():
    # SPSPL s.14(1)(1): the Ministry of Welfare develops state policy on social services; the
    # mandate s.13(1)(7) names it as responsible (graph/lv-nrm, spspl/s13-1-7 responsible)
    ls = load_landscape([ROOT / "graph/lv-nrm"])
    a = reg()  # answers/nrm-regulation.yaml: signed by the Minister for the Interior
    (found,) = [f for f in lint_instrument(build_instrument(a), answers=a, landscape=ls) if f.code == "LT018"]
    assert (
        "'Iekšlietu ministrs'" in found.message
        and "Ministry of Welfare (SPSPL 14. panta pirmās daļas 1. punkts)" in found.message
    )
    b = reg(minister={"position": {"lv": "Labklājības ministrs", "en": "Minister for Welfare"}, "name": "R. Uzvārds"})
    assert "LT018" not in codes(build_instrument(b), answers=b, landscape=ls)
    assert "LT018" not in codes(build_instrument(a), answers=a)  # without the landscape nothing to compare


def test_lt019_exchanges_outside_the_mandates_matters():
    ls = load_landscape([ROOT / "graph/lv-nrm"])
    a = reg()  # informs the police (criminal_investigation) under a social-rehabilitation mandate
    (found,) = [f for f in lint_instrument(build_instrument(a), answers=a, landscape=ls) if f.code == "LT019"]
    assert "criminal_investigation" in found.message and "victim_assistance" in found.message
    d = yaml.safe_load((ROOT / "answers/nrm-regulation.yaml").read_text(encoding="utf-8"))
    within = [x for x in d["exchanges"] if x["recipient"] != "role:police"]
    b = reg(exchanges=within)
    assert "LT019" not in codes(build_instrument(b), answers=b, landscape=ls)
