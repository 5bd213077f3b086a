"""Suggested changes per point, accepting and rejecting them, and edit conflicts (SQLite and PostgreSQL)."""

from __future__ import annotations

import io

import pytest
from docx import Document
from workspace_people import ANNA, JURIS, MAIJA, PETERIS, SLUG, room, ws  # noqa: F401

from pamats.errors import AccessDenied, ConflictError, InputError
from pamats.registry.errors import NotFound
from pamats.registry.workspace import PointConflict


def _texts(w, who=ANNA):
    return {p["id"]: p["text"] for p in w.room(who, SLUG)["points"] if p["kind"] != "chapter"}


def test_accepting_a_suggestion_makes_a_new_version_with_a_redline(room):
    sid = room.suggest(JURIS, SLUG, "p2", "replace", "Robežsardze nekavējoties informē MARTA.", note="ātrāk")
    with pytest.raises(AccessDenied, match="your organisation's own"):
        room.accept(JURIS, SLUG, [sid])
    assert room.accept(ANNA, SLUG, [sid], expected_version=1) == 2
    assert _texts(room)["p2"] == "Robežsardze nekavējoties informē MARTA."
    (sg,) = room.suggestions(ANNA, SLUG)
    assert (sg["status"], sg["result_version"], sg["organisation"]) == ("accepted", 2, "vrs")
    changes = {c.node_id: c for c in room.redline(JURIS, SLUG, 1, 2)}
    assert changes["p2"].op == "changed" and ("insert", " nekavējoties") in changes["p2"].words
    v2 = room.room(ANNA, SLUG)["versions"][-1]
    assert v2["proposed_by"] == "da-11" and "#%d" % sid in v2["note"]
    doc = Document(io.BytesIO(room.docx(JURIS, SLUG, 2)))  # a real DOCX of the new text
    assert any("nekavējoties informē" in p.text for p in doc.paragraphs)
    actions = [e["action"] for e in room.audit(ANNA, SLUG)]
    assert actions[-3:] == ["suggest", "propose", "accept"]


def test_several_suggestions_in_one_version(room):
    a = room.suggest(JURIS, SLUG, "p1", "replace", "Puses cieši sadarbojas.")
    b = room.suggest(MAIJA, SLUG, "p2", "insert_after", "MARTA informē Robežsardzi par rezultātu.")
    c = room.suggest(JURIS, SLUG, "p3", "delete")
    with pytest.raises(AccessDenied):  # b is MARTA's own: VRS decides on it
        room.accept(ANNA, SLUG, [a, b, c])
    assert room.accept(ANNA, SLUG, [a, c]) == 2
    assert room.accept(JURIS, SLUG, [b]) == 3
    pts = [p for p in room.room(ANNA, SLUG)["points"] if p["kind"] != "chapter"]
    assert [(p["number"], p["text"]) for p in pts] == [
        ("1.", "Puses cieši sadarbojas."),
        ("2.", "Robežsardze informē MARTA."),
        ("3.", "MARTA informē Robežsardzi par rezultātu."),
    ]
    assert pts[2]["id"] == f"s{b}"


def test_rejecting_needs_a_reason_and_is_kept(room):
    sid = room.suggest(JURIS, SLUG, "p3", "delete")
    with pytest.raises(InputError, match="empty"):
        room.reject(ANNA, SLUG, sid, "  ")
    room.reject(ANNA, SLUG, sid, "Spēkā stāšanās punkts ir vajadzīgs.")
    (sg,) = room.suggestions(JURIS, SLUG)
    assert (sg["status"], sg["reason"]) == ("rejected", "Spēkā stāšanās punkts ir vajadzīgs.")
    with pytest.raises(InputError, match="already rejected"):
        room.accept(ANNA, SLUG, [sid])
    assert len(room.room(ANNA, SLUG)["versions"]) == 1
    rej = [e for e in room.audit(JURIS, SLUG) if e["action"] == "reject"]
    assert rej[0]["reason"] == "Spēkā stāšanās punkts ir vajadzīgs."


def test_two_people_editing_the_same_point_second_gets_a_conflict_nothing_lost(room):
    # both read version 1; Juris saves first
    assert room.edit_point(JURIS, SLUG, "p2", "Robežsardze informē MARTA 24 stundu laikā.", base_version=1) == 2
    with pytest.raises(PointConflict) as e:
        room.edit_point(ANNA, SLUG, "p2", "Robežsardze informē MARTA tajā pašā dienā.", base_version=1)
    c = e.value
    assert (c.mine, c.theirs) == (
        "Robežsardze informē MARTA tajā pašā dienā.",
        "Robežsardze informē MARTA 24 stundu laikā.",
    )
    assert (c.base_version, c.current_version) == (1, 2)
    assert isinstance(c, ConflictError)
    assert len(room.room(ANNA, SLUG)["versions"]) == 2  # nothing applied...
    kept = [x for x in room.suggestions(JURIS, SLUG) if x["id"] == c.kept_as][0]
    assert kept["text"] == c.mine and kept["status"] == "open"  # ...and nothing lost
    assert kept["base_version"] == 2 and kept["base_text"] == c.theirs
    assert room.accept(JURIS, SLUG, [c.kept_as]) == 3
    assert _texts(room)["p2"] == "Robežsardze informē MARTA tajā pašā dienā."


def test_editing_another_point_from_an_older_version_is_no_conflict(room):
    room.edit_point(JURIS, SLUG, "p2", "Robežsardze informē MARTA.", base_version=1)  # unchanged text
    room.edit_point(JURIS, SLUG, "p1", "Puses sadarbojas labā ticībā.", base_version=2)
    assert room.edit_point(ANNA, SLUG, "p3", "Līgums stājas spēkā 2027. gada 1. janvārī.", base_version=1) == 4
    assert _texts(room) == {
        "p1": "Puses sadarbojas labā ticībā.",
        "p2": "Robežsardze informē MARTA.",
        "p3": "Līgums stājas spēkā 2027. gada 1. janvārī.",
    }


def test_a_suggestion_on_a_point_that_changed_since_conflicts_and_stays_open(room):
    sid = room.suggest(JURIS, SLUG, "p1", "replace", "Puses sadarbojas cieši.")
    room.edit_point(ANNA, SLUG, "p1", "Puses sadarbojas regulāri.", base_version=1)
    with pytest.raises(PointConflict) as e:
        room.accept(ANNA, SLUG, [sid])
    assert (e.value.mine, e.value.theirs) == ("Puses sadarbojas cieši.", "Puses sadarbojas regulāri.")
    assert len(room.room(ANNA, SLUG)["versions"]) == 2
    assert room.suggestions(ANNA, SLUG)[0]["status"] == "open"
    did = room.suggest(JURIS, SLUG, "p3", "delete")
    room.edit_point(ANNA, SLUG, "p3", "Līgums stājas spēkā nākamajā dienā.", base_version=2)
    with pytest.raises(PointConflict, match="changed"):
        room.accept(ANNA, SLUG, [did])


def test_stale_page_and_two_changes_of_one_point_are_refused(room):
    a = room.suggest(JURIS, SLUG, "p1", "replace", "A.")
    b = room.suggest(JURIS, SLUG, "p1", "delete")
    with pytest.raises(InputError, match="same point"):
        room.accept(ANNA, SLUG, [a, b])
    room.accept(ANNA, SLUG, [a], expected_version=1)
    with pytest.raises(ConflictError, match="version 2 was proposed while you read version 1"):
        room.accept(ANNA, SLUG, [b], expected_version=1)
    assert [x["status"] for x in room.suggestions(ANNA, SLUG)] == ["accepted", "open"]


@pytest.mark.parametrize(
    "bad,match",
    [
        ("", "empty"),
        ("   ", "empty"),
        ("x" * 100_000, "too long"),
        ("a\x00b", "control character"),
        ("pirmā rinda\notrā rinda", "line break"),
    ],
)
def test_bad_point_text_is_refused(room, bad, match):
    with pytest.raises(InputError, match=match):
        room.suggest(JURIS, SLUG, "p1", "replace", bad)
    with pytest.raises(InputError, match=match):
        room.edit_point(ANNA, SLUG, "p1", bad, base_version=1)
    assert room.suggestions(ANNA, SLUG) == [] and len(room.room(ANNA, SLUG)["versions"]) == 1


def test_markup_and_template_code_are_kept_literally(room):
    evil = "<script>alert(1)</script> {{ 7*7 }} {% if x %} '; DROP TABLE versions; -- [link](javascript:x)"
    sid = room.suggest(JURIS, SLUG, "p1", "replace", evil)
    room.accept(ANNA, SLUG, [sid])
    assert _texts(room)["p1"] == evil
    doc = Document(io.BytesIO(room.docx(ANNA, SLUG, 2)))
    assert any(evil in p.text for p in doc.paragraphs)


def test_unknown_points_and_ops(room):
    with pytest.raises(NotFound, match="no point 'p9'"):
        room.suggest(JURIS, SLUG, "p9", "delete")
    with pytest.raises(NotFound, match="no point 'ch1'"):
        room.suggest(JURIS, SLUG, "ch1", "delete")
    with pytest.raises(InputError, match="unknown change"):
        room.suggest(JURIS, SLUG, "p1", "rewrite_everything", "x")
    with pytest.raises(NotFound, match="no version 7"):
        room.suggest(JURIS, SLUG, "p1", "delete", base_version=7)
    with pytest.raises(NotFound):
        room.suggest(PETERIS, SLUG, "p1", "delete")


def test_withdrawing_ones_own_suggestion(room):
    from workspace_people import SANDRA

    mine = room.suggest(MAIJA, SLUG, "p1", "delete")
    other = room.suggest(MAIJA, SLUG, "p3", "delete")
    with pytest.raises(NotFound):
        room.withdraw_suggestion(PETERIS, SLUG, mine)
    with pytest.raises(AccessDenied, match="only its author"):
        room.withdraw_suggestion(JURIS, SLUG, mine)  # the other party rejects, it does not withdraw
    room.withdraw_suggestion(MAIJA, SLUG, mine)  # the author
    room.withdraw_suggestion(SANDRA, SLUG, other)  # a signatory (also a negotiator) of MARTA
    with pytest.raises(InputError, match="already withdrawn"):
        room.accept(JURIS, SLUG, [mine])
    assert [x["status"] for x in room.suggestions(ANNA, SLUG)] == ["withdrawn", "withdrawn"]
    assert [e["action"] for e in room.audit(ANNA, SLUG)][-2:] == ["withdraw_suggestion", "withdraw_suggestion"]
