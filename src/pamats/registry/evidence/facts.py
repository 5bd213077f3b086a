"""This file defines the facts of each registry row that an audit entry's payload carries.

The same function makes the payload when the registry writes a row and reads the row back when
``verify`` cross-checks the tables against the audit log (``crosscheck.py``), so the two can
only disagree when a row was changed, added or deleted behind the registry's back.
"""

from __future__ import annotations

import json

__all__ = [
    "agreement_facts",
    "version_facts",
    "signature_facts",
    "agreed_pdf_facts",
    "comment_facts",
    "obligation_facts",
]


def _d(x):
    return x.isoformat() if x is not None else None


def agreement_facts(a) -> dict:
    return {
        "slug": a.slug,
        "kind": a.kind,
        "form": a.form,
        "title": a.title,
        "relied_on": json.loads(a.relied_on),
        "term_start": _d(a.term_start),
        "term_end": _d(a.term_end),
        "renewal_date": _d(a.renewal_date),
        "notice_date": _d(a.notice_date),
        "parties": [
            {
                "organisation": p.organisation.key,
                "representative": p.representative,
                "representative_position": p.representative_position,
            }
            for p in a.parties
        ],
    }


def version_facts(v, proposed_by: str) -> dict:
    return {
        "version": v.number,
        "content_hash": v.content_hash,
        "docx_sha256": v.docx_sha256,
        "proposed_by": proposed_by,
        "note": v.note,
    }


def signature_facts(version_number: int, organisation: str, g, sp) -> dict:
    return {
        "version": version_number,
        "organisation": organisation,
        "signer": g.signer,
        "content_hash": g.content_hash,
        "pdf_sha256": sp.pdf_sha256 if sp else None,
        "field": sp.field_name if sp else None,
        "cert_subject": sp.cert_subject if sp else None,
        "cert_serial": sp.cert_serial if sp else None,
        "cert_issuer": sp.cert_issuer if sp else None,
    }


def agreed_pdf_facts(version_number: int, ap) -> dict:
    return {"version": version_number, "pdf_sha256": ap.pdf_sha256, "content_hash": ap.content_hash}


def comment_facts(c, organisation: str) -> dict:
    return {
        "id": c.id,
        "version": c.version_number,
        "node": c.node_id,
        "organisation": organisation,
        "text": c.text,
        "thread": c.thread_id,
    }


def obligation_facts(o, organisation: str) -> dict:
    return {"id": o.id, "organisation": organisation, "due": _d(o.due), "description": o.description}
