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
        (
            answers_to_landscape(load_answers(ROOT / "answers/nrm-regulation.yaml"), instrument_id="nrm-regulation"),
            "draft:reg",
        ),
        (
            answers_to_landscape(load_answers(ROOT / "answers/iem-order.yaml"), instrument_id="iem-order-nrm"),
            "draft:order",
        ),
        (
            answers_to_landscape(
                load_answers(ROOT / "agreements/marta-vrs/answers.yaml"), instrument_id="marta-vrs-agreement"
            ),
            "draft:agr",
        ),
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
    # the text names four first-contact institutions, two providers and the State Police: exactly those
    inform = next(p for p in reg["provisions"] if p["id"] == "inform")
    assert {a["sender"] for a in inform["authorises"]} == {"vrs", "pmlp", "soc-dienesti", "krizes-centri"}
    assert {a["recipient"] for a in inform["authorises"]} == {"marta", "drosa-maja", "vp"}
    assert len(inform["authorises"]) == 12
    ex = next(p for p in agr["provisions"] if p["id"] == "exchange")
    assert ex["authorises"][0]["sender"] == "vrs" and ex["authorises"][0]["recipient"] == "marta"


def test_drafts_close_the_findings_of_the_institutions_their_text_names():
    mine = what_if([ROOT / "graph/lv-nrm"], [], AS_OF, extra_drafts=_drafts())
    theirs = what_if([ROOT / "graph/lv-nrm"], sorted((ROOT / "graph/lv-nrm-drafts").glob("*.yaml")), AS_OF)
    # the drafted regulation names four first-contact institutions; the hand-written landscape draft says
    # "a first-contact institution" (every one), so it also closes the Ombudsman's and the police's gaps
    assert sorted(set(theirs.closed) - set(mine.closed)) == sorted(
        [
            "NO_BASIS:tiesibsargs-to-marta-possible-victim",
            "NRM_NO_PATH_TO_PROVIDER:tiesibsargs",
            "NRM_NO_PATH_TO_PROVIDER:vp",
        ]
    )
    assert set(mine.closed) < set(theirs.closed) and sorted(mine.remaining) == sorted(
        set(theirs.closed) - set(mine.closed)
    )
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


def test_a_role_the_regulation_names_no_institutions_for_is_refused(tmp_path):
    from pamats.drafting.answers import load_answers as load

    src = (ROOT / "answers/nrm-regulation.yaml").read_text(encoding="utf-8")
    p = tmp_path / "reg.yaml"
    p.write_text(
        src.replace(
            "  - sender: role:first_contact\n    recipient: role:service_provider",
            "  - sender: role:supervisor\n    recipient: role:service_provider",
            1,
        ),
        encoding="utf-8",
    )
    line = next(i for i, t in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if t == "exchanges:")
    with pytest.raises(InputError) as ei:
        load(p)
    assert str(ei.value.location).endswith(f"reg.yaml:{line}")
    assert "the sender 'role:supervisor' of exchanges[0] would authorise every actor with that role" in ei.value.message
