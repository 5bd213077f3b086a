"""The gap interview's texts come from the catalogue: code titles, the codes' help, screen words."""

from __future__ import annotations

from pamats.interview.gaps import codes_help, findings_table
from pamats.landscape.codes import CODES
from pamats.text.messages import msg


def test_codes_help_lists_every_code_in_registry_order_in_each_language():
    for lang in ("lv", "en"):
        text = codes_help(lang)
        lines = text.splitlines()
        assert [ln.split("**")[1] for ln in lines] == CODES
        assert lines[0] == f"* **NO_BASIS** — {msg('code.NO_BASIS.help', lang)}"
    assert "neviena norma neatļauj" in codes_help("lv") and "no provision allows" in codes_help("en")


def test_findings_table_words_are_the_catalogues():
    f = {
        "key": "NO_BASIS:f1",
        "code": "NO_BASIS",
        "flow": "f1",
        "sender": "a",
        "recipient": "b",
        "categories": ["identity"],
        "purpose": "referral",
        "subjects": ["victim"],
        "regime": "gdpr",
        "message": {"lv": "Ziņa", "en": "Message"},
        "candidates": [],
        "remedy": None,
    }
    lv, en = findings_table([f], None, "lv"), findings_table([f], None, "en")
    assert (
        msg("code.NO_BASIS.title", "lv") in lv
        and msg("screen.reason", "lv") in lv
        and msg("screen.details", "lv") in lv
    )
    assert msg("code.NO_BASIS.title", "en") in en and msg("screen.reason", "en") in en
    assert findings_table([], None, "lv") == f"<p>{msg('report.no_findings', 'lv')}</p>"
