"""The bundled consolidated texts: what they hold, how a section splits into parts and points,
how a snapshot file becomes bundled data (pamats.sources.texts / structure / snapshot)."""

from __future__ import annotations

import json

from pamats.sources.snapshot import convert, section_text
from pamats.sources.structure import split_section
from pamats.sources.texts import bundled_laws, lookup, sources_dir

LAWS = {68488, 63545, 175919, 300099, 308278, 152712, 107820}


def test_every_cited_law_is_bundled_with_its_source_and_dates():
    laws = bundled_laws()
    assert set(laws) == LAWS
    for law in laws.values():
        assert law.url.startswith(f"https://likumi.lv/ta/id/{law.law}")
        assert law.retrieved == "2026-11-30" and law.origin["ingested"] == "2026-02-21"
        assert law.origin["repository"] == "Ansvar-Systems/Latvian-law-mcp"
        assert len(law.origin["commit"]) == 40 and law.origin["path"].startswith("data/seed/")
        assert law.path.endswith(f"/{law.law}-{law.url.split(f'/id/{law.law}-')[1]}.json")  # likumi.lv's slug
        assert law.sections and all(text.strip() for _h, text in law.sections.values())
    assert laws[107820].scope == "sections" and set(laws[107820].sections) == {"96", "369", "386", "387", "388"}
    assert all(laws[i].scope == "whole" for i in LAWS - {107820})
    notice = (sources_dir() / "lv" / "NOTICE").read_text(encoding="utf-8")
    assert "Apache License, Version 2.0" in notice and "Ansvar Systems AB" in notice and "3244441a" in notice


def test_the_norms_issue_15_relies_on_read_as_written():
    laws = bundled_laws()
    assert "tikai ar pašas personas vai tās pārstāvja piekrišanu" in lookup(laws, 107820, "96", "3").text
    assert "jebkura fiziskā vai juridiskā persona" in lookup(laws, 107820, "369", "2", "5").text
    assert lookup(laws, 107820, "386", None, "8").text.startswith("Valsts robežsardze")
    assert "Labklājības ministra pārraudzībā" in lookup(laws, 68488, "15.1", "1").text
    assert "bāriņtiesai un Valsts policijai" in lookup(laws, 68488, "12", "2.1").text
    assert (
        "sociālās rehabilitācijas pakalpojumu sniedzēju par nogaidīšanas perioda pārtraukšanu"
        in lookup(laws, 152712, "5", "3").text
    )
    assert lookup(laws, 68488, "13", "1", "7").text.startswith("cilvēku tirdzniecības upuru sociālo rehabilitāciju")


def test_parts_and_points_split_with_flattened_superscripts():
    whole, parts = split_section(
        "(1) Valsts nodrošina:\n1) pirmais;\n3 1 ) ievietots;\n(2 1 ) Ievietota daļa.\n"
        "(3) (Izslēgta ar 31.10.2024 . likumu)"
    )
    assert list(parts) == ["1", "2.1", "3"]
    assert list(parts["1"].points) == ["1", "3.1"] and parts["1"].points["3.1"].text == "ievietots;"
    assert parts["3"].repealed and not parts["2.1"].repealed
    assert whole.points == {}
    direct, none = split_section("Izmeklēšanu veic:\n1) Valsts policija;\n3) (izslēgts ar 31.10.2024 . likumu) ;")
    assert none == {} and direct.points["1"].text == "Valsts policija;" and direct.points["3"].repealed


def test_lookup_tells_missing_repealed_and_not_stored_apart():
    laws = bundled_laws()
    assert lookup(laws, 68488, "13", "1", "7").status == "ok"
    assert lookup(laws, 68488, "999").status == "missing"
    assert lookup(laws, 68488, "13", "20").status == "missing"
    assert lookup(laws, 68488, "13", "1", "99").status == "missing"
    assert lookup(laws, 68488, "15").status == "repealed"  # Sociālo pakalpojumu pārvalde
    assert lookup(laws, 68488, "13", "1", "3").status == "repealed"
    assert lookup(laws, 107820, "387", "3").status == "repealed"
    assert lookup(laws, 107820, "1").status == "not_stored"
    assert lookup(laws, 1, "1").status == "no_law"


def test_snapshot_sections_without_headings_are_rejoined_not_rewritten(tmp_path):
    assert section_text("Atzīšana par cietušo", "(1) Personu …") == ("Atzīšana par cietušo", "(1) Personu …")
    assert section_text("Ja ārzemnieks … iegūtu.", "3.pants. Ja ārzemnieks … iegūtu.") == (
        None,
        "Ja ārzemnieks … iegūtu.",
    )
    assert section_text("(1) Likuma mērķis ir X.", "(2) Neattiecas uz Y.") == (
        None,
        "(1) Likuma mērķis ir X.\n(2) Neattiecas uz Y.",
    )
    assert section_text("15. 1 pants. Aģentūra", "(1) Aģentūra ir …") == ("Aģentūra", "(1) Aģentūra ir …")
    seed = tmp_path / "law-4242-test.json"
    seed.write_text(
        json.dumps(
            {
                "id": "lv-law-4242",
                "title": "Testa likums",
                "title_en": "Test Law",
                "url": "https://likumi.lv/ta/id/4242",
                "provisions": [
                    {"section": "1", "title": "Termini", "content": "Teksts."},
                    {"section": "2", "title": "(1) Pirmā.", "content": "(2) Otrā."},
                ],
            }
        ),
        encoding="utf-8",
    )
    doc = convert(seed, sections=["2"], origin={"x": 1}, retrieved="2026-11-30")
    assert doc["law"] == 4242 and doc["scope"] == "sections"
    assert doc["sections"] == [{"section": "2", "heading": None, "text": "(1) Pirmā.\n(2) Otrā."}]


def test_list_names_every_bundled_law_with_its_source():
    from click.testing import CliRunner

    from pamats.cli.main import _register, cli

    _register()
    res = CliRunner().invoke(cli, ["sources", "list", "--lang", "en"])
    assert res.exit_code == 0
    for law in LAWS:
        assert f"\n{law}  " in "\n" + res.output
    assert "Kriminālprocesa likums (Criminal Procedure Law)" in res.output and "some sections" in res.output
    assert res.output.count("Ansvar-Systems/Latvian-law-mcp") == len(LAWS) and "retrieved 2026-11-30" in res.output
    assert "viss likums" in CliRunner().invoke(cli, ["sources", "list"]).output
