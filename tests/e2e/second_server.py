"""A second gunicorn serving the same docassemble configuration as .da/ (same PostgreSQL, Redis and
registry) on another loopback port, as two web servers behind one address would.

Used by the e2e tests of two web servers and of signing (tests/e2e/test_workspace_server.py,
test_workspace_signing.py), by the load test (bench/workspace_load.py) and by the interview
benchmark (bench/interviews_bench.py: a default server, without `enable unoconv`). ``start(da_dir)`` returns (process, base URL) once
``/health_check`` answers 200; ``stop(process)`` ends it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path


class SecondServerError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(
    da: Path, *, threads: int = 4, timeout: float = 120, config: Path | None = None, port: int | None = None
) -> tuple[subprocess.Popen, str]:
    """Start gunicorn on a free port (or ``port``) with .da/config/config.yml (or ``config``, a
    variant of it); wait for /health_check."""
    import requests

    if not (da / "venv" / "bin" / "gunicorn").exists() or not (da / "config" / "config.yml").exists():
        raise SecondServerError("no .da/venv or .da/config (bash scripts/da-server.sh start)")
    port = port or free_port()
    env = {
        **os.environ,
        "DA_CONFIG_FILE": str(config or da / "config" / "config.yml"),
        "NLTK_DATA": str(da / "nltk_data"),
        "HOME": str(da / "home"),
        "C_FORCE_ROOT": "1",
        "LANG": "en_US.UTF-8",
        "LC_ALL": "en_US.UTF-8",
        "GUNICORN_CMD_ARGS": f"--bind 127.0.0.1:{port} --workers 1 --threads {threads} --timeout 300",
    }
    log_path = da / "log" / f"gunicorn-second-{port}.log"
    with open(log_path, "wb") as log:  # the child keeps its own copy of the descriptor
        proc = subprocess.Popen(
            [str(da / "venv" / "bin" / "gunicorn"), "docassemble.webapp.server:app"],
            cwd=da,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(base + "/health_check", timeout=5).status_code == 200:
                return proc, base
        except requests.RequestException:
            pass
        if proc.poll() is not None:
            raise SecondServerError(f"second gunicorn exited ({proc.returncode}); see {log_path}")
        time.sleep(0.5)
    stop(proc)
    raise SecondServerError(f"second gunicorn did not answer /health_check in {timeout:.0f} s; see {log_path}")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
