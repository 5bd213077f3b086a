"""This file generates templates/<lang>/amendment.docx (the amending regulation).

Run: ``.venv/bin/python templates/build_amendment_templates.py`` (the .docx files are committed).
The body is the shared layout of ``build_templates.build`` (marking, header, title, izdoti
block, notes, intro, numbered items with quoted new wording as indented paragraphs,
signatures, core title field and language); this adds the annexes of the amending act after
the signatures.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_templates import build  # noqa: E402


def main() -> None:
    for lang in ("lv", "en"):
        out = build("amendment", lang)
        doc = Document(str(out))
        for text, style in (
            ("{%p for a in annexes %}", "Normal"),
            ("{{ a.header }}", "Pamats Basis"),
            ("{{ a.title }}", "Pamats Title"),
            ("{%p for line in a.lines %}", "Normal"),
            ("{{ line }}", "Pamats Intro"),
            ("{%p endfor %}", "Normal"),
            ("{%p endfor %}", "Normal"),
        ):
            doc.add_paragraph(text, style=style)
        doc.save(str(out))
        print(out.relative_to(out.parents[2]))


if __name__ == "__main__":
    main()
