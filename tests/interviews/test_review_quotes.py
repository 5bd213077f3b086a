"""A Latvian review screen shows user text with the quotation marks the document prints (issue
16: "the screens say what the document will say"): typed straight quotes, nested, become „…”
on the screen as in the DOCX; an English screen keeps them as typed."""

from __future__ import annotations

import html

from pamats.interview import screen


def _shown(lang, text):
    screen.use_language(lang)
    try:
        return html.unescape(screen.screen_text(text))
    finally:
        screen.use_language(None)


def test_latvian_screen_prints_the_document_s_quotes_nested_too():
    assert _shown("lv", 'Biedrība "Patvērums "Drošā māja""') == "Biedrība „Patvērums „Drošā māja””"


def test_english_screen_and_no_language_keep_the_typed_quotes():
    typed = 'Association "Shelter "Safe House""'
    assert _shown("en", typed) == typed
    assert _shown(None, typed) == typed


def test_the_language_is_the_request_thread_s_own():
    import threading

    seen = {}
    screen.use_language("lv")
    try:
        t = threading.Thread(target=lambda: seen.setdefault("other", html.unescape(screen.screen_text('"x"'))))
        t.start()
        t.join()
        assert seen["other"] == '"x"'  # another request's thread has not chosen Latvian
        assert html.unescape(screen.screen_text('"x"')) == "„x”"
    finally:
        screen.use_language(None)
