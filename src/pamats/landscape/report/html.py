"""This file defines the self-contained HTML gap report, with the landscape drawn by Graphviz.

Uncovered flows are red and dashed, covered flows green; actors are boxes clustered by
subordination. Every piece of data is escaped (``html.escape``; DOT labels quoted).
"""

from __future__ import annotations

import html
import shutil
import subprocess

from .texts import code_title, is_whatif, t, tx

__all__ = ["to_html", "to_dot", "to_svg"]

CSS = """body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:.3em .6em;vertical-align:top}
.code{font-family:monospace;font-weight:bold;color:#b00}.ok{color:#070}.finding{border-left:4px solid #b00;padding-left:1em;margin:1.5em 0}
.closed{color:#070}.remaining{color:#b00}.opened{color:#a60}.graph svg{max-width:100%;height:auto}"""


def _e(s) -> str:
    return html.escape(str(s), quote=True)


def _dq(s: str) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, newlines as DOT line breaks."""
    return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(graph: dict, lang: str) -> str:
    lines = ["digraph landscape {", "  rankdir=LR; node [shape=box, style=rounded, fontname=Helvetica];",
             "  edge [fontname=Helvetica, fontsize=10];"]
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
            lines.append(f"{indent}subgraph {_dq('cluster_' + aid)} {{ label={_dq(tx(a['name'], lang))}; style=dashed; color=grey;")
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
        lines.append(f"  {_dq(f['sender'])} -> {_dq(f['recipient'])} [label={_dq(f['purpose'])}, {style}, id={_dq('flow_' + f['id'].replace('-', '_').replace('.', '_'))}];")
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


def _finding(f: dict, lang: str) -> str:
    head = f["flow"] or f.get("actor")
    parts = [f'<div class="finding" id="{_e(f["key"])}"><h3><span class="code">{_e(f["code"])}</span> '
             f'{_e(code_title(f["code"], lang))}: {_e(head)}</h3><p>{_e(tx(f["message"], lang))}</p>']
    if f["flow"]:
        parts.append(f"<p>{_e(t('flow', lang))}: {_e(f['sender'])} → {_e(f['recipient'])} ({_e(f['regime'].upper())}); "
                     f"{_e(t('data', lang))}: {_e(', '.join(f['categories']))}; {_e(t('purpose', lang))}: {_e(f['purpose'])}</p>")
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


def _report(rep: dict, lang: str, heading: str) -> str:
    s = rep["summary"]
    out = [f"<h2>{_e(heading)}</h2>", f"<p>{_e(t('landscape', lang))}: {_e(tx(rep['landscape']['title'], lang))} "
           f"(<code>{_e(rep['landscape']['id'])}</code>); {_e(t('as_of', lang))}: {_e(rep['as_of'])}</p>",
           f"<table><tr><th>{_e(t('flows', lang))}</th><th>{_e(t('covered', lang))}</th><th>{_e(t('findings', lang))}</th></tr>"
           f"<tr><td>{s['flows']}</td><td>{s['covered']}</td><td>{s['findings']}</td></tr></table>",
           f"<table><tr><th>{_e(t('flow', lang))}</th><th>→</th><th>{_e(t('basis', lang))}</th></tr>"]
    for fl in rep["flows"]:
        basis = (f'<span class="ok">{_e(fl["basis"]["ref"])}</span>' if fl.get("basis")
                 else f'<span class="code">{_e(fl.get("code"))}</span>')
        out.append(f"<tr><td><code>{_e(fl['id'])}</code></td><td>{_e(fl['sender'])} → {_e(fl['recipient'])}</td><td>{basis}</td></tr>")
    out.append("</table>")
    out.append(f"<h3>{_e(t('findings', lang))}</h3>")
    if not rep["findings"]:
        out.append(f'<p class="ok">{_e(t("no_findings", lang))}</p>')
    out.extend(_finding(f, lang) for f in rep["findings"])
    return "\n".join(out)


def to_html(report: dict, lang: str = "lv", graph: dict | None = None) -> str:
    wi = is_whatif(report)
    title = t("whatif_title" if wi else "title", lang)
    body = [f"<h1>{_e(title)}</h1>"]
    if graph is not None:
        svg = to_svg(to_dot(graph, lang))
        body.append(f"<h2>{_e(t('graph', lang))}</h2>")
        body.append(f'<div class="graph">{svg}</div>' if svg else f"<p>{_e(t('no_dot', lang))}</p>")
    if wi:
        for key in ("closed", "remaining", "opened"):
            body.append(f'<p class="{key}"><b>{_e(t(key, lang))} ({len(report[key])}):</b> '
                        f"{_e(', '.join(report[key]) or t('none', lang))}</p>")
        body.append(_report(report["before"], lang, t("before", lang)))
        body.append(_report(report["after"], lang, t("after", lang)))
    else:
        body.append(_report(report, lang, tx(report["landscape"]["title"], lang)))
    return (f'<!DOCTYPE html>\n<html lang="{_e(lang)}"><head><meta charset="utf-8"><title>{_e(title)}</title>'
            f"<style>{CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")
