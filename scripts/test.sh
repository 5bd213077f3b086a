#!/usr/bin/env bash
# Runs the whole test suite; installs what it needs first:
#   1. Debian packages the tests use (LibreOffice to open generated DOCX, Graphviz for pictures)
#   2. PostgreSQL and Redis started if down (scripts/services.sh); registry tests must reach PostgreSQL
#   3. ./.venv with pamats and its test dependencies, pinned to docassemble's versions
#   4. pytest over tests/ except e2e (fails when a test fails, and when no test ran)
#   5. e2e (skip with PAMATS_SKIP_E2E=1): scripts/da-server.sh starts docassemble.webapp with the
#      pamats wheel under .da/ (first run: a few minutes of pip), then pytest -m e2e; screenshots
#      are kept in test-artifacts/ (the workspace's room states in test-artifacts/workspace/)
# Usage: bash scripts/test.sh [pytest args…]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
bash scripts/services.sh
export PAMATS_REQUIRE_PG=1
export PAMATS_STRICT_SKIPS=1  # a test skipped for a missing tool fails the run (tests/conftest.py)
bash scripts/venv.sh dev,docassemble
export NLTK_DATA="$PWD/.venv/nltk_data"
[ -f "$NLTK_DATA/corpora/wordnet.zip" ] || .venv/bin/python scripts/make_nltk_stub.py "$NLTK_DATA"
status=0
.venv/bin/python -m pytest -m "not e2e" "$@" || status=$?
# 5. e2e: a real docassemble server with the pamats wheel, driven by REST and Chromium
if [ "${PAMATS_SKIP_E2E:-0}" != 1 ] && [ $status = 0 ]; then
  SECONDS=0
  bash scripts/da-server.sh start
  trap 'bash scripts/da-server.sh stop || true' EXIT
  echo "[test] docassemble server up in ${SECONDS}s"
  npm ci --prefix tests/e2e/axe --no-audit --no-fund --loglevel=error  # axe-core for the accessibility checks
  PAMATS_E2E_REQUIRED=1 .venv/bin/python -m pytest -m e2e -p no:cacheprovider tests/e2e || status=$?
  echo "[test] e2e screenshots (gitignored): test-artifacts/; each negotiation room state (draft, suggestions, rejected, new version, agreed, signed, outsider refused): test-artifacts/workspace/"
fi
# pytest exit 5 = "no tests ran": that must never pass silently.
if [ $status = 5 ]; then echo "error: no tests ran"; exit 1; fi
exit $status
