#!/usr/bin/env bash
# Creates ./.venv (Python 3.11+) and installs pamats into it, pinned to the versions
# docassemble.webapp 1.10.5 uses (constraints.txt). Extras: pass e.g. "dev,docassemble".
# Usage: bash scripts/venv.sh [EXTRAS]
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
py="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || { echo "pamats needs Python 3.11+"; exit 2; }
  "$py" -m venv .venv
  .venv/bin/pip install -q -U pip
fi
spec="."; [ -n "$extras" ] && spec=".[$extras]"
.venv/bin/pip install -q -c constraints.txt -e "$spec"
