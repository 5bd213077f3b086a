"""This file runs an amendment from its answers file to an output: the amending regulation
(DOCX, PDF, Markdown, Akoma Ntoso) or the consolidated text (DOCX tracked changes, HTML, Markdown).

:func:`prepare` reads the answers and the act (errors with file:line) and applies the changes;
:func:`render` produces the bytes of one output. Used by ``pamats draft amendment|consolidated``.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ...errors import InputError
from .act import Act, act_path, load_act
from .answers import AmendmentInput, load_amendment, parse_amendment
from .consolidate import Consolidation, apply_changes
from .errors import AmendmentError
from .wording import build_amendment

__all__ = [
    "Prepared",
    "prepare",
    "prepare_data",
    "prepare_input",
    "check_role_refs",
    "render",
    "AMENDMENT_FORMATS",
    "CONSOLIDATED_FORMATS",
]

AMENDMENT_FORMATS = ("docx", "pdf", "md", "akn")
CONSOLIDATED_FORMATS = ("docx", "html", "md")


@dataclass
class Prepared:
    input: AmendmentInput
    act: Act
    cons: Consolidation


def prepare(answers_path: str | Path) -> Prepared:
    return prepare_input(load_amendment(answers_path))


def prepare_data(data: dict, *, source: str = "<answers>") -> Prepared:
    """:func:`prepare` for answers held in memory (an interview's); a path in ``act`` is not
    resolved against any folder, so use a bundled id."""
    return prepare_input(parse_amendment(data, source=source))


def prepare_input(inp: AmendmentInput) -> Prepared:
    path = act_path(inp.answers.act, inp.base)
    if not path.exists():
        raise InputError(
            f"act {inp.answers.act!r} not found (looked for {path})",
            location=inp.where("act"),
            hint="use a bundled id (answers/acts/<id>.yaml, e.g. mk-344-2019) or a path to an act file",
        )
    act = load_act(path)
    check_role_refs(inp, act)
    cons = apply_changes(act, inp.answers.changes, where=lambda i: inp.where("changes", i))
    return Prepared(inp, act, cons)


def check_role_refs(inp: AmendmentInput, act: Act) -> None:
    """A unit addressed to named institutions authorises those institutions only: an exchange may
    name a role ('role:service_provider') only where the amended act defines a term for it (its
    ``terms``, e.g. No. 344 point 3 "pakalpojuma sniedzējs"); otherwise it must name the actors."""
    defined = {f"role:{t.role}": t for t in act.terms}

    def walk(units, path, top=False):
        for j, nu in enumerate(units):
            here = path if top else path + (j,)
            for m, x in enumerate(nu.exchanges):
                for side in ("sender", "recipient"):
                    ref = getattr(x, side)
                    if ref.startswith("role:") and ref not in defined:
                        known = ", ".join(f"{r} ('{t.term}', {t.unit}. punkts)" for r, t in defined.items()) or "–"
                        raise AmendmentError(
                            "role_undefined",
                            location=inp.where(*here, "exchanges", m, side),
                            prefix=f"{_dotted(here)}.exchanges[{m}].{side}: ",
                            ref=ref,
                            act=act.id,
                            known=known,
                        )
            walk(nu.units, here + ("units",))

    for i, ch in enumerate(inp.answers.changes):
        walk([ch], ("changes", i), top=True)  # a restated unit's own exchanges, then its sub-points
        walk(ch.points or [], ("changes", i, "points"))


def _dotted(path: tuple) -> str:
    """('changes', 0, 'points', 1) -> 'changes[0].points[1]'."""
    return "".join(f"[{x}]" if isinstance(x, int) else f".{x}" for x in path).lstrip(".")


def render(p: Prepared, kind: str, fmt: str, lang: str | None = None, today: dt.date | None = None) -> bytes:
    lang = lang or p.input.answers.lang
    if kind == "consolidated":
        from .render_consolidated import consolidated_docx_bytes, consolidated_html, consolidated_markdown

        if fmt not in CONSOLIDATED_FORMATS:
            raise InputError(f"the consolidated text is written as {', '.join(CONSOLIDATED_FORMATS)}, not {fmt}")
        if fmt == "docx":
            return consolidated_docx_bytes(p.act, p.cons.act, lang)
        if fmt == "html":
            return consolidated_html(p.act, p.cons.act, lang).encode("utf-8")
        return consolidated_markdown(p.act, p.cons.act, lang).encode("utf-8")
    if fmt not in AMENDMENT_FORMATS:
        raise InputError(
            f"the amending regulation is written as {', '.join(AMENDMENT_FORMATS)}, not {fmt}",
            hint="html is for: pamats draft consolidated",
        )
    instr = build_amendment(p.input.answers, p.act, p.cons, lang)
    if fmt == "md":
        from ..render.markdown import md_escape, render_markdown

        text = render_markdown(instr)
        for a in instr.annexes:  # the annexes of the amending act, after the signatures
            head = "".join(x for x in a.text if isinstance(x, str))
            block = "  \n> ".join(md_escape(line, block=False) for line in head.split("\n"))
            text += f"\n---\n\n> {block}\n\n## {md_escape(a.title or '', one_line=True)}\n\n"
            text += "".join(
                md_escape("".join(x for x in p.text if isinstance(x, str)), block=True) + "\n\n" for p in a.children
            )
        return text.encode("utf-8")
    if fmt == "akn":
        from .render_akn import render_amendment_akn

        return render_amendment_akn(instr, p.act, p.cons, today=today)
    from .render_docx import amendment_docx_bytes

    data = amendment_docx_bytes(instr)
    if fmt == "docx":
        return data
    from ..render.pdf import render_pdf

    with tempfile.TemporaryDirectory(prefix="pamats-amend-") as tmp:
        src = Path(tmp) / "amendment.docx"
        src.write_bytes(data)
        return render_pdf(src, Path(tmp) / "amendment.pdf").read_bytes()
