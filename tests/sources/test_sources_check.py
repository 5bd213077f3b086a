"""`pamats sources check`: citations resolve against the bundled consolidated texts; a missing,
repealed or misquoted unit, an unbacked `verified: true` and bad input are reported with file:line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from pamats.cli.main import _register, cli


def run(*args: str):
    _register()
    return CliRunner().invoke(cli, ["sources", *args])


def landscape(
    tmp_path: Path,
    provisions: str,
    *,
    source: str = "https://likumi.lv/ta/id/68488",
    verified: str = "true",
    kind: str = "law",
) -> Path:
    f = tmp_path / "laws.yaml"
    f.write_text(
        textwrap.dedent(f"""\
        instruments:
          - id: spspl
            kind: {kind}
            title: {{lv: Sociālo pakalpojumu un sociālās palīdzības likums, en: Social Services and Social Assistance Law}}
            source: "{source}"
            verified: {verified}
            provisions:
        """)
        + textwrap.indent(textwrap.dedent(provisions), "      "),
        encoding="utf-8",
    )
    return f


GOOD = """\
- id: s13-1-7
  ref: "13. panta pirmās daļas 7. punkts"
  verified: true
  cites: {law: 68488, section: "13", part: 1, point: 7, quote: "cilvēku tirdzniecības upuru sociālo rehabilitāciju"}
- id: s12-2-1
  ref: "12. panta 2.¹ daļa"
  verified: true
  cites: {law: 68488, section: "12", part: "2.1"}
"""


def test_every_bundled_landscape_and_answers_file_resolves(repo, monkeypatch):
    monkeypatch.chdir(repo)
    res = run("check", "--lang", "en")
    assert res.exit_code == 0, res.output
    assert "0 problem(s)" in res.output
    resolved = int(res.output.split(" citation(s) resolved")[0].rsplit("\n", 1)[-1])
    assert resolved >= 30 and "against 7 bundled law(s)" in res.output


def test_citations_that_resolve(tmp_path):
    res = run("check", "--lang", "en", str(landscape(tmp_path, GOOD)))
    assert res.exit_code == 0, res.output
    assert "2 citation(s) resolved against 1 bundled law(s)" in res.output and "0 problem(s)" in res.output


@pytest.mark.parametrize(
    "cites, code, words",
    [
        ('{law: 68488, section: "999"}', "MISSING", "section 999 does not exist"),
        (
            '{law: 68488, section: "13", part: 1, point: 99}',
            "MISSING",
            "point 99 of part 1 of section 13 does not exist",
        ),
        ('{law: 68488, section: "15"}', "REPEALED", "section 15 of Sociālo pakalpojumu"),
        ('{law: 68488, section: "13", part: 1, point: 3}', "REPEALED", "point 3 of part 1 of section 13"),
        ('{law: 107820, section: "387", part: 3}', "REPEALED", "part 3 of section 387"),
        ('{law: 107820, section: "1"}', "NOT_STORED", "not among the stored sections"),
        ('{law: 999999, section: "1"}', "NO_TEXT", "no bundled consolidated text of likumi.lv id 999999"),
        (
            '{law: 68488, section: "13", part: 1, point: 7, quote: "cilvēku tirdzniecības upuru sociālo aprūpi"}',
            "TEXT_DIFFERS",
            "the quoted words are not in the consolidated text",
        ),
    ],
)
def test_a_citation_that_does_not_resolve_is_reported_with_file_and_line(tmp_path, cites, code, words):
    f = landscape(
        tmp_path,
        f"""\
        - id: p
          ref: "x"
          verified: false
          cites: {cites}
        """,
        source="https://likumi.lv/ta/id/68488" if "68488" in cites else "Kriminālprocesa likums",
        verified="false",
    )
    res = run("check", "--lang", "en", str(f))
    assert res.exit_code == 1, res.output
    line = f"{f}:11: {code}: spspl/p:"  # the line of cites:
    assert line in res.output and words in res.output, res.output
    assert "1 problem(s)" in res.output


def test_changed_text_shows_what_the_consolidated_text_reads(tmp_path):
    f = landscape(
        tmp_path,
        """\
        - id: s3-4
          ref: "3. panta ceturtā daļa"
          verified: true
          cites: {law: 68488, section: "3", part: 4, quote: "Tiesības saņemt sociālo aprūpi ir cilvēku tirdzniecības upurim."}
        """,
    )
    res = run("check", "--lang", "en", str(f))
    assert res.exit_code == 1 and "TEXT_DIFFERS" in res.output
    assert "it reads: 'Tiesības saņemt sociālo rehabilitāciju ir cilvēku tirdzniecības upurim." in res.output


def test_white_space_and_soft_hyphens_do_not_count_as_changed_text(tmp_path):
    f = landscape(
        tmp_path,
        """\
        - id: s1
          ref: "10. pants"
          verified: true
          cites: {law: 152712, section: "10", quote: "No brīža, kad   izsniegta termiņuzturēšanās atļauja"}
        """,
        source="https://likumi.lv/ta/id/152712",
    )
    res = run("check", "--lang", "en", str(f))
    assert res.exit_code == 0, res.output


def test_verified_true_without_stored_text_is_reported(tmp_path):
    f = landscape(
        tmp_path,
        """\
        - id: s13-1-7
          ref: "13. panta pirmās daļas 7. punkts"
          verified: true
        - id: unsure
          ref: "[nav noskaidrots]"
          verified: false
        """,
    )
    res = run("check", "--lang", "en", str(f))
    assert res.exit_code == 1
    assert f"{f}:8: UNBACKED_VERIFIED: spspl/s13-1-7: verified: true, but no stored text backs it" in res.output
    assert "unsure" not in res.output and "1 problem(s)" in res.output


def test_a_verified_law_pamats_does_not_bundle_is_unbacked(tmp_path):
    f = landscape(tmp_path, "[]\n", source="https://likumi.lv/ta/id/57255")  # Par pašvaldībām: not bundled
    res = run("check", "--lang", "en", str(f))
    assert (
        res.exit_code == 1
        and f"{f}:2: UNBACKED_VERIFIED: spspl: verified: true, but no stored text backs it: this law's text is not bundled"
        in res.output
    )
    assert (
        run(
            "check",
            "--lang",
            "en",
            str(landscape(tmp_path, "[]\n", source="https://likumi.lv/ta/id/57255", verified="false")),
        ).exit_code
        == 0
    )


def test_verified_regulations_are_counted_as_not_checked(tmp_path):
    f = landscape(
        tmp_path,
        """\
        - id: p2-2
          ref: "2.2. apakšpunkts"
          verified: true
        """,
        source="https://likumi.lv/ta/id/308253",
        kind="cabinet_regulation",
    )
    res = run("check", "--lang", "en", "-v", str(f))
    assert res.exit_code == 0, res.output
    assert "2 verified: true entries of regulations or EU acts not checked" in res.output
    assert "spspl/p2-2 (cabinet_regulation)" in res.output


def test_cites_of_another_law_than_the_source_names(tmp_path):
    f = landscape(
        tmp_path,
        """\
        - id: s5
          ref: "5. pants"
          verified: true
          cites: {law: 308278, section: "5"}
        """,
        source="https://likumi.lv/ta/id/68488",
    )
    res = run("check", "--lang", "en", str(f))
    assert (
        res.exit_code == 1
        and "LAW_MISMATCH: spspl/s5: cites likumi.lv id 308278, but the source names id 68488" in res.output
    )


def answers(tmp_path: Path, section: str, part: int, clause: str, source: str, verified: str = "true") -> Path:
    f = tmp_path / "answers.yaml"
    f.write_text(
        textwrap.dedent(f"""\
        kind: regulation
        empowering:
          - law: {{lv: Sociālo pakalpojumu un sociālās palīdzības likums}}
            section: "{section}"
            part: {part}
            clause: "{clause}"
            instrument: spspl
            provision: s13-1-7
            source: "{source}"
            verified: {verified}
        """),
        encoding="utf-8",
    )
    return f


def test_answers_cite_through_the_landscape_provision_they_name(tmp_path):
    ok = answers(tmp_path, "13", 1, "7", "https://likumi.lv/ta/id/68488")
    assert run("check", "--lang", "en", str(ok)).exit_code == 0
    other = answers(tmp_path, "13", 1, "3", "https://likumi.lv/ta/id/68488")
    res = run("check", "--lang", "en", str(other))
    assert res.exit_code == 1
    assert (
        f"{other}:3: REF_MISMATCH: empowering[0]: cites 68488 s.13(1)(3), but the landscape provision spspl/s13-1-7"
        in res.output
    )
    assert f"{other}:3: REPEALED" in res.output
    wrong_law = answers(tmp_path, "13", 1, "7", "https://m.likumi.lv/ta/id/308253")
    res = run("check", "--lang", "en", str(wrong_law))
    assert res.exit_code == 1 and "LAW_MISMATCH" in res.output and "source names id 308253" in res.output


@pytest.mark.parametrize(
    "cites, message",
    [
        ('{law: 68488, section: "x"}', "cites.section: String should match pattern"),
        ("{law: 68488, section: 15.1}", "cites.section: Value error, a number with a dot must be quoted"),
        ('{law: 68488, sectoin: "13"}', "cites.sectoin: Extra inputs are not permitted"),
        ('{section: "13"}', "cites.law: Field required"),
    ],
)
def test_malformed_cites_is_bad_input_with_file_and_line(tmp_path, cites, message):
    f = landscape(
        tmp_path,
        f"""\
        - id: p
          ref: "x"
          verified: false
          cites: {cites}
        """,
    )
    res = run("check", "--lang", "en", str(f))
    assert res.exit_code == 2, res.output
    assert f"error: {f}:11" in res.output and message in res.output and "hint:" in res.output
    assert "Traceback" not in res.output


def test_unreadable_input_is_bad_input(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("instruments: [\n", encoding="utf-8")
    res = run("check", "--lang", "en", str(bad))
    assert res.exit_code == 2 and f"{bad}:" in res.output and "Traceback" not in res.output
    res = run("check", "--lang", "en", str(tmp_path / "nope.yaml"))
    assert res.exit_code == 2 and "file not found" in res.output
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("check", "--lang", "en", str(empty)).exit_code == 2


def test_show_prints_a_unit_and_import_refuses_bad_input_without_writing(tmp_path):
    res = run("show", "107820", "96", "3")
    assert res.exit_code == 0 and res.output.startswith("Personu par cietušo var atzīt tikai ar pašas personas")
    res = run("show", "68488", "999")
    assert res.exit_code == 2 and "section 999: missing" in res.output
    seed = tmp_path / "law-4242-test.json"
    seed.write_text(
        '{"id": "lv-law-4242", "title": "T", "provisions": [{"section": "1", "title": "H", "content": "X."}]}',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    common = ["--path", "data/seed/law-4242-test.json", "--ingested", "2026-02-21", "-o", str(out)]
    res = run("import", str(seed), "--commit", "abc", *common)
    assert res.exit_code == 2 and "not a 40-digit commit id" in res.output and not out.exists()
    res = run("import", str(seed), "--commit", "0" * 40, "--sections", "1,7", *common)
    assert res.exit_code == 2 and "section(s) 7 not in the snapshot" in res.output and not out.exists()
    res = run("import", str(seed), "--commit", "0" * 40, "--retrieved", "2026-11-30", *common)
    assert res.exit_code == 0, res.output
    assert (out / "4242-test.json").exists()


def test_latvian_first(tmp_path, repo, monkeypatch):
    f = landscape(
        tmp_path,
        """\
        - id: p
          ref: "x"
          verified: false
          cites: {law: 68488, section: "13", part: 1, point: 99}
        """,
    )
    res = run("check", str(f))
    assert res.exit_code == 1
    assert (
        f"{f}:11: MISSING: spspl/p: 68488 s.13(1)(99): likuma „Sociālo pakalpojumu un sociālās palīdzības likums "
        "(likumi.lv id 68488)” konsolidētajā tekstā (2026-02-21) nav 13. panta 1. daļas 99. punkta"
    ) in res.output
    assert "1 problēma(s)" in res.output
    monkeypatch.chdir(repo)
    assert "0 problēma(s)" in run("check").output


def test_a_ref_that_names_other_units_than_cites(tmp_path):
    f = landscape(
        tmp_path,
        """\
        - id: s13-1-7
          ref: "13. panta pirmās daļas 7. punkts"
          verified: true
          cites: {law: 68488, section: "13", part: 1, point: 8}
        - id: s15-1-4
          ref: "15.¹ panta ceturtā daļa"
          verified: true
          cites: {law: 68488, section: "15.1", part: 4}
        - id: s386
          ref: "386. pants"
          verified: true
          cites: {law: 107820, section: "386", point: 8}
        """,
    )
    res = run("check", "--lang", "en", str(f))
    assert res.exit_code == 1, res.output
    assert (
        f"{f}:11: REF_MISMATCH: spspl/s13-1-7: ref '13. panta pirmās daļas 7. punkts' names 68488 s.13(1)(7), "
        "but cites is 68488 s.13(1)(8)"
    ) in res.output
    assert (
        "s15-1-4" not in res.output.split("REF_MISMATCH")[-1].split("\n")[0] and res.output.count("REF_MISMATCH") == 1
    )


def test_latvian_citations_read_as_numbers():
    from pamats.sources.refs import parse_ref

    assert parse_ref("13. panta pirmās daļas 7. punkts") == ("13", "1", "7")
    assert parse_ref("12. panta 2.¹ daļa") == ("12", "2.1", None)
    assert parse_ref("15.¹ panta pirmā daļa") == ("15.1", "1", None)
    assert parse_ref("387. panta trīspadsmitā daļa") == ("387", "13", None)
    assert parse_ref("1. panta 29. punkts") == ("1", None, "29")
    assert parse_ref("49. pants") == ("49", None, None)
    assert parse_ref("[nav noskaidrots] pants par datu nodošanu") is None
    assert parse_ref("13. panta nezināmā daļa") is None


def test_compare_with_a_newer_snapshot_names_changed_sections_and_their_citations(tmp_path, repo, monkeypatch):
    import json

    from pamats.sources.texts import bundled_laws

    law = bundled_laws()[68488]
    provisions = [{"section": s, "title": h or "", "content": t} for s, (h, t) in law.sections.items() if s != "49"]
    same = tmp_path / "law-68488-same.json"
    same.write_text(
        json.dumps({"id": "lv-law-68488", "title": law.title_lv, "provisions": provisions}), encoding="utf-8"
    )
    for p in provisions:
        if p["section"] == "13":
            p["content"] = p["content"].replace(
                "upuru sociālo rehabilitāciju", "upuru sociālo rehabilitāciju un integrāciju"
            )
    provisions.append({"section": "60", "title": "Jauns pants", "content": "Teksts."})
    newer = tmp_path / "law-68488-newer.json"
    newer.write_text(
        json.dumps({"id": "lv-law-68488", "title": law.title_lv, "provisions": provisions}), encoding="utf-8"
    )
    monkeypatch.chdir(repo)
    res = run("compare", "--lang", "en", str(newer))
    assert res.exit_code == 1, res.output
    lines = res.output.splitlines()
    assert "3 section(s) differ" in lines[0]
    assert "  s.13: changed" in lines
    assert any(
        x.startswith("    cited at graph/lv-nrm/instruments-laws.yaml:") and x.endswith(" spspl/s13-1-7") for x in lines
    )
    assert "  s.49: removed" in lines and "  s.60: added" in lines
    res = run("compare", str(same))
    assert res.exit_code == 1 and "  49. pants: vairs nav" in res.output.splitlines()
