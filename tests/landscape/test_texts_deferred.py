"""The check returns codes and parameters; the texts are said when a report first reads them.

On graph/lv-nrm (today and with its drafts adopted), on the scenario whose flows have no
candidate (28: the nearest provisions of both sides are shown) and on the scenarios whose remedy
names an existing instrument (binding, parties, in force, empowerment) or an act to amend: nothing
is formatted from the catalogue by the check, its explanations and its remedies during
``check_landscape`` (no failure explanation, nearest provision's explanation, finding message or
remedy: every one is a Wording not yet said); reading them from eight threads at once gives
exactly the texts a single thread reads from another check of the same landscape. (The index's
own texts, why an instrument is not in force and what breaks its empowerment, are formatted once
per instrument when the index is built.)
"""

from __future__ import annotations

import datetime as dt
import json
from concurrent.futures import ThreadPoolExecutor

from scenario_lib import HERE, load_scenario, run_scenario

from pamats.landscape import check as check_module
from pamats.landscape import explain, remedy
from pamats.landscape.check import check_landscape
from pamats.landscape.findings import Wording
from pamats.landscape.index import Index
from pamats.landscape.load import load_landscape

AS_OF = dt.date(2027, 1, 1)

# scenarios whose remedies name an existing instrument (remedy._old_instrument: an order that cannot
# bind, an agreement's non-party, expired, broken empowerment, not yet in force) or an act to amend
_SCENARIOS = (
    "28-ngos-report-about-children-only",
    "05-order-cannot-bind-ngo",
    "08-agreement-non-party",
    "09-expired",
    "11-broken-empowerment-repealed-law",
    "13-no-empowering-provision",
    "22-remedy-amends-the-act-in-force",
    "23-adopted-not-yet-in-force",
    "25-coverage-names-the-existing-provision",
)
# what those remedies say (the functions a remedy's Wording is said by)
_REMEDY_SAYERS = {
    "_say_new_for_flow",
    "_say_internal_act",
    "_say_reissue",
    "say_key",
    "_say_new_instrument",
    "_say_existing",
}


def _wordings(report) -> list:
    """Every text of the report's findings: message, each candidate's failures, the remedy."""
    out: list = []
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
    runs = iter(range(1000))

    def scenario(name):
        sc = load_scenario(HERE / "scenarios" / f"{name}.yaml")

        def run():
            (tmp := tmp_path / f"s{next(runs)}").mkdir()
            return run_scenario(sc, tmp)[0]

        return run

    return [
        lambda: check_landscape(load_landscape([lv]), AS_OF),
        lambda: check_landscape(load_landscape([lv, *drafts]), AS_OF),
        *(scenario(name) for name in _SCENARIOS),
    ]


def test_check_formats_no_explanation(repo, tmp_path, monkeypatch):
    said = []

    def counting(real):
        def f(*a, **k):
            said.append(a[0])
            return real(*a, **k)

        return f

    # every catalogue function the check's modules import (check itself imports none)
    for module in (explain, remedy):
        for name in ("msg", "msg_around", "template"):
            if hasattr(module, name):
                monkeypatch.setattr(module, name, counting(getattr(module, name)))
    assert hasattr(remedy, "msg") and hasattr(remedy, "msg_around")
    assert not any(hasattr(check_module, name) for name in ("msg", "msg_around", "template"))
    keys, sayers = set(), set()
    for check in _checks(repo, tmp_path):
        said.clear()
        report = check()
        texts = _wordings(report)
        assert report.findings
        assert said == [], f"formatted during the check: {sorted(set(said))}"
        assert all(w._texts is None for w in texts)  # not said until read
        sayers |= {f.remedy.text._say.__name__ for f in report.findings if f.remedy is not None}
        report.to_json()
        keys |= set(said)
    assert sayers == _REMEDY_SAYERS, sayers
    said_by_reports = {"failure.near_sender", "failure.near_recipient", "failure.excess", "failure.rank"}
    said_by_reports |= {"code.NRM_NO_PATH_TO_PROVIDER.message", "code.NRM_NO_PATH_TO_POLICE.message"}
    said_by_reports |= {"remedy.internal_act", "remedy.add_parties", "remedy.adopt", "remedy.comes_into_force"}
    said_by_reports |= {"remedy.reissue", "remedy.amend_act", "remedy.inform", "remedy.existing"}
    assert said_by_reports <= keys, said_by_reports - keys


def test_texts_read_from_threads_are_the_same(repo, tmp_path):
    for check in _checks(repo, tmp_path):
        want = json.dumps(check().to_json(), ensure_ascii=False)
        report = check()
        texts = _wordings(report)
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda part: [(w.lv, w.en) for w in part], [texts[i::8] for i in range(8)]))
        assert json.dumps(report.to_json(), ensure_ascii=False) == want


def _holds_index(x) -> bool:
    """True when ``x`` is the index or a tuple, list or dict that holds it (a Wording among the
    parameters is checked on its own)."""
    if isinstance(x, Index):
        return True
    if isinstance(x, (tuple, list)):
        return any(_holds_index(y) for y in x)
    if isinstance(x, dict):
        return any(_holds_index(y) for y in (*x.keys(), *x.values()))
    return False


def test_failures_and_kept_remedies_do_not_hold_the_index(repo, tmp_path):
    """A failure is kept in the index's memo: were the index among its parameters, the index would
    be a reference cycle, freed only by the garbage collector (``pamats gaps`` pauses it: ~1 s of
    collection at exit at 100k flows; a server would keep every index until a full collection).
    So is a remedy that names an existing instrument (``remedy_memo.old_instrument``); the NRM
    remedies and messages are not kept but hold plain parameters too. (A finding's message and a
    flow's new-instrument remedy are fresh per flow: they read the index's memo tables.)"""
    kept = {"_say_internal_act", "_say_reissue", "say_key", "_say_new_instrument", "_say_existing"}
    seen = set()
    for check in _checks(repo, tmp_path):
        report = check()
        failures = [x.text for f in report.findings for c in f.candidates for x in c.failures]
        assert failures or report.findings
        assert not [w for w in failures if _holds_index(w._args)]
        remedies = [f.remedy.text for f in report.findings if f.remedy is not None]
        remedies = [w for w in remedies if w._say.__name__ in kept]
        nrm = [f.text for f in report.findings if f.flow is None]
        seen |= {w._say.__name__ for w in remedies}
        assert all(isinstance(w, Wording) for w in remedies + nrm)
        assert not [w for w in remedies + nrm if _holds_index(w._args)]
    assert seen == kept, seen
