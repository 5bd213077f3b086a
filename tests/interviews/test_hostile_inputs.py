"""Hostile answers on the screens (issue 16), in each interview, in Latvian and in English.

Spaces only, HTML/XML markup, 5,000 characters and an impossible date are refused with a
message in the screen's language that says what is wrong (the screen stays and nothing is
set); template syntax is accepted and comes out literally in the DOCX, with no hidden
characters. The messages are the ones docassemble shows under the field on the server: the
harness calls each field's ``validate:`` function as the server does."""

from __future__ import annotations

from pathlib import Path

import pytest

from pamats.text.quotes import lv_quotes

HERE = Path(__file__).resolve().parent
ZWSP = "\u200b"

# scenario, the screen, its free-text variable, the long-text variable on a screen, date screen
CASES = [
    ("regulation--default-lv.yaml", "regulation title", "reg_title", "reg_scope"),
    ("regulation--date-repeal-en.yaml", "regulation title", "reg_title", "reg_scope"),
    ("order--three-addressees-lv.yaml", "order title", "ord_title", None),
    ("order--two-addressees-en.yaml", "order title", "ord_title", None),
    ("agreement--planned-regulation-lv.yaml", "agreement subject", "subject_text", None),
    ("agreement--health-data-en.yaml", "agreement subject", "subject_text", None),
]
EXPECT = {
    "lv": {
        "blank": "tikai atstarpes",
        "markup": "Tekstā ir HTML vai XML iezīme „{tag}”",
        "long": "Teksts ir par garu: 5000 rakstzīmes",
        "date": "Datums „31.02.2025” nav iespējams",
    },
    "en": {
        "blank": "it holds only spaces",
        "markup": 'The text contains the HTML or XML tag "{tag}"',
        "long": "The text is too long: 5000 characters",
        "date": 'The date "31.02.2025" does not exist',
    },
}
LITERAL = 'Plāns {{ 7*7 }} {% if x %}jā{% endif %} ${ x } & "pēdiņas" **ne treknrakstā** __. [BR] a\\b'


def _session(da, scenario, until):
    sc = da.load_scenario(HERE / "scenarios" / scenario)
    session = da.Session(da.load_interview(sc["interview"]), sc["answers"])
    assert session.run(until=until) is None, f"never reached {until!r}"
    return session, sc["answers"]["lang"]


@pytest.mark.parametrize("scenario,screen,var,long_var", CASES, ids=[c[0].removesuffix(".yaml") for c in CASES])
def test_hostile_text_is_refused_with_a_message_or_kept_literally(da, scenario, screen, var, long_var):
    session, lang = _session(da, scenario, screen)
    msg = EXPECT[lang]
    refused = session.submit({var: "   \t "})
    assert list(refused) == [var] and msg["blank"] in refused[var]
    for hostile, tag in (
        ("Kārtība <script>alert(1)</script>", "script"),
        ("Kārtība <img src=x onerror=alert(1)>", "img"),
        ("Kārtība <b>treknā</b>", "b"),
        ("a </w:t><w:r> b", "w:t"),
    ):
        refused = session.submit({var: hostile})
        assert msg["markup"].format(tag=tag) in refused.get(var, ""), (hostile, refused)
    refused = session.submit({long_var or var: "x" * 5000})
    assert msg["long"] in refused.get(long_var or var, ""), refused
    assert session.screen.block_id == screen  # still the same screen: nothing was set
    assert var not in session.user_dict or session.user_dict[var] != "   \t "
    assert session.submit({var: LITERAL}) == {}
    run = session.run()
    text = run.docx_text()
    want = lv_quotes(LITERAL) if lang == "lv" else LITERAL  # a Latvian draft writes quotes „…” (one style)
    assert want in text or want.rstrip(".") in text, text[:800]
    assert ZWSP not in text and "49" not in text


@pytest.mark.parametrize(
    "scenario,lang", [("regulation--default-lv.yaml", "lv"), ("regulation--date-repeal-en.yaml", "en")]
)
def test_an_impossible_date_says_so(da, scenario, lang):
    sc = da.load_scenario(HERE / "scenarios" / scenario)
    session = da.Session(da.load_interview(sc["interview"]), dict(sc["answers"], reg_eif_default=False))
    assert session.run(until="regulation eif date") is None
    refused = session.submit({"reg_eif_date": "31.02.2025"})
    assert EXPECT[lang]["date"] in refused["reg_eif_date"]
    # a browser's date input sends ISO; how a typed dd.mm.gggg is read is the server's date
    # picker's business (docassemble's as_datetime reads 01.03.2027 as 3 January)
    assert session.submit({"reg_eif_date": "2027-03-01"}) == {}
    text = session.run().docx_text()
    assert ("2027. gada 1. martā" if lang == "lv" else "1 March 2027") in text


def test_every_checked_text_field_reaches_its_check_as_typed():
    """docassemble's server strips HTML and backslashes from a plain text answer before any
    validate: runs; a `datatype: raw` field gets the answer as typed, so the check can refuse
    markup with a message instead of the text being silently altered."""
    import yaml

    fields = []
    for path in sorted((HERE.parents[1] / "interviews").glob("*.yml")):
        for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            for f in (doc or {}).get("fields", []) if isinstance(doc, dict) else []:
                if isinstance(f, dict) and str(f.get("validate", "")).startswith("scr.text_check"):
                    fields.append((path.name, f.get("datatype"), f.get("input type")))
    assert len(fields) >= 40
    assert all(dt == "raw" for _, dt, _ in fields), [f for f in fields if f[1] != "raw"]
