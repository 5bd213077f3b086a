"""The check returns codes and parameters; the texts are said when a report first reads them.

On graph/lv-nrm (today and with its drafts adopted) and on the scenario whose flows have no
candidate (28: the nearest provisions of both sides are shown): no failure explanation, no nearest
provision's explanation and no finding message is formatted from the catalogue during
``check_landscape`` (every one is a Wording not yet said); reading them from eight threads at
once gives exactly the texts a single thread reads from another check of the same landscape.
"""

from __future__ import annotations

import datetime as dt
import json
from concurrent.futures import ThreadPoolExecutor

from scenario_lib import HERE, load_scenario, run_scenario

from pamats.landscape import explain
from pamats.landscape.check import check_landscape
from pamats.landscape.index import Index
from pamats.landscape.load import load_landscape

AS_OF = dt.date(2027, 1, 1)


def _wordings(report) -> list:
    """Every text of the report's findings: message, each candidate's failures, the remedy."""
    out = []
    for f in report.findings:
        out.append(f.text)
        out += [x.text for c in f.candidates for x in c.failures]
        if f.remedy is not None:
            out.append(f.remedy.text)
    return out


def _checks(repo, tmp_path) -> list:
    """Functions that each check one landscape afresh and return the report."""
    lv = repo / "graph/lv-nrm"
    drafts = sorted((repo / "graph/lv-nrm-drafts").glob("*.yaml"))
    near = load_scenario(HERE / "scenarios" / "28-ngos-report-about-children-only.yaml")
    runs = iter(range(1000))

    def scenario():
        (tmp := tmp_path / f"s{next(runs)}").mkdir()
        return run_scenario(near, tmp)[0]

    return [
        lambda: check_landscape(load_landscape([lv]), AS_OF),
        lambda: check_landscape(load_landscape([lv, *drafts]), AS_OF),
        scenario,
    ]


def test_check_formats_no_explanation(repo, tmp_path, monkeypatch):
    said = []

    def counting(real):
        def f(*a, **k):
            said.append(a[0])
            return real(*a, **k)

        return f

    for name in ("msg", "msg_around", "template"):
        monkeypatch.setattr(explain, name, counting(getattr(explain, name)))
    keys = set()
    for check in _checks(repo, tmp_path):
        said.clear()
        report = check()
        failures = [x.text for f in report.findings for c in f.candidates for x in c.failures]
        assert failures
        assert said == [], f"formatted during the check: {sorted(set(said))}"
        assert all(w._texts is None for w in failures)  # not said until read
        report.to_json()
        keys |= set(said)
    said_by_reports = {"failure.near_sender", "failure.near_recipient", "failure.excess", "failure.rank"}
    assert said_by_reports <= keys, keys


def test_texts_read_from_threads_are_the_same(repo, tmp_path):
    for check in _checks(repo, tmp_path):
        want = json.dumps(check().to_json(), ensure_ascii=False)
        report = check()
        texts = _wordings(report)
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda part: [(w.lv, w.en) for w in part], [texts[i::8] for i in range(8)]))
        assert json.dumps(report.to_json(), ensure_ascii=False) == want


def test_failures_do_not_hold_the_index(repo, tmp_path):
    """A failure is kept in the index's memo: were the index among its parameters, the index would
    be a reference cycle, freed only by the garbage collector (``pamats gaps`` pauses it: ~1 s of
    collection at exit at 100k flows; a server would keep every index until a full collection)."""
    for check in _checks(repo, tmp_path):
        report = check()
        failures = [x.text for f in report.findings for c in f.candidates for x in c.failures]
        assert failures
        assert not [w for w in failures if any(isinstance(a, Index) for a in w._args)]
