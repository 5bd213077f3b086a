"""The date rules of the package's page script (src/docassemble/pamats/data/static/pamats.js),
run in Node.js without a browser: dd.mm.gggg <-> ISO, and only real calendar dates accepted.
Node.js comes with npm (scripts/system-deps.sh); the browser tests (tests/e2e/test_latvian.py)
check the same script on the server's pages."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "src" / "docassemble" / "pamats" / "data" / "static" / "pamats.js"

# Loads pamats.js with the few browser objects it touches at load time, then applies
# lvToIso / isoToLv to the cases given on stdin.
HARNESS = r"""
const fs = require('fs'); const vm = require('vm');
const cases = JSON.parse(fs.readFileSync(0, 'utf8'));
const noop = () => {};
const document = {readyState: 'complete', documentElement: {getAttribute: () => 'lv'},
  querySelectorAll: () => [], addEventListener: noop};
const window = {location: {search: ''}};
const ctx = {window, document, URLSearchParams, Date, parseInt, String};
vm.createContext(ctx);
vm.runInContext(fs.readFileSync(process.argv[1], 'utf8'), ctx);
const d = ctx.window.pamatsDates;
process.stdout.write(JSON.stringify({
  lv: cases.lv.map(x => d.lvToIso(x)), iso: cases.iso.map(x => d.isoToLv(x))}));
"""

LV = {
    "01.03.2027": "2027-03-01",
    "1.3.2027": "2027-03-01",
    " 15.04.2027 ": "2027-04-15",
    "31.12.2027.": "2027-12-31",
    "29.02.2024": "2024-02-29",
    "29.02.2025": None,
    "31.02.2025": None,
    "31.04.2027": None,
    "00.01.2027": None,
    "01.13.2027": None,
    "2027-03-01": None,
    "01/03/2027": None,
    "": None,
    "1.3.27": None,
}
ISO = {"2027-03-01": "01.03.2027", "2024-02-29": "29.02.2024", "01.03.2027": "01.03.2027", "": ""}


def test_dates_dd_mm_gggg_and_iso():
    node = shutil.which("node") or shutil.which("nodejs")
    assert node, "Node.js is missing: bash scripts/system-deps.sh installs npm with it"
    out = subprocess.run(
        [node, "-e", HARNESS, str(SCRIPT)],
        input=json.dumps({"lv": list(LV), "iso": list(ISO)}),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert dict(zip(LV, got["lv"])) == LV
    assert dict(zip(ISO, got["iso"])) == ISO
