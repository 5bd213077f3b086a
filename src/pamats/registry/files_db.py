"""This file defines the content-addressed file store inside the database (PostgreSQL).

Same interface as :class:`pamats.registry.files.FileStore`, but a blob is a row of
``stored_files`` (sha256, extension, bytes), so several web servers sharing one database
share the files too and no server keeps state on its own disk (the negotiation workspace).
``put`` commits the blob in its own short transaction *before* the row that refers to it,
as the file store writes the file first. PostgreSQL only: on SQLite a second writing
connection would wait for the caller's own transaction.
"""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from ..errors import InputError
from .hashing import sha256_bytes
from .models_workspace import StoredFile

__all__ = ["DbFileStore"]


class DbFileStore:
    def __init__(self, engine: Engine):
        if engine.dialect.name != "postgresql":
            raise InputError(
                "files in the database need a PostgreSQL registry",
                hint="use postgresql+psycopg2://…, or keep files on disk (files_dir)",
            )
        self.engine = engine
        self.root = f"{engine.url.render_as_string(hide_password=True)}#stored_files"

    def path(self, sha: str, ext: str = "docx") -> str:
        return f"stored_files/{sha}.{ext}"

    def put(self, data: bytes, ext: str = "docx") -> str:
        sha = sha256_bytes(data)
        if not self.ok(sha, ext):
            try:
                with self.engine.begin() as c:
                    c.execute(insert(StoredFile).values(sha256=sha, ext=ext, data=data))
            except IntegrityError:  # stored meanwhile by another server: the same bytes
                pass
        return sha

    def _data(self, sha: str, ext: str) -> bytes | None:
        with self.engine.connect() as c:
            return c.scalar(select(StoredFile.data).where(StoredFile.sha256 == sha, StoredFile.ext == ext))

    def get(self, sha: str, ext: str = "docx") -> bytes:
        data = self._data(sha, ext)
        if data is None:
            raise FileNotFoundError(self.path(sha, ext))
        return bytes(data)

    def ok(self, sha: str, ext: str = "docx") -> bool:
        data = self._data(sha, ext)
        return data is not None and sha256_bytes(bytes(data)) == sha
