"""Browser tests in headless Chromium against the running server; screenshots go to
test-artifacts/browser/. The smoke test uses docassemble's own example; the agreement test
clicks through interviews/agreement.yml with a Latvian scenario, runs axe-core on every screen
and keeps the review screen and the end screen."""

from __future__ import annotations

from pathlib import Path

import browser
import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture()
def driver(tmp_path):
    d = browser.chrome(tmp_path / "profile")
    yield d
    d.quit()


def test_browser_fills_a_screen_and_reaches_the_end(client, driver, artifacts):
    from selenium.webdriver.common.by import By

    out = artifacts / "browser"
    out.mkdir(exist_ok=True)
    driver.get(client.base + "/interview?i=docassemble.base:data/questions/examples/continue-button-field.yml&reset=1")
    browser.wait_for_screen(driver)
    assert "Welcome to the interview" in browser.heading(driver)
    form = browser.current_form(driver)
    assert browser.fill_screen(driver, browser.answers_taker({"phone_number": "555 <b>&"}))
    browser.wait_for_next(driver, form)
    assert "Result of question" in browser.heading(driver)
    body = driver.find_element(By.TAG_NAME, "body").text
    assert "True" in body
    driver.save_screenshot(str(out / "smoke-end.png"))
    assert (out / "smoke-end.png").stat().st_size > 1000


# test_latvian.py walks agreement--gap-ngo-lv with axe on every screen; this click-through
# takes the other Latvian path (participation agreement, joint controllers, paper signatures)
AGREEMENT_SCENARIO = REPO / "tests" / "interviews" / "scenarios" / "agreement--joint-participation-lv.yaml"


def test_browser_clicks_through_the_agreement(client, driver, artifacts):
    """Every screen of the click-through, question screens and the end screen, passes axe-core
    (WCAG 2.1 A and AA) with no critical or serious violation."""
    import harness
    import screens
    from selenium.webdriver.common.by import By

    out = artifacts / "browser"
    out.mkdir(exist_ok=True)
    sc = harness.load_scenario(AGREEMENT_SCENARIO)
    url = f"{client.base}/interview?i={harness.interview_ref('agreement.yml')}&reset=1"
    found: list[str] = []
    checked: list[str] = []

    def axe(d) -> None:
        checked.append(browser.heading(d))
        for v in screens.axe_serious(d):
            found.append(f"{browser.heading(d)!r}: axe {v['impact']} {v['id']} ({v['help']}): {v['nodes'][:3]}")

    seen = browser.click_through(driver, url, sc["answers"], out, "agreement", on_screen=axe)
    assert (out / "agreement-review.png").exists(), f"no review screen among {seen}"
    assert (out / "agreement-end.png").stat().st_size > 1000
    assert checked == seen and len(checked) >= 10, (checked, seen)
    assert not found, "\n".join(found)
    body = driver.find_element(By.TAG_NAME, "body").text
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "a[href*='.docx']")]
    assert links, "end screen offers no DOCX download"
    missing = [s for s in sc["expect"]["end_screen_contains"] if s not in body]
    assert not missing, f"end screen lacks {missing}"
