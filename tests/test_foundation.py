"""The foundation: CLI exit codes, clear errors for bad files, line-aware YAML."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from pamats.cli.main import _register, cli
from pamats.errors import InputError
from pamats.yamlio import load_answers_file, load_yaml


def run(*args: str):
    _register()
    return CliRunner().invoke(cli, list(args))


def test_help_lists_every_subcommand():
    res = run("--help")
    assert res.exit_code == 0
    for name in ("gaps", "schema", "demo", "draft", "lint", "agreements"):
        assert name in res.output


def test_unknown_command_is_usage_error_exit_2():
    res = run("no-such-command")
    assert res.exit_code == 2
    assert "No such command" in res.output


def test_yaml_positions_point_at_the_line(tmp_path):
    f = tmp_path / "a.yaml"
    f.write_text("actors:\n  - id: vrs\n    name: {lv: X}\n  - id: vp\n", encoding="utf-8")
    data, pos = load_yaml(f)
    assert data["actors"][1]["id"] == "vp"
    assert pos.line(("actors", 1, "id")) == 4
    assert pos.line(("actors", 0, "name", "lv")) == 3


@pytest.mark.parametrize(
    "text, message, line",
    [
        ("a: 1\na: 2\n", "duplicate key", 2),
        ("a: [1, 2\n", "YAML syntax error", 1),
        ("a:\n  - b\n - c\n", "YAML syntax error", 3),
    ],
)
def test_yaml_errors_have_file_and_line(tmp_path, text, message, line):
    f = tmp_path / "bad.yaml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as ei:
        load_yaml(f)
    assert message in ei.value.message
    assert ei.value.location.line == line
    assert "bad.yaml" in str(ei.value)


def test_not_utf8_is_a_clear_error(tmp_path):
    f = tmp_path / "latin1.yaml"
    f.write_bytes("a: 1\nb: r\xe9\n".encode("latin-1"))
    with pytest.raises(InputError) as ei:
        load_yaml(f)
    assert "UTF-8" in ei.value.message and ei.value.location.line == 2


def test_json_answers_error_has_line(tmp_path):
    f = tmp_path / "a.json"
    f.write_text('{\n "a": 1,\n "b": \n}', encoding="utf-8")
    with pytest.raises(InputError) as ei:
        load_answers_file(f)
    assert "JSON syntax error" in ei.value.message and ei.value.location.line == 4


def test_missing_file_is_clear(tmp_path):
    with pytest.raises(InputError) as ei:
        load_yaml(tmp_path / "nope.yaml")
    assert ei.value.message == "file not found"
