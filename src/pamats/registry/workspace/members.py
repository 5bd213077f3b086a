"""This file defines organisations, invitations, memberships and roles in the workspace.

A server administrator (docassemble privilege ``admin``) creates organisations and may invite
into any of them; an organisation's administrator invites colleagues by e-mail and sets their
roles. An invitation is accepted when an account with that e-mail logs in (:meth:`login`).
One account acts for one organisation. Every change is an entry in the organisation's
hash-chained audit log (``ws_org_audit``; :meth:`verify_org_audit` checks the chain).
"""

from __future__ import annotations

import json
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import AccessDenied, InputError
from .. import orglog
from ..errors import NotFound, TamperError
from ..models import Organisation, User
from ..models_workspace import ROLES, Invitation, Membership, OrgAuditEntry
from .access import Principal, mark_served, membership

__all__ = ["MembersMixin"]

_KEY = re.compile(r"^[a-z0-9][a-z0-9_\-]{0,63}$")
_EMAIL = re.compile(r"^[^@\s<>\"']{1,200}@[^@\s<>\"']{1,118}$")


def _email(e: str) -> str:
    e = (e or "").strip().lower()
    if not _EMAIL.match(e):
        raise InputError(f"nederīga e-pasta adrese / not an e-mail address: {e[:80]!r}")
    return e


def _role(r: str) -> str:
    if r not in ROLES:
        raise InputError(f"nezināma loma / unknown role {str(r)[:40]!r}", hint="one of: " + ", ".join(ROLES))
    return r


class MembersMixin:
    reg: object

    # -- audit ---------------------------------------------------------------------------------
    def _org_log(self, s: Session, org: Organisation, actor: str, action: str, payload: dict) -> None:
        orglog.append(s, org, actor, self.reg.now(), action, payload)

    def org_audit(self, p: Principal, org_key: str) -> list[dict]:
        with self.reg.tx() as s:
            org = self._admin_org(s, p, org_key)
            rows = s.scalars(
                select(OrgAuditEntry).where(OrgAuditEntry.organisation_id == org.id).order_by(OrgAuditEntry.seq)
            )
            return [
                {"seq": e.seq, "at": e.at, "actor": e.actor, "action": e.action, "payload": json.loads(e.payload)}
                for e in rows
            ]

    def verify_org_audit(self, p: Principal, org_key: str) -> int:
        with self.reg.tx() as s:
            org = self._admin_org(s, p, org_key)
            rows = orglog.entries(s, org.id)
            bad = orglog.chain_problems(org.key, rows)
            if bad:
                raise TamperError(f"{bad[0]}; refused")
            return len(rows)

    # -- helpers -------------------------------------------------------------------------------
    def _org(self, s: Session, key: str) -> Organisation:
        o = s.scalar(select(Organisation).where(Organisation.key == key)) if isinstance(key, str) else None
        if o is None:
            raise NotFound(f"organizācija nav atrasta / no organisation {str(key)[:64]!r}")
        return o

    def _admin_org(self, s: Session, p: Principal, org_key: str) -> Organisation:
        """The organisation if ``p`` administers it (or is a server administrator)."""
        org = self._org(s, org_key)
        if p.server_admin:
            return org
        m = membership(s, p)
        if m is None or m.organisation_id != org.id or not m.org_admin:
            raise AccessDenied(
                f"tikai organizācijas {org.key!r} administrators to var / "
                f"only an administrator of {org.key!r} can do this"
            )
        return org

    # -- organisations -----------------------------------------------------------------------------
    def create_organisation(self, p: Principal, key: str, name: str) -> dict:
        if not p.server_admin:
            raise AccessDenied(
                "organizācijas veido servera administrators / "
                "only a server administrator (docassemble privilege admin) creates organisations"
            )
        if not isinstance(key, str) or not _KEY.match(key):
            raise InputError(
                f"nederīga atslēga / not an organisation key: {str(key)[:80]!r}",
                hint="lower-case letters, digits, - and _, e.g. marta, vrs",
            )
        name = (name or "").strip()
        if not name or len(name) > 400 or any(ord(c) < 32 for c in name):
            raise InputError(
                "nosaukums: 1-400 rakstzīmes bez vadības rakstzīmēm / name: 1-400 characters, no control characters"
            )
        with self.reg.tx() as s:
            if s.scalar(select(Organisation).where(Organisation.key == key)):
                raise InputError(f"organizācija {key!r} jau ir / organisation {key!r} already exists")
            org = Organisation(key=key, name=name)
            s.add(org)
            s.flush()
            mark_served(s, p.email, self.reg.now())
            self._org_log(s, org, p.email, "org_create", {"key": key, "name": name})
            joined = self._join_waiting_by_name(s, org, p.email)
        return {"key": key, "name": name, "joined": joined}

    # -- invitations and login ---------------------------------------------------------------------
    def invite(self, p: Principal, org_key: str, email: str, role: str = "member", *, admin: bool = False) -> int:
        email, role = _email(email), _role(role)
        with self.reg.tx() as s:
            org = self._admin_org(s, p, org_key)
            if s.scalar(
                select(Invitation).where(
                    Invitation.organisation_id == org.id, Invitation.email == email, Invitation.accepted_at.is_(None)
                )
            ):
                raise InputError(f"{email} jau ir uzaicināts / {email} has already been invited to {org.key!r}")
            inv = Invitation(
                organisation_id=org.id,
                email=email,
                role=role,
                org_admin=bool(admin),
                invited_by=p.email,
                at=self.reg.now(),
            )
            s.add(inv)
            s.flush()
            mark_served(s, p.email, self.reg.now())
            self._org_log(
                s,
                org,
                p.email,
                "invite",
                {"email": email, "role": role, "admin": bool(admin), "row": orglog.invitation_facts(inv, org.key)},
            )
            return inv.id

    def login(self, p: Principal) -> dict | None:
        """Called on every workspace page: accepts a pending invitation for the account's e-mail.

        Returns the account's membership ({organisation, role, admin}) or None."""
        with self.reg.tx() as s:
            mark_served(s, p.email, self.reg.now())
            m = s.scalar(select(Membership).where(Membership.account_id == p.account_id))
            if m is None or not m.active:
                inv = s.scalar(
                    select(Invitation)
                    .where(Invitation.email == p.email, Invitation.accepted_at.is_(None))
                    .order_by(Invitation.id)
                    .limit(1)
                )
                if inv is not None and (m is None or m.organisation_id == inv.organisation_id):
                    m = self._join(s, p, inv, m)
            if m is None or not m.active:
                return None
            return {
                "organisation": m.organisation.key,
                "organisation_name": m.organisation.name,
                "role": m.role,
                "admin": m.org_admin,
                "username": m.user.username,
            }

    def _join(self, s: Session, p: Principal, inv: Invitation, old: Membership | None) -> Membership:
        now = self.reg.now()
        new_user = None
        if old is None:
            u = User(username=f"da-{p.account_id}", name=p.email, organisation_id=inv.organisation_id)
            s.add(u)
            s.flush()
            new_user = orglog.user_facts(u, inv.organisation.key)
            old = Membership(
                account_id=p.account_id,
                email=p.email,
                organisation_id=inv.organisation_id,
                user_id=u.id,
                role=inv.role,
                org_admin=inv.org_admin,
                active=True,
                since=now,
            )
            s.add(old)
        else:
            old.active, old.role, old.org_admin, old.email, old.since = True, inv.role, inv.org_admin, p.email, now
        inv.accepted_at, inv.accepted_account = now, p.account_id
        s.flush()
        self._org_log(
            s,
            inv.organisation,
            p.email,
            "join",
            {
                "account": p.account_id,
                "email": p.email,
                "role": inv.role,
                "admin": inv.org_admin,
                "invitation": inv.id,
                "row": orglog.membership_facts(old, inv.organisation.key, old.user.username),
                "user": new_user,
                "invitation_row": orglog.invitation_facts(inv, inv.organisation.key),
            },
        )
        return s.scalar(select(Membership).where(Membership.account_id == p.account_id))

    # -- roles -----------------------------------------------------------------------------------
    def members(self, p: Principal, org_key: str) -> list[dict]:
        with self.reg.tx() as s:
            org = self._org(s, org_key)
            m = membership(s, p)
            if not p.server_admin and (m is None or m.organisation_id != org.id):
                raise AccessDenied(
                    f"tikai organizācijas {org.key!r} locekļi to redz / only members of {org.key!r} see its members"
                )
            rows = s.scalars(select(Membership).where(Membership.organisation_id == org.id).order_by(Membership.email))
            out = [
                {"account": x.account_id, "email": x.email, "role": x.role, "admin": x.org_admin, "active": x.active}
                for x in rows
            ]
            pending = s.scalars(
                select(Invitation)
                .where(Invitation.organisation_id == org.id, Invitation.accepted_at.is_(None))
                .order_by(Invitation.id)
            )
            return out + [
                {
                    "account": None,
                    "email": i.email,
                    "role": i.role,
                    "admin": i.org_admin,
                    "active": False,
                    "invited": True,
                }
                for i in pending
            ]

    def set_role(self, p: Principal, org_key: str, account_id: int, role: str, *, admin: bool | None = None) -> dict:
        role = _role(role)
        with self.reg.tx() as s:
            org = self._admin_org(s, p, org_key)
            m = s.scalar(
                select(Membership).where(
                    Membership.account_id == account_id,
                    Membership.organisation_id == org.id,
                    Membership.active.is_(True),
                )
            )
            if m is None:
                raise NotFound(f"{org.key!r} nav konta {account_id} / {org.key!r} has no member account {account_id}")
            before = {"role": m.role, "admin": m.org_admin}
            m.role = role
            if admin is not None:
                self._keep_an_admin(s, org, m, admin)
                m.org_admin = bool(admin)
            after = {"role": m.role, "admin": m.org_admin}
            s.flush()
            self._org_log(
                s,
                org,
                p.email,
                "role",
                {
                    "account": account_id,
                    "email": m.email,
                    "before": before,
                    "after": after,
                    "row": orglog.membership_facts(m, org.key, m.user.username),
                },
            )
            return after

    def remove_member(self, p: Principal, org_key: str, account_id: int) -> None:
        with self.reg.tx() as s:
            org = self._admin_org(s, p, org_key)
            m = s.scalar(
                select(Membership).where(
                    Membership.account_id == account_id,
                    Membership.organisation_id == org.id,
                    Membership.active.is_(True),
                )
            )
            if m is None:
                raise NotFound(f"{org.key!r} nav konta {account_id} / {org.key!r} has no member account {account_id}")
            self._keep_an_admin(s, org, m, False)
            m.active = False
            s.flush()
            self._org_log(
                s,
                org,
                p.email,
                "remove",
                {"account": account_id, "email": m.email, "row": orglog.membership_facts(m, org.key, m.user.username)},
            )

    # -- signing certificates ----------------------------------------------------------------------
    def tie_certificate(
        self, p: Principal, org_key: str, *, certificate: bytes | None = None, identifier: str | None = None
    ) -> dict:
        """An organisation's administrator ties a signing certificate (PEM/DER) or a certificate subject
        identifier (``organizationIdentifier=NTRLV-…``) to it; only tied certificates sign for it."""
        with self.reg.tx() as s:
            self._admin_org(s, p, org_key)
        return self.reg.tie_certificate(org_key, certificate=certificate, identifier=identifier, actor=p.email)

    def certificates(self, p: Principal, org_key: str) -> list[dict]:
        with self.reg.tx() as s:
            org = self._org(s, org_key)
            m = membership(s, p)
            if not p.server_admin and (m is None or m.organisation_id != org.id):
                raise AccessDenied(
                    f"tikai organizācijas {org.key!r} locekļi to redz / only members of {org.key!r} see its certificates"
                )
        return self.reg.certificates(org_key)

    @staticmethod
    def _keep_an_admin(s: Session, org: Organisation, m: Membership, admin: bool) -> None:
        if admin or not m.org_admin:
            return
        others = s.scalars(
            select(Membership).where(
                Membership.organisation_id == org.id,
                Membership.active.is_(True),
                Membership.org_admin.is_(True),
                Membership.id != m.id,
            )
        ).first()
        if others is None:
            raise InputError(
                f"{org.key!r} paliktu bez administratora / {org.key!r} would have no administrator left",
                hint="make someone else an administrator first",
            )
