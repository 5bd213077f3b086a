"""Two people writing on one agreement at the same moment (the load test's "changed meanwhile"
errors). On PostgreSQL, the workspace's database, every comment is written, one after the other
(the agreement's row is locked for the write). On SQLite, the single-user registry file of the
command line, a write that loses the race is refused cleanly ("changed meanwhile", nothing
written). Either way nothing is half-written and the agreement's history verifies."""

from __future__ import annotations

import threading

from workspace_people import ANNA, JURIS, SLUG, room, ws  # noqa: F401  (fixtures)

from pamats.errors import ConflictError


def test_simultaneous_comments_on_one_agreement(room):
    barrier = threading.Barrier(8)
    errors: list[Exception] = []
    written: dict[int, int] = {}

    def write(who, n):
        barrier.wait()
        try:
            written[n] = room.comment(who, SLUG, "p1", f"komentārs {n}")
        except Exception as e:  # noqa: BLE001 - the test reports every failure below
            errors.append(e)

    threads = [threading.Thread(target=write, args=(ANNA if n % 2 else JURIS, n)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    if room.reg.url.startswith("postgresql"):
        assert errors == [], [getattr(e, "message", str(e)) for e in errors]
        assert len(written) == 8
    else:
        assert all(isinstance(e, ConflictError) for e in errors), errors
        assert len(written) + len(errors) == 8 and written
    texts = {t["text"] for pt in room.room(ANNA, SLUG)["points"] for t in pt["threads"]}
    assert texts == {f"komentārs {n}" for n in written}
    assert room.reg.verify(room._username(ANNA, SLUG, "read"), SLUG)["ok"]
