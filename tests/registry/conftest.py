"""Registry fixtures: every test runs on SQLite and on the real PostgreSQL.

PostgreSQL URL: env PAMATS_TEST_PG (default postgresql+psycopg2://postgres@127.0.0.1:5432/postgres).
A fresh database ``pamats_test_<pid>`` is created per test session and dropped after; each test
gets an empty schema. If the server cannot be reached the PostgreSQL half is skipped with the
reason shown, unless PAMATS_REQUIRE_PG=1 (then it fails).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from pamats.registry import Registry

sys.path.insert(0, str(Path(__file__).parent))  # the test PKI helper (pki.py), registry_lib.py

from registry_lib import Clock, cached_pdf_maker, instrument  # noqa: E402  (helpers the tests import by name)

PG_ADMIN = os.environ.get("PAMATS_TEST_PG", "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres")


@pytest.fixture(scope="session")
def pg_url():
    name = f"pamats_test_{os.getpid()}"
    try:
        admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            c.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as e:  # noqa: BLE001
        if os.environ.get("PAMATS_REQUIRE_PG") == "1":
            raise
        pytest.skip(f"PostgreSQL not reachable at {PG_ADMIN}: {str(e).splitlines()[0]}")
    url = PG_ADMIN.rsplit("/", 1)[0] + "/" + name
    yield url
    with admin.connect() as c:
        c.execute(
            text(
                f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' "
                "AND pid <> pg_backend_pid()"
            )
        )
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    admin.dispose()


@pytest.fixture(scope="session")
def pg_migrated(pg_url):
    Registry(pg_url).close()  # alembic upgrade head once per session
    return pg_url


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("registry-template") / "registry.sqlite"
    Registry(f"sqlite:///{path}").close()  # alembic upgrade head once; copied per test
    return path


_TABLES = (
    "ws_settings",
    "ws_mail_outbox",
    "stored_files",
    "signed_pdfs",
    "agreed_pdfs",
    "checkpoints",
    "signatures",
    "comments",
    "obligations",
    "audit_log",
    "versions",
    "agreement_parties",
    "agreements",
    "users",
    "organisations",
)  # ws_* tables: truncated by CASCADE


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A migrated, empty registry database per test (SQLite: a copy of a migrated template;
    PostgreSQL: the session database, tables truncated)."""
    if request.param == "sqlite":
        import shutil

        target = tmp_path / "registry.sqlite"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), target)
        return f"sqlite:///{target}"
    url = request.getfixturevalue("pg_migrated")
    eng = create_engine(url, isolation_level="AUTOCOMMIT")
    with eng.connect() as c:
        c.execute(text(f"TRUNCATE {', '.join(_TABLES)} RESTART IDENTITY CASCADE"))
    eng.dispose()
    return url


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture(scope="session")
def pki_server(tmp_path_factory):
    """The test PKI's CRLs and timestamping authority over HTTP on 127.0.0.1 (pki_services.py)."""
    from pki_services import PkiServer

    srv = PkiServer(tmp_path_factory.mktemp("pki"))
    yield srv
    srv.close()


@pytest.fixture(scope="session")
def pki(pki_server):
    """Root, intermediate and one signer per party (PKCS#12), a stranger's root and signer, a revoked
    signer, the CRLs (served by pki_server at the certificates' distribution points) and a TSA."""
    from pki import make_pki

    p = make_pki(pki_server.folder, crl_base=pki_server.base)
    pki_server.start_tsa(p.tsa)
    return p


@pytest.fixture(scope="session")
def checkpoint_key(tmp_path_factory):
    from pamats.registry.evidence.checkpoint import generate_key

    path = tmp_path_factory.mktemp("deployment") / "checkpoint-key.pem"
    generate_key(path)
    return path


@pytest.fixture
def reg(db_url, tmp_path, clock, pki, checkpoint_key):
    r = Registry(
        db_url,
        files_dir=tmp_path / "files",
        clock=clock,
        trust_roots=pki.root_pem,
        checkpoint_key=checkpoint_key,
        pdf_maker=cached_pdf_maker,
    )
    yield r
    r.close()


@pytest.fixture
def people(reg):
    """Three organisations (MARTA, VRS, VP) with one user each; Ilze is a second MARTA user."""
    for key, name in (("marta", 'Biedrība "Centrs MARTA"'), ("vrs", "Valsts robežsardze"), ("vp", "Valsts policija")):
        reg.add_organisation(key, name)
    reg.add_user("anna", "Anna Bērziņa", "marta")
    reg.add_user("ilze", "Ilze Kalniņa", "marta")
    reg.add_user("juris", "Juris Ozols", "vrs")
    reg.add_user("peteris", "Pēteris Liepa", "vp")
    return reg


@pytest.fixture
def make_instrument():
    return instrument


@pytest.fixture(scope="session")
def agreement_docx():
    """A real DOCX of the fixture's instrument (LibreOffice can turn it into the agreed PDF)."""
    from pamats.drafting.document import Instrument
    from pamats.drafting.render.docx import render_docx_bytes

    return render_docx_bytes(
        Instrument.model_validate(instrument(("p1", "Puses sadarbojas."), ("p2", "Robežsardze informē MARTA.")))
    )


@pytest.fixture
def agreement(people, agreement_docx):
    """MARTA–VRS agreement with version 1 (two points)."""
    people.create_agreement(
        "anna",
        "marta-vrs",
        "Sadarbības līgums",
        ["marta", "vrs"],
        relied_on=[{"instrument": "nrm-regulation", "provision": "implementing-acts"}],
        term_start=dt.date(2026, 4, 1),
        term_end=dt.date(2027, 3, 31),
        answers={"v": 1},
        instrument=instrument(("p1", "Puses sadarbojas."), ("p2", "Robežsardze informē MARTA.")),
        docx=agreement_docx,
    )
    return people
