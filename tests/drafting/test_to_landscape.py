"""Drafted instruments as landscape instruments: valid, and they close the seed's gaps like the hand-written drafts."""

import datetime as dt
from pathlib import Path

import pytest

from pamats.drafting.answers import load_answers
from pamats.drafting.build import build_instrument
from pamats.drafting.to_landscape import answers_to_landscape, instrument_to_landscape
from pamats.errors import ErrorList, InputError
from pamats.landscape.whatif import what_if

ROOT = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2026, 11, 28)


def _drafts():
    return [
        (answers_to_landscape(load_answers(ROOT / "answers/nrm-regulation.yaml"), instrument_id="nrm-regulation"), "draft:reg"),
        (answers_to_landscape(load_answers(ROOT / "answers/iem-order.yaml"), instrument_id="iem-order-nrm"), "draft:order"),
        (answers_to_landscape(load_answers(ROOT / "agreements/marta-vrs/answers.yaml"),
                              instrument_id="marta-vrs-agreement"), "draft:agr"),
    ]


def test_shapes():
    reg, order, agr = (d[0]["instruments"][0] for d in _drafts())
    assert reg["kind"] == "cabinet_regulation" and reg["issuer"] == "mk" and reg["status"] == "draft"
    assert reg["empowered_by"] == [{"instrument": "spspl", "provision": "s13-1-7"}]
    assert {p["id"] for p in reg["provisions"]} == {"inform", "implementing-acts"}
    assert reg["title"]["en"].startswith("Procedure for identifying")
    assert order["kind"] == "ministry_order" and order["issuer"] == "iem"
    assert {"instrument": "nrm-regulation", "provision": "implementing-acts"} in order["empowered_by"]
    assert agr["parties"] == ["vrs", "marta"] and agr["verified"] is False
    ex = next(p for p in agr["provisions"] if p["id"] == "exchange")
    assert ex["authorises"][0]["sender"] == "vrs" and ex["authorises"][0]["recipient"] == "marta"


def test_drafts_close_the_same_findings_as_the_handwritten_ones():
    mine = what_if([ROOT / "graph/lv-nrm"], [], AS_OF, extra_drafts=_drafts())
    theirs = what_if([ROOT / "graph/lv-nrm"], sorted((ROOT / "graph/lv-nrm-drafts").glob("*.yaml")), AS_OF)
    assert mine.closed and sorted(mine.closed) == sorted(theirs.closed)
    assert "NO_BASIS:vrs-to-marta-possible-victim" in mine.closed
    assert mine.opened == []


def test_agreement_without_its_regulation_is_a_dangling_reference():
    agr = _drafts()[2:]
    with pytest.raises((InputError, ErrorList)) as ei:  # empowered_by names the regulation, which is absent
        what_if([ROOT / "graph/lv-nrm"], [], AS_OF, extra_drafts=agr)
    assert "nrm-regulation" in str(ei.value)


def test_annotation_is_not_an_instrument():
    with pytest.raises(InputError):
        instrument_to_landscape(build_instrument(load_answers(ROOT / "answers/nrm-annotation.yaml")), instrument_id="x")
