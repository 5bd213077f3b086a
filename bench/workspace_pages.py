"""Single-user page times of the negotiation workspace on the real docassemble server.

One signed-in person (a MARTA negotiator) on the server ``bash scripts/da-server.sh start`` runs
(.da/env), nobody else: ``--repeat`` times in turn the dashboard, a room, a comment (form + save)
and a suggested new wording (form + save), each as plain HTTP the way the load test's users do
(bench/workspace_load_user.py), on loopback. With one person and nothing else on the server, a
page's time is the server's time for it (plus a millisecond of loopback and parsing).
Reference in the same run: a screen of docassemble's own example interview (a reload).

Set-up as the load test (bench/workspace_load.py): a fresh MARTA and State Border Guard
organisation, one agreement of ``--points`` points (real DOCX) in negotiation. The room grows
by one comment and one suggestion per round, as it would in use.

Prints a Markdown table (median, p95, max per page kind); ``--out FILE`` appends it.
Usage: .venv/bin/python bench/workspace_pages.py [--repeat 25] [--points 12]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from workspace_load import REFERENCE, make_accounts, pct, registry_url, running_server, set_up  # noqa: E402
from workspace_load_user import Tally, WebUser  # noqa: E402

PAGES = ("dashboard", "room", "comment (form)", "comment", "suggest (form)", "suggest", "reference: interview screen")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=25)
    ap.add_argument("--points", type=int, default=12)
    ap.add_argument("--out", type=Path, help="append the report to this Markdown file")
    args = ap.parse_args()
    if args.repeat < 1 or args.points < 1:
        print("error: --repeat >= 1, --points >= 1", file=sys.stderr)
        return 2
    server = running_server()
    if server is None:
        return 2
    base, key = server
    from pamats.registry import Registry
    from pamats.registry.workspace import Workspace

    run = dt.datetime.now(dt.UTC).strftime("%H%M%S")
    ws = Workspace(Registry(registry_url(), files_in_db=True))
    try:
        people = make_accounts(base, key, run, 2)
        _orgs, titles = set_up(ws, run, people, 1, args.points)
    finally:
        ws.reg.close()
    tally = Tally()
    user = WebUser([base], people[0]["email"], people[0]["password"], tally)
    user.sign_in()
    probe = WebUser([base], "", "", tally)  # the reference in a session of its own (not signed in)
    probe.plain_page(REFERENCE)  # creates the session; reloaded below
    user.dashboard()  # the first workspace page of the account (accepts its invitation): not counted
    tally.samples.clear()
    load0 = os.getloadavg()[0]
    t0 = time.perf_counter()
    for n in range(args.repeat):
        user.dashboard()
        user.open_room(titles[0])
        user.write("comment", "Komentēt", f"Komentārs {run} n{n:03d}: lūdzu precizēt termiņu.", n)
        user.dashboard()
        user.open_room(titles[0])
        user.write("suggest", "Ierosināt jaunu redakciju", f"Jauna redakcija {run} n{n:03d}.", n + 1)
        probe.plain_page(REFERENCE)
    seconds = time.perf_counter() - t0
    lines = [
        f"### {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC: one user, {args.repeat} rounds, {seconds:.0f} s",
        "",
        f"Server: {base} (1 worker x 4 threads, debug mode); 1 agreement of {args.points} points, growing by "
        f"one comment and one suggestion a round; client on this machine ({platform.machine()}, Python "
        f"{platform.python_version()}, {os.cpu_count()} cores; load average {load0:.1f} before, "
        f"{os.getloadavg()[0]:.1f} after).",
        "",
        "| page | requests | errors | median ms | p95 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for page in PAGES:
        ms = [s.ms for s in tally.samples if s.action == page]
        if ms:
            errs = sum(not s.ok for s in tally.samples if s.action == page)
            lines.append(
                f"| {page} | {len(ms)} | {errs} | {statistics.median(ms):.0f} | {pct(ms, 95):.0f} | {max(ms):.0f} |"
            )
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        with args.out.open("a", encoding="utf-8") as f:
            f.write("\n" + text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
