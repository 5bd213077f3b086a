"""Fixtures for the workspace tests (imported by tests/registry/test_workspace_*.py).

Accounts as docassemble would hand them over (numeric id, e-mail, privilege admin):
the server administrator; MARTA: Anna (negotiator, organisation admin), Maija (member),
Sandra (signatory); State Border Guard (vrs): Juris (negotiator, admin), Viktors (signatory);
State Police (vp): Pēteris (negotiator, admin) — a third organisation, party to nothing of MARTA's.
Accounts log in once (accepting their invitation), as the web bridge does on every page.
"""

from __future__ import annotations

import pytest

from pamats.registry.workspace import Principal, Workspace

ADMIN = Principal(1, "admin@pamats.example", server_admin=True)
ANNA = Principal(11, "anna@marta.example")
MAIJA = Principal(12, "maija@marta.example")
SANDRA = Principal(13, "sandra@marta.example")
JURIS = Principal(21, "juris@vrs.example")
VIKTORS = Principal(22, "viktors@vrs.example")
PETERIS = Principal(31, "peteris@vp.example")
STRANGER = Principal(99, "stranger@example.org")   # logged in, invited nowhere

SLUG = "marta-vrs"


def _instrument(*points):
    from pamats.drafting.document import Instrument, Node
    ins = Instrument(kind="agreement", title="Sadarbības līgums",
                     body=[Node(id="ch1", kind="chapter", title="Vispārīgie noteikumi",
                                children=[Node(id=i, text=[t]) for i, t in points])])
    return ins.model_dump(mode="json")


V1 = _instrument(("p1", "Puses sadarbojas."), ("p2", "Robežsardze informē MARTA."),
                 ("p3", "Līgums stājas spēkā parakstīšanas dienā."))


@pytest.fixture
def ws(reg):
    w = Workspace(reg)
    for key, name in (("marta", 'Biedrība "Centrs MARTA"'), ("vrs", "Valsts robežsardze"), ("vp", "Valsts policija")):
        w.create_organisation(ADMIN, key, name)
    w.invite(ADMIN, "marta", ANNA.email, "negotiator", admin=True)
    w.invite(ADMIN, "vrs", JURIS.email, "negotiator", admin=True)
    w.invite(ADMIN, "vp", PETERIS.email, "negotiator", admin=True)
    for p in (ANNA, JURIS, PETERIS):
        w.login(p)
    w.invite(ANNA, "marta", MAIJA.email, "member")
    w.invite(ANNA, "marta", SANDRA.email, "signatory")
    w.invite(JURIS, "vrs", VIKTORS.email, "signatory")
    for p in (MAIJA, SANDRA, VIKTORS):
        w.login(p)
    return w


@pytest.fixture
def room(ws):
    """MARTA–VRS agreement in negotiation, version 1 (three points) proposed by MARTA."""
    ws.create_agreement(ANNA, SLUG, "Sadarbības līgums", ["marta", "vrs"], answers={"v": 1}, instrument=V1,
                        docx=b"PK-fake-docx-v1")
    ws.transition(ANNA, SLUG, "negotiation", reason="sākam")
    # a second agreement between VRS and VP, for ids that belong elsewhere
    ws.create_agreement(PETERIS, "vp-vrs", "Cits līgums", ["vp", "vrs"], answers={"v": 1}, instrument=V1,
                        docx=b"PK-fake-docx-other")
    ws.transition(PETERIS, "vp-vrs", "negotiation")
    return ws
