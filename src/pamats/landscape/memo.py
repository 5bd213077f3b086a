"""This file defines the named memo tables of one index: what the check, the explanations and
the remedies compute once per landscape and date and reuse for every flow.

Each table is a typed field of a small class; an :class:`~pamats.landscape.index.Index` holds
one of each (``ix.check_memo``, ``ix.explain_memo``, ``ix.remedy_memo``), created empty with
the index, so a result never outlives the index it was computed on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .check import Static
    from .findings import Failure
    from .index import PermRef

__all__ = ["CheckMemo", "ExplainMemo", "RemedyMemo"]


@dataclass(slots=True)
class CheckMemo:
    """The check's memo tables (``ix.check_memo``)."""

    # (sender is public, *categories) or (sender is public, which rank rules' categories meet)
    # -> (rank id needed, rules that applied)
    required_rank: dict[tuple, tuple[str, list]] = field(default_factory=dict)
    rule_sets: list[frozenset[str]] | None = None  # categories of each rank rule that has some
    statics: dict[int, Static] = field(default_factory=dict)  # id(PermRef) -> its facts
    pairs: dict[tuple[str, str], tuple[list[PermRef], list[Static]]] = field(default_factory=dict)


@dataclass(slots=True)
class ExplainMemo:
    """The explanations' memo tables (``ix.explain_memo``)."""

    failures: dict[tuple, Failure] = field(default_factory=dict)  # facts of a text (see _key) -> failure
    # (actor, missing side, limit) -> provisions (see explain._side)
    near_sides: dict[tuple, list[tuple]] = field(default_factory=dict)
    # (text key, the provision's party) -> (lv before, lv after, en before, en after), when said
    near_texts: dict[tuple[str, str], tuple[str, str, str, str]] = field(default_factory=dict)
    messages: dict[tuple, tuple[str, str]] = field(
        default_factory=dict
    )  # (code, sender, recipient, purpose?) -> (lv, en)


@dataclass(slots=True)
class RemedyMemo:
    """The remedies' memo tables (``ix.remedy_memo``)."""

    empowering: dict[tuple[str, str], dict | None] = field(default_factory=dict)  # (kind, purpose) -> provision
    unders: dict[tuple[str, str], dict | None] = field(default_factory=dict)  # (purpose, kind) -> see _under
    empowering_provisions: list[tuple] | None = None  # (instrument, provision, rank) that empower something
    then: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)  # (sender, kind) -> what follows
    frames: dict[tuple, tuple] = field(default_factory=dict)  # (then, purpose, kind) -> see _frame
    for_sender: dict[tuple, tuple] = field(default_factory=dict)  # (sender, purpose, kind) -> see _new_for_sender
    old_instrument: dict[tuple, tuple] = field(
        default_factory=dict
    )  # (sender, recipient, purpose, code, instrument) -> remedy fields
    amend: dict[str, tuple[str, str, str, str]] = field(default_factory=dict)  # provision ref -> see _amend
