"""Redlines: structural diff by node id, Markdown/HTML, and a DOCX with Word tracked changes that
LibreOffice reads back as the same insertions and deletions."""

from __future__ import annotations

import subprocess
import zipfile

import pytest
from lxml import etree

from pamats.drafting.redline import compare, render_html, render_markdown, summary, words_diff
from pamats.drafting.redline_docx import redline_docx_bytes, write_redline_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def pair(make_instrument):
    old = make_instrument(
        ("p1", "Puses sadarbojas labā ticībā."),
        ("p2", "Robežsardze informē MARTA."),
        ("p3", "Dzēšamais punkts."),
        ("p4", "Pārvietojamais."),
    )
    new = make_instrument(
        ("p4", "Pārvietojamais."),
        ("p0", "Jauns punkts."),
        ("p1", "Puses sadarbojas labā ticībā."),
        ("p2", "Robežsardze nekavējoties informē MARTA."),
    )
    return old, new


def test_structure_is_known(pair):
    ch = compare(*pair)
    assert [(c.op, c.node_id) for c in ch] == [
        ("equal", "ch1"),
        ("moved_to", "p4"),
        ("inserted", "p0"),
        ("equal", "p1"),
        ("changed", "p2"),
        ("deleted", "p3"),
        ("moved_from", "p4"),
    ]
    assert summary(ch) == {"inserted": 1, "deleted": 1, "moved": 1, "changed": 1, "renumbered": 2}
    p2 = ch[4]
    assert (p2.old_number, p2.new_number, p2.renumbered) == ("2.", "4.", True)
    assert p2.words == [("equal", "Robežsardze"), ("insert", " nekavējoties"), ("equal", " informē MARTA.")]


def test_word_diff_keeps_text():
    w = words_diff("a b c", "a x c d")
    assert "".join(t for o, t in w if o != "insert") == "a b c"
    assert "".join(t for o, t in w if o != "delete") == "a x c d"


def test_markdown_and_html_escape_user_text(make_instrument):
    old = make_instrument(("p1", "<b>{{ x }}</b> & ${HOME}"))
    new = make_instrument(("p1", "<b>{{ y }}</b> & ${HOME}"))
    ch = compare(old, new)
    md = render_markdown(ch)
    assert "  - 1. \\<b\\>{{ [-x-]{+y+} }}\\</b\\> & ${HOME}  **CHANGED**" in md.splitlines()  # no raw HTML
    h = render_html(ch, title="<t>")
    assert "&lt;b&gt;" in h and "<b>{{" not in h and "&lt;t&gt;" in h
    assert "<del>" in h and "<ins>" in h


def _tracked(docx: bytes | str):
    data = zipfile.ZipFile(docx if isinstance(docx, str) else __import__("io").BytesIO(docx)).read("word/document.xml")
    x = etree.fromstring(data)
    ins = [e for e in x.iter(W + "ins") if e.getparent().tag != W + "rPr"]
    dels = [e for e in x.iter(W + "del") if e.getparent().tag != W + "rPr"]
    return (
        "".join("".join(e.itertext()) for e in ins),
        "".join("".join(t.text or "" for t in e.iter(W + "delText")) for e in dels),
        ins,
        dels,
    )


def test_docx_has_real_tracked_changes(pair):
    data = redline_docx_bytes(compare(*pair), title="Redline", author="Anna Bērziņa")
    ins_t, del_t, ins, dels = _tracked(data)
    assert (len(ins), len(dels)) == (7, 6)
    assert ins_t == "1. Pārvietojamais.2. Jauns punkts.3.4. nekavējoties"
    assert del_t == "1.2.3. Dzēšamais punkts.4. Pārvietojamais."
    for e in ins + dels:
        assert e.get(W + "author") == "Anna Bērziņa" and e.get(W + "date") and e.get(W + "id")


@pytest.mark.libreoffice
def test_libreoffice_reads_the_same_changes(pair, tmp_path):
    src = write_redline_docx(compare(*pair), tmp_path / "redline.docx", title="Redline", author="pamats")
    out = tmp_path / "out"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    ins_t, del_t, ins, dels = _tracked(str(out / "redline.docx"))
    assert ins_t == "1. Pārvietojamais.2. Jauns punkts.3.4. nekavējoties"
    assert del_t == "1.2.3. Dzēšamais punkts.4. Pārvietojamais."
    assert len(ins) >= 1 and len(dels) >= 1
