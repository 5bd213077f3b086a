"""The bad-input corpus: every malformed landscape file gives its exact error, exit 2, no traceback.

Each file in tests/landscape/bad/ starts with ``# expect: LINE: FRAGMENT`` (``-`` when the
error has no line); the CLI must print ``<file>:LINE: …FRAGMENT…`` and exit with code 2.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from pamats.cli.main import _register, cli

BAD = Path(__file__).parent / "bad"
FILES = sorted(BAD.glob("*.yaml"))


def expectation(path: Path) -> tuple[str, str]:
    m = re.match(r"# expect: (\S+): (.*)$", path.read_text(encoding="utf-8").splitlines()[0])
    assert m, f"{path.name} has no '# expect:' header"
    return m.group(1), m.group(2)


def test_corpus_is_large_enough():
    assert len(FILES) >= 30


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_bad_file_gives_exact_error(path: Path, monkeypatch):
    line, fragment = expectation(path)
    monkeypatch.chdir(BAD)
    _register()
    res = CliRunner().invoke(cli, ["gaps", path.name, "--format", "json"])
    out = res.output
    assert res.exit_code == 2, out
    assert "Traceback" not in out
    assert not isinstance(res.exception, Exception) or isinstance(res.exception, SystemExit)
    lines = [ln for ln in out.splitlines() if fragment in ln]
    assert lines, f"expected {fragment!r} in:\n{out}"
    prefix = f"{path.name}:{line}:" if line != "-" else f"{path.name}:"
    assert any(prefix in ln for ln in lines), f"expected location {prefix!r} in:\n{out}"


def test_all_errors_of_a_file_are_reported_at_once(tmp_path):
    f = tmp_path / "two.yaml"
    f.write_text(
        "landscape: {id: x, title: {lv: X}}\nactors:\n  - {id: a, name: {lv: A}, kind: k, public_authority: true, subordinate_to: nobody}\n"
        "flows:\n  - {id: f, sender: a, recipient: ghost, categories: [identity], purpose: referral, subjects: [person]}\n",
        encoding="utf-8",
    )
    _register()
    res = CliRunner().invoke(cli, ["gaps", str(f)])
    assert res.exit_code == 2
    assert "unknown actor 'nobody'" in res.output and "unknown actor 'ghost'" in res.output
    assert ":3:" in res.output and ":5:" in res.output


def test_hint_lists_allowed_keys_and_near_match(tmp_path):
    f = tmp_path / "typo.yaml"
    f.write_text(
        "landscape: {id: x, title: {lv: X}}\nactors:\n  - {id: a, name: {lv: A}, kind: k, public_autority: true}\n",
        encoding="utf-8",
    )
    _register()
    res = CliRunner().invoke(cli, ["gaps", str(f)])
    assert res.exit_code == 2
    assert "unknown key 'public_autority'" in res.output
    assert "did you mean 'public_authority'?" in res.output
    assert "allowed keys:" in res.output
