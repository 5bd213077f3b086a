"""Which certificate may sign for an organisation (ties), revocation (CRLs from the test CAs, as files
and fetched over HTTP from the certificates' distribution points) and RFC 3161 signature timestamps
from a timestamping authority over HTTP on 127.0.0.1 (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest
from pki import ORG_IDS, PASSPHRASE
from registry_lib import cached_pdf_maker, sign_as, tie_test_pki
from sqlalchemy import text

from pamats.errors import InputError
from pamats.registry import Registry

SLUG = "marta-vrs"


def _agree(reg):
    reg.transition("anna", SLUG, "negotiation")
    reg.transition("anna", SLUG, "agreed")


def _sql(reg, q, **params):
    with reg.engine.begin() as c:
        return c.execute(text(q), params)


def _count(reg, table) -> int:
    return _sql(reg, f"SELECT count(*) FROM {table}").scalar_one()


def _again(reg, **kw) -> Registry:
    """The same registry opened with other revocation / timestamp settings (another server's config)."""
    return Registry(
        reg.url,
        clock=reg._clock,
        trust_roots=reg.trust_roots_path,
        checkpoint_key=reg.checkpoint_key_path,
        pdf_maker=cached_pdf_maker,
        **kw,
    )


def test_a_certificate_not_tied_to_the_organisation_is_refused(agreement, pki):
    reg = agreement
    _agree(reg)
    tie_test_pki(reg, "vrs")
    reg.agreed_pdf("juris", SLUG)
    before = _count(reg, "signatures")
    with pytest.raises(InputError, match="is not tied to organisation 'vrs'"):  # VRS's user, MARTA's certificate
        reg.sign("juris", SLUG, pkcs12=pki.p12["marta"].read_bytes(), passphrase=PASSPHRASE)
    with pytest.raises(
        InputError, match=r"organizationIdentifier=NTRLV-00000000001\) is not tied to organisation 'marta'"
    ):
        reg.sign("anna", SLUG, pkcs12=pki.p12["marta"].read_bytes(), passphrase=PASSPHRASE)  # no tie yet
    assert _count(reg, "signatures") == before
    tie = reg.tie_certificate("marta", certificate=pki.signer_pem["marta"].read_bytes())
    assert tie["kind"] == "certificate" and len(tie["value"]) == 64 and "Signer of marta" in tie["label"]
    assert reg.sign("anna", SLUG, pkcs12=pki.p12["marta"].read_bytes(), passphrase=PASSPHRASE)["status"] == "agreed"
    with pytest.raises(InputError, match="already tied"):
        reg.tie_certificate("marta", certificate=pki.signer_pem["marta"].read_bytes())
    with pytest.raises(InputError, match="not a subject identifier"):
        reg.tie_certificate("marta", identifier="commonName=Anna")


def test_a_tie_forged_or_removed_by_sql_is_reported(agreement):
    reg = agreement
    _agree(reg)
    sign_as(reg, "anna", "marta")
    assert sign_as(reg, "juris", "vrs")["status"] == "signed"
    assert reg.verify("anna", SLUG)["ok"]
    _sql(  # a tie for VRS that lets MARTA's certificates sign for it
        reg,
        "INSERT INTO org_certificates (organisation_id, kind, attribute, value, label, added_at) "
        "SELECT id, 'attribute', 'organization_identifier', :v, 'forged', :t FROM organisations WHERE key = 'vrs'",
        v=ORG_IDS["marta"],
        t=dt.datetime(2026, 3, 1, tzinfo=dt.UTC),
    )
    p = "\n".join(reg.verify("anna", SLUG)["problems"])
    assert "certificate tie of 'vrs' 3: in the table but not in the audit log" in p
    _sql(reg, "DELETE FROM org_certificates WHERE value = :v", v=ORG_IDS["vrs"])
    p = "\n".join(reg.verify("anna", SLUG)["problems"])
    assert "signature of vrs on version 1: the certificate of" in p and "is not tied to organisation 'vrs'" in p
    assert "certificate tie of 'vrs' 2: in the audit log but missing from the table" in p


def test_a_revoked_certificate_is_refused_with_crl_files(agreement, pki):
    reg = _again(agreement, crls=":".join(str(p) for p in pki.crls))
    assert reg.revocation().mode == "hard-fail" and len(reg.revocation().crls) == 2
    _agree(reg)
    tie_test_pki(reg, "marta")
    reg.agreed_pdf("anna", SLUG)
    before = _count(reg, "signatures")
    with pytest.raises(InputError, match=r"Revoked signer of marta.*was revoked .*\(revocation list\)"):
        reg.sign("anna", SLUG, pkcs12=pki.revoked_p12.read_bytes(), passphrase=PASSPHRASE)
    assert _count(reg, "signatures") == before
    sign_as(reg, "anna", "marta")  # a certificate the CRL does not list is accepted under hard-fail
    rep = reg.verify("anna", SLUG)
    assert rep["ok"] and rep["signatures"][0]["revoked"] is False
    reg.close()


def test_revocation_fetched_from_the_distribution_point(agreement, pki, pki_server):
    reg = _again(agreement, fetch_revocation=True)
    _agree(reg)
    tie_test_pki(reg, "marta")
    pki_server.fetched.clear()
    with pytest.raises(InputError, match="was revoked"):
        reg.sign("anna", SLUG, pkcs12=pki.revoked_p12.read_bytes(), passphrase=PASSPHRASE)
    assert "/signing-ca.crl" in pki_server.fetched
    reg.close()


def test_without_revocation_info_hard_fail_refuses(agreement, pki):
    reg = _again(agreement, crls=str(pki.crls[0]))  # the root's CRL only: the signers' status is unknown
    _agree(reg)
    tie_test_pki(reg, "marta")
    with pytest.raises(
        InputError, match="revocation status of the certificate of .*Signer of marta.* could not be established"
    ):
        reg.sign("anna", SLUG, pkcs12=pki.p12["marta"].read_bytes(), passphrase=PASSPHRASE)
    reg.close()


def test_signature_timestamp_is_verified_and_reported(agreement, pki, pki_server):
    from pamats.registry.evidence.report import report_text

    reg = _again(agreement, tsa_url=f"{pki_server.base}/tsa", crls=":".join(str(p) for p in pki.crls))
    _agree(reg)
    before = dt.datetime.now(dt.UTC)
    r = sign_as(reg, "anna", "marta")
    assert r["timestamp"] is not None and before - dt.timedelta(seconds=5) <= r["timestamp"] <= dt.datetime.now(dt.UTC)
    assert r["valid_at"] == r["timestamp"]  # the certificate was checked at the timestamp's time
    sign_as(reg, "juris", "vrs")
    rep = reg.verify("anna", SLUG)
    assert rep["ok"], rep["problems"]
    g = rep["signatures"][0]
    assert g["timestamp"] == r["timestamp"] and g["timestamp_ok"] is True and g["valid_at"] == g["timestamp"]
    txt = report_text(rep)
    assert "laika zīmogs / timestamp (RFC 3161): " + str(g["timestamp"])[:19] + ", zīmogs derīgs / token valid" in txt
    assert f"certificate checked at: {str(g['valid_at'])[:19]}: derīgs tajā brīdī / valid at that time" in txt
    reg.close()


def test_a_timestamp_before_the_revocation_keeps_the_signature_valid(agreement, pki, pki_server):
    """The revoked certificate was revoked on 2025-06-01; a timestamp of 2025-03-01 proves the signature
    existed before, so the certificate was valid at that time; a timestamp after it does not."""
    reg = _again(agreement, tsa_url=f"{pki_server.base}/tsa", crls=":".join(str(p) for p in pki.crls))
    _agree(reg)
    tie_test_pki(reg, "marta")
    try:
        pki_server.start_tsa(pki.tsa, fixed_dt=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
        with pytest.raises(InputError, match="was revoked at 2026-01-01"):
            reg.sign("anna", SLUG, pkcs12=pki.revoked_p12.read_bytes(), passphrase=PASSPHRASE)
        pki_server.start_tsa(pki.tsa, fixed_dt=dt.datetime(2025, 3, 1, tzinfo=dt.UTC))
        r = reg.sign("anna", SLUG, pkcs12=pki.revoked_p12.read_bytes(), passphrase=PASSPHRASE)
    finally:
        pki_server.start_tsa(pki.tsa)
    assert r["timestamp"] == dt.datetime(2025, 3, 1, tzinfo=dt.UTC) == r["valid_at"]
    g = reg.verify("anna", SLUG)["signatures"][0]
    assert g["ok"] and not g["revoked"] and g["valid_at"] == dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
    reg.close()


def test_without_a_timestamp_the_certificate_is_checked_when_the_registry_accepted_it(agreement, pki):
    """Accepted (server clock 2025-03-01) before the revocation of 2025-06-01: verify checks the
    certificate at that accepted time, not at the signer's own claimed signing time (today)."""
    reg = _again(agreement, crls=":".join(str(p) for p in pki.crls))
    _agree(reg)
    tie_test_pki(reg, "marta")
    reg._clock.t = dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC)
    r = reg.sign("anna", SLUG, pkcs12=pki.revoked_p12.read_bytes(), passphrase=PASSPHRASE)
    assert r["timestamp"] is None and r["signing_time"] > dt.datetime(2025, 6, 1, tzinfo=dt.UTC)  # claimed: now
    g = reg.verify("anna", SLUG)["signatures"][0]
    assert g["ok"] and g["valid_at"].date() == dt.date(2025, 3, 1) and not g["revoked"], g
    reg.close()
