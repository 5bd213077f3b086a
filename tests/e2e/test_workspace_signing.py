"""Signing and e-mail on the real server, in Chromium.

The test starts its own SMTP server on 127.0.0.1 (aiosmtpd) and a gunicorn serving the same
docassemble deployment (same PostgreSQL, Redis and registry) whose config.yml names that SMTP
server under ``mail:`` and a test PKI's root and a checkpoint key under ``pamats:`` (trust
roots a deployment configures). The State Border Guard suggests, MARTA accepts and agrees (the
e-mails reach the other party, Latvian first); each party's signatory downloads the PDF in the
room, signs it with their own certificate (PKCS#12 via pyHanko, standing in for eParaksts) and
uploads it; the room shows both signatures and the agreement signed. The State Police's user
replays the download and upload links and the e-mail's link and gets the same "not found" as
for an agreement that does not exist. Screenshots in test-artifacts/workspace/."""

from __future__ import annotations

import base64
import sys
import time

import browser
import pytest
import second_server
from test_workspace_server import (  # noqa: F401  (drivers: the fixture)
    REPO,
    WS,
    _axe,
    _body,
    _click_link,
    _open,
    _registry_url,
    _screen,
    _sign_in,
    _stale,
    _submit,
    drivers,
)

sys.path.insert(0, str(REPO / "tests" / "registry"))  # pki.py, mail_sink.py


@pytest.fixture()
def signing_server(client, tmp_path):
    """(base URL, SMTP sink, PKI): a gunicorn of this deployment with mail and trust roots configured."""
    from mail_sink import MailSink
    from pki import make_pki

    from pamats.registry.evidence.checkpoint import generate_key

    da = REPO / ".da"
    cfg = (da / "config" / "config.yml").read_text(encoding="utf-8")
    if "\nmail:\n" not in cfg or "\npamats:\n  registry: " not in cfg:
        pytest.fail("unexpected .da/config/config.yml (bash scripts/da-server.sh start writes it)")
    sink, pki = MailSink(), make_pki(tmp_path / "pki")
    key = tmp_path / "checkpoint.pem"
    generate_key(key)
    port = second_server.free_port()
    base = f"http://127.0.0.1:{port}"
    lines = []
    for line in cfg.splitlines():
        if line.startswith("url root:"):
            line = f"url root: {base}"
        lines.append(line)
        if line == "mail:":
            lines += ["  server: 127.0.0.1", f"  port: {sink.port}"]
        if line == "pamats:":
            lines += [f"  trust roots: {pki.root_pem}", f"  checkpoint key: {key}"]
    conf = tmp_path / "config.yml"
    conf.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc, started = second_server.start(da, config=conf, port=port, timeout=120)
    assert started == base
    try:
        yield base, sink, pki
    finally:
        second_server.stop(proc)
        sink.stop()


def _fetch(driver, href: str) -> bytes:
    """What the browser gets for ``href`` with its own session (a download)."""
    b64 = driver.execute_async_script(
        """const done = arguments[arguments.length - 1];
        fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.arrayBuffer()).then(b => {
          const u = new Uint8Array(b); let s = '';
          for (let i = 0; i < u.length; i += 8192) s += String.fromCharCode.apply(null, u.subarray(i, i + 8192));
          done(btoa(s));
        }).catch(e => done('ERR' + e));""",
        href,
    )
    assert not b64.startswith("ERR"), b64
    return base64.b64decode(b64)


def _href(driver, text: str) -> str:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.PARTIAL_LINK_TEXT, text).get_attribute("href")


def _upload(driver, path) -> None:
    _click_link(driver, "Augšupielādēt parakstīto PDF")
    assert "Parakstītais PDF fails" in _body(driver)
    _choose_and_send(driver, path)


def _choose_and_send(driver, path) -> None:
    from selenium.webdriver.common.by import By

    driver.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(path))
    time.sleep(1)  # the upload widget shows the chosen file first
    form = driver.find_element(By.CSS_SELECTOR, "form#daform")
    button = driver.find_element(By.CSS_SELECTOR, "#da-continue-button")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", button)
    browser.wait_for_next(driver, form)
    _axe(driver)


def _sign(pki, org: str, pdf: bytes, path) -> None:
    """The signatory's own signing tool: their certificate's PAdES signature on the downloaded PDF."""
    from pki import PASSPHRASE

    from pamats.registry.evidence.pades import load_pkcs12, sign_pdf

    path.write_bytes(sign_pdf(pdf, load_pkcs12(pki.p12[org].read_bytes(), PASSPHRASE), f"{org}-signature"))


def _switch(driver, base, who):
    driver.get(base + "/user/sign-out")
    time.sleep(1)
    _sign_in(driver, base, who[1], who[2])
    _open(driver, base + WS + "&reset=1")


def test_mail_and_signing_by_upload_in_the_room(client, signing_server, drivers, artifacts, tmp_path):
    from selenium.webdriver.common.by import By
    from workspace_people import V1, real_docx

    from pamats.registry import Registry
    from pamats.registry.workspace import Principal, Workspace

    base, sink, pki = signing_server
    out = artifacts / "workspace"
    out.mkdir(exist_ok=True)
    stamp = str(int(time.time())) + "s"
    people = {}
    for who in ("anna", "sandra", "juris", "viktors", "peteris"):
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
    orgs = {"anna": f"marta-{stamp}", "juris": f"vrs-{stamp}", "peteris": f"vp-{stamp}"}
    for who, key in orgs.items():
        ws.create_organisation(admin, key, key.upper())
        ws.invite(admin, key, people[who][1], "negotiator", admin=True)
        ws.login(Principal(people[who][0], people[who][1]))
    anna = Principal(people["anna"][0], people["anna"][1])
    juris = Principal(people["juris"][0], people["juris"][1])
    ws.invite(anna, orgs["anna"], people["sandra"][1], "signatory")
    ws.invite(juris, orgs["juris"], people["viktors"][1], "signatory")
    # each administrator ties its organisation's signing certificate (only tied ones sign for it)
    ws.tie_certificate(anna, orgs["anna"], certificate=pki.signer_pem["marta"].read_bytes())
    ws.tie_certificate(juris, orgs["juris"], certificate=pki.signer_pem["vrs"].read_bytes())
    for who in ("sandra", "viktors"):  # they have been to the workspace before (joined): e-mail reaches members
        ws.login(Principal(people[who][0], people[who][1]))
    slug = f"marta-vrs-{stamp}"
    title = f"Parakstāmais līgums {stamp}"
    ws.create_agreement(
        anna,
        slug,
        title,
        [orgs["anna"], orgs["juris"]],
        answers={},
        instrument=V1,
        docx=real_docx("Sadarbības līgums", "Puses sadarbojas.", "Robežsardze informē MARTA."),
    )
    ws.transition(anna, slug, "negotiation")

    a, j, p = drivers("marta"), drivers("vrs"), drivers("police")
    _sign_in(j, base, people["juris"][1], people["juris"][2])
    _open(j, base + WS + "&reset=1")
    _click_link(j, title)
    links = j.find_elements(By.PARTIAL_LINK_TEXT, "Ierosināt jaunu redakciju")
    old = _screen(j)
    j.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", links[1])
    _stale(j, old)
    j.find_element(By.TAG_NAME, "textarea").send_keys("Robežsardze nekavējoties informē MARTA.")
    _submit(j)
    assert "Saglabāts." in _body(j)
    # the suggestion's e-mail to MARTA's negotiator (who decides), Latvian first
    (m,) = sink.wait_to(people["anna"][1], 1)
    assert m.subject == f"[pamats] Jauns ierosinājums / New suggestion: {title}"
    assert m.body.index("ierosina izmaiņas 2. punktā") < m.body.index("suggests a change to point 2")
    assert f"{base}{WS}&open={slug}" in m.body
    assert not sink.to(people["peteris"][1])

    _sign_in(a, base, people["anna"][1], people["anna"][2])
    _open(a, base + WS + "&reset=1")
    assert "Gaida jūs" in _body(a) and "Izlemt par ierosinājumu" in _body(a)
    a.save_screenshot(str(out / "7-waiting-for-you-marta.png"))
    _click_link(a, title)
    _click_link(a, "Pieņemt")
    assert "Izveidota versija: 2" in _body(a)
    # versions 1 (MARTA's first text) and 2 (the accepted suggestion) to the Border Guard
    assert [x.subject for x in sink.wait_to(people["juris"][1], 2)] == [
        f"[pamats] Jauna versija / New version: {title}"
    ] * 2
    _click_link(a, "→ saskaņots")
    a.find_element(By.TAG_NAME, "textarea").send_keys("Teksts saskaņots.")
    _submit(a)
    for who in ("sandra", "viktors"):
        asked = [x for x in sink.wait_to(people[who][1], 1) if x.subject.startswith("[pamats] Lūgums parakstīt")]
        assert [x.subject for x in asked] == [f"[pamats] Lūgums parakstīt / Please sign: {title}"]

    # MARTA's signatory: download, sign with her own tool, upload
    _switch(a, base, people["sandra"])
    assert "Parakstīt versiju 2" in _body(a)
    _click_link(a, title)
    to_sign = _href(a, "Lejupielādēt parakstāmo PDF")
    upload_href = _href(a, "Augšupielādēt parakstīto PDF")
    pdf = _fetch(a, to_sign)
    assert pdf.startswith(b"%PDF-")
    _sign(pki, "marta", pdf, tmp_path / "marta-signed.pdf")
    _upload(a, tmp_path / "marta-signed.pdf")
    assert "Parakstīts: " in _body(a) and "Signer of marta" in _body(a)
    a.execute_script("document.querySelector('.pamats-signatures').scrollIntoView()")
    a.save_screenshot(str(out / "8-signed-by-marta.png"))

    # the police replays MARTA's download and upload links and the e-mail's link
    _sign_in(p, base, people["peteris"][1], people["peteris"][2])
    _open(p, base + WS + "&reset=1")
    got = _fetch(p, to_sign)
    assert not got.startswith(b"%PDF")
    for url in (to_sign, upload_href):
        p.get(url)
        browser.wait_for_screen(p)
        assert "Parakstāmais līgums" not in _body(p) and "Puses sadarbojas" not in _body(p)
    if "Parakstītais PDF fails" in _body(p):  # the form opens; the upload is refused by the core
        _choose_and_send(p, tmp_path / "marta-signed.pdf")
    assert "nav atrasts" in _body(p)
    seen = {}
    for s in (slug, "nav-tada-" + stamp):
        _open(p, base + WS + "&open=" + s)
        seen[s] = _body(p).replace(s, "X")
    assert seen[slug] == seen["nav-tada-" + stamp] and "nav atrasts" in seen[slug]
    p.save_screenshot(str(out / "9-police-replays-signing-links.png"))

    # the Border Guard's signatory signs after MARTA
    _switch(j, base, people["viktors"])
    _click_link(j, title)
    second = _fetch(j, _href(j, "Lejupielādēt parakstāmo PDF"))
    assert second.startswith(pdf) and len(second) > len(pdf)  # MARTA's signature inside
    _sign(pki, "vrs", second, tmp_path / "vrs-signed.pdf")
    _upload(j, tmp_path / "vrs-signed.pdf")
    body = _body(j)
    assert "Signer of marta" in body and "Signer of vrs" in body and "parakstīts" in body
    j.execute_script("document.querySelector('.pamats-signatures').scrollIntoView()")
    j.save_screenshot(str(out / "10-signed-by-both.png"))
    assert ws.room(anna, slug)["status"] == "signed"
    ws.reg.close()
    check = Registry(_registry_url(), files_in_db=True, trust_roots=pki.root_pem)
    report = check.verify(f"da-{people['anna'][0]}", slug)
    assert report["ok"], report["problems"]
    assert [(g["organisation"], g["ok"]) for g in report["signatures"]] == [(orgs["anna"], True), (orgs["juris"], True)]
    check.close()
