"""This file defines canonical JSON and the hashes the registry relies on.

``canonical(obj)``: JSON with sorted keys, no spaces, UTF-8 kept; the same data always gives
the same text. ``content_hash(answers, instrument)``: SHA-256 over the canonical pair (what a
signature fixes). ``chain_hash(prev, entry)``: the audit log's link hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

__all__ = ["canonical", "content_hash", "chain_hash", "sha256_bytes", "GENESIS"]

GENESIS = "0" * 64


def _default(o: Any):
    if isinstance(o, (dt.date, dt.datetime)):
        return o.isoformat()
    if hasattr(o, "model_dump"):
        return o.model_dump(mode="json")
    raise TypeError(f"not JSON-serialisable: {type(o).__name__}")


def canonical(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_default)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def content_hash(answers_json: str, instrument_json: str, docx_sha256: str | None) -> str:
    """Hash of a version's stored content (canonical texts as stored, plus the DOCX hash)."""
    h = hashlib.sha256()
    for part in (answers_json, instrument_json, docx_sha256 or ""):
        b = part.encode("utf-8")
        h.update(len(b).to_bytes(8, "big"))
        h.update(b)
    return h.hexdigest()


def chain_hash(prev_hash: str, entry: dict) -> str:
    return hashlib.sha256((prev_hash + canonical(entry)).encode("utf-8")).hexdigest()
