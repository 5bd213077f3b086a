"""The pages around the interviews, in headless Chromium: the sign-in page in the user's language
with a way back to the interview (and back to the same screen after signing in), and the
server mode scripts/da-server.sh started (debug: docassemble's "</>" source button is there;
production: it is not, and a "Sākt no jauna" link restarts the interview)."""

from __future__ import annotations

import os
import re

import browser
import pytest
import screens
from rest import REPO


@pytest.fixture()
def driver(tmp_path):
    d = browser.chrome(tmp_path / "profile")
    yield d
    d.quit()


def server_mode() -> str:
    mode = os.environ.get("DA_MODE")
    env = REPO / ".da" / "env"
    if not mode and env.exists():
        m = re.search(r"^export DA_MODE=(\w+)$", env.read_text(), re.M)
        mode = m.group(1) if m else None
    return mode or "debug"


def _open_in_latvian(driver, base: str) -> str:
    """Open the order interview, choose Latviešu, return the heading of the screen after."""
    import harness

    driver.get(f"{base}/interview?i={harness.interview_ref('order.yml')}&reset=1")
    browser.wait_for_screen(driver)
    form = browser.current_form(driver)
    assert browser.fill_screen(driver, browser.answers_taker({"lang": "lv"}))
    browser.wait_for_next(driver, form)
    assert screens.html_lang(driver) == "lv"
    return browser.heading(driver)


def test_sign_in_page_is_latvian_and_leads_back(client, driver, artifacts):
    from selenium.webdriver.common.by import By

    out = artifacts / "browser"
    out.mkdir(exist_ok=True)
    heading = _open_in_latvian(driver, client.base)
    links = [a for a in driver.find_elements(By.CSS_SELECTOR, "a[href*='/user/sign-in']") if a.is_displayed()]
    assert links, "no sign-in link on the Latvian screen"
    words = screens.lv_words()
    assert links[0].text.strip() in (words["Sign in to save answers"], words["Sign in or sign up to save answers"])
    assert "next=" in links[0].get_attribute("href"), "the sign-in link does not lead back to the interview"
    driver.execute_script("arguments[0].click();", links[0])
    browser.wait_for_screen(driver)
    driver.save_screenshot(str(out / "sign-in-lv.png"))
    assert screens.html_lang(driver) == "lv"
    assert browser.heading(driver) == words["Sign in"]
    assert not screens.english_on_screen(driver), screens.english_on_screen(driver)
    assert not screens.axe_serious(driver), screens.axe_serious(driver)
    back = driver.find_elements(By.CSS_SELECTOR, "a.pamats-back-link")
    assert back and back[0].text.strip() == "Atpakaļ uz interviju"
    assert "/interview?i=docassemble.pamats" in back[0].get_attribute("href")
    driver.execute_script("arguments[0].click();", back[0])
    browser.wait_for_screen(driver)
    assert browser.heading(driver) == heading, "the way back did not return to the same screen"
    # signing in returns to the same screen too, still in Latvian
    driver.execute_script(
        "arguments[0].click();",
        [a for a in driver.find_elements(By.CSS_SELECTOR, "a[href*='/user/sign-in']") if a.is_displayed()][0],
    )
    browser.wait_for_screen(driver)
    driver.find_element(By.ID, "email").send_keys("admin@example.com")
    driver.find_element(By.ID, "password").send_keys("pamats-admin-pw")
    old = driver.find_element(By.TAG_NAME, "form")
    driver.execute_script(
        "arguments[0].click();",
        driver.find_element(By.CSS_SELECTOR, "form button[type=submit], form input[type=submit]"),
    )
    browser.wait_for_next(driver, old)
    assert browser.heading(driver) == heading, f"after signing in: {browser.heading(driver)!r}"
    assert screens.html_lang(driver) == "lv"


def test_server_mode_source_button(client, driver, artifacts):
    from selenium.webdriver.common.by import By

    mode = server_mode()
    _open_in_latvian(driver, client.base)
    source = driver.find_elements(By.ID, "dasourcetoggle")
    restart = driver.find_elements(By.CSS_SELECTOR, "a.pamats-restart")
    if mode == "debug":
        assert source, "debug mode shows docassemble's source button"
        return
    assert mode == "production", mode
    assert not source, "the production server shows the interview's source to every visitor"
    assert "</>" not in driver.find_element(By.TAG_NAME, "body").text
    assert restart and restart[0].text.strip() == "Sākt no jauna"
    assert "restart_session?i=docassemble.pamats" in restart[0].get_attribute("href")
    driver.execute_script("arguments[0].click();", restart[0])
    browser.wait_for_screen(driver)
    assert browser.heading(driver) == "Valoda / Language", "restart did not go back to the first screen"
