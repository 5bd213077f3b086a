"""The end screen has no developer material (issue 16): no `pamats draft` command, no lint
codes, no "[U]"; it lists, in the user's language, what is left to fill in and where, one
line per fill-in marker of the DOCX (same count)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SCENARIOS = sorted(p for p in (HERE / "scenarios").glob("*.yaml") if not p.name.startswith("gaps--"))
HEAD = {"lv": r"Projektā vēl jāaizpilda \((\d+)\)", "en": r"Still to fill in \((\d+)\)"}
NONE = {"lv": "Projektā nav vietu, kas vēl jāaizpilda.", "en": "Nothing is left to fill in."}


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_end_screen_lists_what_is_left_to_fill_in(da, path):
    from pamats.interview.common import markers

    sc = da.load_scenario(path)
    lang = sc["answers"]["lang"]
    run = da.drive(da.load_interview(sc["interview"]), sc["answers"])
    end = html.unescape(run.end_text)
    text = run.docx_text()
    shown = re.sub(r"<[^>]*>", "", end)  # what a person reads (a link's address is not shown)
    for dev in ("pamats draft", "LT0", "[U]", ".yml", "YAML"):
        assert dev not in shown, dev
    assert "[U]" not in text
    in_docx = markers(text)
    listed = [
        ln
        for ln in end.splitlines()
        if any(m in ln for m in ("[JĀPRECIZĒ", "[TO BE CONFIRMED", "[BRĪDINĀJUMS", "[WARNING"))
    ]
    if in_docx:
        assert int(re.search(HEAD[lang], end).group(1)) == len(in_docx) == len(listed)
        assert sorted(ln.split(": ", 1)[1] for ln in listed) == sorted(in_docx)
    else:
        assert NONE[lang] in end
