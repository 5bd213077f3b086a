"""This file defines how an agreement drafted in the interview enters the workspace, and how a
re-drafted text becomes its next version.

``start_from_answers``: the drafter's account (a negotiator) creates the agreement from the
interview's answers, drafted by the real drafting modules; its own organisation is the party
whose name in the answers is the organisation's registered name; every other party is matched
to a registered organisation by name (Latvian or English) and joins at once, or, when no
organisation of that name is registered, is kept as a pending invitation
(``ws_party_invitations``) that blocks "agreed" until a server administrator registers it
(:meth:`attach_party`, or :meth:`MembersMixin.create_organisation` with that name).
``redraft_answers`` / ``propose_answers``: the latest version's answers for the interview, and
the interview's new answers as the next version (refused when another version came meanwhile).
"""

from __future__ import annotations

import json
import re
import unicodedata

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import AccessDenied, ConflictError, InputError
from .. import audit
from ..errors import NotFound
from ..models import Agreement, AgreementParty, Organisation
from ..models_workspace import PartyInvitation
from .access import SUGGESTABLE, Principal, agreement_for, can, membership, require_status

__all__ = ["StartMixin", "normal_name", "waiting_party_list"]

_QUOTES = str.maketrans({c: '"' for c in "„“”«»‘’'`"})


def normal_name(name) -> str:
    """A name as compared: Unicode NFC, quotes unified, spaces collapsed, case folded."""
    s = unicodedata.normalize("NFC", str(name or "")).translate(_QUOTES)
    return re.sub(r"\s+", " ", s).strip().casefold()


def _names(party: dict) -> set[str]:
    out = set()
    for k in ("name", "short"):
        v = party.get(k)
        for x in v.values() if isinstance(v, dict) else [v]:
            if x:
                out.add(normal_name(x))
    return out - {""}


def _plain_name(party: dict) -> str:
    v = party.get("name")
    return str((v.get("lv") or v.get("en")) if isinstance(v, dict) else v or party.get("key") or "?")[:400]


def _slug_part(text: str) -> str:
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")[:40] or "puse"


class StartMixin:
    reg: object

    def _negotiator(self, s: Session, p: Principal):
        m = membership(s, p)
        if m is None:
            raise NotFound(
                "jūsu konts nav nevienā organizācijā / your account belongs to no organisation",
                hint="jūsu organizācijas administrators var jūs uzaicināt / "
                "ask your organisation's administrator for an invitation",
            )
        if not can(m.role, "propose"):
            raise AccessDenied(
                f"loma '{m.role}' nevar sākt līgumu / role '{m.role}' cannot start an agreement",
                hint="sarunas sāk sarunu vedējs / a negotiator starts the negotiation",
            )
        return m

    def start_from_answers(self, p: Principal, data: dict, *, note: str | None = None) -> dict:
        """Create the agreement of the interview's ``data`` (negotiation, version 1); returns
        {slug, title, parties: [keys], names: [their names], waiting: [names of parties not
        registered yet]}."""
        from ..drafting_bridge import draft

        answers, instr, docx = draft(data, source="interview answers")  # refusals before any write
        parties = answers.get("parties") or []
        with self.reg.tx() as s:
            m = self._negotiator(s, p)
            mine, username = m.organisation, m.user.username
            orgs = list(s.scalars(select(Organisation)))
            # by name only: a party's key stays the precedent's when the drafter renames the party
            matches = [[o for o in orgs if normal_name(o.name) in _names(x)] for x in parties]
            own = [i for i, ms in enumerate(matches) if any(o.id == mine.id for o in ms)]
            if len(own) != 1:
                raise InputError(
                    f"jūsu organizācija {mine.name!r} nav nosaukta starp pusēm / "
                    f"your organisation {mine.name!r} is not named among the parties",
                    hint="intervijā ierakstiet tās reģistrēto nosaukumu / "
                    f"write its registered name in the interview: {mine.name}",
                )
            keys, names, waiting = [], [], []
            for i, (x, ms) in enumerate(zip(parties, matches)):
                if i == own[0]:
                    keys.append(mine.key)
                    names.append(mine.name)
                    continue
                named = ms
                if len(named) > 1:
                    raise InputError(
                        f"vairākas organizācijas sauc {_plain_name(x)!r} / several registered organisations "
                        f"are called {_plain_name(x)!r}: " + ", ".join(sorted(o.key for o in named)),
                        hint="servera administrators var precizēt nosaukumus / "
                        "the server administrator can make the names distinct",
                    )
                if named and named[0].id != mine.id and named[0].key not in keys:
                    keys.append(named[0].key)
                    names.append(named[0].name)
                else:
                    waiting.append((_plain_name(x), str(x.get("key") or "")[:64]))
            slug = self._free_slug(s, [_slug_part(k) for k in keys] + [_slug_part(n) for n, _ in waiting])
        title = _title(instr)
        with self.reg.batch():
            self.reg.create_agreement(
                username,
                slug,
                title,
                keys,
                waiting_for=len(waiting),
                form=answers.get("form"),
                relied_on=relied_on_norms(answers),
                answers=answers,
                instrument=instr,
                docx=docx,
                note=note or "sagatavots intervijā / drafted in the interview",
            )
            with self.reg.tx() as s:
                a = s.scalar(select(Agreement).where(Agreement.slug == slug))
                for name, key in waiting:
                    s.add(
                        PartyInvitation(
                            agreement_id=a.id, name=name, party_key=key, invited_by_id=m.user_id, at=self.reg.now()
                        )
                    )
                    audit.append(s, a, username, self.reg.now(), "invite_party", payload={"name": name})
            self.reg.transition(
                username,
                slug,
                "negotiation",
                reason="sarunas sāktas no intervijas / negotiation started from the interview",
            )
        return {"slug": slug, "title": title, "parties": keys, "names": names, "waiting": [n for n, _ in waiting]}

    @staticmethod
    def _free_slug(s: Session, parts: list[str]) -> str:
        base = "-".join(x for x in parts if x)[:90] or "ligums"
        taken = set(s.scalars(select(Agreement.slug).where(Agreement.slug.like(base + "%"))))
        if base not in taken:
            return base
        n = 2
        while f"{base}-{n}" in taken:
            n += 1
        return f"{base}-{n}"

    def waiting_parties(self, p: Principal, slug: str) -> list[dict]:
        """Parties invited by name whose organisation has not joined yet (read access)."""
        with self.reg.tx() as s:
            a, _m = agreement_for(s, p, slug, "read")
            return waiting_party_list(s, a)

    def pending_party_invitations(self, p: Principal) -> list[dict]:
        """Every party invitation still waiting for its organisation (server administrators only)."""
        if not p.server_admin:
            return []
        with self.reg.tx() as s:
            rows = s.execute(
                select(PartyInvitation, Agreement.slug)
                .join(Agreement, Agreement.id == PartyInvitation.agreement_id)
                .where(PartyInvitation.joined_at.is_(None))
                .order_by(PartyInvitation.id)
            ).all()
            return [{"id": x.id, "name": x.name, "slug": slug, "at": x.at} for x, slug in rows]

    def attach_party(self, p: Principal, invitation_id, org_key: str) -> dict:
        """A server administrator names the registered organisation of a waiting party: it joins."""
        if not p.server_admin:
            raise AccessDenied("pusi pievieno servera administrators / only a server administrator attaches a party")
        with self.reg.tx() as s:
            x = s.get(PartyInvitation, invitation_id) if isinstance(invitation_id, int) else None
            if x is None or x.joined_at is not None:
                raise NotFound(f"uzaicinājums nav atrasts / no waiting party invitation {str(invitation_id)[:20]}")
            org = s.scalar(select(Organisation).where(Organisation.key == str(org_key or "").strip()))
            if org is None:
                raise NotFound(f"organizācija nav atrasta / no organisation {str(org_key)[:64]!r}")
            return self._join_party(s, x, org, p.email)

    def _join_party(self, s: Session, x: PartyInvitation, org: Organisation, actor: str) -> dict:
        a = s.get(Agreement, x.agreement_id)
        if org.id in {q.organisation_id for q in a.parties}:
            raise InputError(f"{org.key!r} jau ir puse / {org.key!r} is already a party to {a.slug!r}")
        s.add(AgreementParty(agreement_id=a.id, organisation_id=org.id, position=len(a.parties)))
        x.organisation_id, x.joined_at = org.id, self.reg.now()
        audit.append(s, a, actor, self.reg.now(), "party_joined", payload={"organisation": org.key, "name": x.name})
        a.updated_at = self.reg.now()
        return {"slug": a.slug, "organisation": org.key}

    def _join_waiting_by_name(self, s: Session, org: Organisation, actor: str) -> list[str]:
        """A newly registered organisation joins the agreements waiting for a party of its name."""
        joined = []
        for x in s.scalars(select(PartyInvitation).where(PartyInvitation.joined_at.is_(None))):
            if normal_name(x.name) == normal_name(org.name):
                joined.append(self._join_party(s, x, org, actor)["slug"])
        return joined

    # -- re-drafting in the interview ---------------------------------------------------------------
    def redraft_answers(self, p: Principal, slug: str) -> dict:
        """{slug, title, version, answers} of the latest version, for re-running the interview."""
        with self.reg.tx() as s:
            a, _m = agreement_for(s, p, slug, "propose")
            require_status(a, SUGGESTABLE, "sagatavot jaunu versiju / draft a new version")
            v = self.reg.latest_version(s, a)
            answers = json.loads(v.answers) if v is not None else {}
            if not answers.get("parties"):
                raise InputError(
                    "šī līguma versija nav sagatavota intervijā / this agreement's text was not drafted "
                    "in the interview",
                    hint="labojiet punktus telpā / edit its points in the room",
                )
            return {"slug": a.slug, "title": a.title, "version": v.number, "answers": answers}

    def propose_answers(self, p: Principal, slug: str, data: dict, *, expected_version: int) -> int:
        """The re-drafted answers as the next version (by the negotiator); returns its number."""
        from ..drafting_bridge import draft

        answers, instr, docx = draft(data, source="interview answers")
        with self.reg.tx() as s:
            a, m = agreement_for(s, p, slug, "propose")
            require_status(a, SUGGESTABLE, "iesniegt jaunu versiju / propose a new version")
            latest = self.reg.latest_version(s, a)
            if latest is None or latest.number != expected_version:
                raise ConflictError(
                    f"kamēr strādājāt, tika iesniegta versija {latest.number if latest else 0} / version "
                    f"{latest.number if latest else 0} was proposed while you re-drafted version "
                    f"{expected_version}; nothing was written",
                    hint="atveriet telpu un sāciet no jaunākās versijas / open the room and re-draft the latest version",
                )
            v = self.reg.add_version(
                s,
                a,
                m.user,
                answers,
                instr,
                docx,
                f"sagatavots intervijā no versijas {expected_version} / re-drafted in the interview "
                f"from version {expected_version}",
            )
            return v.number


def _title(instr) -> str:
    t = getattr(instr, "title", None) or "Līgums"
    return str(t)[:1000]


def relied_on_norms(answers: dict) -> list[dict]:
    """The norms the agreement's answers say it relies on (``legal_basis_norms``), as the
    registry records them ({instrument, provision}), so the legal-basis check reads them."""
    out = []
    for n in answers.get("legal_basis_norms") or []:
        if isinstance(n, dict) and n.get("instrument") and n.get("provision"):
            ref = {"instrument": str(n["instrument"]), "provision": str(n["provision"])}
            if ref not in out:
                out.append(ref)
    return out


def waiting_party_list(s: Session, a: Agreement) -> list[dict]:
    """Parties of agreement ``a`` invited by name whose organisation has not joined yet (one query)."""
    return [
        {"id": x.id, "name": x.name, "at": x.at}
        for x in s.scalars(
            select(PartyInvitation)
            .where(PartyInvitation.agreement_id == a.id, PartyInvitation.joined_at.is_(None))
            .order_by(PartyInvitation.id)
        )
    ]
