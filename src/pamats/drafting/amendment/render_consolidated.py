"""This file shows the consolidated text: the act as it will read after the amendment, changes marked.

:func:`consolidated_changes` compares the act in force with the consolidated act (both from
:func:`.consolidate.apply_changes`, so the same structure) unit by unit, by number: inserted
units, deleted ones (their text struck, "(Svītrots)" inserted), changed texts word by word.
The marks are the redline :class:`~pamats.drafting.redline.Change` runs, so the
DOCX has real Word tracked changes (``w:ins``/``w:del``, via
:func:`pamats.drafting.redline_docx.redline_docx_bytes`) and the HTML view ``<ins>``/``<del>``
(:func:`pamats.drafting.redline.render_html`). Accepting every change in Word gives the
consolidated act; rejecting every change gives the act in force.
"""

from __future__ import annotations

import datetime as dt

from ..clauses import Clauses
from ..redline import Change, render_html, words_diff
from ..redline_docx import redline_docx_bytes
from .act import Act, Unit
from .grammar import date_en, date_lv
from .numbers import format_number
from .wording import unit_ref

__all__ = ["consolidated_changes", "consolidated_html", "consolidated_docx_bytes", "consolidated_markdown"]


def _text(u: Unit | None, c: Clauses) -> str | None:
    if u is None:
        return None
    if u.deleted:
        return c("deleted")
    return u.text if u.text is not None else c("unread", ref=unit_ref([u.key], c.lang, "gen"))


def consolidated_changes(old: Act, new: Act, lang: str = "lv") -> list[Change]:
    c = Clauses(lang, "amendment")
    out: list[Change] = []
    for i, (a, b) in enumerate(((old.title, new.title), (old.izdoti or "", new.izdoti or ""))):
        kind = "chapter" if i == 0 else "para"
        out.append(
            Change(
                "changed" if a != b else "equal",
                f"meta-{i}",
                kind,
                0,
                None,
                None,
                a,
                b,
                words=words_diff(a, b) if a != b else [("equal", b)],
            )
        )
    olds = {u.key: u for u in old.walk()}
    news = {u.key: u for u in new.walk()}
    headings = _chapter_headings(old, new, c)
    for key in sorted(set(olds) | set(news)):
        out += headings.pop(key, [])
        a, b = _text(olds.get(key), c), _text(news.get(key), c)
        num = format_number(key)
        depth = len(key) - 1
        if a is None:
            out.append(Change("inserted", str(key), "point", depth, None, num, None, b, words=[("insert", b)]))
        elif b is None:  # a sub-point dropped by restating its parent
            out.append(Change("deleted", str(key), "point", depth, num, None, a, None, words=[("delete", a)]))
        elif a != b:
            words = [("delete", a), ("insert", b)] if news[key].deleted else words_diff(a, b)
            out.append(Change("changed", str(key), "point", depth, num, num, a, b, words=words))
        else:
            out.append(Change("equal", str(key), "point", depth, num, num, a, b, words=[("equal", b)]))
    for n, ann in enumerate(new.annexes):
        before = next((x for x in old.annexes if x.n == ann.n), None)
        a = "\n".join([before.title or ""] + (before.text or [])) if before else None
        b = c("deleted") if ann.deleted else "\n".join([ann.title or ""] + (ann.text or []))
        label = f"{ann.n}. pielikums" if lang == "lv" and ann.n else f"Annex {ann.n or ''}".strip()
        if a is None:
            out.append(Change("inserted", f"annex-{n}", "point", 0, None, label, None, b, words=[("insert", b)]))
        elif a != b:
            out.append(Change("changed", f"annex-{n}", "point", 0, label, label, a, b, words=words_diff(a, b)))
    return out


def _chapter_headings(old: Act, new: Act, c: Clauses) -> dict:
    """Chapter headings by the key of the chapter's first point: changed, inserted, deleted or equal."""
    before = {ch.n: ch for ch in old.chapters}
    out: dict = {}
    for ch in new.chapters:
        if not ch.points:
            continue
        b = f"{ch.n}. " + (c("deleted_chapter") if ch.deleted else ch.title)
        prev = before.get(ch.n)
        a = f"{prev.n}. {prev.title}" if prev is not None else None
        cid = f"chapter-{ch.n}"
        if a is None:
            change = Change("inserted", cid, "chapter", 0, None, None, None, b, words=[("insert", b)])
        elif a != b:
            change = Change("changed", cid, "chapter", 0, None, None, a, b, words=words_diff(a, b))
        else:
            change = Change("equal", cid, "chapter", 0, None, None, a, b, words=[("equal", b)])
        out.setdefault(ch.points[0].key, []).append(change)
    return out


def _title(new: Act, lang: str) -> str:
    date = date_en(new.date) if lang == "en" else date_lv(new.date, "gen")
    return Clauses(lang, "amendment")("consolidated_title", date=date, number=new.number)


def consolidated_html(old: Act, new: Act, lang: str = "lv") -> str:
    return render_html(consolidated_changes(old, new, lang), title=_title(new, lang))


def consolidated_markdown(old: Act, new: Act, lang: str = "lv") -> str:
    from ..redline import render_markdown

    return f"# {_title(new, lang)}\n\n" + render_markdown(consolidated_changes(old, new, lang))


def consolidated_docx_bytes(
    old: Act, new: Act, lang: str = "lv", *, author: str = "pamats", date: dt.datetime | None = None
) -> bytes:
    return redline_docx_bytes(consolidated_changes(old, new, lang), title=_title(new, lang), author=author, date=date)
