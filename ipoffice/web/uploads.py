"""Uploaded documents: PDF, PNG and JPEG only, recognised by their content (never by the name or the browser's
declared type), within a size limit; the client's file name is kept only as a label, never used as a path (the
bytes go to the content-addressed store under their SHA-256)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ipoffice.core.errors import UserError

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)
IMAGES = frozenset({"image/png", "image/jpeg"})
DOCUMENTS = frozenset({"application/pdf", "image/png", "image/jpeg"})
DOC_TYPES = frozenset(
    {
        "mark_image",
        "description",
        "claims",
        "drawing",
        "abstract",
        "power_of_attorney",
        "priority_document",
        "response",
        "evidence",
        "other",
    }
)


@dataclass(frozen=True)
class Upload:
    data: bytes
    media_type: str
    label: str


def sniff(data: bytes) -> str | None:
    for magic, media in SIGNATURES:
        if data.startswith(magic):
            return media
    return None


def safe_label(name: str | None) -> str:
    """A display label from the client's file name: last path part, printable, at most 100 characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(
        ch for ch in unicodedata.normalize("NFC", base) if ch.isprintable() and ch not in '<>:"|?*'
    )
    return base.strip(" .")[:100] or "document"


def check_upload(
    data: bytes,
    name: str | None,
    allowed: frozenset[str] = DOCUMENTS,
    field: str = "file",
    limit: int = MAX_UPLOAD_BYTES,
) -> Upload:
    if not data:
        raise UserError("web.upload.empty", field=field, rule="upload")
    if len(data) > limit:
        raise UserError(
            "web.upload.too_large", field=field, rule="upload size limit", size=len(data), limit=limit
        )
    media = sniff(data)
    if media is None or media not in allowed:
        raise UserError(
            "web.upload.bad_type",
            field=field,
            rule="PDF, PNG or JPEG by content",
            allowed=", ".join(sorted(a.split("/")[1].upper() for a in allowed)),
        )
    return Upload(data, media, safe_label(name))
