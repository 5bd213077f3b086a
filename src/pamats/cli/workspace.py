"""This file defines ``pamats workspace``: the negotiation workspace's jobs on the server.

``remind`` is the daily trigger for due-date e-mails (30, 7 and 0 days before an obligation,
notice, renewal or end date) and sends whatever else is still queued. It reads docassemble's
own ``config.yml`` (``--da-config`` or ``DA_CONFIG_FILE``): the registry from ``pamats:
registry:``, the SMTP server from ``mail:``, the links from ``url root``. Run it from cron on
one machine (running it on several is harmless: each e-mail is sent once), e.g.

    15 7 * * * DA_CONFIG_FILE=/usr/share/docassemble/config/config.yml pamats workspace remind

It acts as nobody (no ``--as``): it only reads the registry and writes the mail outbox.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import InputError
from .main import cli


@cli.group("workspace")
def workspace() -> None:
    """The negotiation workspace's server jobs (e-mail reminders)."""


def _config(path: str | None) -> dict:
    if not path:
        return {}
    from ..yamlio import load_yaml

    data, _pos = load_yaml(Path(path))
    if not isinstance(data, dict):
        raise InputError(f"{path}: not a docassemble configuration (a mapping of settings)")
    return data


@workspace.command("remind")
@click.option(
    "--da-config",
    envvar="DA_CONFIG_FILE",
    default=None,
    type=click.Path(dir_okay=False),
    help="docassemble's config.yml (pamats: registry:, mail:, url root); env DA_CONFIG_FILE",
)
@click.option(
    "--db", envvar="PAMATS_REGISTRY", default=None, help="registry URL (default: pamats: registry: of the config)"
)
def remind(da_config, db):
    """Queue the due-date reminders (30/7/0 days ahead) and send every queued workspace e-mail."""
    from ..registry import Registry
    from ..registry.workspace.mailer import mail_settings
    from ..registry.workspace.outbox import notify

    cfg = _config(da_config)
    url = db or (cfg.get("pamats") or {}).get("registry")
    if not url:
        raise InputError(
            "no registry: give --db URL or a docassemble config.yml with 'pamats: registry:'",
            hint="pamats workspace remind --da-config /usr/share/docassemble/config/config.yml",
        )
    settings = mail_settings(cfg.get("mail"))
    if settings is None:
        raise InputError(
            f"{da_config or 'no --da-config'}: no mail server is configured (mail: server:), so no reminder can be sent",
            hint="set mail: server:, port:, default sender: in docassemble's config.yml",
        )
    reg = Registry(url, files_in_db=str(url).startswith("postgresql"))
    try:
        signup = str(cfg.get("allow registration")).strip().lower() in ("true", "yes")
        out = notify(reg, settings, link_base=cfg.get("url root"), due=True, signup=signup)
    finally:
        reg.close()
    click.echo(f"workspace mail: queued {out['queued']}, sent {out['sent']}, failed {out['failed']}")
    if out["failed"]:
        click.echo("  (failed e-mails stay queued with their error and are retried on the next run)")
