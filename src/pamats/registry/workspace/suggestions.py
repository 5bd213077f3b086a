"""This file defines suggested changes to a point and how they become a new version.

A suggestion is a new wording of a point (``replace``), a new point after it (``insert_after``)
or its deletion (``delete``), made against the version its author read (``base_version``,
with the point's text as it was then). The other party's negotiator accepts one or several
(a new version, drafted from the latest one with the changes applied; the redline shows them)
or rejects one with a reason. A negotiator may also edit a point directly (``edit_point``).

Optimistic concurrency per point: if the point changed after the version a change was made
against, the change is not applied; :class:`PointConflict` carries both texts and the
change stays (an open suggestion), so nothing is lost.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import AccessDenied, ConflictError, InputError
from .. import audit
from ..errors import NotFound
from ..models import Agreement, Version
from ..models_workspace import SUGGESTION_OPS, Membership, Suggestion
from .access import SUGGESTABLE, Principal, agreement_for, can, require_status
from .points import apply, clean_comment_text, clean_point_text, instrument_of, point_map

__all__ = ["SuggestionsMixin", "PointConflict", "suggestion_list"]


class PointConflict(ConflictError):
    """The point changed after the version the change was made against; both texts are kept."""

    def __init__(
        self,
        message: str,
        *,
        node_id: str,
        mine: str | None,
        theirs: str | None,
        base_version: int,
        current_version: int,
        kept_as: int | None = None,
        hint: str | None = None,
    ):
        super().__init__(message, hint=hint)
        self.node_id, self.mine, self.theirs = node_id, mine, theirs
        self.base_version, self.current_version, self.kept_as = base_version, current_version, kept_as


def _version(s: Session, a: Agreement, number) -> Version:
    v = (
        s.scalar(select(Version).where(Version.agreement_id == a.id, Version.number == number))
        if isinstance(number, int) and not isinstance(number, bool)
        else None
    )
    if v is None:
        raise NotFound(f"versija {str(number)[:20]} nav atrasta / no version {str(number)[:20]} of this agreement")
    return v


def _changed_under(sg_base_text: str | None, node_id: str, op: str, current: dict[str, dict]) -> str | None:
    """Why a change made against ``sg_base_text`` cannot apply to the current text (None: it can)."""
    if node_id not in current:
        return "deleted"
    if op in ("replace", "delete") and current[node_id]["text"] != sg_base_text:
        return "changed"
    return None


class SuggestionsMixin:
    reg: object

    def _latest_with_text(self, s: Session, a: Agreement) -> tuple[Version, dict]:
        v = self.reg.latest_version(s, a)
        instr = instrument_of(v) if v is not None else None
        if not instr:
            raise InputError("līgumam vēl nav uzrakstīta teksta / the agreement has no drafted text yet")
        return v, instr

    def suggest(
        self,
        p: Principal,
        slug: str,
        node_id: str,
        op: str,
        text: str | None = None,
        *,
        base_version: int | None = None,
        note: str | None = None,
    ) -> int:
        """Suggest a change to a point of ``base_version`` (default: the latest); returns its id."""
        if op not in SUGGESTION_OPS:
            raise InputError(
                f"nezināma izmaiņa / unknown change {str(op)[:40]!r}", hint="one of: " + ", ".join(SUGGESTION_OPS)
            )
        text = clean_point_text(text) if op != "delete" else None
        note = clean_comment_text(note) if note else None
        with self.reg.tx() as s:
            a, m = agreement_for(s, p, slug, "suggest")
            require_status(a, SUGGESTABLE, "ierosināt izmaiņas / suggest changes")
            latest, _ = self._latest_with_text(s, a)
            base = latest if base_version is None else _version(s, a, base_version)
            pts = point_map(instrument_of(base))
            if node_id not in pts or pts[node_id]["kind"] == "chapter":
                raise NotFound(
                    f"versijā {base.number} nav punkta {str(node_id)[:100]!r} / "
                    f"version {base.number} has no point {str(node_id)[:100]!r}"
                )
            sg = self._new_suggestion(s, a, m, base.number, node_id, op, pts[node_id]["text"], text, note)
            return sg.id

    def _new_suggestion(
        self,
        s: Session,
        a: Agreement,
        m: Membership,
        base: int,
        node_id: str,
        op: str,
        base_text: str | None,
        text: str | None,
        note: str | None,
    ) -> Suggestion:
        sg = Suggestion(
            agreement_id=a.id,
            base_version=base,
            node_id=node_id,
            op=op,
            base_text=base_text,
            text=text,
            note=note,
            organisation_id=m.organisation_id,
            user_id=m.user_id,
            at=self.reg.now(),
            status="open",
        )
        s.add(sg)
        s.flush()
        if op == "insert_after":
            sg.new_node_id = f"s{sg.id}"
        audit.append(
            s,
            a,
            m.user.username,
            self.reg.now(),
            "suggest",
            payload={"suggestion": sg.id, "node": node_id, "op": op, "base_version": base},
        )
        a.updated_at = self.reg.now()
        return sg

    def suggestions(self, p: Principal, slug: str, *, status: str | None = None) -> list[dict]:
        with self.reg.tx() as s:
            a, _m = agreement_for(s, p, slug, "read")
            return suggestion_list(s, a, status=status)

    def accept(
        self, p: Principal, slug: str, ids: list[int], *, expected_version: int | None = None, note: str | None = None
    ) -> int:
        """Accept the other party's open suggestions ``ids``: one new version; returns its number."""
        if not ids or len(set(ids)) != len(ids):
            raise InputError(
                "izvēlieties vienu vai vairākus ierosinājumus / choose one or more suggestions (each once)"
            )
        with self.reg.tx() as s:
            a, m = agreement_for(s, p, slug, "decide")
            require_status(a, SUGGESTABLE, "pieņemt ierosinājumus / accept suggestions")
            latest, instr = self._latest_with_text(s, a)
            if expected_version is not None and expected_version != latest.number:
                raise ConflictError(
                    f"kamēr lasījāt, tika iesniegta versija {latest.number} / version "
                    f"{latest.number} was proposed while you read version {expected_version}; "
                    f"nothing was written",
                    hint="pārlādējiet lapu / reload the page and decide again",
                )
            sgs = [self._open_of_other_party(s, a, m, i) for i in ids]
            if len({x.node_id for x in sgs if x.op != "insert_after"}) != len(
                [x for x in sgs if x.op != "insert_after"]
            ):
                raise InputError(
                    "divi ierosinājumi maina vienu punktu: pieņemiet vienu / two of these change the "
                    "same point: accept one of them"
                )
            current = point_map(instr)
            for x in sgs:
                why = _changed_under(x.base_text, x.node_id, x.op, current)
                if why:
                    theirs = current.get(x.node_id, {}).get("text")
                    raise PointConflict(
                        f"ierosinājums {x.id}: punkts {x.node_id!r} mainīts pēc versijas {x.base_version} / "
                        f"suggestion {x.id}: point {x.node_id!r} was {why} after version {x.base_version}; "
                        f"nothing was written",
                        node_id=x.node_id,
                        mine=x.text,
                        theirs=theirs,
                        base_version=x.base_version,
                        current_version=latest.number,
                        kept_as=x.id,
                        hint="the suggestion stays open; its author can suggest it again on the current text",
                    )
            new = apply(instr, [(x.op, x.node_id, x.text, x.new_node_id) for x in sgs])
            label = ", ".join(f"#{x.id}" for x in sgs)
            said = f": {clean_comment_text(note)}" if note else ""  # in both halves: a page shows one
            v = self._new_version(
                s, a, m, latest, new, f"pieņemti ierosinājumi {label}{said} / accepted suggestions {label}{said}"
            )
            now = self.reg.now()
            for x in sgs:
                x.status, x.decided_by_id, x.decided_at, x.result_version = "accepted", m.user_id, now, v.number
            audit.append(
                s, a, m.user.username, now, "accept", payload={"suggestions": [x.id for x in sgs], "version": v.number}
            )
            return v.number

    def reject(self, p: Principal, slug: str, suggestion_id: int, reason: str) -> None:
        reason = clean_comment_text(reason)
        with self.reg.tx() as s:
            a, m = agreement_for(s, p, slug, "decide")
            require_status(a, SUGGESTABLE, "noraidīt ierosinājumus / reject suggestions")
            x = self._open_of_other_party(s, a, m, suggestion_id)
            x.status, x.decided_by_id, x.decided_at, x.reason = "rejected", m.user_id, self.reg.now(), reason
            audit.append(s, a, m.user.username, self.reg.now(), "reject", reason=reason, payload={"suggestion": x.id})
            a.updated_at = self.reg.now()

    def withdraw_suggestion(self, p: Principal, slug: str, suggestion_id: int) -> None:
        """Its author, or a negotiator of the author's organisation, takes back an open suggestion."""
        with self.reg.tx() as s:
            a, m = agreement_for(s, p, slug, "suggest")
            require_status(a, SUGGESTABLE, "atsaukt ierosinājumu / withdraw a suggestion")
            x = s.get(Suggestion, suggestion_id) if isinstance(suggestion_id, int) else None
            if x is None or x.agreement_id != a.id:
                raise NotFound(
                    f"ierosinājums {str(suggestion_id)[:20]} nav atrasts / no suggestion "
                    f"{str(suggestion_id)[:20]} in this agreement"
                )
            if x.status != "open":
                raise InputError(f"ierosinājums {x.id} jau ir {x.status} / suggestion {x.id} is already {x.status}")
            if x.organisation_id != m.organisation_id or (x.user_id != m.user_id and not can(m.role, "decide")):
                raise AccessDenied(
                    f"ierosinājumu {x.id} var atsaukt tā autors vai viņa organizācijas sarunu vedējs / "
                    f"only its author or a negotiator of the author's organisation withdraws "
                    f"suggestion {x.id}"
                )
            x.status, x.decided_by_id, x.decided_at = "withdrawn", m.user_id, self.reg.now()
            audit.append(s, a, m.user.username, self.reg.now(), "withdraw_suggestion", payload={"suggestion": x.id})
            a.updated_at = self.reg.now()

    def edit_point(
        self, p: Principal, slug: str, node_id: str, text: str, *, base_version: int, note: str | None = None
    ) -> int:
        """A negotiator's own new wording of a point read in ``base_version``: a new version.

        If the point changed since ``base_version``, :class:`PointConflict`: nothing is
        applied and the text is kept as an open suggestion against the current version."""
        text = clean_point_text(text)
        conflict: PointConflict | None = None
        with self.reg.tx() as s:
            a, m = agreement_for(s, p, slug, "propose")
            require_status(a, SUGGESTABLE, "labot tekstu / edit the text")
            latest, instr = self._latest_with_text(s, a)
            base = _version(s, a, base_version)
            was = point_map(instrument_of(base)).get(node_id)
            if was is None or was["kind"] == "chapter":
                raise NotFound(
                    f"versijā {base.number} nav punkta {str(node_id)[:100]!r} / "
                    f"version {base.number} has no point {str(node_id)[:100]!r}"
                )
            current = point_map(instr)
            why = _changed_under(was["text"], node_id, "replace", current)
            if why is None:
                new = apply(instr, [("replace", node_id, text, None)])
                v = self._new_version(
                    s,
                    a,
                    m,
                    latest,
                    new,
                    f"punkts {node_id} labots / point {node_id} edited"
                    + (f": {clean_comment_text(note)}" if note else ""),
                )
                return v.number
            # the point changed meanwhile: keep this text as an open suggestion (committed), then refuse
            theirs = current.get(node_id, {}).get("text")
            kept = None
            if theirs is not None:
                kept = self._new_suggestion(
                    s,
                    a,
                    m,
                    latest.number,
                    node_id,
                    "replace",
                    theirs,
                    text,
                    f"saglabāts no konflikta / kept from a conflicting edit of version {base.number}",
                ).id
            conflict = PointConflict(
                f"punktu {node_id!r} kāds mainīja pēc versijas {base.number} (tagad versija {latest.number}) / "
                f"point {node_id!r} was {why} by someone else after version {base.number} "
                f"(now version {latest.number}); your edit was not applied",
                node_id=node_id,
                mine=text,
                theirs=theirs,
                base_version=base.number,
                current_version=latest.number,
                kept_as=kept,
                hint=(
                    f"jūsu teksts saglabāts kā ierosinājums #{kept} / your text is kept as suggestion #{kept}"
                    if kept
                    else "the point was deleted; suggest your text again as a new point"
                ),
            )
        raise conflict

    def _open_of_other_party(self, s: Session, a: Agreement, m: Membership, sid) -> Suggestion:
        x = s.get(Suggestion, sid) if isinstance(sid, int) and not isinstance(sid, bool) else None
        if x is None or x.agreement_id != a.id:
            raise NotFound(
                f"ierosinājums {str(sid)[:20]} nav atrasts / no suggestion {str(sid)[:20]} in this agreement"
            )
        if x.status != "open":
            raise InputError(f"ierosinājums {x.id} jau ir {x.status} / suggestion {x.id} is already {x.status}")
        if x.organisation_id == m.organisation_id:
            raise AccessDenied(
                f"ierosinājumu {x.id} iesniedza jūsu organizācija: par to lemj otra puse / "
                f"suggestion {x.id} is your organisation's own: the other party decides on it"
            )
        return x

    def _new_version(
        self, s: Session, a: Agreement, m: Membership, latest: Version, instrument: dict, note: str
    ) -> Version:
        from ...drafting.document import Instrument
        from ...drafting.render.docx import render_docx_bytes

        docx = render_docx_bytes(Instrument.model_validate(instrument))
        return self.reg.add_version(s, a, m.user, json.loads(latest.answers), instrument, docx, note)


def suggestion_list(s: Session, a: Agreement, *, status: str | None = None) -> list[dict]:
    """The suggestions on agreement ``a`` (those in ``status`` only, when given), oldest first (one query)."""
    q = select(Suggestion).where(Suggestion.agreement_id == a.id)
    if status:
        q = q.where(Suggestion.status == status)
    return [_as_dict(x) for x in s.scalars(q.order_by(Suggestion.id))]


def _as_dict(x: Suggestion) -> dict:
    return {
        "id": x.id,
        "node": x.node_id,
        "op": x.op,
        "base_version": x.base_version,
        "base_text": x.base_text,
        "text": x.text,
        "new_node": x.new_node_id,
        "note": x.note,
        "organisation": x.organisation.key,
        "author": x.user.name,
        "at": x.at,
        "status": x.status,
        "reason": x.reason,
        "result_version": x.result_version,
    }
