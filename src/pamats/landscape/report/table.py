"""This file defines the terminal rendering of a gap report (rich)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from .texts import code_title, is_whatif, t, tx

__all__ = ["print_table"]


def _findings_table(rep: dict, lang: str, title: str) -> Table:
    tab = Table(title=title, show_lines=False, expand=False)
    tab.add_column(t("code", lang), style="bold red", no_wrap=True)
    tab.add_column(t("flow", lang) + " / " + t("actor", lang), overflow="fold")
    tab.add_column(t("remedy", lang), overflow="fold")
    for f in rep["findings"]:
        who = f"{f['sender']} → {f['recipient']}" if f["flow"] else (f.get("actor") or "")
        rem = f.get("remedy") or {}
        what = rem.get("kind") or ""
        if rem.get("under"):
            what += f" ← {rem['under']['ref']}"
        if rem.get("then"):
            what += " (+ " + ", ".join(rem["then"]) + ")"
        tab.add_row(f["code"], who, what)
    return tab


def _summary(rep: dict, lang: str) -> str:
    s = rep["summary"]
    return (f"{tx(rep['landscape']['title'], lang)} — {t('as_of', lang)} {rep['as_of']}: "
            f"{s['flows']} {t('flows', lang).lower()}, {s['covered']} {t('covered', lang)}, "
            f"{s['findings']} {t('findings', lang).lower()}")


def print_table(report: dict, lang: str, console: Console | None = None) -> None:
    con = console or Console()
    if is_whatif(report):
        con.print(f"[bold]{t('whatif_title', lang)}[/bold]")
        con.print(f"{t('drafts', lang)}: {', '.join(report['drafts']) or t('none', lang)}")
        con.print(f"{t('before', lang)}: {_summary(report['before'], lang)}")
        con.print(f"{t('after', lang)}: {_summary(report['after'], lang)}")
        for key in ("closed", "remaining", "opened"):
            items = report[key]
            style = {"closed": "green", "remaining": "red", "opened": "yellow"}[key]
            con.print(f"[{style}]{t(key, lang)} ({len(items)})[/{style}]: " + (", ".join(items) or t("none", lang)))
        if report["after"]["findings"]:
            con.print(_findings_table(report["after"], lang, t("remaining", lang)))
        return
    con.print(f"[bold]{t('title', lang)}[/bold]")
    con.print(_summary(report, lang))
    if not report["findings"]:
        con.print(f"[green]{t('no_findings', lang)}[/green]")
        return
    by = ", ".join(f"{k} {v} ({code_title(k, lang)})" for k, v in report["summary"]["by_code"].items())
    con.print(by)
    con.print(_findings_table(report, lang, t("findings", lang)))
