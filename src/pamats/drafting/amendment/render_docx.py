"""This file renders the amending regulation to DOCX with docxtpl (templates/<lang>/amendment.docx).

The context is the shared :func:`pamats.drafting.render.docx.docx_context` plus the annexes of
the amending act; ``autoescape=True`` keeps user text literal; the file is written atomically.
"""

from __future__ import annotations

import io
from pathlib import Path

from docxtpl import DocxTemplate

from ..._atomic import write_bytes_atomic
from ...errors import InputError
from ..document import Instrument
from ..render.common import xml_safe
from ..render.docx import docx_context, set_properties, template_path

__all__ = ["amendment_docx_context", "amendment_docx_bytes", "render_amendment_docx"]


def amendment_docx_context(instr: Instrument) -> dict:
    """The template context of ``templates/<lang>/amendment.docx``: the shared context plus the
    annexes of the amending act (also the interview's, so both paths fill the same fields)."""
    ctx = docx_context(instr)
    ctx["annexes"] = [
        {
            "header": xml_safe("".join(x for x in a.text if isinstance(x, str))),
            "title": xml_safe(a.title or ""),
            "lines": [xml_safe("".join(x for x in p.text if isinstance(x, str))) for p in a.children],
        }
        for a in instr.annexes
    ]
    return ctx


def amendment_docx_bytes(instr: Instrument) -> bytes:
    path = template_path(instr)
    if not path.exists():
        raise InputError(f"DOCX template missing: {path}", hint="run: python templates/build_amendment_templates.py")
    ctx = amendment_docx_context(instr)
    tpl = DocxTemplate(str(path))
    tpl.render(ctx, autoescape=True)
    set_properties(tpl.docx, instr)
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()


def render_amendment_docx(instr: Instrument, out: str | Path) -> Path:
    write_bytes_atomic(Path(out), amendment_docx_bytes(instr))
    return Path(out)
