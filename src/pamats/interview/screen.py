"""This file defines what the interview screens show of the user's own text, and what they accept.

- :func:`screen_text`: user text shown as typed on a docassemble screen. docassemble renders
  a screen's text as Markdown (with "smart" quotes and dashes) and reads ``[BR]``-style tags,
  so every character those would change becomes an HTML character reference: ``__.`` and
  ``**x**`` show as typed, ``<b>`` shows as ``<b>``, line breaks stay.
- :func:`clause`: a clause as the document writes it (the drafting catalogue), so a review
  screen shows the sentence the DOCX will hold;
- :func:`doc_date`: a date as the document writes it (the drafting package's formatter, the
  same call the DOCX builder makes: "2027. gada 1. martā", "1 March 2027").
- :func:`date_check`: the same for a date field: a date that does not exist (31.02.2025) is
  refused with a message saying so, not "this field is required";
- :func:`text_check`: a docassemble ``validate:`` function for a free-text field. It refuses a
  required field holding only spaces, a text longer than the field's limit and markup
  (HTML/XML tags), each with a message in the screen's language naming what and why; the
  server shows the message under the field (docassemble shows ``str(exception)``).
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Callable

from ..drafting.clauses import Clauses
from ..text.latvian import date_en, date_lv
from ..text.messages import msg
from ..text.quotes import lv_quotes

__all__ = [
    "LIMITS",
    "screen_text",
    "doc_date",
    "clause",
    "text_problem",
    "text_check",
    "read_date",
    "date_check",
]

# characters Markdown (and its smarty extension), HTML or docassemble's own tags would read
_SPECIAL = {c: f"&#{ord(c)};" for c in "&<>\"'\\`*_{}[]()#+-.!|~^$%="}

# longest text a field accepts, by kind of field (characters)
LIMITS = {"line": 200, "title": 400, "area": 2000}

# the refusals' texts: the catalogue's ``field.*`` section (src/pamats/text/catalogue/<lang>.yaml)

_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9:_-]*)(\s[^<>]*)?/?>")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")  # not tab, newline, carriage return


class _ThisRequest(threading.local):
    """The language of the screen docassemble is building in this thread: set at the start of
    every request by the interviews' common block (``use_language``), so a review shows user text
    with the quotation marks the document will print („…” in Latvian)."""

    lang: str | None = None


_THIS_REQUEST = _ThisRequest()


def use_language(lang: str | None) -> None:
    """Called at the start of every request (interviews/_common.yml): the screens' language."""
    _THIS_REQUEST.lang = lang if lang in ("lv", "en") else None


def screen_text(value) -> str:
    """``value`` (any text) as a docassemble screen shows it literally; on a Latvian screen with
    the document's quotation marks („…”, nested too: :func:`pamats.text.quotes.lv_quotes`)."""
    text = "" if value is None else str(value)
    if _THIS_REQUEST.lang == "lv":
        text = lv_quotes(text)
    out = "".join(_SPECIAL.get(c, c) for c in text)
    return out.replace("\r\n", "\n").replace("\n", "<br>")


def doc_date(value, lang: str, case: str = "loc") -> str:
    """A date as the document writes it: Latvian in ``case`` (loc/gen/dat/acc), English as
    '1 March 2027'. ``value``: a date, a datetime or an ISO string."""
    if value is None or value == "":
        d = None
    elif isinstance(value, dt.datetime):
        d = value.date()
    elif isinstance(value, dt.date):
        d = value
    else:
        d = dt.date.fromisoformat(str(value)[:10])
    return date_lv(d, case) if lang == "lv" else date_en(d)


def text_problem(value, lang: str, kind: str = "line", required: bool = True) -> str | None:
    """The message for what is wrong with a free-text answer, or None."""
    text = "" if value is None else str(value)
    lang = lang if lang in ("lv", "en") else "lv"
    # an empty answer is docassemble's own "required" check (it also probes every validate:
    # function with '' when it shows the screen, expecting no exception)
    if required and text and not text.strip():
        return msg("field.blank", lang)
    limit = LIMITS[kind]
    if len(text) > limit:
        return msg("field.too_long", lang, n=len(text), limit=limit)
    bad = _CONTROL.search(text)
    if bad:  # refused rather than silently dropped from the document (xml_safe would drop it)
        return msg("field.control", lang, code=f"U+{ord(bad.group(0)):04X}")
    m = _TAG.search(text)
    if m:
        # the tag by its name only: docassemble shows the message as HTML
        name = m.group(1)
        return msg("field.markup", lang, tag=f"„{name}”" if lang == "lv" else f'"{name}"')
    return None


def text_check(lang: str, kind: str = "line", required: bool = True) -> Callable[[str], bool]:
    """A ``validate:`` function: True, or ValueError with :func:`text_problem`'s message."""
    if kind not in LIMITS:
        raise ValueError(f"unknown field kind {kind!r}; one of {', '.join(LIMITS)}")

    def check(value) -> bool:
        problem = text_problem(value, lang, kind, required)
        if problem:
            raise ValueError(problem)
        return True

    return check


def clause(kind: str, lang: str, name: str, /, **values) -> str:
    """A clause of the document as the document writes it (the same catalogue,
    templates/clauses/<lang>/<kind>.j2), for a review screen: pass it through
    :func:`screen_text` to show it. Latvian quotation marks as the document writes them („…”)."""
    text = Clauses(lang, kind)(name, **values)
    return lv_quotes(text) if lang == "lv" else text


_DATE_FORMS = (
    (r"(\d{4})-(\d{1,2})-(\d{1,2})", (0, 1, 2)),  # ISO (a browser's date input)
    (r"(\d{1,2})\.(\d{1,2})\.(\d{4})\.?", (2, 1, 0)),  # Latvian dd.mm.gggg
    (r"(\d{1,2})/(\d{1,2})/(\d{4})", (2, 0, 1)),
)  # docassemble's own mm/dd/yyyy


def read_date(value) -> dt.date | None:
    """The date a user typed (dd.mm.gggg, ISO, or docassemble's mm/dd/yyyy), or None when it
    cannot be read or does not exist (31.02.2025)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    for pattern, (y, m, d) in _DATE_FORMS:
        match = re.fullmatch(pattern, text)
        if match:
            parts = match.groups()
            try:
                return dt.date(int(parts[y]), int(parts[m]), int(parts[d]))
            except ValueError:
                return None
    return None


def date_check(lang: str) -> Callable[[object], bool]:
    """A ``validate:`` function for a date field: True, or ValueError naming the date that
    does not exist (31.02.2025) or cannot be read. Empty is docassemble's required check."""

    def check(value) -> bool:
        if value in (None, "") or read_date(value) is not None:
            return True
        raise ValueError(msg("field.bad_date", "lv" if lang != "en" else "en", value=str(value).strip()))

    return check
