"""This file benchmarks DOCX generation: pamats vs bare docxtpl on the same template and context.

Cases: (1) a 200-point Cabinet regulation (20 chapters x 10 points, each with 2 sub-points);
(2) 1,000 agreements (the MARTA–VRS answers with varied party names), built from answers.
"pamats" = build the Instrument + docx_context + docxtpl render + save (what ``pamats draft`` does
minus the file write); "bare" = docxtpl render + save with the context already made.
Goal: overhead (pamats / bare) <= 1.3x. Run: .venv/bin/python bench/drafting_bench.py [--agreements N]
"""

from __future__ import annotations

import argparse
import copy
import io
import statistics
import time
from pathlib import Path

import yaml
from docxtpl import DocxTemplate

from pamats.drafting.answers import parse_answers
from pamats.drafting.build import build_instrument
from pamats.drafting.document import Instrument, Node
from pamats.drafting.render.docx import docx_context, render_docx_bytes, template_path

ROOT = Path(__file__).resolve().parents[1]


def big_regulation() -> Instrument:
    chapters = []
    for c in range(20):
        points = [
            Node(
                id=f"p{c}-{k}",
                text=[f"Punkta teksts {c}-{k}: iestāde rīkojas šādi:"],
                children=[
                    Node(id=f"p{c}-{k}-1", text=["pirmā darbība;"]),
                    Node(id=f"p{c}-{k}-2", text=["otrā darbība."]),
                ],
            )
            for k in range(10)
        ]
        chapters.append(Node(id=f"ch{c}", kind="chapter", title=f"Nodaļa {c + 1}", children=points))
    return Instrument(
        kind="regulation",
        title="Lieli noteikumi",
        basis_line="Izdoti saskaņā ar …",
        body=chapters,
        signatories=[{"position": "Ministru prezidente", "name": "E. Siliņa"}],
    )


def bare(template: Path, ctx: dict) -> bytes:
    tpl = DocxTemplate(str(template))
    tpl.render(ctx, autoescape=True)
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--agreements", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    instr = big_regulation()
    assert sum(1 for n in instr.walk() if n.node.kind == "point" and n.depth == 1) == 200
    ctx = docx_context(instr)
    tp = template_path(instr)
    bare(tp, ctx)  # warm-up
    t_p = timed(lambda: render_docx_bytes(instr), args.repeat)
    t_b = timed(lambda: bare(tp, ctx), args.repeat)
    print(
        f"200-point regulation: pamats {t_p * 1000:.1f} ms, bare docxtpl {t_b * 1000:.1f} ms, "
        f"overhead {t_p / t_b:.2f}x (median of {args.repeat})"
    )

    base = yaml.safe_load((ROOT / "agreements/marta-vrs/answers.yaml").read_text(encoding="utf-8"))
    answers = []
    for k in range(args.agreements):
        d = copy.deepcopy(base)
        d["parties"][1]["name"] = f'biedrība "Partneris {k}"'
        answers.append(parse_answers(d))
    t = time.perf_counter()
    contexts = []
    for a in answers:
        ins = build_instrument(a)
        render_docx_bytes(ins)
        contexts.append(docx_context(ins))
    t_pa = time.perf_counter() - t
    tpa = template_path(build_instrument(answers[0]))
    t = time.perf_counter()
    for c in contexts:
        bare(tpa, c)
    t_ba = time.perf_counter() - t
    n = args.agreements
    print(
        f"{n} agreements: pamats {t_pa:.1f} s ({t_pa / n * 1000:.1f} ms each), bare docxtpl {t_ba:.1f} s "
        f"({t_ba / n * 1000:.1f} ms each), overhead {t_pa / t_ba:.2f}x"
    )


if __name__ == "__main__":
    main()
