"""pamats.interview.screen without docassemble: what a screen shows of user text, the dates and
clauses it shares with the document, and the validate: checks with their messages."""

from __future__ import annotations

import datetime as dt
import html

import markdown
import pytest

from pamats.interview import screen as scr


@pytest.mark.parametrize(
    "text",
    [
        "Ministru kabineta __. gada __. ___",
        "**treknais** un _slīpais_",
        "<script>alert(1)</script>",
        "[BR] [FILE x.png] {{ 7*7 }} ${ x } % if",
        '"pēdiņas" -- ... & „Drošā māja”',
        "1. punkts\n- saraksts\n# virsraksts",
    ],
)
def test_screen_text_survives_markdown_as_typed(text):
    # docassemble renders screen text with Python-Markdown and its smarty extension
    shown = markdown.markdown(scr.screen_text(text), extensions=["smarty"])
    plain = html.unescape(shown.replace("<p>", "").replace("</p>", "").replace("<br>", "\n").replace("<br />", "\n"))
    assert plain == text


def test_doc_date_is_the_document_formatter():
    d = dt.date(2027, 3, 1)
    assert scr.doc_date(d, "lv") == "2027. gada 1. martā"
    assert scr.doc_date(dt.datetime(2027, 3, 1, 12), "lv", "dat") == "2027. gada 1. martam"
    assert scr.doc_date("2027-03-01", "en") == "1 March 2027"
    assert scr.doc_date(None, "lv") == "__. gada __. ___"


def test_clause_is_the_document_catalogue():
    assert (
        scr.clause("regulation", "lv", "entry_into_force", date="2027. gada 1. martā")
        == "Noteikumi stājas spēkā 2027. gada 1. martā."
    )


@pytest.mark.parametrize(
    "lang,value,kind,expected",
    [
        ("lv", "   ", "line", "tikai atstarpes"),
        ("en", " \t", "title", "only spaces"),
        ("lv", "x" * 201, "line", "201 rakstzīmes"),
        ("en", "x" * 2001, "area", "at most 2000"),
        ("lv", "a <b>b</b>", "line", "iezīme „b”"),
        ("en", "a <img src=x>", "line", 'tag "img"'),
        ("lv", "</w:t><w:r>", "area", "„w:t”"),
    ],
)
def test_text_check_refuses_with_a_message_in_the_language(lang, value, kind, expected):
    with pytest.raises(ValueError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        scr.text_check(lang, kind)(value)


@pytest.mark.parametrize("value", ["", "a < b > c", "{{ 7*7 }}", "x" * 200, "„Drošā māja”"])
def test_text_check_accepts(value):
    assert scr.text_check("lv")(value) is True  # '' is docassemble's own required check


def test_optional_field_accepts_spaces():
    assert scr.text_check("lv", required=False)("   ") is True


def test_dates():
    assert scr.read_date("01.03.2027") == dt.date(2027, 3, 1)
    assert scr.read_date("2027-03-01") == dt.date(2027, 3, 1)
    assert scr.read_date("01/01/1970") == dt.date(1970, 1, 1)  # docassemble probes with it
    assert scr.read_date("31.02.2025") is None and scr.read_date("vakar") is None
    with pytest.raises(ValueError, match="31.02.2025” nav iespējams"):
        scr.date_check("lv")("31.02.2025")
    with pytest.raises(ValueError, match="does not exist"):
        scr.date_check("en")("31.02.2025")
    assert scr.date_check("lv")(dt.date(2027, 3, 1)) and scr.date_check("lv")("")
