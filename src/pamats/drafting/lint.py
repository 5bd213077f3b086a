"""This file defines ``pamats lint``: legal-technique checks on a drafted instrument.

Stable codes (docs/drafting.md lists them):

LT001 missing empowering clause (regulation/order)      LT006 required section missing for the kind
LT002 empowering provision not found / not in force     LT007 data exchange without a legal norm in force
LT003 numbering: a point's text starts with a number    LT008 point restates the empowering provision
LT004 unresolved cross-reference                        LT009 lead-in / item punctuation
LT005 defined term introduced twice or never used       LT010 fill-in marker left in the text

Each finding names the point (its number) or the part of the document.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass

from .document import Instrument, XRef, render_inline

__all__ = ["LintFinding", "lint_instrument", "CODES"]

CODES = {
    "LT001": "missing empowering clause", "LT002": "empowering provision not found or not in force",
    "LT003": "manual numbering in a point's text", "LT004": "unresolved cross-reference",
    "LT005": "defined term used inconsistently", "LT006": "required section missing",
    "LT007": "data exchange without a legal norm in force", "LT008": "point restates the empowering law",
    "LT009": "lead-in or item punctuation", "LT010": "fill-in marker left in the text",
}
_MARKERS = ("[JĀPRECIZĒ", "[TO BE CONFIRMED", "[BRĪDINĀJUMS", "[WARNING")
_TERM = re.compile(r"\((?:turpmāk|hereinafter) – ([^)]+)\)")
_REQUIRED = {
    "agreement": {"s-subject", "s-data", "s-term", "s-final"},
    "regulation": {"scope"},
    "annotation": {"s1-1", "s1-2", "s1-3"},
    "order": {"control"},
}


@dataclass(frozen=True)
class LintFinding:
    code: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.code} {self.where}: {self.message}"

    def to_json(self) -> dict:
        return {"code": self.code, "where": self.where, "message": self.message}


def lint_instrument(instr: Instrument, *, answers=None, landscape=None, as_of: dt.date | None = None) -> list[LintFinding]:
    """All findings for ``instr`` (``answers`` and ``landscape`` enable LT002/LT007/LT008)."""
    out: list[LintFinding] = []
    add = lambda code, where, msg: out.append(LintFinding(code, where, msg))  # noqa: E731
    nums = instr.numbers()
    walk = list(instr.walk())

    def where(n) -> str:
        return f"{'point' if n.node.kind != 'chapter' else 'chapter'} {n.number}" if n.number else f"paragraph {n.node.id}"

    if instr.kind in ("regulation", "order") and not (instr.basis_line and instr.empowered_by):
        add("LT001", "header", "no 'Izdoti saskaņā ar' line: name the empowering provision (MKIL s.31(2))")
    if landscape is not None:
        as_of = as_of or dt.date.today()
        for c in instr.empowered_by:
            if not c.instrument:
                continue
            inst = landscape.instruments.get(c.instrument)
            prov = next((p for p in inst.provisions if p.id == c.provision), None) if inst else None
            if inst is None or (c.provision and prov is None):
                add("LT002", "header", f"empowering provision {c.instrument}/{c.provision} is not in the landscape")
            elif str(getattr(inst.status, "value", inst.status)) != "in_force" or \
                    (inst.valid_to and inst.valid_to < as_of) or (inst.valid_from and inst.valid_from > as_of):
                add("LT002", "header", f"empowering act {c.instrument} is not in force on {as_of}")
            elif prov is not None and prov.summary is not None:
                for n in walk:
                    text = render_inline(n.node.text, nums)
                    if text and difflib.SequenceMatcher(None, text.lower(), prov.summary.lv.lower()).ratio() > 0.8:
                        add("LT008", where(n), "restates the empowering provision; do not repeat higher norms (No. 108 para 3)")
    seen_terms: dict[str, str] = {}
    full = "\n".join([*instr.intro] + [render_inline(n.node.text, nums) for n in walk])
    for n in walk:
        node = n.node
        text = render_inline(node.text, nums)
        for part in node.text:
            if isinstance(part, XRef) and part.ref not in nums:
                add("LT004", where(n), f"reference to '{part.ref}', which is not in the document")
        if node.kind == "point" and re.match(r"^\d+(\.\d+)*\.\s", text):
            add("LT003", where(n), "text starts with a number; numbers are computed, remove it")
        points = [c for c in node.children if c.kind == "point" and c.text]
        if points and node.text:
            if not text.rstrip().endswith(":"):
                add("LT009", where(n), "a lead-in before sub-points ends with ':'")
            ends = [render_inline(c.text, nums).rstrip()[-1:] for c in points]
            want = [";"] * (len(ends) - 1) + ["."]
            if ends != want and text.rstrip().endswith(":"):
                add("LT009", where(n), "items end with ';' and the last one with '.'")
        for m in _TERM.finditer(text):
            term = m.group(1).strip()
            key = term.lower()
            if key in seen_terms:
                add("LT005", where(n), f"term '{term}' is introduced again (first in {seen_terms[key]})")
            seen_terms[key] = where(n)
    for line in instr.intro:
        for m in _TERM.finditer(line):
            seen_terms.setdefault(m.group(1).strip().lower(), "the parties clause")
    low = full.lower()
    for key, first in seen_terms.items():
        word = key.split()[-1]
        stem = word[:max(4, len(word) - 3)]
        at = low.find(f"– {key})")
        rest = _TERM.sub("", full[at + len(key) + 3:] if at >= 0 else full).lower()
        if stem not in rest:
            add("LT005", first, f"term '{key}' is introduced but never used")
    ids = {n.node.id for n in walk}
    for req in sorted(_REQUIRED.get(instr.kind, set()) - ids):
        add("LT006", "body", f"required part '{req}' is missing for a {instr.kind}")
    if instr.kind == "agreement":
        for w in instr.warnings:
            add("LT007", "section 'Informācijas apmaiņas kārtība'", "no legal norm allows the data exchange; " + w[:80])
        if answers is not None and getattr(answers, "exchanges", None):
            for norm in answers.legal_basis_norms:
                label = norm.instrument or "norm"
                if not norm.in_force:
                    add("LT007", "legal_basis_norms", f"{label}: the norm is not yet in force (draft); the exchange "
                                                      "may start only after it is adopted")
                elif landscape is not None and norm.instrument and norm.instrument not in landscape.instruments:
                    add("LT007", "legal_basis_norms", f"{label}: not found in the landscape")
    texts = [instr.title, *instr.header_lines, instr.basis_line or "", *instr.intro,
             *[render_inline(n.node.text, nums) for n in walk], *[s.name for s in instr.signatories],
             *[x for b in instr.signature_blocks for x in b]]
    markers = sum(t.count(m) for t in texts for m in _MARKERS[:2])
    if markers:
        add("LT010", "document", f"{markers} fill-in marker(s) left ([JĀPRECIZĒ: …] / [TO BE CONFIRMED: …])")
    return out
