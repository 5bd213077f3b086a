"""This file defines the drafting step of ``pamats demo``: the seed's instruments, drafted.

The seed's gap is closed by amending the regulation in force under the mandate, Cabinet
Regulation No. 344 (2019), not by a parallel regulation (MK Reg. No. 108 paras 3.1-3.2; issue 13).
From the bundled answers (``answers/no344-*.yaml``) it drafts the amending regulation (DOCX in
Latvian and English, Markdown, Akoma Ntoso) with the consolidated text of No. 344 as amended
(Word tracked changes and HTML), the Interior Ministry order and the MARTA–VRS agreement that
implement it (DOCX lv/en, Markdown, Akoma Ntoso), lints each, writes each as a landscape
instrument (the flows its points authorise) for the what-if, and drafts the annotation with the
gap report in its "current situation" section.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .._atomic import write_bytes_atomic, write_text_atomic
from ..resources import answers_dir
from ..yamlio import dump_yaml

__all__ = ["AMENDMENT", "SEED_DRAFTS", "ANNOTATION", "Drafted", "draft_seed_instruments"]

# landscape id -> bundled answers file; the order and the agreement cite the amendment by its id
AMENDMENT = ("no344-amendment", "no344-amendment.yaml")
SEED_DRAFTS = (("no344-order", "no344-order.yaml"), ("no344-agreement", "no344-agreement.yaml"))
ANNOTATION = ("no344-annotation", "no344-annotation.yaml")


@dataclass
class Drafted:
    files: list[Path] = field(default_factory=list)
    landscape: list[tuple[dict, str]] = field(default_factory=list)  # (landscape file dict, origin) for the what-if
    rows: list[tuple[str, str, int, int]] = field(default_factory=list)  # name, title, points, lint findings
    named: dict[str, list[str]] = field(default_factory=dict)  # unit of the amendment -> senders it names


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


def _write_landscape(done: Drafted, out: Path, iid: str, data: dict, rel: str) -> None:
    ls_file = out / f"{iid}.landscape.yaml"
    write_text_atomic(ls_file, dump_yaml(data))
    done.files.append(ls_file)
    done.landscape.append((data, f"{ls_file.name} (drafted from answers/{rel})"))


def _draft_amendment(done: Drafted, out: Path) -> None:
    from ..drafting.amendment.pipeline import prepare, render
    from ..drafting.amendment.to_landscape import amendment_to_landscape
    from ..drafting.amendment.wording import build_amendment
    from ..drafting.lint import lint_instrument

    iid, rel = AMENDMENT
    p = prepare(answers_dir() / rel)
    stem = out / iid
    outputs = [
        (f"{iid}-lv.docx", "amendment", "docx", "lv"),
        (f"{iid}-en.docx", "amendment", "docx", "en"),
        (f"{iid}-lv.md", "amendment", "md", "lv"),
        (f"{iid}.akn.xml", "amendment", "akn", "lv"),
        (f"{iid}-consolidated-lv.docx", "consolidated", "docx", "lv"),
        (f"{iid}-consolidated-lv.html", "consolidated", "html", "lv"),
    ]
    for name, kind, fmt, lang in outputs:
        write_bytes_atomic(stem.with_name(name), render(p, kind, fmt, lang))
        done.files.append(stem.with_name(name))
    instr = build_amendment(p.input.answers, p.act, p.cons, "lv")
    done.rows.append((iid, instr.title, sum(1 for _ in instr.walk()), len(lint_instrument(instr))))
    data = amendment_to_landscape(p, instrument_id=iid)
    for prov in data["instruments"][0]["provisions"]:
        done.named[prov["ref_en"]] = list(dict.fromkeys(a["sender"] for a in prov["authorises"]))
    _write_landscape(done, out, iid, data, rel)


def draft_seed_instruments(out: Path, gap_report: dict) -> Drafted:
    """Draft the amendment, the order, the agreement and the annotation under ``out``; see the module docstring."""
    from ..drafting.answers import load_answers
    from ..drafting.build import build_instrument
    from ..drafting.lint import lint_instrument
    from ..drafting.to_landscape import answers_to_landscape

    done = Drafted()
    _draft_amendment(done, out)
    for iid, rel in SEED_DRAFTS:
        answers = load_answers(answers_dir() / rel)
        for lang in ("lv", "en"):
            instr = build_instrument(answers, lang=lang)
            _write_instrument(instr, out / iid, done.files, akn=True)
            if lang == "lv":
                findings = lint_instrument(instr, answers=answers)
                done.rows.append((iid, instr.title, sum(1 for _ in instr.walk()), len(findings)))
        _write_landscape(done, out, iid, answers_to_landscape(answers, instrument_id=iid), rel)
    iid, rel = ANNOTATION
    answers = load_answers(answers_dir() / rel)
    for lang in ("lv", "en"):
        instr = build_instrument(answers, lang=lang, landscape_report=gap_report)
        _write_instrument(instr, out / iid, done.files, akn=False)
        if lang == "lv":
            done.rows.append(
                (iid, instr.title, sum(1 for _ in instr.walk()), len(lint_instrument(instr, answers=answers)))
            )
    return done
