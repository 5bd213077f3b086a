"""This file defines checkpoints: the head (last seq and hash) of every agreement's audit chain,
signed with the deployment's own Ed25519 key, which lives in a file outside the database
(``PAMATS_CHECKPOINT_KEY`` or ``Registry(checkpoint_key=…)``).

A checkpoint is stored in the database and can be exported as a JSON file (the daily cron job
keeps these files elsewhere). A chain shorter than a checkpoint saw (truncated) or whose entry
at the checkpoint's seq has another hash (recomputed) is reported.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from ...errors import InputError
from ..hashing import canonical

__all__ = ["load_key", "generate_key", "sign_body", "verify_document", "key_id", "compare_heads"]

ENV = "PAMATS_CHECKPOINT_KEY"


def generate_key(path: Path) -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    path = Path(path)
    if path.exists():
        raise InputError(
            f"{path}: already exists; a checkpoint key is never overwritten",
            hint="choose another path, or keep using this key",
        )
    k = Ed25519PrivateKey.generate()
    pem = k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    return key_id(k.public_key())


def load_key(path: str | Path | None):
    """The deployment's private key, or a clear error saying how to configure one."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    p = path or os.environ.get(ENV)
    if not p:
        raise InputError(
            "no checkpoint key is configured, so the audit chain cannot be anchored",
            hint=f"create one outside the database (pamats agreements checkpoint-key PATH) and set {ENV}=PATH",
        )
    try:
        k = serialization.load_pem_private_key(Path(p).expanduser().read_bytes(), password=None)
    except OSError as e:
        raise InputError(f"{p}: cannot read the checkpoint key ({e.strerror})", hint=f"check {ENV}") from None
    except (ValueError, TypeError):
        raise InputError(
            f"{p}: not an unencrypted PEM private key", hint="make one: pamats agreements checkpoint-key PATH"
        ) from None
    if not isinstance(k, Ed25519PrivateKey):
        raise InputError(f"{p}: the checkpoint key must be an Ed25519 key")
    return k


def key_id(public_key) -> str:
    from cryptography.hazmat.primitives import serialization

    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def sign_body(key, body: dict) -> tuple[str, str, str]:
    """(canonical body, key id, hex signature)."""
    text = canonical(body)
    return text, key_id(key.public_key()), key.sign(text.encode("utf-8")).hex()


def export_document(body: str, kid: str, signature: str, public_key) -> dict:
    from cryptography.hazmat.primitives import serialization

    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return {
        "body": json.loads(body),
        "body_canonical": body,
        "key_id": kid,
        "public_key": raw.hex(),
        "signature": signature,
    }


def verify_document(body: str, signature: str, public_key) -> bool:
    from cryptography.exceptions import InvalidSignature

    try:
        public_key.verify(bytes.fromhex(signature), body.encode("utf-8"))
        return True
    except (InvalidSignature, ValueError):
        return False


def compare_heads(slug: str, head: list, chain: dict[int, str], where: str) -> list[str]:
    """Problems of one agreement's chain (seq -> hash) against a checkpoint's head [seq, hash]."""
    seq, h = int(head[0]), head[1]
    if seq not in chain:
        return [f"audit log of {slug!r} was truncated: {where} saw {seq} entries, now {len(chain)}"]
    if chain[seq] != h:
        return [f"audit log of {slug!r} was rewritten or recomputed: entry {seq} differs from {where}"]
    return []
