"""Headless Chromium clicks through the amending-regulation interview (interviews/amendment.yml)
on the running server with the scenario amendment--insert-flows-lv: the act, the change screens
(dropdown, text areas, checkboxes), the legal-basis check, the review and the end screen with
its downloads. Screenshots: test-artifacts/browser/amendment-*.png."""

from __future__ import annotations

from pathlib import Path

import browser
import hostile
import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture()
def driver(tmp_path):
    d = browser.chrome(tmp_path / "profile")
    yield d
    d.quit()


def test_browser_clicks_through_the_amendment(client, driver, artifacts):
    import harness
    from selenium.webdriver.common.by import By

    out = artifacts / "browser"
    out.mkdir(exist_ok=True)
    sc = harness.load_scenario(REPO / "tests" / "interviews" / "scenarios" / "amendment--insert-flows-lv.yaml")
    url = f"{client.base}/interview?i={harness.interview_ref('amendment.yml')}&reset=1"
    seen = browser.click_through(driver, url, sc["answers"], out, "amendment")
    assert "Tiesiskā pamata pārbaude" in seen and "Pārskatiet atbildes" in seen, seen
    assert (out / "amendment-end.png").stat().st_size > 1000
    body = driver.find_element(By.TAG_NAME, "body").text
    for text in sc["expect"]["end_screen_contains"]:
        assert text in body, text
    hrefs = [a.get_attribute("href") or "" for a in driver.find_elements(By.TAG_NAME, "a")]
    assert any(".docx" in h for h in hrefs), "no DOCX download"
    assert any(h.endswith("/konsolidetais-teksts.docx") for h in hrefs), "no consolidated DOCX link"
    assert any(h.endswith("/konsolidetais-teksts.html") for h in hrefs), "no consolidated HTML link"


def _click_link(driver, text: str, index: int = 0) -> None:
    from selenium.webdriver.common.by import By

    links = [a for a in driver.find_elements(By.TAG_NAME, "a") if a.text.strip() == text and a.is_displayed()]
    assert len(links) > index, f"no link {text!r} #{index} on {browser.heading(driver)!r}"
    old = browser.current_form(driver)
    browser._click(driver, links[index])
    browser.wait_for_next(driver, old)


def test_browser_edits_a_change_from_the_review(client, driver, artifacts):
    """Review → "Labot" on the changes → "Labot" on the first row → its screens, answers kept
    as defaults → the new wording on the review (a real server, real clicks)."""
    import harness
    from selenium.webdriver.common.by import By

    out = artifacts / "browser"
    out.mkdir(exist_ok=True)
    sc = harness.load_scenario(REPO / "tests" / "interviews" / "scenarios" / "amendment--insert-flows-lv.yaml")
    driver.get(f"{client.base}/interview?i={harness.interview_ref('amendment.yml')}&reset=1")
    browser.wait_for_screen(driver)
    hostile.until(driver, browser.answers_taker(sc["answers"]), "Pārskatiet atbildes")
    _click_link(driver, "Labot", 1)  # the second review item: the changes
    assert browser.heading(driver) == "Grozījumi"
    _click_link(driver, "Labot", 0)  # the first (only) change
    assert browser.heading(driver) == "1. grozījums: kas mainās?"  # the number shown (not read as a Markdown list)
    checked = [
        r.get_attribute("value") for r in driver.find_elements(By.CSS_SELECTOR, "input[type=radio]") if r.is_selected()
    ]
    assert [browser.decode_name(v) or v for v in checked] == ["insert_after"]  # the answer given, as default
    new = "Valsts robežsardze, kas pirmā nonāk saskarē ar iespējamo upuri, informē:"
    # only the text changes: every other field keeps its default (nothing else is answered)
    take = browser.answers_taker({"am_changes[i].text": new})
    hostile.until(driver, take, "Grozījumi")
    form = browser.current_form(driver)
    browser.fill_screen(driver, take)
    browser.wait_for_next(driver, form)
    assert browser.heading(driver) == "Pārskatiet atbildes"
    body = driver.find_element(By.TAG_NAME, "body").text
    driver.save_screenshot(str(out / "amendment-edited-review.png"))
    assert f"„5.¹ {new}" in body and "Pilsonības un migrācijas" not in body.split("Izdarīt")[1]
    assert "5.¹ 1. pakalpojuma sniedzēju, ja persona tam piekrīt;" in body  # sub-points kept
