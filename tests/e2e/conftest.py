"""pytest set-up for the e2e tests (marker ``e2e``): a running docassemble server.

Every test here is marked ``e2e``. The server's URL and API key come from DA_BASE_URL /
DA_API_KEY or .da/env (written by ``bash scripts/da-server.sh start``). Without a reachable
server the tests are skipped, unless PAMATS_E2E_REQUIRED=1 (scripts/test.sh sets it after
starting the server), in which case they fail.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "tests" / "interviews"))


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def client():
    import requests
    from rest import DAClient, server_env

    base, key = server_env()
    problem = None
    if not base or not key:
        problem = "no DA_BASE_URL/DA_API_KEY and no .da/env (bash scripts/da-server.sh start)"
    else:
        try:
            if requests.get(base + "/health_check", timeout=10).status_code != 200:
                problem = f"{base}/health_check is not 200"
        except requests.RequestException as e:
            problem = f"{base} unreachable: {e}"
    if problem:
        if os.environ.get("PAMATS_E2E_REQUIRED") == "1":
            pytest.fail(problem)
        pytest.skip(problem)
    return DAClient(base, key)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    out = REPO / "test-artifacts"
    out.mkdir(exist_ok=True)
    return out
