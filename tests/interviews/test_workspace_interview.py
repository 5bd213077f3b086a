"""The workspace interview in-process: login from docassemble's user info only, the dashboard, the room,
comment/suggest/accept through action links, and the same "not found" for outsiders and replays."""

from __future__ import annotations

import pytest

from pamats.registry import Registry
from pamats.registry.workspace import Principal, Workspace

# the accounts' own language (docassemble's user profile) is English: the pages follow it
ANNA = {
    "is_authenticated": True,
    "is_anonymous": False,
    "theid": 11,
    "the_user_id": 11,
    "email": "anna@marta.example",
    "roles": ["user"],
    "language": "en",
}
JURIS = {**ANNA, "theid": 21, "the_user_id": 21, "email": "juris@vrs.example"}
PETERIS = {**ANNA, "theid": 31, "the_user_id": 31, "email": "peteris@vp.example"}
SLUG = "marta-vrs"


@pytest.fixture
def registry(tmp_path, monkeypatch):
    from pamats.drafting.document import Instrument, Node

    url = f"sqlite:///{tmp_path / 'ws.sqlite'}"
    monkeypatch.setenv("PAMATS_REGISTRY", url)
    monkeypatch.setenv("PAMATS_FILES", str(tmp_path / "files"))
    reg = Registry(url)
    ws = Workspace(reg)
    admin = Principal(1, "admin@pamats.example", server_admin=True)
    for key, who in (("marta", ANNA), ("vrs", JURIS), ("vp", PETERIS)):
        ws.create_organisation(admin, key, key.upper())
        ws.invite(admin, key, who["email"], "negotiator", admin=True)
    anna = Principal(11, ANNA["email"])
    ws.login(anna)
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
                    Node(id="p2", text=["Robežsardze informē MARTA."]),
                ],
            )
        ],
    )
    ws.create_agreement(
        anna,
        SLUG,
        "Sadarbības līgums",
        ["marta", "vrs"],
        answers={"v": 1},
        instrument=ins.model_dump(mode="json"),
        docx=b"PK-v1",
    )
    ws.transition(anna, SLUG, "negotiation")
    yield ws
    reg.close()


@pytest.fixture
def interview(da):
    return da.load_interview("workspace.yml")


def _session(da, interview, user=None):
    s = da.Session(interview, user=user)
    s.run(until="workspace page")
    return s


def test_not_logged_in_sees_only_the_login_screen(da, interview, registry):
    s = da.Session(interview)
    s.run(until="workspace login screen")
    assert s.screen.text == "Lūdzu, piesakieties"  # no account: Latvian
    s.action("ws_open", slug=SLUG, email=ANNA["email"], account=11)  # identity is never an argument
    assert s.screen.block_id == "workspace login screen"


def test_dashboard_room_comment_suggest_accept(da, interview, registry):
    anna = _session(da, interview, ANNA)
    assert anna.screen.text == "My agreements" and "Sadarbības līgums" in anna.screen.subquestion
    assert {"action": "ws_open", "arguments": {"slug": SLUG}} in anna.link_actions()
    anna.action("ws_open", slug=SLUG)
    assert "Puses sadarbojas." in anna.screen.subquestion
    forms = [x["arguments"] for x in anna.link_actions() if x["action"] == "ws_form"]
    assert {"kind": "comment", "slug": SLUG, "node": "p1"} in forms
    anna.action("ws_form", kind="comment", slug=SLUG, node="p1")
    assert anna.screen.asks == ["ws_text"] and anna.screen.text == "Comment"
    anna.run({"ws_text": "Vai šis ir pietiekami konkrēti?"}, until="workspace page")
    assert "Saved." in anna.screen.subquestion and "Vai šis ir pietiekami konkrēti?" in anna.screen.subquestion

    juris = _session(da, interview, JURIS)  # accepts his invitation on first visit
    juris.action("ws_open", slug=SLUG)
    juris.action("ws_form", kind="replace", slug=SLUG, node="p2", version=1)
    juris.run({"ws_text": "Robežsardze nekavējoties informē MARTA."}, until="workspace page")
    sid = registry.suggestions(Principal(21, JURIS["email"]), SLUG)[0]["id"]

    anna.action("ws_open", slug=SLUG)
    accept = [
        x["arguments"] for x in anna.link_actions() if x["action"] == "ws_do" and x["arguments"]["kind"] == "accept"
    ]
    assert accept == [{"kind": "accept", "slug": SLUG, "suggestion": sid, "version": 1}]
    anna.action("ws_do", **accept[0])
    assert "Version created: 2" in anna.screen.subquestion
    anna.action("ws_do", **accept[0])  # replayed: refused, nothing new
    assert "Not done" in anna.screen.subquestion and "nothing was written" in anna.screen.subquestion
    assert len(registry.room(Principal(11, ANNA["email"]), SLUG)["versions"]) == 2


def test_outsider_gets_the_same_not_found_and_replayed_actions_do_nothing(da, interview, registry):
    anna_p = Principal(11, ANNA["email"])
    cid = registry.comment(anna_p, SLUG, "p1", "MARTA iekšējais jautājums")
    pet = _session(da, interview, PETERIS)
    assert "Sadarbības līgums" not in pet.screen.subquestion
    pet.action("ws_open", slug=SLUG)
    existing = pet.screen.subquestion.replace(SLUG, "X")
    pet.action("ws_open", slug="nav-tada")
    assert pet.screen.subquestion.replace("nav-tada", "X") == existing and "not found" in existing
    assert "Puses sadarbojas" not in existing
    before = registry.audit(anna_p, SLUG)
    for args in (
        {"kind": "resolve", "slug": SLUG, "comment": cid},
        {"kind": "delete", "slug": SLUG, "node": "p1", "version": 1},
    ):
        pet.action("ws_do", **args)
        assert "Not done" in pet.screen.subquestion and "not found" in pet.screen.subquestion
    assert registry.audit(anna_p, SLUG) == before


def test_user_text_is_shown_literally(da, interview, registry):
    evil = "<script>alert(1)</script> [FILE docassemble.base:data/static/x.png] ${ 7*7 } **bold** {{ 7*7 }}"
    registry.comment(Principal(11, ANNA["email"]), SLUG, "p1", evil)
    anna = _session(da, interview, ANNA)
    anna.action("ws_open", slug=SLUG)
    sub = anna.screen.subquestion
    assert "<script>" not in sub and "[FILE" not in sub and "49" not in sub and "**bold**" not in sub
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in sub and "&#91;FILE" in sub


def test_edit_conflict_screen_keeps_both_texts_then_agree_and_sign(da, interview, registry):
    anna = _session(da, interview, ANNA)
    juris = _session(da, interview, JURIS)
    for s in (anna, juris):  # both open the room on version 1
        s.action("ws_open", slug=SLUG)
    edit = {"kind": "edit", "slug": SLUG, "node": "p2", "version": 1}
    assert edit in [x["arguments"] for x in juris.link_actions() if x["action"] == "ws_form"]
    juris.action("ws_form", **edit)
    juris.run({"ws_text": "Robežsardze informē MARTA 24 stundu laikā."}, until="workspace page")
    assert "Version created: 2" in juris.screen.subquestion
    anna.action("ws_form", **edit)
    anna.run({"ws_text": "Robežsardze informē MARTA tajā pašā dienā."}, until="workspace page")
    sub = anna.screen.subquestion
    assert "Conflict" in sub and "tajā pašā dienā" in sub and "24 stundu laikā" in sub and "suggestion &#35;" in sub
    anna.action("ws_form", kind="transition", slug=SLUG, to="agreed")
    anna.run({"ws_text": "Teksts saskaņots sanāksmē."}, until="workspace page")
    assert registry.room(Principal(11, ANNA["email"]), SLUG)["status"] == "agreed"
    anna.action("ws_do", kind="sign", slug=SLUG, version=2)  # a negotiator cannot sign
    assert "cannot sign" in anna.screen.subquestion
    anna.action("ws_form", kind="transition", slug=SLUG, to="in_force")  # not signed yet: the lifecycle refuses
    anna.run({"ws_text": "x"}, until="workspace page")
    assert "Not done" in anna.screen.subquestion and "cannot become in&#95;force" in anna.screen.subquestion
    anna.action("ws_form", kind="transition", slug=SLUG, to="signed")  # only by the last signature
    anna.run({"ws_text": "x"}, until="workspace page")
    assert "unknown action" in anna.screen.subquestion


def test_a_server_without_a_registry_says_so(da, interview, monkeypatch):
    monkeypatch.delenv("PAMATS_REGISTRY", raising=False)
    s = da.Session(interview, user=ANNA)
    s.run(until="workspace problem screen")
    assert "no registry configured" in s.screen.subquestion and "pamats: registry:" in s.screen.subquestion


ADMIN = {**ANNA, "theid": 1, "the_user_id": 1, "email": "admin@pamats.example", "roles": ["admin"]}
MAIJA = {**ANNA, "theid": 12, "the_user_id": 12, "email": "maija@marta.example"}


def test_organisation_page_invites_and_sets_roles(da, interview, registry):
    anna = _session(da, interview, ANNA)
    anna.action("ws_org")
    invites = [x["arguments"] for x in anna.link_actions() if x["arguments"].get("kind") == "invite"]
    assert {"kind": "invite", "org": "marta", "role": "member"} in invites
    anna.action("ws_form", kind="invite", org="marta", role="member")
    anna.run({"ws_text": "Maija@Marta.Example"}, until="workspace page")
    assert "Saved." in anna.screen.subquestion and "maija@marta.example" in anna.screen.subquestion
    maija = _session(da, interview, MAIJA)  # accepts on her first visit
    assert "member" in maija.screen.subquestion
    anna.action("ws_org")
    to_neg = [
        x["arguments"]
        for x in anna.link_actions()
        if x["arguments"].get("kind") == "role" and x["arguments"].get("account") == 12
    ]
    anna.action("ws_do", **[a for a in to_neg if a["role"] == "negotiator"][0])
    assert registry.members(Principal(11, ANNA["email"]), "marta")[1]["role"] == "negotiator"
    maija.action("ws_org")  # not an administrator: no changes offered
    assert not [x for x in maija.link_actions() if x["arguments"].get("kind") in ("role", "invite", "remove")]
    maija.action("ws_do", kind="role", org="marta", account=11, role="member")  # a forged link
    assert "Not done" in maija.screen.subquestion and "only an administrator" in maija.screen.subquestion
    acts = [e["action"] for e in registry.org_audit(Principal(11, ANNA["email"]), "marta")]
    assert acts[-3:] == ["invite", "join", "role"]


def test_server_admin_creates_an_organisation_others_cannot(da, interview, registry):
    admin = _session(da, interview, ADMIN)
    admin.action("ws_org")
    assert {"kind": "new_org"} in [x["arguments"] for x in admin.link_actions()]
    admin.action("ws_form", kind="new_org")
    admin.run({"ws_text": "vdi: Valsts darba inspekcija"}, until="workspace page")
    assert "vdi: Valsts darba inspekcija" in admin.screen.subquestion
    anna = _session(da, interview, ANNA)
    anna.action("ws_form", kind="new_org")
    anna.run({"ws_text": "fake: Fake"}, until="workspace page")
    assert "Not done" in anna.screen.subquestion and "server administrator" in anna.screen.subquestion
    assert "fake" not in {o["key"] for o in registry.reg.organisations()}


def test_redline_between_versions_in_the_page(da, interview, registry):
    juris = Principal(21, JURIS["email"])
    registry.login(juris)
    sid = registry.suggest(juris, SLUG, "p2", "replace", "Robežsardze <nekavējoties> informē MARTA.")
    registry.accept(Principal(11, ANNA["email"]), SLUG, [sid])
    anna = _session(da, interview, ANNA)
    anna.action("ws_open", slug=SLUG)
    red = [x["arguments"] for x in anna.link_actions() if x["action"] == "ws_redline"]
    assert red == [{"slug": SLUG, "old": 1, "new": 2}] * 2  # "compare versions" and "changes against 1"
    anna.action("ws_redline", **red[0])
    sub = anna.screen.subquestion
    assert "<ins> &lt;nekavējoties&gt;</ins>" in sub and "(changed)" in sub
    pet = _session(da, interview, PETERIS)
    pet.action("ws_redline", **red[0])
    assert "not found" in pet.screen.subquestion and "nekavējoties" not in pet.screen.subquestion
