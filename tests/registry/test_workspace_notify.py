"""What waits for each person, and the e-mails to the other party through a real SMTP server on
127.0.0.1 (SQLite and PostgreSQL): each e-mail once, also when two senders race."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from mail_sink import MailSink
from workspace_people import (  # noqa: F401
    ANNA,
    JURIS,
    MAIJA,
    PETERIS,
    SANDRA,
    SLUG,
    VIKTORS,
    room,
    sign_in_room,
    ws,
)

from pamats.errors import InputError
from pamats.registry.workspace.mailer import mail_settings
from pamats.registry.workspace.notify import queue_due, queue_events, room_link
from pamats.registry.workspace.outbox import deliver, notify, outbox

BASE = "https://pamats.example"


@pytest.fixture
def sink():
    s = MailSink()
    yield s
    s.stop()


def _kinds(room, who, slug=SLUG):
    return [(w.kind, w.slug, w.ref) for w in room.waiting(who) if w.slug == slug]


def test_waiting_for_you_follows_the_negotiation(room, reg):
    # MARTA proposed version 1: the Border Guard reviews it; MARTA waits for nothing
    assert _kinds(room, JURIS) == [("review", SLUG, 1)]
    assert _kinds(room, ANNA) == [] and _kinds(room, PETERIS, "vp-vrs") == []  # their own version
    t = room.comment(ANNA, SLUG, "p2", "Cik ātri?")
    room.reply(JURIS, SLUG, t, "48 stundās.")  # the Border Guard acted: version 1 no longer to review
    sid = room.suggest(JURIS, SLUG, "p2", "replace", "Robežsardze informē MARTA 48 stundu laikā.", base_version=1)
    assert ("reply", SLUG, t) in _kinds(room, ANNA)  # a reply to Anna's comment
    assert ("decide", SLUG, sid) in _kinds(room, ANNA)  # the Border Guard's suggestion
    assert ("decide", SLUG, sid) not in _kinds(room, MAIJA)  # a member does not decide
    assert ("review", SLUG, 1) not in _kinds(room, JURIS)
    (d,) = [w for w in room.waiting(ANNA) if w.kind == "decide"]
    assert (d.point, d.organisation) == ("2.", "vrs")
    room.reply(ANNA, SLUG, t, "Labi.")  # answered: no longer waiting
    assert ("reply", SLUG, t) not in _kinds(room, ANNA)
    assert ("reply", SLUG, t) in _kinds(room, JURIS)
    n = room.accept(ANNA, SLUG, [sid])
    assert ("review", SLUG, n) in _kinds(room, JURIS)  # MARTA's new version
    room.transition(ANNA, SLUG, "agreed", reason="saskaņots")
    assert ("sign", SLUG, n) in _kinds(room, SANDRA) and ("sign", SLUG, n) in _kinds(room, VIKTORS)
    assert ("sign", SLUG, n) not in _kinds(room, ANNA)  # a negotiator does not sign
    sign_in_room(room, SANDRA, "marta")
    assert ("sign", SLUG, n) not in _kinds(room, SANDRA) and ("sign", SLUG, n) in _kinds(room, VIKTORS)
    assert all(w.slug != SLUG for w in room.waiting(PETERIS))  # never MARTA's


def test_due_dates_wait_for_the_party_concerned(room, reg):
    today = reg.now().date()
    reg.add_obligation("da-21", SLUG, "vrs", "Iesniegt kontaktpersonu sarakstu", today + dt.timedelta(days=7))
    reg.add_obligation("da-21", SLUG, "marta", "Mācības", today + dt.timedelta(days=90))
    due = [w for w in room.waiting(JURIS) if w.kind == "due"]
    assert [(w.what, w.date, w.text) for w in due] == [
        ("obligation", today + dt.timedelta(days=7), "Iesniegt kontaktpersonu sarakstu")
    ]
    assert [w for w in room.waiting(ANNA) if w.kind == "due"] == []  # MARTA's is 90 days away


def test_no_mail_when_mail_is_not_configured(room, reg):
    room.comment(ANNA, SLUG, "p1", "x")
    assert mail_settings(None) is None and mail_settings({"default sender": "a@b"}) is None
    assert notify(reg, None) == {"configured": False, "queued": 0, "sent": 0, "failed": 0}
    assert outbox(reg) == []


def test_settings_from_docassemble_mail_configuration():
    s = mail_settings(
        [{"name": "other", "server": "x"}, {"server": "smtp.example", "use tls": True, "default sender": "a@b"}]
    )
    assert (s.server, s.port, s.use_tls, s.sender) == ("smtp.example", 587, True, "a@b")
    with pytest.raises(InputError, match="default sender"):
        mail_settings({"server": "smtp.example"})
    with pytest.raises(InputError, match="port"):
        mail_settings({"server": "smtp.example", "port": "many", "default sender": "a@b"})


def test_mail_to_the_other_party_latvian_first_each_once(room, reg, sink):
    settings = mail_settings(sink.config)
    notify(reg, settings, link_base=BASE)  # the agreement's creation: version 1 to the Border Guard
    first = {m.recipients[0] for m in sink.messages}
    assert first == {"juris@vrs.example", "viktors@vrs.example"}
    m = next(m for m in sink.to("juris@vrs.example") if m.subject.endswith(": Sadarbības līgums"))
    assert m.subject == "[pamats] Jauna versija / New version: Sadarbības līgums"
    assert m.body.index("Labdien!") < m.body.index("Hello,")  # Latvian first
    assert "marta iesniedza līguma 1. versiju" in m.body and "marta proposed version 1" in m.body
    assert room_link(BASE, SLUG) in m.body and m.message["From"] == "pamats <no-reply@pamats.example>"
    sink.messages.clear()

    sid = room.suggest(JURIS, SLUG, "p2", "replace", "Robežsardze informē MARTA nekavējoties.", base_version=1)
    t = room.comment(MAIJA, SLUG, "p1", "Vai te vajag termiņu?")
    room.reply(JURIS, SLUG, t, "<b>Nē</b>, nevajag.")
    assert notify(reg, settings, link_base=BASE)["sent"] == 3
    assert sorted((m.recipients[0], m.subject.split(" / ")[0]) for m in sink.messages) == [
        ("anna@marta.example", "[pamats] Jauns ierosinājums"),  # suggestion: MARTA's deciders only
        ("maija@marta.example", "[pamats] Atbilde uz jūsu komentāru"),  # reply: the thread's other writer
        ("sandra@marta.example", "[pamats] Jauns ierosinājums"),
    ]
    reply = sink.to("maija@marta.example")[0].body
    assert "vrs atbildēja diskusijā par 1. punktu" in reply and "> <b>Nē</b>, nevajag." in reply  # literal
    sug = sink.to("anna@marta.example")[0].body
    assert "2. punktā (jauna redakcija)" in sug and "point 2 (new wording)" in sug
    sink.messages.clear()

    assert notify(reg, settings, link_base=BASE)["sent"] == 0 and sink.messages == []  # each once
    room.accept(ANNA, SLUG, [sid])
    room.transition(ANNA, SLUG, "agreed", reason="saskaņots")
    notify(reg, settings)
    assert sorted(m.recipients[0] for m in sink.messages if "Lūgums parakstīt" in m.subject) == [
        "sandra@marta.example",
        "viktors@vrs.example",
    ]
    assert all(
        "PETERIS" not in m.body and m.recipients[0].endswith(("marta.example", "vrs.example")) for m in sink.messages
    )
    assert all(r["sent_at"] is not None for r in outbox(reg))


def test_two_senders_at_once_send_each_mail_once(room, reg, sink):
    settings = mail_settings(sink.config)
    for i in range(6):
        room.comment(ANNA, SLUG, "p1", f"komentārs {i}")
        room.reply(JURIS, SLUG, room.threads(ANNA, SLUG)[-1]["id"], f"atbilde {i}")
    queue_events(reg)
    queue_events(reg)  # a second server queueing the same events: no new rows
    rows = outbox(reg)
    # six replies to Anna; version 1 of both agreements to the Border Guard's two people
    assert len(rows) == len({r["key"] for r in rows}) == 6 + 4
    barrier = threading.Barrier(2)
    results = []

    def sender(name):
        barrier.wait()
        results.append(deliver(reg, lambda to, subject, body: _send(settings, to, subject, body), worker=name))

    threads = [threading.Thread(target=sender, args=(f"server-{i}",)) for i in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(r["sent"] for r in results) == 10 and len(sink.messages) == 10
    assert len({(m.recipients[0], m.body) for m in sink.messages}) == 10


def _send(settings, to, subject, body):
    from pamats.registry.workspace.mailer import send_mail

    send_mail(settings, to, subject, body)


def test_a_failed_send_is_kept_and_retried_later(room, reg, clock, sink):
    queue_events(reg)
    down = mail_settings({"server": "127.0.0.1", "port": 1, "default sender": "a@b"})
    out = notify(reg, down)
    assert out["failed"] == 4 and out["sent"] == 0
    assert all(r["error"] and r["sent_at"] is None for r in outbox(reg))
    assert notify(reg, mail_settings(sink.config))["sent"] == 0  # not before the retry time
    clock.t += dt.timedelta(minutes=6)
    assert notify(reg, mail_settings(sink.config))["sent"] == 4 and len(sink.messages) == 4


def test_old_events_are_not_mailed_and_the_cursor_moves_on(room, reg, clock, sink):
    clock.t += dt.timedelta(days=4)
    room.comment(ANNA, SLUG, "p1", "jauns")
    assert notify(reg, mail_settings(sink.config))["queued"] == 0  # version 1 is four days old
    clock.t += dt.timedelta(minutes=10)
    t = room.threads(ANNA, SLUG)[0]["id"]
    room.reply(JURIS, SLUG, t, "atbilde")
    assert notify(reg, mail_settings(sink.config))["queued"] == 1
    with reg.tx() as s:
        from pamats.registry.models_workspace import Setting

        assert int(s.get(Setting, "mail_cursor").value) > 0


def test_due_date_reminders_30_7_0_days_each_once(room, reg, sink):
    today = reg.now().date()
    reg.add_obligation("da-21", SLUG, "vrs", "Iesniegt kontaktpersonu sarakstu", today + dt.timedelta(days=30))
    settings = mail_settings(sink.config)
    queue_events(reg)
    deliver(reg, lambda *a: None)  # the version mail is not what this test is about
    sent = []
    for day in (0, 1, 20, 23, 24, 29, 30, 31):
        notify(reg, settings, due=True, today=today + dt.timedelta(days=day))
        sent.append(len(sink.to("juris@vrs.example")))
    assert sent == [1, 1, 1, 2, 2, 2, 3, 3]  # day 0 (30 left), day 23 (7 left), day 30 (due today)
    subjects = [m.subject for m in sink.to("juris@vrs.example")]
    assert subjects[0].startswith("[pamats] Termiņš pēc 30 dienām / Due in 30 days: ")
    assert subjects[2].startswith("[pamats] Termiņš šodien / Due today: ")
    assert "Pienākums: " in sink.to("juris@vrs.example")[0].body
    assert not sink.to("anna@marta.example")  # MARTA has no obligation here
    assert queue_due(reg, today=today + dt.timedelta(days=30)) == 0


def test_a_backlog_does_not_hold_back_the_mail_of_what_was_just_done(room, reg, sink):
    """Events queued before (a server whose mail was not configured yet, then configured: its
    first scan queues the last days' events) are sent `limit` at a time; the e-mail of the action
    just done goes out in the same request, whatever the backlog."""
    for i in range(8):
        room.comment(ANNA, SLUG, "p1", f"komentārs {i}")
        room.reply(JURIS, SLUG, room.threads(ANNA, SLUG)[-1]["id"], f"atbilde {i}")
    backlog = queue_events(reg)
    assert backlog == 8 + 4  # eight replies to Anna; version 1 of both agreements to two people
    room.suggest(JURIS, SLUG, "p2", "replace", "Robežsardze informē MARTA nekavējoties.", base_version=1)
    queue_events(reg)
    settings = mail_settings(sink.config)
    assert deliver(reg, lambda to, subject, body: _send(settings, to, subject, body), limit=3)["sent"] == 3
    got = sorted((m.recipients[0], m.subject.split(" / ")[0]) for m in sink.messages)
    assert ("anna@marta.example", "[pamats] Jauns ierosinājums") in got  # the suggestion, not only old news
    assert notify(reg, settings)["sent"] == backlog + 2 - 3  # the backlog drains on the next call
