"""Benchmark: load time, check time and their ratio at 1k, 10k and 100k flows.

Usage: python bench/landscape_bench.py [SIZES…]   (default 1000 10000 100000)
Prints one row per size; the best of 3 runs (1 run at 100k) is reported.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from landscape_gen import generate  # noqa: E402

from pamats.landscape.check import check_landscape  # noqa: E402
from pamats.landscape.load import load_landscape  # noqa: E402


def run(n: int, reps: int) -> tuple[dict, float, float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        shape = generate(n, Path(tmp))
        best_load = best_check = float("inf")
        findings = 0
        for _ in range(reps):
            t0 = time.perf_counter()
            ls = load_landscape([tmp])
            t1 = time.perf_counter()
            rep = check_landscape(ls, dt.date(2026, 11, 28))
            t2 = time.perf_counter()
            best_load, best_check = min(best_load, t1 - t0), min(best_check, t2 - t1)
            findings = len(rep.findings)
        return shape, best_load, best_check, findings


def main() -> None:
    sizes = [int(x) for x in sys.argv[1:]] or [1_000, 10_000, 100_000]
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}")
    print(f"{'flows':>8} {'actors':>7} {'instr.':>7} {'prov.':>7} {'load s':>8} {'check s':>8} {'check/load':>10} {'total s':>8} {'findings':>9}")
    for n in sizes:
        shape, lt, ct, nf = run(n, 1 if n >= 100_000 else 3)
        print(f"{n:>8} {shape['actors']:>7} {shape['instruments']:>7} {shape['provisions']:>7} {lt:>8.3f} {ct:>8.3f} {ct / lt:>10.2f} {lt + ct:>8.3f} {nf:>9}")


if __name__ == "__main__":
    main()
