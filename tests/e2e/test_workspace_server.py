"""The workspace on the real server: docassemble accounts log in in Chromium; the page knows them
only from docassemble's login; MARTA and the State Border Guard see the agreement, suggest and
accept; the State Police's user gets "not found", also when replaying MARTA's room link.
Screenshots go to test-artifacts/workspace/. axe-core runs on every page either browser reaches
and the test fails on a serious or critical WCAG 2.1 A/AA violation. Organisations are set up through the core on the
server's registry database (DA_REGISTRY in .da/env), as a server administrator would."""

from __future__ import annotations

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


def _registry_url() -> str | None:
    url = os.environ.get("DA_REGISTRY")
    env = REPO / ".da" / "env"
    if not url and env.exists():
        m = re.search(r"^export DA_REGISTRY=(.*)$", env.read_text(), re.M)
        url = m.group(1).strip() if m else None
    return url


AXE_FOUND: dict[str, list[str]] = {}  # page title -> axe-core's critical/serious violations seen on it


def _axe(driver) -> None:
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
    # every page a person saw, in either organisation's browser: no serious or critical violation
    assert not AXE_FOUND, AXE_FOUND


def _sign_in(driver, base, email, password):
    from selenium.webdriver.common.by import By

    driver.get(base + "/user/sign-in")
    driver.find_element(By.ID, "email").send_keys(email)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "button[type=submit], input[type=submit]").click()
    time.sleep(1)


def _body(driver) -> str:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.TAG_NAME, "body").text


def _open(driver, url):
    driver.get(url)
    browser.wait_for_screen(driver)
    _axe(driver)


def _stale(driver, old):
    """Wait until ``old`` left the page (docassemble replaces the screen), then for the new screen."""
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 60).until(ec.staleness_of(old))
    browser.wait_for_screen(driver)


def _screen(driver):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, "#daquestion")


def _click_link(driver, text):
    from selenium.webdriver.common.by import By

    old = _screen(driver)
    el = driver.find_element(By.PARTIAL_LINK_TEXT, text)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", el)
    _stale(driver, old)
    _axe(driver)


def _submit(driver):
    """Press the screen's own Continue button (not the navigation bar's Back button)."""
    from selenium.webdriver.common.by import By

    form = driver.find_element(By.CSS_SELECTOR, "form#daform")
    [b for b in form.find_elements(By.CSS_SELECTOR, "button[type=submit]") if b.is_displayed()][0].click()
    browser.wait_for_next(driver, form)
    _axe(driver)


def _click_in(driver, css, text):
    """Click the link ``text`` inside the element ``css`` (a point's box in the room)."""
    from selenium.webdriver.common.by import By

    old = _screen(driver)
    el = driver.find_element(By.CSS_SELECTOR, css).find_element(By.PARTIAL_LINK_TEXT, text)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", el)
    _stale(driver, old)
    _axe(driver)


def _write(driver, text):
    from selenium.webdriver.common.by import By

    driver.find_element(By.TAG_NAME, "textarea").send_keys(text)


def _shot(driver, path):
    """A screenshot of the whole page (the room is longer than the window)."""
    height = driver.execute_script("return document.body.scrollHeight")
    driver.set_window_size(1200, min(max(1000, height + 120), 4000))
    driver.save_screenshot(str(path))
    driver.set_window_size(1200, 1000)


def test_two_organisations_negotiate_and_an_outsider_is_refused(client, drivers, artifacts, tmp_path):
    from selenium.webdriver.common.by import By

    from pamats.registry import Registry
    from pamats.registry.workspace import Principal, Workspace

    url = _registry_url()
    if not url:
        pytest.fail("no DA_REGISTRY (bash scripts/da-server.sh start writes it to .da/env)")
    out = artifacts / "workspace"
    out.mkdir(exist_ok=True)
    stamp = str(int(time.time()))
    people = {}
    for who in ("anna", "juris", "peteris"):
        email, pw = f"{who}-{stamp}@example.org", f"Pw-{stamp}-{who}!"
        r = client.http.post(
            client.base + "/api/user/new",
            headers={"X-API-Key": client.key},
            json={"username": email, "password": pw, "privileges": ["user"], "language": "lv"},
            timeout=60,
        )
        assert r.status_code == 200, r.text
        people[who] = (int(r.json()["user_id"]), email, pw)

    ws = Workspace(Registry(url, files_in_db=True))
    admin = Principal(1, "admin@example.com", server_admin=True)
    orgs = {"anna": f"marta-{stamp}", "juris": f"vrs-{stamp}", "peteris": f"vp-{stamp}"}
    for who, key in orgs.items():
        ws.create_organisation(admin, key, key.upper())
        ws.invite(admin, key, people[who][1], "negotiator", admin=True)
    anna = Principal(people["anna"][0], people["anna"][1])
    ws.login(anna)
    from pamats.drafting.document import Instrument, Node

    ins = Instrument(
        kind="agreement",
        title="Sadarbības līgums",
        body=[
            Node(
                id="ch1",
                kind="chapter",
                title="Vispārīgie noteikumi",
                children=[
                    Node(id="p1", text=["Puses sadarbojas."]),
                    Node(id="p2", text=["Robežsardze informē MARTA 48 stundu laikā."]),
                ],
            )
        ],
    )
    slug = f"marta-vrs-{stamp}"
    ws.create_agreement(
        anna,
        slug,
        f"Sadarbības līgums {stamp}",
        [orgs["anna"], orgs["juris"]],
        answers={},
        instrument=ins.model_dump(mode="json"),
        docx=b"PK-e2e-v1",
    )

    base = client.base
    a, j, p = drivers("anna"), drivers("juris"), drivers("peteris")
    for d, who in ((a, "anna"), (j, "juris"), (p, "peteris")):
        _sign_in(d, base, people[who][1], people[who][2])
        _open(d, base + WS + "&reset=1")
    assert f"Sadarbības līgums {stamp}" in _body(a) and "Mani līgumi" in _body(a)
    _shot(a, out / "1-dashboard-marta.png")
    open_href = a.find_element(By.PARTIAL_LINK_TEXT, f"Sadarbības līgums {stamp}").get_attribute("href")
    _click_link(a, f"Sadarbības līgums {stamp}")
    assert "Robežsardze informē MARTA 48 stundu laikā." in _body(a) and "projekts" in _body(a)
    comment_href = a.find_element(By.PARTIAL_LINK_TEXT, "Komentēt").get_attribute("href")
    _shot(a, out / "2-draft-marta.png")

    assert f"Sadarbības līgums {stamp}" not in _body(p)
    _shot(p, out / "3-outsider-dashboard-police.png")
    for n, link in enumerate((open_href, comment_href)):  # MARTA's action links replayed by the police
        assert "action=" in link
        p.get(link)
        browser.wait_for_screen(p)
        body = _body(p)
        assert "Robežsardze informē" not in body and f"Sadarbības līgums {stamp}" not in body
        _shot(p, out / f"3-outsider-refused-link-{n}.png")
    assert "nav atrasts" in _body(p) or "Komentārs" in _body(p)
    if "Komentārs" in _body(p):  # the form opens, but saving is refused by the core
        p.find_element(By.TAG_NAME, "textarea").send_keys("mēs arī")
        _submit(p)
        assert "Neizdevās" in _body(p) and "nav atrasts" in _body(p)
        _shot(p, out / "3-outsider-refused-save.png")
    assert ws.threads(anna, slug) == []

    # MARTA opens the negotiation, with a reason (draft -> negotiation)
    _click_link(a, "→ sarunas")
    _write(a, "Projekts gatavs sarunām ar robežsardzi.")
    _submit(a)
    assert "Saglabāts." in _body(a) and "sarunas" in _body(a)
    assert ws.room(anna, slug)["status"] == "negotiation"

    # the Border Guard suggests a new wording of both points
    _click_link(j, f"Sadarbības līgums {stamp}")
    links = j.find_elements(By.PARTIAL_LINK_TEXT, "Ierosināt jaunu redakciju")
    assert len(links) == 2
    _click_in(j, "#point-p2", "Ierosināt jaunu redakciju")
    _write(j, "Robežsardze nekavējoties informē MARTA.")
    _submit(j)
    assert "Saglabāts." in _body(j)
    _click_in(j, "#point-p1", "Ierosināt jaunu redakciju")
    _write(j, "Puses sadarbojas, ja tas ir lietderīgi.")
    _submit(j)
    assert "Saglabāts." in _body(j) and "Puses sadarbojas, ja tas ir lietderīgi." in _body(j)
    _shot(j, out / "4-suggested-vrs.png")

    _open(a, base + WS)  # reload: the room MARTA had open, now with both suggestions
    _click_link(a, "Visi līgumi")
    _click_link(a, f"Sadarbības līgums {stamp}")
    assert "Robežsardze nekavējoties informē MARTA." in _body(a) and "Puses sadarbojas, ja tas ir lietderīgi." in _body(
        a
    )
    _shot(a, out / "5-suggestions-open-marta.png")

    # MARTA rejects the wording of point 1 with a reason, accepts point 2's (a new version)
    reason = "Sadarbība ir pušu pienākums, nevis izvēle."
    _click_in(a, "#point-p1", "Noraidīt")
    _write(a, reason)
    _shot(a, out / "6-rejecting-with-reason-marta.png")
    _submit(a)
    assert "Saglabāts." in _body(a) and "Puses sadarbojas, ja tas ir lietderīgi." not in _body(a)
    _shot(a, out / "6-rejected-marta.png")
    rejected = ws.suggestions(anna, slug, status="rejected")
    assert [(x["text"], x["reason"]) for x in rejected] == [("Puses sadarbojas, ja tas ir lietderīgi.", reason)]
    _click_in(a, "#point-p2", "Pieņemt")
    assert "Izveidota versija: 2" in _body(a)
    _shot(a, out / "7-accepted-new-version-marta.png")
    assert ws.room(anna, slug)["version"] == 2

    # the Border Guard marks the text agreed (negotiation -> agreed)
    _click_link(j, "Visi līgumi")
    _click_link(j, f"Sadarbības līgums {stamp}")
    assert "Robežsardze nekavējoties informē MARTA." in _body(j)
    _click_link(j, "→ saskaņots")
    _write(j, "Teksts saskaņots abās pusēs.")
    _submit(j)
    assert "Saglabāts." in _body(j) and "saskaņots" in _body(j)
    _shot(j, out / "8-agreed-vrs.png")

    # both sign version 2. Signing in the page needs the signatory's key there (branch wsnotify);
    # until then each organisation's administrator makes its negotiator a signatory (core, as the
    # organisation page does) and the signatory signs through the core with the test PKI's
    # certificate; the rooms in the browsers then show the signed agreement.
    _sign_with_test_pki(url, tmp_path, people, orgs, slug)
    _click_link(a, "Visi līgumi")
    _click_link(a, f"Sadarbības līgums {stamp}")
    assert "parakstīts" in _body(a) and "Robežsardze nekavējoties informē MARTA." in _body(a)
    _shot(a, out / "9-signed-marta.png")
    assert ws.room(anna, slug)["status"] == "signed"
    ws.reg.close()


def _sign_with_test_pki(url, folder, people, orgs, slug):
    """Each party's administrator makes its negotiator the signatory; each signs the latest version
    with a certificate of a test PKI (tests/registry/pki.py) through the core."""
    import sys

    sys.path.insert(0, str(REPO / "tests" / "registry"))
    from pki import PASSPHRASE, make_pki

    from pamats.registry import Registry
    from pamats.registry.evidence.checkpoint import generate_key
    from pamats.registry.workspace import Principal, Workspace

    pki = make_pki(folder / "pki", parties=("anna", "juris"))
    generate_key(folder / "checkpoint-key.pem")
    ws = Workspace(
        Registry(url, files_in_db=True, trust_roots=pki.root_pem, checkpoint_key=folder / "checkpoint-key.pem")
    )
    try:
        for who in ("anna", "juris"):
            me = Principal(people[who][0], people[who][1])
            ws.set_role(me, orgs[who], people[who][0], "signatory")
            # the administrator ties the organisation's signing certificate (only tied ones sign for it)
            ws.tie_certificate(me, orgs[who], certificate=pki.signer_pem[who].read_bytes())
            ws.sign(me, slug, pkcs12=pki.p12[who].read_bytes(), passphrase=PASSPHRASE)
        assert ws.reg.verify(ws._username(me, slug, "read"), slug)["ok"]
    finally:
        ws.reg.close()


@pytest.fixture()
def second_server(client):
    """A second gunicorn serving the same docassemble configuration (same PostgreSQL, Redis and
    registry) on another loopback port, as two web servers behind one address would."""
    import second_server as second

    try:
        proc, base = second.start(REPO / ".da")
    except second.SecondServerError as e:
        pytest.fail(str(e))
    try:
        yield base
    finally:
        second.stop(proc)


def test_two_web_servers_one_workspace(client, second_server, drivers, artifacts):
    """MARTA's negotiator on server one, the Border Guard's on server two: each sees the other's change."""
    from selenium.webdriver.common.by import By

    from pamats.drafting.document import Instrument, Node
    from pamats.registry import Registry
    from pamats.registry.workspace import Principal, Workspace

    out = artifacts / "workspace"
    out.mkdir(exist_ok=True)
    stamp = str(int(time.time())) + "b"
    people = {}
    for who in ("anna", "juris"):
        email, pw = f"{who}-{stamp}@example.org", f"Pw-{stamp}-{who}!"
        r = client.http.post(
            client.base + "/api/user/new",
            headers={"X-API-Key": client.key},
            json={"username": email, "password": pw, "privileges": ["user"], "language": "lv"},
            timeout=60,
        )
        assert r.status_code == 200, r.text
        people[who] = (int(r.json()["user_id"]), email, pw)
    ws = Workspace(Registry(_registry_url(), files_in_db=True))
    admin = Principal(1, "admin@example.com", server_admin=True)
    orgs = {"anna": f"marta-{stamp}", "juris": f"vrs-{stamp}"}
    for who, key in orgs.items():
        ws.create_organisation(admin, key, key.upper())
        ws.invite(admin, key, people[who][1], "negotiator", admin=True)
    anna = Principal(people["anna"][0], people["anna"][1])
    ws.login(anna)
    ins = Instrument(
        kind="agreement",
        title="Sadarbības līgums",
        body=[
            Node(
                id="ch1",
                kind="chapter",
                title="Vispārīgie noteikumi",
                children=[Node(id="p1", text=["Puses sadarbojas."])],
            )
        ],
    )
    slug = f"two-servers-{stamp}"
    ws.create_agreement(
        anna,
        slug,
        f"Divu serveru līgums {stamp}",
        list(orgs.values()),
        answers={},
        instrument=ins.model_dump(mode="json"),
        docx=b"PK-two-v1",
    )
    ws.transition(anna, slug, "negotiation")

    a, j = drivers("anna-one"), drivers("juris-two")
    _sign_in(a, client.base, people["anna"][1], people["anna"][2])
    _sign_in(j, second_server, people["juris"][1], people["juris"][2])
    _open(a, client.base + WS + "&reset=1")
    _open(j, second_server + WS + "&reset=1")
    _click_link(j, f"Divu serveru līgums {stamp}")
    comment = [x for x in j.find_elements(By.PARTIAL_LINK_TEXT, "Komentēt")][0]
    old = _screen(j)
    j.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", comment)
    _stale(j, old)
    j.find_element(By.TAG_NAME, "textarea").send_keys("Komentārs no otrā servera.")
    _submit(j)
    assert "Komentārs no otrā servera." in _body(j) and second_server in j.current_url
    _click_link(a, f"Divu serveru līgums {stamp}")
    assert "Komentārs no otrā servera." in _body(a) and client.base in a.current_url
    a.save_screenshot(str(out / "6-server-one-sees-server-two.png"))
    ws.reg.close()


# ---- from the interview to the room: start, re-draft, redline, downloads (issue 11) ------------

AGREEMENT = "/interview?i=docassemble.pamats:data/questions/agreement.yml"


def _fetch(driver, href: str):
    """GET ``href`` with the browser's own session cookies (what clicking a download link does)."""
    import requests

    jar = requests.Session()
    for c in driver.get_cookies():
        jar.cookies.set(c["name"], c["value"], domain=c.get("domain"), path=c.get("path", "/"))
    return jar.get(href, timeout=300)


def _with_args(href: str, **changes) -> str:
    """The same action link with some arguments changed (a forged or edited id)."""
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    from docassemble.base.functions import myb64quote
    from harness import action_from_url

    act = action_from_url(href)
    act["arguments"].update(changes)
    parts = urlsplit(href)
    q = [(k, myb64quote(json.dumps(act)) if k == "action" else v) for k, v in parse_qsl(parts.query)]
    return urlunsplit(parts._replace(query=urlencode(q)))


def _refusal(resp, slug: str) -> str:
    """The text of a refusal page (not a file), the slug blanked, for comparing two refusals."""
    assert resp.status_code == 200 and resp.headers["Content-Type"].startswith("text/html"), resp.headers
    m = re.search(r"<strong>(Neizdevās:[^<]*)</strong>", resp.text)
    assert m, resp.text[-2000:]
    return m.group(1).replace(slug, "X")


def test_from_the_interview_to_the_room_redraft_redline_and_downloads(client, drivers, artifacts):
    import io
    import zipfile

    import harness
    import yaml as pyyaml
    from selenium.webdriver.common.by import By

    from pamats.registry import Registry
    from pamats.registry.workspace import Principal, Workspace

    url = _registry_url()
    if not url:
        pytest.fail("no DA_REGISTRY (bash scripts/da-server.sh start writes it to .da/env)")
    out = artifacts / "workspace"
    out.mkdir(exist_ok=True)
    stamp = str(int(time.time())) + "c"
    people = {}
    for who in ("anna", "juris", "peteris"):
        email, pw = f"{who}-{stamp}@example.org", f"Pw-{stamp}-{who}!"
        r = client.http.post(
            client.base + "/api/user/new",
            headers={"X-API-Key": client.key},
            json={"username": email, "password": pw, "privileges": ["user"], "language": "lv"},
            timeout=60,
        )
        assert r.status_code == 200, r.text
        people[who] = (int(r.json()["user_id"]), email, pw)
    ws = Workspace(Registry(url, files_in_db=True))
    admin = Principal(1, "admin@example.com", server_admin=True)
    names = {"anna": f"Centrs MARTA {stamp}", "juris": f"Valsts robežsardze {stamp}", "peteris": f"Policija {stamp}"}
    for who, name in names.items():
        key = f"{who}-{stamp}"
        ws.create_organisation(admin, key, name)
        ws.invite(admin, key, people[who][1], "negotiator", admin=True)

    sc = harness.load_scenario(REPO / "tests" / "interviews" / "scenarios" / "agreement--joint-participation-lv.yaml")
    answers = {**sc["answers"], "party_edit[0].name": names["juris"], "party_edit[1].name": names["anna"]}
    a, j, p = drivers("anna-start"), drivers("juris-redraft"), drivers("peteris-outsider")
    for d, who in ((a, "anna"), (j, "juris"), (p, "peteris")):
        _sign_in(d, client.base, people[who][1], people[who][2])

    # MARTA drafts in the interview and starts negotiating from its last screen
    browser.click_through(a, client.base + AGREEMENT + "&reset=1", answers, out, "start")
    _axe(a)
    _click_link(a, "Sākt sarunas")
    assert "ir izveidots reģistrā" in _body(a)
    a.save_screenshot(str(out / "7-started-from-interview.png"))
    (row,) = ws.dashboard(Principal(people["anna"][0], people["anna"][1]))["agreements"]
    slug = row["slug"]
    assert row["parties"] == [f"juris-{stamp}", f"anna-{stamp}"] and row["version"] == 1
    _click_link(a, "Atvērt līguma telpu")
    assert "Puses kopīgi uztur" in _body(a)
    a.save_screenshot(str(out / "8-room-from-interview.png"))

    # the Border Guard re-drafts in the interview from the room: the next version, same agreement
    _open(j, client.base + WS + "&reset=1")
    _click_link(j, row["title"][:30])
    redraft = j.find_element(By.PARTIAL_LINK_TEXT, "Sagatavot jaunu versiju intervijā").get_attribute("href")
    assert f"redraft={slug}" in redraft
    changed = {**answers, "subject_text": "Puses kopīgi uztur nosūtīšanas reģistru un reizi gadā to pārskata"}
    browser.click_through(j, redraft, changed, out, "redraft")
    _axe(j)
    _click_link(j, "Iesniegt kā jauno versiju")
    assert "Versija 2 iesniegta" in _body(j)
    j.save_screenshot(str(out / "9-redraft-proposed.png"))
    assert len(ws.dashboard(Principal(people["anna"][0], people["anna"][1]))["agreements"]) == 1

    # MARTA compares the two versions in the page and downloads everything
    _open(a, client.base + WS + f"&room={slug}&new_session=1")
    assert "2: da-" in _body(a)
    _click_link(a, "Salīdzināt versijas")
    marked = a.find_elements(By.CSS_SELECTOR, "#daquestion ins, #daquestion del")
    assert any("reizi gadā" in m.text for m in marked), [m.text for m in marked]
    a.save_screenshot(str(out / "10-redline-1-2.png"))
    redline_href = a.find_element(By.PARTIAL_LINK_TEXT, "labojumu režīmu").get_attribute("href")
    r = _fetch(a, redline_href)
    assert r.content[:2] == b"PK" and "wordprocessingml" in r.headers["Content-Type"]
    xml = zipfile.ZipFile(io.BytesIO(r.content)).read("word/document.xml").decode()
    assert f'w:author="{people["juris"][1]} ({names["juris"]})"' in xml  # credited to the proposer of v2
    _click_link(a, "Atpakaļ uz līgumu")
    hrefs = {
        (x.text, i): x.get_attribute("href")
        for i, x in enumerate(a.find_elements(By.CSS_SELECTOR, "#daquestion a"))
        if x.text in ("DOCX datne", "PDF datne", "Atbildes (YAML)")
    }
    assert len(hrefs) == 6
    got = {}
    for (label, _i), href in hrefs.items():
        got.setdefault(label, []).append(_fetch(a, href))
    assert all(x.content[:2] == b"PK" for x in got["DOCX datne"])
    assert all(x.content[:5] == b"%PDF-" for x in got["PDF datne"])
    subjects = [pyyaml.safe_load(x.content)["subject"] for x in got["Atbildes (YAML)"]]
    assert subjects == [answers["subject_text"], changed["subject_text"]]

    # the State Police replays every new link, and edited ids: the same refusal, never a file
    _open(p, client.base + WS + "&reset=1")
    refusals = set()
    for href in list(hrefs.values()) + [redline_href]:
        refusals.add(_refusal(_fetch(p, href), slug))
        refusals.add(_refusal(_fetch(p, _with_args(href, slug="nav-tada")), "nav-tada"))
    assert len(refusals) == 1 and "nav atrasts" in refusals.pop()
    _open(p, client.base + WS + f"&room={slug}&new_session=1")
    assert "nav atrasts" in _body(p) and "Puses kopīgi uztur" not in _body(p)
    for target in (slug, "nav-tada"):
        _open(p, client.base + AGREEMENT + f"&redraft={target}&new_session=1")
        if "Valoda" in _body(p):  # the language screen comes first
            form = browser.current_form(p)
            assert browser.fill_screen(p, browser.answers_taker({"lang": "lv"}))
            browser.wait_for_next(p, form)
            _axe(p)
        assert "Jaunu versiju nevar sagatavot" in _body(p) and "nav atrasts" in _body(p)
        p.save_screenshot(str(out / f"11-outsider-redraft-{target == slug}.png"))
    assert [v["number"] for v in ws.room(Principal(people["anna"][0], people["anna"][1]), slug)["versions"]] == [1, 2]
    ws.reg.close()
