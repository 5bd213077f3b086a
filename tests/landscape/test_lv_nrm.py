"""The bundled Latvian landscape (graph/lv-nrm): exact findings today, the what-if with the three
drafts (graph/lv-nrm-drafts), and the honesty of its data (sources, verified flags, vocabulary)."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import yaml
from click.testing import CliRunner

from pamats.cli.main import _register, cli
from pamats.landscape.check import check_landscape
from pamats.landscape.load import load_landscape
from pamats.landscape.model import LandscapeFile
from pamats.landscape.whatif import what_if

AS_OF = dt.date(2026, 11, 28)
DRAFTS = [
    "graph/lv-nrm-drafts/nrm-regulation.yaml",
    "graph/lv-nrm-drafts/iem-order.yaml",
    "graph/lv-nrm-drafts/marta-vrs-agreement.yaml",
]
SEED_GAP = "NO_BASIS:vrs-to-marta-possible-victim"
EXPECTED_TODAY = {
    SEED_GAP,
    "NO_BASIS:pmlp-to-marta-possible-victim",
    "NO_BASIS:soc-dienesti-to-marta",  # works in practice; no norm identified in the sources
    "NO_BASIS:tiesibsargs-to-marta-possible-victim",
    "NRM_NO_PATH_TO_PROVIDER:vrs",
    "NRM_NO_PATH_TO_PROVIDER:pmlp",
    "NRM_NO_PATH_TO_PROVIDER:vp",
    "NRM_NO_PATH_TO_PROVIDER:tiesibsargs",
    "NRM_NO_PATH_TO_PROVIDER:soc-dienesti",
    # no NRM_NO_PATH_TO_POLICE: CPL s.369(2)(5) lets anyone report a possible offence to the police
    # (kpl/s369-2-5, the reading bundled: institutions included; issue 15)
}
# coverage findings that only restate the NO_BASIS finding of the institution's one flow to a
# provider (pamats.landscape.coverage): linked, not counted among the distinct problems
EXPECTED_RESTATES = {
    "NRM_NO_PATH_TO_PROVIDER:vrs": SEED_GAP,
    "NRM_NO_PATH_TO_PROVIDER:pmlp": "NO_BASIS:pmlp-to-marta-possible-victim",
    "NRM_NO_PATH_TO_PROVIDER:soc-dienesti": "NO_BASIS:soc-dienesti-to-marta",
    "NRM_NO_PATH_TO_PROVIDER:tiesibsargs": "NO_BASIS:tiesibsargs-to-marta-possible-victim",
}
EXPECTED_COVERED = {
    # Criminal Procedure Law s.387(13) (likumi.lv 107820), not the LED-transposing law's s.5, which
    # authorises nothing by itself (issue 15; both read in the bundled consolidated texts)
    "vrs-to-vp-possible-case": ("kpl", "s387-13"),
    "krizes-centri-to-marta": ("gdpr", "art-6-1-a"),
    "marta-to-siva": ("mk-344-2019", "p2-2"),
    "drosa-maja-to-siva": ("mk-344-2019", "p2-2"),
    "siva-to-marta": ("mk-344-2019", "service-decision"),
    "siva-to-drosa-maja": ("mk-344-2019", "service-decision"),
}
UNCONFIRMED = re.compile(r"\[(nav noskaidrots|JĀPRECIZĒ|projekts|not identified|TO BE CONFIRMED|draft)", re.I)


@pytest.fixture(scope="module")
def today(repo):
    ls = load_landscape([repo / "graph/lv-nrm"])
    return ls, check_landscape(ls, AS_OF)


def test_landscape_loads_with_the_contract_actor_ids(today):
    ls, _ = today
    assert ls.meta.id == "lv-nrm" and ls.meta.jurisdiction == "lv"
    assert ls.meta.title.lv and ls.meta.title.en
    assert set(ls.actors) == {
        "saeima",
        "mk",
        "iem",
        "lm",
        "tm",
        "vrs",
        "vrs-koledza",
        "vp",
        "pmlp",
        "siva",
        "marta",
        "drosa-maja",
        "soc-dienesti",
        "krizes-centri",
        "tiesibsargs",
        "dvi",
        "upuru-komisija",
    }
    sub = {a.id: a.subordinate_to for a in ls.actors.values()}
    assert sub["vrs"] == sub["vp"] == sub["pmlp"] == "iem" and sub["siva"] is None and sub["vrs-koledza"] == "vrs"
    assert ls.actors["siva"].supervised_by == "lm"  # SPSPL s.15.1(1): supervision, not subordination
    assert ls.actors["marta"].public_authority is False and ls.actors["drosa-maja"].public_authority is False
    roles = {
        r: sorted(a.id for a in ls.actors.values() if r in a.roles)
        for r in ("first_contact", "service_provider", "police", "coordinator", "funder")
    }
    assert roles == {
        "first_contact": ["krizes-centri", "pmlp", "soc-dienesti", "tiesibsargs", "vp", "vrs"],
        "service_provider": ["drosa-maja", "marta"],
        "police": ["vp"],
        "coordinator": ["iem"],
        "funder": ["siva"],
    }


def test_every_file_validates_against_the_schema_on_its_own(repo):
    for d in ("graph/lv-nrm", "graph/lv-nrm-drafts"):
        for f in sorted((repo / d).glob("*.yaml")):
            LandscapeFile.model_validate(yaml.safe_load(f.read_text(encoding="utf-8")))


def test_findings_as_of_today_are_exactly_the_known_gaps(today):
    _, rep = today
    assert {f.key for f in rep.findings} == EXPECTED_TODAY
    got = {r.flow.id: (r.basis.instrument, r.basis.provision) for r in rep.results if r.covered}
    assert got == EXPECTED_COVERED
    assert {f.key: f.restates for f in rep.findings if f.restates} == EXPECTED_RESTATES
    # the police has no path to a provider: a problem of its own (the residence law s.5(3) covers
    # only a terminated reflection period)
    assert {f.key for f in rep.distinct} == {k for k in EXPECTED_TODAY if k not in EXPECTED_RESTATES}
    assert len(rep.distinct) == 5


def test_seed_gap_has_no_candidate_and_names_the_amendment_of_no_344_under_spspl(today):
    _, rep = today
    seed = next(f for f in rep.findings if f.key == SEED_GAP)
    assert seed.code == "NO_BASIS"
    assert seed.remedy.kind == "cabinet_regulation"
    # one mandate, one act: No. 344 is already issued under SPSPL 13(1)(7), so the remedy amends it
    assert seed.remedy.under == {
        "instrument": "spspl",
        "provision": "s13-1-7",
        "ref": "SPSPL 13. panta pirmās daļas 7. punkts",
        # the ministry responsible for the mandate, and the provision that says so (issue 15)
        "responsible": "lm",
        "responsible_basis": "SPSPL 14. panta pirmās daļas 1. punkts",
        "amend": "mk-344-2019",
        "amend_ref": "MK 344",
    }
    assert seed.remedy.en.endswith(
        "The ministry responsible for the mandate drafts and proposes it: Ministry of Welfare "
        "(SPSPL 14. panta pirmās daļas 1. punkts)."
    )
    assert "atbildīgā ministrija, kas projektu izstrādā un iesniedz: Labklājības ministrija" in seed.remedy.lv
    assert seed.remedy.en.startswith("Amend MK 344: add a point that allows VRS to disclose data to MARTA")
    assert seed.remedy.lv.startswith("Grozīt MK 344, papildinot ar punktu, kas atļauj datu nodošanu")
    assert seed.remedy.then == ["ministry_order", "agreement"]
    assert seed.remedy.interview == "amendment.yml"
    doc = rep.to_json()
    f = next(x for x in doc["findings"] if x["key"] == SEED_GAP)
    # The residence law's s.3 is an information duty to the person: it must not count as a basis.
    # Its s.5(3) (police -> provider when a reflection period is terminated) is only a near
    # provision: another sender, another purpose.
    assert all((c["instrument"], c["provision"]) != ("victims-residence-law", "s3") for c in f["candidates"])
    near = [c for c in f["candidates"] if c["instrument"] == "victims-residence-law"]
    assert near and all(c["failures"] for c in near)


def test_police_path_remedy_names_no_invented_law(repo, tmp_path):
    # under the other reading of CPL s.369(2)(5) (private persons only) PMLP has no path to the
    # police; the remedy then names no law that the data does not hold
    from test_reporting_readings import lv_nrm_with_reading

    rep = check_landscape(load_landscape([lv_nrm_with_reading(repo, tmp_path, "kind:ngo")]), AS_OF)
    f = next(f for f in rep.findings if f.key == "NRM_NO_PATH_TO_POLICE:pmlp")
    assert f.remedy.under is None and "[TO BE CONFIRMED: the empowering law and section]" in f.remedy.en


def test_the_three_drafts_close_the_seed_gap_and_every_other(repo, monkeypatch):
    monkeypatch.chdir(repo)
    wi = what_if(["graph/lv-nrm"], DRAFTS, AS_OF)
    assert SEED_GAP in wi.closed
    assert set(wi.closed) == EXPECTED_TODAY
    assert wi.remaining == [] and wi.opened == []
    after = {r.flow.id: r for r in wi.after.results}
    assert all(r.covered for r in after.values())
    basis = after["vrs-to-marta-possible-victim"].basis
    assert (basis.instrument, basis.provision) == ("nrm-regulation", "inform-provider")
    # flows that worked keep their own basis
    for fid, want in EXPECTED_COVERED.items():
        assert (after[fid].basis.instrument, after[fid].basis.provision) == want


def test_drafts_without_the_regulation_cannot_load(repo, monkeypatch):
    monkeypatch.chdir(repo)
    _register()
    res = CliRunner().invoke(
        cli, ["gaps", "graph/lv-nrm", "--with", DRAFTS[1], "--with", DRAFTS[2], "--as-of", "2026-11-28"]
    )
    assert res.exit_code == 2 and "nrm-regulation" in res.output and "Traceback" not in res.output


def test_every_instrument_and_provision_carries_source_and_verified_flag(repo):
    ls = load_landscape([repo / "graph/lv-nrm"], drafts=[repo / d for d in DRAFTS], as_of=AS_OF)
    n_ins = n_prov = 0
    for ins in ls.instruments.values():
        n_ins += 1
        assert ins.source.strip(), ins.id
        assert isinstance(ins.verified, bool), ins.id
        if UNCONFIRMED.search(ins.title.lv):
            assert ins.verified is False, ins.id
        for p in ins.provisions:
            n_prov += 1
            assert p.source and p.source.strip(), f"{ins.id}#{p.id}"
            assert isinstance(p.verified, bool), f"{ins.id}#{p.id}"
            if UNCONFIRMED.search(p.ref):
                assert p.verified is False, f"{ins.id}#{p.id} has an unconfirmed ref but is marked verified"
            if p.authorises and not p.verified:
                assert p.note or ins.id in {"nrm-regulation", "marta-vrs-agreement"}, (
                    f"{ins.id}#{p.id}: say why unverified"
                )
    for a in ls.actors.values():
        assert a.source, a.id
    assert n_ins == 14 + 3 and n_prov >= 30  # + Criminal Procedure Law (issue 15)


def test_drafts_are_marked_as_drafts(repo):
    for d in DRAFTS:
        data = yaml.safe_load((repo / d).read_text(encoding="utf-8"))
        for ins in data["instruments"]:
            assert ins["status"] == "draft" and ins["source"] == "draft: pamats" and ins["verified"] is False
            for p in ins.get("provisions", []):
                assert p["source"] == "draft: pamats" and p["verified"] is False
    reg = yaml.safe_load((repo / DRAFTS[0]).read_text(encoding="utf-8"))["instruments"][0]
    assert reg["empowered_by"] == [{"instrument": "spspl", "provision": "s13-1-7"}]
    assert "13(1)(7)" in reg["note"] and "drafter" in reg["note"]
    agr = yaml.safe_load((repo / DRAFTS[2]).read_text(encoding="utf-8"))["instruments"][0]
    assert agr["kind"] == "agreement" and agr["parties"] == ["marta", "vrs"]


def test_no_vocabulary_outside_the_jurisdiction(repo):
    """The landscape adds no terms of its own: every id it uses is in jurisdictions/lv.yaml."""
    lv = yaml.safe_load((repo / "src/pamats/landscape/jurisdictions/lv.yaml").read_text(encoding="utf-8"))
    vocab = {k: {t["id"] for t in lv[k]} for k in ("categories", "purposes", "subjects")}
    used = {"categories": set(), "purposes": set(), "subjects": set()}
    files = sorted((repo / "graph/lv-nrm").glob("*.yaml")) + [repo / d for d in DRAFTS]
    for f in files:
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        assert not ({"categories", "purposes", "subjects"} & set(data)), f"{f.name} defines its own vocabulary"
        perms = [
            p for i in data.get("instruments", []) for pr in i.get("provisions", []) for p in pr.get("authorises", [])
        ]
        for p in perms:
            used["categories"] |= set(p["categories"])
            used["purposes"] |= set(p["purposes"])
            used["subjects"] |= set(p["subjects"])
        for i in data.get("instruments", []):
            for pr in i.get("provisions", []):
                used["purposes"] |= set(pr.get("topics", []))
        for fl in data.get("flows", []):
            used["categories"] |= set(fl["categories"])
            used["purposes"].add(fl["purpose"])
            used["subjects"] |= set(fl["subjects"])
    for k in used:
        assert used[k] and used[k] <= vocab[k], (k, used[k] - vocab[k])


def test_cli_json_exit_code_and_summary(repo, monkeypatch):
    monkeypatch.chdir(repo)
    _register()
    res = CliRunner().invoke(cli, ["gaps", "graph/lv-nrm", "--as-of", "2026-11-28", "--format", "json"])
    assert res.exit_code == 1
    doc = json.loads(res.output)
    assert doc["schema"] == "pamats.gap-report/1"
    assert doc["summary"] == {
        "flows": 10,
        "covered": 6,
        "findings": 9,
        "distinct": 5,
        "restating": 4,
        "by_code": {"NO_BASIS": 4, "NRM_NO_PATH_TO_PROVIDER": 5},
    }
    restates = {f["key"]: f["restates"] for f in doc["findings"] if f["restates"]}
    assert restates == EXPECTED_RESTATES


def test_cli_whatif_exit_zero_when_all_gaps_close(repo, monkeypatch):
    monkeypatch.chdir(repo)
    _register()
    args = ["gaps", "graph/lv-nrm", "--as-of", "2026-11-28", "--format", "json"]
    for d in DRAFTS:
        args += ["--with", d]
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert doc["schema"] == "pamats.what-if/1" and len(doc["closed"]) == 9 and doc["after"]["findings"] == []


def test_mk_344_not_in_force_before_2019_leaves_provider_flows_uncovered(repo):
    rep = check_landscape(load_landscape([repo / "graph/lv-nrm"]), dt.date(2019, 1, 1))
    codes = {f["flow"]: f["code"] for f in rep.to_json()["findings"] if f["flow"]}
    assert codes["marta-to-siva"] == "NOT_IN_FORCE" and codes["siva-to-marta"] == "NOT_IN_FORCE"
