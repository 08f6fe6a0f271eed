"""Put an issued letter or title on the file: its PDF in the content-addressed store and a ``Document`` row.

The examiner's action is recorded first (an event); :func:`file_letter` then stores the letter of that event as
the file's document ``letter:<kind>`` and :func:`file_certificate` the electronic title as ``certificate``. Both
run in the caller's transaction and are idempotent: a second call for the same event (or the same title hash)
returns the document already there and writes nothing, so a retried web request never files a letter twice.
Letters are not public (they go to the applicant); the title is public, as the register entry is.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipoffice.office.record import get_file
from ipoffice.publish.certificate import certificate
from ipoffice.publish.letters import LetterKind, render_letter
from ipoffice.store.files import FileStore, add_document
from ipoffice.store.models import Document, IPFile

PDF = "application/pdf"


def _existing(session: Session, file: IPFile, doc_type: str, key: str, value: object) -> Document | None:
    rows = session.scalars(select(Document).where(Document.file_id == file.id, Document.doc_type == doc_type))
    return next((d for d in rows if (d.details or {}).get(key) == value), None)


def file_letter(
    session: Session, store: FileStore, number: str, kind: LetterKind | str, **details: object
) -> Document:
    """Store the PDF of the letter ``kind`` on file ``number`` (see :func:`render_letter` for ``details``)."""
    letter = render_letter(session, number, kind, **details)
    file = get_file(session, number)
    doc_type = f"letter:{letter.kind.value}"
    sequence = letter.event_sequence
    found = _existing(session, file, doc_type, "event_sequence", sequence)
    if found is not None:
        return found
    doc = add_document(
        session,
        store,
        letter.pdf(),
        doc_type=doc_type,
        file_name=f"{letter.kind.value}-{file.application_number}-{sequence}.pdf",
        media_type=PDF,
        file_id=file.id,
        language="vi",
        public=False,
    )
    doc.details = {
        "event_sequence": sequence,
        "reference": letter.reference,
        "letter_date": letter.letter_date.isoformat(),
        "deadline": letter.deadline.isoformat() if letter.deadline else None,
        "legal_basis": letter.legal_basis,
    }
    session.flush()
    return doc


def file_certificate(session: Session, store: FileStore, number: str) -> Document:
    """Store the PDF of the electronic title of file ``number`` (one per distinct record hash)."""
    cert = certificate(session, number)
    file = get_file(session, number)
    found = _existing(session, file, "certificate", "record_sha256", cert.sha256)
    if found is not None:
        return found
    doc = add_document(
        session,
        store,
        cert.pdf(),
        doc_type="certificate",
        file_name=f"certificate-{cert.registration_number}.pdf",
        media_type=PDF,
        file_id=file.id,
        language="vi",
        public=True,
    )
    doc.details = {
        "record_sha256": cert.sha256,
        "registration_number": cert.registration_number,
        "issued_on": cert.issued_on.isoformat(),
    }
    session.flush()
    return doc
