"""This file defines the gap-report renderers: terminal table, Markdown, DOCX and HTML.

Every renderer reads only the stable JSON of a report (``GapReport.to_json()`` or
``WhatIf.to_json()``), plus, optionally, :func:`graph_data` of the loaded landscape (the
HTML picture, flow descriptions and the sources list with addresses and verified flags).
Files are written atomically (temporary file, then rename).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from .graph_data import graph_data

__all__ = ["render", "graph_data", "json_chunks", "FORMATS"]

FORMATS = ("table", "json", "md", "docx", "html")

_JSON = json.JSONEncoder(ensure_ascii=False, indent=2)  # the report's JSON text: Unicode as is, indented
_PIECES_PER_CHUNK = 65_536


def json_chunks(report: dict) -> Iterator[bytes]:
    """The text of ``render(report, "json")`` as UTF-8, in chunks of a few hundred kB.

    For writing a large report (100,000 flows: ~100 MB of JSON) without holding its text,
    and the millions of small strings it is joined from, in memory at once.
    """
    batch: list[str] = []
    for piece in _JSON.iterencode(report):
        batch.append(piece)
        if len(batch) >= _PIECES_PER_CHUNK:
            yield "".join(batch).encode("utf-8")
            batch.clear()
    batch.append("\n")
    yield "".join(batch).encode("utf-8")


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
        text = _JSON.encode(report) + "\n"
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
