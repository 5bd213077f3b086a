"""Latvia's rules as data give exactly the reports of before: the hashes of the JSON, Markdown
and terminal reports of graph/lv-nrm (with and without its drafts) and of every scenario
landscape equal those written on main before the jurisdiction became data
(fixtures/report-hashes-lv.json; see report_outputs.py). A rule that changes the reports on
purpose rewrites the fixture in the same commit (from the repository's root:
`python tests/landscape/report_outputs.py tests/landscape/fixtures/report-hashes-lv.json`), so the diff shows it: issue 15's rules did (the
headline counts distinct problems, restated and conditional findings are marked)."""

from __future__ import annotations

import json
from pathlib import Path

from report_outputs import all_outputs

FIXTURE = Path(__file__).parent / "fixtures" / "report-hashes-lv.json"


def test_lv_reports_unchanged():
    before = json.loads(FIXTURE.read_text(encoding="utf-8"))
    after = all_outputs()
    assert len(before) > 100  # lv-nrm, lv-nrm+drafts and every scenario, 5 outputs each
    changed = sorted(k for k in before if after.get(k) != before[k])
    assert set(after) == set(before), sorted(set(after) ^ set(before))
    assert not changed, f"reports changed: {changed}"
