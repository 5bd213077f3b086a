"""This file defines the gap-report renderers: terminal table, Markdown, DOCX and HTML.

Every renderer reads only the stable JSON of a report (``GapReport.to_json()`` or
``WhatIf.to_json()``), plus, for the HTML picture, :func:`graph_data` of the landscape.
"""

from __future__ import annotations

from pathlib import Path

from .graph_data import graph_data

__all__ = ["render", "graph_data", "FORMATS"]

FORMATS = ("table", "json", "md", "docx", "html")


def render(report: dict, fmt: str, lang: str = "lv", out: Path | None = None, *, graph: dict | None = None,
           console=None) -> str | None:
    """Render ``report`` (a gap report or what-if JSON) as ``fmt``.

    ``table`` prints to ``console`` (rich) and returns None; ``md``/``html``/``json`` return the
    text (and write it to ``out`` atomically when given); ``docx`` needs ``out``.
    """
    from ..._atomic import write_bytes_atomic, write_text_atomic

    if fmt == "table":
        from .table import print_table
        print_table(report, lang, console)
        return None
    if fmt == "json":
        import json
        text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "md":
        from .markdown import to_markdown
        text = to_markdown(report, lang)
    elif fmt == "html":
        from .html import to_html
        text = to_html(report, lang, graph)
    elif fmt == "docx":
        from .docx import to_docx_bytes
        if out is None:
            raise ValueError("docx output needs a file")
        write_bytes_atomic(Path(out), to_docx_bytes(report, lang))
        return None
    else:
        raise ValueError(f"unknown format {fmt!r}")
    if out is not None:
        write_text_atomic(Path(out), text)
    return text
