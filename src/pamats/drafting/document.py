"""This file defines the one document model every drafted instrument uses.

An :class:`Instrument` has metadata (kind, title, issuer, place and date, number,
language, empowering provisions, parties, signatories) and a tree of :class:`Node`
(chapters, points, sub-points, paragraphs). Numbers are computed from position, never
stored (Latvian technique, shared/notes/latvian-drafting.md §1.2):

* chapters get Roman numerals: ``I.``, ``II.`` …;
* points are numbered continuously through all chapters: ``1.``, ``2.`` …;
* sub-points nest: ``1.1.``, ``1.1.1.``;
* paragraphs (``kind="para"``) carry no number.

Cross-references are inline :class:`XRef` parts that point at a node ``id`` and render as
that node's current number, so they follow renumbering. Text parts are plain user data:
nothing in them is ever evaluated as a template.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "XRef",
    "Inline",
    "Node",
    "Party",
    "Signatory",
    "Citation",
    "Instrument",
    "roman",
    "Numbered",
    "number_tree",
    "render_inline",
]


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid")


class XRef(_M):
    """A cross-reference to another node by id; rendered as its computed number."""

    ref: str
    form: Literal["number", "bare", "point", "subpoint", "chapter"] = "number"


Inline = str | XRef


class Node(_M):
    """A chapter, point, sub-point or unnumbered paragraph of an instrument."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_\-]*$", description="stable id; follows the text across versions")
    kind: Literal["chapter", "point", "para"] = "point"
    title: str | None = None  # chapters (and agreement sections)
    text: list[Inline] = Field(default_factory=list)
    children: list[Node] = Field(default_factory=list)
    # What a provision authorises, for writing the draft as a landscape instrument.
    authorises: list[dict] = Field(default_factory=list)
    empowers: list[str] = Field(default_factory=list)


class Party(_M):
    key: str = Field(description="landscape actor id, e.g. 'marta', 'vrs'")
    name: str
    short: str | None = None
    reg_no: str | None = None
    address: str | None = None
    representative: str | None = None
    representative_position: str | None = None
    authority: str | None = Field(default=None, description="what the representative acts under, e.g. 'nolikums'")


class Signatory(_M):
    position: str
    name: str


class Citation(_M):
    """An empowering provision, in parts, so the Latvian case forms can be built.

    ``law_genitive`` is the law's title in the genitive ("Sociālo pakalpojumu un sociālās
    palīdzības likuma"); ``section``/``part``/``clause`` are numbers (part is written as
    an ordinal word). ``instrument``/``provision`` point into a landscape when known.
    """

    law_genitive: str
    law_en: str | None = None
    section: str
    part: int | None = None
    clause: str | None = None
    instrument: str | None = None
    provision: str | None = None
    verified: bool = False


class Instrument(_M):
    kind: Literal["regulation", "order", "agreement", "annotation", "amendment"]
    lang: Literal["lv", "en"] = "lv"
    title: str
    issuer: str | None = None
    issuer_key: str | None = None
    place: str | None = None
    date: dt.date | None = None
    number: str | None = None
    empowered_by: list[Citation] = Field(default_factory=list)
    parties: list[Party] = Field(default_factory=list)
    signatories: list[Signatory] = Field(default_factory=list)
    preamble: list[Inline] = Field(default_factory=list)
    marking: str | None = Field(default=None, description="draft marking, e.g. 'Noteikumu projekts'")
    header_lines: list[str] = Field(default_factory=list, description="act header lines (number, place, date)")
    basis_line: str | None = Field(default=None, description="the 'Izdoti saskaņā ar …' line, right-aligned")
    notes: list[str] = Field(default_factory=list, description="visible notes to the drafter ([JĀPRECIZĒ: …])")
    warnings: list[str] = Field(default_factory=list, description="visible warnings (e.g. no legal norm)")
    intro: list[str] = Field(default_factory=list, description="paragraphs before the body (agreement parties)")
    closing: list[str] = Field(default_factory=list, description="paragraphs after the body")
    signature_blocks: list[list[str]] = Field(default_factory=list, description="agreement signature table cells")
    body: list[Node] = Field(default_factory=list)
    annexes: list[Node] = Field(default_factory=list)
    meta: dict[str, str] = Field(default_factory=dict)

    def walk(self) -> Iterator[Numbered]:
        """Every node with its computed number, in document order."""
        yield from number_tree(self.body)

    def numbers(self) -> dict[str, str]:
        """Map node id -> computed number ("I.", "3.", "3.1.", "" for paragraphs)."""
        return {n.node.id: n.number for n in self.walk()}

    def find(self, node_id: str) -> Node | None:
        for n in self.walk():
            if n.node.id == node_id:
                return n.node
        return None


ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def roman(n: int) -> str:
    """Roman numeral of ``n`` (1 -> 'I')."""
    if n <= 0:
        raise ValueError("roman numerals start at 1")
    out = []
    for value, sym in ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


class Numbered(_M):
    node: Node
    number: str
    depth: int
    chapter: str | None = None


def number_tree(body: list[Node]) -> Iterator[Numbered]:
    """Number a body: chapters Roman, points continuous across chapters, sub-points nested."""
    counter = {"chapter": 0, "point": 0}

    def sub(nodes: list[Node], prefix: str, depth: int, chapter: str | None) -> Iterator[Numbered]:
        i = 0
        for node in nodes:
            if node.kind == "para":
                yield Numbered(node=node, number="", depth=depth, chapter=chapter)
                yield from sub(node.children, prefix, depth + 1, chapter)
                continue
            i += 1
            num = f"{prefix}{i}."
            yield Numbered(node=node, number=num, depth=depth, chapter=chapter)
            yield from sub(node.children, num, depth + 1, chapter)

    for node in body:
        if node.kind == "chapter":
            counter["chapter"] += 1
            ch = f"{roman(counter['chapter'])}."
            yield Numbered(node=node, number=ch, depth=0, chapter=ch)
            for child in node.children:
                if child.kind == "para":
                    yield Numbered(node=child, number="", depth=1, chapter=ch)
                    continue
                counter["point"] += 1
                num = f"{counter['point']}."
                yield Numbered(node=child, number=num, depth=1, chapter=ch)
                yield from sub(child.children, num, 2, ch)
        elif node.kind == "para":
            yield Numbered(node=node, number="", depth=0)
        else:
            counter["point"] += 1
            num = f"{counter['point']}."
            yield Numbered(node=node, number=num, depth=0)
            yield from sub(node.children, num, 1, None)


def render_inline(parts: list[Inline], numbers: dict[str, str]) -> str:
    """Plain text of inline parts, cross-references resolved to current numbers.

    An unresolved reference renders as ``[?id]`` (the linter reports it).
    """
    out = []
    for p in parts:
        if isinstance(p, str):
            out.append(p)
        else:
            num = numbers.get(p.ref)
            if num and p.form == "bare":
                num = num.rstrip(".")
            out.append(num if num else f"[?{p.ref}]")
    return "".join(out)
