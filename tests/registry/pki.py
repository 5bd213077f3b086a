"""A test PKI made with ``cryptography``: a root CA, an intermediate CA and one signer per party
(PKCS#12 files with the intermediate inside; the subject carries the party's organisation
identifier ``ORG_IDS``), plus a stranger root for untrusted certificates; a MARTA signer whose
certificate is revoked; a timestamping authority's certificate and key; the CAs' revocation lists
(CRLs, DER), published at the CRL distribution point URLs in the certificates (``crl_base``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

NOT_BEFORE = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
NOT_AFTER = dt.datetime(2035, 1, 1, tzinfo=dt.UTC)
PASSPHRASE = b"test-passphrase"
REVOKED_AT = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
ORGANIZATION_IDENTIFIER = ObjectIdentifier("2.5.4.97")
# made-up organisation identifiers (NTR = national trade register, ETSI EN 319 412-1): not real numbers
ORG_IDS = {"marta": "NTRLV-00000000001", "vrs": "NTRLV-00000000002", "vp": "NTRLV-00000000003"}


def _name(cn: str, org: str = "pamats test PKI", org_id: str | None = None) -> x509.Name:
    attrs = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "LV"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
        x509.NameAttribute(NameOID.COMMON_NAME, cn),
    ]
    if org_id:
        attrs.append(x509.NameAttribute(ORGANIZATION_IDENTIFIER, org_id))
    return x509.Name(attrs)


def _cert(
    subject, issuer, key, issuer_key, *, ca: bool, serial: int, crl_url: str | None = None, tsa: bool = False
) -> x509.Certificate:
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
    if crl_url:
        b = b.add_extension(
            x509.CRLDistributionPoints(
                [x509.DistributionPoint([x509.UniformResourceIdentifier(crl_url)], None, None, None)]
            ),
            critical=False,
        )
    if tsa:
        b = b.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
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
    revoked_p12: Path | None = None  # a MARTA signer whose certificate the signing CA revoked (REVOKED_AT)
    crls: list[Path] | None = None  # root.crl (over the intermediate), signing-ca.crl (over the signers)
    tsa: tuple | None = None  # (certificate PEM, key PEM, intermediate PEM) of the timestamping authority
    signer_pem: dict[str, Path] | None = None  # party key -> its signer certificate (PEM)


def _crl(issuer, issuer_key, revoked: list[int]) -> bytes:
    b = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(issuer.subject)
        .last_update(NOT_BEFORE)
        .next_update(NOT_AFTER)
        .add_extension(x509.CRLNumber(1), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False)
    )
    for serial in revoked:
        b = b.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(REVOKED_AT).build()
        )
    return b.sign(issuer_key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)


def make_pki(folder: Path, parties=("marta", "vrs", "vp"), crl_base: str | None = None) -> Pki:
    folder.mkdir(parents=True, exist_ok=True)
    serial = iter(range(1000, 2000))
    root_key = ec.generate_private_key(ec.SECP256R1())
    root = _cert(
        _name("pamats Test Root CA"), _name("pamats Test Root CA"), root_key, root_key, ca=True, serial=next(serial)
    )
    int_key = ec.generate_private_key(ec.SECP256R1())
    root_crl_url = f"{crl_base}/root.crl" if crl_base else None
    ca_crl_url = f"{crl_base}/signing-ca.crl" if crl_base else None
    inter = _cert(
        _name("pamats Test Signing CA"),
        root.subject,
        int_key,
        root_key,
        ca=True,
        serial=next(serial),
        crl_url=root_crl_url,
    )
    stranger_key = ec.generate_private_key(ec.SECP256R1())
    stranger = _cert(
        _name("Stranger Root", "elsewhere"),
        _name("Stranger Root", "elsewhere"),
        stranger_key,
        stranger_key,
        ca=True,
        serial=next(serial),
    )

    leaves: dict[str, x509.Certificate] = {}

    def leaf(cn: str, org: str, issuer, issuer_key, chain, path: Path, crl_url=None) -> Path:
        k = ec.generate_private_key(ec.SECP256R1())
        c = _cert(
            _name(cn, org, ORG_IDS.get(org)),
            issuer.subject,
            k,
            issuer_key,
            ca=False,
            serial=next(serial),
            crl_url=crl_url,
        )
        leaves[path.stem] = c
        path.write_bytes(
            pkcs12.serialize_key_and_certificates(
                cn.encode(), k, c, chain, serialization.BestAvailableEncryption(PASSPHRASE)
            )
        )
        return path

    p12 = {p: leaf(f"Signer of {p}", p, inter, int_key, [inter], folder / f"{p}.p12", ca_crl_url) for p in parties}
    stranger_p12 = leaf("Mallory", "elsewhere", stranger, stranger_key, [stranger], folder / "stranger.p12")
    revoked_p12 = leaf("Revoked signer of marta", "marta", inter, int_key, [inter], folder / "revoked.p12", ca_crl_url)
    crls = [folder / "root.crl", folder / "signing-ca.crl"]
    crls[0].write_bytes(_crl(root, root_key, []))
    crls[1].write_bytes(_crl(inter, int_key, [leaves["revoked"].serial_number]))
    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # pyHanko's token builder signs RSA
    tsa_cert = _cert(
        _name("pamats Test TSA"),
        inter.subject,
        tsa_key,
        int_key,
        ca=False,
        serial=next(serial),
        crl_url=ca_crl_url,
        tsa=True,
    )
    pem = serialization.Encoding.PEM
    tsa = (
        tsa_cert.public_bytes(pem),
        tsa_key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()),
        inter.public_bytes(pem),
    )
    signer_pem = {}
    for p in parties:
        signer_pem[p] = folder / f"{p}-signer.pem"
        signer_pem[p].write_bytes(leaves[p].public_bytes(pem))
    root_pem = folder / "root.pem"
    root_pem.write_bytes(root.public_bytes(serialization.Encoding.PEM))
    spem = folder / "stranger-root.pem"
    spem.write_bytes(stranger.public_bytes(serialization.Encoding.PEM))
    return Pki(root_pem, spem, p12, stranger_p12, revoked_p12, crls, tsa, signer_pem)
