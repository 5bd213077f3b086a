"""Review-screen edits in-process, the way docassemble performs them: each interview is driven
to its review screen, one answer is changed through the screen's own "Edit" action (the
review item's action, or the url_ask link of gaps.yml's review screen, decoded from the
screen), the interview is finished and the new DOCX must carry the changed text and no longer
the old one. The harness assembles inside docassemble's user-dict context, so the
``undefine``/``recompute`` parts of these actions really run (as on the server)."""

from __future__ import annotations

from pathlib import Path

SCENARIOS = Path(__file__).resolve().parent / "scenarios"


def _text(run) -> str:
    return run.docx_text()


def _to_review(da, scenario: str, review_id: str):
    sc = da.load_scenario(SCENARIOS / scenario)
    session = da.Session(da.load_interview(sc["interview"]), sc["answers"])
    assert session.run(until=review_id) is None, "never reached the review screen"
    return session, sc


def test_agreement_controllers_independent_to_joint_adds_art_26(da):
    session, _ = _to_review(da, "agreement--planned-regulation-lv.yaml", "agreement review")
    assert session.user_dict["controllers"] == "independent"
    screen = session.review_edit("controllers")
    assert screen.asks == ["controllers"]
    run = session.run({"controllers": "joint"})
    assert session.user_dict["controllers"] == "joint"
    text = _text(run)
    assert "Puses ir kopīgi pārziņi Eiropas Parlamenta un Padomes 2016. gada 27. aprīļa Regulas (ES) 2016/679" in text
    # the same session before the edit made the independent-controllers draft
    before = da.drive(
        da.load_interview("agreement.yml"),
        da.load_scenario(SCENARIOS / "agreement--planned-regulation-lv.yaml")["answers"],
    )
    assert "26. panta izpratnē" not in _text(before)


def test_regulation_data_items_edit_changes_the_document(da):
    session, _ = _to_review(da, "regulation--date-repeal-en.yaml", "regulation review")
    old = "the indicators observed"
    screen = session.review_edit("reg_data_items")
    assert screen.asks == ["reg_data_items"]
    run = session.run({"reg_data_items": "name and surname\nthe place where the person was met\n"})
    text = _text(run)
    assert "the place where the person was met" in text
    assert old not in text


def test_order_training_edit_changes_the_document(da):
    session, _ = _to_review(da, "order--two-addressees-en.yaml", "order review")
    old = "training in communication skills for interviews with returned foreigners"
    screen = session.review_edit("ord_training")
    assert "ord_training" in screen.asks
    run = session.run({"ord_training": "training in recognising signs of forced labour"})
    text = _text(run)
    assert "training in recognising signs of forced labour" in text
    assert old not in text


def test_gaps_report_language_edit_remakes_the_report(da):
    session, _ = _to_review(da, "gaps--lv-nrm-today.yaml", "gaps review")
    links = session.link_actions()
    assert len(links) == 4, links
    edit = next(a for a in links if "report_lang" in a["arguments"].get("variables", []))
    assert edit["action"] == "_da_force_ask"
    screen = session.action(edit["action"], **edit["arguments"])
    assert screen.asks == ["report_lang"]
    run = session.run({"report_lang": "en"})
    text = _text(run)
    assert "Legal-basis gap report" in text
    assert "Tiesiskā pamata nepilnību ziņojums" not in text
