"""Headless Chromium clicks through the amending-regulation interview (interviews/amendment.yml)
on the running server with the scenario amendment--insert-flows-lv: the act, the change screens
(dropdown, text areas, checkboxes), the legal-basis check, the review and the end screen with
its downloads. Screenshots: test-artifacts/browser/amendment-*.png."""

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
