"""Two processes editing one agreement (one ConflictError, nothing lost) and a writer killed
with SIGKILL mid-write (no half version, no row pointing at a missing file)."""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time

import pytest

from pamats.registry import Registry

CTX = mp.get_context("spawn")


def _racer(url, files, user, barrier, out):
    from pamats.errors import ConflictError
    from pamats.registry import store

    reg = Registry(url, files_dir=files)
    orig = store.Registry._expect

    def hold(a, expected):  # both writers have read the agreement; now both write
        orig(a, expected)
        barrier.wait(timeout=30)

    store.Registry._expect = staticmethod(hold)
    try:
        n = reg.propose(user, "marta-vrs", {"by": user})
        out.put((user, "ok", n))
    except ConflictError as e:
        out.put((user, "conflict", str(e)))
    except Exception as e:  # noqa: BLE001
        out.put((user, "error", repr(e)))


def test_two_processes_one_conflict_nothing_lost(agreement, tmp_path):
    reg = agreement
    barrier, out = CTX.Barrier(2), CTX.Queue()
    ps = [CTX.Process(target=_racer, args=(reg.url, reg.files.root, u, barrier, out)) for u in ("anna", "juris")]
    for p in ps:
        p.start()
    res = sorted([out.get(timeout=60) for _ in ps])
    for p in ps:
        p.join(30)
    kinds = sorted(r[1] for r in res)
    assert kinds == ["conflict", "ok"], res
    winner = next(r for r in res if r[1] == "ok")
    loser = next(r for r in res if r[1] == "conflict")
    d = reg.show("anna", "marta-vrs")
    assert d["versions_count"] == 2
    assert reg.version("anna", "marta-vrs", 2)["answers"] == {"by": winner[0]}
    # nothing lost: the loser retries after reloading and gets version 3
    assert reg.propose(loser[0], "marta-vrs", {"by": loser[0]}, expected_row=d["row_version"]) == 3
    assert reg.verify("anna", "marta-vrs")["ok"]


def _writer(url, files, ready):
    reg = Registry(url, files_dir=files)
    i = 0
    while True:
        i += 1
        blob = os.urandom(256 * 1024) + str(i).encode()
        reg.propose("anna", "marta-vrs", {"i": i, "pad": "x" * 20000}, docx=blob)
        if i == 2:
            ready.set()


@pytest.mark.parametrize("delay", [0.05, 0.13, 0.31])
def test_sigkill_mid_write_leaves_no_half_version(agreement, delay):
    reg = agreement
    ready = CTX.Event()
    p = CTX.Process(target=_writer, args=(reg.url, reg.files.root, ready))
    p.start()
    assert ready.wait(60)
    time.sleep(delay)
    os.kill(p.pid, signal.SIGKILL)
    p.join(10)
    assert p.exitcode == -signal.SIGKILL
    reg2 = Registry(reg.url, files_dir=reg.files.root)
    d = reg2.show("anna", "marta-vrs")
    nums = [v["number"] for v in d["versions"]]
    assert nums == list(range(1, len(nums) + 1)) and len(nums) >= 3
    for v in d["versions"]:
        assert reg2.files.ok(v["docx_sha256"]), f"version {v['number']} points at a missing/half file"
    proposes = [e for e in reg2.audit("anna", "marta-vrs") if e["action"] == "propose"]
    assert [e["payload"]["row"]["version"] for e in proposes] == nums
    assert reg2.verify("anna", "marta-vrs")["versions"] == len(nums)
    assert reg2.propose("anna", "marta-vrs", {"after": "crash"}) == len(nums) + 1
    reg2.close()
