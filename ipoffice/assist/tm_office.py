"""Trademark conflict search against the office's own register (the ``files`` table of :mod:`ipoffice.store`).

* :class:`OfficeMarkSource` streams the register's marks (number, verbal element, Nice classes with their goods
  terms, first owner or applicant, filing date, status) in batches of files ordered by id: three queries a batch,
  never one query per file.
* :class:`OfficeMarkIndex` keeps the search index next to the database (``<files dir>/tm-index/``) with the
  register's high-water mark (highest file id, number of marks, latest change, a fingerprint of the Nice rows).
  Opening it compares the mark with the database: missing -> built; unchanged -> opened; grown or changed -> only
  the new and changed files are read and added **in place** (:meth:`TrademarkSearch.apply`: the replaced marks
  are hidden and the changed ones go to a small second index; ``marks.jsonl`` gets the changed lines appended).
  A class-only edit does not move a file's ``updated_at``: the fingerprint notices it, every mark is read again
  and only those that differ from the snapshot are indexed. A shrunk register, or more changes than
  :data:`~ipoffice.assist.tm_search.DELTA_MAX` (or a tenth of the register), is rebuilt from scratch.
* :func:`search_for_file` searches for an application on the register: its own mark, classes and goods terms,
  itself excluded, earlier marks only (effective date = earliest priority date, else filing date, strictly
  before the application's), and records the use on that file with :func:`ipoffice.assist.trail.record_use`.
  The file row itself is never written.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import BigInteger, Text, case, cast, func, or_, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from ipoffice.assist import trail
from ipoffice.assist.tm_search import CANDIDATES, DELTA_MAX, MAX_LIMIT, Hit, MarkRecord, TrademarkSearch
from ipoffice.core import i18n
from ipoffice.core.errors import UserError
from ipoffice.core.rights import RightKind
from ipoffice.store.kinds import ClassificationScheme, FilePartyRole
from ipoffice.store.models import Classification, FileParty, IPFile, Party, PriorityClaim

INDEX_FORMAT = "tm-office-4"  # bump when the snapshot or the index keys change: forces a rebuild
ENGINE_NAME = "ipoffice.assist.tm_search"
ENGINE_VERSION = "1"
BATCH = 1000
DEAD_STATUSES = frozenset(
    {"refused", "withdrawn", "deemed_withdrawn", "lapsed", "expired", "surrendered", "invalidated"}
)  # the same list as the web pre-filing check: no longer an obstacle to a later mark [verify: office practice]
OWNER_ROLES = (FilePartyRole.OWNER, FilePartyRole.APPLICANT)

i18n.register(
    {
        "tm.office.not_trademark": {
            "vi": "Hồ sơ {number} không phải đơn nhãn hiệu",
            "en": "File {number} is not a trademark application",
        },
        "tm.office.no_mark_text": {
            "vi": "Hồ sơ {number} không có phần chữ của nhãn hiệu để tra cứu",
            "en": "File {number} has no verbal element to search",
        },
        "tm.office.recorded": {
            "vi": "Đã ghi lần tra cứu số {use_id} vào hồ sơ {number} ({hits} kết quả)",
            "en": "Search recorded as use {use_id} on file {number} ({hits} hits)",
        },
        "tm.office.indexed": {
            "vi": "Chỉ mục nhãn hiệu: {count} nhãn hiệu, phiên bản {version} ({how}) tại {path}",
            "en": "Trademark index: {count} marks, version {version} ({how}) at {path}",
        },
    }
)


@dataclass(frozen=True)
class Watermark:
    """The register's high-water mark: highest file id, number of marks, latest change (ISO text), and a
    fingerprint of the Nice classification rows (``classes``), since a class-only edit does not move the file's
    ``updated_at``."""

    max_id: int
    count: int
    changed: str | None
    classes: str = ""

    @property
    def version(self) -> str:
        return f"{self.max_id}.{self.count}.{(self.changed or '-').replace(' ', 'T')}.{self.classes}"


def _marks_filter() -> Any:
    return (IPFile.right_kind == RightKind.TRADEMARK) & IPFile.mark_text.is_not(None)


def _classes_fingerprint(session: Session) -> str:
    """Count, highest id and two checksums of the Nice rows: rows replaced (new ids), removed (count), edited in
    place (the class number or the goods text of a row) all change it. Portable SQL: the class number comes from
    a CASE over '1'..'45', never a CAST of text that might not be a number."""
    number = case({str(n): n for n in range(1, 46)}, value=Classification.symbol, else_=0)
    row_id = cast(Classification.id, BigInteger)
    n, top, by_class, by_terms = session.execute(
        select(
            func.count(Classification.id),
            func.max(Classification.id),
            func.sum(row_id * number),
            func.sum(row_id * func.coalesce(func.length(cast(Classification.terms, Text)), 0)),
        ).where(Classification.scheme == ClassificationScheme.NICE)
    ).one()
    return f"{int(n or 0)}-{int(top or 0)}-{int(by_class or 0)}-{int(by_terms or 0)}"


def register_watermark(session: Session) -> Watermark:
    max_id, count, changed = session.execute(
        select(func.max(IPFile.id), func.count(IPFile.id), func.max(IPFile.updated_at)).where(_marks_filter())
    ).one()
    return Watermark(
        int(max_id or 0),
        int(count or 0),
        changed.isoformat() if changed else None,
        _classes_fingerprint(session),
    )


@dataclass
class OfficeMarkSource:
    """Marks of the register, streamed in id order; optionally only files above ``after_id`` or changed since
    ``changed_since`` (the incremental refresh)."""

    engine: Engine
    after_id: int | None = None
    changed_since: datetime | None = None
    batch: int = BATCH

    def marks(self) -> Iterator[MarkRecord]:
        with Session(self.engine) as session:
            yield from _stream(session, self.after_id, self.changed_since, self.batch)


def _stream(
    session: Session, after_id: int | None, changed_since: datetime | None, batch: int
) -> Iterator[MarkRecord]:
    last = 0
    while True:
        stmt = select(
            IPFile.id, IPFile.application_number, IPFile.mark_text, IPFile.filing_date, IPFile.status
        ).where(_marks_filter(), IPFile.id > last)
        if after_id is not None or changed_since is not None:
            conds = []
            if after_id is not None:
                conds.append(IPFile.id > after_id)
            if changed_since is not None:
                conds.append(IPFile.updated_at >= changed_since)
            stmt = stmt.where(or_(*conds))
        rows = session.execute(stmt.order_by(IPFile.id).limit(batch)).all()
        if not rows:
            return
        ids = [r.id for r in rows]
        classes: dict[int, dict[int, list[str]]] = {}
        for file_id, symbol, terms in session.execute(
            select(Classification.file_id, Classification.symbol, Classification.terms)
            .where(Classification.file_id.in_(ids), Classification.scheme == ClassificationScheme.NICE)
            .order_by(Classification.file_id, Classification.position, Classification.id)
        ):
            sym = str(symbol).strip()
            if sym.isdigit() and 1 <= int(sym) <= 45:
                classes.setdefault(file_id, {}).setdefault(int(sym), []).extend(str(t) for t in terms or ())
        owners: dict[int, tuple[int, str]] = {}
        for file_id, role, name in session.execute(
            select(FileParty.file_id, FileParty.role, Party.name)
            .join(Party, Party.id == FileParty.party_id)
            .where(FileParty.file_id.in_(ids), FileParty.role.in_(OWNER_ROLES))
            .order_by(FileParty.file_id, FileParty.position, FileParty.id)
        ):
            rank = OWNER_ROLES.index(role)  # the registered owner before the applicant
            if file_id not in owners or rank < owners[file_id][0]:
                owners[file_id] = (rank, name)
        for r in rows:
            by_class = classes.get(r.id, {})
            yield MarkRecord(
                number=r.application_number,
                mark=r.mark_text,
                classes=tuple(sorted(by_class)),
                owner=owners[r.id][1] if r.id in owners else None,
                filing_date=r.filing_date.isoformat() if r.filing_date else None,
                status=r.status,
                goods="; ".join(t for c in sorted(by_class) for t in by_class[c]),
            )
        last = ids[-1]


@dataclass
class RefreshResult:
    how: str  # opened | built | refreshed
    count: int
    version: str
    path: Path


class OfficeMarkIndex:
    """The register's search index kept in ``path`` (``index/``, ``marks.jsonl`` snapshot, ``state.json``)."""

    def __init__(self, engine: Engine, path: Path) -> None:
        self.engine = engine
        self.path = path
        self.index_dir = path / "index"
        self.marks_file = path / "marks.jsonl"
        self.state_file = path / "state.json"
        self.search_engine: TrademarkSearch | None = None
        self.version = ""

    @classmethod
    def for_database(cls, engine: Engine, url: str | None = None) -> OfficeMarkIndex:
        from ipoffice.store.config import files_dir

        return cls(engine, files_dir(url or engine.url.render_as_string(hide_password=False)) / "tm-index")

    def _state(self) -> dict[str, Any] | None:
        try:
            state = json.loads(self.state_file.read_text())
        except (OSError, ValueError):
            return None
        ok = state.get("format") == INDEX_FORMAT and (self.index_dir / "keyfields.json").is_file()
        return state if ok and self.marks_file.is_file() else None

    def refresh(self, rebuild: bool = False) -> RefreshResult:
        """Bring the index level with the register (see the module docstring) and open it."""
        with Session(self.engine) as session:
            mark = register_watermark(session)
        state = None if rebuild else self._state()
        if state is not None and state["watermark"] == mark.__dict__:
            how = "opened"
        elif state is None or mark.count < state["watermark"]["count"]:
            self._write(list(OfficeMarkSource(self.engine).marks()), mark)
            how = "built"
        else:
            how = self._apply(state["watermark"], mark)
        self.search_engine = TrademarkSearch.open(self.index_dir)
        self.version = f"{INDEX_FORMAT}/{mark.version}"
        return RefreshResult(how, len(self.search_engine), self.version, self.path)

    def _apply(self, old: dict[str, Any], mark: Watermark) -> str:
        """Bring a kept index level in place (:meth:`TrademarkSearch.apply`): only the files filed or changed since
        ``old`` are read and indexed; after a class-only edit (which files is not recorded) every mark is read and
        compared with the snapshot, and only those that differ are indexed. A register that lost marks, or too
        many changes since the build, gives a full build instead."""
        engine = TrademarkSearch.open(self.index_dir)
        if old.get("classes") == mark.classes:
            since = datetime.fromisoformat(old["changed"]) if old["changed"] else None
            updates = list(OfficeMarkSource(self.engine, after_id=old["max_id"], changed_since=since).marks())
        else:
            kept = {r.number: r for r in self._snapshot()}
            updates = [r for r in OfficeMarkSource(self.engine).marks() if kept.get(r.number) != r]
        known = set(engine.numbers()[engine._docs_of([r.number for r in updates])].tolist())
        known |= {r.number for r in engine.delta_records()}
        count = len(engine) + len({r.number for r in updates} - known)
        delta = len({r.number for r in [*engine.delta_records(), *updates]})
        if count != mark.count or delta > max(DELTA_MAX, count // 10):
            merged = {r.number: r for r in self._snapshot()}  # a renumbered or removed mark, or many changes
            merged.update((r.number, r) for r in updates)
            records = (
                list(merged.values()) if count == mark.count else list(OfficeMarkSource(self.engine).marks())
            )
            self._write(records, mark)
            return "built"
        engine.apply(updates, self.index_dir)
        with self.marks_file.open("a", encoding="utf-8") as fh:  # later lines replace earlier ones by number
            for rec in updates:
                fh.write(json.dumps(rec.payload(), ensure_ascii=False) + "\n")
        self._write_state(mark)
        return "refreshed"

    def _write_state(self, mark: Watermark) -> None:
        tmp = self.state_file.with_name(f"state.json.{os.getpid()}-{uuid.uuid4().hex[:8]}")
        tmp.write_text(
            json.dumps(
                {"format": INDEX_FORMAT, "watermark": mark.__dict__, "built_at": datetime.now().isoformat()}
            )
        )
        tmp.replace(self.state_file)

    def _snapshot(self) -> Iterator[MarkRecord]:
        with self.marks_file.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield MarkRecord.from_payload(json.loads(line))

    def _write(self, records: Sequence[MarkRecord], mark: Watermark) -> None:
        """Build beside the old index, then swap (an interrupted build leaves the old one in place)."""
        from ipoffice.assist.tm_search import InMemoryMarkSource

        self.path.mkdir(parents=True, exist_ok=True)
        tag = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"  # two processes refreshing at once do not collide
        new_index, new_marks = self.path / f"index.new-{tag}", self.path / f"marks.jsonl.new-{tag}"
        old_index = self.path / f"index.old-{tag}"
        try:
            TrademarkSearch.build(InMemoryMarkSource(records), new_index)
            with new_marks.open("w", encoding="utf-8") as fh:
                for rec in records:
                    fh.write(json.dumps(rec.payload(), ensure_ascii=False) + "\n")
            shutil.rmtree(old_index, ignore_errors=True)
            if self.index_dir.exists():
                self.index_dir.rename(old_index)
            new_index.rename(self.index_dir)
            new_marks.replace(self.marks_file)
            self._write_state(mark)
            shutil.rmtree(old_index, ignore_errors=True)
        finally:
            shutil.rmtree(new_index, ignore_errors=True)
            new_marks.unlink(missing_ok=True)

    def engine_for_search(self) -> TrademarkSearch:
        if self.search_engine is None:
            self.refresh()
        assert self.search_engine is not None
        return self.search_engine

    def search(
        self,
        mark: str,
        classes: Sequence[int | str] = (),
        goods: str = "",
        limit: int = 50,
        live_only: bool = True,
    ) -> list[Hit]:
        """The register's marks likely to conflict with ``mark`` (refused, withdrawn, lapsed ... marks left out
        unless ``live_only`` is false). Read-only."""
        engine = self.engine_for_search()
        if not 1 <= limit <= MAX_LIMIT:
            raise UserError("tm.error.bad_limit", field="limit", value=limit, limit=MAX_LIMIT)
        hits = engine.search(mark, classes, goods=goods, limit=max(limit, CANDIDATES))
        return [h for h in hits if not live_only or h.record.status not in DEAD_STATUSES][:limit]


@dataclass
class FileSearch:
    number: str
    mark: str
    classes: tuple[int, ...]
    effective_date: date
    hits: list[Hit]
    use_id: int
    index_version: str


def effective_dates(session: Session, numbers: Sequence[str]) -> dict[str, date]:
    """Earliest priority date, else filing date, of each application number (one query)."""
    if not numbers:
        return {}
    rows = session.execute(
        select(IPFile.application_number, IPFile.filing_date, func.min(PriorityClaim.priority_date))
        .outerjoin(
            PriorityClaim,
            (PriorityClaim.file_id == IPFile.id)
            & or_(PriorityClaim.accepted.is_(None), PriorityClaim.accepted.is_(True)),
        )
        .where(IPFile.application_number.in_(list(numbers)))
        .group_by(IPFile.application_number, IPFile.filing_date)
    ).all()  # a refused priority claim gives no earlier date [verify: Law on IP Art. 91]
    return {n: min(d for d in (filed, prio) if d is not None) for n, filed, prio in rows}


def search_for_file(
    index: OfficeMarkIndex, number: str, *, actor: str, limit: int = 50, live_only: bool = True
) -> FileSearch:
    """Search for application ``number``'s own mark and classes among earlier marks, and record the use on it."""
    from ipoffice.office.record import get_file
    from ipoffice.store.db import transaction

    with Session(index.engine) as session:
        f = get_file(session, number)
        number = f.application_number
        if f.right_kind != RightKind.TRADEMARK:
            raise UserError("tm.office.not_trademark", field="number", number=number)
        if not (f.mark_text or "").strip():
            raise UserError("tm.office.no_mark_text", field="number", number=number)
        mark = f.mark_text or ""
        nice = [c for c in f.classifications if c.scheme == ClassificationScheme.NICE]
        classes = tuple(sorted({int(c.symbol) for c in nice if str(c.symbol).strip().isdigit()}))
        goods = "; ".join(str(t) for c in nice for t in (c.terms or ()))
        own_date = effective_dates(session, [number])[number]
    hits = index.search(mark, classes, goods=goods, limit=MAX_LIMIT, live_only=live_only)
    hits = [h for h in hits if h.record.number != number]
    with Session(index.engine) as session:
        dates = effective_dates(session, [h.record.number for h in hits])
    # strictly earlier: a same-day mark is not "earlier" [verify: Law on IP Art. 90 same-day filings]
    hits = [h for h in hits if h.record.number in dates and dates[h.record.number] < own_date][:limit]
    shown = [
        {
            "id": h.record.number,
            "rank": i,
            "score": h.score,
            "mark": h.record.mark,
            "dimensions": h.dimensions,
        }
        for i, h in enumerate(hits, start=1)
    ]
    query = {
        "mark": mark,
        "classes": list(classes),
        "goods": goods[:2000],
        "limit": limit,
        "live_only": live_only,
        "earlier_than": own_date.isoformat(),
    }
    with transaction(index.engine, actor=actor) as s:
        entry = trail.record_use(
            s,
            number,
            "tm_search",
            query=query,
            results=shown,
            actor=actor,
            model=ENGINE_NAME,
            model_version=ENGINE_VERSION,
            index_version=index.version,
        )
    return FileSearch(number, mark, classes, own_date, hits, entry.id, index.version)
