"""The workspace on the real server: docassemble accounts log in in Chromium; the page knows them
only from docassemble's login; MARTA and the State Border Guard see the agreement, suggest and
accept; the State Police's user gets "not found", also when replaying MARTA's room link.
Screenshots go to test-artifacts/workspace/. axe-core runs on every page either browser reaches
and the test fails on a serious or critical WCAG 2.1 A/AA violation. Organisations are set up through the core on the
server's registry database (DA_REGISTRY in .da/env), as a server administrator would."""

from __future__ import annotations

import time

import browser
import pytest
from workspace_steps import (  # noqa: F401  (drivers: the fixture)
    AGREEMENT,
    REPO,
    WS,
    axe,
    body,
    click_in,
    click_link,
    download,
    drivers,
    fetch_with_cookies,
    make_orgs,
    make_people,
    open_page,
    refusal,
    registry_url,
    screen,
    shot,
    sign_in,
    stale,
    submit,
    with_args,
    write,
)


def test_two_organisations_negotiate_and_an_outsider_is_refused(client, drivers, artifacts, tmp_path):
    from selenium.webdriver.common.by import By

    from pamats.registry import Registry
    from pamats.registry.workspace import Principal, Workspace

    url = registry_url()
    if not url:
        pytest.fail("no DA_REGISTRY (bash scripts/da-server.sh start writes it to .da/env)")
    out = artifacts / "workspace"
    out.mkdir(exist_ok=True)
    stamp = str(int(time.time()))
    people = make_people(client, stamp, ("anna", "juris", "peteris"))
    ws = Workspace(Registry(url, files_in_db=True))
    orgs = {"anna": f"marta-{stamp}", "juris": f"vrs-{stamp}", "peteris": f"vp-{stamp}"}
    make_orgs(ws, people, orgs)
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
        sign_in(d, base, people[who][1], people[who][2])
        open_page(d, base + WS + "&reset=1")
    assert f"Sadarbības līgums {stamp}" in body(a) and "Mani līgumi" in body(a)
    shot(a, out / "1-dashboard-marta.png")
    open_href = a.find_element(By.PARTIAL_LINK_TEXT, f"Sadarbības līgums {stamp}").get_attribute("href")
    click_link(a, f"Sadarbības līgums {stamp}")
    assert "Robežsardze informē MARTA 48 stundu laikā." in body(a) and "projekts" in body(a)
    comment_href = a.find_element(By.PARTIAL_LINK_TEXT, "Komentēt").get_attribute("href")
    shot(a, out / "2-draft-marta.png")

    assert f"Sadarbības līgums {stamp}" not in body(p)
    shot(p, out / "3-outsider-dashboard-police.png")
    for n, link in enumerate((open_href, comment_href)):  # MARTA's action links replayed by the police
        assert "action=" in link
        p.get(link)
        browser.wait_for_screen(p)
        seen = body(p)
        assert "Robežsardze informē" not in seen and f"Sadarbības līgums {stamp}" not in seen
        shot(p, out / f"3-outsider-refused-link-{n}.png")
    assert "nav atrasts" in body(p) or "Komentārs" in body(p)
    if "Komentārs" in body(p):  # the form opens, but saving is refused by the core
        p.find_element(By.TAG_NAME, "textarea").send_keys("mēs arī")
        submit(p)
        assert "Neizdevās" in body(p) and "nav atrasts" in body(p)
        shot(p, out / "3-outsider-refused-save.png")
    assert ws.threads(anna, slug) == []

    # MARTA opens the negotiation, with a reason (draft -> negotiation)
    click_link(a, "→ sarunas")
    write(a, "Projekts gatavs sarunām ar robežsardzi.")
    submit(a)
    assert "Saglabāts." in body(a) and "sarunas" in body(a)
    assert ws.room(anna, slug)["status"] == "negotiation"

    # the Border Guard suggests a new wording of both points
    click_link(j, f"Sadarbības līgums {stamp}")
    links = j.find_elements(By.PARTIAL_LINK_TEXT, "Ierosināt jaunu redakciju")
    assert len(links) == 2
    click_in(j, "#point-p2", "Ierosināt jaunu redakciju")
    write(j, "Robežsardze nekavējoties informē MARTA.")
    submit(j)
    assert "Saglabāts." in body(j)
    click_in(j, "#point-p1", "Ierosināt jaunu redakciju")
    write(j, "Puses sadarbojas, ja tas ir lietderīgi.")
    submit(j)
    assert "Saglabāts." in body(j) and "Puses sadarbojas, ja tas ir lietderīgi." in body(j)
    shot(j, out / "4-suggested-vrs.png")

    open_page(a, base + WS)  # reload: the room MARTA had open, now with both suggestions
    click_link(a, "Visi līgumi")
    click_link(a, f"Sadarbības līgums {stamp}")
    assert "Robežsardze nekavējoties informē MARTA." in body(a) and "Puses sadarbojas, ja tas ir lietderīgi." in body(a)
    shot(a, out / "5-suggestions-open-marta.png")

    # MARTA rejects the wording of point 1 with a reason, accepts point 2's (a new version)
    reason = "Sadarbība ir pušu pienākums, nevis izvēle."
    click_in(a, "#point-p1", "Noraidīt")
    write(a, reason)
    shot(a, out / "6-rejecting-with-reason-marta.png")
    submit(a)
    assert "Saglabāts." in body(a) and "Puses sadarbojas, ja tas ir lietderīgi." not in body(a)
    shot(a, out / "6-rejected-marta.png")
    rejected = ws.suggestions(anna, slug, status="rejected")
    assert [(x["text"], x["reason"]) for x in rejected] == [("Puses sadarbojas, ja tas ir lietderīgi.", reason)]
    click_in(a, "#point-p2", "Pieņemt")
    assert "Izveidota versija: 2" in body(a)
    shot(a, out / "7-accepted-new-version-marta.png")
    assert ws.room(anna, slug)["version"] == 2

    # the Border Guard marks the text agreed (negotiation -> agreed)
    click_link(j, "Visi līgumi")
    click_link(j, f"Sadarbības līgums {stamp}")
    assert "Robežsardze nekavējoties informē MARTA." in body(j)
    click_link(j, "→ saskaņots")
    write(j, "Teksts saskaņots abās pusēs.")
    submit(j)
    assert "Saglabāts." in body(j) and "saskaņots" in body(j)
    shot(j, out / "8-agreed-vrs.png")

    # both sign version 2. Signing in the page needs the signatory's key there (branch wsnotify);
    # until then each organisation's administrator makes its negotiator a signatory (core, as the
    # organisation page does) and the signatory signs through the core with the test PKI's
    # certificate; the rooms in the browsers then show the signed agreement.
    _sign_with_test_pki(url, tmp_path, people, orgs, slug)
    click_link(a, "Visi līgumi")
    click_link(a, f"Sadarbības līgums {stamp}")
    assert "parakstīts" in body(a) and "Robežsardze nekavējoties informē MARTA." in body(a)
    shot(a, out / "9-signed-marta.png")
    # signed: the room offers no comment, suggestion, edit or decision any more ...
    labels = [x.text for x in a.find_elements(By.CSS_SELECTOR, "#daquestion a")]
    closed = ("Komentēt", "Ierosināt", "Labot punktu", "Pieņemt", "Noraidīt", "Atsaukt", "Atbildēt", "Atrisināt")
    assert not [x for x in labels if x.startswith(closed)], labels
    assert "tā tekstu vairs nevar komentēt, mainīt vai ierosināt izmaiņas" in body(a)
    # ... and a comment link kept from the draft is refused by the core
    a.get(comment_href)
    browser.wait_for_screen(a)
    write(a, "Vēl viens komentārs.")
    submit(a)
    assert "Neizdevās" in body(a) and "signed" in body(a) and ws.threads(anna, slug) == []
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
    people = make_people(client, stamp, ("anna", "juris"))
    ws = Workspace(Registry(registry_url(), files_in_db=True))
    orgs = {"anna": f"marta-{stamp}", "juris": f"vrs-{stamp}"}
    make_orgs(ws, people, orgs)
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
    sign_in(a, client.base, people["anna"][1], people["anna"][2])
    sign_in(j, second_server, people["juris"][1], people["juris"][2])
    open_page(a, client.base + WS + "&reset=1")
    open_page(j, second_server + WS + "&reset=1")
    click_link(j, f"Divu serveru līgums {stamp}")
    comment = [x for x in j.find_elements(By.PARTIAL_LINK_TEXT, "Komentēt")][0]
    old = screen(j)
    j.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", comment)
    stale(j, old)
    j.find_element(By.TAG_NAME, "textarea").send_keys("Komentārs no otrā servera.")
    submit(j)
    assert "Komentārs no otrā servera." in body(j) and second_server in j.current_url
    click_link(a, f"Divu serveru līgums {stamp}")
    assert "Komentārs no otrā servera." in body(a) and client.base in a.current_url
    a.save_screenshot(str(out / "6-server-one-sees-server-two.png"))
    ws.reg.close()


# ---- from the interview to the room: start, re-draft, redline, downloads (issue 11) ------------


def test_from_the_interview_to_the_room_redraft_redline_and_downloads(client, drivers, artifacts, tmp_path):
    import io
    import zipfile

    import harness
    import yaml as pyyaml
    from selenium.webdriver.common.by import By

    from pamats.registry import Registry
    from pamats.registry.workspace import Principal, Workspace

    url = registry_url()
    if not url:
        pytest.fail("no DA_REGISTRY (bash scripts/da-server.sh start writes it to .da/env)")
    out = artifacts / "workspace"
    out.mkdir(exist_ok=True)
    stamp = str(int(time.time())) + "c"
    # Juris gave his docassemble account a name; Anna did not (her e-mail stands in)
    people = make_people(client, stamp, ("anna", "juris", "peteris"), names={"juris": ("Juris", "Ozols")})
    ws = Workspace(Registry(url, files_in_db=True))
    names = {"anna": f"Centrs MARTA {stamp}", "juris": f"Valsts robežsardze {stamp}", "peteris": f"Policija {stamp}"}
    make_orgs(ws, people, {who: f"{who}-{stamp}" for who in names}, names)

    sc = harness.load_scenario(REPO / "tests" / "interviews" / "scenarios" / "agreement--joint-participation-lv.yaml")
    answers = {**sc["answers"], "party_edit[0].name": names["juris"], "party_edit[1].name": names["anna"]}
    a, j, p = drivers("anna-start"), drivers("juris-redraft"), drivers("peteris-outsider")
    for d, who in ((a, "anna"), (j, "juris"), (p, "peteris")):
        sign_in(d, client.base, people[who][1], people[who][2])

    # MARTA drafts in the interview and starts negotiating from its last screen
    browser.click_through(a, client.base + AGREEMENT + "&reset=1", answers, out, "start")
    axe(a)
    click_link(a, "Sākt sarunas")
    assert "ir izveidots reģistrā" in body(a)
    a.save_screenshot(str(out / "7-started-from-interview.png"))
    (row,) = ws.dashboard(Principal(people["anna"][0], people["anna"][1]))["agreements"]
    slug = row["slug"]
    assert row["parties"] == [f"juris-{stamp}", f"anna-{stamp}"] and row["version"] == 1
    click_link(a, "Atvērt līguma telpu")
    assert "Puses kopīgi uztur" in body(a)
    a.save_screenshot(str(out / "8-room-from-interview.png"))

    # the Border Guard re-drafts in the interview from the room: the next version, same agreement
    open_page(j, client.base + WS + "&reset=1")
    click_link(j, row["title"][:30])
    redraft = j.find_element(By.PARTIAL_LINK_TEXT, "Sagatavot jaunu versiju intervijā").get_attribute("href")
    assert f"redraft={slug}" in redraft
    changed = {**answers, "subject_text": "Puses kopīgi uztur nosūtīšanas reģistru un reizi gadā to pārskata"}
    browser.click_through(j, redraft, changed, out, "redraft")
    axe(j)
    click_link(j, "Iesniegt kā jauno versiju")
    assert "Versija 2 iesniegta" in body(j)
    j.save_screenshot(str(out / "9-redraft-proposed.png"))
    assert len(ws.dashboard(Principal(people["anna"][0], people["anna"][1]))["agreements"]) == 1

    # MARTA compares the two versions in the page and downloads everything
    open_page(a, client.base + WS + f"&room={slug}&new_session=1")
    text = body(a)  # each version names its proposer: docassemble's name, else the e-mail; the organisation
    assert f"1: {people['anna'][1]} ({names['anna']})," in text and f"2: Juris Ozols ({names['juris']})," in text
    assert f"da-{people['anna'][0]}" not in text and f"da-{people['juris'][0]}" not in text
    click_link(a, "Salīdzināt versijas")
    marked = a.find_elements(By.CSS_SELECTOR, "#daquestion ins, #daquestion del")
    assert any("reizi gadā" in m.text for m in marked), [m.text for m in marked]
    a.save_screenshot(str(out / "10-redline-1-2.png"))
    redline_href = a.find_element(By.PARTIAL_LINK_TEXT, "labojumu režīmu").get_attribute("href")
    r = fetch_with_cookies(a, redline_href)
    assert r.content[:2] == b"PK" and "wordprocessingml" in r.headers["Content-Type"]
    xml = zipfile.ZipFile(io.BytesIO(r.content)).read("word/document.xml").decode()
    assert f'w:author="Juris Ozols ({names["juris"]})"' in xml  # credited to the proposer of v2, by name
    # clicked in Chromium, the redline downloads under its own name (not "interview.docx")
    saved = download(a, a.find_element(By.PARTIAL_LINK_TEXT, "labojumu režīmu"), tmp_path / "dl-redline")
    assert saved.name == f"{slug}-v1-v2-redline.docx" and saved.read_bytes() == r.content
    click_link(a, "Atpakaļ uz līgumu")
    hrefs = {
        (x.text, i): x.get_attribute("href")
        for i, x in enumerate(a.find_elements(By.CSS_SELECTOR, "#daquestion a"))
        if x.text in ("DOCX datne", "PDF datne", "Atbildes (YAML)")
    }
    assert len(hrefs) == 6
    got = {}
    for (label, _i), href in hrefs.items():
        got.setdefault(label, []).append(fetch_with_cookies(a, href))
    assert all(x.content[:2] == b"PK" for x in got["DOCX datne"])
    assert all(x.content[:5] == b"%PDF-" for x in got["PDF datne"])
    subjects = [pyyaml.safe_load(x.content)["subject"] for x in got["Atbildes (YAML)"]]
    assert subjects == [answers["subject_text"], changed["subject_text"]]
    # clicked in Chromium, each file of version 2 is saved under its own name
    for label, name in (
        ("PDF datne", f"{slug}-v2.pdf"),
        ("DOCX datne", f"{slug}-v2.docx"),
        ("Atbildes (YAML)", f"{slug}-v2-answers.yaml"),
    ):
        link = [x for x in a.find_elements(By.CSS_SELECTOR, "#daquestion a") if x.text == label][1]
        saved = download(a, link, tmp_path / "dl-files")
        data = saved.read_bytes()
        assert saved.name == name, (saved.name, data[:200])
        # the same file as fetched above (the PDF is made again, so only its kind is compared)
        assert data.startswith(b"%PDF-") if label == "PDF datne" else data == got[label][1].content

    # MARTA checks the legal basis from the dashboard; the verdict shows in its column
    click_link(a, "Visi līgumi")
    recheck_href = a.find_element(By.PARTIAL_LINK_TEXT, "Pārbaudīt tiesisko pamatu").get_attribute("href")
    click_link(a, "Pārbaudīt tiesisko pamatu")
    kept = {r["slug"]: r for r in ws.dashboard(Principal(people["anna"][0], people["anna"][1]))["agreements"]}[slug]
    assert kept["recheck"] is not None and f"Tiesiskais pamats pārbaudīts ({slug})" in body(a)
    from pamats.text.messages import problem_title

    titled = "; ".join(f"{problem_title(c, 'lv')} ({c})" for c in kept["recheck"]["problems"])
    verdict = "kārtībā" if kept["recheck"]["ok"] else "problēma: " + titled  # each problem by its title
    cells = [x.text for x in a.find_elements(By.CSS_SELECTOR, "#daquestion table td")]
    assert any(c.startswith(verdict) for c in cells), (verdict, cells)
    shot(a, out / "12-recheck-from-dashboard.png")

    # the State Police replays every new link, and edited ids: the same refusal, never a file
    open_page(p, client.base + WS + "&reset=1")
    refusals = set()
    for href in list(hrefs.values()) + [redline_href, recheck_href]:
        refusals.add(refusal(fetch_with_cookies(p, href), slug))
        refusals.add(refusal(fetch_with_cookies(p, with_args(href, slug="nav-tada")), "nav-tada"))
    assert len(refusals) == 1 and "nav atrasts" in refusals.pop()
    open_page(p, client.base + WS + f"&room={slug}&new_session=1")
    assert "nav atrasts" in body(p) and "Puses kopīgi uztur" not in body(p)
    for target in (slug, "nav-tada"):
        open_page(p, client.base + AGREEMENT + f"&redraft={target}&new_session=1")
        if "Valoda" in body(p):  # the language screen comes first
            form = browser.current_form(p)
            assert browser.fill_screen(p, browser.answers_taker({"lang": "lv"}))
            browser.wait_for_next(p, form)
            axe(p)
        assert "Jaunu versiju nevar sagatavot" in body(p) and "nav atrasts" in body(p)
        p.save_screenshot(str(out / f"11-outsider-redraft-{target == slug}.png"))
    assert [v["number"] for v in ws.room(Principal(people["anna"][0], people["anna"][1]), slug)["versions"]] == [1, 2]
    ws.reg.close()
