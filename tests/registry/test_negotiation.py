"""Versions, clause comments (by node id), obligations and due dates, optimistic locking."""

from __future__ import annotations

import datetime as dt

import pytest

from pamats.errors import ConflictError, InputError


def test_versions_are_append_only_with_content_hashes(agreement, make_instrument):
    instrument = make_instrument
    reg = agreement
    v2 = instrument(("p0", "Jauns punkts."), ("p1", "Puses sadarbojas."), ("p2", "Robežsardze informē MARTA."))
    assert reg.propose("juris", "marta-vrs", {"v": 2}, instrument=v2, docx=b"PK-v2", note="VRS: new point") == 2
    d = reg.show("anna", "marta-vrs")
    assert [(v["number"], v["proposed_by"], v["note"]) for v in d["versions"]] == [
        (1, "anna", None),
        (2, "juris", "VRS: new point"),
    ]
    assert d["versions"][0]["content_hash"] != d["versions"][1]["content_hash"]
    assert reg.version("anna", "marta-vrs")["answers"] == {"v": 2}
    assert reg.version("anna", "marta-vrs", 1)["answers"] == {"v": 1}
    assert reg.docx("anna", "marta-vrs", 2) == b"PK-v2"
    assert reg.docx("anna", "marta-vrs", 1)[:2] == b"PK"


def test_comment_follows_the_clause_id(agreement, make_instrument):
    instrument = make_instrument
    reg = agreement
    cid = reg.comment("juris", "marta-vrs", "p2", "Precizēt termiņu: 24 stundu laikā")
    reg.propose(
        "anna",
        "marta-vrs",
        {"v": 2},
        instrument=instrument(("p0", "Jauns."), ("p1", "Puses sadarbojas."), ("p2", "Robežsardze informē.")),
    )
    c = reg.show("anna", "marta-vrs")["comments"]
    assert c == [
        {
            "id": cid,
            "version": 1,
            "node": "p2",
            "organisation": "vrs",
            "text": "Precizēt termiņu: 24 stundu laikā",
            "resolved": False,
        }
    ]
    reg.resolve_comment("anna", "marta-vrs", cid)
    assert reg.show("juris", "marta-vrs")["comments"][0]["resolved"] is True
    with pytest.raises(InputError, match="no clause 'p9'"):
        reg.comment("juris", "marta-vrs", "p9", "x")


def test_due_lists_obligations_and_dates(agreement):
    reg = agreement
    oid = reg.add_obligation("anna", "marta-vrs", "vrs", "Apmācība robežsargiem", dt.date(2026, 5, 15))
    reg.add_obligation("anna", "marta-vrs", "marta", "Kontaktpersonu saraksts", dt.date(2026, 9, 1))
    rows = reg.due("juris", within=dt.timedelta(days=90), today=dt.date(2026, 4, 1))
    assert [(r["date"], r["what"], r["party"]) for r in rows] == [(dt.date(2026, 5, 15), "obligation", "vrs")]
    rows = reg.due("juris", within=dt.timedelta(days=365), today=dt.date(2026, 4, 1))
    assert [(r["what"], r["date"]) for r in rows] == [
        ("obligation", dt.date(2026, 5, 15)),
        ("obligation", dt.date(2026, 9, 1)),
        ("term_end", dt.date(2027, 3, 31)),
    ]
    reg.complete_obligation("juris", "marta-vrs", oid)
    rows = reg.due("juris", within=dt.timedelta(days=90), today=dt.date(2026, 6, 1))
    assert rows == []
    late = reg.due("anna", within=dt.timedelta(days=0), today=dt.date(2026, 9, 2))
    assert [(r["what"], r["overdue"]) for r in late] == [("obligation", True)]
    with pytest.raises(InputError, match="'vp' is not a party"):
        reg.add_obligation("anna", "marta-vrs", "vp", "x", dt.date(2026, 5, 1))


def test_stale_row_version_is_a_conflict_and_nothing_is_written(agreement):
    reg = agreement
    row = reg.show("anna", "marta-vrs")["row_version"]
    reg.propose("juris", "marta-vrs", {"v": 2}, expected_row=row)
    with pytest.raises(ConflictError, match="changed since you read it"):
        reg.propose("anna", "marta-vrs", {"v": "anna's"}, expected_row=row)
    d = reg.show("anna", "marta-vrs")
    assert d["versions_count"] == 2 and reg.version("anna", "marta-vrs")["answers"] == {"v": 2}
    assert reg.propose("anna", "marta-vrs", {"v": "anna's"}, expected_row=d["row_version"]) == 3


def test_bad_creation_input(people):
    with pytest.raises(InputError, match="at least two parties"):
        people.create_agreement("anna", "x", "X", ["marta"])
    with pytest.raises(InputError, match="term end 2026-01-01 is before"):
        people.create_agreement(
            "anna", "x", "X", ["marta", "vrs"], term_start=dt.date(2026, 2, 1), term_end=dt.date(2026, 1, 1)
        )
    people.create_agreement("anna", "x", "X", ["marta", "vrs"])
    with pytest.raises(InputError, match="already exists"):
        people.create_agreement("anna", "x", "X", ["marta", "vrs"])


def test_user_text_is_data(agreement):
    t = "{{ secret }} {% if x %} ${HOME} <b>&amp;"
    cid = agreement.comment("anna", "marta-vrs", "p1", t)
    assert agreement.show("juris", "marta-vrs")["comments"][0]["text"] == t and cid
