#!/usr/bin/env bash
# The main job: installs what it needs, then tells the seed's story end to end
# (`pamats demo`), writing every output under ./out/demo and printing where.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh demo
bash scripts/venv.sh
exec .venv/bin/pamats demo --out out/demo "$@"
