"""pytest set-up for the in-process interview tests (marker ``docassemble``).

Every test here is marked ``docassemble``. If docassemble.base is not installed the tests
are skipped with that reason (``bash scripts/venv.sh dev,docassemble`` installs it; CI
always does, so there they run). NLTK_DATA defaults to the offline stub in .venv/nltk_data,
built here if missing, so importing docassemble never touches the network.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
HAVE_DOCASSEMBLE = importlib.util.find_spec("docassemble.base") is not None


def pytest_collection_modifyitems(config, items):
    skip = pytest.mark.skip(reason="docassemble.base not installed (bash scripts/venv.sh dev,docassemble)")
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.docassemble)
            if not HAVE_DOCASSEMBLE:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def da():
    """The harness module, with docassemble imported and the headless plugin registered."""
    if not HAVE_DOCASSEMBLE:
        pytest.skip("docassemble.base not installed")
    nltk = Path(os.environ.setdefault("NLTK_DATA", str(REPO / ".venv" / "nltk_data")))
    if not (nltk / "corpora" / "wordnet.zip").exists():
        subprocess.run([sys.executable, str(REPO / "scripts" / "make_nltk_stub.py"), str(nltk)], check=True)
    data = REPO / "src" / "docassemble" / "pamats" / "data"
    for link, target in (("questions", "interviews"), ("templates", "templates")):
        # the package's data folders are links to the repository's folders (see da-server.sh)
        if (REPO / target).is_dir() and not (data / link).exists():
            data.mkdir(parents=True, exist_ok=True)
            (data / link).symlink_to(Path("..", "..", "..", "..", target))
    sys.path.insert(0, str(HERE))
    import harness

    harness.setup()
    return harness
