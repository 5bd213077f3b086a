"""Helpers the registry tests import by name (a uniquely named module: ``from conftest import``
is ambiguous when pytest collects several test folders with a conftest.py each)."""

from __future__ import annotations

import datetime as dt


class Clock:
    """A controllable clock (UTC); tick() moves it on."""

    def __init__(self):
        self.t = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)

    def __call__(self):
        self.t += dt.timedelta(seconds=1)
        return self.t


_PDFS: dict = {}


def cached_pdf_maker(docx: bytes, slug: str, version: int, content_hash: str) -> bytes:
    """The real LibreOffice conversion, made once per content (a signature test needs a PDF, not a new one)."""
    from pamats.registry.evidence.pdf import make_agreed_pdf
    from pamats.registry.hashing import sha256_bytes

    key = (sha256_bytes(docx), slug, version, content_hash)
    if key not in _PDFS:
        _PDFS[key] = make_agreed_pdf(docx, slug, version, content_hash)
    return _PDFS[key]


def sign_as(reg, user: str, org: str, slug: str = "marta-vrs", **kw) -> dict:
    """``user`` signs with the test PKI's certificate for ``org`` (PKCS#12 beside the trust root)."""
    from pathlib import Path

    from pki import PASSPHRASE

    tie_test_pki(reg, org)
    p12 = Path(reg.trust_roots_path).parent / f"{org}.p12"
    return reg.sign(user, slug, pkcs12=p12.read_bytes(), passphrase=PASSPHRASE, **kw)


def tie_test_pki(reg, org: str) -> None:
    """Tie the test PKI's organisation identifier of ``org`` to it (once), as its administrator would."""
    from pki import ORG_IDS

    if not any(t["value"] == ORG_IDS[org] for t in reg.certificates(org)):
        reg.tie_certificate(org, identifier=f"organizationIdentifier={ORG_IDS[org]}")


def instrument(*points: tuple[str, str]) -> dict:
    """A minimal agreement Instrument dict (document model) with one chapter of points."""
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
