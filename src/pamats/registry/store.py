"""This file defines :class:`Registry`, the store API the CLI and the interviews use.

``Registry(url)`` opens (and migrates with Alembic) an SQLite file or a PostgreSQL database.
Every public method takes the acting ``user`` (username) and is one transaction; an
organisation sees and acts only on agreements it is party to (:class:`AccessDenied`).
Concurrent edits of one agreement are caught by optimistic locking (``row_version``) and
reported as :class:`ConflictError`; nothing is half-written. Results are plain dicts.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, func, or_, select
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, defer, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from ..errors import AccessDenied, ConflictError, InputError
from . import audit as _audit
from . import orglog as _orglog
from .certificates import CertificatesMixin
from .errors import NotFound, TamperError
from .evidence.facts import agreement_facts, version_facts
from .hashing import canonical, content_hash
from .migrate import upgrade
from .models import Agreement, AgreementParty, Organisation, User, Version
from .names import check_key, check_text, check_version_number
from .signing import SigningMixin
from .workflow import WorkflowMixin

__all__ = ["Registry", "default_url", "UTC"]

UTC = dt.UTC


def default_url() -> str:
    env = os.environ.get("PAMATS_REGISTRY")
    if env:
        return env if "://" in env else f"sqlite:///{Path(env).expanduser().resolve()}"
    p = Path("~/.local/share/pamats/registry.sqlite").expanduser()
    return f"sqlite:///{p}"


def _files_root(url: str) -> Path:
    env = os.environ.get("PAMATS_FILES")
    if env:
        return Path(env).expanduser()
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        return Path(url[len("sqlite:///") :]).parent / "files"
    return Path("~/.local/share/pamats/files").expanduser()


class Registry(WorkflowMixin, SigningMixin, CertificatesMixin):
    """The agreement registry. ``Registry()`` uses the default SQLite file."""

    def __init__(
        self,
        url: str | None = None,
        *,
        files_dir: str | Path | None = None,
        clock=None,
        migrate: bool = True,
        trust_roots: str | Path | None = None,
        checkpoint_key: str | Path | None = None,
        pdf_maker=None,
        files_in_db: bool = False,
        crls: str | Path | None = None,
        fetch_revocation: bool | None = None,
        tsa_url: str | None = None,
    ):
        self.url = url or default_url()
        kw: dict[str, Any] = {}
        if self.url.startswith("sqlite"):
            path = self.url[len("sqlite:///") :]
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            kw["connect_args"] = {"timeout": 15}
        try:
            self.engine = create_engine(self.url, future=True, **kw)
        except Exception as e:  # bad URL, unknown driver
            raise InputError(
                f"cannot open registry {self.url!r}: {e}",
                hint="use sqlite:///PATH or postgresql+psycopg2://user@host/db",
            ) from None
        if self.url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        # version files are evidence: kept in the database on every backend (files_db.py); files_dir /
        # PAMATS_FILES is only where a registry from before kept them (moved in below, once).
        # files_in_db is accepted for callers from before (it is always so now).
        from .files_db import DbFileStore

        self.files = DbFileStore(self.engine, Path(files_dir) if files_dir else _files_root(self.url))
        self._Session = sessionmaker(self.engine, expire_on_commit=False)
        self._outer: contextvars.ContextVar = contextvars.ContextVar(f"pamats-registry-{id(self)}", default=None)
        self._clock = clock or (lambda: dt.datetime.now(UTC))
        self.trust_roots_path = trust_roots  # else PAMATS_TRUST_ROOTS
        self.checkpoint_key_path = checkpoint_key  # else PAMATS_CHECKPOINT_KEY
        self.crls_path = crls  # else PAMATS_CRLS (certificates.py)
        self.fetch_revocation = fetch_revocation  # else PAMATS_REVOCATION_FETCH=1
        self.tsa_url = tsa_url  # else PAMATS_TSA_URL
        if pdf_maker is None:
            from .evidence.pdf import make_agreed_pdf as pdf_maker
        self.pdf_maker = pdf_maker  # (docx, slug, version, content_hash) -> PDF bytes
        if migrate:
            try:
                upgrade(self.engine)
            except OperationalError as e:
                raise InputError(f"cannot open registry {self.url!r}: {e.orig}") from None
            self.files.adopt_legacy()

    def close(self) -> None:
        self.engine.dispose()

    def now(self) -> dt.datetime:
        return self._clock()

    # -- transactions -------------------------------------------------------------------
    @contextmanager
    def batch(self) -> Iterator[None]:
        """Run several registry calls as ONE transaction (import): all are written, or none."""
        if self._outer.get() is not None:
            yield
            return
        with self.tx() as s:
            token = self._outer.set(s)
            try:
                yield
            finally:
                self._outer.reset(token)

    @contextmanager
    def tx(self) -> Iterator[Session]:
        outer = self._outer.get()
        if outer is not None:  # inside batch(): the same session and transaction
            yield outer
            return
        s = self._Session()
        try:
            with s.begin():
                yield s
        except StaleDataError:
            raise ConflictError(
                "the agreement was changed by someone else meanwhile; nothing was written",
                hint="reload it (pamats agreements show) and try again",
            ) from None
        except IntegrityError as e:
            raise ConflictError(
                f"conflicting write, nothing was written ({_short(e)})", hint="reload and try again"
            ) from None
        except DataError as e:
            raise InputError(
                f"a value does not fit the registry's columns ({_short(e)}); nothing was written",
                hint="shorten the text (names up to 400 characters, keys up to 64)",
            ) from None
        except OperationalError as e:
            if "lock" in str(e.orig).lower() or "could not serialize" in str(e.orig).lower():
                raise ConflictError(
                    "the registry is busy with another writer on this agreement; nothing was written", hint="try again"
                ) from None
            raise
        finally:
            s.close()

    # -- organisations and users (administration; no party check) ------------------------
    def add_organisation(self, key: str, name: str) -> dict:
        check_key(key, "organisation key")
        check_text(name, "organisation name", 400)
        with self.tx() as s:
            if s.scalar(select(Organisation).where(Organisation.key == key)):
                raise InputError(f"organisation {key!r} already exists")
            o = Organisation(key=key, name=name)
            s.add(o)
            s.flush()
            _orglog.append(s, o, _orglog.CLI_ACTOR, self.now(), "org_create", _orglog.organisation_facts(o))
        return {"key": key, "name": name}

    def add_user(self, username: str, name: str, organisation: str) -> dict:
        check_key(username, "username")
        check_text(name, "user's name", 400)
        with self.tx() as s:
            org = self._org(s, organisation)
            if s.scalar(select(User).where(User.username == username)):
                raise InputError(f"user {username!r} already exists")
            u = User(username=username, name=name, organisation_id=org.id)
            s.add(u)
            s.flush()
            _orglog.append(s, org, _orglog.CLI_ACTOR, self.now(), "user_add", {"row": _orglog.user_facts(u, org.key)})
        return {"username": username, "name": name, "organisation": organisation}

    def organisations(self) -> list[dict]:
        with self.tx() as s:
            return [{"key": o.key, "name": o.name} for o in s.scalars(select(Organisation).order_by(Organisation.key))]

    def users(self) -> list[dict]:
        with self.tx() as s:
            return [
                {"username": u.username, "name": u.name, "organisation": u.organisation.key}
                for u in s.scalars(select(User).order_by(User.username))
            ]

    # -- helpers --------------------------------------------------------------------------
    def _org(self, s: Session, key: str) -> Organisation:
        o = s.scalar(select(Organisation).where(Organisation.key == key))
        if o is None:
            raise NotFound(f"no organisation {key!r}", hint="create it: pamats agreements orgs KEY NAME")
        return o

    def _user(self, s: Session, username: str) -> User:
        if not username:
            raise InputError("no acting user", hint="pass --as USER or set PAMATS_USER")
        u = s.scalar(select(User).where(User.username == username))
        if u is None:
            raise NotFound(f"no user {username!r}", hint="create it: pamats agreements users USERNAME NAME ORG")
        return u

    def _agreement(self, s: Session, user: User, slug: str, *, lock: bool = False) -> Agreement:
        q = select(Agreement).where(Agreement.slug == slug)
        a = s.scalar(q)
        if a is None:
            raise NotFound(f"no agreement {slug!r}")
        if user.organisation_id not in {p.organisation_id for p in a.parties}:
            raise AccessDenied(f"{user.username} ({user.organisation.key}) is not party to agreement {slug!r}")
        return a

    @staticmethod
    def _expect(a: Agreement, expected_row: int | None) -> None:
        if expected_row is not None and a.row_version != expected_row:
            raise ConflictError(
                f"agreement {a.slug!r} changed since you read it (row version {expected_row}, "
                f"now {a.row_version}); nothing was written",
                hint="reload it and try again",
            )

    def _touch(self, a: Agreement) -> None:
        a.updated_at = self.now()

    def _latest(self, s: Session, a: Agreement) -> Version | None:
        return s.scalar(select(Version).where(Version.agreement_id == a.id).order_by(Version.number.desc()).limit(1))

    def _broken(self, s: Session, a: Agreement, v: Version, proposed: dict) -> str | None:
        """Why a version can no longer be trusted (None when it holds)."""
        try:
            self.check_version(s, a, v, proposed)
        except TamperError as e:
            return e.message
        return None

    # public names for code that works inside a transaction of its own (pamats.registry.workspace)
    def latest_version(self, s: Session, a: Agreement) -> Version | None:
        return self._latest(s, a)

    def add_version(
        self, s: Session, a: Agreement, user: User, answers: Any, instrument: Any, docx: bytes | None, note: str | None
    ) -> Version:
        """Append a version inside the caller's transaction (file first, then the row; audited)."""
        v = self._add_version(s, a, user, answers, instrument, docx, note)
        self._touch(a)
        return v

    def verify_version(self, v: Version, session: Session | None = None) -> None:
        """Refuse a version whose stored content no longer matches its hash (or whose DOCX changed)."""
        if content_hash(v.answers, v.instrument, v.docx_sha256) != v.content_hash:
            raise TamperError(
                f"version {v.number} of this agreement was changed after it was stored (content hash mismatch); refused"
            )
        if v.docx_sha256 and not self.files.ok(v.docx_sha256, session=session):
            raise TamperError(
                f"the DOCX of version {v.number} is missing or changed ({self.files.path(v.docx_sha256)}); refused"
            )

    def _add_version(
        self, s: Session, a: Agreement, user: User, answers: Any, instrument: Any, docx: bytes | None, note: str | None
    ) -> Version:
        last = self._latest(s, a)
        number = (last.number + 1) if last else 1
        aj = canonical(answers if answers is not None else {})
        ij = canonical(_instrument_data(instrument))
        sha = self.files.put(docx, session=s) if docx is not None else None  # the blob and the row: one transaction
        v = Version(
            agreement_id=a.id,
            number=number,
            answers=aj,
            instrument=ij,
            docx_sha256=sha,
            proposed_by_id=user.id,
            proposed_at=self.now(),
            note=note,
            content_hash=content_hash(aj, ij, sha),
        )
        s.add(v)
        s.flush()
        _audit.append(s, a, user.username, self.now(), "propose", payload={"row": version_facts(v, user.username)})
        return v

    # -- agreements ------------------------------------------------------------------------
    def create_agreement(
        self,
        user: str,
        slug: str,
        title: str,
        parties: list,
        *,
        kind: str = "agreement",
        form: str | None = None,
        relied_on: list | None = None,
        term_start: dt.date | None = None,
        term_end: dt.date | None = None,
        renewal_date: dt.date | None = None,
        notice_date: dt.date | None = None,
        answers: Any = None,
        instrument: Any = None,
        docx: bytes | None = None,
        note: str | None = None,
        waiting_for: int = 0,
    ) -> dict:
        """``waiting_for``: parties invited by name whose organisation is not registered yet
        (the workspace keeps them as party invitations); they count towards the two parties."""
        check_key(slug, "agreement slug", 100)
        check_key(kind, "kind", 40)
        if form is not None:
            check_key(form, "form", 40)
        check_text(title, "title", 1000)
        for p in parties:
            if isinstance(p, dict):
                for k in ("representative", "representative_position"):
                    if p.get(k) is not None:
                        check_text(p[k], k.replace("_", " "), 400)
        with self.tx() as s:
            u = self._user(s, user)
            if s.scalar(select(Agreement.id).where(Agreement.slug == slug)):
                raise InputError(f"agreement {slug!r} already exists", hint="choose another slug")
            if len(parties) + max(0, waiting_for) < 2 or not parties:
                raise InputError("an agreement needs at least two parties")
            plist = [p if isinstance(p, dict) else {"organisation": p} for p in parties]
            orgs = [self._org(s, p["organisation"]) for p in plist]
            if len({o.id for o in orgs}) != len(orgs):
                raise InputError("the same organisation is listed twice as a party")
            if u.organisation_id not in {o.id for o in orgs}:
                raise AccessDenied(
                    f"{u.username} ({u.organisation.key}) may only create agreements its organisation is party to"
                )
            if term_start and term_end and term_end < term_start:
                raise InputError(f"term end {term_end} is before term start {term_start}")
            now = self.now()
            a = Agreement(
                slug=slug,
                kind=kind,
                form=form,
                title=title,
                status="draft",
                relied_on=canonical(relied_on or []),
                term_start=term_start,
                term_end=term_end,
                renewal_date=renewal_date,
                notice_date=notice_date,
                created_at=now,
                updated_at=now,
            )
            a.parties = [
                AgreementParty(
                    organisation_id=o.id,
                    position=i,
                    representative=p.get("representative"),
                    representative_position=p.get("representative_position"),
                )
                for i, (o, p) in enumerate(zip(orgs, plist))
            ]
            s.add(a)
            s.flush()
            _audit.append(s, a, u.username, now, "create", to_status="draft", payload={"row": agreement_facts(a)})
            if answers is not None or instrument is not None:
                self._add_version(s, a, u, answers, instrument, docx, note)
        return self.show(user, slug)

    def list_agreements(
        self, user: str, *, search: str | None = None, status: str | None = None, limit: int | None = None
    ) -> list[dict]:
        """Agreements the user's organisation is party to (plain column queries: fast on 10,000 rows)."""
        with self.tx() as s:
            u = self._user(s, user)
            mine = select(AgreementParty.agreement_id).where(AgreementParty.organisation_id == u.organisation_id)
            q = select(Agreement.id, Agreement.slug, Agreement.title, Agreement.status, Agreement.term_end).where(
                Agreement.id.in_(mine)
            )
            if status:
                q = q.where(Agreement.status == status)
            if search:
                like = f"%{search.lower()}%"
                q = q.where(or_(func.lower(Agreement.title).like(like), func.lower(Agreement.slug).like(like)))
            q = q.order_by(Agreement.slug)
            if limit:
                q = q.limit(limit)
            rows = s.execute(q).all()
            if not rows:
                return []
            ids = [r.id for r in rows]
            counts = dict(
                s.execute(
                    select(Version.agreement_id, func.max(Version.number))
                    .where(Version.agreement_id.in_(ids))
                    .group_by(Version.agreement_id)
                ).all()
            )
            keys: dict[int, list[str]] = {}
            for aid, key in s.execute(
                select(AgreementParty.agreement_id, Organisation.key)
                .join(Organisation, Organisation.id == AgreementParty.organisation_id)
                .where(AgreementParty.agreement_id.in_(ids))
                .order_by(AgreementParty.agreement_id, AgreementParty.position)
            ):
                keys.setdefault(aid, []).append(key)
            return [
                {
                    "slug": r.slug,
                    "title": r.title,
                    "status": r.status,
                    "parties_keys": keys.get(r.id, []),
                    "versions_count": counts.get(r.id, 0),
                    "term_end": r.term_end,
                }
                for r in rows
            ]

    def latest_answers(self, user: str, statuses: tuple[str, ...]) -> list[dict]:
        """The user's organisation's agreements in ``statuses``, by slug: ``{slug, status,
        relied_on, answers}`` with the answers of the latest version (``{}`` when none)."""
        with self.tx() as s:
            u = self._user(s, user)
            mine = select(AgreementParty.agreement_id).where(AgreementParty.organisation_id == u.organisation_id)
            q = select(Agreement).where(Agreement.id.in_(mine), Agreement.status.in_(statuses)).order_by(Agreement.slug)
            out = []
            for a in s.scalars(q):
                v = self._latest(s, a)
                out.append(
                    {
                        "slug": a.slug,
                        "status": a.status,
                        "relied_on": json.loads(a.relied_on),
                        "answers": json.loads(v.answers) if v else {},
                    }
                )
            return out

    def show(self, user: str, slug: str) -> dict:
        with self.tx() as s:
            u = self._user(s, user)
            a = self._agreement(s, u, slug)
            return self.describe(s, a)

    def describe(self, s: Session, a: Agreement, *, check: bool = True) -> dict:
        """What :meth:`show` tells of agreement ``a``, inside the caller's transaction.

        ``check``: each version's ``broken`` (its content hash, its DOCX's bytes and its agreed PDF
        re-checked: every version's files read, two queries per version). Without it (``check=False``,
        no ``broken`` key) a fixed number of queries, whatever the number of versions, comments and
        signatures: the workspace room, where a download re-checks the version it gives and
        ``verify`` checks them all."""
        from .models import AuditEntry, Comment, Obligation, Signature

        versions_q = select(Version).where(Version.agreement_id == a.id).order_by(Version.number)
        if not check:  # the JSON of every version is only needed to re-check its hash
            versions_q = versions_q.options(defer(Version.answers), defer(Version.instrument))
        versions = list(s.scalars(versions_q))
        sigs = s.execute(
            select(Organisation.key, Version.number, Signature.signer, Signature.at, Signature.content_hash)
            .join(Organisation, Organisation.id == Signature.organisation_id)
            .join(Version, Version.id == Signature.version_id)
            .where(Signature.agreement_id == a.id)
            .order_by(Signature.id)
        ).all()
        comments = list(s.scalars(select(Comment).where(Comment.agreement_id == a.id).order_by(Comment.id)))
        obls = list(s.scalars(select(Obligation).where(Obligation.agreement_id == a.id).order_by(Obligation.due)))
        n_audit = s.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.agreement_id == a.id))
        proposed = self.proposed_hashes(s, a) if check else {}
        d = _summary(a, versions[-1].number if versions else 0)
        d.update(
            {
                "relied_on": json.loads(a.relied_on),
                "row_version": a.row_version,
                "parties": [
                    {
                        "organisation": p.organisation.key,
                        "name": p.organisation.name,
                        "representative": p.representative,
                        "representative_position": p.representative_position,
                    }
                    for p in a.parties
                ],
                "term_start": a.term_start,
                "term_end": a.term_end,
                "renewal_date": a.renewal_date,
                "notice_date": a.notice_date,
                "form": a.form,
                "kind": a.kind,
                "versions": [
                    {
                        "number": v.number,
                        "proposed_by": v.proposed_by.username,
                        "at": v.proposed_at,
                        "content_hash": v.content_hash,
                        "docx_sha256": v.docx_sha256,
                        "note": v.note,
                        **({"broken": self._broken(s, a, v, proposed)} if check else {}),
                    }
                    for v in versions
                ],
                "signatures": [
                    {"organisation": key, "version": number, "signer": signer, "at": at, "content_hash": ch}
                    for key, number, signer, at, ch in sigs
                ],
                "comments": [
                    {
                        "id": c.id,
                        "version": c.version_number,
                        "node": c.node_id,
                        "organisation": c.organisation.key,
                        "text": c.text,
                        "resolved": c.resolved,
                    }
                    for c in comments
                ],
                "obligations": [
                    {
                        "id": o.id,
                        "organisation": o.organisation.key,
                        "description": o.description,
                        "due": o.due,
                        "done": o.done,
                    }
                    for o in obls
                ],
                "audit_entries": n_audit,
            }
        )
        return d

    def propose(
        self,
        user: str,
        slug: str,
        answers: Any,
        *,
        instrument: Any = None,
        docx: bytes | None = None,
        note: str | None = None,
        expected_row: int | None = None,
    ) -> int:
        """Append a new version (draft or negotiation only); returns its number."""
        from .errors import TransitionRefused
        from .lifecycle import EDITABLE

        with self.tx() as s:
            u = self._user(s, user)
            a = self._agreement(s, u, slug)
            self._expect(a, expected_row)
            if a.status not in EDITABLE:
                raise TransitionRefused(
                    f"agreement {slug!r} is {a.status}: new versions only in draft or negotiation",
                    hint="reopen it: pamats agreements transition SLUG negotiation",
                )
            v = self._add_version(s, a, u, answers, instrument, docx, note)
            self._touch(a)
            return v.number

    def version(self, user: str, slug: str, number: int | None = None, *, verify: bool = True) -> dict:
        with self.tx() as s:
            u = self._user(s, user)
            a = self._agreement(s, u, slug)
            check_version_number(number)
            q = select(Version).where(Version.agreement_id == a.id)
            v = s.scalar(
                q.where(Version.number == number) if number is not None else q.order_by(Version.number.desc()).limit(1)
            )
            if v is None:
                raise NotFound(f"agreement {slug!r} has no version {number if number is not None else '(none yet)'}")
            if verify:
                self.check_version(s, a, v)
            return {
                "number": v.number,
                "answers": json.loads(v.answers),
                "instrument": json.loads(v.instrument),
                "docx_sha256": v.docx_sha256,
                "content_hash": v.content_hash,
                "proposed_by": v.proposed_by.username,
                "at": v.proposed_at,
                "note": v.note,
            }

    def docx(self, user: str, slug: str, number: int | None = None) -> bytes:
        v = self.version(user, slug, number)
        if not v["docx_sha256"]:
            raise NotFound(f"version {v['number']} of {slug!r} has no DOCX")
        return self.files.get(v["docx_sha256"])


def _summary(a: Agreement, last_version: int) -> dict:
    return {
        "slug": a.slug,
        "title": a.title,
        "status": a.status,
        "parties_keys": [p.organisation.key for p in a.parties],
        "versions_count": last_version,
        "term_end": a.term_end,
    }


def _instrument_data(instrument: Any) -> Any:
    if instrument is None:
        return None
    if hasattr(instrument, "model_dump"):
        return instrument.model_dump(mode="json")
    return instrument


def _short(e: Exception) -> str:
    return str(getattr(e, "orig", e)).splitlines()[0][:200]


def _sqlite_pragmas(dbapi_conn, _rec) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()
