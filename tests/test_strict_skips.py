"""The guard in tests/conftest.py: with CI or PAMATS_STRICT_SKIPS=1 set, a skipped test fails the run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent

SKIPPING = """
import shutil
import pytest

@pytest.mark.skipif(shutil.which("no-such-tool-xyz") is None, reason="no-such-tool-xyz not installed")
def test_needs_a_tool():
    assert True

def test_skips_inside():
    pytest.skip("tool missing")

def test_passes():
    assert True
"""
MODULE_SKIP = 'import pytest\nnothing = pytest.importorskip("no_such_module_xyz")\n\ndef test_x():\n    pass\n'


def _run(tmp_path: Path, env_extra: dict, body: str = SKIPPING) -> subprocess.CompletedProcess:
    (tmp_path / "conftest.py").write_text((HERE / "conftest.py").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "test_x.py").write_text(body, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PAMATS_STRICT_SKIPS")}
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rfs", str(tmp_path)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("env", [{"PAMATS_STRICT_SKIPS": "1"}, {"CI": "true"}])
def test_skips_fail_the_run_when_strict(tmp_path, env):
    res = _run(tmp_path, env)
    assert res.returncode == 1, res.stdout
    assert "1 failed, 1 passed, 1 error" in res.stdout  # skipif skips in setup: an error
    assert "no-such-tool-xyz not installed" in res.stdout and "scripts/system-deps.sh" in res.stdout


def test_a_module_level_importorskip_fails_too(tmp_path):
    res = _run(tmp_path, {"PAMATS_STRICT_SKIPS": "1"}, MODULE_SKIP)
    assert res.returncode != 0 and "no_such_module_xyz" in res.stdout, res.stdout


def test_skips_are_skips_otherwise(tmp_path):
    res = _run(tmp_path, {})
    assert res.returncode == 0, res.stdout
    assert "1 passed, 2 skipped" in res.stdout
    res = _run(tmp_path, {"CI": "true", "PAMATS_STRICT_SKIPS": "0"})
    assert res.returncode == 0 and "1 passed, 2 skipped" in res.stdout
