"""This file benchmarks amendments: consolidating a 300-point act with 50 instructions, and deriving
the instructions from two 300-point versions; each beside a reference measured in the same run.

Act: 300 points in 30 chapters of 10, every point with 2 sub-points (900 units). Instructions (50):
20 restated points, 10 insertions of two points, 10 deleted sub-points, 10 word replacements.
"consolidate" = apply_changes (copy + resolve + apply) and the tracked-change list
(consolidated_changes); "derive" = derive_changes (diff + building the instructions + applying
them to check the result). References: ``copy.deepcopy`` of the act (what any apply must at
least do) and ``difflib`` over the two versions' lines (the cheapest textual diff).
Goal: each under 1 s. Run: .venv/bin/python bench/amendment_bench.py [--repeat N]
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import difflib
import statistics
import time

from pamats.drafting.amendment.act import Act, Unit
from pamats.drafting.amendment.answers import Change
from pamats.drafting.amendment.consolidate import apply_changes
from pamats.drafting.amendment.derive import derive_changes
from pamats.drafting.amendment.render_consolidated import consolidated_changes


def big_act(n: int = 300) -> Act:
    chapters = []
    for c in range(n // 10):
        pts = []
        for k in range(10):
            i = c * 10 + k + 1
            pts.append(
                Unit(
                    n=str(i),
                    text=f"Iestāde {i} informē pakalpojuma sniedzēju un Valsts policiju šādā kārtībā:",
                    units=[Unit(n=f"{i}.1", text="pa tālruni;"), Unit(n=f"{i}.2", text="rakstveidā.")],
                )
            )
        chapters.append({"n": str(c + 1), "title": f"Nodaļa {c + 1}", "points": pts})
    return Act(
        id="bench",
        number="1",
        date=dt.date(2020, 1, 1),
        title="Lieli noteikumi",
        izdoti="Izdoti saskaņā ar X",
        chapters=chapters,
    )


def fifty_changes() -> list[Change]:
    raw = []
    raw += [{"restate_lead": str(i * 15), "text": f"Jauna ievaddaļa {i}:"} for i in range(1, 21)]
    raw += [{"insert_after": str(i * 29), "points": [{"text": "Jauns A."}, {"text": "Jauns B."}]} for i in range(1, 11)]
    raw += [{"delete": f"{i * 27}.2"} for i in range(1, 11)]
    raw += [
        {"replace_in": str(i * 23), "words": "Valsts policiju", "with": "Valsts policiju un prokuratūru"}
        for i in range(1, 11)
    ]
    return [Change.model_validate(x) for x in raw]


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    act, changes = big_act(), fifty_changes()
    new = apply_changes(act, changes).act
    assert len(derive_changes(act, new)) == 50
    lines_a, lines_b = act.live_text().splitlines(), new.live_text().splitlines()
    rows = [
        (
            "consolidate 300 points + 50 instructions",
            lambda: consolidated_changes(act, apply_changes(act, changes).act),
            "deepcopy of the act",
            lambda: copy.deepcopy(act),
        ),
        (
            "derive 50 instructions from two 300-point versions",
            lambda: derive_changes(act, new),
            "difflib over the two versions' lines",
            lambda: list(difflib.unified_diff(lines_a, lines_b)),
        ),
    ]
    print(f"units: {sum(1 for _ in act.walk())} in force, {sum(1 for _ in new.walk())} after; repeat {args.repeat}")
    print("| case | pamats | reference | reference time | ratio |")
    print("|---|---|---|---|---|")
    for name, fn, ref_name, ref in rows:
        t, r = timed(fn, args.repeat), timed(ref, args.repeat)
        print(f"| {name} | {t * 1000:.1f} ms | {ref_name} | {r * 1000:.1f} ms | {t / r:.1f}x |")


if __name__ == "__main__":
    main()
