"""Jurisdictions as data: two invented jurisdictions (tests/landscape/jurisdictions/examplia and
testland, each a landscape folder with its own jurisdiction.yaml) give their expected findings
(expect/<name>.yaml), differ from Latvia in every rule a jurisdiction file holds, and nothing
Latvian leaks into their reports in any output format; a bad jurisdiction file or a landscape
that breaks its rules is refused with file:line, exit 2."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from pamats.cli.main import _register, cli
from pamats.landscape.check import check_landscape, required_rank
from pamats.landscape.index import build_index
from pamats.landscape.jurisdiction import load_jurisdiction
from pamats.landscape.jurisdiction_load import read_jurisdiction
from pamats.landscape.load import load_landscape
from pamats.landscape.model import Flow
from pamats.yamlio import load_yaml

HERE = Path(__file__).parent / "jurisdictions"
NAMES = ["examplia", "testland"]
CATALOGUE = Path(__file__).resolve().parents[2] / "src" / "pamats" / "text" / "catalogue"


def _expect(name: str) -> dict:
    return load_yaml(HERE / "expect" / f"{name}.yaml")[0]


@pytest.mark.parametrize("name", NAMES)
def test_expected_findings(name):
    exp = _expect(name)
    ls = load_landscape([HERE / name])
    assert ls.jurisdiction.id == name and ls.jurisdiction.invented
    rep = check_landscape(ls, dt.date.fromisoformat(str(exp["as_of"])))
    got = sorted((f.code, f.flow.id if f.flow else None, f.actor) for f in rep.findings)
    want = sorted((e["code"], e.get("flow"), e.get("actor")) for e in exp["findings"])
    assert got == want
    assert sorted(r.flow.id for r in rep.results if r.covered) == sorted(exp["covered"])
    for e in exp["texts"]:
        f = next(
            f
            for f in rep.findings
            if (f.flow.id if f.flow else f.actor) == e.get("flow", e.get("actor")) and f.code == e.get("code", f.code)
        )
        assert f.remedy.kind == e["kind"]
        assert f.remedy.interview is None  # pamats's interviews draft Latvian instruments only
        text = " ".join([f.en, f.remedy.en, *(x.en for c in f.candidates for x in c.failures)])
        for frag in e["en"]:
            assert frag in text, f"{frag!r} not in {text!r}"


@pytest.mark.parametrize("name", NAMES)
def test_differs_from_latvia_in_every_rule(name):
    lv = load_jurisdiction("lv")
    j = read_jurisdiction(HERE / name / "jurisdiction.yaml")
    assert j.languages == ["en"] and "lv" in lv.languages  # Latvian not required outside Latvia
    assert [(r.id, r.level) for r in j.ranks] != [(r.id, r.level) for r in lv.ranks]  # the ladder
    assert {r.binds for r in j.ranks if r.external is False} <= {"subordinates_of_issuer", "parties"}
    assert {r.id for r in j.roles}.isdisjoint({r.id for r in lv.roles})  # the roles
    assert j.nrm.first_contact_role != lv.nrm.first_contact_role
    assert j.nrm.to_service_provider.categories != lv.nrm.to_service_provider.categories  # minimum referral
    assert j.nrm.to_police.purpose != lv.nrm.to_police.purpose
    if name == "examplia":  # a ministry's order binds everyone; re-delegation allowed
        assert j.redelegation and not lv.redelegation
        assert next(r for r in j.ranks if r.id == "ministerial_order").binds == "everyone"
        assert next(r for r in lv.ranks if r.id == "ministry_order").binds == "subordinates_of_issuer"
    else:  # no re-delegation even where may_empower names the kind; a circular binds subordinates
        assert not j.redelegation and "rule" in next(r for r in j.ranks if r.id == "regulation").may_empower


@pytest.mark.parametrize("name", NAMES)
def test_rank_a_disclosure_needs_differs_from_latvia(name):
    """The same disclosure (a public body's ordinary data; special-category data) needs another
    rank than in Latvia: the rank rules are the jurisdiction's."""
    ls = load_landscape([HERE / name])
    ix = build_index(ls, dt.date(2027, 1, 1))
    public = next(a for a in ls.actors.values() if a.public_authority and a.roles)
    ordinary = ls.jurisdiction.nrm.to_police.categories
    special = [c.id for c in ls.jurisdiction.categories if c.art9][:1]
    flow = Flow(id="x", sender=public.id, recipient=public.id, categories=ordinary, purpose="p", subjects=["s"])
    need = required_rank(ix, flow)[0]
    need_special = required_rank(ix, dataclasses.replace(flow, categories=special))[0]
    expected = {"examplia": ("ministerial_order", "statute"), "testland": ("act", "act")}[name]
    assert (need, need_special) == expected  # Latvia: cabinet_regulation for both


def _texts(obj) -> list[str]:
    if isinstance(obj, dict):
        return [t for v in obj.values() for t in _texts(v)]
    if isinstance(obj, list):
        return [t for v in obj for t in _texts(v)]
    return [re.sub(r"\{[^}]*\}", " ", obj)] if isinstance(obj, str) else []


def _latvian_words() -> set[str]:
    """Words of the Latvian catalogue's texts that the English texts do not use (4+ letters)."""
    words = re.compile(r"[^\W\d_]{4,}")
    lv = set(words.findall(" ".join(_texts(load_yaml(CATALOGUE / "lv.yaml")[0]))))
    en = set(words.findall(" ".join(_texts(load_yaml(CATALOGUE / "en.yaml")[0]))))
    return {w for w in lv - en if w.lower() == w} - {"pamats"}  # the tool's name (JSON "schema": "pamats.…")


LATVIAN_MARKS = re.compile(r"[āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ]|\bMK\b|\bMinistru\b|\bSaeima|likumi\.lv|[Ll]atvi")
LATVIAN_INSTRUMENTS = ("cabinet_regulation", "cabinet_order", "ministry_order", "internal_instruction", "Cabinet")
LV_INTERVIEWS = ("regulation.yml", "order.yml", "agreement.yml", "amendment.yml")


def _report(name: str, fmt: str, tmp_path: Path) -> str:
    _register()
    args = ["gaps", str(HERE / name), "--as-of", "2027-01-01", "--format", fmt]
    if fmt == "docx":
        args += ["-o", str(tmp_path / "r.docx")]
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 1, res.output  # findings
    if fmt == "docx":
        with zipfile.ZipFile(tmp_path / "r.docx") as z:
            return re.sub(r"<[^>]+>", " ", z.read("word/document.xml").decode("utf-8"))
    return res.output


@pytest.mark.parametrize("fmt", ["json", "md", "table", "html", "docx"])
@pytest.mark.parametrize("name", NAMES)
def test_nothing_latvian_leaks(name, fmt, tmp_path):
    text = _report(name, fmt, tmp_path)
    assert "Examplia referral mechanism" in text or "Testland victim care network" in text  # the report is there
    assert not LATVIAN_MARKS.search(text), LATVIAN_MARKS.search(text).group(0)
    for w in LATVIAN_INSTRUMENTS + LV_INTERVIEWS:
        assert w not in text, w
    found = sorted(w for w in _latvian_words() if re.search(rf"\b{w}\b", text))
    assert not found, found
    if fmt == "json":
        assert '"lv"' not in text  # the texts are given in the jurisdiction's languages only
    if fmt == "md":
        assert "Legal-basis gap report" in text  # the jurisdiction's first language is the default


def test_english_fallback_in_a_latvian_report(tmp_path):
    """Asked in Latvian, the report's own words are Latvian and the landscape's English texts
    stand where it has no Latvian (English fallback)."""
    _register()
    res = CliRunner().invoke(
        cli, ["gaps", str(HERE / "examplia"), "--as-of", "2027-01-01", "--format", "md", "--lang", "lv"]
    )
    assert res.exit_code == 1
    assert "Northside School" in res.output and "Examplia Police" in res.output


def test_latvian_words_list_is_meaningful():
    words = _latvian_words()
    assert len(words) > 200 and {"pamata", "tiesiskā", "plūsmas"} <= words


# -- bad input: file:line, what is wrong, how to fix it; exit 2, never a traceback -----------

BAD_CASES = [
    # (file to change, old text, new text, file:line expected, fragment)
    ("jurisdiction.yaml", "min_rank: statute", "min_rank: statue", "jurisdiction.yaml:54", "unknown rank 'statue'"),
    ("jurisdiction.yaml", "languages: [en]\n", "", "jurisdiction.yaml", "missing required key 'languages'"),
    (
        "jurisdiction.yaml",
        "label: {en: shelter}",
        "label: {lv: patversme}",
        "jurisdiction.yaml:73",
        "missing required key 'en'",
    ),
    (
        "jurisdiction.yaml",
        "first_contact_role: frontline",
        "first_contact_role: frontdesk",
        "jurisdiction.yaml:78",
        "unknown role 'frontdesk'",
    ),
    ("jurisdiction.yaml", "redelegation: true", "redelegation: maybe", "jurisdiction.yaml:69", "redelegation"),
    (
        "actors.yaml",
        "name: {en: City Clinic}",
        "name: {lv: Pilsētas klīnika}",
        "actors.yaml:5",
        "missing required key 'en'",
    ),
    (
        "actors.yaml",
        "roles: [investigator]",
        "roles: [police]",
        "actors.yaml:8",
        "role 'police' is not allowed in jurisdiction examplia",
    ),
    (
        "landscape.yaml",
        "  title:",
        "  jurisdiction: lv\n  title:",
        "landscape.yaml:3",
        "but its folder's jurisdiction.yaml is 'examplia'",
    ),
]


@pytest.mark.parametrize("case", BAD_CASES, ids=[c[4] for c in BAD_CASES])
def test_bad_jurisdiction_input(case, tmp_path, monkeypatch):
    fname, old, new, where, fragment = case
    land = tmp_path / "examplia"
    shutil.copytree(HERE / "examplia", land)
    p = land / fname
    text = p.read_text(encoding="utf-8")
    assert old in text
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _register()
    res = CliRunner().invoke(cli, ["gaps", "examplia", "--format", "json"])
    assert res.exit_code == 2, res.output
    assert "Traceback" not in res.output
    line = next((x for x in res.output.splitlines() if fragment in x), None)
    assert line is not None, res.output
    assert f"examplia/{where}:" in line, res.output
    assert "hint" in res.output or "did you mean" in res.output or "→" in res.output or "\n" in res.output
