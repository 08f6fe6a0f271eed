"""Public search of the register: number, mark, title, applicant or owner, class — with or without diacritics.

The store keeps marks and titles as typed; this module keeps an in-memory folded copy of the searchable columns
(``ipoffice.search.vn_text.fold``: lower case, no tone marks, đ -> d) and rebuilds it when the register changes
(the count and latest ``updated_at`` of files are checked on each search, one cheap query). Every word typed must
start a word of the file's text (mark, title, applicant/owner names); numbers match their prefix, ignoring
dashes and spaces. Results: exact mark first, then newest filing.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ipoffice.search.vn_text import fold
from ipoffice.store.kinds import ClassificationScheme, FilePartyRole
from ipoffice.store.models import Classification, FileParty, IPFile, Party


@dataclass(frozen=True)
class Row:
    file_id: int
    application_number: str
    registration_number: str | None
    right: str
    status: str
    mark_text: str | None
    title: str | None
    filing_date: date
    owners: tuple[str, ...]
    nice: tuple[int, ...]
    words: tuple[str, ...]
    name_key: str
    numbers: tuple[str, ...]


@dataclass(frozen=True)
class SearchQuery:
    q: str = ""
    right: str | None = None
    status: str | None = None
    nice_class: int | None = None
    page: int = 1
    per_page: int = 20


@dataclass(frozen=True)
class SearchPage:
    total: int
    page: int
    per_page: int
    rows: list[Row]

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _digits(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


class RegisterIndex:
    def __init__(self) -> None:
        self._rows: list[Row] = []
        self._signature: tuple[Any, ...] | None = None
        self._lock = threading.Lock()

    def _current_signature(self, session: Session) -> tuple[Any, ...]:
        count, latest, max_id = session.execute(
            select(func.count(IPFile.id), func.max(IPFile.updated_at), func.max(IPFile.id))
        ).one()
        return (count, str(latest), max_id)

    def refresh(self, session: Session) -> None:
        sig = self._current_signature(session)
        if sig == self._signature:
            return
        with self._lock:
            if sig == self._signature:
                return
            self._rows = self._build(session)
            self._signature = sig

    @staticmethod
    def _build(session: Session) -> list[Row]:
        owners: dict[int, list[tuple[int, str]]] = defaultdict(list)
        roles = (FilePartyRole.APPLICANT, FilePartyRole.OWNER)
        for fid, role, pos, name in session.execute(
            select(FileParty.file_id, FileParty.role, FileParty.position, Party.name)
            .join(Party, Party.id == FileParty.party_id)
            .where(FileParty.role.in_(roles))
        ):
            owners[fid].append((0 if role == FilePartyRole.OWNER else 1, pos, name))  # type: ignore[arg-type]
        classes: dict[int, list[int]] = defaultdict(list)
        for fid, symbol in session.execute(
            select(Classification.file_id, Classification.symbol).where(
                Classification.scheme == ClassificationScheme.NICE
            )
        ):
            if str(symbol).isdigit():
                classes[fid].append(int(symbol))
        rows = []
        for r in session.execute(
            select(
                IPFile.id,
                IPFile.application_number,
                IPFile.registration_number,
                IPFile.right_kind,
                IPFile.status,
                IPFile.mark_text,
                IPFile.title,
                IPFile.filing_date,
            )
        ):
            names = tuple(dict.fromkeys(n for *_, n in sorted(owners.get(r.id, []))))
            text = " ".join([r.mark_text or "", r.title or "", *names])
            rows.append(
                Row(
                    file_id=r.id,
                    application_number=r.application_number,
                    registration_number=r.registration_number,
                    right=str(r.right_kind),
                    status=r.status,
                    mark_text=r.mark_text,
                    title=r.title,
                    filing_date=_as_date(r.filing_date),
                    owners=names,
                    nice=tuple(sorted(set(classes.get(r.id, [])))),
                    words=tuple(fold(text).split()),
                    name_key=fold(r.mark_text or r.title or ""),
                    numbers=tuple(_digits(n) for n in (r.application_number, r.registration_number) if n),
                )
            )
        rows.sort(key=lambda row: (row.filing_date, row.application_number), reverse=True)
        return rows

    def search(self, session: Session, query: SearchQuery) -> SearchPage:
        self.refresh(session)
        words = fold(query.q).split()
        digits = _digits(query.q)
        hits: list[Row] = []
        for row in self._rows:
            if query.right and row.right != query.right:
                continue
            if query.status and row.status != query.status:
                continue
            if query.nice_class and query.nice_class not in row.nice:
                continue
            if words:
                by_number = len(digits) >= 3 and any(n.startswith(digits) for n in row.numbers)
                by_words = all(any(w.startswith(x) for w in row.words) for x in words)
                if not (by_number or by_words):
                    continue
            hits.append(row)
        if words:
            key = " ".join(words)
            hits.sort(key=lambda row: row.name_key != key)  # stable: exact mark first, then newest
        start = (query.page - 1) * query.per_page
        return SearchPage(len(hits), query.page, query.per_page, hits[start : start + query.per_page])
