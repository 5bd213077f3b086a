"""This file defines ``pamats gaps`` (legal-basis gap report, what-if) and ``pamats schema``."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import click

from ..errors import InputError
from .main import cli

__all__ = ["gaps", "schema"]


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(value: str | None) -> dt.date:
    """``--as-of``: a calendar date written YYYY-MM-DD, nothing else (``20250601`` is refused, not
    read as a date by accident); default today."""
    if value is None:
        return dt.date.today()
    try:
        if not _ISO_DATE.fullmatch(value.strip()):
            raise ValueError
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"--as-of {value!r} is not a date", hint="write it as YYYY-MM-DD, e.g. 2026-11-28") from None


def refuse_drafts_among_paths(paths: tuple[str, ...], drafts: tuple[str, ...]) -> None:
    """A shell glob after ``--with`` (``--with a.yaml b.yaml c.yaml``) gives only ``a.yaml`` to
    ``--with``; the other files arrive as landscape PATHS and would be merged, silently, into the
    landscape as it stands. Refuse answers files among PATHS always, and files holding only draft
    instruments when ``--with`` is given."""
    from ..errors import Location, relpath
    from ..yamlio import load_yaml

    for p in paths:
        if not Path(p).is_file():
            continue
        doc, _ = load_yaml(p)
        if not isinstance(doc, dict):
            continue
        if "kind" in doc and "instruments" not in doc:
            raise InputError(
                "this is an answers file (a draft), not a landscape file",
                location=Location(relpath(p)),
                hint=f"to check it as adopted, pass it as a draft: --with {relpath(p)}",
            )
        ins = doc.get("instruments") or []
        if (
            drafts
            and ins
            and not doc.get("actors")
            and not doc.get("flows")
            and all(isinstance(i, dict) and i.get("status") == "draft" for i in ins)
        ):
            raise InputError(
                "this file holds only draft instruments but is given as part of the landscape",
                location=Location(relpath(p)),
                hint="a shell glob after --with gives only its first file to --with; "
                "repeat --with before each draft file: --with a.yaml --with b.yaml",
            )


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--as-of", "as_of", metavar="DATE", help="check on this date (YYYY-MM-DD); default today")
@click.option(
    "--with",
    "drafts",
    multiple=True,
    type=click.Path(),
    metavar="FILE",
    help="a draft instrument (landscape YAML or answers file) treated as adopted; repeatable",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "md", "docx", "html"]), default="table", show_default=True
)
@click.option("-o", "--output", type=click.Path(), help="write the report to this file (required for docx)")
@click.option(
    "--lang", type=click.Choice(["lv", "en"]), help="report language (default: the jurisdiction's first language)"
)
@click.option(
    "--fail-on-unverified",
    is_flag=True,
    help="exit 1 when a covered flow rests on law not verified at its source (for CI)",
)
def gaps(paths, as_of, drafts, fmt, output, lang, fail_on_unverified):
    """Report every personal-data flow in the landscape PATHS that lacks a sufficient legal basis.

    PATHS are landscape folders (e.g. graph/lv-nrm) or files. With --with, the drafts are
    treated as adopted and the report shows which gaps close and which remain.
    Exit code: 0 no findings, 1 findings, 2 bad input.
    """
    from ..drafting.to_landscape import split_draft_files
    from ..landscape.check import check_landscape
    from ..landscape.load import load_landscape
    from ..landscape.report import graph_data, render
    from ..landscape.whatif import what_if

    date = parse_date(as_of)
    refuse_drafts_among_paths(paths, drafts)
    if fmt == "docx" and not output:
        raise InputError("--format docx needs -o FILE", hint="e.g. -o gaps.docx")
    if drafts:
        files, data = split_draft_files(drafts)
        wi = what_if(paths, files, date, extra_drafts=data)
        report = wi.to_json()
        code = wi.exit_code
        lang = lang or wi.after.languages[0]
        graph = None
        if fmt in ("html", "md", "docx"):  # picture, flow descriptions, sources list
            ls = load_landscape(paths, drafts=files, draft_data=data, as_of=date)
            graph = graph_data(ls, report["after"])
    else:
        ls = load_landscape(paths)
        rep = check_landscape(ls, date)
        report = rep.to_json()
        code = rep.exit_code
        lang = lang or rep.languages[0]
        graph = graph_data(ls, report) if fmt in ("html", "md", "docx") else None
    if fmt == "json":  # streamed: a 100k-flow report is ~100 MB of text
        _write_json(report, output)
    else:
        text = render(report, fmt, lang, Path(output) if output else None, graph=graph)
        if output:
            click.echo(f"wrote {output}", err=True)
        elif text is not None:
            click.echo(text, nl=False)
    if fail_on_unverified:
        code = max(code, _unverified_bases(report))
    raise SystemExit(code)


def _write_json(report: dict, output: str | None) -> None:
    """The report's JSON to ``output`` (atomically) or to standard output, chunk by chunk."""
    from .._atomic import write_chunks_atomic
    from ..landscape.report import json_chunks

    if output:
        write_chunks_atomic(Path(output), json_chunks(report))
        click.echo(f"wrote {output}", err=True)
        return
    out = click.get_binary_stream("stdout")
    for chunk in json_chunks(report):
        out.write(chunk)
    out.flush()


def _unverified_bases(report: dict) -> int:
    """1 (and the flows named on standard error) when a covered flow's basis is not verified."""
    flows = (report.get("after") or report)["flows"]
    weak = [f["id"] for f in flows if f.get("basis") and not f["basis"].get("verified")]
    if weak:
        click.echo(f"{len(weak)} covered flow(s) rest on law not verified at its source: {', '.join(weak)}", err=True)
    return 1 if weak else 0


@cli.command()
@click.argument("what", type=click.Choice(["landscape", "jurisdiction"]))
@click.option("-o", "--output", type=click.Path(), help="write to this file instead of standard output")
def schema(what, output):
    """Print the JSON Schema of a landscape file (or of a jurisdiction file), for editors."""
    from .._atomic import write_text_atomic
    from ..landscape.model import Jurisdiction, LandscapeFile

    model = LandscapeFile if what == "landscape" else Jurisdiction
    text = json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2) + "\n"
    if output:
        write_text_atomic(Path(output), text)
    else:
        click.echo(text, nl=False)
