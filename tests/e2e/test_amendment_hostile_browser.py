"""Issue 16 on the real server, in headless Chromium, on the amending-regulation interview:

- hostile text on the change screen (100,000 characters, control characters, markup) is refused
  with a Latvian message and the screen asked again, never a traceback page;
- template and docassemble syntax (``${ }``, ``{{ }}``, ``{% %}``, ``[FILE …]``, ``[BR]``) is
  kept literally on the review screen and in the assembled DOCX downloaded from the server
  (no zero-width characters, nothing evaluated);
- the DOCX downloaded from the server says what the review screen says: the Izdoti line and
  every instruction line of the review are paragraphs of the DOCX, in the same order, and the
  DOCX has no instruction paragraph the review does not show; the signatures are its cells.
Screenshots: test-artifacts/browser/amendment-hostile-*.png."""

from __future__ import annotations

import io
from pathlib import Path

import browser
import pytest

REPO = Path(__file__).resolve().parents[2]
SCENARIO = REPO / "tests" / "interviews" / "scenarios" / "amendment--insert-flows-lv.yaml"
SCREEN = "Jauns punkts vai apakšpunkts"
TEXT = "am_changes[i].text"
REFUSED = [  # (pasted value, what the screen says)
    ("A" * 100_000, "Teksts ir par garu: 100000 rakstzīmes, šajā laukā atļautas ne vairāk kā 2000."),
    ("Teksts ar zvaniņu\x07 iekšā", "Tekstā ir neredzama vadības rakstzīme (U+0007)"),
    ("Teksts\x1b[31m sarkanā krāsā", "Tekstā ir neredzama vadības rakstzīme (U+001B)"),
    ("<script>alert(1)</script> teksts", "Tekstā ir HTML vai XML iezīme „script”"),
    ('Attēls <img src=x onerror="alert(2)">', "Tekstā ir HTML vai XML iezīme „img”"),
]
LITERAL = (
    "Punkts ${ 7*7 } {{ 7*7 }} {% if True %}jā{% endif %} [FILE docassemble.base:data/static/cat.png] "
    "[BR] **ne** `kods` __. informē:"
)


@pytest.fixture()
def driver(tmp_path):
    d = browser.chrome(tmp_path / "profile")
    yield d
    d.quit()


def _generic(var: str) -> str:
    from rest import generic_spelling

    return generic_spelling(var)


def _with_text(take, value):
    """The scenario's answers, but the new point's text is ``value`` (pasted whole)."""

    def t(var: str, consume: bool = True):
        found, v = take(var, consume)
        if found and _generic(var) == TEXT:
            return True, browser.Pasted(value)
        return found, v

    return t


def _body(driver) -> str:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.TAG_NAME, "body").text


def _until(driver, take, title: str, max_steps: int = 60) -> None:
    for _ in range(max_steps):
        if browser.heading(driver) == title:
            return
        form = browser.current_form(driver)
        assert form is not None and browser.fill_screen(driver, take), f"stopped at {browser.heading(driver)!r}"
        browser.wait_for_next(driver, form)
    raise AssertionError(f"never reached {title!r}")


def _docx(driver):
    import docx
    import requests
    from selenium.webdriver.common.by import By

    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "a[href*='.docx']")]
    links = [h for h in links if "konsolidetais" not in h]
    assert links, "the final screen offers no DOCX of the amendment"
    http = requests.Session()
    for c in driver.get_cookies():
        http.cookies.set(c["name"], c["value"])
    r = http.get(links[0], timeout=180)
    r.raise_for_status()
    assert r.content[:2] == b"PK", "the download is not a DOCX"
    return docx.Document(io.BytesIO(r.content))


def _review_items(driver) -> list[list[str]]:
    from selenium.webdriver.common.by import By

    items = []
    for e in driver.find_elements(By.CSS_SELECTOR, ".da-review"):
        lines = [x.strip() for x in e.text.splitlines() if x.strip() and x.strip() not in ("Labot", "Edit")]
        items.append(lines)
    return items


def test_hostile_text_is_refused_or_kept_and_the_docx_equals_the_review(client, driver, artifacts):
    import harness

    out = artifacts / "browser"
    out.mkdir(exist_ok=True)
    sc = harness.load_scenario(SCENARIO)
    driver.get(f"{client.base}/interview?i={harness.interview_ref('amendment.yml')}&reset=1")
    browser.wait_for_screen(driver)
    take = browser.answers_taker(sc["answers"])
    _until(driver, take, SCREEN)

    for n, (value, message) in enumerate(REFUSED):
        form = browser.current_form(driver)
        assert browser.fill_screen(driver, _with_text(browser.answers_taker(sc["answers"]), value))
        browser.wait_for_next(driver, form, 180)
        driver.save_screenshot(str(out / f"amendment-hostile-{n}.png"))
        body, source = _body(driver), driver.page_source
        assert browser.heading(driver) == SCREEN, (n, browser.heading(driver), body[-800:])
        assert message in body, (n, body[-1500:])
        assert "Traceback" not in source and "Error" != browser.heading(driver)

    # template and docassemble syntax: accepted, shown and written literally
    form = browser.current_form(driver)
    assert browser.fill_screen(driver, _with_text(take, LITERAL))
    browser.wait_for_next(driver, form, 180)
    assert browser.heading(driver) != SCREEN, _body(driver)[-800:]
    _until(driver, take, "Pārskatiet atbildes")
    driver.save_screenshot(str(out / "amendment-hostile-review.png"))
    review = _review_items(driver)
    review_text = "\n".join(x for item in review for x in item)
    assert f"„5.¹ {LITERAL}" in review_text, review_text
    for _ in range(30):  # on to the end screen
        form = browser.current_form(driver)
        if form is None or not browser.fill_screen(driver, take):
            break
        browser.wait_for_next(driver, form, 300)
    driver.save_screenshot(str(out / "amendment-hostile-end.png"))
    assert "Grozījumu projekts ir gatavs" in _body(driver)
    d = _docx(driver)
    paras = [p.text for p in d.paragraphs if p.text.strip()]
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    text = "\n".join(paras + cells)
    assert f"„5.¹ {LITERAL}" in paras, paras
    assert "\u200b" not in text and "\u200c" not in text and "Punkts 49" not in text and "jā{% endif %}" in text

    # the DOCX says what the review says
    basis, instructions, signatures = review[0], review[1], review[2]
    assert basis == [p for p in paras if p.startswith("Izdoti saskaņā ar")], (basis, paras)
    start = paras.index(instructions[0])
    assert paras[start : start + len(instructions)] == instructions, (instructions, paras[start:])
    after = paras[start + len(instructions) :]
    assert not [p for p in after if p.startswith(("„", "5.¹", "Papildināt", "Izteikt", "Svītrot"))], after
    for line in signatures:
        position, name = line.split(" – ")
        assert position in cells and name in cells, (line, cells)
    assert d.core_properties.title == next(p.text for p in d.paragraphs if p.style.name == "Pamats Title")
