"""This file defines the points of a version as the workspace shows and changes them.

``points(instrument)``: every provision with its computed number and rendered text (the same
walk the redline uses). ``apply(instrument, changes)``: a new instrument with suggested changes
applied (new wording of a point, a new point after it, deleting it); the input is not changed.
``clean_point_text`` / ``clean_comment_text``: what a person may type (kept literally).
"""

from __future__ import annotations

import copy
import json

from ...drafting.redline import provisions
from ...errors import InputError

__all__ = [
    "instrument_of",
    "points",
    "point_map",
    "apply",
    "clean_point_text",
    "clean_comment_text",
    "MAX_POINT",
    "MAX_COMMENT",
]

MAX_POINT = 20_000
MAX_COMMENT = 10_000


def instrument_of(version) -> dict | None:
    """The stored instrument of a registry version (None when it was never drafted)."""
    return json.loads(version.instrument)


def points(instrument: dict | None) -> list[dict]:
    if not instrument:
        return []
    return [{"id": i, "kind": k, "depth": d, "number": n, "text": t} for i, k, d, n, t in provisions(instrument)]


def point_map(instrument: dict | None) -> dict[str, dict]:
    return {p["id"]: p for p in points(instrument)}


def _control(text: str, allow_newlines: bool) -> bool:
    return any((ord(c) < 32 and not (allow_newlines and c in "\n\t")) or c == "\x7f" for c in text)


def clean_point_text(text) -> str:
    if not isinstance(text, str) or not text.strip():
        raise InputError("punkta teksts ir tukšs / the point's text is empty", hint="write the new wording")
    if len(text) > MAX_POINT:
        raise InputError(
            f"punkta teksts ir par garu ({len(text)} rakstzīmes, ne vairāk kā {MAX_POINT}) / "
            f"the point's text is too long ({len(text)} characters, at most {MAX_POINT})"
        )
    if _control(text, False):
        raise InputError(
            "punkta tekstā ir rindiņas pārnesums vai vadības rakstzīme / "
            "the point's text contains a line break or a control character",
            hint="a point is one paragraph: write it on one line; suggest a new point for the next one",
        )
    return text.strip()


def clean_comment_text(text) -> str:
    if not isinstance(text, str) or not text.strip():
        raise InputError("komentārs ir tukšs / the comment is empty")
    if len(text) > MAX_COMMENT:
        raise InputError(
            f"komentārs ir par garu ({len(text)} rakstzīmes, ne vairāk kā {MAX_COMMENT}) / "
            f"the comment is too long ({len(text)} characters, at most {MAX_COMMENT})"
        )
    if _control(text, True):
        raise InputError("komentārā ir vadības rakstzīme / the comment contains a control character")
    return text.strip()


def _find(nodes: list[dict], node_id: str) -> tuple[list[dict], int] | None:
    for i, n in enumerate(nodes):
        if n.get("id") == node_id:
            return nodes, i
        hit = _find(n.get("children") or [], node_id)
        if hit:
            return hit
    return None


def apply(instrument: dict, changes: list[tuple[str, str, str | None, str | None]]) -> dict:
    """Apply (op, node_id, text, new_node_id) changes in order; op is replace|insert_after|delete."""
    new = copy.deepcopy(instrument)
    for op, node_id, text, new_id in changes:
        hit = _find(new.get("body") or [], node_id) or _find(new.get("annexes") or [], node_id)
        if hit is None:
            raise InputError(f"punkts {node_id!r} vairs nav tekstā / point {node_id!r} is no longer in the text")
        siblings, i = hit
        if op == "replace":
            siblings[i]["text"] = [text]
        elif op == "delete":
            del siblings[i]
        elif op == "insert_after":
            siblings.insert(
                i + 1, {"id": new_id, "kind": siblings[i].get("kind", "point"), "text": [text], "children": []}
            )
        else:
            raise InputError(f"unknown change {op!r}")
    return new
