"""This file defines the choice of a basis among those that cover a flow, by their conditions.

A provision may set conditions on the flows it allows (``Permission.conditions``: the person's
consent, only about a child…; ids from the jurisdiction's ``conditions`` vocabulary). A
condition never makes a flow fail. Among the provisions that cover a flow, one whose conditions
the flow declares (``Flow.conditions``), or that sets none, is preferred; a basis with a
condition the flow does not declare is chosen only when no other covers it, and the result says
which (``FlowResult.unmet``). Every report prints "covered on condition: …" for the conditions
of the basis chosen (docs/landscape-reports.md, "Conditions on a basis").
"""

from __future__ import annotations

from collections.abc import Iterable

from .findings import Candidate
from .model import Flow

__all__ = ["unmet", "choose"]


def unmet(flow: Flow, conditions: tuple[str, ...]) -> tuple[str, ...]:
    """The conditions of a basis that ``flow`` does not declare."""
    if not conditions:
        return ()
    return tuple(c for c in conditions if c not in flow.conditions)


def choose(flow: Flow, covering: Iterable[Candidate]) -> tuple[Candidate | None, tuple[str, ...]]:
    """The basis a report shows among ``covering`` (in their order): the first whose conditions
    the flow meets, else the first; with the conditions the flow does not declare."""
    first = None
    for c in covering:
        missing = unmet(flow, c.conditions)
        if not missing:
            return c, ()
        if first is None:
            first = (c, missing)
    return first if first is not None else (None, ())
