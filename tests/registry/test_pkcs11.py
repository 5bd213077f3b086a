"""Signing with a key on a PKCS#11 token: a real SoftHSM2 token holding the test PKI's MARTA key
(imported with softhsm2-util) and its certificate chain (python-pkcs11)."""

from __future__ import annotations

import os
import subprocess

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from pki import PASSPHRASE
from registry_lib import sign_as, tie_test_pki

from pamats.errors import InputError

SOFTHSM = "/usr/lib/softhsm/libsofthsm2.so"
PIN = "1234"
SLUG = "marta-vrs"


@pytest.fixture(scope="session")
def token(tmp_path_factory, pki):
    """A SoftHSM2 token 'pamats-test' with the key 'marta' and its certificate and the intermediate."""
    import pkcs11
    from pkcs11 import Attribute, CertificateType, ObjectClass

    d = tmp_path_factory.mktemp("softhsm")
    (d / "tokens").mkdir()
    conf = d / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {d / 'tokens'}\nobjectstore.backend = file\n")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    subprocess.run(
        ["softhsm2-util", "--init-token", "--free", "--label", "pamats-test", "--pin", PIN, "--so-pin", "5678"],
        check=True,
        capture_output=True,
    )
    key, cert, chain = pkcs12.load_key_and_certificates(pki.p12["marta"].read_bytes(), PASSPHRASE)
    pem = d / "marta-key.pem"
    pem.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    subprocess.run(
        [
            "softhsm2-util",
            "--import",
            str(pem),
            "--token",
            "pamats-test",
            "--label",
            "marta",
            "--id",
            "01",
            "--pin",
            PIN,
        ],
        check=True,
        capture_output=True,
    )
    pem.unlink()
    tok = pkcs11.lib(SOFTHSM).get_token(token_label="pamats-test")
    with tok.open(user_pin=PIN, rw=True) as s:
        for label, c, cid in (("marta", cert, b"\x01"), ("intermediate", chain[0], b"\x02")):
            s.create_object(
                {
                    Attribute.CLASS: ObjectClass.CERTIFICATE,
                    Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                    Attribute.TOKEN: True,
                    Attribute.LABEL: label,
                    Attribute.ID: cid,
                    Attribute.SUBJECT: c.subject.public_bytes(),
                    Attribute.ISSUER: c.issuer.public_bytes(),
                    Attribute.VALUE: c.public_bytes(serialization.Encoding.DER),
                }
            )
    return {"lib": SOFTHSM, "token": "pamats-test", "key": "marta", "pin": PIN}


def test_sign_with_a_pkcs11_token_and_verify(agreement, token):
    reg = agreement
    reg.transition("anna", SLUG, "negotiation")
    reg.transition("anna", SLUG, "agreed")
    tie_test_pki(reg, "marta")
    r = reg.sign("anna", SLUG, pkcs11=token)
    assert "Signer of marta" in r["subject"] and "pamats Test Signing CA" in r["issuer"]
    assert sign_as(reg, "juris", "vrs")["status"] == "signed"
    rep = reg.verify("anna", SLUG)
    assert rep["ok"] and [g["ok"] for g in rep["signatures"]] == [True, True]


def test_wrong_pin_or_label_is_a_clear_error(agreement, token):
    reg = agreement
    reg.transition("anna", SLUG, "negotiation")
    reg.transition("anna", SLUG, "agreed")
    with pytest.raises(InputError, match="cannot open the PKCS#11 token 'pamats-test'"):
        reg.sign("anna", SLUG, pkcs11=dict(token, pin="0000"))
    with pytest.raises(InputError, match="no key and certificate labelled 'nobody'"):
        reg.sign("anna", SLUG, pkcs11=dict(token, key="nobody"))
    assert reg.show("anna", SLUG)["signatures"] == []


def test_cli_sign_with_a_token(agreement, token, monkeypatch, pki, checkpoint_key):
    from click.testing import CliRunner

    from pamats.cli.main import _register, cli

    reg = agreement
    reg.transition("anna", SLUG, "negotiation")
    reg.transition("anna", SLUG, "agreed")
    tie_test_pki(reg, "marta")
    for k, v in (
        ("PAMATS_FILES", reg.files.root),
        ("PAMATS_TRUST_ROOTS", pki.root_pem),
        ("PAMATS_CHECKPOINT_KEY", checkpoint_key),
        ("PAMATS_PKCS11_PIN", PIN),
    ):
        monkeypatch.setenv(k, str(v))
    _register()
    base = ["agreements", "--db", reg.url, "--as", "anna", "sign", SLUG]
    r = CliRunner().invoke(cli, base + ["--pkcs11-lib", SOFTHSM, "--pkcs11-token", "pamats-test"])
    assert r.exit_code == 2 and "needs --pkcs11-lib, --pkcs11-token and --pkcs11-key" in r.output
    r = CliRunner().invoke(
        cli, base + ["--pkcs11-lib", SOFTHSM, "--pkcs11-token", "pamats-test", "--pkcs11-key", "marta"]
    )
    assert r.exit_code == 0 and "marta signed version 1" in r.output and "Signer of marta" in r.output, r.output
