"""Benchmark: load time, check time and their ratio at 1k, 10k and 100k flows.

Usage: python bench/landscape_bench.py [SIZES…]   (default 1000 10000 100000)
Prints one row per size: the best and the median of 3 runs of each phase. Before each run
the previous run's objects are released and collected (untimed), and the timed phases run
with Python's cyclic collector paused, as in a ``pamats gaps`` process (the CLI's entry
point pauses it; the library does not). ``bench/landscape_compare.py`` runs this script on
two checkouts side by side.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from landscape_gen import generate  # noqa: E402

from pamats.landscape.check import check_landscape  # noqa: E402
from pamats.landscape.load import load_landscape  # noqa: E402


def run(n: int, reps: int) -> tuple[dict, list[float], list[float], int]:
    with tempfile.TemporaryDirectory() as tmp:
        shape = generate(n, Path(tmp))
        loads, checks = [], []
        findings = 0
        for _ in range(reps):
            ls = rep = None
            gc.collect()
            gc.disable()  # as pamats.cli.main does for a whole command
            t0 = time.perf_counter()
            ls = load_landscape([tmp])
            t1 = time.perf_counter()
            rep = check_landscape(ls, dt.date(2026, 11, 28))
            t2 = time.perf_counter()
            gc.enable()
            loads.append(t1 - t0)
            checks.append(t2 - t1)
            findings = len(rep.findings)
        return shape, loads, checks, findings


def main() -> None:
    sizes = [int(x) for x in sys.argv[1:]] or [1_000, 10_000, 100_000]
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; best / median of 3 runs")
    print(
        f"{'flows':>8} {'actors':>7} {'instr.':>7} {'prov.':>7} {'load s':>13} {'check s':>13} {'check/load':>11} {'total s':>13} {'findings':>9}"
    )
    for n in sizes:
        shape, loads, checks, nf = run(n, 3)
        lb, lm, cb, cm = min(loads), statistics.median(loads), min(checks), statistics.median(checks)
        totals = [a + b for a, b in zip(loads, checks)]
        print(
            f"{n:>8} {shape['actors']:>7} {shape['instruments']:>7} {shape['provisions']:>7} {lb:>6.3f}/{lm:<6.3f} {cb:>6.3f}/{cm:<6.3f} "
            f"{cb / lb:>5.2f}/{cm / lm:<5.2f} {min(totals):>6.3f}/{statistics.median(totals):<6.3f} {nf:>9}"
        )


if __name__ == "__main__":
    main()
