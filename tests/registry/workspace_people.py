"""Fixtures for the workspace tests (imported by tests/registry/test_workspace_*.py).

Accounts as docassemble would hand them over (numeric id, e-mail, privilege admin):
the server administrator; MARTA: Anna (negotiator, organisation admin), Maija (member),
Sandra (signatory); State Border Guard (vrs): Juris (negotiator, admin), Viktors (signatory);
State Police (vp): Pēteris (negotiator, admin) — a third organisation, party to nothing of MARTA's.
Accounts log in once (accepting their invitation), as the web bridge does on every page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pamats.registry.workspace import Principal, Workspace

ADMIN = Principal(1, "admin@pamats.example", server_admin=True)
ANNA = Principal(11, "anna@marta.example")
MAIJA = Principal(12, "maija@marta.example")
SANDRA = Principal(13, "sandra@marta.example")
JURIS = Principal(21, "juris@vrs.example")
VIKTORS = Principal(22, "viktors@vrs.example")
PETERIS = Principal(31, "peteris@vp.example")
STRANGER = Principal(99, "stranger@example.org")  # logged in, invited nowhere

SLUG = "marta-vrs"


def _instrument(*points):
    from pamats.drafting.document import Instrument, Node

    ins = Instrument(
        kind="agreement",
        title="Sadarbības līgums",
        body=[
            Node(
                id="ch1",
                kind="chapter",
                title="Vispārīgie noteikumi",
                children=[Node(id=i, text=[t]) for i, t in points],
            )
        ],
    )
    return ins.model_dump(mode="json")


def real_docx(*lines: str) -> bytes:
    """A small real DOCX (python-docx): the agreed PDF for signing is made from it by LibreOffice."""
    import io

    from docx import Document

    d = Document()
    for line in lines:
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


V1 = _instrument(
    ("p1", "Puses sadarbojas."),
    ("p2", "Robežsardze informē MARTA."),
    ("p3", "Līgums stājas spēkā parakstīšanas dienā."),
)


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
    ws.create_agreement(
        ANNA,
        SLUG,
        "Sadarbības līgums",
        ["marta", "vrs"],
        answers={"v": 1},
        instrument=V1,
        docx=real_docx("Sadarbības līgums", "Puses sadarbojas."),
    )
    ws.transition(ANNA, SLUG, "negotiation", reason="sākam")
    # a second agreement between VRS and VP, for ids that belong elsewhere
    ws.create_agreement(
        PETERIS, "vp-vrs", "Cits līgums", ["vp", "vrs"], answers={"v": 1}, instrument=V1, docx=real_docx("Cits līgums")
    )
    ws.transition(PETERIS, "vp-vrs", "negotiation")
    return ws


def sign_in_room(room, who: Principal, org: str, slug: str = SLUG) -> dict:
    """``who`` signs for ``org`` with the test PKI's certificate for it (PKCS#12 beside the trust root)."""
    from pki import PASSPHRASE
    from registry_lib import tie_test_pki

    tie_test_pki(room.reg, org)
    p12 = Path(room.reg.trust_roots_path).parent / f"{org}.p12"
    return room.sign(who, slug, pkcs12=p12.read_bytes(), passphrase=PASSPHRASE)
