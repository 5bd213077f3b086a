"""Each interview block is written once, in Latvian; English comes from docassemble's own
``translations:`` XLIFF files (data/sources/<file>-en.xlf). Every translatable text has an
English unit, no unit is stale, no block carries a ``language:`` modifier, and an English
session really shows the XLIFF's English."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]


def _translations():
    sys.path.insert(0, str(HERE))
    import translations

    return translations


def test_every_text_has_an_english_translation_and_none_is_stale(da):
    t = _translations()
    report = t.check()
    assert set(report) >= {
        "regulation.yml",
        "order.yml",
        "agreement.yml",
        "gaps.yml",
        "_objects.yml",
        "_common.yml",
        "workspace.yml",
    }
    problems = [
        f"{t.xliff_path(f).name}: {kind}: {text[:80]!r}"
        for f, r in sorted(report.items())
        for kind in ("missing", "stale")
        for text in r[kind]
    ]
    assert not problems, (
        "run `.venv/bin/python tests/interviews/translations.py --update` and fill "
        "in the empty targets:\n" + "\n".join(problems)
    )


def test_each_block_is_written_once():
    for path in sorted((REPO / "interviews").glob("*.yml")):
        for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            if isinstance(doc, dict):
                assert "language" not in doc, f"{path.name}: block {doc.get('id')!r} has a language: modifier"
                assert not str(doc.get("id", "")).endswith((" lv", " en")), doc.get("id")


def test_translation_files_are_declared_and_in_the_package():
    t = _translations()
    for path in sorted((REPO / "interviews").glob("*.yml")):
        declared = [
            d["translations"]
            for d in yaml.safe_load_all(path.read_text(encoding="utf-8"))
            if isinstance(d, dict) and "translations" in d
        ]
        assert declared == [[t.xliff_path(path.name).name]], f"{path.name}: translations {declared}"
        assert t.xliff_path(path.name).is_file()


def test_an_english_session_shows_the_xliff_english(da):
    t = _translations()
    english = t.read_xliff(t.xliff_path("regulation.yml"))
    sc = da.load_scenario(HERE / "scenarios" / "regulation--date-repeal-en.yaml")
    run = da.drive(da.load_interview(sc["interview"]), sc["answers"])
    questions = {s.block_id: s.text for s in run.screens}
    assert english["Nosaukums un tvērums"] == "Title and scope"
    assert questions["regulation title"] == "Title and scope"
    assert questions["regulation review"] == "Review your answers"
    latvian = [
        s for s in run.screens if s.block_id != "pamats common language" and any(ch in s.text for ch in "āčēģīķļņšūž")
    ]
    assert not latvian, [(s.block_id, s.text) for s in latvian]
