"""This file derives amendment instructions from two versions of an act (in force, wanted).

Units are matched by number (numbers never change in an amendment): a unit whose own text
changed is restated (only its lead-in, ``restate_lead``, when its sub-points stay); a unit
whose sub-points appear or vanish wholesale is restated with them; units wanted but not in
force are inserted after their previous sibling, consecutive ones in one instruction; units
deleted in the wanted version (or missing from it) are deleted; the title, the *Izdoti* line
and annexes are compared too. The result is checked: applying it to the act in force must
give the wanted version (:func:`.consolidate.act_signature`), else a clear InputError says
which number the wanted version should use.
"""

from __future__ import annotations

from ...errors import InputError, Location
from .act import Act, Unit
from .answers import AnnexText, Change, NewUnit
from .consolidate import act_signature, apply_changes
from .numbers import Key, format_number

__all__ = ["derive_changes", "changes_as_data"]


def _tree(u: Unit) -> NewUnit:
    if u.text is None or u.deleted:
        raise InputError(
            f"wanted version: unit {u.n} is new but has no text (or is marked deleted)", hint="give the new unit's text"
        )
    return NewUnit(text=u.text, units=[_tree(c) for c in u.units])


def _num(key: Key) -> str:
    return format_number(key).rstrip(".")


def derive_changes(a: Act, b: Act, *, where: Location | None = None) -> list[Change]:
    """Minimal changes turning ``a`` (in force) into ``b`` (wanted)."""
    out: list[Change] = []
    if a.title != b.title:
        out.append(Change(restate_title=b.title))
    if (a.izdoti or "") != (b.izdoti or ""):
        out.append(Change(restate_izdoti=b.izdoti or ""))
    A = {u.key: u for u in a.walk()}
    B = {u.key: u for u in b.walk()}
    covered: set[Key] = set()

    def is_covered(key: Key) -> bool:
        return any(key[:k] in covered for k in range(1, len(key) + 1))

    for key in sorted(set(A) | set(B)):
        if is_covered(key):
            continue
        ua, ub = A.get(key), B.get(key)
        if ua is not None and ub is not None:
            if ua.deleted and ub.deleted:
                continue
            if ua.deleted:
                raise InputError(
                    f"wanted version: {_num(key)} was deleted and cannot come back under its number",
                    location=where,
                    hint="add the text as a new unit after it",
                )
            if ub.deleted:
                out.append(Change(delete=_num(key)))
                covered.add(key)
                continue
            if bool(ua.units) != bool(ub.units):  # sub-points appear (or vanish) wholesale: restate with them
                out.append(Change(restate=_num(key), text=ub.text, units=[_tree(c) for c in ub.units]))
                covered.add(key)
            elif ua.text != ub.text:
                if ub.text is None:
                    raise InputError(f"wanted version: {_num(key)} has no text", location=where)
                has_kids = any(not c.deleted for c in ua.units)
                out.append(
                    Change(restate_lead=_num(key), text=ub.text)
                    if has_kids
                    else Change(restate=_num(key), text=ub.text)
                )
        elif ub is not None:  # new units at this level: appended ones first, then the inserted (prim) runs
            level = [k for k in B if len(k) == len(key) and k[:-1] == key[:-1]]
            old = sorted(k for k in level if k in A)
            if not old:
                raise InputError(
                    f"wanted version: {_num(key)} has no earlier unit at its level to be inserted after",
                    location=where,
                    hint="new units are added after an existing one (5.¹ after 5)",
                )
            new = sorted(k for k in level if k not in A)
            tail = [k for k in new if k > old[-1] and k[-1][1] == 0]
            if tail:
                out.append(Change(insert_after=_num(old[-1]), points=[_tree(B[k]) for k in tail]))
            rest = [k for k in new if k not in tail]
            have = sorted(old + tail)
            while rest:
                anchor = max(k for k in have if k < rest[0]) if any(k < rest[0] for k in have) else None
                if anchor is None:
                    raise InputError(
                        f"wanted version: {_num(rest[0])} has no earlier unit at its level",
                        location=where,
                        hint="new units are added after an existing one (5.¹ after 5)",
                    )
                run = [k for k in rest if k > anchor and not any(anchor < h < k for h in have)]
                out.append(Change(insert_after=_num(anchor), points=[_tree(B[k]) for k in run]))
                have = sorted(have + run)
                rest = [k for k in rest if k not in run]
            covered.update(new)
        elif ua is not None and not ua.deleted:
            out.append(Change(delete=_num(key)))
            covered.add(key)
    for ann in b.annexes:
        old = next((x for x in a.annexes if x.n == ann.n), None)
        if old is None or (old.title, old.text) != (ann.title, ann.text):
            body = AnnexText(title=ann.title or "", text=list(ann.text or []))
            out.append(
                Change(add_annex=ann.n or "", annex=body)
                if old is None
                else Change(restate_annex=ann.n or "", annex=body)
            )
    heads_a = {c.n: c for c in a.chapters}
    if [c.n for c in a.chapters] != [c.n for c in b.chapters]:
        raise InputError(
            "the wanted version adds or removes chapters ("
            + ", ".join(c.n for c in a.chapters)
            + " -> "
            + ", ".join(c.n for c in b.chapters)
            + "); chapters are not derived",
            location=where,
            hint="write insert_chapter_after / delete_chapter changes in the answers (docs/amendments.md)",
        )
    for c in b.chapters:  # a chapter's new heading
        if heads_a[c.n].title != c.title and not c.deleted:
            out.append(Change(restate_chapter_title=c.n, text=c.title))
    got = apply_changes(a, out, where=lambda i: where or Location("<derived>")).act
    if act_signature(got) != act_signature(b):
        want = [u.n for u in b.walk()]
        have = [u.n for u in got.walk()]
        raise InputError(
            "the wanted version cannot be reached by amendment instructions: its numbering differs "
            f"from the numbers insertions take (wanted {want}, instructions give {have})",
            location=where,
            hint="number inserted units 5.¹, 5.² … after 5 (superscripts), never renumber",
        )
    return out


def changes_as_data(changes: list[Change]) -> list[dict]:
    """The changes as answers data (for ``changes:`` in an amendment answers file)."""
    return [c.model_dump(by_alias=True, exclude_none=True, exclude_defaults=True) for c in changes]
