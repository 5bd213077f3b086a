"""The workspace pages in-process (issue 11's last items): the legal-basis check from the
dashboard, no comment/suggest/edit/decide buttons once the text is closed, the version list
naming people, download links that name their file, and inviting a party not registered yet
by e-mail. Access is the core's: forged or replayed links get its refusal."""

from __future__ import annotations

import copy
from pathlib import Path

from test_workspace_interview import ANNA, JURIS, MAIJA, PETERIS, SLUG, _session, interview, registry  # noqa: F401

from pamats.registry.workspace import Principal
from pamats.text.messages import problem_title
from pamats.yamlio import load_answers_file

REPO = Path(__file__).resolve().parents[2]
CHANGE_KINDS = {"comment", "replace", "insert_after", "delete", "edit", "accept", "reject", "withdraw"}
THREAD_KINDS = {"reply", "resolve", "reopen"}


def _kinds(s) -> set[str]:
    return {x["arguments"].get("kind") for x in s.link_actions() if x["action"] in ("ws_form", "ws_do")}


def _answers(waiting_party: str | None = None) -> dict:
    """The MARTA–VRS answers with the parties named as the test registry names them (VRS, MARTA)."""
    data, _ = load_answers_file(REPO / "agreements" / "marta-vrs" / "answers.yaml")
    data = copy.deepcopy(data)
    data["parties"][0]["name"], data["parties"][1]["name"] = waiting_party or "VRS", "MARTA"
    for x in data["parties"]:
        x.pop("short", None)
    return data


def test_a_negotiator_checks_the_legal_basis_from_the_dashboard(da, interview, registry):
    anna_p = Principal(11, ANNA["email"])
    slug = registry.start_from_answers(anna_p, _answers())["slug"]
    anna = _session(da, interview, ANNA)
    rechecks = [x["arguments"] for x in anna.link_actions() if x["arguments"].get("kind") == "recheck"]
    assert {"kind": "recheck", "slug": slug} in rechecks and {"kind": "recheck", "slug": SLUG} in rechecks
    anna.action("ws_do", kind="recheck", slug=slug)
    sub = anna.screen.subquestion
    row = {r["slug"]: r for r in registry.dashboard(anna_p)["agreements"]}[slug]["recheck"]
    assert row is not None and f"Legal basis checked ({slug})" in sub
    titled = "; ".join(f"{problem_title(c, 'en')} ({c.replace('_', '&#95;')})" for c in row["problems"])
    verdict = "ok" if row["ok"] else "problem: " + titled  # each problem by its title, the code after it
    assert verdict in sub  # the message and the dashboard's column
    # a member sees no button and a forged link is refused; an outsider gets "not found"
    registry.invite(anna_p, "marta", MAIJA["email"], "member")
    maija = _session(da, interview, MAIJA)
    assert "recheck" not in _kinds(maija)
    maija.action("ws_do", kind="recheck", slug=slug)
    assert "Not done" in maija.screen.subquestion and "cannot check the legal basis" in maija.screen.subquestion
    pet = _session(da, interview, PETERIS)
    pet.action("ws_do", kind="recheck", slug=slug)
    mine = pet.screen.subquestion.replace(slug, "X")
    pet.action("ws_do", kind="recheck", slug="nav-tada")
    assert pet.screen.subquestion.replace("nav-tada", "X") == mine and "not found" in mine


def test_a_closed_text_shows_no_change_buttons_and_the_core_still_refuses(da, interview, registry):
    anna_p = Principal(11, ANNA["email"])
    cid = registry.comment(anna_p, SLUG, "p1", "Vai pietiek?")
    anna = _session(da, interview, ANNA)
    anna.action("ws_open", slug=SLUG)
    assert CHANGE_KINDS - {"accept", "reject", "withdraw"} <= _kinds(anna) and THREAD_KINDS & _kinds(anna)
    registry.transition(anna_p, SLUG, "agreed", reason="saskaņots")
    anna.action("ws_open", slug=SLUG)  # agreed: comments still, no changes
    kinds = _kinds(anna)
    assert "comment" in kinds and "reply" in kinds and not kinds & {"replace", "insert_after", "delete", "edit"}
    registry.transition(anna_p, SLUG, "withdrawn", reason="atsaukts")
    anna.action("ws_open", slug=SLUG)
    sub = anna.screen.subquestion
    assert not _kinds(anna) & (CHANGE_KINDS | THREAD_KINDS), _kinds(anna)
    assert "can no longer be commented on or changed" in sub and "Puses sadarbojas." in sub
    anna.action("ws_form", kind="reply", slug=SLUG, comment=cid)  # a link kept from before
    anna.run({"ws_text": "Vēl viens."}, until="workspace page")
    assert "Not done" in anna.screen.subquestion and "withdrawn" in anna.screen.subquestion
    anna.action("ws_do", kind="delete", slug=SLUG, node="p2", version=1)
    assert "Not done" in anna.screen.subquestion


def test_version_list_names_people_and_download_links_name_their_files(da, interview, registry):
    anna = _session(da, interview, ANNA)
    anna.action("ws_open", slug=SLUG)
    sub = anna.screen.subquestion
    # no docassemble user table in-process: the e-mail stands in for the name, with the organisation
    assert "1: anna@marta.example (MARTA)," in sub and "da-11" not in sub
    for name in (f"{SLUG}-v1.docx", f"{SLUG}-v1.pdf", f"{SLUG}-v1-answers.yaml"):
        assert f'download="{name}"' in sub


def test_a_negotiator_invites_a_party_not_registered_yet_by_e_mail(da, interview, registry):
    from pamats.registry.workspace.invite_mail import queue_invitations
    from pamats.registry.workspace.outbox import outbox

    anna_p = Principal(11, ANNA["email"])
    slug = registry.start_from_answers(anna_p, _answers("Valsts darba inspekcija"))["slug"]
    (inv,) = registry.waiting_parties(anna_p, slug)
    anna = _session(da, interview, ANNA)
    anna.action("ws_open", slug=slug)
    form = {"kind": "party_mail", "slug": slug, "invitation": inv["id"]}
    assert form in [x["arguments"] for x in anna.link_actions() if x["action"] == "ws_form"]
    anna.action("ws_form", **form)
    assert anna.screen.text == "E-mail address of someone at this organisation to send the invitation to"
    anna.run({"ws_text": "inspektore@vdi.example"}, until="workspace page")
    assert "will be sent to inspektore@vdi.example" in anna.screen.subquestion
    pet = _session(da, interview, PETERIS)  # the link replayed by an outsider
    pet.action("ws_form", **form)
    pet.run({"ws_text": "peteris@vp.example"}, until="workspace page")
    assert "Not done" in pet.screen.subquestion and "not found" in pet.screen.subquestion
    queue_invitations(registry.reg)
    assert [r["recipient"] for r in outbox(registry.reg) if r["event"] == "party_invite"] == ["inspektore@vdi.example"]
