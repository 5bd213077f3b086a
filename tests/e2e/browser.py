"""Headless Chromium for the e2e browser tests (Debian chromium + chromedriver, Selenium).

Defines ``chrome(tmp_dir)`` (a WebDriver with the flags CI needs and a fresh profile),
``field_names(driver)`` (visible form inputs with their decoded docassemble variable names:
docassemble names inputs by base64 of the variable name) and ``fill_screen(driver, answers)``
which answers the current screen from a scenario's answers and presses its button.
"""

from __future__ import annotations

import base64
import re
import shutil
from typing import Any

FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1200,1000",
]


def chrome(profile_dir):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for f in FLAGS:
        opts.add_argument(f)
    opts.add_argument(f"--user-data-dir={profile_dir}")
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=opts, service=service)
    driver.set_page_load_timeout(120)
    return driver


CHECKBOX_KEY = re.compile(r"^(.*)\[B'([^']*)'\]$")


def decode_name(name: str) -> str | None:
    try:
        return base64.b64decode(name + "=" * (-len(name) % 4)).decode("utf-8")
    except Exception:
        return None


def wait_for_screen(driver, timeout: float = 60):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "#daquestion, .da-page-header, h1"))
    )


def wait_for_next(driver, old_form, timeout: float = 120):
    """Wait until the page replaced the answered form (docassemble swaps screens by AJAX)."""
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout).until(ec.staleness_of(old_form))
    wait_for_screen(driver, timeout)


def current_form(driver):
    from selenium.webdriver.common.by import By

    forms = driver.find_elements(By.CSS_SELECTOR, "form#daform")
    return forms[0] if forms else None


def heading(driver) -> str:
    from selenium.webdriver.common.by import By

    hs = driver.find_elements(By.CSS_SELECTOR, "#daquestion h1, .da-page-header h1, h1")
    return hs[0].text.strip() if hs else ""


def _event_names(form) -> list[str]:
    """The resolved variable names the screen seeks (hidden _event: base64 of a JSON list)."""
    import json

    from selenium.webdriver.common.by import By

    for el in form.find_elements(By.CSS_SELECTOR, "input[name=_event]"):
        try:
            return [str(n) for n in json.loads(decode_name(el.get_attribute("value") or "") or "[]")]
        except ValueError:
            return []
    return []


def _resolving(take, resolved: list[str]):
    """Wrap take so 'parties[i].name' is looked up as the screen's 'parties[1].name' first."""
    from rest import generic_spelling

    def wrapped(var: str, consume: bool = True):
        if "[" in var:
            g = generic_spelling(var)
            for r in resolved:
                if r != var and generic_spelling(r) == g:
                    found, value = take(r, consume)
                    if found:
                        return found, value
        return take(var, consume)

    return wrapped


class Pasted(str):
    """An answer put into its field whole, as a paste would (a 100,000-character text, control
    characters that the keyboard cannot type)."""


def fill_screen(driver, take) -> bool:
    """Answer the visible form with take(variable_name) -> (found, value); press a button.
    Returns False when the screen has no button to press (an end screen)."""
    from selenium.webdriver.common.by import By

    form = driver.find_elements(By.CSS_SELECTOR, "form#daform")
    if not form:
        return False
    form = form[0]
    done: set[str] = set()
    taken: dict[str, Any] = {}
    take = _resolving(take, _event_names(form))
    for el in form.find_elements(By.CSS_SELECTOR, "input, textarea, select"):
        if not el.is_displayed() and el.get_attribute("type") not in ("radio", "checkbox"):
            continue
        raw = el.get_attribute("name") or ""
        var = decode_name(raw)
        if not var or raw in done or var.startswith("_"):
            continue
        kind = el.get_attribute("type")
        if kind == "checkbox":
            m = CHECKBOX_KEY.match(var)
            base, key = (m.group(1), decode_name(m.group(2))) if m else (var, None)
            found, value = take(base) if base not in taken else (True, taken[base])
            if found:
                taken[base] = value
                want = bool(value.get(key)) if key is not None and isinstance(value, dict) else bool(value)
                if el.is_selected() != want:
                    driver.execute_script("arguments[0].click();", el)
                done.add(raw)
            continue
        if kind == "date":
            found, value = take(var)
            if found:
                driver.execute_script("arguments[0].value = arguments[1];", el, str(value)[:10])
                done.add(raw)
            continue
        if el.get_attribute("data-pamats-date"):  # a Latvian date field (pamats.js): typed dd.mm.gggg
            found, value = take(var)
            if found:
                el.clear()
                el.send_keys(lv_date(value))
                done.add(raw)
            continue
        if kind in ("text", "number", "email", "tel", None, "") or el.tag_name in ("textarea",):
            found, value = take(var)
            if found:
                if isinstance(value, Pasted):  # as if pasted: set whole (send_keys types key by key)
                    driver.execute_script("arguments[0].value = arguments[1];", el, str(value))
                else:
                    el.clear()
                    el.send_keys(str(value))
                done.add(raw)
        elif el.tag_name == "select":
            found, value = take(var)
            if found:
                from selenium.webdriver.support.ui import Select

                Select(el).select_by_value(str(value))
                done.add(raw)
        elif kind == "radio":
            found, value = take(var)
            if found:
                for r in form.find_elements(By.CSS_SELECTOR, f"input[type=radio][name='{raw}']"):
                    if r.get_attribute("value") in (str(value), decode_name(r.get_attribute("value") or "")):
                        driver.execute_script("arguments[0].click();", r)
                done.add(raw)
    # checkboxes answered all False: a field with "none of the above" needs that box ticked
    for nota in form.find_elements(By.CSS_SELECTOR, "input.danota-checkbox"):
        field_class = next((c for c in (nota.get_attribute("class") or "").split() if c.startswith("dafield")), None)
        others = (
            [
                c
                for c in form.find_elements(By.CSS_SELECTOR, f"input[type=checkbox].{field_class}")
                if "danota-checkbox" not in (c.get_attribute("class") or "")
            ]
            if field_class
            else []
        )
        if others and not any(c.is_selected() for c in others) and not nota.is_selected():
            driver.execute_script("arguments[0].click();", nota)
    # yes/no and multiple-choice buttons carry the variable in name and the answer in value
    buttons = [b for b in form.find_elements(By.CSS_SELECTOR, "button[type=submit]") if b.is_displayed()]
    for b in buttons:
        var = decode_name(b.get_attribute("name") or "")
        if var and not var.startswith("_"):
            found, value = take(var)
            if found:
                target = {True: "True", False: "False"}.get(value, str(value))
                for c in buttons:
                    cv = c.get_attribute("value") or ""
                    if c.get_attribute("name") == b.get_attribute("name") and target in (cv, decode_name(cv)):
                        _click(driver, c)
                        return True
    if buttons:
        _click(driver, buttons[0])
        return True
    return False


def lv_date(value) -> str:
    """An ISO date (or date object) as a Latvian user types it: dd.mm.gggg."""
    y, m, d = str(value)[:10].split("-")
    return f"{d}.{m}.{y}"


def _click(driver, el) -> None:
    """Click a button the way a user would reach it: scrolled into view (long screens put the
    buttons below the fold, where a plain click is intercepted), then a DOM click."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", el)
    driver.execute_script("arguments[0].click();", el)


def answers_taker(answers: dict[str, Any]):
    """take(var) -> (found, value): the answer for var (a list is consumed one per ask); a
    generic name (parties[i].name) takes the first not yet used indexed key that matches."""
    from rest import generic_spelling

    pending = {k: (list(v) if isinstance(v, list) else v) for k, v in answers.items()}
    used: set[str] = set()

    def take(var: str, consume: bool = True):
        g = generic_spelling(var)
        keys = [k for k in (var, g) if k in pending] or [
            k for k in pending if k not in used and generic_spelling(k) == g
        ]
        if not keys:
            return False, None
        key = keys[0]
        v = pending[key]
        if isinstance(v, list):
            if not v:
                return False, None
            return True, (v.pop(0) if consume else v[0])
        if key != var:
            used.add(key)
        return True, v

    return take


def click_through(
    driver, url: str, answers: dict[str, Any], out_dir, prefix: str, max_steps: int = 200, on_screen=None
):
    """Open url and answer screens until one has no button; screenshot every screen as
    <prefix>-NN.png, the last one also as <prefix>-end.png, and any screen with review
    edit links as <prefix>-review.png; on_screen(driver), when given, looks at every screen
    before it is answered (and at the end screen). Returns the headings seen."""
    from selenium.webdriver.common.by import By

    take = answers_taker(answers)
    driver.get(url)
    wait_for_screen(driver)
    seen = []
    for step in range(max_steps):
        seen.append(heading(driver))
        driver.save_screenshot(str(out_dir / f"{prefix}-{step:02d}.png"))
        if on_screen is not None:
            on_screen(driver)
        if driver.find_elements(By.CSS_SELECTOR, ".da-review, .da-review-action, a.da-review-edit"):
            driver.save_screenshot(str(out_dir / f"{prefix}-review.png"))
        form = current_form(driver)
        if form is None or not fill_screen(driver, take):
            driver.save_screenshot(str(out_dir / f"{prefix}-end.png"))
            return seen
        try:
            wait_for_next(driver, form)
        except Exception:  # the screen did not move on (a validation message?): keep what it shows
            driver.save_screenshot(str(out_dir / f"{prefix}-stuck.png"))
            body = driver.find_element(By.TAG_NAME, "body").text
            raise AssertionError(
                f"screen {seen[-1]!r} did not move on after answering; it shows:\n{body[-1500:]}"
            ) from None
    raise AssertionError(f"no end screen after {max_steps} screens: {seen[-5:]}")


def press_continue(driver) -> bool:
    """Press the screen's first visible submit button without answering anything (to see the
    validation messages). False when the screen has none."""
    from selenium.webdriver.common.by import By

    form = current_form(driver)
    if form is None:
        return False
    buttons = [b for b in form.find_elements(By.CSS_SELECTOR, "button[type=submit]") if b.is_displayed()]
    if not buttons:
        return False
    _click(driver, buttons[0])
    return True


def asked_variables(driver) -> list[str]:
    """Decoded variable names of the visible form's inputs and of the variables it seeks."""
    from selenium.webdriver.common.by import By

    form = current_form(driver)
    if form is None:
        return []
    names = [
        decode_name(el.get_attribute("name") or "")
        for el in form.find_elements(By.CSS_SELECTOR, "input, textarea, select, button")
    ]
    return [n for n in names if n and not n.startswith("_")] + _event_names(form)


def review_actions(driver) -> dict[str, object]:
    """On a review screen: {variable: edit link} from docassemble's da-review-action links."""
    import json

    from selenium.webdriver.common.by import By

    out = {}
    for a in driver.find_elements(By.CSS_SELECTOR, "a.da-review-action"):
        try:
            data = json.loads(decode_name(a.get_attribute("data-action") or "") or "{}")
        except ValueError:
            continue
        action = data.get("action")
        if action == "_da_force_ask":  # review fields with undefine/recompute: the first variable
            action = next((v for v in data.get("arguments", {}).get("variables", []) if isinstance(v, str)), None)
        if action:
            out.setdefault(action, a)
    return out
