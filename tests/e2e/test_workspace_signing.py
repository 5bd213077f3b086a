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

import sys
import time

import browser
import pytest
import second_server
from workspace_steps import (  # noqa: F401  (drivers: the fixture)
    REPO,
    WS,
    axe,
    body,
    click_link,
    click_nth,
    drivers,
    fetch_in_page,
    href,
    make_orgs,
    make_people,
    open_page,
    principal,
    registry_url,
    sign_in,
    submit,
    switch,
    write,
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
        if line.startswith("allow registration:"):
            line = "allow registration: True"  # as in production: invited people create their account
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


def _upload(driver, path) -> None:
    click_link(driver, "Augšupielādēt parakstīto PDF")
    assert "Parakstītais PDF fails" in body(driver)
    _choose_and_send(driver, path)


def _choose_and_send(driver, path) -> None:
    from selenium.webdriver.common.by import By

    driver.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(path))
    time.sleep(1)  # the upload widget shows the chosen file first
    form = driver.find_element(By.CSS_SELECTOR, "form#daform")
    button = driver.find_element(By.CSS_SELECTOR, "#da-continue-button")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", button)
    browser.wait_for_next(driver, form)
    axe(driver)


def _sign(pki, org: str, pdf: bytes, path) -> None:
    """The signatory's own signing tool: their certificate's PAdES signature on the downloaded PDF."""
    from pki import PASSPHRASE

    from pamats.registry.evidence.pades import load_pkcs12, sign_pdf

    path.write_bytes(sign_pdf(pdf, load_pkcs12(pki.p12[org].read_bytes(), PASSPHRASE), f"{org}-signature"))


def test_mail_and_signing_by_upload_in_the_room(client, signing_server, drivers, artifacts, tmp_path):
    from selenium.webdriver.common.by import By
    from workspace_people import V1, real_docx

    from pamats.registry import Registry
    from pamats.registry.workspace import Workspace

    base, sink, pki = signing_server
    out = artifacts / "workspace"
    out.mkdir(exist_ok=True)
    stamp = str(int(time.time())) + "s"
    people = make_people(client, stamp, ("anna", "sandra", "juris", "viktors", "peteris"))
    ws = Workspace(Registry(registry_url(), files_in_db=True))
    orgs = {"anna": f"marta-{stamp}", "juris": f"vrs-{stamp}", "peteris": f"vp-{stamp}"}
    make_orgs(ws, people, orgs, login=True)
    anna, juris = principal(people["anna"]), principal(people["juris"])
    ws.invite(anna, orgs["anna"], people["sandra"][1], "signatory")
    ws.invite(juris, orgs["juris"], people["viktors"][1], "signatory")
    # each administrator ties its organisation's signing certificate (only tied ones sign for it)
    ws.tie_certificate(anna, orgs["anna"], certificate=pki.signer_pem["marta"].read_bytes())
    ws.tie_certificate(juris, orgs["juris"], certificate=pki.signer_pem["vrs"].read_bytes())
    for who in ("sandra", "viktors"):  # they have been to the workspace before (joined): e-mail reaches members
        ws.login(principal(people[who]))
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
    sign_in(j, base, people["juris"][1], people["juris"][2])
    open_page(j, base + WS + "&reset=1")
    click_link(j, title)
    click_nth(j, "Ierosināt jaunu redakciju", 1)
    write(j, "Robežsardze nekavējoties informē MARTA.")
    submit(j)
    assert "Saglabāts." in body(j)
    # the suggestion's e-mail to MARTA's negotiator (who decides), Latvian first
    (m,) = sink.wait_to(people["anna"][1], 1)
    assert m.subject == f"[pamats] Jauns ierosinājums / New suggestion: {title}"
    assert m.body.index("ierosina izmaiņas 2. punktā") < m.body.index("suggests a change to point 2")
    assert f"{base}{WS}&open={slug}" in m.body
    assert not sink.to(people["peteris"][1])

    sign_in(a, base, people["anna"][1], people["anna"][2])
    open_page(a, base + WS + "&reset=1")
    assert "Gaida jūs" in body(a) and "Izlemt par ierosinājumu" in body(a)
    a.save_screenshot(str(out / "7-waiting-for-you-marta.png"))
    click_link(a, title)
    click_link(a, "Pieņemt")
    assert "Izveidota versija: 2" in body(a)
    # versions 1 (MARTA's first text) and 2 (the accepted suggestion) to the Border Guard
    assert [x.subject for x in sink.wait_to(people["juris"][1], 2)] == [
        f"[pamats] Jauna versija / New version: {title}"
    ] * 2
    click_link(a, "→ saskaņots")
    a.find_element(By.TAG_NAME, "textarea").send_keys("Teksts saskaņots.")
    submit(a)
    for who in ("sandra", "viktors"):
        asked = [x for x in sink.wait_to(people[who][1], 1) if x.subject.startswith("[pamats] Lūgums parakstīt")]
        assert [x.subject for x in asked] == [f"[pamats] Lūgums parakstīt / Please sign: {title}"]

    # MARTA's signatory: download, sign with her own tool, upload
    switch(a, base, people["sandra"])
    assert "Parakstīt versiju 2" in body(a)
    click_link(a, title)
    to_sign = href(a, "Lejupielādēt parakstāmo PDF")
    named = a.find_element(By.PARTIAL_LINK_TEXT, "Lejupielādēt parakstāmo PDF").get_attribute("download")
    assert named == f"{slug}-v2-to-sign.pdf"  # the browser saves it under this name, not interview.pdf
    upload_href = href(a, "Augšupielādēt parakstīto PDF")
    pdf = fetch_in_page(a, to_sign)
    assert pdf.startswith(b"%PDF-")
    _sign(pki, "marta", pdf, tmp_path / "marta-signed.pdf")
    _upload(a, tmp_path / "marta-signed.pdf")
    assert "Parakstīts: " in body(a) and "Signer of marta" in body(a)
    a.execute_script("document.querySelector('.pamats-signatures').scrollIntoView()")
    a.save_screenshot(str(out / "8-signed-by-marta.png"))

    # the police replays MARTA's download and upload links and the e-mail's link
    sign_in(p, base, people["peteris"][1], people["peteris"][2])
    open_page(p, base + WS + "&reset=1")
    got = fetch_in_page(p, to_sign)
    assert not got.startswith(b"%PDF")
    for url in (to_sign, upload_href):
        p.get(url)
        browser.wait_for_screen(p)
        assert "Parakstāmais līgums" not in body(p) and "Puses sadarbojas" not in body(p)
    if "Parakstītais PDF fails" in body(p):  # the form opens; the upload is refused by the core
        _choose_and_send(p, tmp_path / "marta-signed.pdf")
    assert "nav atrasts" in body(p)
    seen = {}
    for s in (slug, "nav-tada-" + stamp):
        open_page(p, base + WS + "&open=" + s)
        seen[s] = body(p).replace(s, "X")
    assert seen[slug] == seen["nav-tada-" + stamp] and "nav atrasts" in seen[slug]
    p.save_screenshot(str(out / "9-police-replays-signing-links.png"))

    # the Border Guard's signatory signs after MARTA
    switch(j, base, people["viktors"])
    click_link(j, title)
    second = fetch_in_page(j, href(j, "Lejupielādēt parakstāmo PDF"))
    assert second.startswith(pdf) and len(second) > len(pdf)  # MARTA's signature inside
    _sign(pki, "vrs", second, tmp_path / "vrs-signed.pdf")
    _upload(j, tmp_path / "vrs-signed.pdf")
    seen = body(j)
    assert "Signer of marta" in seen and "Signer of vrs" in seen and "parakstīts" in seen
    j.execute_script("document.querySelector('.pamats-signatures').scrollIntoView()")
    j.save_screenshot(str(out / "10-signed-by-both.png"))
    assert ws.room(anna, slug)["status"] == "signed"
    _invitations_by_e_mail(ws, base, sink, drivers, people, orgs, stamp, a, out)
    ws.reg.close()
    check = Registry(registry_url(), files_in_db=True, trust_roots=pki.root_pem)
    report = check.verify(f"da-{people['anna'][0]}", slug)
    assert report["ok"], report["problems"]
    assert [(g["organisation"], g["ok"]) for g in report["signatures"]] == [(orgs["anna"], True), (orgs["juris"], True)]
    check.close()


def _invitations_by_e_mail(ws, base, sink, drivers, people, orgs, stamp, a, out):
    """Issue 11: e-mail to people who have not logged in yet. MARTA's administrator invites a
    colleague on the organisation page; the e-mail (Latvian first) links to the server's sign-up
    page; the colleague creates her account with that address in her own browser and is in
    MARTA's workspace. Then MARTA invites by e-mail someone at a party not registered yet."""
    import copy
    import re

    from selenium.webdriver.common.by import By

    from pamats.yamlio import load_answers_file

    liga = f"liga-{stamp}@example.org"
    switch(a, base, people["anna"])
    click_link(a, "Organizācija")
    click_link(a, "Uzaicināt: dalībnieks")
    write(a, liga)
    submit(a)
    assert "Saglabāts." in body(a) and liga in body(a)
    (m,) = sink.wait_to(liga, 1)
    assert m.subject == "[pamats] Uzaicinājums uz sarunu darba vidi / Invitation to the negotiation workspace"
    assert m.body.index("Labdien!") < m.body.index("Hello,") and "(loma: dalībnieks)" in m.body
    signup = re.search(r"(\S+/user/register\?next=\S+)", m.body).group(1)
    assert signup.startswith(base + "/user/register?next=")

    lg = drivers("liga")
    lg.get(signup)
    browser.wait_for_screen(lg)
    axe(lg)
    for field, value in (
        ("first_name", "Līga"),
        ("last_name", "Kalniņa"),
        ("email", liga),
        ("password", f"Pw-{stamp}-liga!"),
        ("retype_password", f"Pw-{stamp}-liga!"),
    ):
        found = lg.find_elements(By.ID, field)
        if found and found[0].is_displayed():
            found[0].send_keys(value)
    lg.find_element(By.CSS_SELECTOR, "button[type=submit], input[type=submit]").click()
    time.sleep(2)
    open_page(lg, base + WS + "&reset=1")
    if "Lūdzu, piesakieties" in body(lg) or "sign-in" in lg.current_url:
        sign_in(lg, base, liga, f"Pw-{stamp}-liga!")
        open_page(lg, base + WS + "&reset=1")
    assert "Mani līgumi" in body(lg) and "loma: dalībnieks" in body(lg), body(lg)[:500]
    assert f"Parakstāmais līgums {stamp}" in body(lg)  # MARTA's agreement, now hers to read
    lg.save_screenshot(str(out / "11-invited-colleague-joined.png"))
    assert len(sink.to(liga)) == 1  # one invitation, however many pages were served since

    # a party whose organisation is not registered: MARTA gives an address of someone there
    data, _ = load_answers_file(REPO / "agreements" / "marta-vrs" / "answers.yaml")
    data = copy.deepcopy(data)
    data["parties"][0]["name"] = f"Valsts darba inspekcija {stamp}"
    data["parties"][1]["name"] = orgs["anna"].upper()
    for x in data["parties"]:
        x.pop("short", None)
    started = ws.start_from_answers(principal(people["anna"]), data)
    assert started["waiting"] == [f"Valsts darba inspekcija {stamp}"]
    open_page(a, base + WS + "&reset=1")
    click_link(a, started["title"][:30])
    assert f"Gaida pusi: Valsts darba inspekcija {stamp}" in body(a)
    click_link(a, "Uzaicināt pa e-pastu")
    inspector = f"inspektore-{stamp}@example.org"
    write(a, inspector)
    submit(a)
    assert f"tiks nosūtīts uz {inspector}" in body(a)
    a.save_screenshot(str(out / "12-party-invited-by-e-mail.png"))
    (m,) = sink.wait_to(inspector, 1)
    assert m.subject == "[pamats] Uzaicinājums uz līguma sarunām / Invitation to negotiate an agreement"
    assert f"aicina organizāciju Valsts darba inspekcija {stamp} vienoties par līgumu" in m.body
    assert base + "/user/sign-in?next=" in m.body and m.body.index("Labdien!") < m.body.index("Hello,")
