"""This file defines ``pamats sources``: the bundled consolidated law texts and the citation check."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import click

from ..errors import InputError
from .main import cli

__all__ = ["sources"]


@cli.group()
def sources() -> None:
    """Bundled consolidated law texts (likumi.lv, via a public snapshot) and the citation check."""


@sources.command("check")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--lang", type=click.Choice(["lv", "en"]), default="lv", show_default=True)
@click.option("-v", "--verbose", is_flag=True, help="also list verified: true entries of kinds with no bundled texts")
def check_cmd(paths, lang, verbose):
    """Resolve every law citation in PATHS against the bundled consolidated texts.

    PATHS are landscape folders or files and answers files; default: every bundled one.
    Reports a section, part or point that does not exist, is repealed, or whose quoted words
    differ from the consolidated text, and every verified: true on a law that no stored text
    backs. Exit code: 0 all resolve, 1 problems, 2 bad input.
    """
    from ..sources.check import check_sources
    from ..sources.messages import SUMMARY
    from ..sources.texts import bundled_laws

    i = 0 if lang == "lv" else 1
    laws = bundled_laws()
    rep = check_sources([Path(p) for p in paths] or None, laws)
    for p in rep.problems:
        click.echo(p.text(lang))
    names = ", ".join(f"{laws[n].title_lv} ({n})" for n in sorted(rep.laws))
    click.echo(SUMMARY["resolved"][i].format(n=rep.resolved, k=len(rep.laws), names=f": {names}" if names else ""))
    if rep.not_checked:
        n = len(rep.not_checked)
        click.echo(SUMMARY["not_checked"][i].format(n=n, entries="entry" if n == 1 else "entries"))
        if verbose:
            for line in rep.not_checked:
                click.echo(f"  {line}")
    click.echo(SUMMARY["problems"][i].format(n=len(rep.problems)))
    raise SystemExit(1 if rep.problems else 0)


@sources.command("list")
@click.option("--lang", type=click.Choice(["lv", "en"]), default="lv", show_default=True)
def list_cmd(lang):
    """List the bundled laws: id, title, scope, source and retrieval date."""
    from ..sources.messages import LIST
    from ..sources.texts import bundled_laws

    i = 0 if lang == "lv" else 1
    for law in bundled_laws().values():
        o = law.origin
        title = law.title_lv if lang == "lv" else f"{law.title_lv} ({law.title_en or '-'})"
        click.echo(f"{law.law}  {title}")
        click.echo("       " + LIST["scope"][i].format(scope=LIST[law.scope][i], n=len(law.sections), url=law.url))
        click.echo(
            "       "
            + LIST["origin"][i].format(
                repo=o.get("repository"),
                path=o.get("path"),
                commit=str(o.get("commit"))[:12],
                ingested=o.get("ingested"),
                retrieved=law.retrieved,
            )
        )


@sources.command("show")
@click.argument("law", type=int)
@click.argument("section")
@click.argument("part", required=False)
@click.argument("point", required=False)
def show_cmd(law, section, part, point):
    """Print a section (or part, or point) of a bundled law, e.g. `pamats sources show 68488 13 1 7`."""
    from ..sources.texts import bundled_laws, lookup

    res = lookup(bundled_laws(), law, section, part, point)
    if res.status == "ok":
        click.echo(res.text)
        return
    if res.status == "repealed":
        click.echo(res.text)
        raise SystemExit(1)
    from ..sources.messages import unit_words

    raise InputError(
        f"likumi.lv id {law}: {unit_words(*res.unit)[2]}: {res.status.replace('_', ' ')}",
        hint="`pamats sources list` shows the bundled laws",
    )


@sources.command("compare")
@click.argument("snapshots", nargs=-1, required=True, type=click.Path())
@click.option("--lang", type=click.Choice(["lv", "en"]), default="lv", show_default=True)
def compare_cmd(snapshots, lang):
    """Compare the bundled texts with newer snapshot files (data/seed/law-<id>-<slug>.json).

    Lists the sections that changed, were added or removed, and the citations that point into
    them, so they can be re-read before `pamats sources import`. Exit 1 when anything differs.
    """
    from ..sources.collect import collect, default_paths
    from ..sources.compare import compare
    from ..sources.messages import COMPARE
    from ..sources.texts import bundled_laws

    i = 0 if lang == "lv" else 1
    laws = bundled_laws()
    cited: dict[tuple[int, str], list[str]] = {}
    for item in collect(default_paths()).items:
        if item.citation is not None:
            cited.setdefault((item.citation.law, item.citation.section), []).append(f"{item.where} {item.label}")
    differs = 0
    for snap in snapshots:
        law, changes = compare(laws, Path(snap))
        if law not in laws:
            click.echo(COMPARE["not_bundled"][i].format(snap=snap, law=law))
            continue
        click.echo(COMPARE["head"][i].format(snap=snap, law=laws[law].describe(), n=len(changes)))
        for ch in changes:
            differs += 1
            click.echo(COMPARE[ch.kind][i].format(section=ch.section))
            for where in cited.get((law, ch.section), []):
                click.echo(COMPARE["cited"][i].format(where=where))
    raise SystemExit(1 if differs else 0)


@sources.command("import")
@click.argument("snapshot", type=click.Path())
@click.option("--sections", help="comma-separated sections to store (default: the whole law), e.g. 96,369,387")
@click.option("--repository", default="Ansvar-Systems/Latvian-law-mcp", show_default=True)
@click.option("--path", "repo_path", required=True, help="the file's path in that repository")
@click.option("--commit", required=True, help="the repository commit the file was read at (40 hex digits)")
@click.option("--ingested", required=True, metavar="DATE", help="when the snapshot read likumi.lv (YYYY-MM-DD)")
@click.option("--retrieved", metavar="DATE", help="when pamats took it (YYYY-MM-DD); default today")
@click.option("-o", "--output", type=click.Path(), required=True, help="folder to write <id>-<slug>.json into")
def import_cmd(snapshot, sections, repository, repo_path, commit, ingested, retrieved, output):
    """Store a law from a Latvian-law-mcp seed file (data/seed/law-<id>-<slug>.json) as bundled data."""
    from .._atomic import write_text_atomic
    from ..sources.snapshot import convert

    for label, value in (("--ingested", ingested), ("--retrieved", retrieved)):
        if value is not None:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise InputError(f"{label} {value!r} is not a date", hint="write it as YYYY-MM-DD") from None
    if len(commit) != 40 or any(ch not in "0123456789abcdef" for ch in commit.lower()):
        raise InputError(f"--commit {commit!r} is not a 40-digit commit id")
    wanted = [s.strip() for s in sections.split(",") if s.strip()] if sections else None
    origin = {
        "repository": repository,
        "path": repo_path,
        "commit": commit,
        "ingested": ingested,
        "license": "Apache-2.0 (repository); the statute text is a Latvian official text (public domain)",
    }
    doc = convert(Path(snapshot), sections=wanted, origin=origin, retrieved=retrieved or dt.date.today().isoformat())
    m = re.search(r"/id/\d+-([a-z0-9-]+)", doc["url"])  # likumi.lv's own slug
    stem = Path(repo_path).stem
    slug = m[1] if m else stem.removeprefix(f"law-{doc['law']}-")
    out = Path(output) / f"{doc['law']}-{slug}.json"
    write_text_atomic(out, json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    click.echo(f"wrote {out}: {len(doc['sections'])} section(s)")
