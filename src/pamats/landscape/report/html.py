"""This file defines the self-contained HTML gap report, with the landscape drawn by Graphviz.

Uncovered flows are red and dashed, covered flows green; actors are boxes clustered by
subordination. Every piece of data is escaped (``html.escape``; DOT labels quoted).
"""

from __future__ import annotations

import html
import shutil
import subprocess

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

__all__ = ["to_html", "to_dot", "to_svg"]

CSS = """body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:.3em .6em;vertical-align:top}
.code{font-family:monospace;font-weight:bold;color:#b00}.ok{color:#070}.finding{border-left:4px solid #b00;padding-left:1em;margin:1.5em 0}.finding.restates{border-left-color:#bbb}
.closed{color:#070}.remaining{color:#b00}.opened{color:#a60}.graph svg{max-width:100%;height:auto}
.side{display:grid;grid-template-columns:1fr 1fr;gap:1.5em}.side>div{min-width:0}
.desc{font-style:italic;color:#444}.unverified{color:#b00;font-weight:bold}.legend span{margin-right:1.5em}"""


def _e(s) -> str:
    return html.escape(str(s), quote=True)


def _dq(s: str) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, newlines as DOT line breaks."""
    return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(graph: dict, lang: str, id_prefix: str = "") -> str:
    """DOT source: actors as boxes clustered by subordination; uncovered flows red and dashed."""
    lines = [
        "digraph landscape {",
        "  rankdir=LR; node [shape=box, style=rounded, fontname=Helvetica];",
        "  edge [fontname=Helvetica, fontsize=10];",
    ]
    actors = {a["id"]: a for a in graph["actors"]}
    children: dict[str | None, list[str]] = {}
    for a in graph["actors"]:
        parent = a["subordinate_to"] if a["subordinate_to"] in actors else None
        children.setdefault(parent, []).append(a["id"])

    def label(a: dict) -> str:
        name = a.get("short") or tx(a["name"], lang)
        roles = ", ".join(a["roles"])
        return f"{name}\n({roles})" if roles else name

    def emit(aid: str, indent: str) -> None:
        a = actors[aid]
        kids = children.get(aid, [])
        if kids:
            lines.append(
                f"{indent}subgraph {_dq('cluster_' + aid)} {{ label={_dq(tx(a['name'], lang))}; style=dashed; color=grey;"
            )
            lines.append(f"{indent}  {_dq(aid)} [label={_dq(label(a))}];")
            for k in kids:
                emit(k, indent + "  ")
            lines.append(f"{indent}}}")
        else:
            lines.append(f"{indent}{_dq(aid)} [label={_dq(label(a))}];")

    for root in children.get(None, []):
        emit(root, "  ")
    for f in graph["flows"]:
        style = 'color="#1a7f1a"' if f["covered"] else 'color="#cc0000", style=dashed, penwidth=2, fontcolor="#cc0000"'
        lines.append(
            f"  {_dq(f['sender'])} -> {_dq(f['recipient'])} [label={_dq(f['purpose'])}, {style}, id={_dq(id_prefix + 'flow_' + f['id'].replace('-', '_').replace('.', '_'))}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_svg(dot: str) -> str | None:
    exe = shutil.which("dot")
    if not exe:
        return None
    proc = subprocess.run([exe, "-Tsvg"], input=dot.encode("utf-8"), capture_output=True, timeout=60)
    if proc.returncode != 0:
        return None
    svg = proc.stdout.decode("utf-8")
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else None


def _finding(f: dict, lang: str, graph: dict | None, by: dict[str, list[str]] | None = None, prefix: str = "") -> str:
    head = f["flow"] or f.get("actor")
    cls = "finding restates" if f.get("restates") else "finding"
    parts = [
        f'<div class="{cls}" id="{_e(anchor(f["key"], prefix))}"><h3><span class="code">{_e(f["code"])}</span> '
        f"{_e(code_title(f['code'], lang))}: {_e(head)}</h3><p>{_e(tx(f['message'], lang))}</p>"
    ]
    if f.get("restates"):
        link = f'<a href="#{_e(anchor(f["restates"], prefix))}">{_e(f["restates"])}</a>'
        before, _, after = t("restates", lang).partition("{key}")
        parts.append(f"<p>{_e(before)}{link}{_e(after)}</p>")
    if by and by.get(f["key"]):
        links = ", ".join(f'<a href="#{_e(anchor(k, prefix))}">{_e(k)}</a>' for k in by[f["key"]])
        parts.append(f"<p><small>{_e(t('restated_by', lang))}: {links}</small></p>")
    info = flow_info(graph, f["flow"])
    if info and info.get("description"):
        parts.append(f'<p class="desc">{_e(tx(info["description"], lang))}</p>')
    if info and info.get("source"):
        parts.append(f"<p><small>{_e(t('flow_source', lang))}: {_e(info['source'])}</small></p>")
    if f["flow"]:
        parts.append(
            f"<p>{_e(t('flow', lang))}: {_e(f['sender'])} → {_e(f['recipient'])} ({_e(f['regime'].upper())}); "
            f"{_e(t('data', lang))}: {_e(', '.join(f['categories']))}; {_e(t('purpose', lang))}: {_e(f['purpose'])}</p>"
        )
        parts.append(f"<p><b>{_e(t('candidates', lang))}:</b></p><ul>")
        if not f["candidates"]:
            parts.append(f"<li>{_e(t('no_candidates', lang))}</li>")
        for c in f["candidates"]:
            why = "; ".join(f"{x['code']}: {tx(x['detail'], lang)}" for x in c["failures"])
            parts.append(f"<li><b>{_e(c['ref'])}</b>: {_e(why)}</li>")
        parts.append("</ul>")
    rem = f.get("remedy")
    if rem:
        parts.append(f"<p><b>{_e(t('remedy', lang))}:</b> {_e(tx(rem['text'], lang))}</p>")
    parts.append("</div>")
    return "".join(parts)


def _with_verdicts(graph: dict, rep: dict) -> dict:
    """A copy of ``graph`` whose flows carry the verdicts of ``rep`` (before or after a what-if)."""
    covered = {f["id"]: bool(f.get("covered")) for f in rep.get("flows", [])}
    flows = [dict(f, covered=covered.get(f["id"], f["covered"])) for f in graph["flows"]]
    return dict(graph, flows=flows)


def _picture(graph: dict | None, rep: dict, lang: str, id_prefix: str = "") -> str:
    if graph is None:
        return ""
    svg = to_svg(to_dot(_with_verdicts(graph, rep), lang, id_prefix))
    legend = (
        f'<p class="legend"><span style="color:#1a7f1a">━ {_e(t("covered", lang))}</span>'
        f'<span style="color:#cc0000">╌ {_e(t("findings", lang))}</span></p>'
    )
    return f'<div class="graph">{svg}</div>{legend}' if svg else f"<p>{_e(t('no_dot', lang))}</p>"


def _unverified(report: dict, graph: dict | None, lang: str) -> str:
    rows = unverified_rows(report, graph, lang) if graph else []
    if not rows:
        return ""
    items = "".join(f"<li><b>{_e(r['title'])}</b>: {_e('; '.join(r['refs']))}</li>" for r in rows)
    return f"<h2>{_e(t('unverified_title', lang))}</h2><p>{_e(t('unverified_note', lang))}</p><ul>{items}</ul>"


def _sources(report: dict, graph: dict | None, lang: str) -> str:
    rows = source_rows(report, graph, lang)
    if not rows:
        return ""
    out = [
        _unverified(report, graph, lang),
        f"<h2>{_e(t('sources', lang))}</h2><p>{_e(t('sources_note', lang) if graph else t('sources_nograph', lang))}</p><ol>",
    ]
    for r in rows:
        mark = (
            ""
            if r["verified"] is None
            else f" ({_e(t('verified', lang))})"
            if r["verified"]
            else f' <span class="unverified">({_e(t("unverified", lang))})</span>'
        )
        src = r["source"] or ""
        link = (
            f' <a href="{_e(src)}">{_e(src)}</a>'
            if src.startswith(("http://", "https://")) and " " not in src
            else (f" {_e(src)}" if src else "")
        )
        out.append(f"<li><b>{_e(r['title'])}</b>{mark}: {_e('; '.join(r['refs']))}.{link}</li>")
    out.append("</ol>")
    return "".join(out)


def _report(rep: dict, lang: str, heading: str, graph: dict | None = None, prefix: str = "") -> str:
    s = rep["summary"]
    out = [
        f"<h2>{_e(heading)}</h2>",
        f"<p>{_e(t('landscape', lang))}: {_e(tx(rep['landscape']['title'], lang))} "
        f"(<code>{_e(rep['landscape']['id'])}</code>); {_e(t('as_of', lang))}: {_e(rep['as_of'])}</p>",
        f"<table><tr><th>{_e(t('flows', lang))}</th><th>{_e(t('covered', lang))}</th><th>{_e(t('findings', lang))}</th></tr>"
        f"<tr><td>{s['flows']}</td><td>{s['covered']}</td><td>{s['findings']}</td></tr></table>",
        f'<p class="headline"><b>{_e(headline(s, lang))}</b></p>' if s["findings"] else "",
        f"<table><tr><th>{_e(t('flow', lang))}</th><th>→</th><th>{_e(t('basis', lang))}</th></tr>",
    ]
    for fl in rep["flows"]:
        basis = (
            f'<span class="ok">{_e(fl["basis"]["ref"])}</span>'
            if fl.get("basis")
            else f'<span class="code">{_e(fl.get("code"))}</span>'
        )
        if cond := on_condition(rep, fl, lang):
            basis += f' <span class="condition">— {_e(cond)}</span>'
        out.append(
            f"<tr><td><code>{_e(fl['id'])}</code></td><td>{_e(fl['sender'])} → {_e(fl['recipient'])}</td><td>{basis}</td></tr>"
        )
    out.append("</table>")
    out.append(f"<h3>{_e(t('findings', lang))}</h3>")
    if not rep["findings"]:
        out.append(f'<p class="ok">{_e(t("no_findings", lang))}</p>')
    by = restated_by(rep)
    out.extend(_finding(f, lang, graph, by, prefix) for f in rep["findings"])
    return "\n".join(out)


def to_html(report: dict, lang: str = "lv", graph: dict | None = None) -> str:
    wi = is_whatif(report)
    title = t("whatif_title" if wi else "title", lang)
    body = [f"<h1>{_e(title)}</h1>"]
    if wi:
        for key in ("closed", "remaining", "opened"):
            body.append(
                f'<p class="{key}"><b>{_e(t(key, lang))} ({len(report[key])}):</b> '
                f"{_e(', '.join(report[key]) or t('none', lang))}</p>"
            )
        if notes := review_notes(report, lang):
            items = "".join(f"<li>{_e(n)}</li>" for n in notes)
            body.append(f'<p class="opened"><b>{_e(t("review", lang))} ({len(notes)}):</b></p><ul>{items}</ul>')
        b, a = report["before"]["summary"], report["after"]["summary"]
        rows = "".join(
            f"<tr><td>{_e(t(k, lang))}</td><td>{b[k]}</td><td>{a[k]}</td></tr>"
            for k in ("flows", "covered", "findings")
        )
        body.append(
            f"<h2>{_e(t('comparison', lang))}</h2><table><tr><th></th><th>{_e(t('before', lang))}</th>"
            f"<th>{_e(t('after', lang))}</th></tr>{rows}</table>"
        )
        rows = "".join(
            f'<tr class="{st}"><td><code>{_e(k)}</code></td><td>{"✗" if bf else ""}</td><td>{"✗" if af else ""}</td>'
            f"<td>{_e(t('st_' + st, lang))}</td></tr>"
            for k, st, bf, af in comparison_rows(report)
        )
        body.append(
            f"<table><tr><th>{_e(t('key', lang))}</th><th>{_e(t('before', lang))}</th><th>{_e(t('after', lang))}</th>"
            f"<th>{_e(t('status', lang))}</th></tr>{rows}</table>"
        )
        if graph is not None:
            body.append(f"<h2>{_e(t('graph', lang))}</h2>")
        body.append('<div class="side">')
        for key, prefix in (("before", "before_"), ("after", "after_")):
            body.append(
                f"<div>{_picture(graph, report[key], lang, prefix)}{_report(report[key], lang, t(key, lang), graph, prefix)}</div>"
            )
        body.append("</div>")
    else:
        if graph is not None:
            body.append(f"<h2>{_e(t('graph', lang))}</h2>{_picture(graph, report, lang)}")
        body.append(_report(report, lang, tx(report["landscape"]["title"], lang), graph))
    body.append(_sources(report, graph, lang))
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(lang)}"><head><meta charset="utf-8"><title>{_e(title)}</title>'
        f"<style>{CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )
