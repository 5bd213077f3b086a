"""The legal-basis check run from the dashboard (issue 11): a party's negotiator runs ``recheck``
on one agreement; the verdict is kept and the dashboard shows it, with "changed" when it differs
from the check before; a member may not run it; an outsider gets the one "not found"."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select
from workspace_people import ANNA, JURIS, MAIJA, PETERIS, ws  # noqa: F401  (fixtures)

from pamats.errors import AccessDenied
from pamats.registry.errors import NotFound
from pamats.registry.models import Agreement
from pamats.yamlio import load_answers_file

REPO = Path(__file__).resolve().parents[2]
LANDSCAPE = [REPO / "graph" / "lv-nrm"]
DRAFT = REPO / "graph" / "lv-nrm-drafts" / "nrm-regulation.yaml"
AS_OF = dt.date(2026, 11, 28)


def _verdict(ws, who, slug):
    return {r["slug"]: r for r in ws.dashboard(who)["agreements"]}[slug]["recheck"]


def test_recheck_from_the_dashboard_keeps_the_verdict_and_flags_a_change(ws):
    data, _ = load_answers_file(REPO / "agreements" / "marta-vrs" / "answers.yaml")
    slug = ws.start_from_answers(ANNA, data)["slug"]
    assert _verdict(ws, ANNA, slug) is None
    first = ws.recheck_agreement(ANNA, slug, LANDSCAPE, as_of=AS_OF)
    assert first["slug"] == slug and not first["ok"] and first["problems"] and not first["changed"]
    v = _verdict(ws, JURIS, slug)  # the other party's dashboard shows the same verdict
    assert (v["ok"], v["problems"], v["changed"]) == (False, first["problems"], False)
    assert "RANK_TOO_LOW" in first["problems"]  # the referral flow has no sufficient basis today
    # with the NRM regulation adopted (a what-if draft) the flow is covered: the verdict changes
    second = ws.recheck_agreement(JURIS, slug, LANDSCAPE, drafts=[DRAFT], as_of=AS_OF)
    assert "RANK_TOO_LOW" not in second["problems"] and second["changed"]
    v = _verdict(ws, ANNA, slug)
    assert v["changed"] and v["problems"] == second["problems"] and v["previous"]["problems"] == first["problems"]
    third = ws.recheck_agreement(ANNA, slug, LANDSCAPE, drafts=[DRAFT], as_of=AS_OF)  # the same again
    assert not third["changed"] and not _verdict(ws, ANNA, slug)["changed"]


def test_recheck_is_for_a_party_s_negotiators_only(ws):
    data, _ = load_answers_file(REPO / "agreements" / "marta-vrs" / "answers.yaml")
    slug = ws.start_from_answers(ANNA, data)["slug"]
    with pytest.raises(AccessDenied, match="cannot check the legal basis"):
        ws.recheck_agreement(MAIJA, slug, LANDSCAPE, as_of=AS_OF)
    refused = {}
    for target in (slug, "nav-tada"):
        with pytest.raises(NotFound) as e:
            ws.recheck_agreement(PETERIS, target, LANDSCAPE, as_of=AS_OF)
        refused[target] = e.value.message.replace(target, "X")
    assert refused[slug] == refused["nav-tada"]
    assert _verdict(ws, ANNA, slug) is None  # nothing was stored by the refused calls


def test_an_agreement_started_from_the_interview_relies_on_the_norms_its_answers_name(ws):
    data, _ = load_answers_file(REPO / "agreements" / "marta-vrs" / "answers.yaml")
    named = [{"instrument": n["instrument"], "provision": n["provision"]} for n in data["legal_basis_norms"]]
    assert named  # the precedent names the norm it relies on
    slug = ws.start_from_answers(ANNA, data)["slug"]
    with ws.reg.tx() as s:
        stored = s.scalar(select(Agreement.relied_on).where(Agreement.slug == slug))
    assert json.loads(stored) == named
    verdict = ws.recheck_agreement(ANNA, slug, LANDSCAPE, drafts=[DRAFT], as_of=AS_OF)
    assert "NO_RELIED_ON_NORM" not in verdict["problems"]
