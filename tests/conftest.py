"""Shared pytest set-up: paths to the repository's bundled data."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


# --- strict skips: on CI (CI set) or with PAMATS_STRICT_SKIPS=1, a skipped test is a failure ---
# Every tool the tests use is installed by scripts/system-deps.sh and scripts/venv.sh, so a skip
# there means an assertion silently did not run (a missing pdftotext, soffice, PostgreSQL...).
# PAMATS_STRICT_SKIPS=0 turns the guard off even on CI.


def _strict() -> bool:
    import os

    flag = os.environ.get("PAMATS_STRICT_SKIPS")
    if flag is not None:
        return flag == "1"
    return bool(os.environ.get("CI"))


def _fail_skip(rep) -> None:
    reason = rep.longrepr[2] if isinstance(rep.longrepr, tuple) else str(rep.longrepr)
    rep.outcome = "failed"
    rep.longrepr = (
        f"skipped, and skips are failures here (CI or PAMATS_STRICT_SKIPS=1): {reason}\n"
        "install what the test needs (bash scripts/system-deps.sh; bash scripts/venv.sh dev,docassemble)"
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    if rep.skipped and not hasattr(rep, "wasxfail") and _strict():
        _fail_skip(rep)


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    outcome = yield
    rep = outcome.get_result()
    if rep.skipped and _strict():
        _fail_skip(rep)


@pytest.fixture(autouse=True)
def _screen_language_of_one_request():
    """An in-process interview sets the screens' language for its thread, as a request on the
    server does at its start (pamats.interview.screen.use_language); a test is one request:
    forget it afterwards so no other test sees it."""
    yield
    from pamats.interview.screen import use_language

    use_language(None)
