"""Derived instructions: apply(derive(a, b)) == b for random acts and random amendments (hypothesis)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pamats.drafting.amendment.act import Act, Unit, load_act
from pamats.drafting.amendment.answers import Change
from pamats.drafting.amendment.consolidate import act_signature, apply_changes
from pamats.drafting.amendment.derive import changes_as_data, derive_changes
from pamats.errors import InputError

from .conftest import HERE

WORDS = st.sampled_from(["iestāde", "informē", "pakalpojuma", "sniedzēju", "policiju", "un", "180", "dienām"])
TEXT = st.lists(WORDS, min_size=1, max_size=6).map(lambda w: " ".join(w) + ".")


@st.composite
def acts(draw):
    n = draw(st.integers(1, 7))
    points = []
    for i in range(1, n + 1):
        subs = [Unit(n=f"{i}.{j}", text=draw(TEXT), verified=True) for j in range(1, draw(st.integers(0, 3)) + 1)]
        points.append(Unit(n=str(i), text=draw(TEXT), units=subs, verified=True))
    chapters = draw(st.booleans()) and n > 1
    body = (
        {
            "chapters": [
                {"n": "I", "title": "A", "points": points[: n // 2]},
                {"n": "II", "title": "B", "points": points[n // 2 :]},
            ]
        }
        if chapters
        else {"points": points}
    )
    return Act(id="gen", number="1", date=dt.date(2020, 1, 1), title=draw(TEXT), izdoti="Izdoti saskaņā ar X", **body)


@st.composite
def amendments(draw, act: Act):
    keys = [u.n for u in act.walk()]
    out = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["restate", "insert_after", "delete", "title", "replace", "insert_sub"]))
        target = draw(st.sampled_from(keys))
        if kind == "restate":
            out.append({"restate": target, "text": draw(TEXT)})
        elif kind in ("insert_after", "insert_sub"):
            pts = [{"text": draw(TEXT)} for _ in range(draw(st.integers(1, 3)))]
            if kind == "insert_sub":
                pts[0]["units"] = [{"text": draw(TEXT)}]
            out.append({"insert_after": target, "points": pts})
        elif kind == "delete":
            out.append({"delete": target})
        elif kind == "title":
            out.append({"restate_title": draw(TEXT)})
        else:
            out.append({"replace_in": target, "words": draw(WORDS), "with": draw(WORDS), "occurrence": "all"})
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_apply_derive_round_trip(data):
    a = data.draw(acts())
    raw = data.draw(amendments(a))
    applied = []
    for ch in raw:  # keep the changes that apply (a random one may target a deleted unit)
        try:
            apply_changes(a, [Change.model_validate(x) for x in applied + [ch]])
            applied.append(ch)
        except InputError:
            pass
    b = apply_changes(a, [Change.model_validate(x) for x in applied]).act
    derived = derive_changes(a, b)
    assert act_signature(apply_changes(a, derived).act) == act_signature(b)
    assert len(derived) <= len(applied) + 1  # never more instructions than were used to make b (+1: sub-point runs)
    again = [Change.model_validate(x) for x in changes_as_data(derived)]  # the data form is valid answers
    assert act_signature(apply_changes(a, again).act) == act_signature(b)


def test_derive_nothing_and_bad_numbering():
    a = load_act(HERE / "small-act.yaml")
    assert derive_changes(a, a) == []
    b = a.model_copy(deep=True)
    b.chapters[0].points.insert(1, Unit(n="1.³", text="Iespiests."))  # 1.³ straight after 1: not how insertion numbers
    with pytest.raises(InputError, match="numbering differs"):
        derive_changes(a, b)
    b = a.model_copy(deep=True)
    b.chapters[1].points[1] = Unit(n="4", text="Pakalpojuma ilgums ir līdz 90 dienām.")
    b.chapters[0].points[1].units[2] = Unit(n="2.3", deleted=True)
    got = changes_as_data(derive_changes(a, b))
    assert got == [{"delete": "2.3"}, {"restate": "4", "text": "Pakalpojuma ilgums ir līdz 90 dienām."}]
