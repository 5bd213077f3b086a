"""This file defines ``pamats draft`` and ``pamats lint`` (issue 3: drafting).

``pamats draft KIND ANSWERS`` builds the instrument from an answers file and writes DOCX, PDF,
Markdown or Akoma Ntoso (atomic writes). ``pamats lint FILE`` runs the legal-technique checks
on an answers file (built first) or a document-model file; exit 1 when there are findings.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import click

from .._atomic import write_bytes_atomic, write_text_atomic
from ..errors import InputError, Location, PamatsError
from .main import cli

KINDS = ("regulation", "order", "agreement", "annotation", "amendment", "consolidated")
FORMATS = ("docx", "pdf", "md", "akn", "html")
EXT = {"docx": ".docx", "pdf": ".pdf", "md": ".md", "akn": ".xml", "html": ".html"}


def _landscape(paths: tuple[str, ...]):
    if not paths:
        return None
    from ..landscape.load import load_landscape

    return load_landscape(list(paths))


def _gap_report(landscape_paths, gap_report, as_of):
    if gap_report:
        try:
            return json.loads(Path(gap_report).read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise InputError(f"cannot read gap report: {e}", location=Location(gap_report)) from None
    if landscape_paths:
        from ..landscape.check import check_landscape

        return check_landscape(_landscape(landscape_paths), as_of).to_json()
    return None


@cli.command("draft")
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("answers", type=click.Path(dir_okay=False))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="output file (default: <answers>-<lang>.<ext>; md: stdout)"
)
@click.option("--lang", type=click.Choice(["lv", "en"]), help="language (default: the answers' lang)")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="docx", show_default=True)
@click.option(
    "--landscape",
    "landscape",
    multiple=True,
    type=click.Path(exists=True),
    help="landscape folder: the annotation's current situation uses its gap report",
)
@click.option(
    "--gap-report", type=click.Path(exists=True, dir_okay=False), help="gap report JSON (pamats gaps --format json)"
)
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]), help="date for the gap report (default today)")
def draft_cmd(kind, answers, output, lang, fmt, landscape, gap_report, as_of):
    """Draft a KIND (regulation, order, agreement, annotation, amendment, consolidated) from an ANSWERS file.

    amendment: the amending regulation; consolidated: the act in force as amended, changes
    tracked (docx, html, md). Both read an amendment answers file (docs/amendments.md)."""
    if kind in ("amendment", "consolidated"):
        return _amendment(kind, answers, output, lang, fmt)
    if fmt == "html":
        raise InputError("html is written only for: pamats draft consolidated", hint="use docx, pdf, md or akn")
    from ..drafting.answers import load_answers
    from ..drafting.build import build_instrument

    a = load_answers(answers)
    if a.kind != kind:
        raise InputError(
            f"the answers are of kind '{a.kind}', not '{kind}'",
            location=Location(answers),
            hint=f"run: pamats draft {a.kind} {answers}",
        )
    as_of_d = as_of.date() if as_of else dt.date.today()
    report = _gap_report(landscape, gap_report, as_of_d) if kind == "annotation" else None
    instr = build_instrument(a, lang=lang, landscape_report=report)
    if output is None and fmt == "md":
        click.echo(_markdown(instr), nl=False)
        return
    out = Path(output) if output else Path(f"{Path(answers).stem}-{instr.lang}{EXT[fmt]}")
    if fmt == "md":
        write_text_atomic(out, _markdown(instr))
    elif fmt == "akn":
        from ..drafting.render.akn import render_akn

        write_bytes_atomic(out, render_akn(instr))
    elif fmt == "docx":
        from ..drafting.render.docx import render_docx

        render_docx(instr, out)
    else:
        from ..drafting.render.docx import render_docx
        from ..drafting.render.pdf import render_pdf

        with tempfile.TemporaryDirectory(prefix="pamats-draft-") as tmp:
            docx = render_docx(instr, Path(tmp) / (out.stem + ".docx"))
            render_pdf(docx, out)
    click.echo(f"wrote {out}")


def _amendment(kind, answers, output, lang, fmt):
    from ..drafting.amendment.pipeline import prepare, render

    prepared = prepare(answers)
    data = render(prepared, kind, fmt, lang)
    if output is None and fmt in ("md", "html"):
        click.echo(data.decode("utf-8"), nl=False)
        return
    lang = lang or prepared.input.answers.lang
    suffix = "-consolidated" if kind == "consolidated" else ""
    out = Path(output) if output else Path(f"{Path(answers).stem}{suffix}-{lang}{EXT[fmt]}")
    write_bytes_atomic(out, data)
    click.echo(f"wrote {out}")


def _markdown(instr) -> str:
    from ..drafting.render.markdown import render_markdown

    return render_markdown(instr)


@cli.command("derive-amendment")
@click.argument("in_force", type=click.Path(dir_okay=False))
@click.argument("wanted", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="write the changes here (default: stdout)")
def derive_amendment_cmd(in_force, wanted, output):
    """Derive amendment instructions from two versions of an act (IN_FORCE, WANTED act files).

    Prints a ``changes:`` list for an amendment answers file (docs/amendments.md)."""
    from ..drafting.amendment.act import load_act
    from ..drafting.amendment.derive import changes_as_data, derive_changes
    from ..yamlio import dump_yaml

    a, b = load_act(in_force), load_act(wanted)
    text = dump_yaml({"changes": changes_as_data(derive_changes(a, b, where=Location(wanted)))})
    if output:
        write_text_atomic(Path(output), text)
        click.echo(f"wrote {output}")
    else:
        click.echo(text, nl=False)


@cli.command("act-import")
@click.argument("text", type=click.Path(dir_okay=False))
@click.option("--id", "act_id", required=True, help="act id, e.g. mk-344-2019 (file answers/acts/<id>.yaml)")
@click.option("--source", required=True, help="where the text was copied from (likumi.lv URL)")
@click.option("--verified", is_flag=True, help="the text was compared with the source, unit by unit")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="act file to write (default: stdout)")
def act_import_cmd(text, act_id, source, verified, output):
    """Turn the copied TEXT of an act in force (likumi.lv consolidated text) into an act file (docs/amendments.md)."""
    from ..drafting.amendment.import_text import act_from_text, act_yaml, read_text_file

    act = act_from_text(read_text_file(text), act_id=act_id, source=source, verified=verified, path=text)
    data = act_yaml(
        act,
        f"# Imported with pamats act-import from {text} ({source}); verified: {str(verified).lower()}.\n"
        "# Check every point against the source; texts not read stay null (docs/amendments.md).\n",
    )
    if output:
        write_text_atomic(Path(output), data)
        click.echo(f"wrote {output}: {sum(1 for _ in act.walk())} units")
    else:
        click.echo(data, nl=False)


@cli.command("lint")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--landscape",
    "landscape",
    multiple=True,
    type=click.Path(exists=True),
    help="landscape folder: checks the empowering provision exists and is in force",
)
@click.option("--lang", type=click.Choice(["lv", "en"]), help="build in this language first")
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]), help="date for in-force checks (default today)")
@click.option("--json", "as_json", is_flag=True, help="print findings as JSON")
def lint_cmd(file, landscape, lang, as_of, as_json):
    """Check legal technique of FILE (an answers file, or a document-model YAML/JSON). Exit 1 on findings."""
    from ..drafting.answers import parse_answers
    from ..drafting.build import build_instrument
    from ..drafting.document import Instrument
    from ..drafting.lint import lint_instrument
    from ..yamlio import load_yaml

    data, pos = load_yaml(file)
    answers = None
    if isinstance(data, dict) and data.get("kind") == "amendment":  # checked against the act, then linted as built
        from ..drafting.amendment.pipeline import prepare
        from ..drafting.amendment.wording import build_amendment

        p = prepare(file)
        instr = build_amendment(p.input.answers, p.act, p.cons, lang)
    elif isinstance(data, dict) and "body" in data:
        try:
            instr = Instrument.model_validate(data)
        except Exception as e:  # noqa: BLE001 - pydantic error -> input error
            raise InputError(
                f"not a valid document model: {str(e).splitlines()[0]}", location=Location(pos.path)
            ) from None
    else:
        answers = parse_answers(data, source=pos.path, positions=pos)
        instr = build_instrument(answers, lang=lang)
    findings = lint_instrument(
        instr, answers=answers, landscape=_landscape(landscape), as_of=as_of.date() if as_of else None
    )
    if as_json:
        click.echo(json.dumps([f.to_json() for f in findings], ensure_ascii=False, indent=2))
    else:
        for f in findings:
            click.echo(str(f))
        click.echo(f"{len(findings)} finding(s)" if findings else "clean: no findings")
    if findings:
        raise SystemExit(1)


__all__ = ["draft_cmd", "lint_cmd", "derive_amendment_cmd", "act_import_cmd", "PamatsError"]
