"""A test PKI made with ``cryptography``: a root CA, an intermediate CA and one signer per party
(PKCS#12 files with the intermediate inside), plus a stranger root for untrusted certificates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

NOT_BEFORE = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
NOT_AFTER = dt.datetime(2035, 1, 1, tzinfo=dt.UTC)
PASSPHRASE = b"test-passphrase"


def _name(cn: str, org: str = "pamats test PKI") -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "LV"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )


def _cert(subject, issuer, key, issuer_key, *, ca: bool, serial: int) -> x509.Certificate:
    b = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(serial)
        .not_valid_before(NOT_BEFORE)
        .not_valid_after(NOT_AFTER)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False)
    )
    if ca:
        b = b.add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    else:
        b = b.add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    return b.sign(issuer_key, hashes.SHA256())


@dataclass
class Pki:
    root_pem: Path
    stranger_root_pem: Path
    p12: dict[str, Path]  # party key -> PKCS#12 (trusted chain)
    stranger_p12: Path  # a signer under the stranger root


def make_pki(folder: Path, parties=("marta", "vrs", "vp")) -> Pki:
    folder.mkdir(parents=True, exist_ok=True)
    serial = iter(range(1000, 2000))
    root_key = ec.generate_private_key(ec.SECP256R1())
    root = _cert(
        _name("pamats Test Root CA"), _name("pamats Test Root CA"), root_key, root_key, ca=True, serial=next(serial)
    )
    int_key = ec.generate_private_key(ec.SECP256R1())
    inter = _cert(_name("pamats Test Signing CA"), root.subject, int_key, root_key, ca=True, serial=next(serial))
    stranger_key = ec.generate_private_key(ec.SECP256R1())
    stranger = _cert(
        _name("Stranger Root", "elsewhere"),
        _name("Stranger Root", "elsewhere"),
        stranger_key,
        stranger_key,
        ca=True,
        serial=next(serial),
    )

    def leaf(cn: str, org: str, issuer, issuer_key, chain, path: Path) -> Path:
        k = ec.generate_private_key(ec.SECP256R1())
        c = _cert(_name(cn, org), issuer.subject, k, issuer_key, ca=False, serial=next(serial))
        path.write_bytes(
            pkcs12.serialize_key_and_certificates(
                cn.encode(), k, c, chain, serialization.BestAvailableEncryption(PASSPHRASE)
            )
        )
        return path

    p12 = {p: leaf(f"Signer of {p}", p, inter, int_key, [inter], folder / f"{p}.p12") for p in parties}
    stranger_p12 = leaf("Mallory", "elsewhere", stranger, stranger_key, [stranger], folder / "stranger.p12")
    root_pem = folder / "root.pem"
    root_pem.write_bytes(root.public_bytes(serialization.Encoding.PEM))
    spem = folder / "stranger-root.pem"
    spem.write_bytes(stranger.public_bytes(serialization.Encoding.PEM))
    return Pki(root_pem, spem, p12, stranger_p12)
