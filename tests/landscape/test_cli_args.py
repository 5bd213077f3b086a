"""`pamats gaps` arguments that used to be read by accident: a shell glob after --with, and an
as-of date without dashes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from pamats.cli.main import _register, cli

REPO = Path(__file__).resolve().parents[2]
DRAFTS = REPO / "graph/lv-nrm-drafts"


def _gaps(*args):
    _register()
    return CliRunner().invoke(cli, ["gaps", *map(str, args)])


def test_a_glob_after_with_is_refused_not_merged_into_the_landscape():
    files = sorted(DRAFTS.glob("*.yaml"))
    assert len(files) == 3
    r = _gaps(REPO / "graph/lv-nrm", "--as-of", "2026-11-28", "--with", *files)
    assert r.exit_code == 2
    assert "holds only draft instruments" in r.output and "--with a.yaml --with b.yaml" in r.output
    assert files[1].name in r.output  # the file that arrived as a landscape path is named


def test_every_draft_after_its_own_with_is_taken_as_adopted():
    args = [REPO / "graph/lv-nrm", "--as-of", "2026-11-28", "--format", "json"]
    for f in sorted(DRAFTS.glob("*.yaml")):
        args += ["--with", f]
    r = _gaps(*args)
    assert r.exit_code == 0, r.output
    report = json.loads(r.output)
    assert len(report["drafts"]) == 3 and len(report["closed"]) == 9
    assert report["remaining"] == [] and report["opened"] == []


def test_an_answers_file_among_the_landscape_paths_is_refused():
    r = _gaps(REPO / "graph/lv-nrm", REPO / "answers/nrm-regulation.yaml", "--as-of", "2026-11-28")
    assert r.exit_code == 2
    assert "answers file" in r.output and "--with" in r.output


def test_an_as_of_date_without_dashes_is_refused():
    for bad in ("20250601", "2025-6-1", "1.6.2025", "2025-02-30"):
        r = _gaps(REPO / "graph/lv-nrm", "--as-of", bad)
        assert r.exit_code == 2, bad
        assert "is not a date" in r.output and "YYYY-MM-DD" in r.output
        assert "Traceback" not in r.output


def test_the_terminal_table_says_amend_no_344():
    r = _gaps(REPO / "graph/lv-nrm", "--as-of", "2026-11-28", "--lang", "en")
    assert r.exit_code == 1 and "amend MK 344 ← SPSPL" in r.output and "Cabinet regulation ←" not in r.output
    r = _gaps(REPO / "graph/lv-nrm", "--as-of", "2026-11-28", "--lang", "lv")
    assert "grozīt MK 344" in r.output and "amend" not in r.output


def test_the_json_report_carries_verified_and_ci_can_fail_on_unverified_law():
    r = _gaps(REPO / "graph/lv-nrm", "--as-of", "2026-11-28", "--format", "json")
    report = json.loads(r.output)
    bases = {f["id"]: f["basis"]["verified"] for f in report["flows"] if f.get("basis")}
    assert bases["vrs-to-vp-possible-case"] is True  # Criminal Procedure Law, read at its source
    assert bases["marta-to-siva"] is False  # MK 344's provision: not verified
    assert all(isinstance(c["verified"], bool) for f in report["findings"] for c in f["candidates"])
    r = _gaps(REPO / "graph/lv-nrm", "--as-of", "2026-11-28", "--format", "json", "--fail-on-unverified")
    assert r.exit_code == 1 and "rest on law not verified at its source" in r.output and "marta-to-siva" in r.output


def test_fail_on_unverified_passes_when_every_basis_is_verified(tmp_path):
    land = tmp_path / "l"
    land.mkdir()
    from pamats.yamlio import dump_yaml

    (land / "l.yaml").write_text(
        dump_yaml(
            {
                "landscape": {"id": "t", "title": {"lv": "T"}, "jurisdiction": "lv"},
                "actors": [
                    {"id": "a", "name": {"lv": "A"}, "kind": "ngo", "public_authority": False},
                    {"id": "b", "name": {"lv": "B"}, "kind": "ngo", "public_authority": False},
                ],
                "instruments": [
                    {
                        "id": "law",
                        "kind": "law",
                        "title": {"lv": "L"},
                        "source": "t",
                        "verified": True,
                        "provisions": [
                            {
                                "id": "s1",
                                "ref": "1. pants",
                                "authorises": [
                                    {
                                        "sender": "a",
                                        "recipient": "b",
                                        "categories": ["identity"],
                                        "purposes": ["referral"],
                                        "subjects": ["possible_victim"],
                                    }
                                ],
                            }
                        ],
                    }
                ],
                "flows": [
                    {
                        "id": "a-b",
                        "sender": "a",
                        "recipient": "b",
                        "categories": ["identity"],
                        "purpose": "referral",
                        "subjects": ["possible_victim"],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    r = _gaps(land, "--as-of", "2026-11-28", "--fail-on-unverified")
    assert r.exit_code == 0, r.output


def test_the_table_tells_two_flows_of_a_pair_apart_by_id():
    r = _gaps(REPO / "graph/lv-nrm", "--as-of", "2026-11-28", "--lang", "en")
    assert "vrs-to-marta-possible-victim" in r.output and "vrs → marta" in r.output
