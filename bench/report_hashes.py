"""Hashes of every gap-report output, to prove a refactoring changed no text.

Usage: python bench/report_hashes.py [--sizes 1000 10000 100000] [--out FILE]

For graph/lv-nrm (as it is, and with graph/lv-nrm-drafts adopted: the what-if report) and
for synthetic landscapes of bench/landscape_gen.py at the given sizes, prints one line per
output: the SHA-256 of the report JSON, of the Markdown and HTML texts (lv and en; with the
landscape's graph data, the picture and the sources for lv-nrm only), of the terminal table (lv and en, rich, 120 columns, no colour
codes), of the DOCX's ``word/document.xml`` (lv-nrm only) and of the gap interview's findings
table (:func:`pamats.interview.gaps.findings_table`). Run it on two checkouts (e.g.
``PYTHONPATH=/tmp/base/src``) and compare the outputs with ``diff``; the first line names
the ``pamats`` package it imported.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from landscape_gen import generate  # noqa: E402
from rich.console import Console  # noqa: E402

import pamats  # noqa: E402
from pamats.interview.gaps import findings_table  # noqa: E402
from pamats.landscape.check import check_landscape  # noqa: E402
from pamats.landscape.load import load_landscape  # noqa: E402
from pamats.landscape.report import graph_data, render  # noqa: E402
from pamats.landscape.whatif import what_if  # noqa: E402

AS_OF = dt.date(2027, 1, 1)
T0 = time.perf_counter()


def _h(data: str | bytes) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def _table(report: dict, lang: str) -> str:
    buf = io.StringIO()
    render(report, "table", lang, console=Console(file=buf, width=120, color_system=None, force_terminal=False))
    return buf.getvalue()


def _outputs(name: str, report: dict, graph: dict | None, docx: bool) -> list[tuple[str, str]]:
    print(f"# {name} at {time.perf_counter() - T0:.1f} s", file=sys.stderr, flush=True)
    out = [(f"{name} json", _h(json.dumps(report, ensure_ascii=False, indent=2, sort_keys=False)))]
    for lang in ("lv", "en"):
        out.append((f"{name} md {lang}", _h(render(report, "md", lang, graph=graph))))
        out.append((f"{name} html {lang}", _h(render(report, "html", lang, graph=graph))))
        out.append((f"{name} table {lang}", _h(_table(report, lang))))
        findings = report["after"]["findings"] if report.get("schema") == "pamats.what-if/1" else report["findings"]
        out.append((f"{name} interview-table {lang}", _h(findings_table(findings, graph, lang))))
        if docx:
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "r.docx"
                render(report, "docx", lang, path, graph=graph)
                with zipfile.ZipFile(path) as z:
                    out.append((f"{name} docx {lang}", _h(z.read("word/document.xml"))))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 100000])
    ap.add_argument("--out")
    args = ap.parse_args()
    repo = HERE.parent
    lines = [f"# pamats from {Path(pamats.__file__).resolve().parent}"]
    lv = repo / "graph" / "lv-nrm"
    ls = load_landscape([lv])
    rep = check_landscape(ls, AS_OF).to_json()
    lines += [f"{k} {v}" for k, v in _outputs("lv-nrm", rep, graph_data(ls, rep), True)]
    drafts = sorted((repo / "graph" / "lv-nrm-drafts").glob("*.yaml"))
    wi = what_if([lv], drafts, AS_OF).to_json()
    ls_after = load_landscape([lv], drafts=drafts, as_of=AS_OF)
    lines += [f"{k} {v}" for k, v in _outputs("lv-nrm+drafts", wi, graph_data(ls_after, wi), True)]
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            generate(n, Path(tmp))
            gls = load_landscape([Path(tmp)])
            grep = check_landscape(gls, AS_OF).to_json()
            # without the graph data: Graphviz takes minutes at 1k+ flows, and before
            # 2026-11-30 the renderers looked flows up per finding (hours at 100k)
            lines += [f"{k} {v}" for k, v in _outputs(f"gen{n}", grep, None, False)]
    text = "\n".join(lines) + "\n"
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    print(text, end="")
    print(f"# {time.perf_counter() - T0:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
