"""The mistakes a new user of the registry makes: each is a clear error (exit 2) or works."""

from __future__ import annotations

import re
import zipfile

import pytest
from click.testing import CliRunner
from registry_lib import instrument, sign_as

from pamats.cli.main import _register, cli
from pamats.errors import InputError
from pamats.registry.drafting_bridge import import_case
from pamats.registry.errors import NotFound, TransitionRefused

SLUG = "marta-vrs"


def _cli(reg, *args, user="anna"):
    _register()
    return CliRunner().invoke(cli, ["agreements", "--db", reg.url, "--as", user, *args])


def test_hints_name_commands_that_exist(people):
    with pytest.raises(NotFound) as e:
        people.add_user("x", "X", "nope")
    assert "pamats agreements orgs KEY NAME" in str(e.value) and "orgs add" not in str(e.value)
    with pytest.raises(NotFound) as e:
        people.show("nobody", SLUG)
    assert "pamats agreements users USERNAME NAME ORG" in str(e.value) and "users add" not in str(e.value)


def test_sign_hint_suggests_a_possible_transition(agreement):
    with pytest.raises(TransitionRefused) as e:
        sign_as(agreement, "anna", "marta")
    assert "transition marta-vrs negotiation, then: transition marta-vrs agreed" in str(e.value)
    agreement.transition("anna", SLUG, "negotiation")
    with pytest.raises(TransitionRefused) as e:
        sign_as(agreement, "anna", "marta")
    assert str(e.value).endswith("hint: pamats agreements transition marta-vrs agreed")


def test_redline_docx_credits_the_proposer(agreement, tmp_path, monkeypatch):
    reg = agreement
    reg.propose(
        "juris",
        SLUG,
        {"v": 2},
        instrument=instrument(("p1", "Puses cieši sadarbojas."), ("p2", "Robežsardze informē MARTA.")),
    )
    monkeypatch.setenv("PAMATS_FILES", str(reg.files.root))
    out = tmp_path / "r.docx"
    r = _cli(reg, "diff", SLUG, "1", "2", "--format", "docx", "-o", str(out), user="anna")
    assert r.exit_code == 0, r.output
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert set(re.findall(r'w:author="([^"]*)"', xml)) == {"juris"}


def test_obligations_can_be_marked_done(agreement):
    import datetime as dt

    reg = agreement
    oid = reg.add_obligation("anna", SLUG, "vrs", "Iepazīstināt amatpersonas", dt.date(2026, 4, 1))
    r = _cli(reg, "obligation-done", SLUG, str(oid), user="juris")
    assert r.exit_code == 0 and f"obligation {oid} done" in r.output
    assert reg.show("anna", SLUG)["obligations"][0]["done"] is True
    assert reg.due("anna", within=dt.timedelta(days=365), today=dt.date(2026, 3, 1)) == [
        d
        for d in reg.due("anna", within=dt.timedelta(days=365), today=dt.date(2026, 3, 1))
        if d["what"] != "obligation"
    ]
    assert reg.verify("anna", SLUG)["ok"]


def test_version_zero_is_not_the_latest(agreement, tmp_path):
    with pytest.raises(InputError, match="numbered from 1"):
        agreement.version("anna", SLUG, 0)
    r = _cli(agreement, "export", SLUG, "--version", "0", "-o", str(tmp_path / "x.docx"))
    assert r.exit_code == 2 and "numbered from 1" in r.output and not (tmp_path / "x.docx").exists()


@pytest.mark.parametrize("slug", ["a/b", "../x", "with space", "line\nbreak", "Upper", "", "x" * 101])
def test_bad_slugs_are_refused(people, slug):
    with pytest.raises(InputError, match="is not allowed"):
        people.create_agreement("anna", slug, "T", ["marta", "vrs"])
    assert people.list_agreements("anna") == []


@pytest.mark.parametrize("key", ["a b", "a/b", "x\n"])
def test_bad_organisation_keys_and_usernames_are_refused(people, key):
    with pytest.raises(InputError, match="is not allowed"):
        people.add_organisation(key, "X")
    with pytest.raises(InputError, match="is not allowed"):
        people.add_user(key, "X", "marta")


def test_texts_longer_than_their_columns_are_clear_errors(people):
    with pytest.raises(InputError, match="title is 1001 characters long; at most 1000"):
        people.create_agreement("anna", "long", "T" * 1001, ["marta", "vrs"])
    with pytest.raises(InputError, match="representative is 401 characters"):
        people.create_agreement("anna", "long", "T", [{"organisation": "marta", "representative": "R" * 401}, "vrs"])
    with pytest.raises(InputError, match="kind 'kkkkk"):
        people.create_agreement("anna", "long", "T", ["marta", "vrs"], kind="k" * 41)
    with pytest.raises(InputError, match="organisation name is 401"):
        people.add_organisation("long", "N" * 401)
    assert people.list_agreements("anna") == []


def test_unknown_keys_in_a_case_file_are_refused_with_their_line(people, tmp_path):
    f = tmp_path / "case.yaml"
    f.write_text(
        "slug: x\ntitle: y\nparties: [marta, vrs]\nversions: [{file: a.yaml}]\nterm_strat: 2027-01-01\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as e:
        import_case(people, f)
    assert "case.yaml:5" in str(e.value) and "unknown key 'term_strat'" in str(e.value)
    f.write_text(
        "slug: x\ntitle: y\nparties: [marta, vrs]\nversions:\n  - {file: a.yaml, by: anna, notes: x}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="unknown key 'notes'") as e:
        import_case(people, f)
    assert "case.yaml:5" in str(e.value)


def test_huge_within_is_a_clear_error(agreement):
    r = _cli(agreement, "due", "--within", "99999999999d")
    assert r.exit_code == 2 and "at most 100 years" in r.output


def test_an_output_path_that_cannot_be_written_is_a_clear_error(agreement, tmp_path, monkeypatch):
    monkeypatch.setenv("PAMATS_FILES", str(agreement.files.root))
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    r = _cli(agreement, "export", SLUG, "--format", "json", "-o", str(blocker / "out.json"))
    assert r.exit_code == 2 and "cannot write the file" in r.output and "Traceback" not in r.output


def test_transition_has_no_date_flag(agreement):
    r = _cli(agreement, "transition", SLUG, "negotiation", "--today", "2030-01-01")
    assert r.exit_code == 2 and "No such option: --today" in r.output
    assert agreement.show("anna", SLUG)["status"] == "draft"
