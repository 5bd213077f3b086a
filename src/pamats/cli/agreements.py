"""This file defines ``pamats agreements``: the agreement registry on the command line.

Subcommands: orgs, users, org-cert, import, new, list, show, propose, comment, resolve, diff, transition,
sign, checkpoint, checkpoint-key, obligation, obligation-done, due, recheck, verify, verify-orgs, export. ``--db URL`` (or
PAMATS_REGISTRY) picks the registry, ``--as USER`` (or PAMATS_USER) the acting user: a claim, not
authentication, so a registry the negotiation workspace serves is refused without
``--server-admin-override``. Errors print clearly, exit 2; recheck and verify exit 1 when they find a problem.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from ..errors import InputError
from .main import cli

_console = Console(soft_wrap=True)


def _reg(ctx):
    from ..registry import Registry
    from ..registry.workspace import is_served

    o = ctx.obj
    if "reg" not in o:
        reg = Registry(o["db"])
        served = is_served(reg)
        if served and not o.get("override"):
            reg.close()
            raise InputError(
                f"šo reģistru apkalpo sarunu darba vide (kopš {served['since'][:10]}); --as nav autentifikācija / "
                f"this registry is served by the negotiation workspace (since {served['since'][:10]}); "
                f"--as is not authentication, so the command line does not act on it",
                hint="work in the workspace in the browser; a server administrator who must repair the "
                "registry passes --server-admin-override",
            )
        if served:
            click.echo("warning: --server-admin-override: acting on a registry the workspace serves", err=True)
        o["reg"] = reg
    return o["reg"]


def _user(ctx) -> str:
    u = ctx.obj.get("user")
    if not u:
        raise InputError("no acting user", hint="pass --as USER (pamats agreements --as USER …) or set PAMATS_USER")
    return u


def _date(s: str | None) -> dt.date | None:
    if s is None:
        return None
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        raise InputError(f"not a date (YYYY-MM-DD): {s!r}") from None


def _span(s: str) -> dt.timedelta:
    m = re.fullmatch(r"(\d+)\s*([dwmy]?)", s.strip())
    if not m:
        raise InputError(f"not a time span: {s!r}", hint="e.g. 90d, 12w, 6m, 1y")
    n, unit = int(m.group(1)), m.group(2) or "d"
    days = n * {"d": 1, "w": 7, "m": 30, "y": 365}[unit]
    if days > 100 * 365:
        raise InputError(f"time span {s!r} is too long: at most 100 years", hint="e.g. 90d, 12w, 6m, 1y")
    return dt.timedelta(days=days)


def _write(output: str, data: bytes | str) -> None:
    """Write an output file atomically; a path that cannot be written is a clear error (exit 2)."""
    from .._atomic import write_bytes_atomic

    try:
        write_bytes_atomic(Path(output), data.encode("utf-8") if isinstance(data, str) else data)
    except OSError as e:
        raise InputError(
            f"{output}: cannot write the file ({e.strerror or e})",
            hint="choose a folder that exists and that you may write to",
        ) from None


def _read(path: str, what: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read the {what} ({e.strerror or e})") from None


def _table(title: str, cols: list[str], rows: list[list]) -> None:
    t = Table(title=title)
    for c in cols:
        t.add_column(c)
    for r in rows:
        t.add_row(*["" if v is None else str(v) for v in r])
    _console.print(t)


@cli.group("agreements")
@click.option(
    "--db",
    "db",
    envvar="PAMATS_REGISTRY",
    default=None,
    help="registry URL (sqlite:///PATH or postgresql+psycopg2://…); default ~/.local/share/pamats/registry.sqlite",
)
@click.option(
    "--as",
    "user",
    envvar="PAMATS_USER",
    default=None,
    help="acting user (username); NOT authentication: anyone can type any name (local, single-user use)",
)
@click.option(
    "--server-admin-override",
    "override",
    is_flag=True,
    default=False,
    help="act on a registry the negotiation workspace serves (server administrators repairing it only)",
)
@click.pass_context
def agreements(ctx, db, user, override):
    """Agreement registry: versions, redlines, negotiation, signatures, due dates, the law under each agreement."""
    from ..registry.store import default_url

    if db and "://" not in db:
        db = f"sqlite:///{Path(db).expanduser().resolve()}"
    ctx.obj = {"db": db or default_url(), "user": user, "override": override}


@agreements.command("orgs")
@click.argument("key", required=False)
@click.argument("name", required=False)
@click.pass_context
def orgs(ctx, key, name):
    """List organisations, or add one: orgs KEY NAME (KEY = landscape actor id)."""
    reg = _reg(ctx)
    if key:
        if not name:
            raise InputError("orgs KEY NAME: the name is missing")
        reg.add_organisation(key, name)
    _table("Organisations", ["key", "name"], [[o["key"], o["name"]] for o in reg.organisations()])


@agreements.command("users")
@click.argument("username", required=False)
@click.argument("name", required=False)
@click.argument("org", required=False)
@click.pass_context
def users(ctx, username, name, org):
    """List users, or add one: users USERNAME NAME ORG."""
    reg = _reg(ctx)
    if username:
        if not (name and org):
            raise InputError("users USERNAME NAME ORG: name and organisation are needed")
        reg.add_user(username, name, org)
    _table(
        "Users", ["user", "name", "organisation"], [[u["username"], u["name"], u["organisation"]] for u in reg.users()]
    )


@agreements.command("org-cert")
@click.argument("org")
@click.option("--cert", "cert", type=click.Path(dir_okay=False), help="a signing certificate (PEM or DER) to tie")
@click.option(
    "--identifier",
    help="a subject attribute its certificates carry: organizationIdentifier=NTRLV-… or serialNumber=PNOLV-…",
)
@click.pass_context
def org_cert(ctx, org, cert, identifier):
    """Tie a signing certificate or a certificate subject identifier to an organisation (a signature
    for it is accepted only with a tied certificate); without options: list its ties."""
    reg = _reg(ctx)
    if cert or identifier:
        reg.tie_certificate(org, certificate=_read(cert, "certificate") if cert else None, identifier=identifier)
    _table(
        f"Certificates of {org}",
        ["kind", "value", "label"],
        [[t["kind"], t["value"], t["label"]] for t in reg.certificates(org)],
    )


@agreements.command("import")
@click.argument("case", type=click.Path(dir_okay=False))
@click.pass_context
def import_(ctx, case):
    """Load a case file (organisations, users, agreement, versions, obligations)."""
    from ..registry.drafting_bridge import import_case

    d = import_case(_reg(ctx), case, user=ctx.obj.get("user"))
    click.echo(
        f"imported {d['slug']}: {d['status']}, {d['versions_count']} version(s), parties {', '.join(d['parties_keys'])}"
    )


@agreements.command("new")
@click.argument("slug")
@click.option("--title", required=True)
@click.option("--party", "parties", multiple=True, required=True, help="organisation key (twice or more)")
@click.option("--answers", type=click.Path(dir_okay=False), help="answers file (YAML/JSON): drafted as version 1")
@click.option("--relies-on", "relies", multiple=True, help="INSTRUMENT[/PROVISION] of the landscape")
@click.option("--start")
@click.option("--end")
@click.option("--notice")
@click.option("--renewal")
@click.pass_context
def new(ctx, slug, title, parties, answers, relies, start, end, notice, renewal):
    """Create an agreement (status draft)."""
    kw = {}
    if answers:
        from ..registry.drafting_bridge import draft_file

        kw["answers"], kw["instrument"], kw["docx"] = draft_file(answers)
    rel = [dict(zip(("instrument", "provision"), r.split("/", 1))) for r in relies]
    d = _reg(ctx).create_agreement(
        _user(ctx),
        slug,
        title,
        list(parties),
        relied_on=rel,
        term_start=_date(start),
        term_end=_date(end),
        notice_date=_date(notice),
        renewal_date=_date(renewal),
        **kw,
    )
    click.echo(f"created {d['slug']} ({d['status']}), {d['versions_count']} version(s)")


@agreements.command("list")
@click.option("--search", help="text in title or slug")
@click.option("--status")
@click.pass_context
def list_(ctx, search, status):
    """Agreements your organisation is party to."""
    rows = _reg(ctx).list_agreements(_user(ctx), search=search, status=status)
    _table(
        "Agreements",
        ["slug", "status", "parties", "versions", "title"],
        [[a["slug"], a["status"], ", ".join(a["parties_keys"]), a["versions_count"], a["title"]] for a in rows],
    )


@agreements.command("show")
@click.argument("slug")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def show(ctx, slug, as_json):
    """One agreement: parties, versions, signatures, comments, obligations."""
    d = _reg(ctx).show(_user(ctx), slug)
    if as_json:
        click.echo(json.dumps(d, default=str, ensure_ascii=False, indent=2))
        return
    click.echo(
        f"{d['slug']}: {d['title']}\nstatus {d['status']} · row version {d['row_version']} · "
        f"term {d['term_start'] or '-'} – {d['term_end'] or '-'} · relies on "
        + (", ".join(f"{r.get('instrument')}/{r.get('provision', '')}" for r in d["relied_on"]) or "-")
    )
    _table(
        "Parties",
        ["organisation", "name", "representative"],
        [[p["organisation"], p["name"], p["representative"]] for p in d["parties"]],
    )
    _table(
        "Versions",
        ["#", "by", "at", "hash", "note"],
        [
            [
                v["number"],
                v["proposed_by"],
                str(v["at"])[:19],
                v["content_hash"][:12] + (" BROKEN / BOJĀTA" if v.get("broken") else ""),
                v["note"],
            ]
            for v in d["versions"]
        ],
    )
    for v in d["versions"]:
        if v.get("broken"):
            click.echo(f"version {v['number']} is broken: {v['broken']}", err=True)
    if d["signatures"]:
        _table(
            "Signatures",
            ["organisation", "version", "signer", "at"],
            [[g["organisation"], g["version"], g["signer"], str(g["at"])[:19]] for g in d["signatures"]],
        )
    if d["comments"]:
        _table(
            "Comments",
            ["id", "v", "clause", "by", "resolved", "text"],
            [[c["id"], c["version"], c["node"], c["organisation"], c["resolved"], c["text"]] for c in d["comments"]],
        )
    if d["obligations"]:
        _table(
            "Obligations",
            ["id", "party", "due", "done", "what"],
            [[o["id"], o["organisation"], o["due"], o["done"], o["description"]] for o in d["obligations"]],
        )


@agreements.command("propose")
@click.argument("slug")
@click.argument("answers", type=click.Path(dir_okay=False))
@click.option("--note")
@click.option("--expect-row", type=int, help="row version you read (conflict if it changed)")
@click.pass_context
def propose(ctx, slug, answers, note, expect_row):
    """Append a new version drafted from an answers file."""
    from ..registry.drafting_bridge import draft_file

    a, i, d = draft_file(answers)
    n = _reg(ctx).propose(_user(ctx), slug, a, instrument=i, docx=d, note=note, expected_row=expect_row)
    click.echo(f"{slug}: version {n} proposed")


@agreements.command("comment")
@click.argument("slug")
@click.argument("clause")
@click.argument("text")
@click.option("--version", type=int)
@click.pass_context
def comment(ctx, slug, clause, text, version):
    """Comment on a clause (by its node id, so it follows renumbering)."""
    cid = _reg(ctx).comment(_user(ctx), slug, clause, text, version=version)
    click.echo(f"comment {cid} on {slug} clause {clause}")


@agreements.command("resolve")
@click.argument("slug")
@click.argument("comment_id", type=int)
@click.pass_context
def resolve(ctx, slug, comment_id):
    """Mark a comment resolved."""
    _reg(ctx).resolve_comment(_user(ctx), slug, comment_id)
    click.echo(f"comment {comment_id} resolved")


@agreements.command("diff")
@click.argument("slug")
@click.argument("old", type=int)
@click.argument("new", type=int)
@click.option("--format", "fmt", type=click.Choice(["md", "html", "docx"]), default="md")
@click.option("-o", "--output", type=click.Path(dir_okay=False))
@click.pass_context
def diff(ctx, slug, old, new, fmt, output):
    """Redline between two versions (Markdown, HTML or DOCX with tracked changes)."""
    from ..drafting.redline import compare, render_html, render_markdown

    reg, u = _reg(ctx), _user(ctx)
    a, b = reg.version(u, slug, old), reg.version(u, slug, new)
    if not a["instrument"] or not b["instrument"]:
        raise InputError(f"version {old if not a['instrument'] else new} has no drafted text to compare")
    ch = compare(a["instrument"], b["instrument"])
    title = f"{slug}: {old} → {new}"
    if fmt == "docx":
        if not output:
            raise InputError("--format docx needs -o FILE")
        from ..drafting.redline_docx import redline_docx_bytes

        _write(output, redline_docx_bytes(ch, title=title, author=b["proposed_by"], date=b["at"]))
        click.echo(f"wrote {output}")
        return
    text = render_markdown(ch) if fmt == "md" else render_html(ch, title)
    if output:
        _write(output, text)
        click.echo(f"wrote {output}")
    else:
        click.echo(text, nl=False)


@agreements.command("transition")
@click.argument("slug")
@click.argument("status")
@click.option("--reason")
@click.pass_context
def transition(ctx, slug, status, reason):
    """Change status (allowed transitions only); date guards use the server's clock."""
    r = _reg(ctx).transition(_user(ctx), slug, status, reason=reason)
    click.echo(f"{slug}: {r['from']} -> {r['to']}")


@agreements.command("sign")
@click.argument("slug")
@click.option("--pkcs12", "p12", type=click.Path(dir_okay=False), help="your certificate and key (.p12/.pfx)")
@click.option(
    "--passphrase-file",
    type=click.Path(dir_okay=False),
    help="file holding the PKCS#12 passphrase (or set PAMATS_P12_PASSPHRASE)",
)
@click.option("--pkcs11-lib", help="PKCS#11 module of your token/eID card, e.g. /usr/lib/softhsm/libsofthsm2.so")
@click.option("--pkcs11-token", help="token label (PIN from PAMATS_PKCS11_PIN)")
@click.option("--pkcs11-key", help="label of the key and certificate on the token")
@click.option(
    "--signed-pdf",
    type=click.Path(dir_okay=False),
    help="the PDF from `export SLUG --format pdf`, signed elsewhere (e.g. an eID tool)",
)
@click.option("--signer", help="name and position of the person signing (default: the certificate's subject)")
@click.pass_context
def sign(ctx, slug, p12, passphrase_file, pkcs11_lib, pkcs11_token, pkcs11_key, signed_pdf, signer):
    """Your organisation signs the agreed PDF of the latest version (PAdES)."""
    import os

    kw: dict = {"signer": signer}
    if p12:
        kw["pkcs12"] = _read(p12, "PKCS#12 file")
        if passphrase_file:
            kw["passphrase"] = _read(passphrase_file, "passphrase file").rstrip(b"\r\n")
        elif os.environ.get("PAMATS_P12_PASSPHRASE"):
            kw["passphrase"] = os.environ["PAMATS_P12_PASSPHRASE"].encode("utf-8")
    if signed_pdf:
        kw["signed_pdf"] = _read(signed_pdf, "signed PDF")
    if pkcs11_lib or pkcs11_token or pkcs11_key:
        if not (pkcs11_lib and pkcs11_token and pkcs11_key):
            raise InputError("a PKCS#11 signature needs --pkcs11-lib, --pkcs11-token and --pkcs11-key")
        kw["pkcs11"] = {
            "lib": pkcs11_lib,
            "token": pkcs11_token,
            "key": pkcs11_key,
            "pin": os.environ.get("PAMATS_PKCS11_PIN"),
        }
    r = _reg(ctx).sign(_user(ctx), slug, **kw)
    click.echo(
        f"{slug}: {r['organisation']} signed version {r['version']}; status {r['status']}\n"
        f"  certificate: {r['subject']} (serial {r['serial']}, issuer {r['issuer']}), "
        f"signing time {r['signing_time']}"
    )


@agreements.command("checkpoint")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="also write the signed checkpoint here (JSON)")
@click.pass_context
def checkpoint(ctx, output):
    """Sign every audit chain's head with the deployment key (run daily from cron)."""
    doc = _reg(ctx).checkpoint()
    if output:
        _write(output, json.dumps(doc, ensure_ascii=False, indent=2))
    click.echo(
        f"checkpoint {doc['body']['at']}: {len(doc['body']['heads'])} agreement(s), key {doc['key_id'][:16]}"
        + (f"; wrote {output}" if output else "")
    )


@agreements.command("checkpoint-key")
@click.argument("path", type=click.Path(dir_okay=False))
def checkpoint_key(path):
    """Create the deployment's Ed25519 checkpoint key (keep it outside the database; set PAMATS_CHECKPOINT_KEY)."""
    from ..registry.evidence.checkpoint import generate_key

    kid = generate_key(Path(path))
    click.echo(f"wrote {path} (key id {kid[:16]}); set PAMATS_CHECKPOINT_KEY={path}")


@agreements.command("obligation-done")
@click.argument("slug")
@click.argument("obligation_id", type=int)
@click.pass_context
def obligation_done(ctx, slug, obligation_id):
    """Mark an obligation done (its id is in `show`)."""
    _reg(ctx).complete_obligation(_user(ctx), slug, obligation_id)
    click.echo(f"obligation {obligation_id} done")


@agreements.command("obligation")
@click.argument("slug")
@click.argument("party")
@click.argument("due")
@click.argument("text")
@click.pass_context
def obligation(ctx, slug, party, due, text):
    """Add an obligation: obligation SLUG PARTY YYYY-MM-DD TEXT."""
    oid = _reg(ctx).add_obligation(_user(ctx), slug, party, text, _date(due))
    click.echo(f"obligation {oid} added")


@agreements.command("due")
@click.option("--within", default="90d", show_default=True, help="e.g. 90d, 12w, 6m")
@click.option("--today")
@click.pass_context
def due(ctx, within, today):
    """Open obligations and term/notice/renewal dates coming up (overdue included)."""
    rows = _reg(ctx).due(_user(ctx), within=_span(within), today=_date(today))
    _table(
        f"Due within {within}",
        ["date", "agreement", "what", "party", "text"],
        [
            [f"{r['date']}{' (overdue)' if r['overdue'] else ''}", r["slug"], r["what"], r["party"], r["text"]]
            for r in rows
        ],
    )


@agreements.command("recheck")
@click.option("--landscape", "paths", multiple=True, required=True, type=click.Path(exists=True))
@click.option(
    "--with",
    "drafts",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="draft instrument file treated as adopted (what-if)",
)
@click.option("--as-of")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def recheck(ctx, paths, drafts, as_of, as_json):
    """Flag agreements whose relied-on norm is missing, not in force, or insufficient (exit 1)."""
    from ..registry.recheck import recheck as run

    res = run(_reg(ctx), _user(ctx), paths, drafts=drafts, as_of=_date(as_of))
    if as_json:
        click.echo(
            json.dumps(
                [
                    {"slug": c.slug, "status": c.status, "ok": c.ok, "problems": c.problems, "flows": c.flows}
                    for c in res
                ],
                ensure_ascii=False,
                indent=2,
                default=str,
            )
        )
    else:
        rows = [
            [
                c.slug,
                c.status,
                "ok" if c.ok else "PROBLEM",
                "; ".join(f"{p['code']}: {p['message']}" for p in c.problems),
            ]
            for c in res
        ]
        _table("Law under each agreement", ["agreement", "status", "verdict", "problems"], rows)
    ctx.exit(1 if any(not c.ok for c in res) else 0)


@agreements.command("verify")
@click.argument("slug")
@click.option(
    "--checkpoint", "cp", type=click.Path(dir_okay=False), help="an exported checkpoint file to check against"
)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def verify(ctx, slug, cp, as_json):
    """Re-check signatures, version texts, the audit chain, the tables and the checkpoints (exit 1 on a problem)."""
    from ..registry.evidence.report import report_text

    exported = None
    if cp:
        try:
            exported = json.loads(_read(cp, "checkpoint file"))
        except ValueError:
            raise InputError(f"{cp}: not a JSON checkpoint file") from None
    r = _reg(ctx).verify(_user(ctx), slug, checkpoint=exported)
    if as_json:
        click.echo(json.dumps(r, default=str, ensure_ascii=False, indent=2))
    elif r["ok"]:
        click.echo(
            f"{slug}: ok ({r['audit_entries']} audit entries, {r['versions']} versions, "
            f"{len(r['signatures'])} signature(s))"
        )
        for n in r["notes"]:
            click.echo(f"  note: {n}")
    else:
        click.echo(report_text(r), nl=False)
    ctx.exit(0 if r["ok"] else 1)


@agreements.command("verify-orgs")
@click.option(
    "--checkpoint", "cp", type=click.Path(dir_okay=False), help="an exported checkpoint file to check against"
)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def verify_orgs(ctx, cp, as_json):
    """Re-check organisations, users, memberships, invitations and certificate ties against each
    organisation's log and the checkpoints (exit 1 on a problem)."""
    exported = None
    if cp:
        try:
            exported = json.loads(_read(cp, "checkpoint file"))
        except ValueError:
            raise InputError(f"{cp}: not a JSON checkpoint file") from None
    r = _reg(ctx).verify_organisations(checkpoint=exported)
    if as_json:
        click.echo(json.dumps(r, default=str, ensure_ascii=False, indent=2))
    elif r["ok"]:
        click.echo(
            f"organisations: ok ({r['organisations']} organisation(s), {r['log_entries']} log entries, "
            f"checkpoint: {r['checkpoint'] or 'none yet'})"
        )
    else:
        click.echo(
            f"Organizāciju pārbaude / organisations: {len(r['problems'])} problēma(s) / problem(s)\n"
            + "".join(f"  - {p}\n" for p in r["problems"]),
            nl=False,
        )
    ctx.exit(0 if r["ok"] else 1)


@agreements.command("export")
@click.argument("slug")
@click.option("--version", type=int, help="default: latest")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["docx", "json", "landscape", "pdf", "report", "report-pdf"]),
    default="docx",
    help="pdf: the agreed PDF with every signature given (what a party files, or signs next); "
    "report / report-pdf: the verification report (Latvian and English) as text / PDF",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True)
@click.pass_context
def export(ctx, slug, version, fmt, output):
    """Export a version's DOCX or signed PDF, the record as JSON, the verification report, or a landscape file."""
    reg, u = _reg(ctx), _user(ctx)
    if fmt == "docx":
        data = reg.docx(u, slug, version)
    elif fmt == "pdf":
        from ..registry.errors import NotFound

        try:
            data = reg.signed_pdf(u, slug, version)
        except NotFound:
            if version is not None:
                raise
            data = reg.pdf_to_sign(u, slug)
    elif fmt == "report":
        from ..registry.evidence.report import report_text

        data = report_text(reg.verify(u, slug))
    elif fmt == "report-pdf":
        from ..registry.evidence.report import report_pdf

        data = report_pdf(reg.verify(u, slug))
    elif fmt == "json":
        d = reg.show(u, slug)
        d["version"] = reg.version(u, slug, version)
        d["audit"] = reg.audit(u, slug)
        data = json.dumps(d, default=str, ensure_ascii=False, indent=2)
    else:
        from ..registry.recheck import agreement_landscape
        from ..yamlio import dump_yaml

        d, v = reg.show(u, slug), reg.version(u, slug, version)
        data = dump_yaml(
            agreement_landscape(
                slug, d["status"], d["relied_on"], v["answers"], valid_from=d["term_start"], valid_to=d["term_end"]
            )
        )
    _write(output, data)
    click.echo(f"wrote {output}")
