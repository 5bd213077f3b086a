"""From the agreement interview to the workspace, in-process: "start negotiating" on the last screen
(logged in as a negotiator; not logged in; the other party not registered), re-drafting a version
from the room with the current answers pre-filled, and the room's downloads, redline chooser and
lifecycle moves through the workspace interview (outsiders get the same "not found")."""

from __future__ import annotations

import copy
import html
from pathlib import Path

import pytest
import yaml

from pamats.registry import Registry
from pamats.registry.workspace import Principal, Workspace

HERE = Path(__file__).resolve().parent
SCENARIO = HERE / "scenarios" / "agreement--joint-participation-lv.yaml"

ANNA = {
    "is_authenticated": True,
    "is_anonymous": False,
    "theid": 11,
    "the_user_id": 11,
    "email": "anna@marta.example",
    "roles": ["user"],
    "language": "lv",
}
JURIS = {**ANNA, "theid": 21, "the_user_id": 21, "email": "juris@vrs.example"}
PETERIS = {**ANNA, "theid": 31, "the_user_id": 31, "email": "peteris@vp.example"}
ANNA_P, JURIS_P, PETERIS_P = (Principal(x["theid"], x["email"]) for x in (ANNA, JURIS, PETERIS))


@pytest.fixture
def registry(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'ws.sqlite'}"
    monkeypatch.setenv("PAMATS_REGISTRY", url)
    monkeypatch.setenv("PAMATS_FILES", str(tmp_path / "files"))
    reg = Registry(url)
    ws = Workspace(reg)
    admin = Principal(1, "admin@pamats.example", server_admin=True)
    for key, name, who in (
        ("marta", 'Biedrība "Centrs MARTA"', ANNA),
        ("vrs", "Valsts robežsardze", JURIS),
        ("vp", "Valsts policija", PETERIS),
    ):
        ws.create_organisation(admin, key, name)
        ws.invite(admin, key, who["email"], "negotiator", admin=True)
    for p in (ANNA_P, JURIS_P, PETERIS_P):
        ws.login(p)
    yield ws
    reg.close()


@pytest.fixture
def answers():
    return yaml.safe_load(SCENARIO.read_text(encoding="utf-8"))["answers"]


def _to_end(da, answers, user=None, url_args=None):
    s = da.Session(da.load_interview("agreement.yml"), answers, user=user)
    if url_args:
        s.user_dict["url_args"] = dict(url_args)
    s.run(until="agreement end")
    return s


def _start_action(s) -> dict:
    (act,) = [x for x in s.link_actions() if x["action"] == "ws_start"]
    return act


def _hrefs(text: str) -> list[str]:
    import re

    return [html.unescape(u) for u in re.findall(r'href="([^"]*)"', text)]


def test_start_negotiating_creates_the_agreement_and_links_to_the_room(da, registry, answers):
    s = _to_end(da, answers, ANNA)
    assert "Sākt sarunas" in s.screen.subquestion
    s.action("ws_start")
    sub = s.screen.subquestion
    assert s.screen.block_id == "agreement end" and "ir izveidots reģistrā" in sub
    assert "pusēm: Valsts robežsardze; Biedrība &quot;Centrs MARTA&quot;" in sub
    (d,) = registry.dashboard(ANNA_P)["agreements"]
    assert d["parties"] == ["vrs", "marta"] and d["status"] == "negotiation" and d["version"] == 1
    room = [u for u in _hrefs(sub) if "workspace.yml" in u]
    assert room and f"room={d['slug']}" in room[0]
    s.action("ws_start")  # pressed again (a reload): nothing new
    assert len(registry.dashboard(ANNA_P)["agreements"]) == 1
    assert registry.dashboard(JURIS_P)["agreements"][0]["your_move"] is True
    assert registry.dashboard(PETERIS_P)["agreements"] == []
    v1 = registry.reg.version("da-11", d["slug"], 1)
    assert v1["answers"]["subject"] == answers["subject_text"] and v1["docx_sha256"]


def test_not_logged_in_is_told_to_log_in_and_nothing_is_created(da, registry, answers):
    s = _to_end(da, answers)
    s.action("ws_start")
    sub = s.screen.subquestion
    assert "jāpiesakās ar savu kontu" in sub and "Pieteikties" in sub
    assert not [u for u in _hrefs(sub) if "room=" in u]
    assert registry.dashboard(ANNA_P)["agreements"] == []


def test_an_unregistered_other_party_is_said_clearly_and_invited(da, registry, answers):
    other = {**answers, "party_edit[0].name": "Valsts darba inspekcija", "party_edit[0].short": "Inspekcija"}
    s = _to_end(da, other, ANNA)
    s.action("ws_start")
    sub = s.screen.subquestion
    assert "Organizācija Valsts darba inspekcija vēl nav reģistrēta" in sub and "room=" in sub
    (d,) = registry.dashboard(ANNA_P)["agreements"]
    assert d["parties"] == ["marta"]
    assert [w["name"] for w in registry.waiting_parties(ANNA_P, d["slug"])] == ["Valsts darba inspekcija"]


def test_a_drafter_whose_organisation_is_not_a_party_gets_a_clear_refusal(da, registry, answers):
    s = _to_end(da, answers, PETERIS)
    s.action("ws_start")
    sub = s.screen.subquestion
    assert "Sarunas nav sāktas" in sub and "nav nosaukta starp pusēm" in sub and "Valsts policija" in sub
    assert registry.dashboard(PETERIS_P)["agreements"] == []


def test_redraft_prefills_the_current_answers_and_proposes_the_next_version(da, registry, answers):
    s = _to_end(da, answers, ANNA)
    s.action("ws_start")
    (d,) = registry.dashboard(ANNA_P)["agreements"]
    slug = d["slug"]
    changed = {**answers, "subject_text": "Puses kopīgi uztur nosūtīšanas reģistru un reizi gadā to pārskata"}
    r = _to_end(da, changed, JURIS, {"redraft": slug})
    assert r.user_dict["base"] == registry.reg.version("da-11", slug, 1)["answers"]  # pre-filled from v1
    intro = [x for x in r.screens if x.block_id == "agreement intro"][0]
    assert "Jauna versija līgumam" in intro.subquestion
    assert not [x for x in r.link_actions() if x["action"] == "ws_start"]
    r.action("ws_propose_redraft")
    assert "Versija 2 iesniegta" in r.screen.subquestion
    r.action("ws_propose_redraft")  # again: nothing new
    room = registry.room(ANNA_P, slug)
    assert [v["number"] for v in room["versions"]] == [1, 2] and room["versions"][1]["proposed_by"] == "da-21"
    assert registry.reg.version("da-11", slug, 2)["answers"]["subject"] == changed["subject_text"]
    assert len(registry.dashboard(ANNA_P)["agreements"]) == 1  # a version, not a new agreement
    stale = _to_end(da, answers, ANNA, {"redraft": slug})  # opened on v2 ...
    registry.propose_answers(JURIS_P, slug, registry.redraft_answers(JURIS_P, slug)["answers"], expected_version=2)
    stale.action("ws_propose_redraft")  # ... while v3 came in
    assert "nav iesniegta" in stale.screen.subquestion and "nothing was written" not in stale.screen.subquestion
    assert len(registry.room(ANNA_P, slug)["versions"]) == 3


def test_an_outsider_cannot_redraft_and_sees_the_same_not_found(da, registry, answers):
    s = _to_end(da, answers, ANNA)
    s.action("ws_start")
    slug = registry.dashboard(ANNA_P)["agreements"][0]["slug"]
    screens = []
    for target in (slug, "nav-tada"):
        p = da.Session(da.load_interview("agreement.yml"), answers, user=PETERIS)
        p.user_dict["url_args"] = {"redraft": target}
        p.run(until="agreement redraft refused")
        screens.append(p.screen.subquestion.replace(target, "X"))
    assert screens[0] == screens[1] and "nav atrasts" in screens[0]


# ---- the room's new links, through the workspace interview -------------------------------------


def _ws(da, user):
    s = da.Session(da.load_interview("workspace.yml"), user=user)
    s.run(until="workspace page")
    return s


@pytest.fixture
def negotiated(da, registry, answers):
    s = _to_end(da, answers, ANNA)
    s.action("ws_start")
    slug = registry.dashboard(ANNA_P)["agreements"][0]["slug"]
    src = registry.redraft_answers(JURIS_P, slug)["answers"]
    for n, subject in enumerate(("Puses sadarbojas ātri", "Puses sadarbojas ātri un droši"), start=1):
        new = copy.deepcopy(src)
        new["subject"] = subject
        registry.propose_answers(JURIS_P if n == 1 else ANNA_P, slug, new, expected_version=n)
    return slug


class Sent(Exception):
    pass


def test_room_offers_downloads_a_redline_chooser_and_redraft(da, registry, negotiated):
    slug = negotiated
    anna = _ws(da, ANNA)
    anna.action("ws_open", slug=slug)
    acts = anna.link_actions()
    downloads = [x["arguments"] for x in acts if x["action"] == "ws_download"]
    assert {"what": "pdf", "slug": slug, "version": 2} in downloads and len(downloads) == 9
    assert any(f"redraft={slug}" in u for u in _hrefs(anna.screen.subquestion))
    assert {"slug": slug, "old": 1, "new": 3} in [x["arguments"] for x in acts if x["action"] == "ws_redline"]
    anna.action("ws_redline", slug=slug, old=1, new=3)
    choose = [x["arguments"] for x in anna.link_actions() if x["action"] == "ws_redline"]
    assert {"slug": slug, "old": 2, "new": 3} in choose and {"slug": slug, "old": 1, "new": 2} in choose
    sub = anna.screen.subquestion
    assert "<del>" in sub and "<ins>" in sub and "droši" in sub
    assert {"what": "redline", "slug": slug, "old": 1, "new": 3} in [
        x["arguments"] for x in anna.link_actions() if x["action"] == "ws_download"
    ]


def test_downloads_send_the_file_and_outsiders_get_the_same_not_found(da, registry, negotiated):
    from pamats.interview.workspace import deliver, workspace

    slug, sent = negotiated, []

    def send(**kw):
        sent.append(kw)
        raise Sent

    ws = workspace()
    with pytest.raises(Sent):
        deliver(ws, ANNA_P, {"what": "answers", "slug": slug, "version": 2}, "lv", send)
    assert yaml.safe_load(sent[-1]["binaryresponse"])["subject"] == "Puses sadarbojas ātri"
    with pytest.raises(Sent):
        deliver(ws, JURIS_P, {"what": "redline", "slug": slug, "old": 1, "new": 3}, "lv", send)
    assert sent[-1]["binaryresponse"][:2] == b"PK" and "wordprocessingml" in sent[-1]["content_type"]
    refusals = set()
    for args in (
        {"what": "docx", "slug": slug, "version": 1},
        {"what": "pdf", "slug": slug, "version": 2},
        {"what": "answers", "slug": slug, "version": 3},
        {"what": "redline", "slug": slug, "old": 1, "new": 3},
        {"what": "docx", "slug": "nav-tada", "version": 1},
        {"what": "redline", "slug": "nav-tada", "old": 1, "new": 2},
    ):
        refusals.add(deliver(ws, PETERIS_P, args, "lv", send).replace(args["slug"], "X"))
    assert len(refusals) == 1 and "nav atrasts" in refusals.pop() and len(sent) == 2
    # through the interview: the refusal is a message on the page, not a file
    pet = _ws(da, PETERIS)
    pet.action("ws_download", what="docx", slug=slug, version=1)
    assert "Neizdevās" in pet.screen.subquestion and "nav atrasts" in pet.screen.subquestion


def test_lifecycle_moves_from_the_room_with_a_reason(da, registry, negotiated):
    slug = negotiated
    anna = _ws(da, ANNA)
    anna.action("ws_form", kind="transition", slug=slug, to="agreed")
    anna.run({"ws_text": "Saskaņots sanāksmē."}, until="workspace page")
    assert registry.room(ANNA_P, slug)["status"] == "agreed"
    anna.action("ws_form", kind="transition", slug=slug, to="in_force")
    anna.run({"ws_text": "Stājas spēkā."}, until="workspace page")
    assert "Neizdevās" in anna.screen.subquestion and "cannot become in&#95;force" in anna.screen.subquestion
    assert registry.room(ANNA_P, slug)["status"] == "agreed"  # not signed: refused by the lifecycle


ADMIN = {**ANNA, "theid": 1, "the_user_id": 1, "email": "admin@pamats.example", "roles": ["admin"]}


def test_a_waiting_party_shows_in_the_room_and_the_server_administrator_attaches_it(da, registry, answers):
    other = {**answers, "party_edit[0].name": "Valsts darba inspekcija", "party_edit[0].short": "Inspekcija"}
    s = _to_end(da, other, ANNA)
    s.action("ws_start")
    slug = registry.dashboard(ANNA_P)["agreements"][0]["slug"]
    anna = _ws(da, ANNA)
    anna.action("ws_open", slug=slug)
    assert "Gaida pusi: Valsts darba inspekcija" in anna.screen.subquestion
    anna.action("ws_form", kind="attach", invitation=1)  # not a server administrator
    anna.run({"ws_text": "vp"}, until="workspace page")
    assert "Neizdevās" in anna.screen.subquestion and "servera administrators" in anna.screen.subquestion
    admin = _ws(da, ADMIN)
    admin.action("ws_org")
    (attach,) = [x["arguments"] for x in admin.link_actions() if x["arguments"].get("kind") == "attach"]
    assert "Valsts darba inspekcija (" + slug + ")" in admin.screen.subquestion
    admin.action("ws_form", **attach)
    admin.run({"ws_text": "vp"}, until="workspace page")
    assert "Saglabāts." in admin.screen.subquestion
    assert registry.room(PETERIS_P, slug)["parties_keys"] == ["marta", "vp"]
    anna.action("ws_open", slug=slug)
    assert "Gaida pusi" not in anna.screen.subquestion
