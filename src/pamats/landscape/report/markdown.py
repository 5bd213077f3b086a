"""This file defines the Markdown rendering of a gap report (for reviews, tickets, CI)."""

from __future__ import annotations

from .texts import (
    anchor,
    code_title,
    comparison_rows,
    flow_info,
    headline,
    is_whatif,
    on_condition,
    restated_by,
    review_notes,
    source_rows,
    t,
    tx,
    unverified_rows,
)

__all__ = ["to_markdown"]


def _esc(s: str) -> str:
    """Escape Markdown table and HTML-significant characters in data."""
    return (
        str(s)
        .replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\n", " ")
    )


def _finding(
    f: dict, lang: str, graph: dict | None, by: dict[str, list[str]] | None = None, prefix: str = ""
) -> list[str]:
    head = f["flow"] or f.get("actor")
    out = [
        f'<a id="{anchor(f["key"], prefix)}"></a>',
        "",
        f"### {f['code']}: {_esc(head)}",
        "",
        f"**{code_title(f['code'], lang)}.** {_esc(tx(f['message'], lang))}",
        "",
    ]
    if f.get("restates"):
        before, _, after = t("restates", lang).partition("{key}")
        link = f"[`{_esc(f['restates'])}`](#{anchor(f['restates'], prefix)})"
        out += [f"*{_esc(before)}{link}{_esc(after)}*", ""]
    if by and by.get(f["key"]):
        links = ", ".join(f"[`{_esc(k)}`](#{anchor(k, prefix)})" for k in by[f["key"]])
        out += [f"*{t('restated_by', lang)}:* {links}", ""]
    info = flow_info(graph, f["flow"])
    if info and info.get("description"):
        out += [f"> {_esc(tx(info['description'], lang))}", ""]
    if info and info.get("source"):
        out += [f"*{t('flow_source', lang)}:* {_esc(info['source'])}", ""]
    if f["flow"]:
        out += [
            f"- {t('flow', lang)}: `{_esc(f['sender'])}` → `{_esc(f['recipient'])}` ({f['regime'].upper()})",
            f"- {t('data', lang)}: {', '.join(_esc(c) for c in f['categories'])}",
            f"- {t('purpose', lang)}: {_esc(f['purpose'])}",
            f"- {t('subjects', lang)}: {', '.join(_esc(s) for s in f['subjects'])}",
            "",
        ]
    if f["flow"]:
        out.append(f"**{t('candidates', lang)}:**")
        out.append("")
        if not f["candidates"]:
            out.append(f"- {t('no_candidates', lang)}")
        for c in f["candidates"]:
            why = "; ".join(f"{x['code']}: {_esc(tx(x['detail'], lang))}" for x in c["failures"])
            out.append(f"- {_esc(c['ref'])} (`{_esc(c['instrument'])}#{_esc(c['provision'])}`): {why}")
        out.append("")
    rem = f.get("remedy")
    if rem:
        out.append(f"**{t('remedy', lang)}:** {_esc(tx(rem['text'], lang))}")
        if rem.get("interview"):
            out.append(f"({t('interview', lang)}: `{rem['interview']}`)")
        out.append("")
    return out


def _unverified(report: dict, graph: dict | None, lang: str, level: str) -> list[str]:
    rows = unverified_rows(report, graph, lang)
    if not rows:
        return []
    out = [f"{level} {t('unverified_title', lang)}", "", t("unverified_note", lang), ""]
    out += [f"- **{_esc(r['title'])}**: {_esc('; '.join(r['refs']))}" for r in rows]
    return out + [""]


def _sources(report: dict, graph: dict | None, lang: str, level: str) -> list[str]:
    rows = source_rows(report, graph, lang)
    if not rows:
        return []
    if graph:
        return _unverified(report, graph, lang, level) + _sources_list(rows, graph, lang, level)
    return _sources_list(rows, graph, lang, level)


def _sources_list(rows: list[dict], graph: dict | None, lang: str, level: str) -> list[str]:
    out = [f"{level} {t('sources', lang)}", "", t("sources_note", lang) if graph else t("sources_nograph", lang), ""]
    for r in rows:
        mark = (
            ""
            if r["verified"] is None
            else (f" ({t('verified', lang)})" if r["verified"] else f" (**{t('unverified', lang)}**)")
        )
        src = f" — {_esc(r['source'])}" if r["source"] else ""
        out.append(f"- **{_esc(r['title'])}**{mark}: {_esc('; '.join(r['refs']))}{src}")
    return out + [""]


def _report(rep: dict, lang: str, level: str = "#", graph: dict | None = None, prefix: str = "") -> list[str]:
    s = rep["summary"]
    out = [
        f"{level} {t('title', lang)}: {_esc(tx(rep['landscape']['title'], lang))}",
        "",
        f"- {t('landscape', lang)}: `{_esc(rep['landscape']['id'])}`",
        f"- {t('as_of', lang)}: {rep['as_of']}",
    ]
    if rep.get("drafts"):
        out.append(f"- {t('drafts', lang)}: " + ", ".join(f"`{_esc(d)}`" for d in rep["drafts"]))
    out += [
        "",
        f"{level}# {t('summary', lang)}",
        "",
        f"| {t('flows', lang)} | {t('covered', lang)} | {t('findings', lang)} |",
        "|---:|---:|---:|",
        f"| {s['flows']} | {s['covered']} | {s['findings']} |",
        "",
        *((f"**{h}**", "") if (h := headline(s, lang)) else ()),
    ]
    if s["by_code"]:
        out += [f"| {t('code', lang)} | | |", "|---|---|---:|"]
        out += [f"| `{k}` | {code_title(k, lang)} | {v} |" for k, v in s["by_code"].items()]
        out.append("")
    out += [f"{level}# {t('flows', lang)}", "", f"| {t('flow', lang)} | | {t('basis', lang)} |", "|---|---|---|"]
    for fl in rep["flows"]:
        basis = _esc(fl["basis"]["ref"]) if fl.get("basis") else f"**{fl.get('code')}**"
        if cond := on_condition(rep, fl, lang):
            basis += f" — *{_esc(cond)}*"
        out.append(f"| `{_esc(fl['id'])}` | {_esc(fl['sender'])} → {_esc(fl['recipient'])} | {basis} |")
    out += ["", f"{level}# {t('findings', lang)}", ""]
    if not rep["findings"]:
        out += [t("no_findings", lang), ""]
    by = restated_by(rep)
    for f in rep["findings"]:
        out += _finding(f, lang, graph, by, prefix)
    return out


def to_markdown(report: dict, lang: str = "lv", graph: dict | None = None) -> str:
    if is_whatif(report):
        out = [
            f"# {t('whatif_title', lang)}",
            "",
            f"- {t('as_of', lang)}: {report['as_of']}",
            f"- {t('drafts', lang)}: " + (", ".join(f"`{_esc(d)}`" for d in report["drafts"]) or t("none", lang)),
            "",
        ]
        for key in ("closed", "remaining", "opened"):
            out.append(
                f"**{t(key, lang)} ({len(report[key])}):** "
                + (", ".join(f"`{_esc(k)}`" for k in report[key]) or t("none", lang))
            )
            out.append("")
        if notes := review_notes(report, lang):
            out += [f"**{t('review', lang)} ({len(notes)}):**", ""] + [f"- {_esc(n)}" for n in notes] + [""]
        b, a = report["before"]["summary"], report["after"]["summary"]
        out += [
            f"## {t('comparison', lang)}",
            "",
            f"| | {t('before', lang)} | {t('after', lang)} |",
            "|---|---:|---:|",
            f"| {t('flows', lang)} | {b['flows']} | {a['flows']} |",
            f"| {t('covered', lang)} | {b['covered']} | {a['covered']} |",
            f"| {t('findings', lang)} | {b['findings']} | {a['findings']} |",
            "",
            f"| {t('key', lang)} | {t('before', lang)} | {t('after', lang)} | {t('status', lang)} |",
            "|---|:-:|:-:|---|",
        ]
        for key, st, before, after in comparison_rows(report):
            out.append(f"| `{_esc(key)}` | {'✗' if before else ''} | {'✗' if after else ''} | {t('st_' + st, lang)} |")
        out.append("")
        out += _report(report["before"], lang, "##", graph, "before-")
        out += _report(report["after"], lang, "##", graph, "after-")
        out += _sources(report, graph, lang, "##")
        return "\n".join(out).rstrip() + "\n"
    return "\n".join(_report(report, lang, "#", graph) + _sources(report, graph, lang, "##")).rstrip() + "\n"
