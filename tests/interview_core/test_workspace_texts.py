"""The workspace's word tables (pamats.interview.workspace_texts): Latvian and English have the
same keys and the same {places}; the core's "Latvian / English" messages are split in one place."""

from __future__ import annotations

import string
from types import SimpleNamespace

import pytest

from pamats.interview.workspace_texts import LANGUAGES, TEXTS, in_language, language, tr
from pamats.registry.errors import TransitionRefused
from pamats.registry.workspace.access import require_status


def _places(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_every_key_with_the_same_places():
    assert LANGUAGES == ("lv", "en") and set(TEXTS) == set(LANGUAGES)
    assert set(TEXTS["lv"]) == set(TEXTS["en"])
    for key in TEXTS["lv"]:
        lv, en = TEXTS["lv"][key], TEXTS["en"][key]
        assert lv.strip() and en.strip(), key
        assert _places(lv) == _places(en), key
        assert lv != en, f"{key}: the same text in both languages"
        assert " / " not in lv and " / " not in en, f"{key}: one language per text"


def test_latvian_is_the_default():
    assert language(None) == language("") == language("de") == language("lv") == "lv"
    assert language("en") == language("en_GB") == "en"
    assert tr("xx", "saved") == "Saglabāts." and tr("en", "saved") == "Saved."
    assert tr("lv", "version_created", number=3) == "Izveidota versija: 3"


@pytest.mark.parametrize(
    "text, lv, en",
    [
        ("komentārs ir tukšs / the comment is empty", "komentārs ir tukšs", "the comment is empty"),
        # a quoted value (an id from a link) may hold " / " itself
        (
            "Līgums 'a / b' nav atrasts / agreement 'a / b' not found",
            "Līgums 'a / b' nav atrasts",
            "agreement 'a / b' not found",
        ),
        # an apostrophe inside a word opens no quote
        (
            "administrators var mainīt lomu / your organisation's administrator can / will",
            "administrators var mainīt lomu",
            "your organisation's administrator can / will",
        ),
        ("allowed while: draft, negotiation", "allowed while: draft, negotiation", "allowed while: draft, negotiation"),
        (None, "", ""),
    ],
)
def test_core_messages_are_split_into_their_two_halves(text, lv, en):
    assert in_language(text, "lv") == lv
    assert in_language(text, "en") == en


def test_a_status_refusal_has_one_latvian_and_one_english_half():
    with pytest.raises(TransitionRefused) as e:
        require_status(SimpleNamespace(slug="marta-vrs", status="signed"), ("negotiation",), "komentēt / comment")
    assert in_language(e.value.message, "lv") == "līgums 'marta-vrs' ir statusā signed: komentēt nav iespējams"
    assert in_language(e.value.message, "en") == "agreement 'marta-vrs' is signed: cannot comment now"


def test_user_text_is_escaped_once():
    from pamats.interview.workspace import esc

    assert esc("organisation's #1 <b>") == "organisation&#x27;s &#35;1 &lt;b&gt;"
    assert esc("a & [FILE x] ${ y }") == "a &amp; &#91;FILE x&#93; &#36;&#123; y &#125;"
