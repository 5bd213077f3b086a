"""Benchmark: the whole ``pamats gaps DIR --format json -o FILE`` process: wall time, CPU time and
peak memory (RSS) at 1k, 10k and 100k flows, side by side with references in the same run.

Usage: python bench/gaps_process_bench.py [--base BASE_SRC] [--rounds 2] [SIZES…]

Each size's landscape is generated once (bench/landscape_gen.py). Then, ``--rounds`` times, in
fresh processes one after another: the floor (only reading the landscape's YAML files with
pamats' parser, ``pamats.yamlio.load_yaml``, every file's data kept), the base checkout
(``--base``: the ``src`` folder of e.g. ``git worktree add /tmp/base main``) and this checkout.
Peak RSS is the child's own ``ru_maxrss`` (``os.wait4``), CPU is its user + system time.
Printed per size and side: the best wall and CPU time and the largest peak RSS over the rounds,
and whether the base's and this checkout's JSON reports are byte-identical (SHA-256).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
THIS_SRC = HERE.parent / "src"
sys.path.insert(0, str(HERE))

from landscape_gen import generate  # noqa: E402

_GAPS = "import sys; from pamats.cli.main import main; sys.exit(main(sys.argv[1:]))"
_FLOOR = """
import sys
from pathlib import Path
from pamats.yamlio import load_yaml
kept = [load_yaml(p)[0] for p in sorted(Path(sys.argv[1]).glob("*.yaml"))]
"""


def _measure(argv: list[str], src: Path) -> tuple[float, float, float, int]:
    """(wall s, CPU s, peak RSS MB, exit code) of one child process."""
    env = dict(os.environ, PYTHONPATH=str(src))
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{argv} failed ({proc.returncode}):\n{err}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024, proc.returncode


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", type=Path, help="src folder of the reference checkout")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("sizes", type=int, nargs="*", default=[1_000, 10_000, 100_000])
    args = ap.parse_args()
    py = sys.executable
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; load average {os.getloadavg()[0]:.1f}")
    print(f"this: {THIS_SRC}" + (f"\nbase: {args.base.resolve()}" if args.base else ""))
    print(f"{'flows':>8} {'side':>6} {'wall s':>8} {'CPU s':>8} {'peak RSS MB':>12}")
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "landscape"
            folder.mkdir()
            generate(n, folder)
            sides: list[tuple[str, list[str], Path]] = [("floor", [py, "-c", _FLOOR, str(folder)], THIS_SRC)]
            outs = {}
            for name, src in (("base", args.base), ("this", THIS_SRC)):
                if src is None:
                    continue
                outs[name] = Path(tmp) / f"{name}.json"
                gaps = [py, "-c", _GAPS, "gaps", str(folder), "--as-of", "2026-11-28", "--format", "json"]
                sides.append((name, [*gaps, "-o", str(outs[name])], src.resolve()))
            runs: dict[str, list[tuple[float, float, float, int]]] = {name: [] for name, _, _ in sides}
            for _ in range(args.rounds):
                for name, argv, src in sides:
                    runs[name].append(_measure(argv, src))
            for name, _, _ in sides:
                r = runs[name]
                print(
                    f"{n:>8} {name:>6} {min(x[0] for x in r):>8.2f} {min(x[1] for x in r):>8.2f} "
                    f"{max(x[2] for x in r):>12.0f}"
                )
            if len(outs) == 2:
                same = _sha(outs["base"]) == _sha(outs["this"])
                print(f"{n:>8} JSON reports base / this: {'identical' if same else 'DIFFER'}", flush=True)
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
