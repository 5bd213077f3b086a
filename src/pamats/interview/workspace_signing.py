"""This file defines signing in the room's web pages: the signatures, the PDF downloads and the upload.

The room shows each party's signature; a signatory of a party downloads the PDF to sign, signs
it with their own tool (eParaksts) and uploads it on a form with one file field. The file's
bytes go to :meth:`pamats.registry.workspace.Workspace.upload_signed`, which decides access and
verifies the signature; the signed PDF is kept in the registry database. docassemble keeps its
own copy of an upload with the interview session (its uploads storage), as for any upload.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from ..errors import PamatsError
from ..registry.lifecycle import SIGNABLE
from ..registry.workspace import Principal, Workspace
from ..registry.workspace.access import can
from ..registry.workspace.versions import download_name
from .workspace_texts import in_language, tr

__all__ = ["signing_html", "download", "upload", "read_upload"]


def _esc(value) -> str:
    from .workspace import esc

    return esc(value)


def _a(link: Callable[..., str], label: str, action: str, **args) -> str:
    return f'<a class="btn btn-sm btn-outline-primary" href="{html.escape(link(action, **args))}">{label}</a>'


def _named(a: str, name: str) -> str:
    """The link saves its file as ``name`` (the HTML ``download`` attribute; same-origin links)."""
    return a.replace("<a ", f'<a download="{html.escape(name)}" ', 1)


def signing_html(r: dict, slug: str, link: Callable[..., str], lang: str = "lv") -> str:
    """The room's signing section: signatures given, downloads, the upload for signatories."""
    sigs = r.get("signatures") or []
    signable = r["status"] in SIGNABLE
    if not sigs and not signable:
        return ""
    out = [f"<h3>{tr(lang, 'signatures')}</h3>"]
    if sigs:
        out.append(
            '<ul class="pamats-signatures">'
            + "".join(
                "<li>"
                + tr(
                    lang,
                    "signature_line",
                    org=_esc(g["organisation"]),
                    signer=_esc(g["signer"]),
                    version=g["version"],
                    at=f"{g['at']:%Y-%m-%d %H:%M}",
                )
                + "</li>"
                for g in sigs
            )
            + "</ul>"
        )
    else:
        out.append(f"<p>{tr(lang, 'no_signatures')}</p>")
    buttons = []
    if signable:
        buttons.append(
            _named(
                _a(link, tr(lang, "download_to_sign", version=r["version"]), "ws_pdf", slug=slug, which="to_sign"),
                download_name(slug, "to_sign", r["version"]),
            )
        )
        mine_signed = any(g["organisation"] == r["me"] and g["version"] == r["version"] for g in sigs)
        if can(r["role"], "sign") and not mine_signed:
            buttons.append(
                _a(link, tr(lang, "upload_signed"), "ws_form", kind="upload", slug=slug, version=r["version"])
            )
    if sigs:
        buttons.append(
            _named(
                _a(link, tr(lang, "download_signed"), "ws_pdf", slug=slug, which="signed"),
                download_name(slug, "signed"),
            )
        )
    if signable and can(r["role"], "sign"):
        out.append(f"<p>{tr(lang, 'signing_how')}</p>")
    return "\n".join(out) + ("<p>" + " ".join(buttons) + "</p>" if buttons else "")


def _message(e: PamatsError, lang: str) -> str:
    return f"<p><strong>{tr(lang, 'not_done')} {_esc(in_language(e.message, lang))}</strong></p>" + (
        f"<p>{_esc(in_language(e.hint, lang))}</p>" if e.hint else ""
    )


def download(ws: Workspace, p: Principal, args: dict, lang: str = "lv") -> tuple[bytes | None, str]:
    """(PDF bytes, '') or (None, the refusal as HTML): the PDF to sign or the signed PDF."""
    slug, which = str(args.get("slug") or ""), str(args.get("which") or "")
    try:
        if which == "signed":
            return ws.signed_pdf_of(p, slug), ""
        return ws.pdf_to_sign(p, slug), ""
    except PamatsError as e:
        return None, _message(e, lang)


def read_upload(files) -> bytes:
    """The bytes of the uploaded file (docassemble's DAFileList and DAFile both give ``path()``)."""
    path = files.path() if files is not None and hasattr(files, "path") else None
    if not path:
        return b""
    with open(path, "rb") as f:
        return f.read()


def upload(ws: Workspace, p: Principal, args: dict, data: bytes, lang: str = "lv") -> tuple[bool, str]:
    """Record the signature from the uploaded signed PDF; (done, message as HTML)."""
    slug = str(args.get("slug") or "")
    try:
        version = int(args["version"]) if args.get("version") not in (None, "") else None
    except (TypeError, ValueError):
        version = None
    try:
        d = ws.upload_signed(p, slug, data, version=version)
    except PamatsError as e:
        return False, _message(e, lang)
    from .workspace import _status

    return True, (
        f"<p>{tr(lang, 'signed', org=_esc(d['organisation']), version=d['version'], status=_status(lang, str(d['status'])))}</p>"
    )
