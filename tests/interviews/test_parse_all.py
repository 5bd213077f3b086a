"""Every interview under interviews/ parses with docassemble's own parser without logged
warnings, every block has a stable unique ``id:``, and every scenario file under
tests/interviews/scenarios/ drives its interview in-process to the end screen and finds
what it expects in the assembled DOCX and on the end screen."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
INTERVIEWS = sorted((REPO / "interviews").glob("*.yml"))
SCENARIOS = sorted((Path(__file__).resolve().parent / "scenarios").glob("*.yaml"))
# Blocks that configure the interview rather than ask or compute; docassemble gives them no id.
NO_ID_NEEDED = {
    "metadata",
    "include",
    "modules",
    "imports",
    "features",
    "comment",
    "default language",
    "translations",
    "default screen parts",
    "default validation messages",
    "sections",
    "interview help",
}
# Main interview files (not shared includes): files that docassemble would start with, i.e.
# with a mandatory block (a file without one is included by others, not an interview).
MAIN = [
    p
    for p in INTERVIEWS
    if not p.name.startswith("_")
    and any("mandatory" in (d or {}) for d in yaml.safe_load_all(p.read_text(encoding="utf-8")))
]
# Interviews for logged-in accounts that make no document (the workspace): tested in their own
# file, not by scenarios.
LOGIN_ONLY = [
    p
    for p in MAIN
    if any(
        ((d or {}).get("metadata") or {}).get("require login")
        for d in yaml.safe_load_all(p.read_text(encoding="utf-8"))
    )
]
DOCUMENT_INTERVIEWS = [p for p in MAIN if p not in LOGIN_ONLY]


def _ids(path: Path):
    return [p.name for p in path]


@pytest.mark.parametrize("path", INTERVIEWS, ids=_ids(INTERVIEWS))
def test_interview_parses_without_warnings(da, path):
    interview, messages = da.parse_warnings(path.name)
    assert interview.questions_list, f"{path.name}: no blocks"
    bad = [m for m in messages if any(w in m.lower() for w in ("ignoring", "unknown", "warning", "deprecat", "error"))]
    assert not bad, f"{path.name}: docassemble logged:\n" + "\n".join(bad)


@pytest.mark.parametrize("path", INTERVIEWS, ids=_ids(INTERVIEWS))
def test_every_block_has_a_stable_unique_id(path):
    docs = [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d]
    missing, seen, dupes = [], set(), []
    for n, doc in enumerate(docs, 1):
        assert isinstance(doc, dict), f"{path.name}: block {n} is not a mapping"
        if set(doc) - {"id"} <= NO_ID_NEEDED:
            continue
        bid = doc.get("id")
        if not bid:
            missing.append(f"block {n} (keys {sorted(doc)[:4]})")
        elif bid in seen:
            dupes.append(bid)
        seen.add(bid)
    assert not missing, f"{path.name}: blocks without id: {missing}"
    assert not dupes, f"{path.name}: duplicate ids: {dupes}"


@pytest.mark.skipif(not (REPO / "interviews").is_dir(), reason="interviews/ not written yet")
def test_there_are_interviews_and_scenarios():
    assert INTERVIEWS, "no interviews/*.yml"
    assert SCENARIOS, "no tests/interviews/scenarios/*.yaml"


@pytest.mark.parametrize("path", LOGIN_ONLY, ids=_ids(LOGIN_ONLY))
def test_a_login_only_interview_has_its_own_tests(path):
    own = Path(__file__).parent / f"test_{path.stem}_interview.py"
    assert own.exists(), f"{path.name}: a login-only interview needs its own tests in {own.name}"


@pytest.mark.parametrize("path", DOCUMENT_INTERVIEWS, ids=_ids(DOCUMENT_INTERVIEWS))
def test_each_interview_has_three_scenarios(path):
    named = [s for s in SCENARIOS if s.name.startswith(path.stem + "--")]
    assert len(named) >= 3, f"{path.name}: {len(named)} scenario(s), need at least 3"


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario(da, path):
    sc = da.load_scenario(path)
    assert path.name.startswith(Path(sc["interview"]).stem + "--"), (
        f"{path.name}: file name must start with '{Path(sc['interview']).stem}--'"
    )
    interview = da.load_interview(sc["interview"])
    run = da.drive(interview, sc["answers"])
    assert run.docx_paths, f"{path.name}: end screen {run.end_text[:200]!r} offered no DOCX"
    failures = da.check_expectations(run.docx_text(), run.end_text, sc["expect"])
    assert not failures, f"{path.name}:\n  " + "\n  ".join(failures)


def test_data_questions_holds_only_interviews():
    """docassemble lists every file of data/questions as an interview: the answers-file
    template lives in data/templates (templates/answers.yaml)."""
    others = [p.name for p in (REPO / "interviews").iterdir() if p.suffix != ".yml"]
    assert not others, f"interviews/ (data/questions) holds non-interview files: {others}"
    assert (REPO / "templates" / "answers.yaml").is_file()
