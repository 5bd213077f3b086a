"""This file defines the agreement room: what a party sees of one agreement and the moves it makes.

``room``: the agreement, its latest version's points (number, text) and beside each point its
comment threads and suggestions, the version history and signatures. ``propose`` (a new version
from the interview's answers), ``transition`` and ``sign`` check the account's role here, then
use the registry's own rules (lifecycle table, signatures on the same version, hashes).
``redline`` compares any two versions point by point.
"""

from __future__ import annotations

from typing import Any

from ...drafting.redline import compare
from ...errors import AccessDenied
from ..errors import NotFound
from .access import Principal, agreement_for, can, membership
from .comments import thread_list
from .people import Names, name_authors, version_credit_list
from .points import instrument_of, points
from .start import waiting_party_list
from .suggestions import suggestion_list

__all__ = ["RoomMixin"]


class RoomMixin:
    reg: object

    def _username(self, p: Principal, slug: str, need: str) -> str:
        with self.reg.tx() as s:
            _a, m = agreement_for(s, p, slug, need)
            return m.user.username

    def room(self, p: Principal, slug: str, names: Names | None = None) -> dict:
        """The room of one agreement: :meth:`Registry.describe` (without re-checking every version's
        files), the latest version's points with their threads and open suggestions, the parties
        still to join, who proposed each version (``credits``; ``names``: see :mod:`.people`). One transaction, a fixed number of queries (tests/registry/test_workspace_room_queries.py)."""
        with self.reg.tx() as s:
            a, m = agreement_for(s, p, slug, "read")
            info = self.reg.describe(s, a, check=False)
            threads = thread_list(s, a)
            name_authors(threads, names)
            sugg = suggestion_list(s, a)
            waiting = waiting_party_list(s, a)
            credits = version_credit_list(s, a, names)
            v = self.reg.latest_version(s, a)
            pts = points(instrument_of(v)) if v is not None else []
            me, role = m.organisation.key, m.role
        by_node: dict[str, list[dict]] = {}
        open_by_node: dict[str, list[dict]] = {}
        for t in threads:
            by_node.setdefault(t["node"], []).append(t)
        for x in sugg:
            if x["status"] == "open":
                open_by_node.setdefault(x["node"], []).append(x)
        for pt in pts:
            pt["threads"] = by_node.get(pt["id"], [])
            pt["suggestions"] = open_by_node.get(pt["id"], [])
        shown = {pt["id"] for pt in pts}
        info.update(
            {
                "me": me,
                "role": role,
                "version": v.number if v is not None else 0,
                "points": pts,
                "detached_threads": [t for t in threads if t["node"] not in shown],
                "suggestions": sugg,
                "waiting_parties": waiting,
                "credits": credits,
            }
        )
        return info

    def redline(self, p: Principal, slug: str, old: int, new: int) -> list:
        username = self._username(p, slug, "read")
        a, b = self.reg.version(username, slug, old), self.reg.version(username, slug, new)
        return compare(a["instrument"], b["instrument"])

    def propose(
        self,
        p: Principal,
        slug: str,
        answers: Any,
        *,
        instrument: Any = None,
        docx: bytes | None = None,
        note: str | None = None,
        expected_row: int | None = None,
    ) -> int:
        return self.reg.propose(
            self._username(p, slug, "propose"),
            slug,
            answers,
            instrument=instrument,
            docx=docx,
            note=note,
            expected_row=expected_row,
        )

    def transition(
        self, p: Principal, slug: str, to: str, *, reason: str | None = None, expected_row: int | None = None
    ) -> dict:
        """Change status; date guards use the registry's clock (the server's), never a date from the page."""
        return self.reg.transition(
            self._username(p, slug, "transition"), slug, to, reason=reason, expected_row=expected_row
        )

    def sign(
        self,
        p: Principal,
        slug: str,
        *,
        pkcs12: bytes | None = None,
        passphrase: bytes | None = None,
        signed_pdf: bytes | None = None,
        pkcs11: dict | None = None,
        signer: str | None = None,
        version: int | None = None,
        expected_row: int | None = None,
    ) -> dict:
        """The signatory signs the agreed PDF for their organisation (PAdES; see Registry.sign): with
        a PKCS#12 key, a PKCS#11 token, or by giving the agreed PDF signed elsewhere."""
        return self.reg.sign(
            self._username(p, slug, "sign"),
            slug,
            pkcs12=pkcs12,
            passphrase=passphrase,
            signed_pdf=signed_pdf,
            pkcs11=pkcs11,
            signer=signer,
            version=version,
            expected_row=expected_row,
        )

    def docx(self, p: Principal, slug: str, number: int | None = None) -> bytes:
        return self.reg.docx(self._username(p, slug, "read"), slug, number)

    def audit(self, p: Principal, slug: str) -> list[dict]:
        return self.reg.audit(self._username(p, slug, "read"), slug)

    def create_agreement(self, p: Principal, slug: str, title: str, parties: list, **kw) -> dict:
        """Create an agreement the account's organisation is party to (needs the ``propose`` right)."""
        with self.reg.tx() as s:
            m = membership(s, p)
            if m is None:
                raise NotFound(
                    "jūsu konts nav nevienā organizācijā / your account belongs to no organisation",
                    hint="ask your organisation's administrator for an invitation",
                )
            if not can(m.role, "propose"):
                raise AccessDenied(f"loma '{m.role}' nevar sākt līgumu / role '{m.role}' cannot start an agreement")
            username = m.user.username
        return self.reg.create_agreement(username, slug, title, parties, **kw)
