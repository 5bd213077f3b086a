"""This file defines what the agreement interview (interviews/agreement.yml) asks the workspace.

"Start negotiating" on the last screen (:func:`start_negotiating`): the logged-in account's
organisation creates the agreement from the interview's answers and the other party is invited
(:meth:`pamats.registry.workspace.Workspace.start_from_answers` decides everything). Re-drafting
from the room (:func:`redraft_source`, :func:`propose_redraft`): the interview opens with the
latest version's answers and ends in the next version of the same agreement. Identity is the
dict the interview builds from docassemble's login on every request (as in the workspace);
every message is in the user's language, every value escaped.
"""

from __future__ import annotations

import html

from ..errors import PamatsError
from .workspace import _error, enter, esc, principal, workspace
from .workspace_texts import tr

__all__ = ["start_negotiating", "redraft_source", "propose_redraft", "WORKSPACE_INTERVIEW"]

WORKSPACE_INTERVIEW = "docassemble.pamats:data/questions/workspace.yml"


def _button(href: str, label: str) -> str:
    return f'<p><a class="btn btn-primary" href="{html.escape(href)}">{label}</a></p>'


def _room_link(iurl, slug: str, lang: str) -> str:
    """The button to the agreement's room (``iurl``: docassemble's ``interview_url``)."""
    return _button(iurl(i=WORKSPACE_INTERVIEW, room=slug, new_session=1), tr(lang, "open_room")) if iurl else ""


def _ready(url: str | None, info: dict | None, lang: str):
    """(Workspace, Principal, '') or (None, None, HTML saying why not: log in, or a problem)."""
    p = principal(info)
    if p is None:
        return None, None, f"<p>{tr(lang, 'login_needed')}</p>"
    problem = enter(url, p, lang)
    if problem:
        return None, None, problem
    return workspace(url), p, ""


def start_negotiating(
    url: str | None, info: dict | None, answers: dict, lang: str = "lv", iurl=None, login_url: str | None = None
) -> dict:
    """{slug (None when not started), html (what happened, in ``lang``, with the room's link or
    the log-in link)}; ``iurl`` is docassemble's ``interview_url``, ``login_url`` its log-in page."""
    ws, p, problem = _ready(url, info, lang)
    if ws is None:
        if principal(info) is None and login_url:
            problem += _button(login_url, tr(lang, "login"))
        return {"slug": None, "html": problem}
    try:
        d = ws.start_from_answers(p, answers)
    except PamatsError as e:
        return {"slug": None, "html": _error(e, lang, tr(lang, "start_failed") + " ")}
    out = f"<p>{tr(lang, 'start_done', title=esc(d['title']), parties=esc('; '.join(d['names'])))}</p>"
    out += "".join(f"<p><strong>{tr(lang, 'start_waiting', name=esc(n))}</strong></p>" for n in d["waiting"])
    return {"slug": d["slug"], "html": out + _room_link(iurl, d["slug"], lang)}


def redraft_source(url: str | None, info: dict | None, slug, lang: str = "lv") -> tuple[dict | None, str]:
    """({slug, title, version, answers}, '') to re-draft ``slug``'s latest version, or (None, why not)."""
    ws, p, problem = _ready(url, info, lang)
    if ws is None:
        return None, problem
    try:
        return ws.redraft_answers(p, str(slug or "")), ""
    except PamatsError as e:
        return None, _error(e, lang)


def propose_redraft(
    url: str | None, info: dict | None, source: dict, answers: dict, lang: str = "lv", iurl=None
) -> dict:
    """Propose the re-drafted ``answers`` as the next version of ``source['slug']``:
    {number (None when refused), html (what happened, with the room's link)}."""
    ws, p, problem = _ready(url, info, lang)
    if ws is None:
        return {"number": None, "html": problem}
    slug = source["slug"]
    try:
        n = ws.propose_answers(p, slug, answers, expected_version=source["version"])
    except PamatsError as e:
        return {
            "number": None,
            "html": _error(e, lang, tr(lang, "redraft_failed") + " ") + _room_link(iurl, slug, lang),
        }
    return {
        "number": n,
        "html": f"<p>{tr(lang, 'redraft_done', number=n, slug=esc(slug))}</p>" + _room_link(iurl, slug, lang),
    }
