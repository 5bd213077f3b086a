"""Lifecycle: every (status, target) pair is either allowed (state and audit row change exactly)
or refused (nothing changes); guards for signatures and dates."""

from __future__ import annotations

import datetime as dt

import pytest
from registry_lib import sign_as

from pamats.registry.errors import TransitionRefused
from pamats.registry.lifecycle import TRANSITIONS, allowed
from pamats.registry.models import STATUSES

D = dt.date


def at(clock, day: dt.date) -> None:
    """Move the injected clock to ``day`` (lifecycle guards read the registry's clock, never a user date)."""
    clock.t = dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=dt.UTC)


def drive_to(reg, status: str) -> None:
    """Bring marta-vrs (draft) to ``status`` by allowed steps (the clock is already past the term)."""
    path = {
        "draft": [],
        "negotiation": ["negotiation"],
        "agreed": ["negotiation", "agreed"],
        "signed": ["negotiation", "agreed", "*sign"],
        "in_force": ["negotiation", "agreed", "*sign", "in_force"],
        "expired": ["negotiation", "agreed", "*sign", "in_force", "expired"],
        "terminated": ["negotiation", "agreed", "*sign", "in_force", "terminated"],
        "withdrawn": ["withdrawn"],
    }[status]
    for step in path:
        if step == "*sign":
            sign_as(reg, "anna", "marta")
            assert sign_as(reg, "juris", "vrs")["status"] == "signed"
        else:
            reg.transition("anna", "marta-vrs", step, reason=f"to {step}")
    assert reg.show("anna", "marta-vrs")["status"] == status


PAIRS = [(a, b) for a in STATUSES for b in STATUSES if a != b]


@pytest.mark.parametrize("src,dst", PAIRS, ids=[f"{a}->{b}" for a, b in PAIRS])
def test_every_transition(agreement, clock, src, dst):
    reg = agreement
    at(clock, D(2027, 4, 2))
    drive_to(reg, src)
    before = reg.audit("juris", "marta-vrs")
    # agreed -> signed is in the table but needs every party's signature (none here)
    ok = allowed(src, dst) and not (src == "agreed" and dst == "signed")
    if ok:
        out = reg.transition("juris", "marta-vrs", dst, reason="test reason")
        assert out == {"slug": "marta-vrs", "from": src, "to": dst}
        after = reg.audit("juris", "marta-vrs")
        assert len(after) == len(before) + 1
        last = after[-1]
        assert (last["action"], last["from"], last["to"], last["user"], last["reason"]) == (
            "transition",
            src,
            dst,
            "juris",
            "test reason",
        )
        assert reg.show("anna", "marta-vrs")["status"] == dst
    else:
        with pytest.raises(TransitionRefused):
            reg.transition("juris", "marta-vrs", dst, reason="test reason")
        assert reg.show("anna", "marta-vrs")["status"] == src
        assert reg.audit("juris", "marta-vrs") == before


def test_table_is_what_the_issue_says():
    assert TRANSITIONS["draft"] == ("negotiation", "withdrawn")
    assert set(TRANSITIONS["in_force"]) == {"expired", "terminated"}
    assert all(not TRANSITIONS[s] for s in ("expired", "terminated", "withdrawn"))
    assert [s for s in STATUSES if allowed(s, "withdrawn")] == ["draft", "negotiation", "agreed"]


def test_not_in_force_before_start_and_not_expired_before_end(agreement, clock):
    reg = agreement
    drive_to(reg, "signed")
    at(clock, D(2026, 3, 31))
    with pytest.raises(TransitionRefused, match="starts on 2026-04-01"):
        reg.transition("anna", "marta-vrs", "in_force")
    at(clock, D(2026, 4, 1))
    reg.transition("anna", "marta-vrs", "in_force")
    at(clock, D(2027, 3, 31))
    with pytest.raises(TransitionRefused, match="has not expired"):
        reg.transition("anna", "marta-vrs", "expired")
    at(clock, D(2027, 4, 1))
    reg.transition("anna", "marta-vrs", "expired")
    assert reg.show("anna", "marta-vrs")["status"] == "expired"


def test_proposing_only_in_draft_or_negotiation(agreement):
    reg = agreement
    assert reg.propose("juris", "marta-vrs", {"v": 2}) == 2
    drive_to(reg, "agreed")
    with pytest.raises(TransitionRefused, match="only in draft or negotiation"):
        reg.propose("juris", "marta-vrs", {"v": 3})
    assert reg.show("anna", "marta-vrs")["versions_count"] == 2


def test_signing_needs_agreed_text(agreement):
    with pytest.raises(TransitionRefused, match="only an agreed text"):
        sign_as(agreement, "anna", "marta")
    assert agreement.show("anna", "marta-vrs")["signatures"] == []


def test_agreed_needs_a_version(people):
    people.create_agreement("anna", "empty", "Tukšs", ["marta", "vrs"])
    people.transition("anna", "empty", "negotiation")
    with pytest.raises(TransitionRefused, match="no version"):
        people.transition("anna", "empty", "agreed")


def test_unknown_status_is_input_error(agreement):
    from pamats.errors import InputError

    with pytest.raises(InputError, match="unknown status 'live'"):
        agreement.transition("anna", "marta-vrs", "live")
