"""Registry benchmark: 10,000 agreements x 10 versions; list, search, show, redline.

Usage: .venv/bin/python bench/registry_bench.py [--agreements 10000] [--versions 10]
       [--pg postgresql+psycopg2://postgres@127.0.0.1:5432/postgres] [--no-pg]
Rows are bulk-inserted (the API would take hours for 100,000 versions with DOCX files), with
real canonical JSON and content hashes; timings then go through the public Registry API.
Prints a Markdown table (the figures in bench/RESULTS-registry.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, insert, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from pamats.drafting.document import Instrument, Node  # noqa: E402
from pamats.drafting.redline import compare  # noqa: E402
from pamats.drafting.redline_docx import redline_docx_bytes  # noqa: E402
from pamats.registry import Registry  # noqa: E402
from pamats.registry.hashing import canonical, content_hash  # noqa: E402
from pamats.registry.models import Agreement, AgreementParty, Organisation, User, Version  # noqa: E402

WORDS = (
    "puses sadarbojas informē robežsardze biedrība upuris dati termiņš kontaktpunkts mācības "
    "nekavējoties stundu laikā rakstveidā drošu elektronisko pastu personas piekrišanu"
).split()


def sentence(rng, n=14):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def instrument(rng, clauses: int) -> dict:
    chapters = []
    per = max(1, clauses // 10)
    k = 0
    for c in range(10):
        kids = []
        for _ in range(per):
            k += 1
            kids.append(Node(id=f"p{k}", text=[sentence(rng)]))
        chapters.append(Node(id=f"ch{c}", kind="chapter", title=f"Nodaļa {c}", children=kids))
    return Instrument(kind="agreement", title="Sadarbības līgums", body=chapters).model_dump(mode="json")


def mutate(rng, ins: dict) -> dict:
    import copy

    out = copy.deepcopy(ins)
    pts = [p for ch in out["body"] for p in ch["children"]]
    for p in rng.sample(pts, 10):  # change 10 clauses
        p["text"] = [p["text"][0].replace(rng.choice(WORDS), rng.choice(WORDS), 1) + " " + sentence(rng, 4)]
    ch = out["body"]
    del ch[3]["children"][0]  # delete one
    ch[5]["children"].insert(
        1,
        {
            "id": "new1",
            "kind": "point",
            "title": None,
            "text": ["Jauns punkts."],
            "children": [],
            "authorises": [],
            "empowers": [],
        },
    )  # insert one
    moved = ch[7]["children"].pop(2)
    ch[1]["children"].append(moved)  # move one
    return out


def populate(url: str, n: int, nv: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    eng = create_engine(url)
    now = dt.datetime(2026, 11, 28, tzinfo=dt.UTC)
    with eng.begin() as c:
        c.execute(
            insert(Organisation), [{"id": i, "key": f"org{i}", "name": f"Organizācija {i}"} for i in range(1, 51)]
        )
        c.execute(
            insert(User),
            [{"id": i, "username": f"user{i}", "name": f"User {i}", "organisation_id": i} for i in range(1, 51)],
        )
        ags, parties, versions = [], [], []
        vid = 0
        statuses = ["draft", "negotiation", "agreed", "signed", "in_force", "expired"]
        for a in range(1, n + 1):
            o1, o2 = rng.sample(range(1, 51), 2)
            ags.append(
                {
                    "id": a,
                    "slug": f"ag-{a:05d}",
                    "kind": "agreement",
                    "form": "memorandum",
                    "title": f"Sadarbības līgums {a} par {rng.choice(WORDS)} {rng.choice(WORDS)}",
                    "status": rng.choice(statuses),
                    "relied_on": "[]",
                    "created_at": now,
                    "updated_at": now,
                    "row_version": 1,
                    "term_end": dt.date(2027, 1, 1) + dt.timedelta(days=a % 700),
                }
            )
            parties += [
                {"agreement_id": a, "organisation_id": o1, "position": 0},
                {"agreement_id": a, "organisation_id": o2, "position": 1},
            ]
            for k in range(1, nv + 1):
                vid += 1
                aj = canonical(
                    {"kind": "agreement", "title": f"Līgums {a}", "version": k, "subject": sentence(rng, 30)}
                )
                ij = "null"
                versions.append(
                    {
                        "id": vid,
                        "agreement_id": a,
                        "number": k,
                        "answers": aj,
                        "instrument": ij,
                        "docx_sha256": None,
                        "proposed_by_id": o1,
                        "proposed_at": now,
                        "content_hash": content_hash(aj, ij, None),
                    }
                )
            if len(versions) >= 20000:
                c.execute(insert(Agreement), ags)
                c.execute(insert(AgreementParty), parties)
                c.execute(insert(Version), versions)
                ags, parties, versions = [], [], []
        if ags:
            c.execute(insert(Agreement), ags)
            c.execute(insert(AgreementParty), parties)
            c.execute(insert(Version), versions)
        if url.startswith("postgresql"):
            for t in ("organisations", "users", "agreements", "agreement_parties", "versions"):
                c.execute(text(f"SELECT setval(pg_get_serial_sequence('{t}', 'id'), (SELECT max(id) FROM {t}))"))
            c.execute(text("ANALYZE"))
        else:
            c.execute(text("ANALYZE"))
    eng.dispose()


def timeit(fn, repeat=7):
    fn()  # warm
    ts = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t)
    return statistics.median(ts) * 1000


def run(label: str, url: str, n: int, nv: int, files: Path) -> list[tuple]:
    t0 = time.perf_counter()
    Registry(url, files_dir=files).close()  # migrate
    populate(url, n, nv)
    load_s = time.perf_counter() - t0
    reg = Registry(url, files_dir=files)
    mine = len(reg.list_agreements("user1"))
    slug = reg.list_agreements("user1", limit=1)[0]["slug"]
    rows = [
        (label, f"populate {n} agreements x {nv} versions (bulk)", f"{load_s:.1f} s"),
        (label, f"list (user's org party to {mine})", f"{timeit(lambda: reg.list_agreements('user1')):.1f} ms"),
        (
            label,
            "search title 'upuris' (LIKE)",
            f"{timeit(lambda: reg.list_agreements('user1', search='upuris')):.1f} ms",
        ),
        (label, f"show one ({nv} versions, audit count)", f"{timeit(lambda: reg.show('user1', slug)):.1f} ms"),
        (label, "version (verify content hash)", f"{timeit(lambda: reg.version('user1', slug, nv)):.1f} ms"),
    ]
    reg.close()
    return rows


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--agreements", type=int, default=10000)
    ap.add_argument("--versions", type=int, default=10)
    ap.add_argument(
        "--pg", default=os.environ.get("PAMATS_TEST_PG", "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres")
    )
    ap.add_argument("--no-pg", action="store_true")
    a = ap.parse_args()
    rng = random.Random(1)
    old = instrument(rng, 100)
    new = mutate(rng, old)
    rows = []
    t = timeit(lambda: compare(old, new))
    rows.append(("-", "redline compare two 100-clause versions", f"{t:.1f} ms"))
    t = timeit(lambda: redline_docx_bytes(compare(old, new), title="bench", author="bench"))
    rows.append(("-", "redline compare + tracked-changes DOCX", f"{t:.1f} ms"))
    with tempfile.TemporaryDirectory() as d:
        rows += run("SQLite", f"sqlite:///{d}/bench.sqlite", a.agreements, a.versions, Path(d) / "files")
        if not a.no_pg:
            name = f"pamats_bench_{os.getpid()}"
            admin = create_engine(a.pg, isolation_level="AUTOCOMMIT")
            with admin.connect() as c:
                c.execute(text(f'CREATE DATABASE "{name}"'))
            try:
                rows += run(
                    "PostgreSQL", a.pg.rsplit("/", 1)[0] + "/" + name, a.agreements, a.versions, Path(d) / "files-pg"
                )
            finally:
                with admin.connect() as c:
                    c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    print("| backend | operation | median |\n|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
