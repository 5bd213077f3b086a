"""Signing benchmark: PAdES sign and verify of a 30-page agreement PDF, and `verify` of an agreement
with 50 versions and 1,000 audit entries (two PAdES signatures included), SQLite and PostgreSQL.

Usage: .venv/bin/python bench/signing_bench.py [--pages 30] [--runs 7]
       [--pg postgresql+psycopg2://postgres@127.0.0.1:5432/postgres] [--no-pg]
The reference, measured in the same run: one bare ECDSA P-256 signature and verification of the
PDF's SHA-256 with ``cryptography`` (what any PDF signature costs at least), and LibreOffice's
DOCX -> PDF/A conversion (made once per agreed version, not per signature).
The test PKI is the one the tests use (tests/registry/pki.py). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "registry"))

from pki import ORG_IDS, PASSPHRASE, make_pki  # noqa: E402
from pki_services import PkiServer  # noqa: E402

from pamats.drafting.document import Instrument, Node  # noqa: E402
from pamats.drafting.render.docx import render_docx_bytes  # noqa: E402
from pamats.registry import Registry  # noqa: E402
from pamats.registry.evidence.checkpoint import generate_key  # noqa: E402
from pamats.registry.evidence.pades import Revocation, check_signatures, load_pkcs12, sign_pdf  # noqa: E402
from pamats.registry.evidence.pdf import make_agreed_pdf  # noqa: E402

CLAUSE = (
    "Puses nekavējoties, bet ne vēlāk kā 24 stundu laikā, rakstveidā informē viena otru par iespējamo "
    "cilvēku tirdzniecības upuri, nododot tikai tos personas datus, kas nepieciešami atbalsta "
    "nodrošināšanai, un ievērojot Vispārīgās datu aizsardzības regulas prasības. "
)


def instrument(clauses: int, tag: str = "") -> dict:
    chapters, k = [], 0
    for c in range(max(1, clauses // 12)):
        kids = []
        for _ in range(12):
            k += 1
            kids.append(Node(id=f"p{k}", text=[f"{CLAUSE * 2}{tag}"]))
        chapters.append(Node(id=f"ch{c}", kind="chapter", title=f"Nodaļa {c + 1}", children=kids))
    return Instrument(kind="agreement", title="Sadarbības līgums", body=chapters).model_dump(mode="json")


def timed(fn, runs: int) -> tuple[float, object]:
    out, ts = None, []
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        ts.append(time.perf_counter() - t)
    return statistics.median(ts), out


def pages(pdf: bytes) -> int:
    from pyhanko.pdf_utils.reader import PdfFileReader

    return int(PdfFileReader(io.BytesIO(pdf)).root["/Pages"]["/Count"])


def registry_verify(url: str, docx: bytes, pdf: bytes, pki, key: Path, files: Path, runs: int) -> dict:
    reg = Registry(url, files_dir=files, trust_roots=pki.root_pem, checkpoint_key=key, pdf_maker=lambda *_a: pdf_for[0])
    reg.add_organisation("marta", "MARTA")
    reg.add_organisation("vrs", "VRS")
    for org in ("marta", "vrs"):
        reg.tie_certificate(org, identifier=f"organizationIdentifier={ORG_IDS[org]}")
    reg.add_user("anna", "Anna", "marta")
    reg.add_user("juris", "Juris", "vrs")
    small = instrument(12)
    t0 = time.perf_counter()
    reg.create_agreement("anna", "bench", "Sadarbības līgums", ["marta", "vrs"], answers={"v": 1}, instrument=small)
    reg.transition("anna", "bench", "negotiation")
    for n in range(2, 50):
        reg.propose("anna" if n % 2 else "juris", "bench", {"v": n}, instrument=instrument(12, f" v{n}"))
    v50 = instrument(360)
    reg.propose("juris", "bench", {"v": 50}, instrument=v50, docx=docx)
    pdf_for = [make_agreed_pdf(docx, "bench", 50, reg.version("anna", "bench", 50)["content_hash"])]
    reg.transition("anna", "bench", "agreed")
    for user, org in (("anna", "marta"), ("juris", "vrs")):
        reg.sign(user, "bench", pkcs12=pki.p12[org].read_bytes(), passphrase=PASSPHRASE)
    n_audit = len(reg.audit("anna", "bench"))
    while n_audit < 1000:  # fill to 1,000 entries with comments and their resolutions
        cid = reg.comment("juris", "bench", "p1", f"Komentārs {n_audit}", version=50)
        n_audit += 1
        if n_audit < 1000:
            reg.resolve_comment("anna", "bench", cid)
            n_audit += 1
    populate = time.perf_counter() - t0
    med, rep = timed(lambda: reg.verify("anna", "bench"), runs)
    assert rep["ok"] and rep["audit_entries"] == 1000 and rep["versions"] == 50, rep["problems"][:3]
    reg.crls_path = ":".join(str(p) for p in pki.crls)  # the same registry with revocation lists (hard-fail)
    med_crl, rep = timed(lambda: reg.verify("anna", "bench"), runs)
    assert rep["ok"], rep["problems"][:3]
    reg.close()
    return {"populate": populate, "verify": med, "verify_crl": med_crl}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=30)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--pg", default="postgresql+psycopg2://postgres@127.0.0.1:5432/postgres")
    ap.add_argument("--no-pg", action="store_true")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="pamats-signbench-"))
    (tmp / "pki").mkdir()
    server = PkiServer(tmp / "pki")  # the CRLs and an RFC 3161 TSA over HTTP on 127.0.0.1
    pki = make_pki(tmp / "pki", crl_base=server.base)
    tsa_url = server.start_tsa(pki.tsa)
    key = tmp / "checkpoint.pem"
    generate_key(key)
    from pyhanko.keys import load_certs_from_pemder

    roots = list(load_certs_from_pemder([str(pki.root_pem)]))
    docx = render_docx_bytes(Instrument.model_validate(instrument(args.pages * 11 // 2)))
    t = time.perf_counter()
    pdf = make_agreed_pdf(docx, "bench", 1, "0" * 64)
    lo = time.perf_counter() - t
    rows = [("-", f"reference: LibreOffice DOCX -> PDF/A-2b ({pages(pdf)} pages, {len(pdf) // 1024} KiB), once", lo)]

    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    k = ec.generate_private_key(ec.SECP256R1())

    def bare():
        sig = k.sign(hashlib.sha256(pdf).digest(), ec.ECDSA(hashes.SHA256()))
        k.public_key().verify(sig, hashlib.sha256(pdf).digest(), ec.ECDSA(hashes.SHA256()))

    rows.append(("-", "reference: SHA-256 of the PDF + bare ECDSA P-256 sign and verify", timed(bare, args.runs)[0]))
    signer = load_pkcs12(pki.p12["marta"].read_bytes(), PASSPHRASE)
    med, one = timed(lambda: sign_pdf(pdf, signer, "marta-v1"), args.runs)
    rows.append(("-", f"PAdES sign the {pages(pdf)}-page PDF (pyHanko, PKCS#12 loaded)", med))
    two = sign_pdf(one, load_pkcs12(pki.p12["vrs"].read_bytes(), PASSPHRASE), "vrs-v1")
    med, checks = timed(lambda: check_signatures(one, pdf, roots), args.runs)
    assert all(c.ok for c in checks)
    rows.append(("-", "PAdES verify 1 signature (chain to root, byte prefix, diff analysis)", med))
    med, checks = timed(lambda: check_signatures(two, pdf, roots), args.runs)
    assert len(checks) == 2 and all(c.ok for c in checks)
    rows.append(("-", "PAdES verify 2 signatures (the reference of the verify rows below)", med))
    ref_two = med
    from pyhanko.sign.timestamps import HTTPTimeStamper

    med, one_ts = timed(lambda: sign_pdf(pdf, signer, "marta-v1", timestamper=HTTPTimeStamper(tsa_url)), args.runs)
    rows.append(("-", "PAdES sign + RFC 3161 timestamp (HTTP TSA on 127.0.0.1)", med))
    rev = Revocation(crls=tuple(p.read_bytes() for p in pki.crls), mode="hard-fail")
    med, checks = timed(lambda: check_signatures(one_ts, pdf, roots, revocation=rev), args.runs)
    assert all(c.ok and c.timestamp_ok for c in checks), [c.problems for c in checks]
    rows.append(("-", "PAdES verify 1 timestamped signature, CRLs (hard-fail), at the timestamp's time", med))

    backends = [("SQLite", f"sqlite:///{tmp / 'bench.sqlite'}")]
    pg_admin = None
    if not args.no_pg:
        pg_admin = create_engine(args.pg, isolation_level="AUTOCOMMIT")
        with pg_admin.connect() as c:
            c.execute(text('DROP DATABASE IF EXISTS "pamats_signbench"'))
            c.execute(text('CREATE DATABASE "pamats_signbench"'))
        backends.append(("PostgreSQL", args.pg.rsplit("/", 1)[0] + "/pamats_signbench"))
    for name, url in backends:
        r = registry_verify(url, docx, pdf, pki, key, tmp / f"files-{name}", args.runs)
        rows.append((name, "populate 50 versions, 2 PAdES signatures, 1,000 audit entries (API)", r["populate"]))
        rows.append(
            (
                name,
                "verify (chain, 50 versions, 2 signatures, tables vs payloads, organisations, checkpoint)",
                r["verify"],
                ref_two,
            )
        )
        rows.append((name, "the same verify with CRL files (hard-fail revocation)", r["verify_crl"], ref_two))
    if pg_admin is not None:
        with pg_admin.connect() as c:
            c.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'pamats_signbench' "
                    "AND pid <> pg_backend_pid()"
                )
            )
            c.execute(text('DROP DATABASE IF EXISTS "pamats_signbench"'))
    print(f"signing bench {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, median of {args.runs} runs\n")
    server.close()
    print("| backend | operation | median | × reference |\n|---|---|---|---|")
    for b, op, s, *ref in rows:
        t = f"{s * 1000:.1f} ms" if s < 10 else f"{s:.1f} s"
        print(f"| {b} | {op} | {t} | {s / ref[0]:.2f} |" if ref else f"| {b} | {op} | {t} | |")


if __name__ == "__main__":
    main()
