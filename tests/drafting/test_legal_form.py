"""Legal form of every drafted DOCX (issue 13) and Latvian quotation marks (issue 16): proofing
language, page numbers, title metadata, „…” with nested „…”, and a woman's position ("ministre")."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from lxml import etree

from pamats.drafting.amendment.pipeline import prepare, render
from pamats.drafting.answers import parse_answers
from pamats.drafting.build import build_instrument
from pamats.drafting.render.akn import render_akn
from pamats.drafting.render.docx import render_docx_bytes
from pamats.drafting.render.markdown import render_markdown
from pamats.text.latvian import feminine_position
from pamats.text.quotes import lv_quotes

ROOT = Path(__file__).resolve().parents[2]
FILES = {
    "regulation": "answers/nrm-regulation.yaml",
    "order": "answers/iem-order.yaml",
    "annotation": "answers/nrm-annotation.yaml",
    "agreement": "agreements/marta-vrs/answers.yaml",
}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
AMEND = ROOT / "tests/drafting/amendment"


def raw(kind: str) -> dict:
    return yaml.safe_load((ROOT / FILES[kind]).read_text(encoding="utf-8"))


def all_docx() -> list[tuple[str, str, bytes, str]]:
    """(kind, lang, DOCX bytes, the document's own title) for every kind in both languages."""
    out = []
    for kind in FILES:
        for lang in ("lv", "en"):
            instr = build_instrument(parse_answers(raw(kind)), lang=lang)
            out.append((kind, lang, render_docx_bytes(instr), instr.title))
    p = prepare(ROOT / "answers/no344-amendment.yaml")
    for lang in ("lv", "en"):
        out.append(("amendment", lang, render(p, "amendment", "docx", lang), None))
    return out


@pytest.fixture(scope="module")
def drafted():
    return all_docx()


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


def test_proofing_language_in_styles(drafted):
    """Word spell-checks a Latvian draft as Latvian: docDefaults and Normal say lv-LV."""
    for kind, lang, data, _ in drafted:
        styles = part(data, "word/styles.xml")
        want = "lv-LV" if lang == "lv" else "en-GB"
        default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
        assert default.get(f"{W}val") == want, (kind, lang)
        normal = [s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "Normal"][0]
        assert normal.find(f"{W}rPr/{W}lang").get(f"{W}val") == want, (kind, lang)
        assert docx.Document(io.BytesIO(data)).core_properties.language == want


def test_page_number_field_in_footer(drafted):
    for kind, lang, data, _ in drafted:
        d = docx.Document(io.BytesIO(data))
        for section in d.sections:
            instr = "".join(t.text for t in section.footer._element.iter(f"{W}instrText"))
            assert instr.strip() == "PAGE", (kind, lang)
            begin = [f for f in section.footer._element.iter(f"{W}fldChar") if f.get(f"{W}fldCharType") == "begin"]
            assert len(begin) == 1


def test_title_metadata_is_the_documents_title(drafted):
    for kind, lang, data, title in drafted:
        d = docx.Document(io.BytesIO(data))
        shown = [p.text for p in d.paragraphs if p.style.name == "Pamats Title"][0]
        got = d.core_properties.title
        if len(shown) <= 255:
            assert got == shown, (kind, lang)
        else:  # the property holds 255 characters: cut at a word, marked "…"
            assert len(got) <= 255 and got.endswith("…") and shown.startswith(got[:-1] + " "), (kind, lang)
        if title is not None:
            assert shown == title


def test_long_title_cut_at_a_word():
    d = raw("order")
    d["title"] = {"lv": "Par " + "ļoti garu nosaukumu " * 20, "en": "On a title"}
    data = render_docx_bytes(build_instrument(parse_answers(d)))
    got = docx.Document(io.BytesIO(data)).core_properties.title
    title = d["title"]["lv"].strip()
    assert len(got) <= 255 and got.endswith("…") and title.startswith(got[:-1] + " ")


@pytest.mark.parametrize(
    ("typed", "want"),
    [
        ('Biedrība "Patvērums "Drošā māja""', "Biedrība „Patvērums „Drošā māja””"),
        ("Biedrība “Patvērums “Drošā māja”“", "Biedrība „Patvērums „Drošā māja””"),
        ("Biedrība „Patvērums „Drošā māja““", "Biedrība „Patvērums „Drošā māja””"),
        ('noteikumi Nr. 319 "Par (x)".', "noteikumi Nr. 319 „Par (x)”."),
        ('"Sākums" – "beigas"', "„Sākums” – „beigas”"),
        ("bez pēdiņām 'x'", "bez pēdiņām 'x'"),
    ],
)
def test_lv_quotes(typed, want):
    assert lv_quotes(typed) == want
    assert lv_quotes(want) == want  # applying it twice changes nothing


def test_nested_quotes_same_in_docx_markdown_akn():
    d = raw("agreement")
    d["parties"][1]["name"] = 'Biedrība "Patvērums "Drošā māja""'
    instr = build_instrument(parse_answers(d))
    want = "Biedrība „Patvērums „Drošā māja””"
    doc = docx.Document(io.BytesIO(render_docx_bytes(instr)))
    body = "\n".join(p.text for p in doc.paragraphs) + "".join(c.text for r in doc.tables[0].rows for c in r.cells)
    assert want in body
    assert '"' not in body and "“" not in body  # one style in the whole Latvian draft
    assert want in render_markdown(instr)
    assert want in "".join(etree.fromstring(render_akn(instr)).itertext())
    en = build_instrument(parse_answers(d), lang="en")  # English text is left as typed
    assert 'Biedrība "Patvērums "Drošā māja""' in "\n".join(en.intro)


def positions(instr) -> list[str]:
    return [s.position for s in instr.signatories]


def test_female_minister_regulation():
    d = raw("regulation")
    d["minister"]["feminine"] = True
    assert positions(build_instrument(parse_answers(d))) == ["Ministru prezidente", "Iekšlietu ministre"]
    assert positions(build_instrument(parse_answers(d), lang="en"))[1] == "Minister for the Interior"
    d["minister"]["feminine"] = False
    assert positions(build_instrument(parse_answers(d)))[1] == "Iekšlietu ministrs"


def test_female_minister_order():
    d = raw("order")
    d["signatory"]["feminine"] = True
    assert positions(build_instrument(parse_answers(d))) == ["Iekšlietu ministre"]
    assert positions(build_instrument(parse_answers(d), lang="en")) == ["Minister for the Interior"]


def test_female_signer_agreement():
    d = raw("agreement")
    d["parties"][0]["feminine"] = True
    instr = build_instrument(parse_answers(d))
    assert instr.parties[0].representative_position == "priekšniece"
    assert "priekšniece" in instr.signature_blocks[0]
    assert "priekšniece" in instr.intro[0]
    assert build_instrument(parse_answers(d), lang="en").parties[0].representative_position == "Chief"


def test_female_minister_amendment(tmp_path):
    answers = {
        "kind": "amendment",
        "act": str(AMEND / "small-act.yaml"),
        "empowering": [{"law": "Izmēģinājuma likums", "law_genitive": "Izmēģinājuma likuma", "section": "5"}],
        "prime_minister": {"position": "Ministru prezidents", "name": "A. Bērziņš"},
        "minister": {"position": "Labklājības ministrs", "name": "B. Kalniņa", "feminine": True},
        "changes": [{"restate": "4", "text": "Pakalpojuma ilgums ir līdz 90 dienām."}],
    }
    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    md = render(prepare(path), "amendment", "md").decode()
    assert "Labklājības ministre" in md and "Labklājības ministrs" not in md


@pytest.mark.parametrize(
    ("masc", "fem"),
    [
        ("Iekšlietu ministrs", "Iekšlietu ministre"),
        ("priekšnieks", "priekšniece"),
        ("Ministru prezidents", "Ministru prezidente"),
    ],
)
def test_feminine_position(masc, fem):
    assert feminine_position(masc, "lv") == fem
    assert feminine_position(fem, "lv") == fem
