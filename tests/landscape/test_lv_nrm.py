"""The bundled Latvian landscape: its exact findings today, the what-if, and its sources."""

from __future__ import annotations

import datetime as dt
import json

from click.testing import CliRunner

from pamats.cli.main import _register, cli
from pamats.landscape.check import check_landscape
from pamats.landscape.load import load_landscape
from pamats.landscape.whatif import what_if

AS_OF = dt.date(2026, 11, 28)
DRAFTS = ["graph/lv-nrm-drafts/nrm-regulation.yaml", "graph/lv-nrm-drafts/iem-order.yaml",
          "graph/lv-nrm-drafts/marta-vrs-agreement.yaml"]
EXPECTED_TODAY = {
    "NO_BASIS:vrs-to-marta-possible-victim",  # the seed's gap
    "NO_BASIS:pmlp-to-marta-possible-victim",
    "NRM_NO_PATH_TO_PROVIDER:vrs", "NRM_NO_PATH_TO_PROVIDER:pmlp", "NRM_NO_PATH_TO_PROVIDER:vp",
    "NRM_NO_PATH_TO_PROVIDER:tiesibsargs",
    "NRM_NO_PATH_TO_POLICE:pmlp", "NRM_NO_PATH_TO_POLICE:soc-dienesti", "NRM_NO_PATH_TO_POLICE:krizes-centri",
    "NRM_NO_PATH_TO_POLICE:tiesibsargs",
}


def test_findings_as_of_today_are_exactly_the_known_gaps(repo, monkeypatch):
    monkeypatch.chdir(repo)
    rep = check_landscape(load_landscape(["graph/lv-nrm"]), AS_OF)
    assert {f.key for f in rep.findings} == EXPECTED_TODAY
    covered = {r.flow.id for r in rep.results if r.covered}
    assert covered == {"vrs-to-vp-possible-case", "soc-dienesti-to-marta", "krizes-centri-to-marta",
                       "marta-to-siva", "siva-to-marta"}


def test_seed_gap_names_a_cabinet_regulation_under_spspl(repo, monkeypatch):
    monkeypatch.chdir(repo)
    rep = check_landscape(load_landscape(["graph/lv-nrm"]), AS_OF)
    seed = next(f for f in rep.findings if f.key == "NO_BASIS:vrs-to-marta-possible-victim")
    assert seed.remedy.kind == "cabinet_regulation"
    assert seed.remedy.under == {"instrument": "spspl", "provision": "s13-1-7", "ref": "SPSPL 13. panta pirmās daļas 7. punkts"}
    assert seed.remedy.then == ["ministry_order", "agreement"]
    assert seed.remedy.interview == "regulation.yml"
    assert seed.en == "No provision allows VRS to disclose these data to MARTA."


def test_the_three_drafts_close_every_gap(repo, monkeypatch):
    monkeypatch.chdir(repo)
    wi = what_if(["graph/lv-nrm"], DRAFTS, AS_OF)
    assert set(wi.closed) == EXPECTED_TODAY
    assert wi.remaining == [] and wi.opened == []
    after = {r.flow.id: r for r in wi.after.results}
    basis = after["vrs-to-marta-possible-victim"].basis
    assert (basis.instrument, basis.provision) == ("nrm-regulation", "inform-provider")


def test_the_agreement_alone_does_not_close_the_seed_gap(repo, monkeypatch):
    monkeypatch.chdir(repo)
    # Without the regulation the agreement's empowering provision does not exist: load fails clearly.
    runner = CliRunner()
    _register()
    res = runner.invoke(cli, ["gaps", "graph/lv-nrm", "--with", DRAFTS[2], "--as-of", "2026-11-28"])
    assert res.exit_code == 2 and "unknown instrument 'nrm-regulation'" in res.output


def test_every_instrument_and_provision_carries_source_and_verified_flag(repo):
    ls = load_landscape([repo / "graph/lv-nrm"])
    for ins in ls.instruments.values():
        assert ins.source.strip(), ins.id
        assert isinstance(ins.verified, bool), ins.id
        for p in ins.provisions:
            assert p.source and p.source.strip(), f"{ins.id}#{p.id}"
            assert isinstance(p.verified, bool), f"{ins.id}#{p.id}"
            if "JĀPRECIZĒ" in p.ref:
                assert p.verified is False, f"{ins.id}#{p.id} has an unconfirmed ref but is marked verified"
    for a in ls.actors.values():
        assert a.source, a.id


def test_cli_json_exit_code_and_stable_schema(repo, monkeypatch):
    monkeypatch.chdir(repo)
    _register()
    res = CliRunner().invoke(cli, ["gaps", "graph/lv-nrm", "--as-of", "2026-11-28", "--format", "json"])
    assert res.exit_code == 1
    doc = json.loads(res.output)
    assert doc["schema"] == "pamats.gap-report/1"
    assert doc["summary"] == {"flows": 7, "covered": 5, "findings": 10,
                              "by_code": {"NO_BASIS": 2, "NRM_NO_PATH_TO_POLICE": 4, "NRM_NO_PATH_TO_PROVIDER": 4}}
    f = next(x for x in doc["findings"] if x["flow"] == "vrs-to-marta-possible-victim")
    assert set(f) == {"key", "code", "flow", "sender", "recipient", "categories", "purpose", "subjects", "regime",
                      "message", "candidates", "remedy"}


def test_cli_whatif_exit_zero_when_all_gaps_close(repo, monkeypatch):
    monkeypatch.chdir(repo)
    _register()
    args = ["gaps", "graph/lv-nrm", "--as-of", "2026-11-28", "--format", "json"]
    for d in DRAFTS:
        args += ["--with", d]
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert doc["schema"] == "pamats.what-if/1" and len(doc["closed"]) == 10 and doc["after"]["findings"] == []


def test_bad_date_is_usage_error(repo, monkeypatch):
    monkeypatch.chdir(repo)
    _register()
    res = CliRunner().invoke(cli, ["gaps", "graph/lv-nrm", "--as-of", "28.11.2026"])
    assert res.exit_code == 2 and "YYYY-MM-DD" in res.output


def test_committed_json_schema_is_up_to_date(repo):
    from pamats.landscape.model import LandscapeFile
    committed = json.loads((repo / "graph/schema/landscape.schema.json").read_text(encoding="utf-8"))
    assert committed == LandscapeFile.model_json_schema()
