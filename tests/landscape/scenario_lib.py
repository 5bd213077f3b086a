"""The landscape scenarios' format and runner (tests/landscape/scenarios/*.yaml): loading a
scenario (merged with _base.yaml) and checking it. Used by conftest.py (each scenario a test)
and by tests that walk the scenarios themselves; a module of its own, because ``conftest`` is
not a name a test can import reliably (every test folder has one)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pamats.yamlio import dump_yaml, load_yaml

HERE = Path(__file__).parent
SCENARIOS = HERE / "scenarios"
SCENARIO_KEYS = {"name", "base", "as_of", "landscape", "with", "expect"}
EXPECT_KEYS = {"findings", "covered", "closed", "remaining", "opened", "texts", "restates", "distinct", "conditions"}


def load_scenario(path: Path) -> dict:
    data, _ = load_yaml(path)
    unknown = set(data) - SCENARIO_KEYS
    assert not unknown, f"{path.name}: unknown scenario keys {unknown}"
    assert not set(data["expect"]) - EXPECT_KEYS, f"{path.name}: unknown expect keys"
    land = dict(data.get("landscape") or {})
    if data.get("base"):
        base, _ = load_yaml(SCENARIOS / "_base.yaml")
        merged = dict(base["landscape"])
        for k, v in land.items():
            merged[k] = (merged.get(k) or []) + v if isinstance(v, list) else v
        land = merged
    data["landscape"] = land
    return data


def run_scenario(data: dict, tmp: Path, order: list[int] | None = None):
    """Write the scenario's landscape (one file per key, optionally reordered) and check it."""
    from pamats.landscape.check import check_landscape
    from pamats.landscape.load import load_landscape
    from pamats.landscape.whatif import what_if

    land_dir = tmp / "land"
    land_dir.mkdir()
    keys = list(data["landscape"])
    for i, k in enumerate(keys):
        (land_dir / f"{i:02d}-{k}.yaml").write_text(dump_yaml({k: data["landscape"][k]}), encoding="utf-8")
    as_of = data["as_of"] if isinstance(data["as_of"], dt.date) else dt.date.fromisoformat(str(data["as_of"]))
    drafts = []
    for i, d in enumerate(data.get("with") or []):
        p = tmp / f"draft-{i}.yaml"
        p.write_text(dump_yaml(d), encoding="utf-8")
        drafts.append(p)
    if drafts:
        wi = what_if([land_dir], drafts, as_of)
        return wi.after, wi
    return check_landscape(load_landscape([land_dir]), as_of), None
