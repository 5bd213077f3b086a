"""The room is read in a fixed number of SQL queries, whatever its size (SQLite and PostgreSQL).

Every query is a round trip to the database server that two web servers share; the room was 30
queries in 6 transactions for one version (and 2 more per version: each version's DOCX read back
and its agreed PDF looked up), which made the room page the slowest of the load test. Counted
here with SQLAlchemy's ``before_cursor_execute`` on the registry's engine, for a small room and
for the same room grown (more points, versions, threads with replies, suggestions): the count
must not grow, and stays within :data:`ROOM_QUERIES`.
"""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event
from workspace_people import ANNA, JURIS, MAIJA, SLUG, V1, _instrument, real_docx, room, ws  # noqa: F401

from pamats.interview.workspace import room_html

ROOM_QUERIES = 13  # membership, agreement, parties, versions, signatures, comments, obligations,
# audit count, threads, suggestions, parties still to join, who proposed each version, the latest version's text


@contextmanager
def counted(reg):
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(reg.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(reg.engine, "before_cursor_execute", count)


def _room_queries(w) -> tuple[int, int, dict]:
    with counted(w.reg) as core:
        r = w.room(ANNA, SLUG)
    with counted(w.reg) as page:
        html = room_html(w, ANNA, SLUG, lambda action, **args: f"#{action}")
    assert "point-p1" in html
    return len(core), len(page), r


def _grow(w, points: int, rounds: int) -> None:
    """More points (new versions), threads with replies and suggestions on many points."""
    for n in range(rounds):
        text = [(f"p{k}", f"Punkts {k} redakcijā {n + 2}.") for k in range(1, points + 1)]
        w.propose(ANNA, SLUG, {"v": n + 2}, instrument=_instrument(*text), docx=real_docx(f"Versija {n + 2}"))
    for k in range(1, points + 1):
        t = w.comment(JURIS, SLUG, f"p{k}", f"Jautājums par punktu {k}.")
        w.reply(MAIJA, SLUG, t, "Atbilde.")
        w.suggest(JURIS, SLUG, f"p{k}", "replace", f"Jauna redakcija {k}.", base_version=rounds + 1)


def test_room_query_count_does_not_grow_with_the_room(room):
    core_small, page_small, small = _room_queries(room)
    _grow(room, points=12, rounds=3)
    core_big, page_big, big = _room_queries(room)
    # the grown room really is bigger: 12 points, 4 versions, 12 threads with a reply, 12 suggestions
    pts = [p for p in big["points"] if p["kind"] != "chapter"]
    assert len(pts) == 12 and len(big["versions"]) == 4 and len(small["versions"]) == 1
    assert sum(len(p["threads"]) for p in pts) == 12 and all(len(p["threads"][0]["replies"]) == 1 for p in pts)
    assert sum(len(p["suggestions"]) for p in pts) == 12
    assert core_big == core_small <= ROOM_QUERIES, (core_small, core_big)
    assert page_big == page_small == core_small, (page_small, page_big)  # the page reads nothing more


def test_room_lists_versions_without_reading_their_files(room):
    """The room does not read back every version's DOCX (a download re-checks the one it gives)."""
    _grow(room, points=3, rounds=2)
    with counted(room.reg) as statements:
        r = room.room(ANNA, SLUG)
    assert not [s for s in statements if "stored_files" in s or "agreed_pdfs" in s]
    assert [v["number"] for v in r["versions"]] == [1, 2, 3] and "broken" not in r["versions"][0]
    assert room.reg.show("da-11", SLUG)["versions"][0]["broken"] is None  # show() still re-checks each
