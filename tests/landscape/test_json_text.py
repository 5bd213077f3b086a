"""The report's JSON text (report/json_text.py) is exactly json.dumps(..., ensure_ascii=False, indent=2),
on generated values and on the reports of graph/lv-nrm (today and with its drafts adopted); the
CLI's streamed JSON is the same bytes."""

from __future__ import annotations

import datetime as dt
import json

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from pamats.cli.main import _register, cli
from pamats.landscape.check import check_landscape
from pamats.landscape.load import load_landscape
from pamats.landscape.report import json_chunks, render
from pamats.landscape.report.json_text import json_pieces
from pamats.landscape.whatif import what_if

AS_OF = dt.date(2027, 1, 1)


def _reference(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


plain = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=("Cs",)))
)
keys = st.text(max_size=6) | st.integers(-5, 5) | st.booleans() | st.none() | st.floats(allow_nan=False)
values = st.recursive(
    plain,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=6), inner, max_size=4)
        | st.dictionaries(keys, inner, max_size=3)
    ),
    max_leaves=40,
)


@settings(max_examples=400, deadline=None)
@given(values)
def test_pieces_are_json_dumps(value):
    assert "".join(json_pieces(value)) == _reference(value)
    assert "".join(json_pieces(value, streamed=0)) == _reference(value)


def test_lv_nrm_reports_are_json_dumps(repo, tmp_path):
    lv = repo / "graph/lv-nrm"
    report = check_landscape(load_landscape([lv]), AS_OF).to_json()
    drafts = sorted((repo / "graph/lv-nrm-drafts").glob("*.yaml"))
    whatif = what_if([lv], drafts, AS_OF).to_json()
    for rep in (report, whatif):
        want = _reference(rep) + "\n"
        assert render(rep, "json") == want
        assert b"".join(json_chunks(rep)) == want.encode("utf-8")
    _register()
    out = tmp_path / "r.json"
    res = CliRunner().invoke(cli, ["gaps", str(lv), "--as-of", "2027-01-01", "--format", "json", "-o", str(out)])
    assert res.exit_code == 1, res.output
    assert out.read_text(encoding="utf-8") == _reference(report) + "\n"
    res = CliRunner().invoke(cli, ["gaps", str(lv), "--as-of", "2027-01-01", "--format", "json"])
    assert res.stdout_bytes.decode("utf-8") == _reference(report) + "\n"
