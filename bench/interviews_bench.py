"""Benchmark: time per interview screen through docassemble's REST API, pamats interviews
against a docassemble reference interview on the same server, and the time from the last
answer to the DOCX being ready.

Needs a running server (``bash scripts/da-server.sh start``; URL and key from .da/env).
For every interview with scenarios (tests/interviews/scenarios/<stem>--*.yaml) it drives
each scenario ``--runs`` times through the API and records each POST (answer -> next
screen) in seconds. The reference is docassemble's own
``docassemble.base:data/questions/examples/docx-template.yml`` (a letter from a DOCX
template), driven the same way. The POST whose reply first offers the DOCX is the one that
assembled it: it is reported separately ("answer -> DOCX downloaded", including the
download) and left out of the per-screen figures. Prints a Markdown table; ``--out FILE`` also writes it.

Usage: .venv/bin/python bench/interviews_bench.py [--runs 3] [--out bench/RESULTS-interviews.md]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "e2e"))
sys.path.insert(0, str(REPO / "tests" / "interviews"))

import harness  # noqa: E402
from rest import DAClient, drive_rest, server_env  # noqa: E402

REFERENCE = "docassemble.base:data/questions/examples/docx-template.yml"
REFERENCE_ANSWERS = {
    "user.name.first": "Jane",
    "user.name.last": "Doe",
    "adverse_party.name.first": "John",
    "adverse_party.name.last": "Roe",
    "adverse_party.address.address": "1 Main St",
    "adverse_party.address.unit": "",
    "adverse_party.address.city": "Springfield",
    "adverse_party.address.state": "IL",
    "adverse_party.address.zip": "62701",
    "subject_matter": "overpriced coffee",
    "user_approves": True,
}


def pct(values: list[float], p: float) -> float:
    v = sorted(values)
    if not v:
        return float("nan")
    k = max(0, min(len(v) - 1, round(p / 100 * len(v) + 0.5) - 1))
    return v[k]


def measure(client: DAClient, label: str, i: str, answers: dict, runs: int, stats: dict) -> None:
    for _ in range(runs):
        run = drive_rest(client, i, answers)
        if not run.seconds:
            raise SystemExit(f"{label}: no screens answered")
        # the POST whose reply first carries the DOCX is the one that assembled it
        k = next(
            (
                j
                for j, sc in enumerate(run.screens[1:])
                if any("docx" in (a.get("number") or {}) for a in sc.get("attachments") or [])
            ),
            None,
        )
        if k is None:
            raise SystemExit(f"{label}: no screen offered a DOCX")
        numbers = [int(a["number"]["docx"]) for a in run.screens[k + 1]["attachments"] if "docx" in a["number"]]
        t = time.perf_counter()
        for n in numbers:
            client.file(run.session, n)
        stats[label]["last"].append(run.seconds[k] + (time.perf_counter() - t))
        stats[label]["screens"].extend(x for j, x in enumerate(run.seconds) if j != k)
        stats[label]["count"].append(len(run.seconds))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", type=Path)
    ap.add_argument(
        "--scenario",
        type=Path,
        action="append",
        help="scenario file(s) to run instead of tests/interviews/scenarios/*.yaml",
    )
    args = ap.parse_args(argv)
    base, key = server_env()
    if not base or not key:
        print("no server: run `bash scripts/da-server.sh start` first", file=sys.stderr)
        return 2
    client = DAClient(base, key)
    stats: dict = defaultdict(lambda: {"screens": [], "last": [], "count": []})
    measure(
        client,
        "reference: docx-template.yml",
        REFERENCE,
        REFERENCE_ANSWERS,
        1,
        defaultdict(lambda: {"screens": [], "last": [], "count": []}),
    )  # warm-up
    measure(client, "reference: docx-template.yml", REFERENCE, REFERENCE_ANSWERS, args.runs, stats)
    scenarios = args.scenario or sorted((REPO / "tests" / "interviews" / "scenarios").glob("*.yaml"))
    for path in scenarios:
        sc = harness.load_scenario(path)
        label = sc["interview"]
        measure(client, label, harness.interview_ref(sc["interview"]), sc["answers"], args.runs, stats)
    ref = statistics.median(stats["reference: docx-template.yml"]["screens"])
    lines = [
        f"Server: {base} (docassemble.webapp 1.10.5, gunicorn 1 worker x 4 threads, debug on), "
        f"{platform.processor() or platform.machine()}, Python {platform.python_version()}; "
        f"{args.runs} run(s) per scenario, {len(scenarios)} scenario file(s).",
        "",
        "| interview | screens/run | per screen median (ms) | p95 (ms) | ratio to reference (median) "
        "| answer -> DOCX downloaded, median (ms) |",
        "|---|---|---|---|---|---|",
    ]
    for label, s in stats.items():
        med = statistics.median(s["screens"]) if s["screens"] else float("nan")
        lines.append(
            f"| {label} | {statistics.median(s['count']):.0f} | {med * 1000:.0f} | "
            f"{pct(s['screens'], 95) * 1000:.0f} | {med / ref:.2f} | {statistics.median(s['last']) * 1000:.0f} |"
        )
    text = "\n".join(lines)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
