#!/usr/bin/env bash
# A unoserver: one LibreOffice kept running that converts DOCX -> PDF on request, instead of a
# fresh soffice per document (`pamats draft --format pdf` with PAMATS_UNOSERVER=HOST:PORT, and
# the docassemble server of scripts/da-server.sh through its `unoconvert`). unoserver must run
# with the Python that LibreOffice's python3-uno belongs to (/usr/bin/python3), so it lives in
# its own venv, .venv-unoserver (with system site packages, for uno), made on first use.
# Usage: bash scripts/unoserver.sh venv              print the venv's bin folder (making it if needed)
#        bash scripts/unoserver.sh start PORT DIR    serve on 127.0.0.1:PORT (LibreOffice's UNO on
#                                                    PORT+1); pid, log, profile in DIR; waits until it answers
#        bash scripts/unoserver.sh stop DIR          stop the one started with DIR
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="$PWD/.venv-unoserver"
UNOSERVER_VERSION=3.7  # keep equal to pyproject.toml's unoserver pin (the client)

ensure_venv() {
  if [ ! -x "$VENV/bin/unoserver" ]; then
    /usr/bin/python3 -c "import uno" 2>/dev/null \
      || { echo "[unoserver] python3-uno missing: bash scripts/system-deps.sh" >&2; exit 1; }
    /usr/bin/python3 -m venv --system-site-packages "$VENV"
    "$VENV/bin/pip" install -q "unoserver==$UNOSERVER_VERSION"
  fi
}

case "${1:-}" in
  venv)
    ensure_venv >&2
    echo "$VENV/bin" ;;
  start)
    port=${2:?port}; dir=${3:?dir}
    ensure_venv
    mkdir -p "$dir"
    if [ -f "$dir/unoserver.pid" ] && kill -0 "$(cat "$dir/unoserver.pid")" 2>/dev/null; then exit 0; fi
    setsid "$VENV/bin/unoserver" --interface 127.0.0.1 --port "$port" --uno-interface 127.0.0.1 \
      --uno-port "$((port + 1))" --user-installation "$(cd "$dir" && pwd)/lo-profile" \
      -p "$dir/soffice.pid" >"$dir/unoserver.log" 2>&1 < /dev/null &
    echo $! > "$dir/unoserver.pid"
    for _ in $(seq 1 120); do
      "$VENV/bin/unoping" --host 127.0.0.1 --port "$port" >/dev/null 2>&1 && exit 0
      kill -0 "$(cat "$dir/unoserver.pid")" 2>/dev/null || break
      sleep 0.5
    done
    echo "[unoserver] did not start on port $port; log:" >&2; tail -20 "$dir/unoserver.log" >&2; exit 1 ;;
  stop)
    dir=${2:?dir}
    for f in unoserver.pid soffice.pid; do
      if [ -f "$dir/$f" ]; then
        pid=$(cat "$dir/$f")
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
        kill -9 "$pid" 2>/dev/null || true
        rm -f "$dir/$f"
      fi
    done ;;
  *) echo "usage: bash scripts/unoserver.sh venv | start PORT DIR | stop DIR" >&2; exit 2 ;;
esac
