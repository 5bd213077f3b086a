"""What a person reads on a docassemble screen, for the Latvian browser tests.

``english_phrases()``: docassemble 1.10.5's own English phrases (its words catalogue
``base-words.yml`` and the keys of every translation file it ships), so a test can say "no
docassemble word is left in English"; ``lv_words()``: the package's Latvian words file.
``visible_texts(driver)``: every visible text node, and the title / aria-label / placeholder /
alt / value texts a screen reader or a hover shows. ``english_on_screen(driver)``: the texts that
are exactly a docassemble phrase. ``axe_serious(driver)``: axe-core's critical and serious
WCAG 2.1 A/AA violations (axe-core from tests/e2e/axe, ``npm ci --prefix tests/e2e/axe``).
"""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
LV_WORDS = REPO / "src" / "docassemble" / "pamats" / "data" / "sources" / "lv-da-words.yml"
AXE = HERE / "axe" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# phrases that read the same in Latvian, or are too short to be a word on their own
NEUTRAL = {"Markdown", "URL", "PDF", "DOCX", "RTF", "SMS", "API", "GitHub", "PyPI", "OneDrive", "Google Drive"}


def _da_sources() -> Path:
    spec = importlib.util.find_spec("docassemble.base")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("docassemble.base is not installed in this venv (bash scripts/venv.sh dev,docassemble)")
    return Path(list(spec.submodule_search_locations)[0]) / "data" / "sources"


@functools.lru_cache(maxsize=1)
def lv_words() -> dict[str, str]:
    return yaml.safe_load(LV_WORDS.read_text(encoding="utf-8"))["lv"]


@functools.lru_cache(maxsize=1)
def english_phrases() -> frozenset[str]:
    src = _da_sources()
    phrases: set[str] = set(yaml.safe_load((src / "base-words.yml").read_text(encoding="utf-8")))
    for f in sorted(src.glob("*-words.yml")):
        for table in (yaml.safe_load(f.read_text(encoding="utf-8")) or {}).values():
            if isinstance(table, dict):
                phrases.update(k for k in table if isinstance(k, str))
    phrases.update(lv_words())
    same = {k for k, v in lv_words().items() if k == v}
    return frozenset(
        p.strip()
        for p in phrases
        if len(p.strip()) >= 3 and p.strip() not in NEUTRAL and p not in same and re.search(r"[A-Za-z]{2}", p)
    )


_TEXTS_JS = r"""
const out = [];
const shown = el => !!(el && (el.offsetWidth || el.offsetHeight || el.getClientRects().length))
  && getComputedStyle(el).visibility !== 'hidden';
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
let n;
while ((n = walker.nextNode())) {
  const t = n.nodeValue.replace(/\s+/g, ' ').trim();
  const p = n.parentElement;
  if (t && p && !['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(p.tagName) && shown(p)) out.push(t);
}
for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [alt], input[type=submit], input[type=button]')) {
  if (!shown(el) && !el.closest('label')) continue;
  for (const a of ['title', 'aria-label', 'placeholder', 'alt']) {
    const v = el.getAttribute(a);
    if (v && v.trim()) out.push(v.replace(/\s+/g, ' ').trim());
  }
  if (el.tagName === 'INPUT' && ['submit', 'button'].includes(el.type) && el.value) out.push(el.value.trim());
}
return out;
"""


def visible_texts(driver) -> list[str]:
    return list(driver.execute_script(_TEXTS_JS))


def english_on_screen(driver) -> list[str]:
    """docassemble phrases shown in English, and texts with JSON escapes (\\u0160) left in."""
    phrases = english_phrases()
    found = []
    for t in visible_texts(driver):
        if t in phrases or t.rstrip(".:") in phrases or re.search(r"\\u[0-9a-fA-F]{4}", t):
            found.append(t)
    return sorted(set(found))


def latvian_on_screen(driver) -> list[str]:
    """The package's Latvian docassemble words shown on a screen (for English screens)."""
    latvian = {
        v.strip()
        for k, v in lv_words().items()
        if isinstance(v, str) and v.strip() != k.strip() and len(v.strip()) >= 3
    }
    return sorted({t for t in visible_texts(driver) if t in latvian})


def message(phrase: str, lang: str) -> str:
    """docassemble's phrase as the user reads it in lang (English: docassemble's us-words
    override, as the server's words list loads it first)."""
    if lang == "lv":
        return lv_words()[phrase]
    from docassemble.base.language.words import word_collection  # docassemble's built-in English overrides

    us = yaml.safe_load((_da_sources() / "us-words.yml").read_text(encoding="utf-8")).get("en", {})
    return us.get(phrase) or word_collection.get("en", {}).get(phrase) or phrase


def html_lang(driver) -> str:
    return driver.execute_script("return document.documentElement.getAttribute('lang') || ''")


def axe_serious(driver) -> list[dict]:
    """axe-core's critical and serious violations on the current page (WCAG 2.1 A and AA)."""
    if not AXE.exists():
        raise AssertionError(f"{AXE} missing: run `npm ci --prefix {AXE.parents[2]}` (scripts/test.sh does)")
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(r => done(r.violations.filter(v => v.impact === 'critical' || v.impact === 'serious')"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.html.slice(0, 160))}))))"
        ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));",
        AXE_TAGS,
    )
    return list(result)


def error_messages(driver) -> list[str]:
    """The validation messages docassemble shows (jQuery validate's span.da-has-error)."""
    from selenium.webdriver.common.by import By

    return [
        e.text.strip()
        for e in driver.find_elements(By.CSS_SELECTOR, ".da-has-error, .invalid-feedback")
        if e.is_displayed() and e.text.strip()
    ]
