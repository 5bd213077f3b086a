"""This file defines which certificates may sign for an organisation, how their revocation is
checked and where signature timestamps come from (mixed into :class:`pamats.registry.store.Registry`).

* **Ties.** An organisation registers its signing certificates (the SHA-256 fingerprint of a
  certificate file) or a subject attribute every certificate it signs with carries: the
  organisation identifier of a qualified seal or an employee's organisation certificate
  (``organizationIdentifier=NTRLV-40000000000``, ETSI EN 319 412-1), or a representative's
  personal serial number (``serialNumber=PNOLV-…``, an eParaksts personal certificate). A PAdES
  signature is accepted for an organisation only when its certificate is tied to it; each tie is
  an entry of the organisation's log (``ws_org_audit``), so a tie added behind the registry's back
  is reported by ``verify``.
* **Revocation.** ``PAMATS_CRLS`` (CRL files, DER or PEM, separated by ``:``) and/or
  ``PAMATS_REVOCATION_FETCH=1`` (fetch the CRLs and OCSP answers the certificates point to);
  once either is set a certificate whose status cannot be established is refused
  (``PAMATS_REVOCATION=hard-fail``, or ``require``: every certificate must have revocation info).
* **Timestamps.** ``PAMATS_TSA_URL``: an RFC 3161 timestamping service; signatures made by pamats
  (PKCS#12, PKCS#11) then carry a signature timestamp (PAdES B-T).
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import select

from ..errors import InputError
from . import orglog as _orglog
from .evidence.models import OrgCertificate
from .evidence.orgcheck import tie_facts
from .evidence.pades import Revocation
from .models import Organisation

__all__ = ["CertificatesMixin", "ATTRIBUTES", "tied", "CRL_ENV", "TSA_ENV"]

CRL_ENV, FETCH_ENV, MODE_ENV, TSA_ENV = "PAMATS_CRLS", "PAMATS_REVOCATION_FETCH", "PAMATS_REVOCATION", "PAMATS_TSA_URL"
# the certificate subject attributes a tie may name (X.509 name -> asn1crypto's name)
ATTRIBUTES = {"organizationIdentifier": "organization_identifier", "serialNumber": "serial_number"}


def tied(ties: list, fingerprint: str, subject_ids: dict) -> bool:
    """Is a certificate (fingerprint, subject identifiers) one of these ties?"""
    for t in ties:
        if t.kind == "certificate" and t.value == fingerprint:
            return True
        if t.kind == "attribute" and subject_ids.get(t.attribute) == t.value:
            return True
    return False


class CertificatesMixin:
    # -- ties ------------------------------------------------------------------------------------------
    def tie_certificate(
        self,
        organisation: str,
        *,
        certificate: bytes | None = None,
        identifier: str | None = None,
        actor: str = _orglog.CLI_ACTOR,
    ) -> dict:
        """Tie a certificate (PEM/DER bytes) or a subject identifier ``ATTRIBUTE=VALUE`` to an organisation."""
        if (certificate is None) == (identifier is None):
            raise InputError(
                "tie a certificate file or a subject identifier, one at a time",
                hint="pamats agreements org-cert ORG --cert FILE.pem | --identifier organizationIdentifier=NTRLV-…",
            )
        if certificate is not None:
            from asn1crypto import pem, x509

            try:
                der = pem.unarmor(certificate)[2] if pem.detect(certificate) else certificate
                cert = x509.Certificate.load(der)
                kind, attribute, value, label = "certificate", None, cert.sha256.hex(), cert.subject.human_friendly
            except Exception:  # noqa: BLE001 - not a certificate
                raise InputError("the file is not an X.509 certificate (PEM or DER)") from None
        else:
            name, sep, value = identifier.partition("=")
            if not sep or name.strip() not in ATTRIBUTES or not value.strip() or len(value) > 400:
                raise InputError(
                    f"not a subject identifier: {identifier[:80]!r}",
                    hint="organizationIdentifier=NTRLV-<registration number> or serialNumber=PNOLV-<personal code>",
                )
            kind, attribute, value, label = "attribute", ATTRIBUTES[name.strip()], value.strip(), identifier.strip()
        with self.tx() as s:
            org = self._org(s, organisation)
            if s.scalar(
                select(OrgCertificate).where(
                    OrgCertificate.organisation_id == org.id,
                    OrgCertificate.kind == kind,
                    OrgCertificate.value == value,
                )
            ):
                raise InputError(f"{label[:120]} is already tied to {org.key!r}")
            t = OrgCertificate(
                organisation_id=org.id, kind=kind, attribute=attribute, value=value, label=label, added_at=self.now()
            )
            s.add(t)
            s.flush()
            row = tie_facts(t, org.key)
            _orglog.append(s, org, actor, self.now(), "cert_tie", {"row": row})
            return row

    def certificates(self, organisation: str) -> list[dict]:
        with self.tx() as s:
            org = self._org(s, organisation)
            return [
                tie_facts(t, org.key)
                for t in s.scalars(
                    select(OrgCertificate).where(OrgCertificate.organisation_id == org.id).order_by(OrgCertificate.id)
                )
            ]

    def _ties(self, s, organisation_id: int) -> list:
        return list(s.scalars(select(OrgCertificate).where(OrgCertificate.organisation_id == organisation_id)))

    def tie_problem(self, s, org: Organisation, check) -> str | None:
        """Why a signature's certificate may not sign for ``org`` (None when it is tied to it)."""
        if tied(self._ties(s, org.id), check.fingerprint, check.subject_ids):
            return None
        x509_names = {v: k for k, v in ATTRIBUTES.items()}
        ids = ", ".join(f"{x509_names.get(k, k)}={v}" for k, v in sorted(check.subject_ids.items()))
        return (
            f"the certificate of {check.subject} ({ids or 'no organisation identifier'}) is not tied to "
            f"organisation {org.key!r} "
            f"(register it: pamats agreements org-cert {org.key} --cert FILE | --identifier …)"
        )

    # -- revocation and timestamps -----------------------------------------------------------------------
    def revocation(self) -> Revocation:
        src = self.crls_path if self.crls_path is not None else os.environ.get(CRL_ENV)
        crls = []
        for p in [Path(x).expanduser() for x in str(src or "").split(os.pathsep) if x]:
            try:
                data = p.read_bytes()
            except OSError as e:
                raise InputError(
                    f"{p}: cannot read the revocation list ({e.strerror})", hint=f"check {CRL_ENV}"
                ) from None
            from asn1crypto import pem

            crls.append(pem.unarmor(data)[2] if pem.detect(data) else data)
        fetch = self.fetch_revocation if self.fetch_revocation is not None else os.environ.get(FETCH_ENV) == "1"
        mode = os.environ.get(MODE_ENV) or ("hard-fail" if crls or fetch else "soft-fail")
        if mode not in ("soft-fail", "hard-fail", "require"):
            raise InputError(f"{MODE_ENV}={mode!r}: use soft-fail, hard-fail or require")
        return Revocation(crls=tuple(crls), fetch=fetch, mode=mode)

    def timestamper(self):
        url = self.tsa_url or os.environ.get(TSA_ENV)
        if not url:
            return None
        from pyhanko.sign.timestamps import HTTPTimeStamper

        return HTTPTimeStamper(url, timeout=30)
