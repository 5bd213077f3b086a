#!/usr/bin/env bash
# Runs the whole test suite; installs what it needs first.
#   1. Debian packages (LibreOffice, Graphviz, pandoc, chromium …) and PostgreSQL/Redis up
#   2. ./.venv with pamats + test deps + docassemble.base (in-process interview tests)
#   3. the fast suite: everything but the e2e marker (SQLite and PostgreSQL)
#   4. the e2e suite: a real docassemble server (gunicorn + PostgreSQL + Redis) with the
#      docassemble.pamats package installed, driven through the REST API and Chromium
# Usage: bash scripts/test.sh [--fast] [pytest args…]   (--fast: skip step 4)
set -euo pipefail
cd "$(dirname "$0")/.."
fast=0
if [ "${1:-}" = "--fast" ]; then fast=1; shift; fi
bash scripts/system-deps.sh
bash scripts/services.sh
bash scripts/venv.sh dev,docassemble
export NLTK_DATA="$PWD/.venv/nltk_data"
[ -f "$NLTK_DATA/corpora/wordnet.zip" ] || .venv/bin/python scripts/make_nltk_stub.py "$NLTK_DATA"
export PAMATS_TEST_PG="${PAMATS_TEST_PG:-postgresql+psycopg2://postgres@127.0.0.1:5432/postgres}"
mkdir -p test-artifacts
status=0
.venv/bin/python -m pytest -m "not e2e" "$@" || status=$?
if [ $fast = 0 ] && [ $status = 0 ]; then
  bash scripts/da-server.sh start
  trap 'bash scripts/da-server.sh stop || true' EXIT
  .venv/bin/python -m pytest -m e2e -p no:cacheprovider "$@" || status=$?
fi
# pytest exit 5 = "no tests ran": that must never pass silently.
if [ $status = 5 ]; then echo "error: no tests ran"; exit 1; fi
exit $status
