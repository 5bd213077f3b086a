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

from pathlib import Path

import browser
import hostile
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


def test_hostile_text_is_refused_or_kept_and_the_docx_equals_the_review(client, driver, artifacts):
    import harness

    out = artifacts / "browser"
    out.mkdir(exist_ok=True)
    sc = harness.load_scenario(SCENARIO)
    driver.get(f"{client.base}/interview?i={harness.interview_ref('amendment.yml')}&reset=1")
    browser.wait_for_screen(driver)
    take = browser.answers_taker(sc["answers"])
    hostile.until(driver, take, SCREEN)

    for n, (value, message) in enumerate(REFUSED):
        shown = hostile.submit(driver, hostile.with_value(browser.answers_taker(sc["answers"]), TEXT, value))
        driver.save_screenshot(str(out / f"amendment-hostile-{n}.png"))
        body, source = hostile.body(driver), driver.page_source
        assert browser.heading(driver) == SCREEN, (n, browser.heading(driver), body[-800:])
        assert message in shown, (n, shown, body[-1500:])
        assert "Traceback" not in source and "Error" != browser.heading(driver)

    # template and docassemble syntax: accepted, shown and written literally
    assert hostile.submit(driver, hostile.with_value(take, TEXT, LITERAL)) == ""
    assert browser.heading(driver) != SCREEN, hostile.body(driver)[-800:]
    hostile.until(driver, take, "Pārskatiet atbildes")
    driver.save_screenshot(str(out / "amendment-hostile-review.png"))
    review = [
        [x.strip() for x in item.splitlines() if x.strip() and x.strip() not in ("Labot", "Edit")]
        for item in hostile.review_items(driver)
    ]
    review_text = "\n".join(x for item in review for x in item)
    assert f"„5.¹ {LITERAL}" in review_text, review_text
    for _ in range(30):  # on to the end screen
        form = browser.current_form(driver)
        if form is None or not browser.fill_screen(driver, take):
            break
        browser.wait_for_next(driver, form, 300)
    driver.save_screenshot(str(out / "amendment-hostile-end.png"))
    assert "Grozījumu projekts ir gatavs" in hostile.body(driver)
    data = hostile.download_docx(driver, skip=("konsolidetais",))
    paras, cells = hostile.docx_text(data)
    text = "\n".join(paras + cells)
    assert f"„5.¹ {LITERAL}" in paras, paras
    assert hostile.hidden_characters(data) == []
    assert "Punkts 49" not in text and "jā{% endif %}" in text

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
    d = hostile.docx_document(data)
    assert d.core_properties.title == next(p.text for p in d.paragraphs if p.style.name == "Pamats Title")
