"""This file applies amendment changes to an act in force: the consolidated act, and the
instructions resolved against it (numbers of inserted units, the units each change touches).

:func:`apply_changes` works on a copy, change by change in the answers' order (a later change
may refer to a unit an earlier one inserted), and raises :class:`~pamats.errors.InputError`
with the change's ``file:line`` for an unknown unit, a unit already deleted, words not found
or found more than once, no free number between two inserted units, a text never read at
the source. Inserted units take the next superscript (5.¹ after 5, 5.² after 5.¹); only a
unit after the last one at its level takes the next whole number. Deleted units keep their
number (tombstones), as in the official consolidations.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ...errors import InputError, Location
from ..answers import pick
from .act import Act, Annex, Unit
from .answers import Change, NewUnit
from .numbers import Key, format_number, parse_number

__all__ = ["Instruction", "Consolidation", "apply_changes", "act_signature", "find_words"]


@dataclass
class Instruction:
    """A change resolved against the act: what it targets and, for insertions, the new numbers."""

    index: int  # position in the answers
    change: Change
    action: str
    target: Key | None = None  # the unit changed, or the anchor of an insertion
    new_keys: list[Key] = field(default_factory=list)
    annex: str | None = None  # annex number (None: the only annex)
    count: int = 1  # replace_in: how many occurrences are replaced

    @property
    def sort_key(self) -> tuple:
        """Order in the act: title, izdoti line, units in document order, annexes."""
        if self.action == "restate_title":
            return (0, (), self.index)
        if self.action == "restate_izdoti":
            return (1, (), self.index)
        if self.action in ("add_annex", "restate_annex"):
            return (3, ((int(self.annex) if (self.annex or "").isdigit() else 0, 0),), self.index)
        key = self.new_keys[0] if self.action == "insert_after" else self.target
        return (2, key, self.index)


@dataclass
class Consolidation:
    act: Act
    instructions: list[Instruction]


class _Index:
    """Key -> (unit, parent unit or None, container list) over a mutable act."""

    def __init__(self, act: Act):
        self.act = act
        self.map: dict[Key, tuple[Unit, Unit | None, list[Unit]]] = {}
        containers = [c.points for c in act.chapters] if act.chapters else [act.points]
        for cont in containers:
            self._add(cont, None)

    def _add(self, cont: list[Unit], parent: Unit | None) -> None:
        for u in cont:
            self.map[u.key] = (u, parent, cont)
            self._add(u.units, u)

    def siblings(self, key: Key) -> list[Key]:
        unit, parent, _ = self.map[key]
        if parent is None:
            return [u.key for u in self.act.top()]
        return [u.key for u in parent.units]


_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-ZĀČĒĢĪĶĻŅŠŪŽ\"„])")


def find_words(text: str, words: str) -> list[re.Match]:
    """Occurrences of ``words`` in ``text`` as whole words (not inside a longer word)."""
    return list(re.finditer(r"(?<!\w)" + re.escape(words) + r"(?!\w)", text))


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENT.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _build(nu: NewUnit, key: Key) -> Unit:
    text = pick(nu.text, "lv")
    kids = [_build(c, key + ((i + 1, 0),)) for i, c in enumerate(nu.units)]
    return Unit.model_construct(
        n=format_number(key).rstrip("."), text=text, units=kids, deleted=False, source=None, verified=False, note=None
    )


def _name(key: Key) -> str:
    return ("sub-point " if len(key) > 1 else "point ") + format_number(key).rstrip(".")


def apply_changes(act: Act, changes: list[Change], where: Callable[[int], Location] | None = None) -> Consolidation:
    """Apply ``changes`` to a copy of ``act``; return the consolidated act and the resolved instructions."""
    where = where or (lambda i: Location("<changes>"))
    new = act.model_copy(deep=True)
    idx = _Index(new)
    out: list[Instruction] = []

    def err(i: int, msg: str, hint: str | None = None) -> InputError:
        return InputError(f"changes[{i}]: {msg}", location=where(i), hint=hint)

    def unit(i: int, num: str, *, live: bool = True) -> tuple[Key, Unit]:
        key = parse_number(num)
        if key not in idx.map:
            more = ""
            if new.unread_after and key > parse_number(new.unread_after):
                more = f" (the act file holds the points up to {new.unread_after}; the rest were not read at a source)"
            raise err(
                i,
                f"{_name(key)} is not in {new.id}{more}",
                hint="check the number against the act; add missing points to the act file (docs/amendments.md)",
            )
        u = idx.map[key][0]
        if live and u.deleted:
            raise err(i, f"{_name(key)} is already deleted", hint="a deleted unit cannot be changed; insert a new one")
        return key, u

    for i, ch in enumerate(changes):
        a = ch.action
        ins = Instruction(index=i, change=ch, action=a)
        if a in ("restate", "restate_lead"):
            key, u = unit(i, getattr(ch, a))
            if a == "restate_lead" and not any(not c.deleted for c in u.units):
                raise err(i, f"{_name(key)} has no sub-points, so it has no lead-in", hint="use restate")
            u.text = pick(ch.text, "lv")
            u.verified = False
            if a == "restate":
                for c in u.units:
                    _drop(idx, c)
                u.units = [_build(nu, key + ((j + 1, 0),)) for j, nu in enumerate(ch.units)]
                idx._add(u.units, u)
            ins.target = key
        elif a == "delete":
            key, u = unit(i, ch.delete)
            for c in u.units:
                _drop(idx, c)
            u.text, u.units, u.deleted, u.verified = None, [], True, False
            ins.target = key
        elif a == "insert_after":
            key, anchor = unit(i, ch.insert_after, live=False)
            _, parent, cont = idx.map[key]
            sibs = idx.siblings(key)
            last = sibs.index(key) == len(sibs) - 1
            unread_more = parent is None and new.unread_after is not None and last
            after = key
            pos = cont.index(anchor)
            for nu in ch.points:
                base, prim = after[-1]
                if last and not unread_more:
                    nk = after[:-1] + ((base + 1, 0),)
                else:
                    nk = after[:-1] + ((base, prim + 1),)
                    nxt = next((s for s in sibs if s > after), None)
                    if nxt is not None and nk >= nxt:
                        raise err(
                            i,
                            f"no free number between {format_number(after)} and {format_number(nxt)}",
                            hint=f"insert after {format_number(nxt).rstrip('.')} instead, or restate "
                            f"{format_number(after).rstrip('.')} to include the new text",
                        )
                new_unit = _build(nu, nk)
                pos += 1
                cont.insert(pos, new_unit)
                idx.map[nk] = (new_unit, parent, cont)
                idx._add(new_unit.units, new_unit)
                ins.new_keys.append(nk)
                after = nk
                sibs = sorted(set(sibs) | {nk})
            ins.target = key
        elif a == "replace_in":
            key, u = unit(i, ch.replace_in)
            words, repl = pick(ch.words, "lv"), pick(ch.with_, "lv") or ""
            if u.text is None:
                raise err(
                    i,
                    f"the text of {_name(key)} was not read at a source, so words cannot be replaced in it",
                    hint="add the text to the act file from likumi.lv, or restate the unit",
                )
            spans = [(0, len(u.text))]
            if ch.sentence:
                sents = _sentences(u.text)
                if ch.sentence > len(sents):
                    raise err(i, f"{_name(key)} has {len(sents)} sentence(s), not {ch.sentence}")
                spans = [sents[ch.sentence - 1]]
            s0, s1 = spans[0]
            hits = find_words(u.text[s0:s1], words)
            if not hits:
                raise err(
                    i,
                    f'the words "{words}" are not in {_name(key)}'
                    + (f", sentence {ch.sentence}" if ch.sentence else ""),
                    hint="copy the words exactly as they stand in the act",
                )
            if len(hits) > 1 and ch.occurrence != "all":
                raise err(
                    i,
                    f'the words "{words}" appear {len(hits)} times in {_name(key)}'
                    + (f", sentence {ch.sentence}" if ch.sentence else "")
                    + "; the instruction would be ambiguous",
                    hint="add 'occurrence: all' to replace every one, or 'sentence: N' to name the sentence",
                )
            seg = u.text[s0:s1]
            for m in reversed(hits):
                seg = seg[: m.start()] + repl + seg[m.end() :]
            text = u.text[:s0] + seg + u.text[s1:]
            u.text = re.sub(r"  +", " ", text).replace(" ,", ",").replace(" .", ".") if not repl else text
            u.verified = False
            ins.target, ins.count = key, len(hits)
        elif a == "restate_title":
            new.title = pick(ch.restate_title, "lv")
        elif a == "restate_izdoti":
            new.izdoti = pick(ch.restate_izdoti, "lv")
        else:  # annexes
            num = getattr(ch, a)
            num = str(num).strip() or None
            hit = [x for x in new.annexes if (x.n or None) == num or (num in (None, "1") and len(new.annexes) == 1)]
            annex = Annex(n=num, title=pick(ch.annex.title, "lv"), text=[pick(t, "lv") for t in ch.annex.text])
            if a == "add_annex":
                if hit and any(x.n == num for x in hit):
                    raise err(i, f"annex {num} already exists", hint="use restate_annex")
                new.annexes.append(annex)
            else:
                if not hit:
                    raise err(
                        i,
                        f"annex {num or ''} is not in {new.id}".replace("  ", " "),
                        hint="the act file lists no such annex; add it (docs/amendments.md) or use add_annex",
                    )
                new.annexes[new.annexes.index(hit[0])] = annex.model_copy(update={"n": hit[0].n})
            ins.annex = num
        out.append(ins)
    return Consolidation(new, sorted(out, key=lambda x: x.sort_key))


def _drop(idx: _Index, u: Unit) -> None:
    idx.map.pop(u.key, None)
    for c in u.units:
        _drop(idx, c)


def act_signature(act: Act) -> tuple:
    """What the act says (title, izdoti, every unit's number/text/deleted, annexes): equality of content."""
    units = tuple((u.key, u.text, u.deleted) for u in act.walk())
    annexes = tuple((a.n, a.title, tuple(a.text or ())) for a in act.annexes)
    return (act.title, act.izdoti, units, annexes)
