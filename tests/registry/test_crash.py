"""kill -9 in the middle of a write (import, sign) and a validation error half-way through an
import leave nothing half-written: the registry holds all of it or none of it.

The kill is aimed at the moment the writer holds SQLite's write lock (another connection's
``BEGIN IMMEDIATE`` is refused), i.e. inside the write transaction.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pamats.errors import InputError
from pamats.registry import Registry
from pamats.registry.drafting_bridge import import_case

REPO = Path(__file__).resolve().parents[2]
PYTHON = [sys.executable, "-c", "import sys; from pamats.cli.main import main; sys.exit(main())"]


def _in_write_tx(db: Path) -> bool:
    try:
        c = sqlite3.connect(db, timeout=0)
    except sqlite3.Error:
        return False
    try:
        c.execute("BEGIN IMMEDIATE")
        c.rollback()
        return False
    except sqlite3.OperationalError as e:
        return "locked" in str(e) or "busy" in str(e)
    finally:
        c.close()


def _run_and_kill_in_tx(args: list[str], db: Path, env: dict, ready=lambda: True) -> bool:
    """Start ``pamats`` and kill -9 it while it holds the write lock and ``ready()``; True if killed there."""
    p = subprocess.Popen(PYTHON + args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while p.poll() is None and time.monotonic() < deadline:
        if ready() and _in_write_tx(db):
            os.kill(p.pid, signal.SIGKILL)
            p.wait()
            return True
    p.wait()
    return False


def _count(db: Path, table: str) -> int:
    c = sqlite3.connect(db)
    try:
        return c.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        c.close()


def test_kill_9_during_import_leaves_nothing(tmp_path):
    db = tmp_path / "reg.sqlite"
    Registry(f"sqlite:///{db}").close()  # migrated, empty
    env = dict(os.environ, PAMATS_FILES=str(tmp_path / "files"))
    args = ["agreements", "--db", str(db), "import", str(REPO / "agreements/marta-vrs/case.yaml")]
    # mid-way: the import is one write transaction (organisations, users, the agreement, the versions
    # and their DOCX rows); killed while it holds the write lock
    assert _run_and_kill_in_tx(args, db, env), "the import was never caught mid-way"
    for t in ("organisations", "users", "agreements", "versions", "audit_log", "obligations", "stored_files"):
        assert _count(db, t) == 0, t
    r = subprocess.run(PYTHON + args, env=env, capture_output=True, text=True)  # and it imports cleanly afterwards
    assert r.returncode == 0, r.stderr
    assert (_count(db, "versions"), _count(db, "obligations")) == (3, 3)


def test_validation_error_half_way_through_an_import_leaves_nothing(reg, tmp_path):
    case = (REPO / "agreements/marta-vrs/case.yaml").read_text(encoding="utf-8")
    bad = case.replace("- {party: marta, due: 2027-01-01", "- {party: vp, due: 2027-01-01")  # vp is no party
    assert bad != case
    folder = tmp_path / "case"
    folder.mkdir()
    for f in ("answers.yaml",):
        (folder / f).write_bytes((REPO / "agreements/marta-vrs" / f).read_bytes())
    (folder / "versions").mkdir()
    for f in ("v2.yaml", "v3.yaml"):
        (folder / "versions" / f).write_bytes((REPO / "agreements/marta-vrs/versions" / f).read_bytes())
    (folder / "case.yaml").write_text(
        bad.replace("organisations:\n", "organisations:\n  - {key: vp, name: VP}\n"), encoding="utf-8"
    )
    with pytest.raises(InputError, match="'vp' is not a party"):
        import_case(reg, folder / "case.yaml")
    assert reg.organisations() == [] and reg.users() == []


def test_kill_9_during_signing_leaves_a_whole_signature_or_none(tmp_path, pki, checkpoint_key):
    from pki import PASSPHRASE
    from registry_lib import Clock, cached_pdf_maker, tie_test_pki

    db = tmp_path / "reg.sqlite"
    files = tmp_path / "files"
    reg = Registry(
        f"sqlite:///{db}", files_dir=files, clock=Clock(), trust_roots=pki.root_pem, checkpoint_key=checkpoint_key
    )
    import_case(reg, REPO / "agreements/marta-vrs/case.yaml")
    tie_test_pki(reg, "vrs")
    reg.transition("vrs-jurists", "marta-vrs", "agreed")
    reg.pdf_maker = cached_pdf_maker
    reg.agreed_pdf("vrs-jurists", "marta-vrs")  # made beforehand: the kill aims at the signature's transaction
    pw = tmp_path / "pw"
    pw.write_bytes(PASSPHRASE)
    env = dict(
        os.environ,
        PAMATS_FILES=str(files),
        PAMATS_TRUST_ROOTS=str(pki.root_pem),
        PAMATS_CHECKPOINT_KEY=str(checkpoint_key),
    )
    args = [
        "agreements",
        "--db",
        str(db),
        "--as",
        "vrs-jurists",
        "sign",
        "marta-vrs",
        "--pkcs12",
        str(pki.p12["vrs"]),
        "--passphrase-file",
        str(pw),
    ]
    assert _run_and_kill_in_tx(args, db, env)
    n = _count(db, "signatures")
    assert n in (0, 1) and _count(db, "signed_pdfs") == n
    rep = reg.verify("vrs-jurists", "marta-vrs")
    assert rep["ok"], rep["problems"]
    assert len(rep["signatures"]) == n
    reg.close()
