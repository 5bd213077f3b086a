"""The command line's --as is not authentication: it refuses a registry the workspace serves."""

from __future__ import annotations

from click.testing import CliRunner
from workspace_people import ANNA, SLUG, room, ws  # noqa: F401

from pamats.cli.main import _register, cli
from pamats.registry.workspace import is_served


def _cli(url, *args):
    _register()
    return CliRunner().invoke(cli, ["agreements", "--db", url, *args])


def test_cli_works_on_a_registry_the_workspace_never_served(reg):
    reg.add_organisation("marta", "MARTA")
    assert is_served(reg) is None
    r = _cli(reg.url, "--as", "anna", "orgs")
    assert r.exit_code == 0 and "marta" in r.output


def test_cli_refuses_a_served_registry_unless_overridden(room, monkeypatch):
    reg = room.reg
    monkeypatch.setenv("PAMATS_FILES", str(reg.files.root))
    assert is_served(reg)["by"] == "admin@pamats.example"
    before = room.audit(ANNA, SLUG)
    for args in (
        ["--as", "da-11", "list"],
        ["--as", "da-11", "transition", SLUG, "withdrawn"],
        ["--as", "anybody", "users", "eve", "Eve", "marta"],
        ["orgs"],
    ):
        r = _cli(reg.url, *args)
        assert r.exit_code == 2, r.output
        assert "served by the negotiation workspace" in r.output and "--as is not authentication" in r.output
        assert "Traceback" not in r.output
    assert room.audit(ANNA, SLUG) == before
    assert "eve" not in {u["username"] for u in reg.users()}
    r = _cli(reg.url, "--server-admin-override", "--as", "da-11", "list")
    assert r.exit_code == 0 and SLUG in r.output
