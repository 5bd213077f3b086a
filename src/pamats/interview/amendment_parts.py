"""This file defines the chapter and annex changes of the amending-regulation interview
(interviews/amendment.yml; the point changes are :mod:`pamats.interview.amendment`).

- :func:`offered`: the chapter and annex changes that apply to the chosen act as it reads after
  the changes so far: chapter changes only when it has chapters in force, adding an annex always,
  restating or deleting an annex when its file lists one in force, replacing words in an annex
  when one's text was read at a source;
- :func:`chapter_choices`, :func:`annex_choices`, :func:`next_annex`: the dropdowns and the
  number a new annex gets;
- :func:`chapter_heading`, :func:`chapter_points`, :func:`annex_title`, :func:`annex_text`: the
  screens' defaults (the act's wording, to edit);
- :func:`change_data`: one screen's answers as one change of the answers file
  (docs/amendments.md: ``restate_chapter``, ``add_annex`` …); :func:`summary_text`: the start of
  the new wording for the list of changes.

The act is :class:`pamats.drafting.amendment.act.Act`; every rule stays the core's
(:func:`pamats.drafting.amendment.consolidate.apply_changes`). No docassemble import here.
"""

from __future__ import annotations

from typing import Any

from ..drafting.amendment.act import Act, Annex
from ..drafting.amendment.answers import ANNEX_ACTIONS, CHAPTER_ACTIONS
from ..text.messages import msg

__all__ = [
    "CHAPTER_KINDS",
    "ANNEX_KINDS",
    "offered",
    "chapter_choices",
    "annex_choices",
    "next_annex",
    "annexes_unread",
    "chapter_heading",
    "chapter_points",
    "annex_title",
    "annex_text",
    "change_data",
    "summary_text",
    "annex_lines",
]

CHAPTER_KINDS = CHAPTER_ACTIONS  # the interview's kinds of change are the core's actions
ANNEX_KINDS = ANNEX_ACTIONS


def _lines(text: Any) -> list[str]:
    return [x.strip() for x in str(text or "").splitlines() if x.strip()]


def _annex_no(a: Annex) -> str:
    """The number the answers give an annex ('1' for the only, unnumbered annex, as the core reads it)."""
    return a.n or "1"


def offered(act: Act) -> list[str]:
    """The chapter and annex kinds of change that apply to ``act`` (see the module docstring)."""
    out: list[str] = []
    if any(not c.deleted for c in act.chapters):
        out += CHAPTER_KINDS
    out.append("add_annex")
    live = [a for a in act.annexes if not a.deleted]
    if live:
        out += ["restate_annex", "delete_annex"]
    if any(a.text is not None for a in live):
        out.append("replace_in_annex")
    return out


def chapter_choices(act: Act) -> list[dict]:
    """Dropdown: the chapters in force, '<n>. <heading>'."""
    return [{c.n: f"{c.n}. {c.title}"} for c in act.chapters if not c.deleted]


def annex_choices(act: Act, lang: str, *, read_only: bool = False) -> list[dict]:
    """Dropdown: the annexes in force (``read_only``: those whose text was read at a source)."""
    out = []
    for a in act.annexes:
        if a.deleted or (read_only and a.text is None):
            continue
        label = msg("amendment_screen.annex_choice", "en" if lang == "en" else "lv", n=_annex_no(a))
        out.append({_annex_no(a): f"{label}: {a.title}" if a.title else label})
    return out


def annexes_unread(act: Act) -> bool:
    """The act goes on beyond what was read and its file lists no annex: whether it has annexes,
    and how many, is not known (MK 344: 'the annexes were not read')."""
    return bool(act.unread_after) and not act.annexes


def next_annex(act: Act) -> str:
    """The number of an annex added after the act's last one ('' when its annexes were not read:
    the number must come from the act's text, not from a guess)."""
    if annexes_unread(act):
        return ""
    nums = [int(a.n) for a in act.annexes if (a.n or "").isdigit()]
    return str(max(nums, default=len(act.annexes)) + 1)


def _chapter(act: Act, n: str | None):
    return next((c for c in act.chapters if c.n == n), None)


def _annex(act: Act, n: str | None):
    return next((a for a in act.annexes if _annex_no(a) == n), None)


def chapter_heading(act: Act, n: str | None) -> str:
    c = _chapter(act, n)
    return c.title if c is not None else ""


def chapter_points(act: Act, n: str | None) -> str:
    """The chapter's points in force, one a line (their texts, without numbers)."""
    c = _chapter(act, n)
    return "\n".join(u.text or "" for u in (c.points if c else []) if not u.deleted)


def annex_title(act: Act, n: str | None) -> str:
    a = _annex(act, n)
    return (a.title or "") if a is not None else ""


def annex_text(act: Act, n: str | None) -> str:
    """The annex's paragraphs, one a line ('' when not read)."""
    a = _annex(act, n)
    return "\n".join(a.text or []) if a is not None else ""


def annex_lines(act: Act, n: str | None) -> list[str]:
    """The annex's title and paragraphs, for the screen that replaces words in it."""
    a = _annex(act, n)
    return [x for x in ([a.title or ""] + list(a.text or [])) if x] if a is not None else []


def change_data(
    kind: str,
    *,
    target: str | None = None,
    heading: str | None = None,
    points: Any = None,
    title: str | None = None,
    text: Any = None,
    words: str | None = None,
    replacement: str | None = None,
    every: bool = False,
) -> dict:
    """One chapter or annex change of the answers file from one screen's answers."""
    if kind not in CHAPTER_KINDS + ANNEX_KINDS:
        raise ValueError(f"not a chapter or annex change: {kind!r}")
    if kind == "delete_chapter" or kind == "delete_annex":
        return {kind: target}
    if kind == "restate_chapter_title":
        return {kind: target, "text": (heading or "").strip()}
    if kind in ("restate_chapter", "insert_chapter_after"):
        return {kind: target, "text": (heading or "").strip(), "points": [{"text": x} for x in _lines(points)]}
    if kind == "replace_in_annex":
        out = {kind: target, "words": (words or "").strip(), "with": (replacement or "").strip()}
        if every:
            out["occurrence"] = "all"
        return out
    return {kind: target, "annex": {"title": (title or "").strip(), "text": _lines(text)}}


def summary_text(data: dict) -> str:
    """The start of a chapter or annex change's new wording (the list of changes)."""
    if "words" in data:
        return f"„{data['words']}” → „{data['with']}”"
    if "annex" in data:
        return data["annex"]["title"]
    return str(data.get("text") or "")
