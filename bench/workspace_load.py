"""Bounded load test of the negotiation workspace on the real docassemble server(s), on loopback.

Two gunicorn instances share one PostgreSQL (docassemble's database and the registry) and one
Redis: the server ``bash scripts/da-server.sh start`` runs (URL, API key and registry in .da/env)
and a second one this script starts with the same configuration on a free port (or
``--second-port``; tests/e2e/second_server.py). Requests go round-robin to both, as a load balancer would.

Set-up: a fresh MARTA and State Border Guard organisation for this run, ``--users`` docassemble
accounts (half each; a fifth of each side negotiators, the rest members) made with docassemble's
API (``/api/user/new``) and invited through the core as a server administrator would,
``--agreements`` MARTA–VRS agreements of ``--points`` points (real DOCX) in negotiation.

Run: every simulated user (bench/workspace_load_user.py) signs in on docassemble's sign-in page
(spread over ``--ramp`` seconds before the measured run; reported apart), then all start together
and until the time is up: dashboard, one of its agreements' rooms, and there a comment (form +
save) or a suggested new wording of a point (form + save) or nothing, with a think time of
``--think`` seconds (default 5, uniform 0.5x-1.5x) before each page. A probe client measures the
reference in the same run, under the same load, every 1.5 s (0.5x-1.5x), alternately:
docassemble's ``/health_check`` and a plain screen of a docassemble example interview (the same
session each time, as a reload).

Afterwards: every agreement's history verifies (Registry.verify: audit chain, versions, files;
each organisation's membership log too), and every comment and suggestion a client was told was
saved is a row in the registry (and no row the clients did not send).

Prints a Markdown report; ``--out FILE`` appends it. Exit 1 when a goal is missed (p95 of a
workspace page over 800 ms, an error, a failed verification, a lost or unexpected row).

Usage: .venv/bin/python bench/workspace_load.py [--minutes 2] [--users 30] [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import re
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "e2e"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import second_server  # noqa: E402
from rest import server_env  # noqa: E402
from workspace_load_user import PageError, Tally, WebUser  # noqa: E402

REFERENCE = "docassemble.base:data/questions/examples/docx-template.yml"
GOAL_P95_MS = 800.0
WORKSPACE_ACTIONS = ("dashboard", "room", "comment (form)", "comment", "suggest (form)", "suggest")
POINT_TEXTS = [
    "Puses sadarbojas cilvēku tirdzniecības upuru identificēšanā un nosūtīšanā.",
    "Robežsardze informē MARTA 48 stundu laikā pēc iespējama upura identificēšanas.",
    "MARTA nodrošina krīzes konsultāciju un drošu izmitināšanu.",
    "Puses apmainās ar personas datiem tikai tiktāl, cik tas nepieciešams palīdzības sniegšanai.",
    "Katra puse norīko kontaktpersonu un tās aizvietotāju.",
    "Puses reizi gadā izvērtē sadarbību un sagatavo kopīgu pārskatu.",
]


def running_server() -> tuple[str, str] | None:
    """(base URL, API key) of the da-server.sh server; None, after saying how to start it."""
    base, key = server_env()
    if not base or not key:
        print("error: no .da/env (bash scripts/da-server.sh start)", file=sys.stderr)
        return None
    return base, key


def registry_url() -> str:
    m = re.search(r"^export DA_REGISTRY=(.*)$", (REPO / ".da" / "env").read_text(), re.M)
    if not m:
        sys.exit("error: .da/env has no DA_REGISTRY (bash scripts/da-server.sh start)")
    return m.group(1).strip()


def pct(values: list[float], p: float) -> float:
    v = sorted(values)
    return v[min(len(v) - 1, max(0, round(p / 100 * (len(v) - 1))))] if v else float("nan")


# -- set-up ----------------------------------------------------------------------------------------
def make_accounts(base: str, key: str, run: str, n: int) -> list[dict]:
    import requests

    people = []
    for k in range(n):
        side = "marta" if k % 2 == 0 else "vrs"
        email, pw = f"load-{run}-{k:02d}@{side}.example.org", f"Pw-{run}-{k:02d}-load!"
        r = requests.post(
            base + "/api/user/new",
            headers={"X-API-Key": key},
            json={"username": email, "password": pw, "privileges": ["user"], "language": "lv"},
            timeout=120,
        )
        if r.status_code != 200:
            sys.exit(f"error: docassemble /api/user/new for {email}: HTTP {r.status_code} {r.text[:300]}")
        # a fifth of each side negotiators (the first ones), the rest members
        role = "negotiator" if k // 2 < max(1, n // 10) else "member"
        people.append({"id": int(r.json()["user_id"]), "email": email, "password": pw, "side": side, "role": role})
    return people


def instrument(points: int) -> dict:
    from pamats.drafting.document import Instrument, Node

    pts = [Node(id=f"p{k}", text=[f"{POINT_TEXTS[k % len(POINT_TEXTS)]} ({k + 1})"]) for k in range(points)]
    return Instrument(
        kind="agreement",
        title="Sadarbības līgums",
        body=[Node(id="ch1", kind="chapter", title="Vispārīgie noteikumi", children=pts)],
    ).model_dump(mode="json")


def set_up(ws, run: str, people: list[dict], agreements: int, points: int) -> tuple[dict, list[str]]:
    from pamats.drafting.document import Instrument
    from pamats.drafting.render.docx import render_docx_bytes
    from pamats.registry.workspace import Principal

    admin = Principal(1, "admin@example.com", server_admin=True)
    orgs = {"marta": f"marta-{run}", "vrs": f"vrs-{run}"}
    ws.create_organisation(admin, orgs["marta"], f"Centrs MARTA ({run})")
    ws.create_organisation(admin, orgs["vrs"], f"Valsts robežsardze ({run})")
    first = {}
    for p in people:
        ws.invite(admin, orgs[p["side"]], p["email"], p["role"], admin=p["side"] not in first)
        first.setdefault(p["side"], p)
    anna = Principal(first["marta"]["id"], first["marta"]["email"])
    ws.login(anna)
    ins = instrument(points)
    docx = render_docx_bytes(Instrument.model_validate(ins))
    titles = []
    for k in range(agreements):
        slug = f"load-{run}-{k:02d}"
        title = f"Slodzes līgums {run}-{k:02d}"
        ws.create_agreement(anna, slug, title, list(orgs.values()), answers={}, instrument=ins, docx=docx)
        ws.transition(anna, slug, "negotiation")
        titles.append(title)
    return orgs, titles


# -- the run ---------------------------------------------------------------------------------------
@dataclass
class Plan:
    """The phases: everyone signs in (spread over ``ramp`` seconds, not in the measured window),
    then ``go`` is set with ``until`` and the measured run starts for all at once."""

    ramp: float
    signed_in: threading.Barrier
    go: threading.Event = field(default_factory=threading.Event)
    until: float = 0.0


def user_loop(user: WebUser, titles: list[str], points: int, plan: Plan, think: float, rng: random.Random, run, n):
    def pause():
        time.sleep(think * rng.uniform(0.5, 1.5))

    seq = 0
    time.sleep(rng.uniform(0, plan.ramp))
    try:
        user.sign_in()
    except PageError:
        return
    finally:
        plan.signed_in.wait()
    plan.go.wait()
    until = plan.until
    while time.monotonic() < until:
        try:
            pause()
            user.dashboard()
            if time.monotonic() >= until:
                break
            pause()
            user.open_room(rng.choice(titles))
            r = rng.random()
            if time.monotonic() >= until or r >= 0.7:
                continue  # only read the room
            pause()
            seq += 1
            token = f"wsload {run} u{n:02d} n{seq:03d}"
            if r < 0.4:
                user.write("comment", "Komentēt", f"Komentārs {token}: lūdzu precizēt termiņu.", rng.randrange(points))
            else:
                user.write(
                    "suggest",
                    "Ierosināt jaunu redakciju",
                    f"Jauna redakcija {token}: puses informē viena otru nekavējoties.",
                    rng.randrange(points),
                )
        except PageError:
            continue  # recorded as an error sample; the person starts again from the dashboard


def probe_loop(user: WebUser, plan: Plan, every: float, rng: random.Random):
    try:
        user.plain_page(REFERENCE)  # creates the session; the timed screens below reload it
    except PageError:
        pass
    plan.go.wait()
    user.tally.samples.clear()
    while time.monotonic() < plan.until:
        time.sleep(every * rng.uniform(0.5, 1.5))
        try:
            user.health()
            time.sleep(every * rng.uniform(0.5, 1.5))
            user.plain_page(REFERENCE)
        except PageError:
            continue


# -- afterwards ------------------------------------------------------------------------------------
def verify(ws, run: str, orgs: dict, people: list[dict], tallies: list[Tally]) -> tuple[list[str], dict]:
    from sqlalchemy import select

    from pamats.registry.models import Agreement, Comment
    from pamats.registry.models_workspace import Membership, Suggestion
    from pamats.registry.workspace import Principal

    problems: list[str] = []
    marta = next(p for p in people if p["side"] == "marta")
    with ws.reg.tx() as s:
        username = s.scalar(select(Membership).where(Membership.account_id == marta["id"])).user.username
        slugs = list(s.scalars(select(Agreement.slug).where(Agreement.slug.like(f"load-{run}-%"))))
        db = {
            "comment": list(
                s.scalars(select(Comment.text).join(Agreement).where(Agreement.slug.like(f"load-{run}-%")))
            ),
            "suggest": list(
                s.scalars(select(Suggestion.text).join(Agreement).where(Agreement.slug.like(f"load-{run}-%")))
            ),
        }
    entries = 0
    for slug in sorted(slugs):
        v = ws.reg.verify(username, slug)
        entries += v["audit_entries"]
        if not v["ok"]:
            problems.append(f"{slug}: {v['problems']}")
    admin = Principal(1, "admin@example.com", server_admin=True)
    for org in orgs.values():
        try:
            ws.verify_org_audit(admin, org)
        except Exception as e:  # noqa: BLE001 - a tampered or broken log is a finding, reported
            problems.append(f"membership log of {org}: {e}")
    counts = {}
    for kind in ("comment", "suggest"):
        acked = [t for x in tallies for t in x.acked[kind]]
        tried = {t for x in tallies for t in x.tried[kind]}
        rows = db[kind]
        lost = set(acked) - set(rows)
        unexpected = set(rows) - tried
        dup = len(rows) - len(set(rows))
        saved_unacked = (set(rows) & tried) - set(acked)
        counts[kind] = dict(
            acked=len(acked),
            rows=len(rows),
            lost=len(lost),
            unexpected=len(unexpected),
            duplicates=dup,
            saved_not_acked=len(saved_unacked),
        )
        if lost or unexpected or dup:
            problems.append(f"{kind}: {counts[kind]}")
    counts["agreements"], counts["audit_entries"] = len(slugs), entries
    return problems, counts


# -- report ----------------------------------------------------------------------------------------
def report(args, servers, tallies, probe, seconds, counts, problems, setup_s) -> tuple[str, bool]:
    signins = [s for t in tallies for s in t.samples if s.action.startswith("sign in")]
    samples = [s for t in tallies for s in t.samples if not s.action.startswith("sign in")]
    ref = probe.samples
    lines = [
        f"## {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC: {args.users} users, {seconds:.0f} s"
        + (" (--quick)" if args.quick else ""),
        "",
        f"Servers: {len(servers)} gunicorn (1 worker x 4 threads each, debug mode) on one PostgreSQL + Redis, "
        f"round-robin per request; {args.agreements} agreements of {args.points} points; think time "
        f"{args.think:g} s (0.5x-1.5x) before each page; client and servers on this machine "
        f"({platform.machine()}, Python {platform.python_version()}, {os.cpu_count()} cores; load average "
        f"{args.load[0]:.1f} before the run, {args.load[1]:.1f} at its end: other jobs share the machine); "
        f"set-up {setup_s:.0f} s.",
        "",
        "| page | requests | errors | p50 ms | p95 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    ok = True
    workspace_ms = []
    for action in ("sign in (form)", "sign in", *WORKSPACE_ACTIONS):
        xs = [s for s in (signins if action.startswith("sign in") else samples) if s.action == action]
        if not xs:
            continue
        ms = [s.ms for s in xs]
        errs = sum(not s.ok for s in xs)
        if action in WORKSPACE_ACTIONS:
            workspace_ms += ms
            ok &= pct(ms, 95) < GOAL_P95_MS
        ok &= errs == 0
        label = f"{action}, before the run (ramp-up {args.ramp:g} s)" if action.startswith("sign in") else action
        lines.append(f"| {label} | {len(xs)} | {errs} | {pct(ms, 50):.0f} | {pct(ms, 95):.0f} | {max(ms):.0f} |")
    if workspace_ms:
        lines.append(
            f"| **all workspace pages** | {len(workspace_ms)} | "
            f"{sum(not s.ok for s in samples if s.action in WORKSPACE_ACTIONS)} | {pct(workspace_ms, 50):.0f} | "
            f"{pct(workspace_ms, 95):.0f} | {max(workspace_ms):.0f} |"
        )
    for action in ("reference: /health_check", "reference: interview screen"):
        xs = [s for s in ref if s.action == action]
        if xs:
            ms = [s.ms for s in xs]
            lines.append(
                f"| {action} | {len(xs)} | {sum(not s.ok for s in xs)} | {pct(ms, 50):.0f} | "
                f"{pct(ms, 95):.0f} | {max(ms):.0f} |"
            )
    per_server = {b: sum(1 for s in samples if s.server == b) for b in servers}
    lines += [
        "",
        f"Throughput: {len(samples)} requests of the simulated users in {seconds:.0f} s = "
        f"{len(samples) / seconds:.1f} requests/s ({', '.join(f'{b}: {n}' for b, n in per_server.items())}); "
        f"{counts['comment']['acked']} comments and {counts['suggest']['acked']} suggestions saved "
        f"({(counts['comment']['acked'] + counts['suggest']['acked']) / seconds * 60:.0f} per minute).",
        "",
        f"Afterwards: {counts['agreements']} agreements verified (Registry.verify: {counts['audit_entries']} audit "
        f"entries, versions, files; both organisations' membership logs): "
        + ("all hold." if not [p for p in problems if p.startswith("load-") or "membership" in p] else "PROBLEMS."),
    ]
    for kind in ("comment", "suggest"):
        c = counts[kind]
        lines.append(
            f"- {kind}: {c['acked']} acknowledged to the clients, {c['rows']} rows in the registry; lost "
            f"{c['lost']}, unexpected {c['unexpected']}, duplicated {c['duplicates']}; saved although the page "
            f"showed an error {c['saved_not_acked']}."
        )
    errors = [s for s in samples if not s.ok]
    if errors:
        lines += ["", "Errors (first 10):"] + [f"- {s.action} on {s.server}: {s.note}" for s in errors[:10]]
    if problems:
        lines += ["", "Problems:"] + [f"- {p}" for p in problems]
    ok &= not problems
    lines += [
        "",
        f"Goals (p95 of every workspace page < {GOAL_P95_MS:.0f} ms, no error, all verify, nothing lost): "
        + ("met." if ok else "NOT met."),
    ]
    return "\n".join(lines) + "\n", ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--minutes", type=float, default=2.0)
    ap.add_argument("--users", type=int, default=30)
    ap.add_argument("--agreements", type=int, default=10)
    ap.add_argument("--points", type=int, default=12)
    ap.add_argument("--think", type=float, default=5.0, help="mean think time before each page, seconds")
    ap.add_argument("--ramp", type=float, default=30.0, help="sign-ins spread over this many seconds, before the run")
    ap.add_argument("--servers", type=int, default=2, choices=(1, 2), help="1: only the da-server.sh server")
    ap.add_argument(
        "--second-port", type=int, help="port of the second gunicorn (default: a free one the system gives)"
    )
    ap.add_argument("--quick", action="store_true", help="smoke run: 6 users, 3 agreements, 20 seconds")
    ap.add_argument("--out", type=Path, help="append the report to this Markdown file")
    args = ap.parse_args()
    if args.quick:
        args.minutes, args.users, args.agreements, args.ramp = 1 / 3, 6, 3, 5.0
    if args.users < 2 or args.agreements < 1 or args.points < 1 or args.minutes <= 0:
        print("error: --users >= 2, --agreements >= 1, --points >= 1, --minutes > 0", file=sys.stderr)
        return 2
    server = running_server()
    if server is None:
        return 2
    base, key = server
    from pamats.registry import Registry
    from pamats.registry.workspace import Workspace

    run = dt.datetime.now(dt.UTC).strftime("%H%M%S")
    second = None
    servers = [base]
    if args.servers == 2:
        second, base2 = second_server.start(REPO / ".da", port=args.second_port)
        servers.append(base2)
    ws = Workspace(Registry(registry_url(), files_in_db=True))
    try:
        t0 = time.perf_counter()
        people = make_accounts(base, key, run, args.users)
        orgs, titles = set_up(ws, run, people, args.agreements, args.points)
        setup_s = time.perf_counter() - t0
        print(
            f"[load] run {run}: {len(people)} accounts, {len(titles)} agreements, set-up {setup_s:.0f} s; "
            f"{args.minutes * 60:.0f} s on {', '.join(servers)}",
            flush=True,
        )
        tallies = [Tally() for _ in people]
        probe = Tally()
        plan = Plan(ramp=args.ramp, signed_in=threading.Barrier(len(people) + 1))
        threads = [
            threading.Thread(
                target=user_loop,
                args=(
                    WebUser(servers, p["email"], p["password"], t),
                    titles,
                    args.points,
                    plan,
                    args.think,
                    random.Random(n),
                    run,
                    n,
                ),
                daemon=True,
            )
            for n, (p, t) in enumerate(zip(people, tallies, strict=True))
        ]
        threads.append(
            threading.Thread(
                target=probe_loop, args=(WebUser(servers, "", "", probe), plan, 1.5, random.Random(99)), daemon=True
            )
        )
        for t in threads:
            t.start()
        plan.signed_in.wait(timeout=args.ramp + 600)  # every user signed in (or failed to)
        load0 = os.getloadavg()[0]
        start = time.monotonic()
        plan.until = start + args.minutes * 60
        plan.go.set()
        for t in threads:
            t.join(timeout=max(1.0, plan.until - time.monotonic()) + 120)
        seconds = time.monotonic() - start
        args.load = (load0, os.getloadavg()[0])
        problems, counts = verify(ws, run, orgs, people, tallies)
        text, ok = report(args, servers, tallies, probe, seconds, counts, problems, setup_s)
    finally:
        ws.reg.close()
        if second is not None:
            second_server.stop(second)
    print(text)
    if args.out:
        with args.out.open("a", encoding="utf-8") as f:
            f.write("\n" + text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
