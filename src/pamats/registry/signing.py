"""This file defines signing and verification (mixed into :class:`pamats.registry.store.Registry`).

* ``agreed_pdf``: the agreed version's PDF/A (made once by LibreOffice, stored as bytes with an
  ``agreed_pdf`` audit entry binding its SHA-256 to the version's content hash).
* ``sign``: a party signs the current PDF (agreed PDF + earlier parties' signatures) with a
  PAdES signature from a PKCS#12 file, or uploads that PDF signed elsewhere. The PDF is
  checked (``evidence/pades.py``) before anything is written; the signature row, the signed PDF
  and the certificate facts are written with an audit entry and a signed checkpoint in one
  transaction. The last party's valid signature makes the agreement ``signed``.
* ``verify``: re-checks every stored signature against the stored PDFs and the version's text,
  the audit chain, the tables against the audit payloads, and the chain heads against the last
  checkpoint (and an exported checkpoint file). Returns every problem found.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from sqlalchemy import func, select

from ..errors import ConflictError, InputError
from . import audit as _audit
from .errors import NotFound, TamperError, TransitionRefused
from .evidence import checkpoint as _cp
from .evidence.crosscheck import crosscheck
from .evidence.facts import agreed_pdf_facts, signature_facts
from .evidence.models import AgreedPdf, Checkpoint, SignedPdf
from .evidence.orgcheck import org_heads, org_problems
from .evidence.pades import PROBLEMS_LV, check_signatures, load_pkcs12, sign_pdf
from .evidence.pdf import read_binding
from .hashing import content_hash, sha256_bytes
from .lifecycle import SIGNABLE
from .models import Agreement, AuditEntry, Organisation, Signature, Version
from .models_workspace import OrgAuditEntry
from .names import check_text, check_version_number

__all__ = ["SigningMixin", "TRUST_ENV"]

TRUST_ENV = "PAMATS_TRUST_ROOTS"


class SigningMixin:
    # -- configuration ------------------------------------------------------------------------
    def trust_roots(self) -> list:
        """The deployment's trust roots (PEM/DER file(s): Registry(trust_roots=…) or PAMATS_TRUST_ROOTS)."""
        from pyhanko.keys import load_certs_from_pemder

        src = self.trust_roots_path or os.environ.get(TRUST_ENV)
        if not src:
            raise InputError(
                "no trust roots are configured, so no signature can be verified",
                hint=f"set {TRUST_ENV} to a PEM file with the root certificate(s) this deployment trusts "
                f"(several files: separate them with '{os.pathsep}')",
            )
        files = [Path(p).expanduser() for p in str(src).split(os.pathsep) if p]
        for f in files:
            if not f.is_file():
                raise InputError(f"{f}: trust root file not found", hint=f"check {TRUST_ENV}")
        try:
            return list(load_certs_from_pemder([str(f) for f in files]))
        except Exception as e:  # noqa: BLE001 - not a certificate file
            raise InputError(f"{src}: cannot read the trust root certificates ({type(e).__name__})") from None

    # -- the agreed PDF ------------------------------------------------------------------------
    def _signable(self, s, user: str, slug: str):
        u = self._user(s, user)
        a = self._agreement(s, u, slug)
        if a.status not in SIGNABLE:
            nxt = {
                "draft": f"pamats agreements transition {slug} negotiation, then: transition {slug} agreed",
                "negotiation": f"pamats agreements transition {slug} agreed",
            }.get(a.status)
            raise TransitionRefused(
                f"agreement {slug!r} is {a.status}; parties sign only an agreed text",
                hint=nxt or f"an agreement that is {a.status} is not signed any more",
            )
        v = self._latest(s, a)
        self.check_version(s, a, v)
        return u, a, v

    def agreed_pdf(self, user: str, slug: str) -> dict:
        """The agreed PDF of the latest version (made and recorded on first use)."""
        with self.tx() as s:
            u, a, v = self._signable(s, user, slug)
            ap = s.scalar(select(AgreedPdf).where(AgreedPdf.version_id == v.id))
            if ap is not None:
                return {"version": v.number, "pdf": ap.pdf, "pdf_sha256": ap.pdf_sha256}
            if not v.docx_sha256:
                raise InputError(
                    f"version {v.number} of {slug!r} has no DOCX, so no PDF can be made to sign",
                    hint="propose a version drafted with pamats (it makes the DOCX)",
                )
            docx, number, chash, vid = self.files.get(v.docx_sha256, session=s), v.number, v.content_hash, v.id
        pdf = self.pdf_maker(docx, slug, number, chash)  # LibreOffice, outside any transaction
        with self.tx() as s:
            u, a, v = self._signable(s, user, slug)
            if v.id != vid:
                raise ConflictError(
                    f"agreement {slug!r} changed while its PDF was made; nothing was written", hint="try again"
                )
            ap = s.scalar(select(AgreedPdf).where(AgreedPdf.version_id == v.id))
            if ap is None:
                ap = AgreedPdf(
                    agreement_id=a.id,
                    version_id=v.id,
                    pdf=pdf,
                    pdf_sha256=sha256_bytes(pdf),
                    content_hash=v.content_hash,
                    made_at=self.now(),
                )
                s.add(ap)
                s.flush()
                _audit.append(
                    s, a, u.username, self.now(), "agreed_pdf", payload={"row": agreed_pdf_facts(v.number, ap)}
                )
                self._touch(a)
            return {"version": v.number, "pdf": ap.pdf, "pdf_sha256": ap.pdf_sha256}

    def _current_pdf(self, s, v: Version) -> tuple[bytes, int | None]:
        """The PDF the next party signs: the last signed PDF of this version, else the agreed PDF."""
        last = s.execute(
            select(SignedPdf.pdf, SignedPdf.id)
            .join(Signature, Signature.id == SignedPdf.signature_id)
            .where(Signature.version_id == v.id)
            .order_by(SignedPdf.id.desc())
            .limit(1)
        ).first()
        if last:
            return last[0], last[1]
        return s.scalar(select(AgreedPdf.pdf).where(AgreedPdf.version_id == v.id)), None

    def pdf_to_sign(self, user: str, slug: str) -> bytes:
        self.agreed_pdf(user, slug)
        with self.tx() as s:
            _u, _a, v = self._signable(s, user, slug)
            return self._current_pdf(s, v)[0]

    def signed_pdf(self, user: str, slug: str, number: int | None = None) -> bytes:
        """The PDF with every signature given on a version (default: the latest signed one) - what parties file."""
        with self.tx() as s:
            u = self._user(s, user)
            a = self._agreement(s, u, slug)
            q = select(Version).join(Signature, Signature.version_id == Version.id).where(Version.agreement_id == a.id)
            check_version_number(number)
            v = s.scalar(
                q.where(Version.number == number) if number is not None else q.order_by(Version.number.desc()).limit(1)
            )
            if v is None:
                raise NotFound(
                    f"agreement {slug!r} has no signed version{' ' + str(number) if number else ''}",
                    hint=f"the PDF to sign: pamats agreements export {slug} --format pdf",
                )
            self.check_version(s, a, v)
            return self._current_pdf(s, v)[0]

    # -- signing ---------------------------------------------------------------------------------
    def sign(
        self,
        user: str,
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
        """The user's organisation signs the agreed PDF of the latest version (PAdES).

        The key: ``pkcs12`` (+ ``passphrase``), or ``pkcs11`` = {lib, token, key, pin} (a token), or
        ``signed_pdf``: the PDF to sign, signed elsewhere."""
        with self.tx() as s:
            u, a, v = self._signable(s, user, slug)
            if version is not None and version != v.number:
                raise TransitionRefused(f"only the latest version ({v.number}) can be signed, not {version}")
            if s.scalar(
                select(Signature).where(Signature.version_id == v.id, Signature.organisation_id == u.organisation_id)
            ):
                raise InputError(
                    f"{u.organisation.key} jau ir parakstījusi {slug!r} versiju {v.number} / "
                    f"{u.organisation.key} has already signed version {v.number} of {slug!r}"
                )
            org_key = u.organisation.key
        if sum(x is not None for x in (pkcs12, signed_pdf, pkcs11)) != 1:
            raise InputError(
                "signing needs one of: a certificate and key (a PKCS#12 file), a PKCS#11 token, "
                "or the PDF signed elsewhere",
                hint="pamats agreements sign SLUG --pkcs12 FILE.p12 | --pkcs11-lib LIB --pkcs11-token "
                "LABEL --pkcs11-key LABEL | --signed-pdf FILE.pdf "
                "(the PDF from: pamats agreements export SLUG --format pdf)",
            )
        key = _cp.load_key(self.checkpoint_key_path)
        roots = self.trust_roots()
        rev = self.revocation()
        base = self.pdf_to_sign(user, slug)
        if pkcs12 is not None:
            new_pdf = sign_pdf(
                base,
                load_pkcs12(pkcs12, passphrase),
                f"{org_key}-v{v.number}",
                reason=f"{slug} version {v.number}",
                timestamper=self.timestamper(),
            )
        elif pkcs11 is not None:
            from .evidence.pkcs11 import sign_pdf_pkcs11

            new_pdf = sign_pdf_pkcs11(
                base,
                **pkcs11,
                field_name=f"{org_key}-v{v.number}",
                reason=f"{slug} version {v.number}",
                timestamper=self.timestamper(),
            )
        else:
            new_pdf = signed_pdf
        now = self.now()
        with self.tx() as s:
            u, a, v2 = self._signable(s, user, slug)
            self._expect(a, expected_row)
            current, _ = self._current_pdf(s, v2)
            if v2.id != v.id or current != base:
                raise ConflictError(
                    f"someone else signed {slug!r} meanwhile; nothing was written",
                    hint="sign again: your signature goes after theirs",
                )
            if signer is not None:
                check_text(signer, "signer", 400)
            if new_pdf == base:
                raise InputError(
                    "augšupielādētais PDF ir pats parakstāmais PDF: tajā nav jauna paraksta / "
                    "the uploaded PDF is the PDF to sign itself: it carries no new signature",
                    hint="vispirms parakstiet to (piemēram, ar eParakstu), tad augšupielādējiet parakstīto failu / "
                    "sign it first (e.g. with your eID tool), then upload the signed file",
                )
            if new_pdf[: len(base)] != base or len(new_pdf) <= len(base):
                raise InputError(
                    f"parakstītais PDF nav šī līguma ({slug!r} versija {v2.number}) parakstāmais PDF ar jūsu "
                    "parakstu (tas nesākas ar parakstāmo PDF baitu pa baitam) / "
                    "the signed PDF is not the agreed PDF with your signature added "
                    "(it does not begin with the PDF to sign, byte for byte)",
                    hint="parakstiet tieši lejupielādēto parakstāmo PDF / "
                    f"sign the file from: pamats agreements export {slug} --format pdf (or the room's download)",
                )
            agreed = s.scalar(select(AgreedPdf.pdf).where(AgreedPdf.version_id == v2.id))
            checks = check_signatures(new_pdf, agreed, roots, at=now, revocation=rev)
            bad = [c for c in checks if not c.ok]
            if bad:
                raise InputError(
                    "parakstītais PDF nav pieņemts: "
                    + "; ".join(
                        f"paraksts {c.field!r} ({c.subject}): {', '.join(PROBLEMS_LV[k] for k in c.codes)}" for c in bad
                    )
                    + " / the signed PDF is refused: "
                    + "; ".join(f"signature {c.field!r} ({c.subject}): {', '.join(c.problems)}" for c in bad)
                )
            new = [c for c in checks if c.revision_end > len(base)]
            if not new:
                raise InputError("augšupielādētajā PDF nav jauna paraksta / the uploaded PDF carries no new signature")
            mine = max(new, key=lambda c: c.revision_end)
            why = self.tie_problem(s, u.organisation, mine)
            if why:
                raise InputError(
                    f"parakstītais PDF nav pieņemts: parakstītāja sertifikāts ({mine.subject}) nav piesaistīts "
                    f"organizācijai {u.organisation.key!r} (to dara organizācijas administrators lapā "
                    f"„Organizācija” vai ar pamats agreements org-cert) / the signed PDF is refused: {why}"
                )
            g = Signature(
                agreement_id=a.id,
                version_id=v2.id,
                organisation_id=u.organisation_id,
                user_id=u.id,
                signer=signer or mine.subject,
                at=now,
                content_hash=v2.content_hash,
            )
            s.add(g)
            s.flush()
            sp = SignedPdf(
                signature_id=g.id,
                pdf=new_pdf,
                pdf_sha256=sha256_bytes(new_pdf),
                field_name=mine.field,
                cert_subject=mine.subject,
                cert_serial=mine.serial,
                cert_issuer=mine.issuer,
                signing_time=mine.signing_time,
            )
            s.add(sp)
            s.flush()
            _audit.append(s, a, u.username, now, "sign", payload={"row": signature_facts(v2.number, org_key, g, sp)})
            self._touch(a)
            out = {
                "slug": slug,
                "version": v2.number,
                "organisation": org_key,
                "status": a.status,
                "subject": mine.subject,
                "serial": mine.serial,
                "issuer": mine.issuer,
                "signing_time": mine.signing_time,
                "timestamp": mine.timestamp,
                "valid_at": mine.valid_at,
            }
            signed_orgs = set(s.scalars(select(Signature.organisation_id).where(Signature.version_id == v2.id)))
            if signed_orgs >= {p.organisation_id for p in a.parties}:
                a.status = "signed"
                _audit.append(
                    s,
                    a,
                    u.username,
                    now,
                    "transition",
                    from_status="agreed",
                    to_status="signed",
                    reason="all parties signed version %d" % v2.number,
                )
                out["status"] = "signed"
            s.flush()
            self._write_checkpoint(s, key, now)
            return out

    # -- checks used by the lifecycle and by version/export/diff -----------------------------------
    def proposed_hashes(self, s, a: Agreement) -> dict[int, str]:
        """Version number -> the content hash its ``propose`` audit entry recorded."""
        out = {}
        for p in s.scalars(
            select(AuditEntry.payload).where(AuditEntry.agreement_id == a.id, AuditEntry.action == "propose")
        ):
            row = json.loads(p or "{}").get("row") or {}
            out[row.get("version")] = row.get("content_hash")
        return out

    def check_version(self, s, a: Agreement, v: Version, proposed: dict | None = None) -> None:
        """Refuse a version whose content, hash or agreed PDF no longer agree with each other."""
        self.verify_version(v, s)
        logged = (proposed if proposed is not None else self.proposed_hashes(s, a)).get(v.number)
        if logged != v.content_hash:
            raise TamperError(
                f"version {v.number} of {a.slug!r}: its content hash is not the one recorded when it "
                f"was proposed (the text was changed and the hash recomputed); refused"
            )
        ap = s.scalar(select(AgreedPdf).where(AgreedPdf.version_id == v.id))
        if ap is not None:
            b = read_binding(ap.pdf)
            if (
                sha256_bytes(ap.pdf) != ap.pdf_sha256
                or not b
                or b["content_hash"] != v.content_hash
                or b["slug"] != a.slug
                or b["version"] != v.number
            ):
                raise TamperError(f"version {v.number} of {a.slug!r} is not the text of its agreed PDF; refused")

    def signature_problems(self, s, a: Agreement, roots: list | None, revocation=None) -> tuple[list[dict], list[str]]:
        """Re-check every stored signature of the agreement: (per-signature reports, problems)."""
        reports, problems = [], []
        if roots is not None and revocation is None:
            revocation = self.revocation()
        # the longest stored PDF of each version holds every signature given on it: validate it once
        longest: dict[int, bytes] = {}
        for vid, pdf in s.execute(
            select(Signature.version_id, SignedPdf.pdf)
            .join(SignedPdf, SignedPdf.signature_id == Signature.id)
            .where(Signature.agreement_id == a.id)
        ):
            if len(pdf) > len(longest.get(vid, b"")):
                longest[vid] = pdf
        validated: dict[int, dict] = {}
        for g in s.scalars(select(Signature).where(Signature.agreement_id == a.id).order_by(Signature.id)):
            v = g.version
            who = f"signature of {g.organisation.key} on version {v.number}"
            rep = {
                "organisation": g.organisation.key,
                "version": v.number,
                "signer": g.signer,
                "at": g.at,
                "subject": None,
                "serial": None,
                "issuer": None,
                "signing_time": None,
                "timestamp": None,
                "timestamp_ok": None,
                "valid_at": None,
                "revoked": False,
                "ok": False,
                "problems": [],
            }
            reports.append(rep)
            sp = s.scalar(select(SignedPdf).where(SignedPdf.signature_id == g.id))
            ap = s.scalar(select(AgreedPdf).where(AgreedPdf.version_id == v.id))
            if sp is None or ap is None:
                rep["problems"].append("no signed PDF is stored for it (a signature row without a PAdES signature)")
            else:
                rep.update(
                    subject=sp.cert_subject, serial=sp.cert_serial, issuer=sp.cert_issuer, signing_time=sp.signing_time
                )
                if sha256_bytes(sp.pdf) != sp.pdf_sha256:
                    rep["problems"].append("the stored signed PDF does not match its recorded SHA-256")
                b = read_binding(sp.pdf)  # what the signer saw (the prefix check below ties it to the agreed PDF)
                true_hash = content_hash(v.answers, v.instrument, v.docx_sha256)
                if not b or b["slug"] != a.slug or b["version"] != v.number:
                    rep["problems"].append(
                        f"the signed PDF is not the agreed PDF of {a.slug!r} version {v.number} "
                        f"(it names {b['slug'] + ' version ' + str(b['version']) if b else 'nothing'})"
                    )
                elif b["content_hash"] != true_hash:
                    rep["problems"].append(
                        f"version {v.number}'s text is not the text that was signed "
                        f"(content hash {true_hash[:12]}…, signed {b['content_hash'][:12]}…)"
                    )
                full = longest.get(v.id, sp.pdf)
                if full[: len(sp.pdf)] != sp.pdf:
                    rep["problems"].append("its stored PDF is not a prefix of the version's final signed PDF")
                if roots is not None:
                    if v.id not in validated:
                        accepted = {  # when the registry accepted each signature (audited, checkpointed)
                            f: at
                            for f, at in s.execute(
                                select(SignedPdf.field_name, Signature.at)
                                .join(Signature, Signature.id == SignedPdf.signature_id)
                                .where(Signature.version_id == v.id)
                            )
                        }
                        validated[v.id] = {
                            c.field: c
                            for c in check_signatures(full, ap.pdf, roots, revocation=revocation, moments=accepted)
                        }
                    c = validated[v.id].get(sp.field_name)
                    if c is None:
                        rep["problems"].append(f"the stored PDF has no signature {sp.field_name!r}")
                    else:
                        rep["problems"] += c.problems
                        rep.update(timestamp=c.timestamp, timestamp_ok=c.timestamp_ok, valid_at=c.valid_at)
                        rep["revoked"] = c.revoked
                        why = self.tie_problem(s, g.organisation, c)
                        if why:
                            rep["problems"].append(why)
                        for k, mine in (("subject", c.subject), ("serial", c.serial), ("issuer", c.issuer)):
                            if rep[k] != mine:
                                rep["problems"].append(
                                    f"the recorded certificate {k} {rep[k]!r} is not the "
                                    f"signing certificate's ({mine!r})"
                                )
            if g.content_hash != v.content_hash:
                rep["problems"].append("the version's content hash differs from the one signed")
            rep["ok"] = not rep["problems"]
            problems += [f"{who}: {p}" for p in rep["problems"]]
        return reports, problems

    def _all_signed_version(self, s, a: Agreement) -> Version | None:
        parties = {p.organisation_id for p in a.parties}
        by_version: dict[int, set[int]] = {}
        for g in s.scalars(select(Signature).where(Signature.agreement_id == a.id)):
            by_version.setdefault(g.version_id, set()).add(g.organisation_id)
        done = [vid for vid, orgs in by_version.items() if orgs >= parties]
        return s.get(Version, max(done)) if done else None

    def check_signed(self, s, a: Agreement) -> Version:
        """The version every party signed, every signature over its agreed PDF valid; else refused."""
        v = self._all_signed_version(s, a)
        if v is None:
            raise TransitionRefused(f"agreement {a.slug!r}: not every party has signed the same version")
        self.check_version(s, a, v)
        reports, _problems = self.signature_problems(s, a, self.trust_roots())
        mine = [f"{r['organisation']}: {p}" for r in reports if r["version"] == v.number for p in r["problems"]]
        if mine:
            raise TamperError(f"agreement {a.slug!r}: " + "; ".join(mine) + "; refused")
        return v

    # -- checkpoints ---------------------------------------------------------------------------------
    def _heads(self, s) -> dict:
        last = (
            select(AuditEntry.agreement_id, func.max(AuditEntry.seq).label("seq"))
            .group_by(AuditEntry.agreement_id)
            .subquery()
        )
        rows = s.execute(
            select(Agreement.slug, AuditEntry.seq, AuditEntry.hash)
            .join(last, (last.c.agreement_id == AuditEntry.agreement_id) & (last.c.seq == AuditEntry.seq))
            .join(Agreement, Agreement.id == AuditEntry.agreement_id)
        )
        return {slug: [seq, h] for slug, seq, h in rows}

    def _write_checkpoint(self, s, key, now: dt.datetime) -> Checkpoint:
        s.flush()
        body, kid, sig = _cp.sign_body(
            key, {"at": now.astimezone(dt.UTC).isoformat(), "heads": self._heads(s), "orgs": org_heads(s)}
        )
        c = Checkpoint(at=now, body=body, key_id=kid, signature=sig)
        s.add(c)
        return c

    def checkpoint(self) -> dict:
        """Sign every agreement's chain head with the deployment key (run daily); returns the export document."""
        key = _cp.load_key(self.checkpoint_key_path)
        with self.tx() as s:
            c = self._write_checkpoint(s, key, self.now())
            s.flush()
            return _cp.export_document(c.body, c.key_id, c.signature, key.public_key())

    def _checkpoint_problems(self, s, a: Agreement, entries, exported: dict | None) -> tuple[list[str], str | None]:
        chain = {e.seq: e.hash for e in entries}
        problems: list[str] = []
        try:
            key = _cp.load_key(self.checkpoint_key_path)
        except InputError:
            key = None
        seen = None
        if key is not None:
            pub = key.public_key()
            for c in s.scalars(select(Checkpoint).order_by(Checkpoint.id.desc())):
                if c.key_id != _cp.key_id(pub) or not _cp.verify_document(c.body, c.signature, pub):
                    problems.append(f"checkpoint {c.id} ({c.at:%Y-%m-%d %H:%M}) is not signed by this deployment's key")
                    continue
                head = json.loads(c.body)["heads"].get(a.slug)
                if head:
                    problems += _cp.compare_heads(a.slug, head, chain, f"the checkpoint of {json.loads(c.body)['at']}")
                    seen = json.loads(c.body)["at"]
                    break
        if exported is not None:
            from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

            try:
                pub = (
                    key.public_key()
                    if key is not None
                    else Ed25519PublicKey.from_public_bytes(bytes.fromhex(exported["public_key"]))
                )
                body, sig = exported["body_canonical"], exported["signature"]
            except (KeyError, ValueError, TypeError):
                raise InputError(
                    "the checkpoint file is not a pamats checkpoint (body_canonical, signature, public_key)"
                ) from None
            if not _cp.verify_document(body, sig, pub):
                problems.append("the checkpoint file's signature does not verify with the deployment key")
            else:
                head = json.loads(body)["heads"].get(a.slug)
                if head:
                    problems += _cp.compare_heads(
                        a.slug, head, chain, f"the exported checkpoint of {json.loads(body)['at']}"
                    )
        return problems, seen

    def _org_checkpoints(self, s, exported: dict | None) -> list[tuple[str, dict]]:
        """(where, body) of the newest stored checkpoint that signs organisations' logs, and of the
        exported file, each verified with the deployment key (a bad signature is reported elsewhere)."""
        out: list[tuple[str, dict]] = []
        try:
            pub = _cp.load_key(self.checkpoint_key_path).public_key()
        except InputError:
            pub = None
        if pub is not None:
            for c in s.scalars(select(Checkpoint).order_by(Checkpoint.id.desc())):
                if c.key_id == _cp.key_id(pub) and _cp.verify_document(c.body, c.signature, pub):
                    body = json.loads(c.body)
                    if "orgs" in body:
                        out.append((f"the checkpoint of {body['at']}", body))
                        break
        if exported is not None:
            from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

            try:
                key = pub or Ed25519PublicKey.from_public_bytes(bytes.fromhex(exported["public_key"]))
                if _cp.verify_document(exported["body_canonical"], exported["signature"], key):
                    body = json.loads(exported["body_canonical"])
                    out.append((f"the exported checkpoint of {body['at']}", body))
            except (KeyError, ValueError, TypeError):
                pass  # reported by _checkpoint_problems / verify_organisations
        return out

    def verify_organisations(self, keys: list[str] | None = None, *, checkpoint: dict | None = None) -> dict:
        """Organisations, users, memberships, invitations and certificate ties against each
        organisation's log and the checkpoints (registry administration: no acting user)."""
        with self.tx() as s:
            if checkpoint is not None and not all(k in checkpoint for k in ("body_canonical", "signature")):
                raise InputError(
                    "the checkpoint file is not a pamats checkpoint (body_canonical, signature, public_key)"
                )
            cps = self._org_checkpoints(s, checkpoint)
            problems = org_problems(s, keys, cps)
            if checkpoint is not None and not any(w.startswith("the exported") for w, _ in cps):
                problems.append("the checkpoint file's signature does not verify with the deployment key")
            n = s.scalar(select(func.count(OrgAuditEntry.id)))
            orgs = s.scalar(select(func.count(Organisation.id)))
            return {
                "ok": not problems,
                "problems": problems,
                "organisations": orgs,
                "log_entries": n,
                "checkpoint": cps[0][0] if cps else None,
            }

    # -- verify ----------------------------------------------------------------------------------------
    def verify(self, user: str, slug: str, *, checkpoint: dict | None = None) -> dict:
        """Every problem with the agreement's evidence (an empty list: everything holds)."""
        try:
            roots = self.trust_roots()
        except InputError:
            roots = None
        with self.tx() as s:
            u = self._user(s, user)
            a = self._agreement(s, u, slug)
            entries = _audit.entries(s, a.id)
            problems: list[str] = []
            try:
                _audit.verify(s, a)
            except TamperError as e:
                problems.append(e.message)
            versions = list(s.scalars(select(Version).where(Version.agreement_id == a.id).order_by(Version.number)))
            proposed = self.proposed_hashes(s, a)
            for v in versions:
                try:
                    self.check_version(s, a, v, proposed)
                except TamperError as e:
                    problems.append(e.message)
            reports, sig_problems = self.signature_problems(s, a, roots)
            problems += sig_problems
            cross = crosscheck(s, a, entries)
            problems += cross
            for r in reports:  # a signature row changed behind the registry's back is not a valid signature
                key = f"signature ({r['version']}, {r['organisation']!r}):"
                mine = [p[len(key) :].strip() for p in cross if p.startswith(key)]
                if mine:
                    r["problems"] += mine
                    r["ok"] = False
            cp_problems, seen = self._checkpoint_problems(s, a, entries, checkpoint)
            problems += cp_problems
            parties = [p.organisation.key for p in a.parties]
            problems += org_problems(s, parties, self._org_checkpoints(s, checkpoint))
            if a.status in ("signed", "in_force", "expired", "terminated") and self._all_signed_version(s, a) is None:
                problems.append(f"agreement {slug!r} is {a.status} but not every party signed the same version")
            notes = []
            if roots is None and reports:
                problems.append(
                    f"no trust roots are configured ({TRUST_ENV}): {len(reports)} signature(s) could not be verified"
                )
            if seen is None:
                notes.append("no checkpoint covers this agreement yet: truncation cannot be detected")
            return {
                "slug": slug,
                "ok": not problems,
                "problems": problems,
                "notes": notes,
                "audit_entries": len(entries),
                "versions": len(versions),
                "signatures": reports,
                "checkpoint": seen,
                "organisations": parties,
            }
