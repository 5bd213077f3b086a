"""Benchmark: time per interview screen through docassemble's REST API, pamats interviews
against a docassemble reference interview, and the time from the answer that assembles the
documents to the DOCX and the PDF downloaded, side by side with docassemble's default
server in the same run.

Needs a running server (``bash scripts/da-server.sh start``; URL and key from .da/env). The
benchmark starts a second gunicorn on the same docassemble installation, database and Redis
(tests/e2e/second_server.py) with the same configuration less ``enable unoconv`` /
``unoconvert path`` (docassemble's default: LibreOffice started per PDF), and stops it at the
end. For every scenario (tests/interviews/scenarios/<stem>--*.yaml), ``--runs`` times, it
drives in turn: docassemble's reference interview
``docassemble.base:data/questions/examples/docx-template.yml`` (a letter from a DOCX template,
DOCX + PDF) on the default server, the same reference on our server, and the scenario's
pamats interview on our server, so each pamats figure has two reference figures taken just
before it. Each POST (answer -> next screen) is timed; the POST whose reply first offers the
DOCX is the one that assembled the documents: it is reported separately ("answer -> DOCX +
PDF downloaded", that POST plus downloading every DOCX and PDF it offers) and left out of the
per-screen figures. Prints Markdown tables; ``--out FILE`` also writes them.
``--no-default-server`` measures our server only.

Usage: .venv/bin/python bench/interviews_bench.py [--runs 3] [--out FILE] [--scenario FILE ...]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "e2e"))
sys.path.insert(0, str(REPO / "tests" / "interviews"))

import harness  # noqa: E402
import second_server  # noqa: E402
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
REF_DEFAULT = "reference: docx-template.yml, default server"
REF_OURS = "reference: docx-template.yml, our server"
# the lines of our configuration that hand DOCX -> PDF to the unoserver (scripts/da-server.sh)
UNOCONV_KEYS = ("enable unoconv:", "unoconvert path:")


def pct(values: list[float], p: float) -> float:
    v = sorted(values)
    if not v:
        return float("nan")
    k = max(0, min(len(v) - 1, round(p / 100 * len(v) + 0.5) - 1))
    return v[k]


def measure_once(client: DAClient, label: str, i: str, answers: dict, stats: dict) -> float:
    """Drive one run; record its screens; return the seconds from the answer that assembles the
    documents to every DOCX and PDF it offers downloaded."""
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
    attachments = run.screens[k + 1]["attachments"]
    numbers = [int(a["number"][fmt]) for a in attachments for fmt in ("docx", "pdf") if fmt in a["number"]]
    if not any("pdf" in a["number"] for a in attachments):
        raise SystemExit(f"{label}: the screen that offers the DOCX offers no PDF")
    t = time.perf_counter()
    for n in numbers:
        client.file(run.session, n)
    last = run.seconds[k] + (time.perf_counter() - t)
    s = stats[label]
    s["last"].append(last)
    s["screens"].extend(x for j, x in enumerate(run.seconds) if j != k)
    s["count"].append(len(run.seconds))
    return last


def default_config(da: Path, base: str, out: Path) -> Path:
    """``out``: our .da/config/config.yml for ``base`` without the unoserver lines (docassemble's
    default conversion: LibreOffice started per PDF)."""
    lines = []
    for line in (da / "config" / "config.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith(UNOCONV_KEYS):
            continue
        lines.append(f"url root: {base}" if line.startswith("url root:") else line)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def _ms(x: float) -> str:
    return f"{x * 1000:.0f}"


def screens_table(stats: dict, ref_label: str) -> list[str]:
    ref = statistics.median(stats[ref_label]["screens"])
    lines = [
        "| interview | server | screens/run | per screen median (ms) | p95 (ms) | ratio to reference on the same server (median) |",
        "|---|---|---|---|---|---|",
    ]
    for label, s in stats.items():
        if label == REF_DEFAULT:
            continue  # its screens are compared with its documents only (the same server as ours otherwise)
        med = statistics.median(s["screens"])
        name = "reference: docx-template.yml" if label == REF_OURS else label
        lines.append(
            f"| {name} | ours | {statistics.median(s['count']):.0f} | {_ms(med)} | {_ms(pct(s['screens'], 95))} "
            f"| {med / ref:.2f} |"
        )
    return lines


def documents_table(stats: dict, triples: list[tuple[str, float, float, float]]) -> list[str]:
    """Answer -> DOCX + PDF downloaded: median and spread per interview, and the ratios to the
    reference on the default server (of the medians, and of each run to the reference run
    just before it)."""
    ref_default = statistics.median(stats[REF_DEFAULT]["last"])
    lines = [
        "| interview | server | runs | answer -> DOCX + PDF downloaded, median (ms) | min–max (ms) "
        "| ratio of medians to the reference on the default server | ratio per run (median, min–max) |",
        "|---|---|---|---|---|---|---|",
    ]
    per_run: dict[str, list[float]] = defaultdict(list)
    for label, d, o, p in triples:
        per_run[REF_OURS].append(o / d)
        per_run[label].append(p / d)
    for label, s in stats.items():
        v = s["last"]
        server = "default" if label == REF_DEFAULT else "ours"
        name = "reference: docx-template.yml" if label in (REF_DEFAULT, REF_OURS) else label
        r = per_run.get(label)
        rr = f"{statistics.median(r):.2f} ({min(r):.2f}–{max(r):.2f})" if r else "1.00"
        lines.append(
            f"| {name} | {server} | {len(v)} | {_ms(statistics.median(v))} | {_ms(min(v))}–{_ms(max(v))} "
            f"| {statistics.median(v) / ref_default:.2f} | {rr} |"
        )
    return lines


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
    ap.add_argument(
        "--no-default-server",
        action="store_true",
        help="measure our server only (no second gunicorn with docassemble's default configuration)",
    )
    args = ap.parse_args(argv)
    base, key = server_env()
    if not base or not key:
        print("no server: run `bash scripts/da-server.sh start` first", file=sys.stderr)
        return 2
    da = REPO / ".da"
    cfg = (da / "config" / "config.yml").read_text(encoding="utf-8")
    ours_unoconv = any(line.startswith(UNOCONV_KEYS[0]) for line in cfg.splitlines())
    if not args.no_default_server and not ours_unoconv:
        print("warning: our server has no `enable unoconv`: both servers convert the same way", file=sys.stderr)
    scenarios = args.scenario or sorted((REPO / "tests" / "interviews" / "scenarios").glob("*.yaml"))
    loaded = [harness.load_scenario(p) for p in scenarios]
    ours = DAClient(base, key)
    stats: dict = defaultdict(lambda: {"screens": [], "last": [], "count": []})
    triples: list[tuple[str, float, float, float]] = []
    load_before = os.getloadavg()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    proc = None
    with tempfile.TemporaryDirectory(prefix="pamats-bench-") as tmp:
        try:
            default = None
            if not args.no_default_server:
                port = second_server.free_port()
                conf = default_config(da, f"http://127.0.0.1:{port}", Path(tmp) / "config.yml")
                proc, base2 = second_server.start(da, config=conf, port=port)
                default = DAClient(base2, key)
            # warm-up (a first PDF after a start sets up LibreOffice's profile); not recorded
            warm: dict = defaultdict(lambda: {"screens": [], "last": [], "count": []})
            if default:
                measure_once(default, REF_DEFAULT, REFERENCE, REFERENCE_ANSWERS, warm)
            measure_once(ours, REF_OURS, REFERENCE, REFERENCE_ANSWERS, warm)
            for sc in {sc["interview"]: sc for sc in loaded}.values():
                measure_once(ours, sc["interview"], harness.interview_ref(sc["interview"]), sc["answers"], warm)
            for _ in range(args.runs):
                for sc in loaded:
                    d = measure_once(default, REF_DEFAULT, REFERENCE, REFERENCE_ANSWERS, stats) if default else 0.0
                    o = measure_once(ours, REF_OURS, REFERENCE, REFERENCE_ANSWERS, stats)
                    label = sc["interview"]
                    p = measure_once(ours, label, harness.interview_ref(label), sc["answers"], stats)
                    if default:
                        triples.append((label, d, o, p))
        finally:
            if proc is not None:
                second_server.stop(proc)
    load_after = os.getloadavg()
    lines = [
        f"Run of {started}: our server {base} (docassemble.webapp 1.10.5, gunicorn 1 worker x 4 threads, "
        f"debug on, {'`enable unoconv: True` (unoserver)' if ours_unoconv else 'no unoconv'})"
        + (
            ""
            if args.no_default_server
            else "; default server: a second gunicorn of the same installation "
            "without `enable unoconv` (LibreOffice started per PDF)"
        )
        + f"; {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
        f"{args.runs} run(s) per scenario, {len(scenarios)} scenario file(s); load average (1 min) "
        f"{load_before[0]:.1f} before, {load_after[0]:.1f} after.",
        "",
        "Per screen (the answer that assembles the documents left out):",
        "",
        *screens_table(stats, REF_OURS),
        "",
        "Answer -> DOCX + PDF downloaded:",
        "",
        *(documents_table(stats, triples) if not args.no_default_server else []),
    ]
    if args.no_default_server:
        ref = statistics.median(stats[REF_OURS]["last"])
        lines += ["| interview | median (ms) | ratio to reference |", "|---|---|---|"]
        lines += [
            f"| {k} | {_ms(statistics.median(s['last']))} | {statistics.median(s['last']) / ref:.2f} |"
            for k, s in stats.items()
        ]
    text = "\n".join(lines)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
