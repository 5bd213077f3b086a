"""Collects the declarative scenarios (tests/landscape/scenarios/*.yaml) as tests.

A scenario is a small landscape in, expected findings out: ``name``, ``as_of``,
``landscape`` (one landscape file's keys; merged with ``_base.yaml`` when ``base: true``),
optional ``with`` (draft landscape files treated as adopted) and ``expect`` with
``findings`` (list of ``{code, flow}`` or ``{code, actor}``, compared exactly),
optional ``covered`` (flow ids, compared exactly), ``restates`` (coverage finding key -> the
key it restates, compared exactly: none when absent), ``distinct`` (the headline count),
``conditions`` (flow id -> the conditions of its basis), for what-ifs ``closed`` /
``remaining`` / ``opened`` (finding keys, compared exactly) and ``texts``: per finding
(``flow`` or ``actor``), fragments its ``lv`` / ``en`` texts (message, every candidate's
failures, remedy) must contain, and optionally ``kind``, the remedy's kind.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from scenario_lib import EXPECT_KEYS, HERE, SCENARIO_KEYS, SCENARIOS, load_scenario, run_scenario  # noqa: F401

from pamats.yamlio import load_yaml


class ScenarioItem(pytest.Item):
    def __init__(self, *, path_: Path, **kw):
        super().__init__(**kw)
        self.scenario_path = path_

    def runtest(self):
        import tempfile

        data = load_scenario(self.scenario_path)
        with tempfile.TemporaryDirectory() as tmp:
            report, wi = run_scenario(data, Path(tmp))
        exp = data["expect"]
        got = sorted((f.code, f.flow.id if f.flow is not None else None, f.actor) for f in report.findings)
        want = sorted((e["code"], e.get("flow"), e.get("actor")) for e in exp.get("findings", []))
        assert got == want, f"findings differ:\n got  {got}\n want {want}"
        if "covered" in exp:
            covered = sorted(r.flow.id for r in report.results if r.covered)
            assert covered == sorted(exp["covered"])
        # coverage findings that only restate another finding (compared exactly), and the count of
        # distinct problems (the headline)
        got_restates = {f.key: f.restates for f in report.findings if f.restates}
        assert got_restates == (exp.get("restates") or {}), f"restates: {got_restates}"
        if "distinct" in exp:
            assert len(report.distinct) == exp["distinct"], [f.key for f in report.distinct]
        for fid, conds in (exp.get("conditions") or {}).items():  # the conditions a covered flow relies on
            res = next(r for r in report.results if r.flow.id == fid)
            assert res.covered and list(res.conditions) == conds, f"{fid}: {res.conditions}"
        for key in ("closed", "remaining", "opened"):
            if key in exp:
                assert wi is not None, "closed/remaining/opened need 'with' drafts"
                assert sorted(getattr(wi, key)) == sorted(exp[key]), f"{key}: {getattr(wi, key)}"
        for e in exp.get("texts", []):
            f = next(
                (
                    f
                    for f in report.findings
                    if (f.flow.id if f.flow is not None else f.actor) == e.get("flow", e.get("actor"))
                ),
                None,
            )
            assert f is not None, f"texts: no finding for {e}"
            if "kind" in e:  # the remedy's kind: the instrument it asks for
                assert f.remedy is not None and f.remedy.kind == e["kind"], f"remedy kind: {f.remedy}"
            for lang in ("lv", "en"):
                text = "\n".join(
                    [
                        getattr(f, lang),
                        getattr(f.remedy, lang) if f.remedy else "",
                        *(getattr(x, lang) for c in f.candidates for x in c.failures),
                    ]
                )
                for fragment in e.get(lang, []):
                    assert fragment in text, f"{lang}: {fragment!r} not in:\n{text}"
        for f in report.findings:  # every finding explains itself
            assert f.lv and f.en
            assert f.remedy is not None and f.remedy.lv and f.remedy.en
            if f.flow is not None and f.code != "NO_BASIS":
                assert f.candidates and f.candidates[0].failures[0].code == f.code

    def reportinfo(self):
        return self.path, 0, f"scenario: {self.name}"


class ScenarioFile(pytest.File):
    def collect(self):
        data, _ = load_yaml(self.path)
        yield ScenarioItem.from_parent(self, name=data.get("name", self.path.stem), path_=self.path)


def pytest_collect_file(parent, file_path: Path):
    if file_path.parent == SCENARIOS and file_path.suffix == ".yaml" and not file_path.name.startswith("_"):
        return ScenarioFile.from_parent(parent, path=file_path)
    return None
