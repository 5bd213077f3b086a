"""This file defines the structural comparison of two versions of an instrument.

Provisions are matched by node id (the id follows a clause across versions), so the diff
knows insertions, deletions, moves (same id, different place), renumbering (same id, new
computed number) and changed text (word-level). ``render_markdown`` / ``render_html`` show
the result for the terminal and the web; :mod:`pamats.drafting.redline_docx` writes Word
tracked changes. User text is escaped, never interpreted.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass, field

from .document import Instrument, render_inline
from .render.markdown import md_escape

__all__ = ["Change", "compare", "provisions", "words_diff", "render_markdown", "render_html"]

_TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass
class Change:
    """One provision in the merged sequence; ``op`` is equal|changed|inserted|deleted|moved_from|moved_to."""

    op: str
    node_id: str
    kind: str
    depth: int
    old_number: str | None = None
    new_number: str | None = None
    old_text: str | None = None
    new_text: str | None = None
    renumbered: bool = False
    words: list[tuple[str, str]] = field(default_factory=list)  # (op, text): equal|insert|delete

    @property
    def counts(self) -> tuple[int, int]:
        """(insertions, deletions) this change makes as tracked-change runs."""
        ins = sum(1 for o, _ in self.words if o == "insert")
        dele = sum(1 for o, _ in self.words if o == "delete")
        return ins, dele


def _flat(instr: dict | Instrument) -> list[tuple[str, str, int, str, str]]:
    ins = instr if isinstance(instr, Instrument) else Instrument.model_validate(instr)
    nums = ins.numbers()
    out = []
    for n in ins.walk():
        body = render_inline(n.node.text, nums)
        text = f"{n.node.title}" + (f" {body}" if body else "") if n.node.title else body
        out.append((n.node.id, n.node.kind, n.depth, n.number, text))
    return out


def provisions(instr: dict | Instrument) -> list[tuple[str, str, int, str, str]]:
    """Every provision in document order: (node id, kind, depth, computed number, rendered text)."""
    return _flat(instr)


def words_diff(a: str, b: str) -> list[tuple[str, str]]:
    """Word-level diff: runs of (equal|insert|delete, text), whitespace kept."""
    ta, tb = _TOKEN.findall(a or ""), _TOKEN.findall(b or "")
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("equal", "".join(ta[i1:i2])))
        else:
            if i2 > i1:
                out.append(("delete", "".join(ta[i1:i2])))
            if j2 > j1:
                out.append(("insert", "".join(tb[j1:j2])))
    return out


def compare(old: dict | Instrument, new: dict | Instrument) -> list[Change]:
    """Merged provision sequence of ``old`` -> ``new`` (new document order, deletions where they were)."""
    a, b = _flat(old), _flat(new)
    aid, bid = [x[0] for x in a], [x[0] for x in b]
    in_a, in_b = set(aid), set(bid)
    out: list[Change] = []
    sm = difflib.SequenceMatcher(None, aid, bid, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            for x, y in zip(a[i1:i2], b[j1:j2]):
                words = words_diff(x[4], y[4]) if x[4] != y[4] else [("equal", y[4])]
                out.append(
                    Change(
                        "changed" if x[4] != y[4] else "equal",
                        y[0],
                        y[1],
                        y[2],
                        x[3],
                        y[3],
                        x[4],
                        y[4],
                        renumbered=x[3] != y[3],
                        words=words,
                    )
                )
            continue
        for x in a[i1:i2]:
            moved = x[0] in in_b
            out.append(
                Change(
                    "moved_from" if moved else "deleted",
                    x[0],
                    x[1],
                    x[2],
                    old_number=x[3],
                    old_text=x[4],
                    words=[("delete", x[4])],
                )
            )
        for y in b[j1:j2]:
            moved = y[0] in in_a
            old = next((x for x in a if x[0] == y[0]), None) if moved else None
            out.append(
                Change(
                    "moved_to" if moved else "inserted",
                    y[0],
                    y[1],
                    y[2],
                    old_number=old[3] if old else None,
                    new_number=y[3],
                    old_text=old[4] if old else None,
                    new_text=y[4],
                    renumbered=bool(old and old[3] != y[3]),
                    words=[("insert", y[4])],
                )
            )
    return out


def summary(changes: list[Change]) -> dict[str, int]:
    s = {k: 0 for k in ("inserted", "deleted", "moved", "changed", "renumbered")}
    for c in changes:
        if c.op in ("inserted", "deleted", "changed"):
            s[c.op] += 1
        elif c.op == "moved_to":
            s["moved"] += 1
        if c.renumbered and c.op in ("equal", "changed"):
            s["renumbered"] += 1
    return s


def _num(c: Change) -> str:
    if c.op in ("deleted", "moved_from"):
        return c.old_number or ""
    if c.renumbered:
        return f"{c.new_number} (was {c.old_number})"
    return c.new_number or ""


def render_markdown(changes: list[Change]) -> str:
    """Markdown-ish diff: ``{+inserted+}`` and ``[-deleted-]``; unchanged provisions are shown as context."""
    lines = []
    tag = {
        "inserted": "INSERTED",
        "deleted": "DELETED",
        "moved_from": "MOVED AWAY",
        "moved_to": "MOVED HERE",
        "changed": "CHANGED",
        "equal": "",
    }
    for c in changes:
        # user text shown literally: no heading, point or link from a value (render.markdown.md_escape)
        body = "".join(
            md_escape(t) if o == "equal" else (f"{{+{md_escape(t)}+}}" if o == "insert" else f"[-{md_escape(t)}-]")
            for o, t in c.words
        )
        label = tag[c.op] + (" RENUMBERED" if c.renumbered and c.op in ("equal", "changed") else "")
        lines.append(
            f"{'  ' * c.depth}- {_num(c)} {body}".rstrip() + (f"  **{label.strip()}**" if label.strip() else "")
        )
    s = summary(changes)
    lines.append("")
    lines.append(", ".join(f"{k}: {v}" for k, v in s.items()))
    return "\n".join(lines) + "\n"


def render_html(changes: list[Change], title: str = "Redline") -> str:
    e = html.escape
    rows = []
    for c in changes:
        body = "".join(
            e(t) if o == "equal" else (f"<ins>{e(t)}</ins>" if o == "insert" else f"<del>{e(t)}</del>")
            for o, t in c.words
        )
        rows.append(f'<p class="{c.op}" style="margin-left:{c.depth * 1.5}em"><b>{e(_num(c))}</b> {body}</p>')
    return (
        '<!doctype html><html><head><meta charset="utf-8"><title>' + e(title) + "</title><style>"
        "ins{background:#dfd;text-decoration:underline}del{background:#fdd}.moved_from,.moved_to{border-left:3px solid #88f}"
        "</style></head><body><h1>" + e(title) + "</h1>" + "\n".join(rows) + "</body></html>\n"
    )
