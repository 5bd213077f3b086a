"""This file defines the bridge between the workspace interview (interviews/workspace.yml) and the core.

Identity comes only from docassemble's own login: the interview passes, on every request, a
dict built from ``user_logged_in()``, ``user_info().id``, ``user_info().email`` and
``user_has_privilege('admin')`` (:func:`principal`); nothing here reads a form field, a URL
or a header for it. Every page and action goes through :class:`pamats.registry.workspace.Workspace`,
which re-checks access from that account (a changed id in an action link, or an action replayed
by another account, gets the same "not found" as a missing agreement).

The pages are HTML built here with every user value escaped (HTML, and docassemble's own
markup: ``[FILE …]``-style tags, Mako ``${ }``, Markdown emphasis), Latvian first, then English.
Links are made by the ``link(action, **arguments)`` function the interview passes
(docassemble's ``url_action``), so this module never imports docassemble.
The registry URL comes from the server's configuration (``pamats: registry:``) or the
environment (``PAMATS_REGISTRY``); on a server it is the PostgreSQL database every web
server shares.
"""

from __future__ import annotations

import html
import os
from typing import Any, Callable

from ..errors import ConflictError, PamatsError
from ..registry.errors import NotFound
from ..registry.lifecycle import SIGNABLE, TRANSITIONS
from ..registry.workspace.access import can
from ..registry.workspace.points import clean_comment_text
from ..registry.workspace import PointConflict, Principal, Workspace

__all__ = ["principal", "enter", "workspace", "esc", "dashboard_html", "room_html", "org_html", "redline_html",
           "page", "perform", "FORMS", "form_title"]

_OPEN: dict[str, Workspace] = {}

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
        raise PamatsError("serverim nav norādīts reģistrs / the server has no registry configured",
                          hint="set 'pamats: registry: postgresql+psycopg2://…' in docassemble's config.yml")
    if url not in _OPEN:
        from ..registry import Registry
        # on PostgreSQL the version files are rows too: no server keeps workspace state on its disk
        _OPEN[url] = Workspace(Registry(url, files_in_db=url.startswith("postgresql")))
    return _OPEN[url]


def enter(url: str | None, p: Principal | None) -> str:
    """Open the workspace for a request and accept a pending invitation; '' or a problem (HTML)."""
    if p is None:
        return ""
    for attempt in (1, 2):   # two first requests of one account at once: the second retries once
        try:
            workspace(url).login(p)
            return ""
        except ConflictError:
            if attempt == 2:
                return "<p>Lūdzu, pārlādējiet lapu / please reload the page.</p>"
        except PamatsError as e:
            return f"<p><strong>{esc(e.message)}</strong></p>" + (f"<p>{esc(e.hint)}</p>" if e.hint else "")
    return ""


_DA_MARKUP = {"[": "&#91;", "]": "&#93;", "{": "&#123;", "}": "&#125;", "$": "&#36;", "*": "&#42;",
              "_": "&#95;", "`": "&#96;", "#": "&#35;", "\\": "&#92;", "%": "&#37;"}


def esc(value: Any) -> str:
    """User text as literal text in a docassemble page (HTML and docassemble markup escaped)."""
    s = html.escape("" if value is None else str(value), quote=True)
    return "".join(_DA_MARKUP.get(c, c) for c in s).replace("\n", "<br>")


def _a(link: Link, label: str, action: str, **args) -> str:
    return f'<a class="btn btn-sm btn-outline-primary" href="{html.escape(link(action, **args))}">{label}</a>'


# status changes a person makes by hand in the room (signed: by the last signature; in_force,
# expired, terminated: later, with dates; not offered here yet)
_BY_HAND = ("negotiation", "agreed", "withdrawn")

_STATUS = {"draft": "projekts / draft", "negotiation": "sarunas / negotiation", "agreed": "saskaņots / agreed",
           "signed": "parakstīts / signed", "in_force": "spēkā / in force", "expired": "beidzies / expired",
           "terminated": "izbeigts / terminated", "withdrawn": "atsaukts / withdrawn"}


def dashboard_html(ws: Workspace, p: Principal, link: Link) -> str:
    d = ws.dashboard(p)
    if d["me"] is None:
        admin_link = _a(link, "Organizācijas / Organisations", "ws_org") if p.server_admin else ""
        return admin_link + ("<p>Jūsu konts vēl nav nevienā organizācijā. Lūdziet savas organizācijas administratoram "
                "uzaicinājumu uz šo e-pasta adresi.</p><p>Your account does not belong to an organisation yet. "
                "Ask your organisation's administrator to invite this e-mail address.</p>")
    rows = []
    for r in d["agreements"]:
        rc = r["recheck"]
        verdict = "—" if rc is None else ("kārtībā / ok" if rc["ok"] else "problēma / problem: " +
                                          esc(", ".join(rc["problems"])))
        if rc and rc["changed"]:
            verdict += ' <strong class="text-danger">mainījies! / changed!</strong>'
        due = r["next_due"]
        due_s = "—" if due is None else f"{due['date'].isoformat()} ({esc(due['what'])})" + (
            ' <strong class="text-danger">nokavēts / overdue</strong>' if due["overdue"] else "")
        move = "jūsu / yours" if r["your_move"] else esc(", ".join(r["whose_move"]) or "—")
        rows.append(
            "<tr>" + f"<td>{_a(link, esc(r['title']), 'ws_open', slug=r['slug'])}<br><small>{esc(r['slug'])}</small></td>"
            f"<td>{_STATUS.get(r['status'], esc(r['status']))}</td><td>{r['version']}"
            f"{(' (' + esc(r['version_by']) + ')') if r['version_by'] else ''}</td><td>{move}</td>"
            f"<td>{r['open_threads']}</td><td>{r['open_suggestions']}</td><td>{due_s}</td><td>{verdict}</td></tr>")
    head = ("<tr><th>Līgums / Agreement</th><th>Statuss / Status</th><th>Versija / Version</th>"
            "<th>Kura gājiens / Whose move</th><th>Atvērtie komentāri / Open comments</th>"
            "<th>Ierosinājumi / Suggestions</th><th>Nākamais termiņš / Next due</th>"
            "<th>Tiesiskais pamats / Legal basis</th></tr>")
    return (f"<p>{esc(d['me'])} · loma / role: {esc(d['role'])} · gaida jūs / waiting for you: "
            f"{d['waiting_for_you']} · " + _a(link, "Organizācija / Organisation", "ws_org") + "</p>"
            + '<table class="table table-sm"><thead>' + head + "</thead><tbody>"
            + "".join(rows) + "</tbody></table>")


def room_html(ws: Workspace, p: Principal, slug: str, link: Link) -> str:
    r = ws.room(p, slug)
    v = r["version"]
    out = [f"<p>{_STATUS.get(r['status'], esc(r['status']))} · versija / version {v} · "
           f"puses / parties: {esc(', '.join(r['parties_keys']))} · jūs / you: {esc(r['me'])} ({esc(r['role'])})</p>"]
    for pt in r["points"]:
        if pt["kind"] == "chapter":
            out.append(f"<h3>{esc(pt['number'])} {esc(pt['text'])}</h3>")
            continue
        out.append(f'<div class="border rounded p-2 mb-2" id="point-{esc(pt["id"])}">'
                   f"<p><strong>{esc(pt['number'])}</strong> {esc(pt['text'])}</p><p>"
                   + _a(link, "Komentēt / Comment", "ws_form", kind="comment", slug=slug, node=pt["id"]) + " "
                   + _a(link, "Ierosināt jaunu redakciju / Suggest new wording", "ws_form", kind="replace",
                        slug=slug, node=pt["id"], version=v) + " "
                   + _a(link, "Ierosināt jaunu punktu aiz šī / Suggest a new point after", "ws_form",
                        kind="insert_after", slug=slug, node=pt["id"], version=v) + " "
                   + _a(link, "Ierosināt svītrot / Suggest deleting", "ws_do", kind="delete", slug=slug,
                        node=pt["id"], version=v)
                   + ((" " + _a(link, "Labot punktu / Edit the point", "ws_form", kind="edit", slug=slug,
                                node=pt["id"], version=v)) if can(r["role"], "propose") else "") + "</p>")
        for t in pt["threads"]:
            state = "atrisināts / resolved" if t["resolved"] else "atvērts / open"
            out.append(f'<div class="ms-3"><p><em>{esc(t["organisation"])}, {esc(t["author"])} ({state}):</em> '
                       f"{esc(t['text'])}</p>"
                       + "".join(f'<p class="ms-3"><em>{esc(x["organisation"])}, {esc(x["author"])}:</em> '
                                 f"{esc(x['text'])}</p>" for x in t["replies"])
                       + ("" if t["resolved"] else
                          _a(link, "Atbildēt / Reply", "ws_form", kind="reply", slug=slug, comment=t["id"]) + " "
                          + _a(link, "Atrisināt / Resolve", "ws_do", kind="resolve", slug=slug, comment=t["id"]))
                       + (_a(link, "Atvērt no jauna / Reopen", "ws_do", kind="reopen", slug=slug, comment=t["id"])
                          if t["resolved"] else "") + "</div>")
        for x in pt["suggestions"]:
            what = {"replace": "jauna redakcija / new wording", "insert_after": "jauns punkts aiz šī / new point after",
                    "delete": "svītrot / delete"}[x["op"]]
            theirs = x["organisation"] != r["me"]
            out.append(f'<div class="ms-3 border-start ps-2"><p>Ierosinājums / Suggestion #{x["id"]} '
                       f"({esc(x['organisation'])}, {what}): <ins>{esc(x['text'] or '')}</ins></p>"
                       + (_a(link, "Pieņemt / Accept", "ws_do", kind="accept", slug=slug, suggestion=x["id"],
                             version=v) + " "
                          + _a(link, "Noraidīt / Reject", "ws_form", kind="reject", slug=slug, suggestion=x["id"])
                          if theirs else "<p><small>gaida otras puses lēmumu / waiting for the other party"
                                         "</small> " + _a(link, "Atsaukt / Withdraw", "ws_do", kind="withdraw",
                                                          slug=slug, suggestion=x["id"]) + "</p>") + "</div>")
        out.append("</div>")
    moves = []
    if can(r["role"], "transition"):
        moves += [_a(link, f"→ {_STATUS.get(to, esc(to))}", "ws_form", kind="transition", slug=slug, to=to)
                  for to in TRANSITIONS.get(r["status"], ()) if to in _BY_HAND]
    if can(r["role"], "sign") and r["status"] in SIGNABLE:
        moves.append(_a(link, f"Parakstīt versiju / Sign version {v}", "ws_do", kind="sign", slug=slug, version=v))
    if moves:
        out.append("<h3>Statuss / Status</h3><p>" + " ".join(moves) + "</p>")
    out.append("<h3>Versijas / Versions</h3><ul>" + "".join(
        f"<li>{x['number']}: {esc(x['proposed_by'])}, {x['at']:%Y-%m-%d %H:%M} {esc(x['note'] or '')}"
        + (" " + _a(link, f"Izmaiņas pret {x['number'] - 1}. / Changes against {x['number'] - 1}", "ws_redline",
                    slug=slug, old=x["number"] - 1, new=x["number"]) if x["number"] > 1 else "") + "</li>"
        for x in r["versions"]) + "</ul>")
    return "\n".join(out)


_OP = {"inserted": "iekļauts / inserted", "deleted": "svītrots / deleted", "changed": "grozīts / changed",
       "moved_from": "pārvietots no šejienes / moved away", "moved_to": "pārvietots šeit / moved here", "equal": ""}


def redline_html(ws: Workspace, p: Principal, slug: str, old, new) -> str:
    """The changes between two versions point by point: insertions and deletions marked."""
    a, b = _int(old), _int(new)
    if a is None or b is None:
        raise NotFound("versija nav atrasta / no such version")
    rows = []
    for c in ws.redline(p, slug, a, b):
        body = "".join(esc(t) if o == "equal" else (f"<ins>{esc(t)}</ins>" if o == "insert" else f"<del>{esc(t)}</del>")
                       for o, t in c.words)
        num = c.old_number if c.op in ("deleted", "moved_from") else c.new_number
        label = _OP.get(c.op, "") + (" · pārnumurēts / renumbered" if c.renumbered and c.op in ("equal", "changed") else "")
        rows.append(f'<p style="margin-left:{c.depth * 1.5}em"><strong>{esc(num or "")}</strong> {body}'
                    + (f" <small>({label})</small>" if label else "") + "</p>")
    return f"<p>{esc(slug)}: versija / version {a} → {b}</p>" + "\n".join(rows)


_ROLE_LV = {"member": "dalībnieks / member", "negotiator": "sarunu vedējs / negotiator",
            "signatory": "parakstītājs / signatory"}


def org_html(ws: Workspace, p: Principal, link: Link) -> str:
    """Organisations and members: a server administrator creates organisations and invites their
    first administrator; an organisation's administrator invites colleagues and sets their roles."""
    m = ws.login(p)
    out = []
    if p.server_admin:
        out.append("<h3>Organizācijas / Organisations</h3><ul>" + "".join(
            f"<li>{esc(o['key'])}: {esc(o['name'])} "
            + _a(link, "Uzaicināt administratoru / Invite an administrator", "ws_form", kind="invite", org=o["key"],
                 role="negotiator", admin=1) + "</li>" for o in ws.reg.organisations()) + "</ul><p>"
            + _a(link, "Jauna organizācija / New organisation", "ws_form", kind="new_org") + "</p>")
    if m is None or not m["admin"]:
        if not p.server_admin:
            out.append("<p>Dalībniekus pārvalda organizācijas administrators. / "
                       "Your organisation's administrator manages its members.</p>")
        return "\n".join(out)
    org = m["organisation"]
    rows = []
    for x in ws.members(p, org):
        if x.get("invited"):
            state = "uzaicināts / invited"
            acts = ""
        elif not x["active"]:
            state, acts = "noņemts / removed", ""
        else:
            state = "aktīvs / active" + (" · administrators / administrator" if x["admin"] else "")
            acts = " ".join(_a(link, _ROLE_LV[r], "ws_do", kind="role", org=org, account=x["account"], role=r)
                            for r in _ROLE_LV if r != x["role"])
            acts += " " + _a(link, "Noņemt / Remove", "ws_do", kind="remove", org=org, account=x["account"])
        rows.append(f"<tr><td>{esc(x['email'])}</td><td>{_ROLE_LV.get(x['role'], esc(x['role']))}</td>"
                    f"<td>{state}</td><td>{acts}</td></tr>")
    out.append(f"<h3>{esc(m['organisation_name'])} ({esc(org)})</h3>"
               '<table class="table table-sm"><thead><tr><th>E-pasts / E-mail</th><th>Loma / Role</th>'
               "<th>Stāvoklis / State</th><th>Mainīt / Change</th></tr></thead><tbody>" + "".join(rows)
               + "</tbody></table><p>" + " ".join(
                   _a(link, f"Uzaicināt: {_ROLE_LV[r]} / Invite", "ws_form", kind="invite", org=org, role=r)
                   for r in _ROLE_LV) + "</p>")
    return "\n".join(out)


def page(ws: Workspace, p: Principal, view: str, slug: str | None, link: Link, pair=None) -> str:
    """The dashboard, a room or the organisation page; a refusal is shown as a message."""
    try:
        if view == "org":
            return org_html(ws, p, link)
        if view == "redline":
            old, new = (list(pair or ()) + [None, None])[:2]
            return (_a(link, "Atpakaļ uz līgumu / Back to the agreement", "ws_open", slug=str(slug or ""))
                    + redline_html(ws, p, str(slug or ""), old, new))
        return room_html(ws, p, str(slug or ""), link) if view == "room" else dashboard_html(ws, p, link)
    except PamatsError as e:
        return f"<p><strong>{esc(e.message)}</strong></p>" + (f"<p>{esc(e.hint)}</p>" if e.hint else "")


# forms the room opens: what the text field asks (Latvian / English)
FORMS = {"comment": "Komentārs / Comment", "reply": "Atbilde / Reply",
         "replace": "Jaunā punkta redakcija / New wording of the point",
         "insert_after": "Jaunā punkta teksts / Text of the new point",
         "reject": "Noraidīšanas iemesls / Reason for rejecting",
         "edit": "Jūsu punkta redakcija (jauna versija) / Your wording of the point (a new version)",
         "transition": "Statusa maiņas iemesls / Reason for the change of status",
         "invite": "Kolēģa e-pasta adrese / The colleague's e-mail address",
         "new_org": "Atslēga: nosaukums / key: name (piem. / e.g. marta: Biedrība \"Centrs MARTA\")"}


def form_title(kind: str) -> str:
    return FORMS.get(kind, "Teksts / Text")


def _int(v) -> int | None:
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def perform(ws: Workspace, p: Principal, args: dict, text: str | None = None) -> tuple[bool, str]:
    """Carry out one room action (arguments from the action link, text from the form).

    Returns (done, message as HTML); a refusal is a message, never a traceback."""
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
            return True, f"<p>Izveidota versija / version created: {n}</p>"
        elif kind == "withdraw":
            ws.withdraw_suggestion(p, slug, _int(args.get("suggestion")))
        elif kind == "reject":
            ws.reject(p, slug, _int(args.get("suggestion")), text)
        elif kind == "edit":
            n = ws.edit_point(p, slug, node, text, base_version=_int(args.get("version")))
            return True, f"<p>Izveidota versija / version created: {n}</p>"
        elif kind == "transition":
            to = str(args.get("to") or "")
            if to not in _BY_HAND:
                raise NotFound(f"nezināma darbība / unknown action {to[:40]!r}")
            ws.transition(p, slug, to, reason=clean_comment_text(text))
        elif kind == "invite":
            ws.invite(p, str(args.get("org") or ""), text or "", str(args.get("role") or ""),
                      admin=str(args.get("admin") or "") == "1")
        elif kind == "role":
            ws.set_role(p, str(args.get("org") or ""), _int(args.get("account")), str(args.get("role") or ""))
        elif kind == "remove":
            ws.remove_member(p, str(args.get("org") or ""), _int(args.get("account")))
        elif kind == "new_org":
            key, _, name = (text or "").partition(":")
            ws.create_organisation(p, key.strip(), name.strip())
        elif kind == "sign":
            d = ws.sign(p, slug, version=_int(args.get("version")))
            return True, f"<p>Parakstīts / Signed: {esc(d['organisation'])}, {d['version']} · {esc(d['status'])}</p>"
        else:
            raise NotFound(f"nezināma darbība / unknown action {kind[:40]!r}")
    except PointConflict as c:
        return False, (f"<p><strong>Konflikts / Conflict:</strong> {esc(c.message)}</p>"
                       f"<p>Jūsu teksts / Your text: <ins>{esc(c.mine)}</ins></p>"
                       f"<p>Pašreizējais teksts / Current text: {esc(c.theirs)}</p><p>{esc(c.hint or '')}</p>")
    except PamatsError as e:
        return False, f"<p><strong>Neizdevās / Not done:</strong> {esc(e.message)}</p>" + (
            f"<p>{esc(e.hint)}</p>" if e.hint else "")
    return True, "<p>Saglabāts / Saved.</p>"
