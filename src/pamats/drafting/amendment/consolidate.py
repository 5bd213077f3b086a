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
from .act import Act, Annex, Chapter, Unit
from .answers import ANNEX_ACTIONS, CHAPTER_ACTIONS, Change, NewUnit
from .errors import AmendmentError
from .numbers import SUP, Key, format_number, parse_number

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
    chapter: str | None = None  # chapter actions: the chapter's number ('II', the new 'II¹')
    anchor: Key | None = None  # chapter actions: the first point the chapter held (the act's order)
    points: list[Key] = field(default_factory=list)  # chapter actions: the points the chapter held

    @property
    def sort_key(self) -> tuple:
        """Order in the act: title, izdoti line, units in document order, annexes."""
        if self.action == "restate_title":
            return (0, (), self.index)
        if self.action == "restate_izdoti":
            return (1, (), self.index)
        if self.action in ANNEX_ACTIONS:
            return (3, ((int(self.annex) if (self.annex or "").isdigit() else 0, 0),), self.index)
        if self.action in CHAPTER_ACTIONS:  # before the instructions on its points
            return (2, self.anchor or (), -1, self.index)
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


def apply_changes(act: Act, changes: list[Change], where: Callable[[int], Location] | None = None) -> Consolidation:
    """Apply ``changes`` to a copy of ``act``; return the consolidated act and the resolved instructions."""
    where = where or (lambda i: Location("<changes>"))
    new = act.model_copy(deep=True)
    idx = _Index(new)
    out: list[Instruction] = []

    def err(i: int, msg: str, hint: str | None = None) -> InputError:
        return InputError(f"changes[{i}]: {msg}", location=where(i), hint=hint)

    def refuse(i: int, key: str, unit: Key | None = None, **params) -> AmendmentError:
        """A refusal worded from the catalogue (amendment.<key>): the interview shows it in its language."""
        return AmendmentError(key, unit=unit, location=where(i), prefix=f"changes[{i}]: ", **params)

    def unit(i: int, num: str, *, live: bool = True) -> tuple[Key, Unit]:
        key = parse_number(num)
        if key not in idx.map:
            if new.unread_after and key > parse_number(new.unread_after):
                raise refuse(i, "not_in_act_unread", key, act=new.id, last=new.unread_after)
            raise refuse(i, "not_in_act", key, act=new.id)
        u = idx.map[key][0]
        if live and u.deleted:
            raise refuse(i, "already_deleted", key)
        return key, u

    for i, ch in enumerate(changes):
        a = ch.action
        ins = Instruction(index=i, change=ch, action=a)
        if a in ("restate", "restate_lead"):
            key, u = unit(i, getattr(ch, a))
            if a == "restate_lead" and not any(not c.deleted for c in u.units):
                raise refuse(i, "no_lead", key)
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
                        raise refuse(
                            i,
                            "no_free_number",
                            after=format_number(after),
                            next=format_number(nxt),
                            next_ref=format_number(nxt).rstrip("."),
                            after_ref=format_number(after).rstrip("."),
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
                raise refuse(i, "text_unread", key)
            spans = [(0, len(u.text))]
            if ch.sentence:
                sents = _sentences(u.text)
                if ch.sentence > len(sents):
                    raise refuse(i, "sentences", key, count=len(sents), sentence=ch.sentence)
                spans = [sents[ch.sentence - 1]]
            s0, s1 = spans[0]
            hits = find_words(u.text[s0:s1], words)
            in_sentence = "_sentence" if ch.sentence else ""
            if not hits:
                raise refuse(i, "words_not_found" + in_sentence, key, words=words, sentence=ch.sentence)
            if len(hits) > 1 and ch.occurrence != "all":
                raise refuse(i, "words_twice" + in_sentence, key, words=words, count=len(hits), sentence=ch.sentence)
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
        elif a in CHAPTER_ACTIONS:
            _chapter_change(new, idx, ch, ins, err, refuse)
        elif a in ("delete_annex", "replace_in_annex"):
            _annex_change(new, ch, ins, err, refuse)
        else:  # annexes
            num = getattr(ch, a)
            num = str(num).strip() or None
            hit = [x for x in new.annexes if (x.n or None) == num or (num in (None, "1") and len(new.annexes) == 1)]
            annex = Annex(n=num, title=pick(ch.annex.title, "lv"), text=[pick(t, "lv") for t in ch.annex.text])
            if a == "add_annex":
                if hit and any(x.n == num for x in hit):
                    raise refuse(i, "annex_exists", annex=num)
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
    """What the act says (title, izdoti, every unit's number/text/deleted, annexes, chapter headings):
    equality of content."""
    units = tuple((u.key, u.text, u.deleted) for u in act.walk())
    annexes = tuple((a.n, a.title, tuple(a.text or ()), a.deleted) for a in act.annexes)
    chapters = tuple((c.n, c.title, c.deleted) for c in act.chapters)
    return (act.title, act.izdoti, units, annexes, chapters)


def chapter_number(text: str) -> str:
    """A chapter number as printed: 'II', 'II¹' ('II^1' is accepted and written 'II¹')."""
    m = re.fullmatch(r"\s*([IVXLC]+|\d+)\s*(?:\^(\d+)|([⁰¹²³⁴⁵⁶⁷⁸⁹]+))?\.?\s*", text or "")
    if not m:
        raise ValueError(f"{text!r} is not a chapter number (write it as printed: 'II', 'II¹' or 'II^1')")
    return m.group(1) + (m.group(2).translate(SUP) if m.group(2) else m.group(3) or "")


def _live(units: list[Unit]) -> list[Unit]:
    return [u for u in units if not u.deleted]


def _chapter_change(new: Act, idx: _Index, ch: Change, ins: Instruction, err, refuse) -> None:
    """Chapter actions: heading restated, chapter restated (its points keep their numbers),
    a chapter inserted after another (II -> II¹, its points numbered after the last point of
    the chapter before it), a chapter deleted (its points deleted, numbers kept)."""
    a = ins.action
    i = ins.index
    try:
        num = chapter_number(getattr(ch, a))
    except ValueError as e:
        raise err(i, str(e)) from None
    if not new.chapters:
        raise err(i, f"{new.id} has no chapters", hint="change its points instead (restate, insert_after, delete)")
    found = [c for c in new.chapters if c.n == num]
    if not found:
        raise err(
            i,
            f"chapter {num} is not in {new.id}",
            hint="chapters of the act: " + ", ".join(c.n for c in new.chapters),
        )
    chap = found[0]
    if chap.deleted:
        raise err(i, f"chapter {num} is already deleted", hint="a deleted chapter cannot be changed; insert a new one")
    heading = pick(ch.text, "lv") if ch.text is not None else None
    ins.chapter = num
    ins.points = [u.key for u in chap.points]
    ins.anchor = chap.points[0].key if chap.points else None
    if a == "restate_chapter_title":
        chap.title = heading
    elif a == "delete_chapter":
        for u in _live(chap.points):
            for c in u.units:
                _drop(idx, c)
            u.text, u.units, u.deleted, u.verified = None, [], True, False
        chap.deleted, chap.verified = True, False
    elif a == "restate_chapter":
        live = _live(chap.points)
        if len(ch.points) > len(live):
            raise refuse(
                i,
                "chapter_too_many",
                chapter=num,
                count=len(live),
                given=len(ch.points),
                last=format_number(chap.points[-1].key).rstrip("."),
            )
        for j, old in enumerate(live):
            for c in old.units:
                _drop(idx, c)
            if j < len(ch.points):
                unit = _build(ch.points[j], old.key)
                chap.points[chap.points.index(old)] = unit
                idx.map[old.key] = (unit, None, chap.points)
                idx._add(unit.units, unit)
                ins.new_keys.append(old.key)
            else:  # fewer points than before: the rest are deleted, their numbers kept
                old.text, old.units, old.deleted, old.verified = None, [], True, False
        chap.title, chap.verified = heading, False
    else:  # insert_chapter_after
        pos = new.chapters.index(chap)
        base = re.match(r"[IVXLC]+|\d+", num).group(0)
        nxt = new.chapters[pos + 1] if pos + 1 < len(new.chapters) else None
        prim = int(num[len(base) :].translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")) or 0) + 1
        n = base + str(prim).translate(SUP)
        if nxt is not None and nxt.n == n:
            raise refuse(i, "chapter_follows", chapter=num, next=n)
        anchor = next((u for c in reversed(new.chapters[: pos + 1]) for u in reversed(c.points)), None)
        if anchor is None:
            raise err(i, "no point before the new chapter to number its points after")
        later = [u.key for c in new.chapters[pos + 1 :] for u in c.points]
        last = not later and new.unread_after is None
        keys, after = [], anchor.key
        for _ in ch.points:
            k = ((after[0][0] + 1, 0),) if last else ((after[0][0], after[0][1] + 1),)
            if later and k >= later[0]:
                raise refuse(i, "chapter_no_free_number", after=format_number(after), next=format_number(later[0]))
            keys.append(k)
            after = k
        pts = [_build(nu, k) for nu, k in zip(ch.points, keys)]
        new.chapters.insert(pos + 1, Chapter(n=n, title=heading, points=pts, verified=False))
        idx._add(new.chapters[pos + 1].points, None)
        ins.chapter, ins.new_keys, ins.anchor, ins.points = n, keys, keys[0], []


def _annex_change(new: Act, ch: Change, ins: Instruction, err, refuse) -> None:
    """An annex deleted (its number kept), or words replaced in it (as in a point)."""
    a, i = ins.action, ins.index
    num = str(getattr(ch, a)).strip() or None
    hit = [x for x in new.annexes if (x.n or None) == num or (num in (None, "1") and len(new.annexes) == 1)]
    if not hit or hit[0].deleted:
        raise err(
            i,
            f"annex {num or ''} is not in {new.id}".replace("  ", " ")
            if not hit
            else f"annex {num} is already deleted",
            hint="the act file lists no such annex; add it (docs/amendments.md)" if not hit else None,
        )
    annex = hit[0]
    ins.annex = num
    if a == "delete_annex":
        new.annexes[new.annexes.index(annex)] = annex.model_copy(update={"deleted": True, "text": None})
        return
    if annex.text is None:
        raise err(i, f"the text of annex {num or ''} was not read at a source, so words cannot be replaced in it")
    words, repl = pick(ch.words, "lv"), pick(ch.with_, "lv") or ""
    hits = sum(len(find_words(t, words)) for t in [annex.title or ""] + annex.text)
    if not hits:
        raise refuse(i, "annex_words_not_found", words=words, annex=num or "1")
    if hits > 1 and ch.occurrence != "all":
        raise refuse(i, "annex_words_twice", words=words, count=hits, annex=num or "1")

    def sub(t: str) -> str:
        for m in reversed(find_words(t, words)):
            t = t[: m.start()] + repl + t[m.end() :]
        return t

    new.annexes[new.annexes.index(annex)] = annex.model_copy(
        update={"title": sub(annex.title) if annex.title else annex.title, "text": [sub(t) for t in annex.text]}
    )
    ins.count = hits
