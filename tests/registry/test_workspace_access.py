"""Workspace access, decided in the core from the logged-in account (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from workspace_people import (  # noqa: F401
    ADMIN,
    ANNA,
    JURIS,
    MAIJA,
    PETERIS,
    SANDRA,
    SLUG,
    STRANGER,
    V1,
    VIKTORS,
    room,
    sign_in_room,
    ws,
)

from pamats.errors import AccessDenied, InputError
from pamats.registry.errors import NotFound, TamperError, TransitionRefused
from pamats.registry.workspace import Principal

CALLS = {
    "room": lambda w, p, s: w.room(p, s),
    "threads": lambda w, p, s: w.threads(p, s),
    "suggestions": lambda w, p, s: w.suggestions(p, s),
    "comment": lambda w, p, s: w.comment(p, s, "p1", "Mēs arī"),
    "reply": lambda w, p, s: w.reply(p, s, 1, "Atbilde"),
    "resolve": lambda w, p, s: w.resolve_thread(p, s, 1),
    "reopen": lambda w, p, s: w.reopen_thread(p, s, 1),
    "suggest": lambda w, p, s: w.suggest(p, s, "p1", "replace", "Jauns teksts."),
    "accept": lambda w, p, s: w.accept(p, s, [1]),
    "reject": lambda w, p, s: w.reject(p, s, 1, "nē"),
    "edit_point": lambda w, p, s: w.edit_point(p, s, "p1", "Jauns.", base_version=1),
    "propose": lambda w, p, s: w.propose(p, s, {"v": 9}),
    "transition": lambda w, p, s: w.transition(p, s, "withdrawn"),
    "sign": lambda w, p, s: w.sign(p, s),
    "docx": lambda w, p, s: w.docx(p, s),
    "audit": lambda w, p, s: w.audit(p, s),
    "redline": lambda w, p, s: w.redline(p, s, 1, 1),
}


def _refusal(call, w, p, slug):
    with pytest.raises(NotFound) as e:
        call(w, p, slug)
    return type(e.value), str(e.value).replace(repr(slug), "'SLUG'")


@pytest.mark.parametrize("who", [PETERIS, STRANGER, ADMIN], ids=["other-org", "no-org", "server-admin"])
def test_non_party_gets_the_same_not_found_as_for_a_missing_agreement(room, who):
    room.comment(ANNA, SLUG, "p2", "Vai 24 stundas pietiek?")
    room.suggest(JURIS, SLUG, "p2", "replace", "Robežsardze nekavējoties informē MARTA.")
    before = (room.room(ANNA, SLUG), room.audit(ANNA, SLUG))
    for name, call in sorted(CALLS.items()):
        existing = _refusal(call, room, who, SLUG)
        missing = _refusal(call, room, who, "no-such-agreement")
        assert existing == missing, name
        assert "SLUG" in existing[1], name
    assert (room.room(ANNA, SLUG), room.audit(ANNA, SLUG)) == before


def test_outsider_dashboard_is_empty_and_party_sees_its_own(room):
    assert [r["slug"] for r in room.dashboard(PETERIS)["agreements"]] == ["vp-vrs"]
    assert [r["slug"] for r in room.dashboard(ANNA)["agreements"]] == [SLUG]
    assert [r["slug"] for r in room.dashboard(JURIS)["agreements"]] == [SLUG, "vp-vrs"]
    assert room.dashboard(STRANGER)["agreements"] == []


def test_ids_of_another_agreement_are_not_found(room):
    """Changed ids in an action link: a comment or suggestion of vp-vrs used in marta-vrs."""
    cid = room.comment(PETERIS, "vp-vrs", "p1", "VP komentārs")
    sid = room.suggest(PETERIS, "vp-vrs", "p1", "replace", "VP teksts.")
    for call in (
        lambda: room.reply(JURIS, SLUG, cid, "x"),
        lambda: room.resolve_thread(JURIS, SLUG, cid),
        lambda: room.accept(JURIS, SLUG, [sid]),
        lambda: room.reject(JURIS, SLUG, sid, "nē"),
        lambda: room.reply(JURIS, SLUG, "1; DROP TABLE comments", "x"),
    ):
        with pytest.raises(NotFound):
            call()
    assert room.suggestions(PETERIS, "vp-vrs")[0]["status"] == "open"


def test_replayed_action_is_refused(room):
    sid = room.suggest(JURIS, SLUG, "p1", "replace", "Puses cieši sadarbojas.")
    assert room.accept(ANNA, SLUG, [sid]) == 2
    with pytest.raises(InputError, match="already accepted"):
        room.accept(ANNA, SLUG, [sid])
    with pytest.raises(NotFound):  # the same action from another organisation's session
        room.accept(PETERIS, SLUG, [sid])
    assert len(room.room(ANNA, SLUG)["versions"]) == 2


@pytest.mark.parametrize("name", ["propose", "transition", "accept", "reject", "edit_point", "sign"])
def test_member_cannot_move_the_text_or_the_lifecycle(room, name):
    room.suggest(JURIS, SLUG, "p1", "replace", "Puses cieši sadarbojas.")
    before = room.audit(ANNA, SLUG)
    with pytest.raises(AccessDenied, match="role 'member' cannot"):
        CALLS[name](room, MAIJA, SLUG)
    assert room.audit(ANNA, SLUG) == before


def test_member_can_read_comment_and_suggest(room):
    assert room.room(MAIJA, SLUG)["role"] == "member"
    room.comment(MAIJA, SLUG, "p1", "Labi.")
    room.suggest(MAIJA, SLUG, "p3", "delete")
    assert [e["action"] for e in room.audit(ANNA, SLUG)][-2:] == ["comment", "suggest"]


def test_negotiator_cannot_sign_signatories_can(room):
    room.transition(ANNA, SLUG, "agreed", reason="saskaņots")
    with pytest.raises(AccessDenied, match="role 'negotiator' cannot sign"):
        room.sign(ANNA, SLUG)
    with pytest.raises(AccessDenied, match="role 'negotiator' cannot sign"):
        room.sign(JURIS, SLUG)
    assert sign_in_room(room, SANDRA, "marta")["status"] == "agreed"
    assert sign_in_room(room, VIKTORS, "vrs")["status"] == "signed"
    signer = [e for e in room.audit(ANNA, SLUG) if e["action"] == "sign"]
    assert [e["user"] for e in signer] == ["da-13", "da-22"]


@pytest.mark.parametrize("end", ["signed", "withdrawn"])
def test_nothing_after_signature_or_withdrawal(room, end):
    room.comment(ANNA, SLUG, "p1", "Pirms beigām")
    if end == "signed":
        room.transition(ANNA, SLUG, "agreed")
        sign_in_room(room, SANDRA, "marta")
        sign_in_room(room, VIKTORS, "vrs")
    else:
        room.transition(JURIS, SLUG, "withdrawn", reason="atsaucam")
    before = room.audit(ANNA, SLUG)
    for call in (
        lambda: room.comment(ANNA, SLUG, "p1", "x"),
        lambda: room.reply(JURIS, SLUG, 1, "x"),
        lambda: room.resolve_thread(ANNA, SLUG, 1),
        lambda: room.suggest(JURIS, SLUG, "p1", "delete"),
        lambda: room.edit_point(ANNA, SLUG, "p1", "Jauns.", base_version=1),
        lambda: room.propose(ANNA, SLUG, {"v": 2}),
    ):
        with pytest.raises(TransitionRefused):
            call()
    assert room.audit(ANNA, SLUG) == before


def test_only_server_admin_creates_organisations(ws):
    for p in (ANNA, STRANGER):
        with pytest.raises(AccessDenied, match="server administrator"):
            ws.create_organisation(p, "vdi", "Valsts darba inspekcija")
    with pytest.raises(InputError, match="not an organisation key"):
        ws.create_organisation(ADMIN, "VDI <b>", "x")
    with pytest.raises(InputError, match="already exists"):
        ws.create_organisation(ADMIN, "marta", "x")


def test_invitations_and_who_may_send_them(ws):
    with pytest.raises(AccessDenied, match="only an administrator of 'vrs'"):
        ws.invite(ANNA, "vrs", "spy@marta.example", "signatory")
    with pytest.raises(AccessDenied, match="only an administrator of 'marta'"):
        ws.invite(MAIJA, "marta", "friend@marta.example", "signatory")
    with pytest.raises(InputError, match="unknown role"):
        ws.invite(ANNA, "marta", "x@marta.example", "owner")
    with pytest.raises(InputError, match="not an e-mail"):
        ws.invite(ANNA, "marta", "not an address", "member")
    ws.invite(ANNA, "marta", "Liga@Marta.Example", "member")
    liga = Principal(14, "liga@marta.example")
    assert ws.login(liga)["organisation"] == "marta"
    assert ws.login(Principal(15, "other@marta.example")) is None  # not invited: no organisation


def test_role_changes_are_audited_and_chained(ws, reg):
    ws.set_role(ANNA, "marta", MAIJA.account_id, "negotiator")
    ws.set_role(ANNA, "marta", SANDRA.account_id, "signatory", admin=True)
    ws.remove_member(ANNA, "marta", MAIJA.account_id)
    with pytest.raises(NotFound):
        ws.room(MAIJA, SLUG)
    log = ws.org_audit(ANNA, "marta")
    assert [e["action"] for e in log] == [
        "org_create",
        "invite",
        "join",
        "invite",
        "invite",
        "join",
        "join",
        "role",
        "role",
        "remove",
    ]
    assert log[7]["actor"] == ANNA.email
    assert log[7]["payload"]["before"]["role"] == "member" and log[7]["payload"]["after"]["role"] == "negotiator"
    assert ws.verify_org_audit(ANNA, "marta") == 10
    with reg.tx() as s:
        s.execute(
            text("UPDATE ws_org_audit SET payload = :p WHERE seq = 8"),
            {"p": '{"account":12,"after":{"role":"signatory"}}'},
        )
    with pytest.raises(TamperError, match="entry 8"):
        ws.verify_org_audit(ANNA, "marta")


def test_an_organisation_keeps_an_administrator(ws):
    with pytest.raises(InputError, match="no administrator left"):
        ws.remove_member(ANNA, "marta", ANNA.account_id)
    with pytest.raises(InputError, match="no administrator left"):
        ws.set_role(ANNA, "marta", ANNA.account_id, "negotiator", admin=False)


def test_one_account_one_organisation(ws):
    ws.invite(JURIS, "vrs", ANNA.email, "signatory")
    assert ws.login(ANNA)["organisation"] == "marta"  # the invitation stays pending
    assert any(m.get("invited") and m["email"] == ANNA.email for m in ws.members(JURIS, "vrs"))
    with pytest.raises(AccessDenied):
        ws.members(ANNA, "vrs")


def test_principal_rejects_what_is_not_an_account():
    for bad in ((0, "a@b.c"), ("12", "a@b.c"), (True, "a@b.c"), (5, "anna")):
        with pytest.raises(InputError):
            Principal(*bad)
