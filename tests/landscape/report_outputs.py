"""The reports whose hashes prove that Latvia's rules as data give exactly the reports of
before (tests/landscape/test_jurisdiction_same_reports.py): the JSON, Markdown (lv, en) and
terminal table (lv, en; rich, 120 columns, no colour) of graph/lv-nrm (as it is, and with
graph/lv-nrm-drafts adopted) and of every scenario landscape of tests/landscape/scenarios.

Run as a script to write the fixture from a checkout:
``python tests/landscape/report_outputs.py tests/landscape/fixtures/report-hashes-lv.json``
(the fixture was written on main at 74c5ce3, before the jurisdiction became data)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
AS_OF = dt.date(2027, 1, 1)


def _h(text: str, tmp: str | None = None) -> str:
    if tmp:  # a what-if names its draft files: the temporary folder differs per run
        text = text.replace(tmp, "<tmp>")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _table(report: dict, lang: str) -> str:
    from rich.console import Console

    from pamats.landscape.report import render

    buf = io.StringIO()
    render(report, "table", lang, console=Console(file=buf, width=120, color_system=None, force_terminal=False))
    return buf.getvalue()


def outputs(name: str, report: dict, graph: dict | None, tmp: str | None = None) -> dict[str, str]:
    """Hash of every output of one report: ``{"<name> <format> [lang]": sha256}``."""
    from pamats.landscape.report import render

    out = {f"{name} json": _h(json.dumps(report, ensure_ascii=False, indent=2), tmp)}
    for lang in ("lv", "en"):
        out[f"{name} md {lang}"] = _h(render(report, "md", lang, graph=graph), tmp)
        out[f"{name} table {lang}"] = _h(_table(report, lang), tmp)
    return out


def all_outputs() -> dict[str, str]:
    sys.path.insert(0, str(HERE))
    from scenario_lib import SCENARIOS, load_scenario, run_scenario

    from pamats.landscape.check import check_landscape
    from pamats.landscape.load import load_landscape
    from pamats.landscape.report import graph_data
    from pamats.landscape.whatif import what_if

    lv = REPO / "graph" / "lv-nrm"
    ls = load_landscape([lv])
    rep = check_landscape(ls, AS_OF).to_json()
    out = outputs("lv-nrm", rep, graph_data(ls, rep))
    drafts = sorted((REPO / "graph" / "lv-nrm-drafts").glob("*.yaml"))
    wi = what_if([lv], drafts, AS_OF).to_json()
    out.update(outputs("lv-nrm+drafts", wi, graph_data(load_landscape([lv], drafts=drafts, as_of=AS_OF), wi)))
    for path in sorted(SCENARIOS.glob("[0-9]*.yaml")):
        data = load_scenario(path)
        with tempfile.TemporaryDirectory() as tmp:
            report, wi = run_scenario(data, Path(tmp))
            out.update(outputs(f"scenario/{path.stem}", (wi or report).to_json(), None, tmp))
    return out


if __name__ == "__main__":
    Path(sys.argv[1]).write_text(json.dumps(all_outputs(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
