"""Shared helpers for amendment tests: an answers file written next to the small test act."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

HERE = Path(__file__).resolve().parent
BASE = {
    "kind": "amendment",
    "act": str(HERE / "small-act.yaml"),
    "empowering": [{"law": "Izmēģinājuma likums", "law_genitive": "Izmēģinājuma likuma", "section": "5", "part": 2}],
    "prime_minister": {"position": "Ministru prezidents", "name": "A. Bērziņš"},
    "minister": {"position": "Labklājības ministre", "name": "B. Kalniņa"},
}


@pytest.fixture
def answers_file(tmp_path):
    def make(changes, **extra) -> Path:
        p = tmp_path / "amend.yaml"
        p.write_text(
            yaml.safe_dump({**BASE, **extra, "changes": changes}, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        return p

    return make
