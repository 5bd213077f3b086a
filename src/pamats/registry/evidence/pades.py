"""This file defines PAdES signing and verification of the agreed PDF (pyHanko).

``sign_pdf`` adds one PAdES signature (an incremental update) with a key and certificate from
a PKCS#12 file. ``check_signatures`` validates every signature in a PDF against the
deployment's trust roots and says, per signature, whether it holds and why not: the CMS
signature is intact and valid, the certificate chains to a trust root, the signed revision
begins with the agreed PDF byte for byte, and later incremental updates only add signatures.

Revocation (``Revocation``): CRLs given as files and/or fetched over the network (CRL and OCSP
pointers in the certificates); once configured a certificate whose status cannot be established
is refused (hard-fail) and a revoked one always. An RFC 3161 signature timestamp (PAdES B-T,
``sign_pdf(timestamper=…)``) is validated against the same trust roots; the signer's certificate
is then checked *at the timestamp's time* (revocation information issued later counts), and the
check reports that time and whether the certificate was valid then.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from contextlib import contextmanager
from dataclasses import dataclass, field

from ...errors import InputError, PamatsError

__all__ = ["sign_pdf", "check_signatures", "SignatureCheck", "load_pkcs12", "Revocation", "PROBLEMS_LV"]


@dataclass(frozen=True)
class Revocation:
    """How signer certificates' revocation is checked: CRLs (DER/PEM bytes) and/or network fetching."""

    crls: tuple = ()
    fetch: bool = False
    mode: str = "soft-fail"  # soft-fail (nothing configured) | hard-fail | require


# the Latvian of each refusal (code -> text); the English texts (with details) are in ``problems``
PROBLEMS_LV = {
    "not_agreed_pdf": "parakstītā redakcija nesākas ar saskaņoto PDF (paraksts ir citam dokumentam)",
    "unreadable": "parakstu nevar pārbaudīt (bojāts paraksts)",
    "digest": "pēc parakstīšanas parakstītie baiti ir mainīti",
    "invalid": "kriptogrāfiskais paraksts nav derīgs",
    "untrusted": "sertifikāts neved uz šī servera uzticamo saknes sertifikātu",
    "coverage": "paraksts neaptver visu savu redakciju",
    "later_change": "vēlāks papildinājums maina dokumentu, ne tikai pievieno parakstus",
    "timestamp": "paraksta laika zīmogs nav derīgs vai tā izdevējs neved uz uzticamu saknes sertifikātu",
    "revoked": "parakstītāja sertifikāts ir atsaukts (atsaukto sertifikātu saraksts)",
    "revocation_unknown": "nevar noskaidrot, vai parakstītāja sertifikāts nav atsaukts (nav derīga atsaukšanas saraksta vai OCSP atbildes)",
}


@dataclass
class SignatureCheck:
    field: str
    subject: str
    serial: str
    issuer: str
    signing_time: dt.datetime | None
    ok: bool
    problems: list[str] = field(default_factory=list)
    revision_end: int = 0  # bytes covered by this signature's revision
    fingerprint: str = ""  # SHA-256 of the signer certificate (DER), hex
    subject_ids: dict = field(default_factory=dict)  # organization_identifier / serial_number in the subject
    timestamp: dt.datetime | None = None  # RFC 3161 signature timestamp (genTime), when there is one
    timestamp_ok: bool | None = None  # the timestamp token is intact and its TSA chains to a trust root
    valid_at: dt.datetime | None = None  # the moment the certificate was checked at (timestamp, else given)
    revoked: bool = False
    codes: list[str] = field(default_factory=list)  # one PROBLEMS_LV key per problem

    def refuse(self, code: str, english: str) -> None:
        self.codes.append(code)
        self.problems.append(english)


def load_pkcs12(data: bytes, passphrase: bytes | None, *, source: str = "PKCS#12 file"):
    from pyhanko.sign import signers

    try:
        return signers.SimpleSigner.load_pkcs12_data(data, other_certs=(), passphrase=passphrase)
    except (ValueError, TypeError):
        raise InputError(
            f"{source}: cannot read the key and certificate (not PKCS#12, or wrong passphrase)",
            hint="give the .p12/.pfx file and its passphrase (--passphrase-file or PAMATS_P12_PASSPHRASE)",
        ) from None


def sign_pdf(
    pdf: bytes,
    signer,
    field_name: str,
    *,
    reason: str | None = None,
    location: str | None = None,
    timestamper=None,
) -> bytes:
    """``pdf`` plus one PAdES signature in a new incremental update (B-B; B-T with a ``timestamper``)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    w = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location,
    )
    try:
        out = signers.sign_pdf(w, meta, signer=signer, timestamper=timestamper)
    except Exception as e:  # noqa: BLE001 - pyHanko's own refusal (e.g. field already signed)
        raise PamatsError(f"the PDF could not be signed: {e}") from None
    return out.getvalue()


def _name(n) -> str:
    return n.human_friendly


@contextmanager
def _quiet():
    """pyHanko logs each refused path/diff with a traceback; the refusal is reported to the user instead."""
    loggers = [logging.getLogger(n) for n in ("pyhanko", "pyhanko_certvalidator")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for lg, lv in zip(loggers, levels):
            lg.setLevel(lv)


def check_signatures(
    pdf: bytes,
    agreed: bytes,
    trust_roots: list,
    *,
    at: dt.datetime | None = None,
    revocation: Revocation | None = None,
    moments: dict | None = None,
) -> list[SignatureCheck]:
    """Validate every signature in ``pdf``; ``agreed`` is the PDF every signature must cover unchanged.

    The certificate is checked at the signature's timestamp, else at ``moments[field]`` (e.g. when
    the registry accepted it), else at ``at``, else at the signer's claimed signing time."""
    with _quiet():
        return _check(pdf, agreed, trust_roots, at, revocation or Revocation(), moments or {})


def _subject_ids(cert) -> dict:
    n = cert.subject.native
    return {k: str(n[k]) for k in ("organization_identifier", "serial_number") if n.get(k)}


def _timestamp_time(sig) -> dt.datetime | None:
    """genTime of the signature's RFC 3161 timestamp token (an unsigned attribute), or None."""
    attrs = sig.signer_info["unsigned_attrs"]
    for a in attrs if attrs.native is not None else ():
        if a["type"].native == "signature_time_stamp_token":
            token = a["values"][0]["content"]
            return token["encap_content_info"]["content"].parsed["gen_time"].native
    return None


def _check(
    pdf: bytes, agreed: bytes, trust_roots: list, at: dt.datetime | None, rev: Revocation, moments: dict
) -> list[SignatureCheck]:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        r = PdfFileReader(io.BytesIO(pdf), strict=False)
        sigs = list(r.embedded_signatures)
    except Exception as e:  # noqa: BLE001 - not a PDF
        raise InputError(f"PDF failu nevar nolasīt / not a readable PDF ({type(e).__name__}: {str(e)[:120]})") from None
    out: list[SignatureCheck] = []
    for sig in sigs:
        try:
            cert = sig.signer_cert
            c = SignatureCheck(
                field=sig.field_name,
                subject=_name(cert.subject),
                serial=format(cert.serial_number, "x"),
                issuer=_name(cert.issuer),
                signing_time=sig.self_reported_timestamp,
                ok=False,
                fingerprint=cert.sha256.hex(),
                subject_ids=_subject_ids(cert),
            )
            br = list(sig.byte_range)
        except Exception as e:  # noqa: BLE001 - a damaged signature blob (certificate or CMS unreadable)
            c = SignatureCheck(
                field=str(getattr(sig, "field_name", "?")),
                subject="?",
                serial="?",
                issuer="?",
                signing_time=None,
                ok=False,
            )
            c.refuse("unreadable", f"the signature cannot be validated: {type(e).__name__}: {str(e)[:160]}")
            out.append(c)
            continue
        c.revision_end = int(br[2]) + int(br[3])
        if int(br[0]) != 0 or int(br[1]) < len(agreed) or pdf[: len(agreed)] != agreed:
            c.refuse(
                "not_agreed_pdf",
                "the signed revision does not begin with the agreed PDF byte for byte "
                "(a signature over a different PDF)",
            )
        try:
            c.timestamp = _timestamp_time(sig)
        except Exception as e:  # noqa: BLE001 - a malformed timestamp token
            c.refuse("timestamp", f"the signature timestamp cannot be read: {type(e).__name__}")
        c.valid_at = c.timestamp or moments.get(c.field) or at or c.signing_time
        if c.valid_at is not None and c.valid_at.tzinfo is None:  # SQLite hands times back without a zone
            c.valid_at = c.valid_at.replace(tzinfo=dt.UTC)
        common = {"trust_roots": trust_roots, "allow_fetching": rev.fetch, "crls": list(rev.crls)}
        vc = ValidationContext(
            **common, revocation_mode=rev.mode, moment=c.valid_at, retroactive_revinfo=c.valid_at is not None
        )
        try:
            st = validate_pdf_signature(sig, vc, ts_validation_context=ValidationContext(**common))
        except Exception as e:  # noqa: BLE001 - malformed signature
            c.refuse("unreadable", f"the signature cannot be validated: {type(e).__name__}: {str(e)[:160]}")
            out.append(c)
            continue
        if not st.intact:
            c.refuse("digest", "the signed bytes were changed after signing (digest mismatch)")
        elif not st.valid:
            c.refuse("invalid", "the cryptographic signature is not valid")
        if c.timestamp is not None:
            tv = st.timestamp_validity
            c.timestamp_ok = bool(tv is not None and tv.intact and tv.valid and tv.trusted)
            if not c.timestamp_ok:
                c.refuse(
                    "timestamp",
                    "the signature timestamp is not valid or its timestamping authority does not chain to a "
                    "configured trust root",
                )
        c.revoked = bool(st.revoked)
        when = f" at {c.valid_at:%Y-%m-%d %H:%M:%S %Z}" if c.valid_at else ""
        if c.revoked:
            c.refuse(
                "revoked", f"the certificate of {c.subject} (serial {c.serial}) was revoked{when} (revocation list)"
            )
        elif not st.trusted:
            if _chains(st):
                c.refuse(
                    "revocation_unknown",
                    f"the revocation status of the certificate of {c.subject} could not be established{when} "
                    f"(no valid revocation list or OCSP answer for it)",
                )
            else:
                c.refuse(
                    "untrusted",
                    f"the certificate of {c.subject} does not chain to a configured trust root (issuer {c.issuer})",
                )
        if st.coverage not in (SignatureCoverageLevel.ENTIRE_FILE, SignatureCoverageLevel.ENTIRE_REVISION):
            c.refuse("coverage", "the signature does not cover its whole revision")
        elif st.coverage == SignatureCoverageLevel.ENTIRE_REVISION and (
            st.modification_level is None
            or st.modification_level > ModificationLevel.FORM_FILLING
            or st.docmdp_ok is False
        ):
            c.refuse("later_change", "a later incremental update changes the document, not only adds signatures")
        c.ok = not c.problems
        out.append(c)
    return out


def _chains(st) -> bool:
    """True when a path to a trust root was built and only its revocation check failed."""
    name = getattr(st.trust_problem_indic, "name", "") or ""
    return st.validation_path is not None and name != "NO_CERTIFICATE_CHAIN_FOUND"
