"""The package's Latvian words file (data/sources/lv-da-words.yml) against docassemble 1.10.5:
every key is a phrase docassemble uses (its phrase catalogue or its source), every translation
keeps the key's placeholders, and the phrases the Latvian screens need are all there. Needs
docassemble.base in the test venv, not a server."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import screens
import yaml

PLACEHOLDER = re.compile(r"%\(\w+\)s|%s|\{\d+\}")


def _catalogue() -> set[str]:
    src = Path(list(importlib.util.find_spec("docassemble.base").submodule_search_locations)[0])
    keys: set[str] = set(yaml.safe_load((src / "data" / "sources" / "base-words.yml").read_text(encoding="utf-8")))
    for f in (src / "data" / "sources").glob("*-words.yml"):
        for table in (yaml.safe_load(f.read_text(encoding="utf-8")) or {}).values():
            if isinstance(table, dict):
                keys.update(k for k in table if isinstance(k, str))
    code = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in src.rglob("*.py"))
    return keys | {k for k in screens.lv_words() if repr(k) in code or f'"{k}"' in code}


def test_every_key_is_a_docassemble_phrase():
    known = _catalogue()
    unknown = sorted(k for k in screens.lv_words() if k not in known)
    assert not unknown, f"not docassemble 1.10.5 phrases (typo, or spaces differ): {unknown}"


def test_translations_keep_placeholders_and_are_latvian():
    bad = []
    for k, v in screens.lv_words().items():
        if not isinstance(v, str) or not v.strip():
            bad.append((k, v, "empty"))
        elif sorted(PLACEHOLDER.findall(k)) != sorted(PLACEHOLDER.findall(v)):
            bad.append((k, v, "placeholders differ"))
        elif v == k and k not in screens.NEUTRAL:
            bad.append((k, v, "not translated"))
    assert not bad, bad


def test_the_phrases_latvian_screens_need():
    needed = [
        "Back",
        "Continue",
        "Yes",
        "No",
        "Question",
        "Help",
        "Back to question",
        "Sign in to save answers",
        "Sign in or sign up to save answers",
        "This field is required.",
        "You need to select one.",
        "Please enter a whole number.",
        "You need to enter a valid date.",
        "Download",
        "The following document has been created for you.",
        "The document is available in the following formats:",
        "Preview",
        "Sign in",
        "Password",
        "Email",
    ]
    missing = [p for p in needed if p not in screens.lv_words()]
    assert not missing, missing
