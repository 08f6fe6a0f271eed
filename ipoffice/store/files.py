"""A content-addressed store for documents' bytes: a file's key is its SHA-256, so a stored file cannot change.

Files live under ``<root>/<aa>/<bb>/<sha256>`` (root: ``IPOFFICE_FILES_DIR`` or a folder next to the SQLite
database, see :func:`ipoffice.store.config.files_dir`). Writes go through a temporary file and an atomic rename;
reads check the size limit and recompute the hash, so a corrupted or swapped file is refused, never served.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from ipoffice.core import i18n
from ipoffice.core.errors import NotFound, UserError
from ipoffice.store.config import files_dir
from ipoffice.store.models import Document

DEFAULT_MAX_SIZE = 100 * 1024 * 1024  # 100 MiB per document
_CHUNK = 1024 * 1024

i18n.register(
    {
        "store.file_too_large": {
            "vi": "Tệp quá lớn: {size} byte, giới hạn là {limit} byte.",
            "en": "The file is too large: {size} bytes, the limit is {limit} bytes.",
        },
        "store.file_missing": {
            "vi": "Không tìm thấy tệp đã lưu {storage_key}.",
            "en": "Stored file {storage_key} was not found.",
        },
        "store.file_corrupt": {
            "vi": "Tệp đã lưu {storage_key} bị hỏng hoặc bị thay đổi (mã băm không khớp).",
            "en": "Stored file {storage_key} is corrupt or was altered (its hash does not match).",
        },
        "store.bad_key": {
            "vi": "Khóa lưu trữ không hợp lệ: {storage_key}.",
            "en": "Invalid storage key: {storage_key}.",
        },
    }
)


@dataclass(frozen=True)
class StoredFile:
    key: str  # the SHA-256 of the content, hex
    size: int

    @property
    def sha256(self) -> str:
        return self.key


class FileStore:
    """Put bytes in, get the same bytes back by their hash."""

    def __init__(self, root: Path | str | None = None, max_size: int = DEFAULT_MAX_SIZE) -> None:
        self.root = Path(root) if root is not None else files_dir()
        self.max_size = max_size

    def _path(self, key: str) -> Path:
        if len(key) != 64 or any(c not in "0123456789abcdef" for c in key):
            raise UserError("store.bad_key", field="storage_key", storage_key=key)
        return self.root / key[:2] / key[2:4] / key

    def put(self, data: bytes | BinaryIO) -> StoredFile:
        """Store ``data`` (bytes or a binary stream) and return its key; storing the same bytes twice is a no-op."""
        self.root.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        fd, tmp_name = tempfile.mkstemp(dir=self.root, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as out:
                stream = [data] if isinstance(data, bytes) else iter(lambda: data.read(_CHUNK), b"")
                for chunk in stream:
                    size += len(chunk)
                    if size > self.max_size:
                        raise UserError("store.file_too_large", field="file", size=size, limit=self.max_size)
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            key = digest.hexdigest()
            path = self._path(key)
            if path.exists():
                os.unlink(tmp_name)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                os.replace(tmp_name, path)
            return StoredFile(key, size)
        except BaseException:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
            raise

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def get(self, key: str) -> bytes:
        """The bytes stored under ``key``, after checking their size and hash."""
        path = self._path(key)
        if not path.is_file():
            raise NotFound("store.file_missing", field="storage_key", storage_key=key)
        size = path.stat().st_size
        if size > self.max_size:
            raise UserError("store.file_too_large", field="file", size=size, limit=self.max_size)
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != key:
            raise UserError("store.file_corrupt", field="storage_key", storage_key=key)
        return data


def add_document(
    session: Session,
    store: FileStore,
    data: bytes | BinaryIO,
    *,
    doc_type: str,
    file_name: str,
    media_type: str,
    file_id: int | None = None,
    case_id: int | None = None,
    language: str | None = None,
    public: bool = False,
) -> Document:
    """Store ``data`` and add its :class:`Document` row to ``session`` (committed with the caller's transaction).

    The bytes are written first: if the transaction then rolls back, an unreferenced file stays behind, which
    is harmless (content-addressed) — never a row pointing at nothing.
    """
    stored = store.put(data)
    doc = Document(
        file_id=file_id,
        case_id=case_id,
        doc_type=doc_type,
        file_name=file_name,
        media_type=media_type,
        size=stored.size,
        sha256=stored.sha256,
        storage_key=stored.key,
        language=language,
        public=public,
    )
    session.add(doc)
    return doc
