"""Conditions on a basis (issue 15): a provision that allows a flow only with the person's consent
says so; the check reports which condition a covered flow relies on, prefers a basis without one
the flow does not declare, and never fails a flow for a condition."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pamats.errors import ErrorList
from pamats.landscape.check import check_landscape, explain_flow
from pamats.landscape.load import load_landscape
from pamats.landscape.model import Flow
from pamats.landscape.report import render
from pamats.yamlio import dump_yaml

AS_OF = dt.date(2026, 11, 28)
ACTORS = [
    {"id": "ngo", "name": {"lv": "Krīzes centrs"}, "kind": "ngo", "public_authority": False},
    {"id": "marta", "name": {"lv": "MARTA"}, "kind": "ngo", "public_authority": False},
]
CONSENT = {
    "id": "gdpr",
    "kind": "eu_regulation",
    "title": {"lv": "VDAR"},
    "short": "VDAR",
    "source": "test",
    "verified": True,
    "provisions": [
        {
            "id": "art-6-1-a",
            "ref": "6. panta 1. punkta a) apakšpunkts",
            "authorises": [
                {
                    "sender": "ngo",
                    "recipient": "marta",
                    "categories": ["identity"],
                    "purposes": ["referral"],
                    "subjects": ["possible_victim"],
                    "conditions": ["consent"],
                }
            ],
        }
    ],
}
PLAIN = {
    "id": "law-b",
    "kind": "law",
    "title": {"lv": "Likums B"},
    "source": "test",
    "verified": True,
    "provisions": [
        {
            "id": "s1",
            "ref": "1. pants",
            "authorises": [
                {
                    "sender": "ngo",
                    "recipient": "marta",
                    "categories": ["identity"],
                    "purposes": ["referral"],
                    "subjects": ["possible_victim"],
                }
            ],
        }
    ],
}


def _flow(conditions=()):
    f = {
        "id": "ngo-marta",
        "sender": "ngo",
        "recipient": "marta",
        "categories": ["identity"],
        "purpose": "referral",
        "subjects": ["possible_victim"],
    }
    if conditions:
        f["conditions"] = list(conditions)
    return f


def _land(tmp: Path, instruments: list[dict], flow: dict) -> Path:
    d = tmp / "land"
    d.mkdir()
    data = {
        "landscape": {"id": "cond", "title": {"lv": "Nosacījumi"}, "jurisdiction": "lv"},
        "actors": ACTORS,
        "instruments": instruments,
        "flows": [flow],
    }
    (d / "landscape.yaml").write_text(dump_yaml(data), encoding="utf-8")
    return d


def test_consent_only_basis_covers_and_says_the_flow_does_not_declare_consent(tmp_path):
    ls = load_landscape([_land(tmp_path, [CONSENT], _flow())])
    rep = check_landscape(ls, AS_OF)
    (r,) = rep.results
    assert r.covered and r.conditions == ("consent",) and r.unmet == ("consent",)
    assert not rep.findings  # a condition never makes a flow fail
    j = rep.to_json()
    assert j["flows"][0]["conditions"] == ["consent"] and j["flows"][0]["unmet"] == ["consent"]
    assert j["conditions"] == {"consent": {"lv": "ar personas piekrišanu", "en": "with the person's consent"}}
    md = render(j, "md", "en")
    assert (
        "covered on condition: with the person's consent (the flow does not declare it; "
        "no provision covers the flow without it)" in md
    )
    assert "ar nosacījumu: ar personas piekrišanu" in render(j, "md", "lv")
    # the one-flow check (interviews, agreement recheck) chooses the same
    one = explain_flow(ls, ls.flows["ngo-marta"], AS_OF)
    assert one.covered and one.conditions == ("consent",) and one.unmet == ("consent",)


def test_a_flow_that_declares_consent_meets_the_condition(tmp_path):
    rep = check_landscape(load_landscape([_land(tmp_path, [CONSENT], _flow(["consent"]))]), AS_OF)
    (r,) = rep.results
    assert r.covered and r.conditions == ("consent",) and r.unmet == ()


@pytest.mark.parametrize("declared", [(), ("consent",)])
def test_an_unconditional_basis_is_preferred_unless_the_flow_meets_the_condition(tmp_path, declared):
    ls = load_landscape([_land(tmp_path, [CONSENT, PLAIN], _flow(declared))])
    for r in (check_landscape(ls, AS_OF).results[0], explain_flow(ls, ls.flows["ngo-marta"], AS_OF)):
        assert r.covered and r.unmet == ()
        if declared:  # both cover and the flow meets consent: the first in order (gdpr) stands
            assert (r.basis.instrument, r.conditions) == ("gdpr", ("consent",))
        else:
            assert (r.basis.instrument, r.conditions) == ("law-b", ())


def test_an_unknown_condition_on_a_flow_is_refused_with_its_line(tmp_path):
    with pytest.raises(ErrorList) as e:
        load_landscape([_land(tmp_path, [CONSENT], _flow(["concent"]))])
    text = str(e.value)
    assert "unknown condition 'concent'" in text and "did you mean 'consent'?" in text and "landscape.yaml:" in text


def test_a_hypothetical_flow_checked_alone_keeps_its_conditions(tmp_path):
    ls = load_landscape([_land(tmp_path, [CONSENT], _flow())])
    probe = Flow(**_flow(["consent"]))
    assert explain_flow(ls, probe, AS_OF).unmet == ()


def test_lv_nrm_crisis_centre_referral_is_covered_on_consent(repo):
    rep = check_landscape(load_landscape([repo / "graph/lv-nrm"]), AS_OF)
    cond = {r.flow.id: (r.conditions, r.unmet) for r in rep.results if r.conditions}
    assert cond == {"krizes-centri-to-marta": (("consent",), ())}
