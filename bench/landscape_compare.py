"""Side-by-side benchmark of two checkouts: load and check at 1k, 10k and 100k flows.

Usage: python bench/landscape_compare.py BASE_SRC [SIZES…]

BASE_SRC is the ``src`` folder of the other checkout (e.g. made with
``git worktree add /tmp/base <commit>``). Each size's landscape is generated once
(bench/landscape_gen.py); then, three rounds of: a fresh process on the base, a fresh
process on this checkout (ABABAB), each loading and checking it 3 times with Python's cyclic
collector paused (as ``pamats gaps`` runs: see pamats.cli.main). Printed per size: the best
wall-clock and the best CPU (process) time of each side over all runs, and this checkout's
best divided by the base's. CPU time is the steadier figure on a shared machine. The
findings counts must agree.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
THIS_SRC = HERE.parent / "src"
sys.path.insert(0, str(HERE))

from landscape_gen import generate  # noqa: E402

_TIMER = """
import datetime as dt, gc, json, sys, time
from pamats.landscape.check import check_landscape
from pamats.landscape.load import load_landscape
out = {"load": [], "check": [], "load_cpu": [], "check_cpu": []}
for _ in range(3):
    ls = rep = None
    gc.collect()
    gc.disable()
    w0, c0 = time.perf_counter(), time.process_time()
    ls = load_landscape([sys.argv[1]])
    w1, c1 = time.perf_counter(), time.process_time()
    rep = check_landscape(ls, dt.date(2026, 11, 28))
    w2, c2 = time.perf_counter(), time.process_time()
    gc.enable()
    out["load"].append(w1 - w0); out["check"].append(w2 - w1)
    out["load_cpu"].append(c1 - c0); out["check_cpu"].append(c2 - c1)
out["findings"] = len(rep.findings)
print(json.dumps(out))
"""

METRICS = ("load", "check", "load_cpu", "check_cpu")


def _run(src: Path, folder: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(src))
    out = subprocess.run([sys.executable, "-c", _TIMER, folder], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    base = Path(sys.argv[1]).resolve()
    sizes = [int(x) for x in sys.argv[2:]] or [1_000, 10_000, 100_000]
    print(f"base: {base}\nthis: {THIS_SRC}\nmachine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}")
    print(f"{'flows':>8} {'side':>5} {'load s':>8} {'check s':>8} {'load cpu':>9} {'check cpu':>10} {'findings':>9}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            generate(n, Path(tmp))
            runs: dict[str, list[dict]] = {"base": [], "this": []}
            for _ in range(3):
                for name, src in (("base", base), ("this", THIS_SRC)):
                    runs[name].append(_run(src, tmp))
        best = {k: {m: min(min(r[m]) for r in v) for m in METRICS} for k, v in runs.items()}
        for k in ("base", "this"):
            b = best[k]
            print(
                f"{n:>8} {k:>5} {b['load']:>8.3f} {b['check']:>8.3f} {b['load_cpu']:>9.3f} {b['check_cpu']:>10.3f} "
                f"{runs[k][0]['findings']:>9}"
            )
        same = len({r["findings"] for v in runs.values() for r in v}) == 1
        ratio = {m: best["this"][m] / best["base"][m] for m in METRICS}
        print(
            f"{n:>8} this/base: load {ratio['load']:.2f}, check {ratio['check']:.2f}, load cpu {ratio['load_cpu']:.2f}, "
            f"check cpu {ratio['check_cpu']:.2f}; findings {'equal' if same else 'DIFFER'}",
            flush=True,
        )
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
