"""This file defines the terminal rendering of a gap report (rich): findings grouped by code.

Landscape text is printed literally: every data string goes through ``rich.markup.escape``
so a title like ``[bold]`` or ``[/]`` is never read as markup.
"""

from __future__ import annotations

from itertools import groupby

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ...text.messages import msg
from ..codes import code_info
from ..jurisdiction import rank_label
from .texts import code_title, headline, is_whatif, on_condition, review_notes, t, tx

__all__ = ["print_table"]


def _rank(rank_id: str, lang: str) -> str:
    return rank_label(rank_id, lang)


def _remedy(f: dict, lang: str = "en") -> str:
    rem = f.get("remedy") or {}
    what = _rank(rem["kind"], lang) if rem.get("kind") else ""
    if (rem.get("under") or {}).get("amend"):
        what = msg("report.amend_short", "en" if lang == "en" else "lv", act=rem["under"]["amend_ref"])
    if rem.get("under"):
        what += f" ← {rem['under']['ref']}"
    if rem.get("then"):
        what += " (+ " + ", ".join(_rank(k, lang) for k in rem["then"]) + ")"
    return escape(what)


def _findings_tables(rep: dict, lang: str, console: Console) -> None:
    findings = sorted(rep["findings"], key=lambda f: (f["code"], f["key"]))
    for code, group in groupby(findings, key=lambda f: f["code"]):
        group = list(group)
        info = code_info(code)
        colour = info.colour if info else "bold"
        tab = Table(
            title=f"[{colour}]{escape(code)}[/{colour}] — {escape(code_title(code, lang))} ({len(group)})",
            title_justify="left",
            expand=False,
        )
        tab.add_column(t("flow", lang) + " / " + t("actor", lang), overflow="fold")
        tab.add_column(t("remedy", lang), overflow="fold")
        for f in group:
            # the flow's id first: two flows between the same pair are told apart
            who = f"{f['flow']}\n{f['sender']} → {f['recipient']}" if f["flow"] else (f.get("actor") or "")
            if f.get("restates"):  # linked, not counted again in the headline
                who += "\n↳ " + msg("report.restates_short", "en" if lang == "en" else "lv", key=f["restates"])
            tab.add_row(escape(who), _remedy(f, lang))
        console.print(tab)


def _summary(rep: dict, lang: str) -> str:
    s = rep["summary"]
    return (
        f"{escape(tx(rep['landscape']['title'], lang))} — {t('as_of', lang)} {escape(rep['as_of'])}: "
        f"{s['flows']} {t('flows', lang).lower()}, [green]{s['covered']} {t('covered', lang)}[/green], "
        f"[red]{s['findings']} {t('findings', lang).lower()}[/red]"
    ) + (f"\n{escape(h)}" if (h := headline(s, lang)) else "")


def _conditional(rep: dict, lang: str, console: Console) -> None:
    """The covered flows whose basis sets a condition: "covered on condition: …"."""
    rows = [(fl, c) for fl in rep["flows"] if (c := on_condition(rep, fl, lang))]
    if rows:
        console.print(f"{t('conditional_flows', lang)}:")
        for fl, c in rows:
            console.print(f"  {escape(fl['id'])} ({escape(fl['basis']['ref'])}): {escape(c)}")


def print_table(report: dict, lang: str, console: Console | None = None) -> None:
    con = console or Console()
    if is_whatif(report):
        con.print(f"[bold]{t('whatif_title', lang)}[/bold]")
        con.print(f"{t('drafts', lang)}: {escape(', '.join(report['drafts'])) or t('none', lang)}")
        con.print(f"{t('before', lang)}: {_summary(report['before'], lang)}")
        con.print(f"{t('after', lang)}: {_summary(report['after'], lang)}")
        for key in ("closed", "remaining", "opened"):
            items = report[key]
            style = {"closed": "green", "remaining": "red", "opened": "yellow"}[key]
            con.print(
                f"[{style}]{t(key, lang)} ({len(items)})[/{style}]: " + (escape(", ".join(items)) or t("none", lang))
            )
        if notes := review_notes(report, lang):
            con.print(f"[yellow]{t('review', lang)} ({len(notes)})[/yellow]:")
            for n in notes:
                con.print(f"  - {escape(n)}")
        if report["after"]["findings"]:
            _findings_tables(report["after"], lang, con)
        return
    con.print(f"[bold]{t('title', lang)}[/bold]")
    con.print(_summary(report, lang))
    _conditional(report, lang, con)
    if not report["findings"]:
        con.print(f"[green]{t('no_findings', lang)}[/green]")
        return
    _findings_tables(report, lang, con)
