"""Benchmark: DOCX -> PDF per document, a running unoserver against a fresh headless soffice.

Usage: python bench/pdf_bench.py [--runs 3]
Drafts the four bundled Latvian instruments (regulation, order, annotation, agreement) as DOCX,
starts its own unoserver (scripts/unoserver.sh) on a free loopback port, and converts each
document ``--runs`` times both ways with ``pamats.drafting.render.pdf.render_pdf``
(``PAMATS_UNOSERVER=off`` for soffice). The unoserver's first conversion (LibreOffice warming
up) is reported separately and left out of the medians. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import platform
import socket
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from pamats.drafting.answers import load_answers
from pamats.drafting.build import build_instrument
from pamats.drafting.render.docx import render_docx
from pamats.drafting.render.pdf import UNOSERVER_ENV, render_pdf

REPO = Path(__file__).resolve().parents[1]
DOCS = {
    "regulation": "answers/nrm-regulation.yaml",
    "order": "answers/iem-order.yaml",
    "annotation": "answers/nrm-annotation.yaml",
    "agreement": "agreements/marta-vrs/answers.yaml",
}


def free_port_pair() -> int:
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        try:
            with socket.socket() as s2:
                s2.bind(("127.0.0.1", port + 1))
            return port
        except OSError:
            continue


def timed(docx: Path, out: Path, server: str) -> float:
    os.environ[UNOSERVER_ENV] = server
    t0 = time.perf_counter()
    render_pdf(docx, out)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    runs = ap.parse_args().runs
    with tempfile.TemporaryDirectory(prefix="pdf-bench-") as tmp:
        t = Path(tmp)
        docx = {
            k: render_docx(build_instrument(load_answers(REPO / rel), lang="lv"), t / f"{k}.docx")
            for k, rel in DOCS.items()
        }
        port = free_port_pair()
        script = str(REPO / "scripts" / "unoserver.sh")
        t0 = time.perf_counter()
        subprocess.run(["bash", script, "start", str(port), str(t / "uno")], check=True)
        start_s = time.perf_counter() - t0
        server = f"127.0.0.1:{port}"
        try:
            first = timed(docx["regulation"], t / "warm.pdf", server)
            rows = []
            for k, d in docx.items():
                uno = [timed(d, t / f"{k}-u.pdf", server) for _ in range(runs)]
                so = [timed(d, t / f"{k}-s.pdf", "off") for _ in range(runs)]
                rows.append((k, statistics.median(so), statistics.median(uno)))
        finally:
            subprocess.run(["bash", script, "stop", str(t / "uno")], check=True)
    print(
        f"machine: {os.cpu_count()} cores, {platform.machine()}, python {platform.python_version()}; "
        f"load average {os.getloadavg()[0]:.1f}; median of {runs} runs per document\n"
    )
    print("| document (lv) | fresh soffice s | unoserver s | unoserver / soffice |")
    print("|---|---|---|---|")
    for k, so, uno in rows:
        print(f"| {k} | {so:.2f} | {uno:.2f} | {uno / so:.2f} |")
    tot_so, tot_uno = sum(r[1] for r in rows), sum(r[2] for r in rows)
    print(f"| all four | {tot_so:.2f} | {tot_uno:.2f} | {tot_uno / tot_so:.2f} |")
    print(f"\nunoserver start (once): {start_s:.1f} s; its first conversion: {first:.2f} s (not in the medians)")


if __name__ == "__main__":
    main()
