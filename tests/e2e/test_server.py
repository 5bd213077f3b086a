"""The server and the REST driver, on docassemble's own example interviews: continue-button fields, generic list questions with nested
indexes and checkboxes are all driven to the end screen through the API."""

from __future__ import annotations

import pytest
from rest import RestScenarioError, drive_rest

EX = "docassemble.base:data/questions/examples/"


def test_continue_button_field_and_literal_text(client):
    run = drive_rest(client, EX + "continue-button-field.yml", {"phone_number": "555 {{ x }}"})
    assert run.end["questionType"] == "deadend"
    assert "`True`" in run.end_text
    assert len(run.screens) == 2 and len(run.seconds) == 1


def test_generic_lists_and_checkboxes(client):
    answers = {
        "foods['fr.uit'].there_are_any": True,
        "foods['ve.get$able'].there_are_any": False,
        "foods['fr.uit'][0].name.text": "Blue",
        "foods['fr.uit'][0].contents": {"Apples": True, "Peaches": False, "Pears": True},
        "foods['fr.uit'].there_is_another": [False],
    }
    run = drive_rest(client, EX + "checkbox-dict-dict.yml", answers)
    # the example sets no language, so docassemble's list words come in the server's default
    # language, Latvian (scripts/da-server.sh: language: lv; words from lv-da-words.yml)
    import screens

    assert f"There is a bowl with Apples {screens.lv_words()['and']} Pears." in run.end_text


def test_unanswered_variable_is_reported(client):
    with pytest.raises(RestScenarioError, match="phone_number"):
        drive_rest(client, EX + "continue-button-field.yml", {})
