"""This file defines the content-addressed file store inside the database (SQLite and PostgreSQL).

A version's DOCX is evidence (its SHA-256 is part of the content hash every signature fixes), so
it is kept where the rest of the evidence is: a row of ``stored_files`` (sha256, extension,
bytes), never only on one server's disk. Several web servers sharing one database share the
files, a database backup holds them, and ``verify`` on a restored database finds them.
``put`` writes the blob in the caller's transaction (a savepoint: the same bytes stored
meanwhile by another server are no conflict), so the blob and the row that refers to it are
committed together or not at all.

Registries from before (DOCX files under ``files_dir`` / ``PAMATS_FILES``, :class:`FileStore`)
are moved in on open (:meth:`adopt_legacy`): each file referenced by a version is copied into the
database when its bytes still match its hash; a missing or changed one stays missing and is
reported by ``verify``.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import exists, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from .files import FileStore
from .hashing import sha256_bytes
from .models_workspace import StoredFile

__all__ = ["DbFileStore"]


class DbFileStore:
    def __init__(self, engine: Engine, legacy_dir: str | Path | None = None):
        self.engine = engine
        self.legacy = FileStore(Path(legacy_dir)) if legacy_dir else None
        # what older code and tests pass on as files_dir / PAMATS_FILES: the folder files came from
        self.root = (
            self.legacy.root if self.legacy else f"{engine.url.render_as_string(hide_password=True)}#stored_files"
        )

    def path(self, sha: str, ext: str = "docx") -> str:
        return f"stored_files/{sha}.{ext}"

    def put(self, data: bytes, ext: str = "docx", *, session=None) -> str:
        sha = sha256_bytes(data)
        if session is None:
            if not self.ok(sha, ext):
                try:
                    with self.engine.begin() as c:
                        c.execute(insert(StoredFile).values(sha256=sha, ext=ext, data=data))
                except IntegrityError:  # stored meanwhile by another server: the same bytes
                    pass
            return sha
        if not self.ok(sha, ext, session=session):
            try:
                with session.begin_nested():
                    session.execute(insert(StoredFile).values(sha256=sha, ext=ext, data=data))
            except IntegrityError:  # stored meanwhile by another server: the same bytes
                pass
        return sha

    def _data(self, sha: str, ext: str, session=None) -> bytes | None:
        q = select(StoredFile.data).where(StoredFile.sha256 == sha, StoredFile.ext == ext)
        if session is not None:
            return session.scalar(q)
        with self.engine.connect() as c:
            return c.scalar(q)

    def get(self, sha: str, ext: str = "docx", *, session=None) -> bytes:
        data = self._data(sha, ext, session)
        if data is None:
            raise FileNotFoundError(self.path(sha, ext))
        return bytes(data)

    def ok(self, sha: str, ext: str = "docx", *, session=None) -> bool:
        data = self._data(sha, ext, session)
        return data is not None and sha256_bytes(bytes(data)) == sha

    def adopt_legacy(self) -> int:
        """Copy the DOCX files versions refer to from the old files folder into the database (once)."""
        from .models import Version

        if self.legacy is None or not self.legacy.root.is_dir():
            return 0
        missing = ~exists().where(StoredFile.sha256 == Version.docx_sha256, StoredFile.ext == "docx")
        with self.engine.connect() as c:
            shas = list(
                c.scalars(select(Version.docx_sha256).where(Version.docx_sha256.is_not(None), missing).distinct())
            )
        n = 0
        for sha in shas:
            if self.legacy.ok(sha):
                self.put(self.legacy.get(sha))
                n += 1
        return n
