"""This file defines signing with a key on a PKCS#11 token (an eID card, a hardware token, SoftHSM):
the token is opened by its module, token label and PIN; the certificate (and any CA
certificates on the token) are read from it; the key never leaves the token.
Needs the ``pkcs11`` extra (python-pkcs11).
"""

from __future__ import annotations

from ...errors import InputError
from .pades import sign_pdf

__all__ = ["sign_pdf_pkcs11"]


def sign_pdf_pkcs11(
    pdf: bytes,
    *,
    lib: str,
    token: str,
    key: str,
    pin: str | None,
    field_name: str,
    reason: str | None = None,
    timestamper=None,
) -> bytes:
    try:
        from pyhanko.config.pkcs11 import TokenCriteria
        from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session
    except ImportError:  # python-pkcs11 missing
        raise InputError(
            "PKCS#11 signing needs python-pkcs11", hint="pip install 'docassemble.pamats[pkcs11]'"
        ) from None
    try:
        session = open_pkcs11_session(lib, token_criteria=TokenCriteria(label=token), user_pin=pin)
    except Exception as e:  # noqa: BLE001 - module missing, no such token, wrong PIN
        raise InputError(
            f"cannot open the PKCS#11 token {token!r} with {lib}: {type(e).__name__}: {e}",
            hint="check --pkcs11-lib, --pkcs11-token and the PIN (PAMATS_PKCS11_PIN)",
        ) from None
    try:
        try:
            # hash here, sign the digest on the token (CKM_ECDSA / CKM_RSA_PKCS): what SoftHSM and eID cards offer
            signer = PKCS11Signer(session, key_label=key, other_certs_to_pull=None, use_raw_mechanism=True)
            signer.signing_cert  # noqa: B018 - fetch now, so a missing certificate is reported here
        except Exception as e:  # noqa: BLE001 - no such key/certificate on the token
            raise InputError(
                f"the PKCS#11 token {token!r} has no key and certificate labelled {key!r} ({type(e).__name__})",
                hint="list them with: pkcs11-tool --list-objects",
            ) from None
        return sign_pdf(pdf, signer, field_name, reason=reason, timestamper=timestamper)
    finally:
        session.close()
