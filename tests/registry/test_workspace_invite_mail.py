"""Invitation e-mails to people who have not logged in yet (issue 11), through a real SMTP server
on 127.0.0.1 (SQLite and PostgreSQL): a colleague invited by the organisation's administrator,
and someone at a party whose organisation is not registered yet; Latvian first, the server's
log-in (and sign-up) link, each once per recipient also when two servers queue and send."""

from __future__ import annotations

import copy
import threading
from pathlib import Path

import pytest
from mail_sink import MailSink
from workspace_people import ANNA, MAIJA, PETERIS, ws  # noqa: F401  (fixtures)

from pamats.errors import AccessDenied, InputError
from pamats.registry.errors import NotFound
from pamats.registry.workspace import Principal
from pamats.registry.workspace.invite_mail import login_links, queue_invitations
from pamats.registry.workspace.mailer import mail_settings, send_mail
from pamats.registry.workspace.outbox import deliver, notify, outbox
from pamats.yamlio import load_answers_file

BASE = "https://pamats.example"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def sink():
    s = MailSink()
    yield s
    s.stop()


def test_a_colleague_invited_by_e_mail_gets_one_invitation(ws, reg, sink):
    settings = mail_settings(sink.config)
    notify(reg, settings, link_base=BASE)
    sink.messages.clear()  # the fixture's people all joined: no invitation mail for them
    ws.invite(ANNA, "marta", "Liga@Marta.example", "negotiator")
    out = notify(reg, settings, link_base=BASE, signup=True)
    assert (out["queued"], out["sent"]) == (1, 1)
    (m,) = sink.to("liga@marta.example")
    assert m.subject == "[pamats] Uzaicinājums uz sarunu darba vidi / Invitation to the negotiation workspace"
    body = m.body
    assert body.index("Labdien!") < body.index("Hello,")
    assert 'anna@marta.example uzaicina jūs sarunu darba vidē rīkoties organizācijas Biedrība "Centrs MARTA"' in body
    assert "(loma: sarunu vedējs)" in body and "(role: negotiator)" in body
    login, register = login_links(BASE, True)
    assert login in body and register in body
    assert login == f"{BASE}/user/sign-in?next=%2Finterview%3Fi%3Ddocassemble.pamats%3Adata%2Fquestions%2Fworkspace.yml"
    assert notify(reg, settings, link_base=BASE)["queued"] == 0 and len(sink.messages) == 1  # once
    # without sign-up on the server, only the log-in link
    ws.invite(ANNA, "marta", "karlis@marta.example", "member")
    notify(reg, settings, link_base=BASE)
    (k,) = sink.to("karlis@marta.example")
    assert login in k.body and "/user/register" not in k.body and "(loma: dalībnieks)" in k.body
    # once accepted, nothing more: a later scan does not mail an accepted invitation
    ws.login(Principal(41, "liga@marta.example"))
    sink.messages.clear()
    assert notify(reg, settings, link_base=BASE)["queued"] == 0 and sink.messages == []


def test_two_servers_queue_and_send_an_invitation_once(ws, reg, sink):
    settings = mail_settings(sink.config)
    ws.invite(ANNA, "marta", "liga@marta.example", "member")
    barrier = threading.Barrier(2)
    results = []

    def server(name):
        barrier.wait()
        queue_invitations(reg, link_base=BASE)
        results.append(deliver(reg, lambda to, s, b: send_mail(settings, to, s, b), worker=name))

    threads = [threading.Thread(target=server, args=(f"server-{i}",)) for i in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(sink.to("liga@marta.example")) == 1
    assert [r["key"] for r in outbox(reg) if r["recipient"] == "liga@marta.example"] == [
        f"invite:{r['id']}:liga@marta.example" for r in _invitations(ws)
    ]


def _invitations(ws):
    from sqlalchemy import select

    from pamats.registry.models_workspace import Invitation

    with ws.reg.tx() as s:
        return [{"id": i.id} for i in s.scalars(select(Invitation).where(Invitation.email == "liga@marta.example"))]


def test_a_party_not_registered_yet_is_invited_by_e_mail(ws, reg, sink):
    settings = mail_settings(sink.config)
    data, _ = load_answers_file(REPO / "agreements" / "marta-vrs" / "answers.yaml")
    other = copy.deepcopy(data)
    other["parties"][0]["name"] = {"lv": "Valsts darba inspekcija", "en": "State Labour Inspectorate"}
    other["parties"][0]["short"] = {"lv": "Inspekcija", "en": "the Inspectorate"}
    d = ws.start_from_answers(ANNA, other)
    (inv,) = ws.waiting_parties(ANNA, d["slug"])
    notify(reg, settings, link_base=BASE)
    sink.messages.clear()
    # who may send it: a negotiator of a party; a member may not; an outsider gets "not found"
    with pytest.raises(AccessDenied):
        ws.invite_party_by_email(MAIJA, d["slug"], inv["id"], "vdi@vdi.example")
    refused = {}
    for target in (d["slug"], "nav-tada"):
        with pytest.raises(NotFound) as e:
            ws.invite_party_by_email(PETERIS, target, inv["id"], "vdi@vdi.example")
        refused[target] = e.value.message.replace(target, "X")
    assert refused[d["slug"]] == refused["nav-tada"]
    with pytest.raises(InputError):
        ws.invite_party_by_email(ANNA, d["slug"], inv["id"], "nav e-pasts")
    with pytest.raises(NotFound):
        ws.invite_party_by_email(ANNA, d["slug"], inv["id"] + 100, "vdi@vdi.example")
    assert ws.invite_party_by_email(ANNA, d["slug"], inv["id"], "Inspektore@VDI.example") == {
        "name": "Valsts darba inspekcija",
        "email": "inspektore@vdi.example",
    }
    notify(reg, settings, link_base=BASE)
    (m,) = sink.to("inspektore@vdi.example")
    assert m.subject == "[pamats] Uzaicinājums uz līguma sarunām / Invitation to negotiate an agreement"
    assert 'Biedrība "Centrs MARTA" aicina organizāciju Valsts darba inspekcija vienoties par līgumu' in m.body
    assert m.body.index("Labdien!") < m.body.index("Hello,") and login_links(BASE, False)[0] in m.body
    assert "invite_party_mail" in [e["action"] for e in ws.audit(ANNA, d["slug"])]
    assert ws.reg.verify(ws._username(ANNA, d["slug"], "read"), d["slug"])["ok"]
    assert notify(reg, settings, link_base=BASE)["queued"] == 0 and len(sink.messages) == 1  # once
    # once the organisation is registered and joins, nothing more is sent
    ws.create_organisation(Principal(1, "admin@pamats.example", server_admin=True), "vdi", "Valsts darba inspekcija")
    assert notify(reg, settings, link_base=BASE)["queued"] == 0
