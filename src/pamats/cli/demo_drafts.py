"""This file defines the drafting step of ``pamats demo``: the seed's instruments, drafted.

From the bundled answers (``answers/``, ``agreements/marta-vrs/``) it drafts the Cabinet
regulation, the Interior Ministry order and the MARTA–VRS agreement (DOCX in Latvian and
English, Markdown, Akoma Ntoso), lints each, writes each as a landscape instrument (the flows
its points authorise) for the what-if, and drafts the annotation with the gap report in its
"current situation" section.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .._atomic import write_bytes_atomic, write_text_atomic
from ..resources import agreements_dir, answers_dir
from ..yamlio import dump_yaml

__all__ = ["SEED_DRAFTS", "Drafted", "draft_seed_instruments"]

# landscape id -> bundled answers file; the ids are those the other drafts cite
SEED_DRAFTS = (
    ("nrm-regulation", ("answers", "nrm-regulation.yaml")),
    ("iem-order", ("answers", "iem-order.yaml")),
    ("marta-vrs-agreement", ("agreements", "marta-vrs/answers.yaml")),
)


@dataclass
class Drafted:
    files: list[Path] = field(default_factory=list)
    landscape: list[tuple[dict, str]] = field(default_factory=list)  # (landscape file dict, origin) for the what-if
    rows: list[tuple[str, str, int, int]] = field(default_factory=list)  # name, title, points, lint findings


def _answers_path(where: str, rel: str) -> Path:
    return (answers_dir() if where == "answers" else agreements_dir()) / rel


def _write_instrument(instr, stem: Path, files: list[Path], *, akn: bool) -> None:
    from ..drafting.render.akn import render_akn
    from ..drafting.render.docx import render_docx
    from ..drafting.render.markdown import render_markdown

    out = stem.with_name(f"{stem.name}-{instr.lang}.docx")
    render_docx(instr, out)
    files.append(out)
    if instr.lang == "lv":
        md = stem.with_name(f"{stem.name}-lv.md")
        write_text_atomic(md, render_markdown(instr))
        files.append(md)
        if akn:
            x = stem.with_name(f"{stem.name}.akn.xml")
            write_bytes_atomic(x, render_akn(instr))
            files.append(x)


def draft_seed_instruments(out: Path, gap_report: dict) -> Drafted:
    """Draft the three instruments and the annotation under ``out``; see the module docstring."""
    from ..drafting.answers import load_answers
    from ..drafting.build import build_instrument
    from ..drafting.lint import lint_instrument
    from ..drafting.to_landscape import answers_to_landscape

    done = Drafted()
    for iid, (where, rel) in SEED_DRAFTS:
        path = _answers_path(where, rel)
        answers = load_answers(path)
        stem = out / iid
        for lang in ("lv", "en"):
            instr = build_instrument(answers, lang=lang)
            _write_instrument(instr, stem, done.files, akn=True)
            if lang == "lv":
                findings = lint_instrument(instr, answers=answers)
                done.rows.append((iid, instr.title, sum(1 for _ in instr.walk()), len(findings)))
        data = answers_to_landscape(answers, instrument_id=iid)
        ls_file = out / f"{iid}.landscape.yaml"
        write_text_atomic(ls_file, dump_yaml(data))
        done.files.append(ls_file)
        done.landscape.append((data, f"{ls_file.name} (drafted from {where}/{rel})"))
    answers = load_answers(answers_dir() / "nrm-annotation.yaml")
    for lang in ("lv", "en"):
        instr = build_instrument(answers, lang=lang, landscape_report=gap_report)
        _write_instrument(instr, out / "nrm-annotation", done.files, akn=False)
        if lang == "lv":
            done.rows.append(("nrm-annotation", instr.title, sum(1 for _ in instr.walk()),
                              len(lint_instrument(instr, answers=answers))))
    return done
