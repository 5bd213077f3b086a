"""A real SMTP server on 127.0.0.1 for the mail tests (aiosmtpd), keeping every message it receives."""

from __future__ import annotations

import email
import email.policy
import socket
from dataclasses import dataclass


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: email.message.EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def body(self) -> str:
        return self.message.get_content()


class MailSink:
    def __init__(self):
        from aiosmtpd.controller import Controller

        self.messages: list[Received] = []
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
                msg = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
                sink.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), msg))
                return "250 OK"

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        self.controller.stop()

    def to(self, address: str) -> list[Received]:
        return [m for m in self.messages if address in m.recipients]

    def wait_to(self, address: str, count: int, timeout: float = 30) -> list[Received]:
        """The messages to ``address`` once there are ``count`` of them (a server delivers after
        its page has answered); what there is after ``timeout`` seconds otherwise."""
        import time

        deadline = time.monotonic() + timeout
        while len(self.to(address)) < count and time.monotonic() < deadline:
            time.sleep(0.2)
        return self.to(address)

    @property
    def config(self) -> dict:
        """docassemble's ``mail:`` section pointing at this sink."""
        return {"server": "127.0.0.1", "port": self.port, "default sender": '"pamats" <no-reply@pamats.example>'}
