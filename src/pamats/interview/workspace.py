"""This file defines the bridge between the workspace interview (interviews/workspace.yml) and the core.

Identity comes only from docassemble's own login: the interview passes, on every request, a
dict built from ``user_logged_in()``, ``user_info().id``, ``user_info().email`` and
``user_has_privilege('admin')`` (:func:`principal`); nothing here reads a form field, a URL
or a header for it. Every page and action goes through :class:`pamats.registry.workspace.Workspace`,
which re-checks access from that account (a changed id in an action link, or an action replayed
by another account, gets the same "not found" as a missing agreement).

The pages are HTML built here with every user value escaped (HTML, and docassemble's own
markup: ``[FILE …]``-style tags, Mako ``${ }``, Markdown emphasis), in the user's language
(Latvian, or English; the words are in :mod:`pamats.interview.workspace_texts`).
Links are made by the ``link(action, **arguments)`` function the interview passes
(docassemble's ``url_action``), so this module never imports docassemble.
The registry URL comes from the server's configuration (``pamats: registry:``) or the
environment (``PAMATS_REGISTRY``); on a server it is the PostgreSQL database every web
server shares.
"""

from __future__ import annotations

import html
import os
import threading
from collections.abc import Callable
from typing import Any

from ..errors import ConflictError, PamatsError
from ..registry.errors import NotFound
from ..registry.lifecycle import TRANSITIONS
from ..registry.recheck import LIVE
from ..registry.workspace import PointConflict, Principal, Workspace
from ..registry.workspace.access import COMMENTABLE, SUGGESTABLE, can
from ..registry.workspace.points import clean_comment_text
from ..registry.workspace.versions import download_name
from ..text.messages import problem_title
from .workspace_texts import TEXTS, in_language, language, tr

__all__ = [
    "principal",
    "enter",
    "workspace",
    "esc",
    "dashboard_html",
    "room_html",
    "org_html",
    "redline_html",
    "page",
    "perform",
    "perform_and_mail",
    "FORMS",
    "form_title",
    "lang_switch",
    "language",
    "deliver",
    "AGREEMENT_INTERVIEW",
]

AGREEMENT_INTERVIEW = "docassemble.pamats:data/questions/agreement.yml"

_OPEN: dict[str, Workspace] = {}
_OPENING = threading.Lock()

Link = Callable[..., str]


def principal(info: dict | None) -> Principal | None:
    """The logged-in account from what docassemble's login says (None when not logged in)."""
    if not info or not info.get("logged_in"):
        return None
    try:
        return Principal(int(info["id"]), str(info.get("email") or ""), server_admin=bool(info.get("admin")))
    except (KeyError, TypeError, ValueError, PamatsError):
        return None


def workspace(url: str | None = None) -> Workspace:
    """The workspace over the server's registry (opened once per process)."""
    url = url or os.environ.get("PAMATS_REGISTRY")
    if not url:
        raise PamatsError(
            "serverim nav norādīts reģistrs / the server has no registry configured",
            hint="docassemble config.yml norādiet 'pamats: registry: postgresql+psycopg2://…' / "
            "set 'pamats: registry: postgresql+psycopg2://…' in docassemble's config.yml",
        )
    with _OPENING:  # a fresh web worker's threads arrive together; opening runs the migrations (not thread-safe)
        if url not in _OPEN:
            from ..registry import Registry
            from .workspace_notify import settings

            conf = settings()  # trust roots and checkpoint key (signatures) from docassemble's config
            # the version files are rows of the registry database: no server keeps workspace state on its disk
            _OPEN[url] = Workspace(
                Registry(url, trust_roots=conf["trust_roots"], checkpoint_key=conf["checkpoint_key"])
            )
        return _OPEN[url]


def enter(url: str | None, p: Principal | None, lang: str = "lv") -> str:
    """Open the workspace for a request and accept a pending invitation; '' or a problem (HTML)."""
    if p is None:
        return ""
    for attempt in (1, 2):  # two first requests of one account at once: the second retries once
        try:
            workspace(url).login(p)
            return ""
        except ConflictError:
            if attempt == 2:
                return f"<p>{tr(lang, 'reload')}</p>"
        except PamatsError as e:
            return _error(e, lang)
    return ""


def _error(e: PamatsError, lang: str, prefix: str = "") -> str:
    """A refusal from the core as HTML, in the user's language."""
    return f"<p><strong>{prefix}{esc(in_language(e.message, lang))}</strong></p>" + (
        f"<p>{esc(in_language(e.hint, lang))}</p>" if e.hint else ""
    )


def lang_switch(lang: str, link: Link) -> str:
    """The link to the other language (named in that language)."""
    other = "lv" if language(lang) == "en" else "en"
    return (
        f'<a class="btn btn-sm btn-outline-secondary" lang="{other}" '
        f'href="{html.escape(link("ws_set_language", lang=other))}">{tr(lang, "language_switch")}</a>'
    )


_DA_MARKUP = {
    "[": "&#91;",
    "]": "&#93;",
    "{": "&#123;",
    "}": "&#125;",
    "$": "&#36;",
    "*": "&#42;",
    "_": "&#95;",
    "`": "&#96;",
    "#": "&#35;",
    "\\": "&#92;",
    "%": "&#37;",
}


def esc(value: Any) -> str:
    """User text as literal text in a docassemble page (HTML and docassemble markup escaped)."""
    # one character at a time: escaping '#' after html.escape() would break its "&#x27;"
    s = "" if value is None else str(value)
    return "".join(_DA_MARKUP.get(c) or html.escape(c, quote=True) for c in s).replace("\n", "<br>")


def _a(link: Link, label: str, action: str, **args) -> str:
    return f'<a class="btn btn-sm btn-outline-primary" href="{html.escape(link(action, **args))}">{label}</a>'


def _dl(link: Link, label: str, name: str, action: str, **args) -> str:
    """A download link: the browser saves the file as ``name`` (docassemble's response cannot set
    Content-Disposition, and the page's own name would be ``interview.pdf``)."""
    return _a(link, label, action, **args).replace("<a ", f'<a download="{html.escape(name)}" ', 1)


_TEXT_KEYS = frozenset(TEXTS["lv"])

# status changes a person makes by hand in the room, with a reason (signed: by the last
# signature); the registry's lifecycle table and its date guards decide whether each is allowed
_BY_HAND = ("negotiation", "agreed", "withdrawn", "in_force", "expired", "terminated")


def _status(lang: str, status: str) -> str:
    return tr(lang, "st_" + status) if ("st_" + status) in _TEXT_KEYS else esc(status)


def _role(lang: str, role: str) -> str:
    return tr(lang, "role_" + role) if ("role_" + role) in _TEXT_KEYS else esc(role)


def dashboard_html(ws: Workspace, p: Principal, link: Link, lang: str = "lv") -> str:
    d = ws.dashboard(p)
    if d["me"] is None:
        admin_link = _a(link, tr(lang, "organisations"), "ws_org") if p.server_admin else ""
        return admin_link + f"<p>{tr(lang, 'no_organisation')}</p>"
    rows = []
    for r in d["agreements"]:
        rc = r["recheck"]
        verdict = (
            "—"
            if rc is None
            else (tr(lang, "ok") if rc["ok"] else tr(lang, "problem") + ": " + _problems(rc["problems"], lang))
        )
        if rc and rc["changed"]:
            verdict += f' <strong class="text-danger">{tr(lang, "changed")}</strong>'
        if can(str(d["role"]), "recheck") and r["status"] in LIVE:
            verdict += "<br>" + _a(link, tr(lang, "recheck"), "ws_do", kind="recheck", slug=r["slug"])
        due = r["next_due"]
        due_s = (
            "—"
            if due is None
            else f"{due['date'].isoformat()} ({esc(due['what'])})"
            + (f' <strong class="text-danger">{tr(lang, "overdue")}</strong>' if due["overdue"] else "")
        )
        move = tr(lang, "yours") if r["your_move"] else esc(", ".join(r["whose_move"]) or "—")
        rows.append(
            "<tr>"
            + f"<td>{_a(link, esc(r['title']), 'ws_open', slug=r['slug'])}<br><small>{esc(r['slug'])}</small></td>"
            f"<td>{_status(lang, r['status'])}</td><td>{r['version']}"
            f"{(' (' + esc(r['version_by']) + ')') if r['version_by'] else ''}</td><td>{move}</td>"
            f"<td>{r['open_threads']}</td><td>{r['open_suggestions']}</td><td>{due_s}</td><td>{verdict}</td></tr>"
        )
    head = (
        "<tr>"
        + "".join(
            f"<th>{tr(lang, k)}</th>"
            for k in (
                "col_agreement",
                "col_status",
                "col_version",
                "col_move",
                "col_open",
                "col_suggestions",
                "col_due",
                "col_basis",
            )
        )
        + "</tr>"
    )
    from .workspace_notify import waiting_html

    return (
        f"<p>{tr(lang, 'me_line', me=esc(d['me']), role=_role(lang, str(d['role'])), waiting=d['waiting_for_you'])}"
        " · "
        + _a(link, tr(lang, "organisation"), "ws_org")
        + "</p>"
        # scrolls, not wider than the page; a scrollable region a keyboard reaches (WCAG 2.1.1)
        + f'<div class="table-responsive" tabindex="0" role="region" aria-label="{tr(lang, "agreements_table")}">'
        + '<table class="table table-sm"><thead>'
        + head
        + "</thead><tbody>"
        + "".join(rows)
        + "</tbody></table></div>"
        + waiting_html(ws, p, link, lang)
    )


def room_html(ws: Workspace, p: Principal, slug: str, link: Link, lang: str = "lv", iurl=None, names=None) -> str:
    """The room; ``iurl`` is docassemble's ``interview_url`` (the re-draft link), None for none;
    ``names``: docassemble account ids -> names (:mod:`pamats.registry.workspace.people`)."""
    from .workspace_notify import names as configured_names

    names = names or configured_names()
    r = ws.room(p, slug, names)
    v = r["version"]
    # what the text's status still allows (the core refuses the rest anyway): after signature,
    # withdrawal or termination no comment, suggestion, edit or decision buttons are shown
    may_comment, may_change = r["status"] in COMMENTABLE, r["status"] in SUGGESTABLE
    if not may_comment:
        out_note = f"<p><em>{tr(lang, 'closed_note', status=_status(lang, r['status']))}</em></p>"
    else:
        out_note = ""
    out = [
        f"<p>{tr(lang, 'room_line', status=_status(lang, r['status']), version=v, parties=esc(', '.join(r['parties_keys'])), me=esc(r['me']), role=_role(lang, str(r['role'])))}</p>"
    ]
    out.append(out_note)
    out += [
        f"<p><strong>{tr(lang, 'waiting_party', name=esc(w['name']))}</strong>"
        + (
            " " + _a(link, tr(lang, "invite_party_mail"), "ws_form", kind="party_mail", slug=slug, invitation=w["id"])
            if can(r["role"], "propose") and may_change
            else ""
        )
        + "</p>"
        for w in r["waiting_parties"]
    ]
    if iurl is not None and can(r["role"], "propose") and r["status"] in SUGGESTABLE and v:
        href = iurl(i=AGREEMENT_INTERVIEW, redraft=slug, new_session=1)
        out.append(
            f'<p><a class="btn btn-sm btn-outline-primary" href="{html.escape(href)}">{tr(lang, "redraft")}</a> '
            f"<small>{tr(lang, 'redraft_hint')}</small></p>"
        )
    for pt in r["points"]:
        if pt["kind"] == "chapter":
            out.append(f"<h3>{esc(pt['number'])} {esc(pt['text'])}</h3>")
            continue
        buttons = []
        if may_comment:
            buttons.append(_a(link, tr(lang, "comment"), "ws_form", kind="comment", slug=slug, node=pt["id"]))
        if may_change:
            buttons += [
                _a(link, tr(lang, "suggest_replace"), "ws_form", kind="replace", slug=slug, node=pt["id"], version=v),
                _a(
                    link,
                    tr(lang, "suggest_insert"),
                    "ws_form",
                    kind="insert_after",
                    slug=slug,
                    node=pt["id"],
                    version=v,
                ),
                _a(link, tr(lang, "suggest_delete"), "ws_do", kind="delete", slug=slug, node=pt["id"], version=v),
            ]
            if can(r["role"], "propose"):
                buttons.append(
                    _a(link, tr(lang, "edit_point"), "ws_form", kind="edit", slug=slug, node=pt["id"], version=v)
                )
        out.append(
            f'<div class="border rounded p-2 mb-2" id="point-{esc(pt["id"])}">'
            f"<p><strong>{esc(pt['number'])}</strong> {esc(pt['text'])}</p>"
            + (f"<p>{' '.join(buttons)}</p>" if buttons else "")
        )
        for t in pt["threads"]:
            state = tr(lang, "resolved") if t["resolved"] else tr(lang, "open")
            out.append(
                f'<div class="ms-3"><p><em>{esc(t["organisation"])}, {esc(t["author"])} ({state}):</em> '
                f"{esc(t['text'])}</p>"
                + "".join(
                    f'<p class="ms-3"><em>{esc(x["organisation"])}, {esc(x["author"])}:</em> {esc(x["text"])}</p>'
                    for x in t["replies"]
                )
                + (
                    ""
                    if t["resolved"] or not may_comment
                    else _a(link, tr(lang, "reply"), "ws_form", kind="reply", slug=slug, comment=t["id"])
                    + " "
                    + _a(link, tr(lang, "resolve"), "ws_do", kind="resolve", slug=slug, comment=t["id"])
                )
                + (
                    _a(link, tr(lang, "reopen"), "ws_do", kind="reopen", slug=slug, comment=t["id"])
                    if t["resolved"] and may_comment
                    else ""
                )
                + "</div>"
            )
        for x in pt["suggestions"]:
            what = tr(lang, "op_" + x["op"])
            theirs = x["organisation"] != r["me"]
            out.append(
                f'<div class="ms-3 border-start ps-2"><p>'
                f"{tr(lang, 'suggestion', id=x['id'], org=esc(x['organisation']), what=what)} "
                f"<ins>{esc(x['text'] or '')}</ins></p>"
                + (
                    ""
                    if not may_change
                    else _a(link, tr(lang, "accept"), "ws_do", kind="accept", slug=slug, suggestion=x["id"], version=v)
                    + " "
                    + _a(link, tr(lang, "reject"), "ws_form", kind="reject", slug=slug, suggestion=x["id"])
                    if theirs
                    else f"<p><small>{tr(lang, 'waiting_other')}</small> "
                    + _a(link, tr(lang, "withdraw"), "ws_do", kind="withdraw", slug=slug, suggestion=x["id"])
                    + "</p>"
                )
                + "</div>"
            )
        out.append("</div>")
    moves = []
    if can(r["role"], "transition"):
        moves += [
            _a(link, f"→ {_status(lang, to)}", "ws_form", kind="transition", slug=slug, to=to)
            for to in TRANSITIONS.get(r["status"], ())
            if to in _BY_HAND
        ]
    if moves:
        out.append(f"<h3>{tr(lang, 'status')}</h3><p>" + " ".join(moves) + "</p>")
    from .workspace_signing import signing_html

    out.append(signing_html(r, slug, link, lang))  # signatures; download, sign elsewhere, upload
    who = r["credits"]  # "name (organisation)" of each version's proposer
    out.append(
        f"<h3>{tr(lang, 'versions')}</h3>"
        + (
            f"<p>{_a(link, tr(lang, 'compare'), 'ws_redline', slug=slug, old=1, new=v)}</p>"
            if len(r["versions"]) > 1
            else ""
        )
        + "<ul>"
        + "".join(
            f"<li>{x['number']}: {esc(who.get(x['number'], x['proposed_by']))}, {x['at']:%Y-%m-%d %H:%M} {esc(in_language(x['note'] or '', lang))} "
            + " ".join(
                _dl(
                    link,
                    tr(lang, "download_" + what),
                    download_name(slug, what, x["number"]),
                    "ws_download",
                    what=what,
                    slug=slug,
                    version=x["number"],
                )
                for what in ("docx", "pdf", "answers")
            )
            + (
                " "
                + _a(
                    link,
                    tr(lang, "changes_against", number=x["number"] - 1),
                    "ws_redline",
                    slug=slug,
                    old=x["number"] - 1,
                    new=x["number"],
                )
                if x["number"] > 1
                else ""
            )
            + "</li>"
            for x in r["versions"]
        )
        + "</ul>"
    )
    return "\n".join(out)


_OP = {
    "inserted": "inserted",
    "deleted": "deleted",
    "changed": "changed_op",
    "moved_from": "moved_from",
    "moved_to": "moved_to",
}


def _chooser(ws: Workspace, p: Principal, slug: str, a: int, b: int, link: Link, lang: str) -> str:
    """Links to choose the old and the new version (the chosen one marked), and the DOCX."""

    def row(label: str, which: str) -> str:
        cells = []
        for n in ws.version_numbers(p, slug):
            if n == (a if which == "old" else b):
                cells.append(f'<strong aria-current="true">{n}</strong>')
            else:
                pair = {"old": n, "new": b} if which == "old" else {"old": a, "new": n}
                cells.append(_a(link, str(n), "ws_redline", slug=slug, **pair))
        return f"<p>{tr(lang, label)} " + " ".join(cells) + "</p>"

    return (
        row("redline_old", "old")
        + row("redline_new", "new")
        + f"<p>{_dl(link, tr(lang, 'redline_docx'), download_name(slug, 'redline', old=a, new=b), 'ws_download', what='redline', slug=slug, old=a, new=b)}</p>"
    )


def redline_html(ws: Workspace, p: Principal, slug: str, old, new, lang: str = "lv", link: Link | None = None) -> str:
    """The changes between two versions point by point: insertions and deletions marked."""
    a, b = _int(old), _int(new)
    if a is None or b is None:
        raise NotFound(tr("lv", "no_version") + " / " + tr("en", "no_version"))
    changes = ws.redline(p, slug, a, b)  # access first: an outsider learns nothing else
    rows = [_chooser(ws, p, slug, a, b, link, lang)] if link is not None else []
    for c in changes:
        body = "".join(
            esc(t) if o == "equal" else (f"<ins>{esc(t)}</ins>" if o == "insert" else f"<del>{esc(t)}</del>")
            for o, t in c.words
        )
        num = c.old_number if c.op in ("deleted", "moved_from") else c.new_number
        label = (tr(lang, _OP[c.op]) if c.op in _OP else "") + (
            " · " + tr(lang, "renumbered") if c.renumbered and c.op in ("equal", "changed") else ""
        )
        label = label.removeprefix(" · ")
        rows.append(
            f'<p style="margin-left:{c.depth * 1.5}em"><strong>{esc(num or "")}</strong> {body}'
            + (f" <small>({label})</small>" if label else "")
            + "</p>"
        )
    return f"<p>{tr(lang, 'redline_line', slug=esc(slug), old=a, new=b)}</p>" + "\n".join(rows)


def deliver(ws: Workspace, p: Principal, args: dict, lang: str, send, names=None) -> str:
    """A download from the room: ``send(binaryresponse=…, content_type=…)`` (docassemble's
    ``response``, which ends the request) with the file, or a refusal as HTML; ``names`` as for
    :func:`room_html` (the redline's credits)."""
    from .workspace_notify import names as configured_names

    names = names or configured_names()
    what, slug = str(args.get("what") or ""), str(args.get("slug") or "")
    try:
        if what == "redline":
            data, _name = ws.redline_docx(p, slug, _int(args.get("old")), _int(args.get("new")), names=names)
            mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        else:
            data, _name, mime = ws.export(p, slug, _int(args.get("version")), what)
    except PamatsError as e:
        return _error(e, lang, tr(lang, "not_done") + " ")
    send(binaryresponse=data, content_type=mime)
    return ""


_ROLES = ("member", "negotiator", "signatory")


def org_html(ws: Workspace, p: Principal, link: Link, lang: str = "lv") -> str:
    """Organisations and members: a server administrator creates organisations and invites their
    first administrator; an organisation's administrator invites colleagues and sets their roles."""
    m = ws.login(p)
    out = []
    if p.server_admin:
        out.append(
            f"<h3>{tr(lang, 'organisations')}</h3><ul>"
            + "".join(
                f"<li>{esc(o['key'])}: {esc(o['name'])} "
                + _a(link, tr(lang, "invite_admin"), "ws_form", kind="invite", org=o["key"], role="negotiator", admin=1)
                + "</li>"
                for o in ws.reg.organisations()
            )
            + "</ul><p>"
            + _a(link, tr(lang, "new_org"), "ws_form", kind="new_org")
            + "</p>"
        )
        waiting = ws.pending_party_invitations(p)
        if waiting:
            out.append(
                f"<h3>{tr(lang, 'waiting_parties')}</h3><ul>"
                + "".join(
                    f"<li>{esc(w['name'])} ({esc(w['slug'])}) "
                    + _a(link, tr(lang, "attach_party"), "ws_form", kind="attach", invitation=w["id"])
                    + "</li>"
                    for w in waiting
                )
                + "</ul>"
            )
    if m is None or not m["admin"]:
        if not p.server_admin:
            out.append(f"<p>{tr(lang, 'admin_manages')}</p>")
        return "\n".join(out)
    org = m["organisation"]
    rows = []
    for x in ws.members(p, org):
        if x.get("invited"):
            state = tr(lang, "invited")
            acts = ""
        elif not x["active"]:
            state, acts = tr(lang, "removed"), ""
        else:
            state = tr(lang, "active") + (" · " + tr(lang, "administrator") if x["admin"] else "")
            acts = " ".join(
                _a(link, _role(lang, r), "ws_do", kind="role", org=org, account=x["account"], role=r)
                for r in _ROLES
                if r != x["role"]
            )
            acts += " " + _a(link, tr(lang, "remove"), "ws_do", kind="remove", org=org, account=x["account"])
        rows.append(
            f"<tr><td>{esc(x['email'])}</td><td>{_role(lang, x['role'])}</td><td>{state}</td><td>{acts}</td></tr>"
        )
    head = "".join(f"<th>{tr(lang, k)}</th>" for k in ("col_email", "col_role", "col_state", "col_change"))
    out.append(
        f"<h3>{esc(m['organisation_name'])} ({esc(org)})</h3>"
        f'<table class="table table-sm"><thead><tr>{head}</tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table><p>"
        + " ".join(
            _a(link, tr(lang, "invite_role", role=_role(lang, r)), "ws_form", kind="invite", org=org, role=r)
            for r in _ROLES
        )
        + "</p>"
    )
    return "\n".join(out)


def page(
    ws: Workspace, p: Principal, view: str, slug: str | None, link: Link, pair=None, lang: str = "lv", iurl=None
) -> str:
    """The dashboard, a room or the organisation page; a refusal is shown as a message."""
    try:
        if view == "org":
            return org_html(ws, p, link, lang)
        if view == "redline":
            old, new = (list(pair or ()) + [None, None])[:2]
            return _a(link, tr(lang, "back_to_agreement"), "ws_open", slug=str(slug or "")) + redline_html(
                ws, p, str(slug or ""), old, new, lang, link
            )
        if view == "room":
            return room_html(ws, p, str(slug or ""), link, lang, iurl)
        return dashboard_html(ws, p, link, lang)
    except PamatsError as e:
        return _error(e, lang)


# forms the room opens: what the text field asks (a key of the text table)
FORMS = (
    "comment",
    "reply",
    "replace",
    "insert_after",
    "reject",
    "edit",
    "transition",
    "invite",
    "new_org",
    "attach",
    "upload",
    "party_mail",
)


def form_title(kind: str, lang: str = "lv") -> str:
    return tr(lang, "form_" + kind) if kind in FORMS else tr(lang, "form_text")


def _int(v) -> int | None:
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def _unknown(what: str) -> NotFound:
    return NotFound(
        tr("lv", "unknown_action", what=repr(what[:40])) + " / " + tr("en", "unknown_action", what=repr(what[:40]))
    )


def perform(ws: Workspace, p: Principal, args: dict, text: str | None = None, lang: str = "lv") -> tuple[bool, str]:
    """Carry out one room action (arguments from the action link, text from the form).

    Returns (done, message as HTML in the user's language); a refusal is a message, never a traceback."""
    kind, slug = str(args.get("kind") or ""), str(args.get("slug") or "")
    node = str(args.get("node") or "")
    try:
        if kind == "comment":
            ws.comment(p, slug, node, text)
        elif kind == "reply":
            ws.reply(p, slug, _int(args.get("comment")), text)
        elif kind == "resolve":
            ws.resolve_thread(p, slug, _int(args.get("comment")))
        elif kind == "reopen":
            ws.reopen_thread(p, slug, _int(args.get("comment")))
        elif kind in ("replace", "insert_after", "delete"):
            ws.suggest(p, slug, node, kind, text, base_version=_int(args.get("version")))
        elif kind == "accept":
            n = ws.accept(p, slug, [_int(args.get("suggestion"))], expected_version=_int(args.get("version")))
            return True, f"<p>{tr(lang, 'version_created', number=n)}</p>"
        elif kind == "withdraw":
            ws.withdraw_suggestion(p, slug, _int(args.get("suggestion")))
        elif kind == "reject":
            ws.reject(p, slug, _int(args.get("suggestion")), text)
        elif kind == "edit":
            n = ws.edit_point(p, slug, node, text, base_version=_int(args.get("version")))
            return True, f"<p>{tr(lang, 'version_created', number=n)}</p>"
        elif kind == "transition":
            to = str(args.get("to") or "")
            if to not in _BY_HAND:
                raise _unknown(to)
            ws.transition(p, slug, to, reason=clean_comment_text(text))
        elif kind == "invite":
            ws.invite(
                p,
                str(args.get("org") or ""),
                text or "",
                str(args.get("role") or ""),
                admin=str(args.get("admin") or "") == "1",
            )
        elif kind == "role":
            ws.set_role(p, str(args.get("org") or ""), _int(args.get("account")), str(args.get("role") or ""))
        elif kind == "remove":
            ws.remove_member(p, str(args.get("org") or ""), _int(args.get("account")))
        elif kind == "recheck":
            d = ws.recheck_agreement(p, slug, _landscape())
            return True, _recheck_message(d, lang)
        elif kind == "party_mail":
            d = ws.invite_party_by_email(p, slug, _int(args.get("invitation")), (text or "").strip())
            return True, f"<p>{tr(lang, 'party_mail_queued', name=esc(d['name']), email=esc(d['email']))}</p>"
        elif kind == "attach":
            ws.attach_party(p, _int(args.get("invitation")), (text or "").strip())
        elif kind == "new_org":
            key, _, name = (text or "").partition(":")
            ws.create_organisation(p, key.strip(), name.strip())
        elif kind == "sign":
            d = ws.sign(p, slug, version=_int(args.get("version")))
            return True, (
                f"<p>{tr(lang, 'signed', org=esc(d['organisation']), version=d['version'], status=_status(lang, str(d['status'])))}</p>"
            )
        else:
            raise _unknown(kind)
    except PointConflict as c:
        return False, (
            f"<p><strong>{tr(lang, 'conflict')}</strong> {esc(in_language(c.message, lang))}</p>"
            f"<p>{tr(lang, 'your_text')} <ins>{esc(c.mine)}</ins></p>"
            f"<p>{tr(lang, 'current_text')} {esc(c.theirs)}</p><p>{esc(in_language(c.hint or '', lang))}</p>"
        )
    except PamatsError as e:
        return False, _error(e, lang, tr(lang, "not_done") + " ")
    return True, f"<p>{tr(lang, 'saved')}</p>"


def perform_and_mail(ws: Workspace, p: Principal, args: dict, text: str | None = None, lang: str = "lv"):
    """:func:`perform`, then the e-mails it causes (when docassemble's mail is configured)."""
    from .workspace_notify import mail_after

    done, message = perform(ws, p, args, text, lang)
    if done:
        mail_after(ws)
    return done, message


def _landscape() -> list:
    """The landscape the legal basis is checked against: ``pamats: landscape:`` in docassemble's
    config.yml (a path or a list of paths), else the landscape bundled with pamats."""
    from .basis import landscape_paths
    from .workspace_notify import settings

    conf = settings().get("landscape")
    if conf:
        return [str(x) for x in (conf if isinstance(conf, list) else [conf])]
    return [landscape_paths()[0]]


def _problems(codes, lang: str) -> str:
    """The legal-basis check's problem codes as a reader understands them: each code's title in
    ``lang`` (the checker's finding titles, or the relied-on norm's problems), the code after it."""
    return "; ".join(f"{esc(problem_title(c, lang))} ({esc(c)})" for c in codes)


def _recheck_message(d: dict, lang: str) -> str:
    verdict = tr(lang, "ok") if d["ok"] else tr(lang, "problem") + ": " + _problems(d["problems"], lang)
    out = f"<p>{tr(lang, 'recheck_done', slug=esc(d['slug']), verdict=verdict)}</p>"
    if d["changed"]:
        out += f'<p><strong class="text-danger">{tr(lang, "recheck_changed")}</strong></p>'
    return out
