"""The JSON Schemas in graph/schema/ are what the models say (`pamats schema …`), not a copy
that drifts: said once, in the pydantic models."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pamats.cli.main import _register, cli

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("what", ["landscape", "jurisdiction"])
def test_schema_file_matches_the_model(what):
    _register()
    r = CliRunner().invoke(cli, ["schema", what])
    assert r.exit_code == 0
    stored = (REPO / f"graph/schema/{what}.schema.json").read_text(encoding="utf-8")
    assert r.output == stored, f"graph/schema/{what}.schema.json is stale: pamats schema {what} > it"
