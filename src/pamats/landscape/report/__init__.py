"""This file defines the gap-report renderers: terminal table, Markdown, DOCX and HTML.

Every renderer reads only the stable JSON of a report (``GapReport.to_json()`` or
``WhatIf.to_json()``), plus, optionally, :func:`graph_data` of the loaded landscape (the
HTML picture, flow descriptions and the sources list with addresses and verified flags).
Files are written atomically (temporary file, then rename).
"""

from __future__ import annotations

from pathlib import Path

from .graph_data import graph_data

__all__ = ["render", "graph_data", "FORMATS"]

FORMATS = ("table", "json", "md", "docx", "html")


def render(
    report: dict,
    fmt: str,
    lang: str = "lv",
    out: Path | None = None,
    whatif_json: dict | None = None,
    *,
    graph: dict | None = None,
    console=None,
) -> str | None:
    """Render ``report`` (a gap report or what-if JSON) as ``fmt``.

    ``whatif_json``: a what-if JSON (``pamats.what-if/1``) to render instead of ``report``
    (before/after side by side); ``report`` may then be its ``before`` report or None.
    ``table`` prints to ``console`` (rich) and returns None; ``md``/``html``/``json`` return the
    text (and write it to ``out`` atomically when given); ``docx`` needs ``out`` and returns None.
    """
    from ..._atomic import write_bytes_atomic, write_text_atomic

    if whatif_json is not None:
        report = whatif_json
    if lang not in ("lv", "en"):
        raise ValueError(f"unknown language {lang!r} (lv or en)")
    if fmt == "table":
        from .table import print_table

        print_table(report, lang, console)
        return None
    if fmt == "json":
        import json

        text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "md":
        from .markdown import to_markdown

        text = to_markdown(report, lang, graph)
    elif fmt == "html":
        from .html import to_html

        text = to_html(report, lang, graph)
    elif fmt == "docx":
        from .docx import to_docx_bytes

        if out is None:
            raise ValueError("docx output needs a file")
        write_bytes_atomic(Path(out), to_docx_bytes(report, lang, graph))
        return None
    else:
        raise ValueError(f"unknown format {fmt!r}")
    if out is not None:
        write_text_atomic(Path(out), text)
    return text
