"""Every scenario under tests/interviews/scenarios/ driven through the REST API of a real
docassemble server with the docassemble.pamats wheel installed: the end screen, the DOCX
(text via python-docx) and the PDF (a real PDF whose text holds the same expectations)."""

from __future__ import annotations

import io
from pathlib import Path

import harness
import pytest
from rest import drive_rest

REPO = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((REPO / "tests" / "interviews" / "scenarios").glob("*.yaml"))


def pdf_text(data: bytes) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data))


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario_through_the_api(client, path, artifacts):
    sc = harness.load_scenario(path)
    run = drive_rest(client, harness.interview_ref(sc["interview"]), sc["answers"])
    docx_numbers = run.attachment_numbers("docx")
    assert docx_numbers, f"end screen {run.end_text[:200]!r} offered no DOCX"
    out = artifacts / "e2e" / path.stem
    out.mkdir(parents=True, exist_ok=True)
    docx_texts = []
    for n in docx_numbers:
        r = client.file(run.session, n)
        assert r.content[:2] == b"PK", "DOCX is not a zip"
        (out / f"{n}.docx").write_bytes(r.content)
        docx_texts.append(harness.docx_text(out / f"{n}.docx"))
    if path.stem.split("--")[0] in ("regulation", "order", "agreement", "amendment"):
        titles = [_core_title_is_the_heading(out / f"{n}.docx", sc["answers"]["lang"]) for n in docx_numbers]
    failures = harness.check_expectations("\n".join(docx_texts), run.end_text, sc["expect"])
    assert not failures, f"{path.name} (DOCX):\n  " + "\n  ".join(failures)
    pdf_numbers = run.attachment_numbers("pdf")
    assert pdf_numbers, f"{path.name}: end screen offered no PDF"
    texts = []
    for n in pdf_numbers:
        r = client.file(run.session, n)
        assert r.content.startswith(b"%PDF"), f"file {n} is not a PDF: {r.content[:40]!r}"
        (out / f"{n}.pdf").write_bytes(r.content)
        texts.append(pdf_text(r.content))
    pdf_expect = {"docx_contains": sc["expect"]["docx_contains"]}
    # PDF text extraction breaks lines and may drop spacing: compare with whitespace removed
    squash = lambda s: "".join(s.split())  # noqa: E731
    missing = [s for s in pdf_expect["docx_contains"] if squash(s) not in squash("\n".join(texts))]
    assert not missing, f"{path.name}: PDF lacks {missing}"
    if path.stem.split("--")[0] in ("regulation", "order", "agreement", "amendment"):
        # the PDF's title is the document's own (LibreOffice takes it from the DOCX core title)
        assert [pdf_title(client.file(run.session, n).content) for n in pdf_numbers] == titles


def pdf_title(data: bytes) -> str:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.utils import decode_text

    info = PDFDocument(PDFParser(io.BytesIO(data))).info[0]
    value = info.get("Title", b"")
    value = value.resolve() if hasattr(value, "resolve") else value
    return decode_text(value) if isinstance(value, bytes) else str(value)


def _core_title_is_the_heading(path: Path, lang: str) -> str:
    """The server's DOCX carries the document's title (cut at a word at 255) and language."""
    import docx

    d = docx.Document(str(path))
    heading = " ".join(next(p.text for p in d.paragraphs if p.style.name == "Pamats Title").split())
    title = d.core_properties.title
    assert title == heading if len(heading) <= 255 else heading.startswith(title[:-1]), (path, title)
    assert d.core_properties.language == {"lv": "lv-LV", "en": "en-GB"}[lang]
    return title
