"""Issued letters and titles become documents of the file (PDF in the content-addressed store), once."""

from __future__ import annotations

from sqlalchemy import func, select

from ipoffice.publish.certificate import certificate
from ipoffice.publish.documents import file_certificate, file_letter
from ipoffice.store.files import FileStore
from ipoffice.store.models import Document


def _count(db) -> int:
    return db.scalar(select(func.count()).select_from(Document)) or 0


def test_letter_and_title_are_filed_once(db, register, tmp_path):
    store = FileStore(tmp_path / "files")
    before = _count(db)
    doc = file_letter(db, store, register.invention_oa, "office_action")
    assert doc.doc_type == "letter:office_action" and doc.media_type == "application/pdf" and not doc.public
    assert doc.details["deadline"] == "2025-09-16" and doc.details["event_sequence"] == 5
    assert store.get(doc.storage_key).startswith(b"%PDF-")
    again = file_letter(db, store, register.invention_oa, "office_action")
    assert again.id == doc.id and _count(db) == before + 1

    title = file_certificate(db, store, register.mark_granted)
    assert title.public and title.details["record_sha256"] == certificate(db, register.mark_granted).sha256
    assert file_certificate(db, store, register.mark_granted).id == title.id
    assert _count(db) == before + 2
