"""This file defines the renderers' access to the report wording and small helpers.

The wording itself is in the text catalogue (``src/pamats/text/catalogue/<lang>.yaml``:
``report.*`` and ``code.<ID>.title``), read through :mod:`pamats.text.messages`.
"""

from __future__ import annotations

from ...text.messages import catalogue, msg

__all__ = [
    "t",
    "tx",
    "code_title",
    "is_whatif",
    "source_rows",
    "comparison_rows",
    "flow_info",
    "graph_index",
    "headline",
    "restated_by",
    "anchor",
    "on_condition",
    "review_notes",
]


def t(key: str, lang: str) -> str:
    """The fixed report text ``report.<key>`` in ``lang`` (English for "en", else Latvian)."""
    return msg("report." + key, "en" if lang == "en" else "lv")


def tx(d: dict | None, lang: str) -> str:
    """Pick the language from a {"lv": …, "en": …} dict (the other language when it lacks ``lang``)."""
    if not d:
        return ""
    return (d.get("en") if lang == "en" and d.get("en") else d.get("lv")) or d.get("en") or ""


def code_title(code: str, lang: str) -> str:
    """The title of finding code ``code`` (the code itself for a code this version does not know)."""
    return catalogue("en" if lang == "en" else "lv").get(f"code.{code}.title", code)


def headline(summary: dict, lang: str) -> str:
    """ "Distinct problems: N; coverage findings that restate them: M" (the findings count for a report
    without the figures, e.g. JSON written by an older version); empty when there are no findings."""
    if not summary["findings"]:
        return ""
    distinct = summary.get("distinct", summary["findings"])
    return msg(
        "report.headline",
        "en" if lang == "en" else "lv",
        distinct=distinct,
        restating=summary.get("restating", summary["findings"] - distinct),
    )


def restated_by(report: dict) -> dict[str, list[str]]:
    """Finding key -> the keys of the coverage findings that restate it."""
    out: dict[str, list[str]] = {}
    for f in report["findings"]:
        if f.get("restates"):
            out.setdefault(f["restates"], []).append(f["key"])
    return out


def on_condition(report: dict, flow: dict, lang: str) -> str:
    """ "covered on condition: …" for a covered flow whose basis sets conditions (else "");
    says so when the flow does not declare one (no unconditional basis covers it)."""
    conds = flow.get("conditions") or []
    if not conds:
        return ""
    lg = "en" if lang == "en" else "lv"
    labels = report.get("conditions") or {}
    words = ", ".join(tx(labels.get(c), lang) or c for c in conds)
    out = msg("report.on_condition", lg, conditions=words)
    if flow.get("unmet"):
        out += f" ({msg('report.unmet', lg)})"
    return out


def anchor(key: str, prefix: str = "") -> str:
    """The HTML/Markdown anchor of a finding (keys are codes and ids: ``[A-Za-z0-9_.:-]``)."""
    return prefix + "finding-" + key.replace(":", "-")


def is_whatif(report: dict) -> bool:
    return report.get("schema") == "pamats.what-if/1"


def source_rows(report: dict, graph: dict | None, lang: str) -> list[dict]:
    """One row per cited instrument: ``title``, ``refs`` (with unverified ones marked), ``source``, ``verified``."""
    from .graph_data import cited_instruments

    by_id = {i["id"]: i for i in (graph or {}).get("instruments", [])}
    rows: dict[str, dict] = {}
    for ins, prov, ref in cited_instruments(report):
        meta = by_id.get(ins)
        row = rows.get(ins)
        if row is None:
            row = rows[ins] = {
                "instrument": ins,
                "refs": [],
                "title": tx(meta["title"], lang) if meta else ins,
                "short": (meta or {}).get("short"),
                "source": meta["source"] if meta else None,
                "verified": meta["verified"] if meta else None,
            }
        pmeta = (meta or {}).get("provisions", {}).get(prov or "")
        label = ref
        if pmeta is not None:
            label = pmeta["ref"]
            if pmeta.get("verified") is False:
                label += f" ({t('unverified', lang)})"
        if label not in row["refs"]:
            row["refs"].append(label)
    return sorted(rows.values(), key=lambda r: r["instrument"])


def unverified_rows(report: dict, graph: dict | None, lang: str) -> list[dict]:
    """The cited instruments that rest on text not read at its source: the instrument itself
    unverified, or any of its cited provisions (``refs`` keeps only those, when the instrument
    itself is verified). The "what we could not verify" section of every report format."""
    mark = f"({t('unverified', lang)})"
    out = []
    for r in source_rows(report, graph, lang):
        if r["verified"] is False:
            out.append(r)
        elif any(ref.endswith(mark) for ref in r["refs"]):
            out.append(dict(r, refs=[ref for ref in r["refs"] if ref.endswith(mark)]))
    return out


def comparison_rows(whatif: dict) -> list[tuple[str, str, bool, bool]]:
    """(finding key, status, in before, in after) for every finding of a what-if, closed first."""
    rows = [(k, "closed", True, False) for k in whatif["closed"]]
    rows += [(k, "remaining", True, True) for k in whatif["remaining"]]
    rows += [(k, "opened", False, True) for k in whatif["opened"]]
    return rows


_LAST_INDEX: list = [None]  # [(graph's flows list, its actors list, (flows by id, actors by id))]


def graph_index(graph: dict) -> tuple[dict[str, dict], dict[str, dict]]:
    """(flows by id, actors by id) of a :func:`graph_data` dict (the first of each id), built
    once per graph: a report of 100,000 flows looks them up per finding. Only the last graph's
    index is kept, checked by identity of its lists (one tuple, read and replaced whole, so
    threads rendering different graphs never mix them up)."""
    flows, actors = graph.get("flows", []), graph.get("actors", [])
    last = _LAST_INDEX[0]
    if last is None or last[0] is not flows or last[1] is not actors:
        by_flow: dict[str, dict] = {}
        by_actor: dict[str, dict] = {}
        for f in flows:
            by_flow.setdefault(f["id"], f)
        for a in actors:
            by_actor.setdefault(a["id"], a)
        last = (flows, actors, (by_flow, by_actor))
        _LAST_INDEX[0] = last
    return last[2]


def flow_info(graph: dict | None, flow_id: str | None) -> dict | None:
    """The graph's record of a flow (description, source), if a graph was given."""
    if not graph or not flow_id:
        return None
    return graph_index(graph)[0].get(flow_id)


def review_notes(whatif: dict, lang: str) -> list[str]:
    """What a what-if says it cannot model (``review``: words replaced in a provision without
    its new meaning, provisions not tied to a point number), in ``lang``; empty for none."""
    return [tx(n["message"], lang) for n in whatif.get("review") or []]
