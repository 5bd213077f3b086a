"""This file defines how the workspace's e-mails are sent: plain SMTP with the server's mail settings.

The settings are docassemble's own ``mail:`` section of its ``config.yml`` (``server``, ``port``,
``username``, ``password``, ``use ssl``, ``use tls``, ``default sender``; a list of such
sections: the one named ``default``, else the first). The interview passes that section as a
dict (docassemble's ``get_config('mail')``), the ``pamats workspace remind`` cron job reads it
from the same file, so the web request and the daily job send through one implementation and
the core never imports docassemble. Mail counts as configured only when a ``server`` is named;
without one nothing is queued or sent. (docassemble's API mail methods, e.g. Mailgun or
SendGrid, are not used for workspace mail: name an SMTP server for it.)
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from ...errors import InputError

__all__ = ["MailSettings", "mail_settings", "send_mail"]


@dataclass(frozen=True)
class MailSettings:
    server: str
    port: int
    sender: str
    username: str | None = None
    password: str | None = None
    use_ssl: bool = False
    use_tls: bool = False
    timeout: float = 20.0


def _pick(cfg):
    if isinstance(cfg, list):
        named = [c for c in cfg if isinstance(c, dict) and c.get("name") == "default"]
        plain = [c for c in cfg if isinstance(c, dict) and not c.get("name")]
        cfg = (named or plain or [c for c in cfg if isinstance(c, dict)] or [None])[0]
    return cfg if isinstance(cfg, dict) else None


def _flag(v) -> bool:
    return v is True or str(v).strip().lower() in ("true", "yes", "1")


def mail_settings(cfg) -> MailSettings | None:
    """The SMTP settings from docassemble's ``mail:`` configuration; None when no server is named."""
    cfg = _pick(cfg)
    if not cfg or not str(cfg.get("server") or "").strip():
        return None
    use_ssl, use_tls = _flag(cfg.get("use ssl")), _flag(cfg.get("use tls"))
    try:
        port = int(cfg.get("port") or (465 if use_ssl else 587 if use_tls else 25))
    except (TypeError, ValueError):
        raise InputError(
            f"mail: port {cfg.get('port')!r} is not a number", hint="docassemble config.yml, mail: port: 587"
        ) from None
    sender = str(cfg.get("default sender") or "").strip()
    if not sender:
        raise InputError(
            "mail: no 'default sender' is configured, so the workspace cannot send e-mail",
            hint="docassemble config.yml, mail: default sender: '\"pamats\" <no-reply@example.org>'",
        )
    return MailSettings(
        server=str(cfg["server"]).strip(),
        port=port,
        sender=sender,
        username=str(cfg["username"]) if cfg.get("username") else None,
        password=str(cfg["password"]) if cfg.get("password") else None,
        use_ssl=use_ssl,
        use_tls=use_tls,
    )


def _header(text: str) -> str:
    """A header value on one line (no CR/LF or other control characters)."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def send_mail(settings: MailSettings, to: str, subject: str, body: str) -> None:
    """Send one plain-text UTF-8 e-mail (raises OSError / smtplib.SMTPException on failure)."""
    m = EmailMessage()
    m["From"] = settings.sender
    m["To"] = _header(to)
    m["Subject"] = _header(subject)
    m["Date"] = formatdate(localtime=False)
    m["Message-ID"] = make_msgid(domain="pamats.workspace")
    m["Content-Language"] = "lv, en"
    m.set_content(body, charset="utf-8")
    cls = smtplib.SMTP_SSL if settings.use_ssl else smtplib.SMTP
    kw = {"context": ssl.create_default_context()} if settings.use_ssl else {}
    with cls(settings.server, settings.port, timeout=settings.timeout, **kw) as smtp:
        if settings.use_tls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.username:
            smtp.login(settings.username, settings.password or "")
        smtp.send_message(m)
