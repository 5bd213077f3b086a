"""User text in the Markdown outputs (the amending regulation, the consolidated text, a
regulation's review copy) is shown literally: a value that starts a heading, a list item, a
table row, a quote, a rule or a link on a new line (or at the start of a line) changes no
structure, and ``javascript:`` links are neutralised. Checked with a CommonMark parser
(markdown-it-py): the hostile draft has the same block structure as a benign one."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from pamats.drafting.amendment.pipeline import prepare, render
from pamats.drafting.document import Instrument, Node, Signatory
from pamats.drafting.render.markdown import md_escape, render_markdown

HOSTILE = [
    "Teksts\n# Virsraksts",
    "Teksts\n- jauns punkts\n+ vēl viens\n1. numurēts\n2) otrs",
    "Teksts\n| a | b |\n|---|---|\n| c | d |",
    "Teksts\n===",
    "Teksts\n---",
    "Teksts\n> citāts\n~~~\nkods\n~~~",
    "Teksts\n\n    četras atstarpes\n___",
    "[klikšķis](javascript:alert(1)) un [a][b]\n[b]: JavaScript:alert(2)",
    "<script>alert(3)</script> <a href='javascript:x'>y</a>",
    "# Virsraksts rindas sākumā",
    "- punkts rindas sākumā",
]
MD = MarkdownIt("commonmark").enable("table")


def _blocks(md: str) -> list[str]:
    """The block structure: token types and levels, without inline content."""
    return [f"{t.type}:{t.level}" for t in MD.parse(md) if t.type != "inline"]


def _inline_types(md: str) -> set[str]:
    return {c.type for t in MD.parse(md) if t.type == "inline" for c in (t.children or [])}


def _amendment(answers_file, text: str):
    return prepare(
        answers_file(
            [
                {"restate": "4", "text": text},
                {"insert_after": "1", "points": [{"text": text, "units": [{"text": text}]}]},
                {"replace_in": "1", "words": "izmēģinājuma", "with": text},
            ]
        )
    )


@pytest.mark.parametrize("text", HOSTILE)
def test_amendment_and_consolidated_markdown_keep_their_structure(answers_file, text):
    benign = _amendment(answers_file, "Drošs teksts")
    hostile = _amendment(answers_file, text)
    for kind in ("amendment", "consolidated"):
        for lang in ("lv", "en"):
            safe_md = render(benign, kind, "md", lang).decode()
            bad_md = render(hostile, kind, "md", lang).decode()
            assert _blocks(bad_md) == _blocks(safe_md), (kind, lang, bad_md)
            assert not {"link_open", "html_inline", "image"} & _inline_types(bad_md), (kind, lang)
            assert "javascript:" not in bad_md.lower().replace("\\:", "")  # only the escaped form


@pytest.mark.parametrize("text", HOSTILE)
def test_every_field_of_a_draft_at_a_line_start_or_not(text):
    def instr(t: str) -> Instrument:
        return Instrument(
            kind="regulation",
            lang="lv",
            title=t,
            marking=t,
            header_lines=[t],
            basis_line=t,
            notes=[t],
            intro=[t],
            body=[Node(id="p1", kind="point", text=[t]), Node(id="p2", kind="para", text=[t])],
            signatories=[Signatory(position=t, name=t)],
            closing=[t],
        )

    safe, bad = render_markdown(instr("Drošs teksts")), render_markdown(instr(text))
    assert _blocks(bad) == _blocks(safe), bad
    assert not {"link_open", "html_inline", "image"} & _inline_types(bad)


def test_escaped_text_reads_as_written():
    """The escapes are Markdown's own: rendered, the text is the same characters."""
    for text in HOSTILE:
        html = MD.render(md_escape(text.replace("\n", " "), block=True))
        assert "<h1>" not in html and "<li>" not in html and "<a " not in html and "<script" not in html
    assert MD.render(md_escape("[x](javascript:alert(1))")).strip() == "<p>[x](javascript:alert(1))</p>"
