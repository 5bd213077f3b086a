"""What a person does in the workspace in Chromium, said once for the workspace e2e tests
(test_workspace_server.py, test_workspace_signing.py): accounts made through docassemble's API,
organisations set up through the core on the server's registry (as a server administrator
would), signing in and out, opening pages, clicking links inside the page, filling the text
form, downloads (the browser's own, with the file name it suggests), and axe-core (WCAG 2.1 A
and AA) on every page a browser reaches: the ``drivers`` fixture fails the test on a serious or
critical violation."""

from __future__ import annotations

import base64
import json
import os
import re
import time
from pathlib import Path

import browser
import pytest
import screens

REPO = Path(__file__).resolve().parents[2]
WS = "/interview?i=docassemble.pamats:data/questions/workspace.yml"
AGREEMENT = "/interview?i=docassemble.pamats:data/questions/agreement.yml"

AXE_FOUND: dict[str, list[str]] = {}  # page title -> axe-core's critical/serious violations seen on it


def registry_url() -> str | None:
    url = os.environ.get("DA_REGISTRY")
    env = REPO / ".da" / "env"
    if not url and env.exists():
        m = re.search(r"^export DA_REGISTRY=(.*)$", env.read_text(), re.M)
        url = m.group(1).strip() if m else None
    return url


def workspace():
    """The core over the server's registry database (DA_REGISTRY in .da/env)."""
    from pamats.registry import Registry
    from pamats.registry.workspace import Workspace

    url = registry_url()
    if not url:
        pytest.fail("no DA_REGISTRY (bash scripts/da-server.sh start writes it to .da/env)")
    return Workspace(Registry(url, files_in_db=True))


def admin():
    from pamats.registry.workspace import Principal

    return Principal(1, "admin@example.com", server_admin=True)


def make_people(client, stamp: str, who, names: dict | None = None) -> dict:
    """docassemble accounts (API), e-mail ``<who>-<stamp>@example.org``: who -> (id, e-mail, password).
    ``names``: who -> (first name, last name) set on the account."""
    people = {}
    for w in who:
        email, pw = f"{w}-{stamp}@example.org", f"Pw-{stamp}-{w}!"
        data = {"username": email, "password": pw, "privileges": ["user"], "language": "lv"}
        if names and w in names:
            data["first_name"], data["last_name"] = names[w]
        r = client.http.post(client.base + "/api/user/new", headers={"X-API-Key": client.key}, json=data, timeout=60)
        assert r.status_code == 200, r.text
        people[w] = (int(r.json()["user_id"]), email, pw)
    return people


def principal(person):
    from pamats.registry.workspace import Principal

    return Principal(person[0], person[1])


def make_orgs(ws, people: dict, orgs: dict, names: dict | None = None, *, login: bool = False) -> None:
    """Each ``orgs[who]`` created (named ``names[who]``, else the key in capitals) with ``who`` as its
    administrator (a negotiator); ``login``: they accept at once, as their first page would."""
    for who, key in orgs.items():
        ws.create_organisation(admin(), key, (names or {}).get(who) or key.upper())
        ws.invite(admin(), key, people[who][1], "negotiator", admin=True)
        if login:
            ws.login(principal(people[who]))


def axe(driver) -> None:
    """axe-core (WCAG 2.1 A and AA) on the workspace page now shown; violations kept for the end."""
    for v in screens.axe_serious(driver):
        AXE_FOUND.setdefault(driver.title, []).append(f"{v['impact']} {v['id']} ({v['help']}): {v['nodes'][:2]}")


@pytest.fixture()
def drivers(tmp_path):
    made = []
    AXE_FOUND.clear()

    def new(name):
        d = browser.chrome(tmp_path / f"profile-{name}")
        made.append(d)
        return d

    yield new
    for d in made:
        d.quit()
    # every page a person saw, in any browser: no serious or critical violation
    assert not AXE_FOUND, AXE_FOUND


def sign_in(driver, base, email, password):
    from selenium.webdriver.common.by import By

    driver.get(base + "/user/sign-in")
    driver.find_element(By.ID, "email").send_keys(email)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "button[type=submit], input[type=submit]").click()
    time.sleep(1)


def switch(driver, base, who):
    """Sign out, sign in as ``who`` (id, e-mail, password) and open the workspace afresh."""
    driver.get(base + "/user/sign-out")
    time.sleep(1)
    sign_in(driver, base, who[1], who[2])
    open_page(driver, base + WS + "&reset=1")


def body(driver) -> str:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.TAG_NAME, "body").text


def open_page(driver, url):
    driver.get(url)
    browser.wait_for_screen(driver)
    axe(driver)


def screen(driver):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, "#daquestion")


def stale(driver, old):
    """Wait until ``old`` left the page (docassemble replaces the screen), then for the new screen."""
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 60).until(ec.staleness_of(old))
    browser.wait_for_screen(driver)


def _press(driver, el):
    old = screen(driver)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", el)
    stale(driver, old)
    axe(driver)


def click_link(driver, text):
    from selenium.webdriver.common.by import By

    _press(driver, driver.find_element(By.PARTIAL_LINK_TEXT, text))


def click_in(driver, css, text):
    """Click the link ``text`` inside the element ``css`` (a point's box in the room)."""
    from selenium.webdriver.common.by import By

    _press(driver, driver.find_element(By.CSS_SELECTOR, css).find_element(By.PARTIAL_LINK_TEXT, text))


def click_nth(driver, text, n):
    """Click the ``n``-th link whose text contains ``text``."""
    from selenium.webdriver.common.by import By

    _press(driver, driver.find_elements(By.PARTIAL_LINK_TEXT, text)[n])


def submit(driver):
    """Press the screen's own Continue button (not the navigation bar's Back button)."""
    from selenium.webdriver.common.by import By

    form = driver.find_element(By.CSS_SELECTOR, "form#daform")
    [b for b in form.find_elements(By.CSS_SELECTOR, "button[type=submit]") if b.is_displayed()][0].click()
    browser.wait_for_next(driver, form)
    axe(driver)


def write(driver, text):
    from selenium.webdriver.common.by import By

    driver.find_element(By.TAG_NAME, "textarea").send_keys(text)


def shot(driver, path):
    """A screenshot of the whole page (the room is longer than the window)."""
    height = driver.execute_script("return document.body.scrollHeight")
    driver.set_window_size(1200, min(max(1000, height + 120), 4000))
    driver.save_screenshot(str(path))
    driver.set_window_size(1200, 1000)


def href(driver, text: str) -> str:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.PARTIAL_LINK_TEXT, text).get_attribute("href")


def fetch_in_page(driver, url: str) -> bytes:
    """What the browser gets for ``url`` with its own session (fetch() in the page)."""
    b64 = driver.execute_async_script(
        """const done = arguments[arguments.length - 1];
        fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.arrayBuffer()).then(b => {
          const u = new Uint8Array(b); let s = '';
          for (let i = 0; i < u.length; i += 8192) s += String.fromCharCode.apply(null, u.subarray(i, i + 8192));
          done(btoa(s));
        }).catch(e => done('ERR' + e));""",
        url,
    )
    assert not b64.startswith("ERR"), b64
    return base64.b64decode(b64)


def fetch_with_cookies(driver, url: str):
    """GET ``url`` with the browser's session cookies (requests; the response's headers too)."""
    import requests

    jar = requests.Session()
    for c in driver.get_cookies():
        jar.cookies.set(c["name"], c["value"], domain=c.get("domain"), path=c.get("path", "/"))
    return jar.get(url, timeout=300)


def download(driver, element, folder: Path, timeout: float = 120) -> Path:
    """Click a download link as a person does; the file Chromium saved, under the name it chose."""
    folder.mkdir(parents=True, exist_ok=True)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)})
    before = set(folder.iterdir())
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", element)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        new = [p for p in set(folder.iterdir()) - before if not p.name.endswith(".crdownload")]
        partial = [p for p in folder.iterdir() if p.name.endswith(".crdownload")]
        if new and not partial:
            (got,) = new
            return got
        time.sleep(0.3)
    raise AssertionError(f"no download finished in {timeout:.0f} s: {sorted(p.name for p in folder.iterdir())}")


def with_args(url: str, **changes) -> str:
    """The same action link with some arguments changed (a forged or edited id)."""
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    from docassemble.base.functions import myb64quote
    from harness import action_from_url

    act = action_from_url(url)
    act["arguments"].update(changes)
    parts = urlsplit(url)
    q = [(k, myb64quote(json.dumps(act)) if k == "action" else v) for k, v in parse_qsl(parts.query)]
    return urlunsplit(parts._replace(query=urlencode(q)))


def refusal(resp, slug: str) -> str:
    """The text of a refusal page (not a file), the slug blanked, for comparing two refusals."""
    assert resp.status_code == 200 and resp.headers["Content-Type"].startswith("text/html"), resp.headers
    m = re.search(r"<strong>(Neizdevās:[^<]*)</strong>", resp.text)
    assert m, resp.text[-2000:]
    return m.group(1).replace(slug, "X")
