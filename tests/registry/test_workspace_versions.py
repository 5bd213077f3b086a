"""From the interview to the room, re-drafting, redlines between any two versions, exports and the
later lifecycle moves, each decided from the account (SQLite and PostgreSQL)."""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from workspace_people import ADMIN, ANNA, JURIS, MAIJA, PETERIS, SANDRA, SLUG, VIKTORS, room, sign_in_room, ws  # noqa: F401

from pamats.errors import AccessDenied, ConflictError, InputError
from pamats.registry.errors import NotFound, TransitionRefused
from pamats.yamlio import load_answers_file, read_scalar

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def answers():
    data, _ = load_answers_file(REPO / "agreements" / "marta-vrs" / "answers.yaml")
    return data


def _refused_alike(call, *args) -> str:
    with pytest.raises(NotFound) as e:
        call(*args)
    return e.value.message


def test_start_from_answers_creates_the_agreement_with_both_registered_parties(ws, answers):
    d = ws.start_from_answers(ANNA, answers)
    assert d["parties"] == ["vrs", "marta"] and d["waiting"] == []  # the answers' party order
    assert d["names"] == ["Valsts robežsardze", 'Biedrība "Centrs MARTA"']
    r = ws.room(JURIS, d["slug"])  # the Border Guard sees it at once
    assert r["status"] == "negotiation" and r["version"] == 1 and r["versions"][0]["proposed_by"] == "da-11"
    assert any("Robežsardze" in p["text"] for p in r["points"])
    assert ws.dashboard(JURIS)["agreements"][0]["your_move"] is True
    with pytest.raises(NotFound):
        ws.room(PETERIS, d["slug"])
    again = ws.start_from_answers(ANNA, answers)  # a second start: a second agreement, its own slug
    assert again["slug"] != d["slug"] and again["slug"].startswith(d["slug"])


def test_start_refuses_a_member_a_stranger_and_a_drafter_whose_organisation_is_not_named(ws, answers):
    with pytest.raises(AccessDenied, match="cannot start"):
        ws.start_from_answers(MAIJA, answers)
    with pytest.raises(NotFound, match="belongs to no organisation"):
        from workspace_people import STRANGER

        ws.start_from_answers(STRANGER, answers)
    with pytest.raises(InputError, match="not named among the parties"):
        ws.start_from_answers(PETERIS, answers)  # the State Police drafts MARTA and VRS's agreement
    bad = copy.deepcopy(answers)
    bad["parties"][0].pop("name")
    with pytest.raises(Exception) as e:  # the drafting's own refusal, before anything is written
        ws.start_from_answers(ANNA, bad)
    assert "name" in str(e.value)
    assert ws.dashboard(ANNA)["agreements"] == []


def test_an_unregistered_other_party_waits_and_joins_when_registered(ws, answers):
    other = copy.deepcopy(answers)
    other["parties"][0]["name"] = {"lv": "Valsts darba inspekcija", "en": "State Labour Inspectorate"}
    other["parties"][0]["short"] = {"lv": "Inspekcija", "en": "the Inspectorate"}
    d = ws.start_from_answers(ANNA, other)
    assert d["parties"] == ["marta"] and d["waiting"] == ["Valsts darba inspekcija"]
    assert [x["name"] for x in ws.waiting_parties(ANNA, d["slug"])] == ["Valsts darba inspekcija"]
    assert [x["slug"] for x in ws.pending_party_invitations(ADMIN)] == [d["slug"]]
    assert ws.pending_party_invitations(ANNA) == []
    with pytest.raises(TransitionRefused, match="has not joined"):
        ws.transition(ANNA, d["slug"], "agreed", reason="viss skaidrs")
    made = ws.create_organisation(ADMIN, "vdi", "Valsts darba inspekcija")
    assert made["joined"] == [d["slug"]]
    assert ws.room(ANNA, d["slug"])["parties_keys"] == ["marta", "vdi"]
    assert ws.waiting_parties(ANNA, d["slug"]) == []
    assert "party_joined" in [e["action"] for e in ws.audit(ANNA, d["slug"])]


def test_a_server_administrator_attaches_a_waiting_party_others_cannot(ws, answers):
    other = copy.deepcopy(answers)
    other["parties"][0]["name"] = "Robežsardze (Rīgas pārvalde)"
    other["parties"][0].pop("short", None)
    d = ws.start_from_answers(ANNA, other)
    (inv,) = ws.waiting_parties(ANNA, d["slug"])
    with pytest.raises(AccessDenied):
        ws.attach_party(ANNA, inv["id"], "vrs")
    with pytest.raises(NotFound):
        ws.attach_party(ADMIN, inv["id"] + 100, "vrs")
    assert ws.attach_party(ADMIN, inv["id"], "vrs") == {"slug": d["slug"], "organisation": "vrs"}
    ws.room(JURIS, d["slug"])  # now a party
    with pytest.raises(NotFound):
        ws.attach_party(ADMIN, inv["id"], "vp")  # already joined


def test_redraft_proposes_the_next_version_and_refuses_a_stale_one(ws, answers):
    slug = ws.start_from_answers(ANNA, answers)["slug"]
    r = ws.redraft_answers(JURIS, slug)
    assert r["version"] == 1 and r["answers"]["parties"][0]["key"] == "vrs"
    new = copy.deepcopy(r["answers"])
    new["subject"] = "Puses sadarbojas, lai cilvēku tirdzniecības upuri saņemtu palīdzību bez kavēšanās."
    assert ws.propose_answers(JURIS, slug, new, expected_version=1) == 2
    with pytest.raises(ConflictError, match="nothing was written"):
        ws.propose_answers(ANNA, slug, r["answers"], expected_version=1)
    with pytest.raises(AccessDenied):
        ws.propose_answers(MAIJA, slug, new, expected_version=2)
    assert _refused_alike(ws.redraft_answers, PETERIS, slug) == _refused_alike(
        ws.redraft_answers, PETERIS, "nav-tada"
    ).replace("nav-tada", slug)
    v = ws.room(ANNA, slug)["versions"]
    assert [x["number"] for x in v] == [1, 2] and v[1]["proposed_by"] == "da-21"
    assert ws.reg.version("da-11", slug, 2)["answers"]["subject"] == new["subject"]
    assert ws.room(ANNA, slug)["status"] == "negotiation"  # a new version, not a new agreement
    assert len(ws.dashboard(ANNA)["agreements"]) == 1


def test_redraft_of_a_text_not_drafted_in_the_interview_is_refused(room):
    with pytest.raises(InputError, match="not drafted in the interview"):
        room.redraft_answers(ANNA, SLUG)


def _tracked(docx: bytes) -> list[tuple[str, str, str]]:
    """(w:ins|w:del, author, text) of every tracked change in the DOCX."""
    from lxml import etree

    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))
    out = []
    for el in root.iter("{%s}ins" % ns["w"], "{%s}del" % ns["w"]):
        text = "".join(el.xpath(".//w:t/text() | .//w:delText/text()", namespaces=ns))
        if text:
            out.append((etree.QName(el).localname, el.get("{%s}author" % ns["w"]), text))
    return out


def test_redline_between_any_two_versions_credits_each_change_to_its_proposer(room):
    room.edit_point(JURIS, SLUG, "p2", "Robežsardze nekavējoties informē MARTA.", base_version=1)  # v2 by VRS
    room.edit_point(ANNA, SLUG, "p3", "Līgums stājas spēkā, kad to parakstījušas abas puses.", base_version=2)  # v3
    changes = {c.node_id: c for c in room.redline(MAIJA, SLUG, 1, 3)}  # not consecutive
    assert changes["p2"].op == "changed" and changes["p3"].op == "changed" and changes["p1"].op == "equal"
    data, name = room.redline_docx(MAIJA, SLUG, 1, 3)
    assert name == f"{SLUG}-v1-v3-redline.docx"
    tracked = _tracked(data)
    vrs = [t for t in tracked if "nekavējoties" in t[2]]
    marta = [t for t in tracked if "parakstījušas" in t[2]]
    assert vrs and all(a == "juris@vrs.example (Valsts robežsardze)" for _, a, _ in vrs)
    assert marta and all(a == 'anna@marta.example (Biedrība "Centrs MARTA")' for _, a, _ in marta)
    assert Document(io.BytesIO(data)).paragraphs  # python-docx opens it
    back = {c.node_id: c for c in room.redline(ANNA, SLUG, 3, 2)}  # any direction
    assert back["p3"].op == "changed" and back["p2"].op == "equal"
    for bad in ((1, 9), (0, 1), ("1", 2)):
        with pytest.raises(NotFound, match="version"):
            room.redline_docx(ANNA, SLUG, *bad)
    outsider = _refused_alike(room.redline_docx, PETERIS, SLUG, 1, 3)
    assert outsider == _refused_alike(room.redline_docx, PETERIS, "nav-tada", 1, 3).replace("nav-tada", SLUG)


def test_export_any_version_as_docx_pdf_and_answers(room):
    room.edit_point(JURIS, SLUG, "p2", "Robežsardze nekavējoties informē MARTA.", base_version=1)
    docx, name, mime = room.export(MAIJA, SLUG, 1, "docx")
    assert name == f"{SLUG}-v1.docx" and "wordprocessingml" in mime and docx == room.docx(ANNA, SLUG, 1)
    d2, _, _ = room.export(MAIJA, SLUG, 2, "docx")
    assert any("nekavējoties" in p.text for p in Document(io.BytesIO(d2)).paragraphs)
    pdf, name, mime = room.export(JURIS, SLUG, 2, "pdf")
    assert pdf.startswith(b"%PDF-") and name == f"{SLUG}-v2.pdf" and mime == "application/pdf"
    yml, name, _ = room.export(ANNA, SLUG, 1, "answers")
    assert name == f"{SLUG}-v1-answers.yaml" and read_scalar(yml.decode()) == {"v": 1}
    with pytest.raises(NotFound, match="unknown export"):
        room.export(ANNA, SLUG, 1, "exe")
    with pytest.raises(NotFound, match="no version 7"):
        room.export(ANNA, SLUG, 7, "docx")
    for what in ("docx", "pdf", "answers"):  # the outsider: the same refusal as for no agreement
        assert _refused_alike(room.export, PETERIS, SLUG, 1, what) == _refused_alike(
            room.export, PETERIS, "nav-tada", 1, what
        ).replace("nav-tada", SLUG)


def test_in_force_expiry_and_termination_from_the_room(room, clock):
    room.transition(ANNA, SLUG, "agreed", reason="saskaņots")
    sign_in_room(room, SANDRA, "marta")
    sign_in_room(room, VIKTORS, "vrs")
    assert room.room(ANNA, SLUG)["status"] == "signed"
    with pytest.raises(AccessDenied):
        room.transition(MAIJA, SLUG, "in_force", reason="x")
    with pytest.raises(NotFound):
        room.transition(PETERIS, SLUG, "in_force", reason="x")
    room.transition(JURIS, SLUG, "in_force", reason="abi parakstījuši")
    with pytest.raises(TransitionRefused, match="has not expired"):
        room.transition(ANNA, SLUG, "expired", reason="beidzies")
    room.transition(ANNA, SLUG, "terminated", reason="uzteikts ar vēstuli")
    a = room.audit(ANNA, SLUG)
    assert [(e["to"], e["reason"]) for e in a if e["action"] == "transition"][-2:] == [
        ("in_force", "abi parakstījuši"),
        ("terminated", "uzteikts ar vēstuli"),
    ]


def test_versions_and_redline_credit_the_person_s_name_else_the_e_mail(room):
    """The web server passes docassemble's names (account id -> "First Last"); an account without
    a name, or a failing lookup, shows its e-mail; the organisation is named either way."""
    room.edit_point(JURIS, SLUG, "p2", "Robežsardze nekavējoties informē MARTA.", base_version=1)  # v2 by VRS
    asked = []

    def names(ids):
        asked.append(sorted(ids))
        return {JURIS.account_id: "Juris Ozols"}  # Anna's account has no name set

    assert room.version_credits(MAIJA, SLUG, names) == {
        1: 'anna@marta.example (Biedrība "Centrs MARTA")',
        2: "Juris Ozols (Valsts robežsardze)",
    }
    assert asked == [sorted([ANNA.account_id, JURIS.account_id])]
    data, _ = room.redline_docx(ANNA, SLUG, 1, 2, names=names)
    assert {a for _, a, _ in _tracked(data)} == {"Juris Ozols (Valsts robežsardze)"}

    def broken(ids):
        raise RuntimeError("docassemble's user table is not reachable")

    assert room.version_credits(ANNA, SLUG, broken)[2] == "juris@vrs.example (Valsts robežsardze)"
    with pytest.raises(NotFound):
        room.version_credits(PETERIS, SLUG, names)


def test_download_names_are_the_exports_names(room):
    from pamats.registry.workspace.versions import download_name

    room.edit_point(JURIS, SLUG, "p2", "Robežsardze nekavējoties informē MARTA.", base_version=1)
    for what in ("docx", "pdf", "answers"):
        assert room.export(ANNA, SLUG, 2, what)[1] == download_name(SLUG, what, 2)
    assert room.redline_docx(ANNA, SLUG, 1, 2)[1] == download_name(SLUG, "redline", old=1, new=2)
    assert download_name(SLUG, "to_sign", 2) == f"{SLUG}-v2-to-sign.pdf"


def test_the_room_names_proposers_and_comment_authors_as_their_accounts_do(room):
    """The room (one transaction) gives the same credits as version_credits, and each comment's
    and reply's author by the name of the account, the e-mail where none is set."""
    room.edit_point(JURIS, SLUG, "p2", "Robežsardze nekavējoties informē MARTA.", base_version=1)  # v2 by VRS
    t = room.comment(JURIS, SLUG, "p2", "Vai 24 stundas pietiek?")
    room.reply(ANNA, SLUG, t, "Jā.")

    def names(ids):
        return {JURIS.account_id: "Juris Ozols"}  # Anna's account has no name set

    r = room.room(MAIJA, SLUG, names)
    assert r["credits"] == room.version_credits(MAIJA, SLUG, names)
    thread = next(x for x in r["points"] if x["id"] == "p2")["threads"][0]
    assert (thread["author"], thread["replies"][0]["author"]) == ("Juris Ozols", "anna@marta.example")
    plain = next(x for x in room.room(MAIJA, SLUG)["points"] if x["id"] == "p2")["threads"][0]
    assert plain["author"] == "juris@vrs.example"  # no names function: the e-mail
