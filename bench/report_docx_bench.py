"""Benchmark: DOCX gap-report render time (``to_docx_bytes``) at lv-nrm size and at 1k flows.

Usage: python bench/report_docx_bench.py [SIZES…]   (default 1000)
Prints the best and the median of 5 in-process renders per case and language; landscape load,
check and graph data are built once beforehand and are not timed. Cases: graph/lv-nrm, the
what-if report with graph/lv-nrm-drafts/*.yaml adopted, and a synthetic landscape per size.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from landscape_gen import generate

from pamats.landscape.check import check_landscape
from pamats.landscape.load import load_landscape
from pamats.landscape.report import graph_data
from pamats.landscape.report.docx import to_docx_bytes
from pamats.landscape.whatif import what_if

AS_OF = dt.date(2026, 11, 28)
REPS = 5


def gaps(paths: list[str]) -> tuple[dict, dict, int]:
    ls = load_landscape(paths)
    rep = check_landscape(ls, AS_OF).to_json()
    return rep, graph_data(ls, rep), len(rep["findings"])


def whatif(paths: list[str], drafts: list[Path]) -> tuple[dict, dict, int]:
    rep = what_if(paths, drafts, AS_OF).to_json()
    ls = load_landscape(paths, drafts=drafts, as_of=AS_OF)
    return rep, graph_data(ls, rep["after"]), len(rep["after"]["findings"])


def timed(rep: dict, lang: str, graph: dict) -> tuple[list[float], int]:
    times, size = [], 0
    for _ in range(REPS):
        t0 = time.perf_counter()
        size = len(to_docx_bytes(rep, lang, graph, today=AS_OF))
        times.append(time.perf_counter() - t0)
    return times, size


def main() -> None:
    sizes = [int(x) for x in sys.argv[1:]] or [1_000]
    nrm = str(ROOT / "graph" / "lv-nrm")
    drafts = sorted((ROOT / "graph" / "lv-nrm-drafts").glob("*.yaml"))
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; best / median of {REPS} renders")
    print(f"{'case':<14} {'lang':<4} {'findings':>8} {'render s':>15} {'docx KB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        cases = [("lv-nrm", lambda: gaps([nrm])), ("lv-nrm what-if", lambda: whatif([nrm], drafts))]
        for n in sizes:
            generate(n, Path(tmp) / str(n))
            cases.append((f"{n} flows", lambda n=n: gaps([str(Path(tmp) / str(n))])))
        for name, build in cases:
            rep, graph, nf = build()
            for lang in ("lv", "en"):
                times, size = timed(rep, lang, graph)
                print(
                    f"{name:<14} {lang:<4} {nf:>8} {min(times):>7.3f}/{statistics.median(times):<7.3f} {size / 1024:>8.0f}"
                )


if __name__ == "__main__":
    main()
