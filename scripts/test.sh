#!/usr/bin/env bash
# Runs the whole test suite; installs what it needs first:
#   1. Debian packages the tests use (LibreOffice to open generated DOCX, Graphviz for pictures)
#   2. ./.venv with pamats and its test dependencies, pinned to docassemble's versions
#   3. pytest over tests/ (fails when a test fails, and when no test ran)
# Usage: bash scripts/test.sh [pytest args…]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
bash scripts/venv.sh dev
status=0
.venv/bin/python -m pytest "$@" || status=$?
# pytest exit 5 = "no tests ran": that must never pass silently.
if [ $status = 5 ]; then echo "error: no tests ran"; exit 1; fi
exit $status
