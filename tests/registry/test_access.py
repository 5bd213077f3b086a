"""Access: an organisation sees and acts only on agreements it is party to."""

from __future__ import annotations

import datetime as dt

import pytest

from pamats.errors import AccessDenied, InputError
from pamats.registry.errors import NotFound


def test_outsider_sees_nothing(agreement):
    reg = agreement
    assert [a["slug"] for a in reg.list_agreements("anna")] == ["marta-vrs"]
    assert [a["slug"] for a in reg.list_agreements("juris")] == ["marta-vrs"]
    assert reg.list_agreements("peteris") == []
    assert reg.due("peteris", within=dt.timedelta(days=3650)) == []


@pytest.mark.parametrize(
    "call",
    [
        lambda r: r.show("peteris", "marta-vrs"),
        lambda r: r.version("peteris", "marta-vrs", 1),
        lambda r: r.propose("peteris", "marta-vrs", {"v": 9}),
        lambda r: r.comment("peteris", "marta-vrs", "p1", "Mēs arī gribam"),
        lambda r: r.transition("peteris", "marta-vrs", "withdrawn"),
        lambda r: r.sign("peteris", "marta-vrs"),
        lambda r: r.audit("peteris", "marta-vrs"),
        lambda r: r.add_obligation("peteris", "marta-vrs", "vp", "x", dt.date(2026, 5, 1)),
        lambda r: r.docx("peteris", "marta-vrs"),
    ],
    ids=["show", "version", "propose", "comment", "transition", "sign", "audit", "obligation", "docx"],
)
def test_outsider_is_denied_and_nothing_changes(agreement, call):
    before = agreement.show("anna", "marta-vrs")
    with pytest.raises(AccessDenied, match="peteris \\(vp\\) is not party"):
        call(agreement)
    assert agreement.show("anna", "marta-vrs") == before


def test_cannot_create_for_others(people):
    with pytest.raises(AccessDenied):
        people.create_agreement("peteris", "x", "X", ["marta", "vrs"])
    assert people.list_agreements("anna") == []


def test_same_org_colleague_has_access(agreement):
    assert agreement.show("ilze", "marta-vrs")["slug"] == "marta-vrs"


def test_unknown_user_and_agreement(agreement):
    with pytest.raises(NotFound, match="no user 'nobody'"):
        agreement.list_agreements("nobody")
    with pytest.raises(NotFound, match="no agreement 'nope'"):
        agreement.show("anna", "nope")
    with pytest.raises(InputError, match="no acting user"):
        agreement.list_agreements("")
