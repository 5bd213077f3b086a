"""Colleagues logging in for the first time at the same moment (issue 11: "Darba vide nav pieejama …
pārlādējiet"). Each first login accepts an invitation and appends to the organisation's
hash-chained log; on PostgreSQL, the workspace's database, the organisation's row is locked for
the append, so all eight join, one after the other, and the chain verifies. On SQLite (the
command line's single-user file) a login that loses the race is refused cleanly and joins on
its next page; the chain verifies either way."""

from __future__ import annotations

import threading

from workspace_people import ADMIN, ws  # noqa: F401  (fixtures)

from pamats.errors import ConflictError
from pamats.registry.workspace import Principal

NEW = [Principal(100 + n, f"kolega{n}@marta.example") for n in range(8)]


def test_eight_first_logins_in_one_organisation_at_once(ws):
    for p in NEW:
        ws.invite(ADMIN, "marta", p.email, "member")
    before = ws.verify_org_audit(ADMIN, "marta")
    barrier = threading.Barrier(len(NEW))
    errors: list[Exception] = []
    joined: dict[int, dict] = {}

    def first_login(p):
        barrier.wait()
        try:
            joined[p.account_id] = ws.login(p)
        except Exception as e:  # noqa: BLE001 - the test reports every failure below
            errors.append(e)

    threads = [threading.Thread(target=first_login, args=(p,)) for p in NEW]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    if ws.reg.url.startswith("postgresql"):
        assert errors == [], [getattr(e, "message", str(e)) for e in errors]
        assert sorted(joined) == [p.account_id for p in NEW]
    else:
        assert all(isinstance(e, ConflictError) for e in errors), errors
        for p in NEW:  # the next page joins whoever lost the race
            joined[p.account_id] = ws.login(p)
    assert all(m is not None and m["organisation"] == "marta" for m in joined.values())
    assert ws.verify_org_audit(ADMIN, "marta") == before + len(NEW)
    members = {x["email"] for x in ws.members(ADMIN, "marta") if x["active"]}
    assert {p.email for p in NEW} <= members
