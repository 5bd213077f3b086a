"""This file defines the workspace's server settings, the "waiting for you" list and e-mail after actions.

``configure`` takes what the interview reads from docassemble's configuration on every
request (``get_config('pamats')``, ``get_config('mail')``, ``get_config('url root')``): the
registry URL, the trust roots and checkpoint key used to verify signatures, and the SMTP
settings. After an action is done, :func:`mail_after` queues and sends the e-mails it causes
(:mod:`pamats.registry.workspace.outbox`); a mail server that fails never breaks the page (the
error stays on the outbox row and the e-mail is retried). Without a mail ``server`` nothing is
queued or sent.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from ..errors import PamatsError
from ..registry.workspace import Principal, Workspace
from ..registry.workspace.mailer import MailSettings, mail_settings
from ..registry.workspace.outbox import notify
from .workspace_texts import tr

__all__ = ["configure", "settings", "names", "waiting_html", "mail_after"]

_CONF: dict = {"pamats": {}, "mail": None, "url_root": None, "signup": False, "names": None}


def configure(pamats_config=None, mail_config=None, url_root=None, allow_registration=None, names=None) -> None:
    """The server's configuration for this process (the same on every request);
    ``allow_registration``: docassemble's ``allow registration`` (invitations link to sign-up);
    ``names``: account ids -> people's names (:mod:`pamats.registry.workspace.people`)."""
    _CONF["names"] = names
    _CONF["pamats"] = dict(pamats_config) if isinstance(pamats_config, dict) else {}
    _CONF["mail"] = mail_config
    _CONF["url_root"] = str(url_root).rstrip("/") if url_root else None
    _CONF["signup"] = allow_registration is True or str(allow_registration).strip().lower() in ("true", "yes")


def settings() -> dict:
    """registry URL, trust roots, checkpoint key, landscape from ``pamats:`` in config.yml."""
    c = _CONF["pamats"]
    return {
        "registry": c.get("registry"),
        "trust_roots": c.get("trust roots"),
        "checkpoint_key": c.get("checkpoint key"),
        "landscape": c.get("landscape"),
    }


def names():
    """The configured function naming people (None: e-mails stand in)."""
    return _CONF["names"]


def _mail() -> MailSettings | None:
    try:
        return mail_settings(_CONF["mail"])
    except PamatsError:
        return None  # a half-configured mail section: no workspace mail (docassemble reports its own)


def mail_after(ws: Workspace) -> dict:
    """Queue and send the e-mails of what was just done; never raises."""
    try:
        return notify(ws.reg, _mail(), link_base=_CONF["url_root"], signup=_CONF["signup"])
    except Exception as e:  # noqa: BLE001 - mail must never break the page the person acted on
        return {"configured": True, "error": f"{type(e).__name__}: {str(e)[:200]}"}


def _esc(value) -> str:
    from .workspace import esc

    return esc(value)


def waiting_html(ws: Workspace, p: Principal, link: Callable[..., str], lang: str = "lv") -> str:
    """The dashboard's "waiting for you" list: each item links to the agreement's room."""
    items = ws.waiting(p)
    out = [f"<h3>{tr(lang, 'waiting_title')}</h3>"]
    if not items:
        return out[0] + f"<p>{tr(lang, 'waiting_none')}</p>"
    rows = []
    for w in items:
        if w.kind == "due":
            what = tr(lang, "due_" + w.what) + (f": {_esc(w.text)}" if w.text else "")
            label = tr(lang, "w_due", date=w.date.isoformat(), what=what)
            if w.overdue:
                label += f' <strong class="text-danger">{tr(lang, "w_overdue")}</strong>'
        else:
            label = tr(
                lang,
                "w_" + w.kind,
                ref=w.ref,
                org=_esc(w.organisation or ""),
                point=_esc((w.point or "").rstrip(".")),
            )
        href = html.escape(link("ws_open", slug=w.slug))
        rows.append(f'<li><a href="{href}">{_esc(w.title)}</a> ({_esc(w.slug)}): {label}</li>')
    return out[0] + '<ul class="pamats-waiting">' + "".join(rows) + "</ul>"
