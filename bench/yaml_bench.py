"""Benchmark: reading a 100k-flow landscape's YAML, before and after the one-parser change.

Usage: python bench/yaml_bench.py [FLOWS]   (default 100000)
Side by side in one run, best of 3 per file set: "before" = the previous reading
(``yaml_rs.loads`` with its defaults: implicit dates, no alias limit), "after" =
``pamats.yamlio.load_yaml`` (dates as strings, alias limit, dialect scan when the text holds
``!``/``<<``/``---``). Then the time to refuse an alias bomb (9 levels of 10: 10**10 nodes).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import yaml_rs

sys.path.insert(0, str(Path(__file__).resolve().parent))
from landscape_gen import generate  # noqa: E402

from pamats.errors import InputError  # noqa: E402
from pamats.yamlio import load_yaml  # noqa: E402


def best(fn, reps: int = 3) -> float:
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        generate(n, Path(tmp))
        files = sorted(Path(tmp).glob("*.yaml"))
        texts = [f.read_text(encoding="utf-8") for f in files]
        mb = sum(len(t.encode()) for t in texts) / 1e6
        before = best(lambda: [yaml_rs.loads(t) for t in texts])
        after = best(lambda: [load_yaml(f, text=t) for f, t in zip(files, texts)])
    print(f"{n:,} flows, {len(files)} files, {mb:.1f} MB YAML; best of 3")
    print(f"{'before (yaml_rs defaults)':>28} {'after (load_yaml)':>18} {'after/before':>13}")
    print(f"{before:>27.3f}s {after:>17.3f}s {after / before:>13.2f}")
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, 10)]
    t0 = time.perf_counter()
    try:
        load_yaml("bomb.yaml", text="\n".join(lines) + "\n")
        print("alias bomb: NOT refused")
    except InputError as e:
        print(f"alias bomb refused in {time.perf_counter() - t0:.3f}s: {str(e).splitlines()[0]}")


if __name__ == "__main__":
    main()
