"""Side-by-side benchmark of two checkouts: load and check at 1k, 10k and 100k flows.

Usage: python bench/landscape_compare.py BASE_SRC [SIZES…]

BASE_SRC is the ``src`` folder of the other checkout (e.g. made with
``git worktree add /tmp/base <commit>``). For each size, runs ``bench/landscape_bench.py``
(this checkout's script, on both) in fresh processes, alternating base / this checkout
twice (ABAB), so both see the same machine load; prints each run's best times and the ratio
of this checkout's best to the base's best (over both rounds). The findings counts must
agree.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
THIS_SRC = HERE.parent / "src"


def _run(src: Path, n: int) -> dict:
    env = dict(os.environ, PYTHONPATH=str(src))
    out = subprocess.run([sys.executable, str(HERE / "landscape_bench.py"), str(n)], env=env, capture_output=True,
                         text=True, check=True).stdout
    row = out.strip().splitlines()[-1].split()
    load, check, total = (float(row[i].split("/")[0]) for i in (4, 5, 7))
    return {"load": load, "check": check, "total": total, "findings": int(row[8])}


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    base = Path(sys.argv[1]).resolve()
    sizes = [int(x) for x in sys.argv[2:]] or [1_000, 10_000, 100_000]
    print(f"base: {base}\nthis: {THIS_SRC}\nbest of 3 runs per process, two processes each (ABAB)")
    print(f"{'flows':>8} {'run':>5} {'load s':>8} {'check s':>8} {'total s':>8} {'findings':>9}")
    for n in sizes:
        runs: dict[str, list[dict]] = {"base": [], "this": []}
        for _ in range(2):
            for name, src in (("base", base), ("this", THIS_SRC)):
                r = _run(src, n)
                runs[name].append(r)
                print(f"{n:>8} {name:>5} {r['load']:>8.3f} {r['check']:>8.3f} {r['total']:>8.3f} {r['findings']:>9}", flush=True)
        best = {k: {m: min(r[m] for r in v) for m in ("load", "check", "total")} for k, v in runs.items()}
        same = len({r["findings"] for v in runs.values() for r in v}) == 1
        print(f"{n:>8} this/base: load {best['this']['load'] / best['base']['load']:.2f}, "
              f"check {best['this']['check'] / best['base']['check']:.2f}, "
              f"total {best['this']['total'] / best['base']['total']:.2f}; findings {'equal' if same else 'DIFFER'}")


if __name__ == "__main__":
    main()
