"""A fresh web worker's threads open the workspace together: each gets the one Workspace, none an error.

Opening the registry runs its migrations (alembic keeps module-level state), so without the lock
in pamats.interview.workspace.workspace() several threads opening it at once failed ("No context
has been configured yet", "table alembic_version already exists"): a traceback page on the first
requests after a server starts (found by bench/workspace_load.py)."""

from __future__ import annotations

import threading

import pamats.interview.workspace as bridge


def test_threads_opening_the_workspace_at_once_share_one(tmp_path):
    for k in range(3):
        url = f"sqlite:///{tmp_path}/ws{k}.sqlite"
        got, errors = [], []
        start = threading.Barrier(8)

        def open_it(url=url, got=got, errors=errors, start=start):
            start.wait()
            try:
                got.append(bridge.workspace(url))
            except Exception as e:  # noqa: BLE001 - every error is the finding
                errors.append(repr(e))

        threads = [threading.Thread(target=open_it) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert len(got) == 8 and len({id(w) for w in got}) == 1
        bridge._OPEN.pop(url).reg.close()
