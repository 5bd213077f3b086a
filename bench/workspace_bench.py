"""This file benchmarks the workspace core's pages on PostgreSQL, each beside a registry reference.

Data: 3 organisations, N agreements between MARTA and the State Border Guard (default 100), each
with a 30-point text, 5 comment threads and 3 open suggestions. Figures (median of repeats, ms):
- dashboard (all N agreements: whose move, counts, next due, recheck) vs ``Registry.list_agreements``
  (the plain list the CLI shows) on the same data;
- room (points with threads and suggestions) vs ``Registry.show``;
- accept one suggestion (a new version with a real DOCX) vs ``render_docx_bytes`` of the same text.
The access checks are inside every workspace figure. A fresh database ``pamats_bench_ws_<pid>``
is created and dropped. Run: .venv/bin/python bench/workspace_bench.py [--agreements N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time

from sqlalchemy import create_engine, text

from pamats.drafting.document import Instrument, Node
from pamats.drafting.render.docx import render_docx_bytes
from pamats.registry import Registry
from pamats.registry.workspace import Principal, Workspace

PG = os.environ.get("PAMATS_TEST_PG", "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres")
ADMIN = Principal(1, "admin@bench.example", server_admin=True)
ANNA = Principal(11, "anna@marta.example")
JURIS = Principal(21, "juris@vrs.example")


def instrument() -> dict:
    pts = [
        Node(id=f"p{k}", text=[f"Puses sadarbojas jautājumā Nr. {k}: informē viena otru triju darbdienu laikā."])
        for k in range(30)
    ]
    return Instrument(
        kind="agreement",
        title="Sadarbības līgums",
        body=[Node(id="ch1", kind="chapter", title="Vispārīgie noteikumi", children=pts)],
    ).model_dump(mode="json")


def timed(fn, repeat: int) -> float:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return statistics.median(out)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--agreements", type=int, default=100)
    n = ap.parse_args().agreements
    name = f"pamats_bench_ws_{os.getpid()}"
    admin = create_engine(PG, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG.rsplit("/", 1)[0] + "/" + name
    try:
        run(url, n)
    finally:
        with admin.connect() as c:
            c.execute(
                text(
                    f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' "
                    "AND pid <> pg_backend_pid()"
                )
            )
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


def run(url: str, n: int) -> None:
    reg = Registry(url, files_in_db=True)
    ws = Workspace(reg)
    for key, who in (("marta", ANNA), ("vrs", JURIS), ("vp", None)):
        ws.create_organisation(ADMIN, key, key.upper())
        if who:
            ws.invite(ADMIN, key, who.email, "negotiator", admin=True)
            ws.login(who)
    ins = instrument()
    t0 = time.perf_counter()
    for i in range(n):
        slug = f"a{i:04d}"
        ws.create_agreement(
            ANNA, slug, f"Līgums {i}", ["marta", "vrs"], answers={}, instrument=ins, docx=b"PK-bench-%d" % i
        )
        ws.transition(ANNA, slug, "negotiation")
        for k in range(5):
            ws.comment(JURIS, slug, f"p{k}", f"Jautājums par punktu {k}")
        for k in range(3):
            ws.suggest(JURIS, slug, f"p{10 + k}", "replace", f"Jauna redakcija {k}.")
    setup = time.perf_counter() - t0
    print(f"setup: {n} agreements, 5 threads + 3 suggestions each: {setup:.1f} s")
    rows = [
        (
            "dashboard (N agreements)",
            timed(lambda: ws.dashboard(ANNA), 5),
            "list_agreements",
            timed(lambda: reg.list_agreements("da-11"), 5),
        ),
        (
            "room (30 points)",
            timed(lambda: ws.room(ANNA, "a0000"), 20),
            "Registry.show",
            timed(lambda: reg.show("da-11", "a0000"), 20),
        ),
    ]
    sids = [x["id"] for x in ws.suggestions(ANNA, "a0001")]
    accept_ms = timed(lambda: ws.accept(ANNA, "a0001", [sids.pop()]), 3)
    render_ms = timed(lambda: render_docx_bytes(Instrument.model_validate(ins)), 3)
    rows.append(("accept 1 suggestion (new version + DOCX)", accept_ms, "render_docx_bytes", render_ms))
    print(f"{'workspace call':45} {'ms':>8}   {'reference':22} {'ms':>8}  ratio")
    for what, ms, ref, ref_ms in rows:
        print(f"{what:45} {ms:8.1f}   {ref:22} {ref_ms:8.1f}  {ms / ref_ms:5.1f}x")
    reg.close()


if __name__ == "__main__":
    tempfile.tempdir = tempfile.gettempdir()
    main()
