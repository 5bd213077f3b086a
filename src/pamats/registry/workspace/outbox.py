"""This file defines the delivery of the workspace's queued e-mails, each once.

``deliver`` picks unsent rows of ``ws_mail_outbox`` and claims each with one conditional UPDATE
(``sent_at`` empty and no live claim): of two web servers (or a server and the cron job) only
one gets the row, sends it, and marks it sent. A failed send is retried later (after 5 minutes
times the attempts, at most :data:`MAX_ATTEMPTS` times) with the error kept on the row; a
sender that died after claiming a row leaves it to be retried when the claim runs out.
``notify`` = queue the new events' e-mails, then deliver them: what the web bridge runs after
an action and the cron job runs with the due-date reminders.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from collections.abc import Callable

from sqlalchemy import or_, select, update

from ..models_notify import MailOutbox
from .mailer import MailSettings, send_mail
from .notify import queue_due, queue_events

__all__ = ["deliver", "notify", "MAX_ATTEMPTS", "LEASE", "outbox"]

MAX_ATTEMPTS = 5
LEASE = dt.timedelta(minutes=10)
WORKER = f"{socket.gethostname()[:60]}:{os.getpid()}"


def deliver(reg, send: Callable[[str, str, str], None], *, limit: int = 50, worker: str = WORKER) -> dict:
    """Send up to ``limit`` queued e-mails with ``send(to, subject, body)``, the newest first;
    {sent, failed}. Newest first because the web server delivers after each action: a backlog
    (e.g. the events of the last days queued when mail was first configured) drains ``limit`` at
    a time over later requests and the cron job, while the mail of the action just done goes at
    once."""
    now = reg.now()
    free = or_(MailOutbox.claimed_until.is_(None), MailOutbox.claimed_until < now)
    with reg.tx() as s:
        ids = list(
            s.scalars(
                select(MailOutbox.id)
                .where(MailOutbox.sent_at.is_(None), MailOutbox.attempts < MAX_ATTEMPTS, free)
                .order_by(MailOutbox.id.desc())  # newest first: a backlog never holds back what was just done
                .limit(limit)
            )
        )
    sent = failed = 0
    for i in ids:
        with reg.tx() as s:
            got = s.execute(
                update(MailOutbox)
                .where(MailOutbox.id == i, MailOutbox.sent_at.is_(None), free)
                .values(claimed_by=worker, claimed_until=now + LEASE, attempts=MailOutbox.attempts + 1)
                .execution_options(synchronize_session=False)
            ).rowcount
            if got != 1:
                continue  # another server has it
            row = s.get(MailOutbox, i)
            to, subject, body, attempts = row.recipient, row.subject, row.body, row.attempts
        try:
            send(to, subject, body)
        except Exception as e:  # noqa: BLE001 - any failure of the mail server: kept on the row, retried
            with reg.tx() as s:
                s.execute(
                    update(MailOutbox)
                    .where(MailOutbox.id == i)
                    .values(
                        error=f"{type(e).__name__}: {str(e)[:300]}",
                        claimed_until=now + attempts * 5 * dt.timedelta(minutes=1),
                    )
                    .execution_options(synchronize_session=False)
                )
            failed += 1
            continue
        with reg.tx() as s:
            s.execute(
                update(MailOutbox)
                .where(MailOutbox.id == i)
                .values(sent_at=reg.now(), error=None)
                .execution_options(synchronize_session=False)
            )
        sent += 1
    return {"sent": sent, "failed": failed}


def notify(
    reg,
    settings: MailSettings | None,
    *,
    link_base: str | None = None,
    due: bool = False,
    today: dt.date | None = None,
    send: Callable[[str, str, str], None] | None = None,
    signup: bool = False,
) -> dict:
    """Queue the new events and invitations (and, with ``due``, the due-date reminders), then
    send; nothing at all when mail is not configured. ``signup``: the server lets people create
    an account (docassemble's ``allow registration``), so invitations link to its sign-up page."""
    if settings is None and send is None:
        return {"configured": False, "queued": 0, "sent": 0, "failed": 0}
    from .invite_mail import queue_invitations

    queued = queue_events(reg, link_base=link_base) + queue_invitations(reg, link_base=link_base, signup=signup)
    if due:
        queued += queue_due(reg, today=today, link_base=link_base)
    out = deliver(reg, send or (lambda to, subject, body: send_mail(settings, to, subject, body)))
    return {"configured": True, "queued": queued, **out}


def outbox(reg, *, agreement_id: int | None = None) -> list[dict]:
    """The outbox rows (for administrators and tests), oldest first."""
    with reg.tx() as s:
        q = select(MailOutbox).order_by(MailOutbox.id)
        if agreement_id is not None:
            q = q.where(MailOutbox.agreement_id == agreement_id)
        return [
            {
                "key": r.key,
                "event": r.event,
                "recipient": r.recipient,
                "subject": r.subject,
                "body": r.body,
                "attempts": r.attempts,
                "sent_at": r.sent_at,
                "error": r.error,
            }
            for r in s.scalars(q)
        ]
