"""Comment threads per point and the dashboard (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest
from workspace_people import ANNA, JURIS, MAIJA, PETERIS, SANDRA, SLUG, VIKTORS, room, sign_in_room, ws  # noqa: F401

from pamats.errors import InputError
from pamats.registry.errors import NotFound
from pamats.registry.recheck import AgreementCheck


def test_thread_reply_resolve_reopen(room):
    t = room.comment(JURIS, SLUG, "p2", "Vai 24 stundas pietiek?")
    r = room.reply(MAIJA, SLUG, t, "Jā, ja informē arī pa tālruni.")
    room.reply(JURIS, SLUG, r, "Labi.")  # replying to a reply joins the same thread
    room.resolve_thread(ANNA, SLUG, t)
    with pytest.raises(InputError, match="thread %d is resolved" % t):
        room.reply(JURIS, SLUG, t, "Vēl viens jautājums")
    with pytest.raises(InputError, match="already resolved"):
        room.resolve_thread(JURIS, SLUG, t)
    room.reopen_thread(JURIS, SLUG, t)
    (th,) = room.threads(ANNA, SLUG)
    assert (th["id"], th["node"], th["organisation"], th["resolved"]) == (t, "p2", "vrs", False)
    assert [(x["organisation"], x["author"], x["text"]) for x in th["replies"]] == [
        ("marta", "maija@marta.example", "Jā, ja informē arī pa tālruni."),
        ("vrs", "juris@vrs.example", "Labi."),
    ]
    pts = {p["id"]: p for p in room.room(ANNA, SLUG)["points"]}
    assert [x["id"] for x in pts["p2"]["threads"]] == [t] and pts["p1"]["threads"] == []
    acts = [(e["action"], e["user"]) for e in room.audit(ANNA, SLUG)][-5:]
    assert acts == [
        ("comment", "da-21"),
        ("reply", "da-12"),
        ("reply", "da-21"),
        ("resolve", "da-11"),
        ("reopen", "da-21"),
    ]


def test_comment_input_is_checked_and_kept_literally(room):
    with pytest.raises(NotFound, match="no point 'p7'"):
        room.comment(ANNA, SLUG, "p7", "x")
    for bad, match in (("", "empty"), ("x" * 100_000, "too long"), ("a\x07b", "control character")):
        with pytest.raises(InputError, match=match):
            room.comment(ANNA, SLUG, "p1", bad)
    with pytest.raises(NotFound, match="no comment 999"):
        room.reply(ANNA, SLUG, 999, "x")
    text = "<b>svarīgi</b>\n{{ user_info().email }} ${ x }"
    t = room.comment(ANNA, SLUG, "p1", text)
    assert room.threads(JURIS, SLUG)[0]["text"] == text and t


def test_threads_follow_their_point_into_new_versions(room):
    t = room.comment(JURIS, SLUG, "p3", "Datums?")
    sid = room.suggest(JURIS, SLUG, "p1", "delete")
    room.accept(ANNA, SLUG, [sid])  # p3 is now point 2.
    pts = {p["id"]: p for p in room.room(ANNA, SLUG)["points"]}
    assert pts["p3"]["number"] == "2." and [x["id"] for x in pts["p3"]["threads"]] == [t]


def test_dashboard_whose_move_counts_due_dates_and_recheck(room):
    room.reg.add_obligation("da-11", SLUG, "vrs", "Iesniegt kontaktpersonu sarakstu", dt.date(2026, 3, 20))
    d = {r["slug"]: r for r in room.dashboard(ANNA, today=dt.date(2026, 3, 10))["agreements"]}[SLUG]
    assert (d["status"], d["version"], d["version_by"]) == ("negotiation", 1, "marta")
    assert d["whose_move"] == ["vrs"] and not d["your_move"]
    assert d["next_due"] == {
        "date": dt.date(2026, 3, 20),
        "what": "obligation",
        "text": "Iesniegt kontaktpersonu sarakstu",
        "overdue": False,
        "days": 10,
    }
    room.comment(JURIS, SLUG, "p1", "?")
    room.suggest(JURIS, SLUG, "p2", "delete")
    board = room.dashboard(ANNA, today=dt.date(2026, 3, 10))
    d = {r["slug"]: r for r in board["agreements"]}[SLUG]
    assert (d["whose_move"], d["your_move"], d["open_threads"], d["open_suggestions"], d["suggestions_for_you"]) == (
        ["marta"],
        True,
        1,
        1,
        1,
    )
    assert board["waiting_for_you"] == 1
    room.transition(ANNA, SLUG, "agreed")
    sign_in_room(room, SANDRA, "marta")
    d = {r["slug"]: r for r in room.dashboard(JURIS)["agreements"]}[SLUG]
    assert d["whose_move"] == ["vrs"]
    sign_in_room(room, VIKTORS, "vrs")
    assert {r["slug"]: r for r in room.dashboard(JURIS)["agreements"]}[SLUG]["whose_move"] == []


def test_recheck_verdict_changed_warning(room):
    ok = AgreementCheck(SLUG, "negotiation")
    bad = AgreementCheck(SLUG, "negotiation", problems=[{"code": "NORM_NOT_IN_FORCE", "message": "x"}])
    other = AgreementCheck("vp-vrs", "negotiation")
    assert room.record_recheck(ANNA, [ok, other]) == []  # vp-vrs is not MARTA's: ignored
    rc = lambda who, slug=SLUG: {r["slug"]: r for r in room.dashboard(who)["agreements"]}[slug]["recheck"]  # noqa
    assert rc(ANNA)["ok"] and not rc(ANNA)["changed"]
    assert rc(JURIS, "vp-vrs") is None
    assert room.record_recheck(JURIS, [bad]) == [SLUG]
    r = rc(ANNA)
    assert (r["ok"], r["problems"], r["changed"], r["previous"]["ok"]) == (False, ["NORM_NOT_IN_FORCE"], True, True)
    assert room.record_recheck(ANNA, [bad]) == []
    assert not rc(ANNA)["changed"]
    assert room.record_recheck(PETERIS, [ok]) == [] and not rc(ANNA)["ok"]


def test_comment_threads_are_in_the_audit_and_verify_catches_a_forged_one(room):
    """Comments, replies, resolving and reopening written from the room are audit entries whose
    payloads carry the row, so `verify` holds after them and reports a comment changed by SQL."""
    from sqlalchemy import text

    cid = room.comment(ANNA, SLUG, "p2", "Kurš informē?")
    room.reply(JURIS, SLUG, cid, "Dežūrdaļa.")
    room.resolve_thread(ANNA, SLUG, cid)
    room.reopen_thread(JURIS, SLUG, cid)
    report = room.reg.verify("da-11", SLUG)
    assert report["ok"], report["problems"]
    with room.reg.tx() as s:
        s.execute(text("UPDATE comments SET text = 'Viltots' WHERE id = :i"), {"i": cid})
    report = room.reg.verify("da-11", SLUG)
    assert not report["ok"] and any(f"comment {cid}" in p and "text" in p for p in report["problems"]), report[
        "problems"
    ]
