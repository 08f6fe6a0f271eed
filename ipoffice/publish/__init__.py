"""publish: the Official Gazette, electronic protection titles and official letters, derived from the register.

Entry points (each result is a plain dataclass with ``html()``, ``pdf()`` and ``to_json()``)::

    gazette_issue(session, start, end, volume=None) -> GazetteIssue    # also to_csv(); month_period(y, m)
    gazette_months(session) -> list[GazetteMonth]                      # the issues that have entries
    certificate(session, number) -> Certificate                        # sha256 over the canonical record
    verify_certificate(session, number, sha256) -> bool
    render_letter(session, number, kind, **details) -> Letter          # kinds: LetterKind
    file_letter(session, store, number, kind) / file_certificate(session, store, number) -> Document (PDF, once)
"""

from __future__ import annotations

from ipoffice.publish.certificate import Certificate, certificate, verify_certificate
from ipoffice.publish.documents import file_certificate, file_letter
from ipoffice.publish.gazette import (
    GazetteEntry,
    GazetteIssue,
    GazetteMonth,
    gazette_issue,
    gazette_months,
    month_period,
)
from ipoffice.publish.inid import InidField
from ipoffice.publish.letters import Letter, LetterKind, render_letter

__all__ = [
    "Certificate",
    "GazetteEntry",
    "GazetteIssue",
    "GazetteMonth",
    "InidField",
    "Letter",
    "LetterKind",
    "certificate",
    "file_certificate",
    "file_letter",
    "gazette_issue",
    "gazette_months",
    "month_period",
    "render_letter",
    "verify_certificate",
]
