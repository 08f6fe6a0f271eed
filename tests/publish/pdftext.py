"""Text of a PDF made by the publish module (pypdf), for the tests."""

from __future__ import annotations

import io
import unicodedata


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    return unicodedata.normalize("NFC", "\n".join(p.extract_text() or "" for p in reader.pages))
