"""This file defines the content-addressed file store beside the database.

A blob lives at ``<root>/<sha256[:2]>/<sha256>.docx``; it is written atomically (temp file,
fsync, rename) *before* the database row that refers to it is committed, so a crash can at
worst leave an unreferenced file, never a row pointing at a missing or half-written file.
"""

from __future__ import annotations

from pathlib import Path

from .._atomic import write_bytes_atomic
from .hashing import sha256_bytes

__all__ = ["FileStore"]


class FileStore:
    def __init__(self, root: Path):
        self.root = Path(root)

    def path(self, sha: str, ext: str = "docx") -> Path:
        return self.root / sha[:2] / f"{sha}.{ext}"

    def put(self, data: bytes, ext: str = "docx") -> str:
        sha = sha256_bytes(data)
        p = self.path(sha, ext)
        if not p.exists() or sha256_bytes(p.read_bytes()) != sha:
            write_bytes_atomic(p, data)
        return sha

    def get(self, sha: str, ext: str = "docx") -> bytes:
        return self.path(sha, ext).read_bytes()

    def ok(self, sha: str, ext: str = "docx") -> bool:
        p = self.path(sha, ext)
        return p.exists() and sha256_bytes(p.read_bytes()) == sha
