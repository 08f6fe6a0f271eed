"""The audit trail of AI assistance: every use of an assistant, and what the examiner did with it, on the file.

Examiners, applicants and courts need to know when AI was used on a file and what it showed (USPTO records
SimSearch use in the file wrapper's search notes; research §4.4-4.5). Each row is append-only:

* a **use**: which assistant (``prior_art``, ``ipc_suggest``, ``tm_search``), the query as given, the filters, the
  model and its version, the index version, the results as shown (rank, id, score), by whom and when;
* an **action** on a use: what the examiner did (``cited``, ``dismissed``, ``accepted``, ``rejected``, ``noted``),
  on which results, with an optional note.

Rows of one file form a hash chain (each row's hash covers its content and the previous row's hash), so a changed
or removed row is detected by :func:`verify`. The trail lives in its own table (``assist_trail``, created on first
use), because procedural events are the office's to write (:mod:`ipoffice.office.record`); a search therefore never
changes the file itself, only its trail. :func:`file_history` merges the trail into the file's events.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from ipoffice.core import i18n
from ipoffice.core.errors import UserError
from ipoffice.store.models import AssistTrailEntry

ASSISTANTS = ("prior_art", "ipc_suggest", "tm_search")
ACTIONS = ("cited", "dismissed", "accepted", "rejected", "noted")
GENESIS = "0" * 64

i18n.register(
    {
        "assist.trail.not_migrated": {
            "vi": "Cơ sở dữ liệu chưa có bảng nhật ký trợ lý AI: hãy chạy ipoffice db upgrade",
            "en": "The database has no AI trail table yet: run ipoffice db upgrade",
        },
        "trail.unknown_assistant": {
            "vi": "Trợ lý không xác định: {value} (dùng: {allowed})",
            "en": "Unknown assistant: {value} (use: {allowed})",
        },
        "trail.unknown_action": {
            "vi": "Thao tác không xác định: {value} (dùng: {allowed})",
            "en": "Unknown action: {value} (use: {allowed})",
        },
        "trail.use_not_found": {
            "vi": "Không có lần sử dụng trợ lý số {use_id} trong hồ sơ {number}",
            "en": "There is no assistant use {use_id} on file {number}",
        },
        "trail.result_not_shown": {
            "vi": "Kết quả {items} không nằm trong các kết quả đã hiển thị của lần sử dụng {use_id}",
            "en": "Result {items} was not among the results shown by use {use_id}",
        },
        "trail.kind.use": {"vi": "Sử dụng trợ lý AI", "en": "AI assistant used"},
        "trail.kind.action": {"vi": "Thẩm định viên xử lý kết quả AI", "en": "Examiner acted on AI results"},
    }
)


# The table lives in the store's schema (migration 0003); the name stays for callers.
TrailRow = AssistTrailEntry


@dataclass(frozen=True)
class TrailEntry:
    id: int
    file_number: str
    kind: str
    use_id: int | None
    assistant: str
    at: datetime
    actor: str
    model: str | None
    model_version: str | None
    index_version: str | None
    body: dict[str, Any]
    hash: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "file_number": self.file_number,
            "kind": self.kind,
            "use_id": self.use_id,
            "assistant": self.assistant,
            "at": self.at.isoformat(),
            "actor": self.actor,
            "model": self.model,
            "model_version": self.model_version,
            "index_version": self.index_version,
            **self.body,
            "hash": self.hash,
        }


def ensure_table(bind: Engine | Session) -> None:
    """Refuse clearly when the database has not been migrated to include ``assist_trail`` (migration 0003)."""
    conn = bind.connection() if isinstance(bind, Session) else None
    if conn is not None:
        present = inspect(conn).has_table(TrailRow.__tablename__)
    else:
        with bind.connect() as c:  # type: ignore[union-attr]
            present = inspect(c).has_table(TrailRow.__tablename__)
    if not present:
        raise UserError(
            "assist.trail.not_migrated", field="IPOFFICE_DATABASE_URL", rule="ipoffice db upgrade"
        )


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _content(row: TrailRow) -> dict[str, Any]:
    return {
        "file_number": row.file_number,
        "kind": row.kind,
        "use_id": row.use_id,
        "assistant": row.assistant,
        "at": _utc(row.at).isoformat(timespec="microseconds"),
        "actor": row.actor,
        "model": row.model,
        "model_version": row.model_version,
        "index_version": row.index_version,
        "body": row.body,
    }


def _hash(prev: str, row: TrailRow) -> str:
    text = json.dumps(_content(row), sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256((prev + text).encode()).hexdigest()


def _last_hash(session: Session, number: str) -> str:
    last = session.scalars(
        select(TrailRow.hash).where(TrailRow.file_number == number).order_by(TrailRow.id.desc()).limit(1)
    ).first()
    return last or GENESIS


def _entry(row: TrailRow) -> TrailEntry:
    return TrailEntry(
        row.id,
        row.file_number,
        row.kind,
        row.use_id,
        row.assistant,
        _utc(row.at),
        row.actor,
        row.model,
        row.model_version,
        row.index_version,
        dict(row.body),
        row.hash,
    )


def _append(session: Session, row: TrailRow) -> TrailEntry:
    ensure_table(session)
    row.prev_hash = _last_hash(session, row.file_number)
    row.at = _utc(row.at)
    row.hash = _hash(row.prev_hash, row)
    session.add(row)
    session.flush()
    return _entry(row)


def record_use(
    session: Session,
    number: str,
    assistant: str,
    *,
    query: dict[str, Any],
    results: list[dict[str, Any]],
    actor: str,
    model: str | None = None,
    model_version: str | None = None,
    index_version: str | None = None,
    at: datetime | None = None,
) -> TrailEntry:
    """Record that ``assistant`` was used on file ``number`` and showed ``results`` (each with at least ``id``)."""
    from ipoffice.office.record import get_file

    if assistant not in ASSISTANTS:
        raise UserError(
            "trail.unknown_assistant", field="assistant", value=assistant, allowed=", ".join(ASSISTANTS)
        )
    file = get_file(session, number)  # NotFound for an unknown number; the file row itself is not touched
    return _append(
        session,
        TrailRow(
            file_number=file.application_number,
            kind="use",
            use_id=None,
            assistant=assistant,
            at=at or datetime.now(UTC),
            actor=actor,
            model=model,
            model_version=model_version,
            index_version=index_version,
            body={"query": query, "results": results},
        ),
    )


def record_action(
    session: Session,
    number: str,
    use_id: int,
    action: str,
    *,
    actor: str,
    items: list[str] | None = None,
    note: str | None = None,
    at: datetime | None = None,
) -> TrailEntry:
    """Record what the examiner did with the results of use ``use_id`` (``items``: result ids it concerns)."""
    from ipoffice.office.record import get_file

    if action not in ACTIONS:
        raise UserError("trail.unknown_action", field="action", value=action, allowed=", ".join(ACTIONS))
    file = get_file(session, number)
    ensure_table(session)
    use = session.get(TrailRow, use_id)
    if use is None or use.kind != "use" or use.file_number != file.application_number:
        raise UserError("trail.use_not_found", field="use_id", use_id=use_id, number=number)
    shown = {str(r.get("id")) for r in use.body.get("results", [])}
    unknown = [i for i in items or [] if i not in shown]
    if unknown:
        raise UserError("trail.result_not_shown", field="items", items=", ".join(unknown[:5]), use_id=use_id)
    return _append(
        session,
        TrailRow(
            file_number=file.application_number,
            kind="action",
            use_id=use_id,
            assistant=use.assistant,
            at=at or datetime.now(UTC),
            actor=actor,
            model=use.model,
            model_version=use.model_version,
            index_version=use.index_version,
            body={"action": action, "items": list(items or []), "note": note},
        ),
    )


def trail_for(session: Session, number: str) -> list[TrailEntry]:
    """The file's trail, oldest first (empty when nothing was recorded)."""
    from ipoffice.office.record import get_file

    file = get_file(session, number)
    ensure_table(session)
    rows = session.scalars(
        select(TrailRow).where(TrailRow.file_number == file.application_number).order_by(TrailRow.id)
    )
    return [_entry(r) for r in rows]


def verify(session: Session, number: str) -> tuple[bool, int | None]:
    """``(True, None)`` when the file's chain is intact, else ``(False, id of the first bad row)``."""
    ensure_table(session)
    prev = GENESIS
    rows = session.scalars(select(TrailRow).where(TrailRow.file_number == number).order_by(TrailRow.id))
    for row in rows:
        if row.prev_hash != prev or _hash(prev, row) != row.hash:
            return False, row.id
        prev = row.hash
    return True, None


@dataclass(frozen=True)
class HistoryLine:
    """One line of a file's history: a procedural event or a trail entry, in time order."""

    at: datetime
    source: str  # event | ai
    code: str
    label: str
    actor: str
    detail: dict[str, Any]


def file_history(session: Session, number: str, lang: str | None = None) -> list[HistoryLine]:
    """The file's procedural events and its AI trail merged by the time they were recorded."""
    from ipoffice.core.rights import RightKind
    from ipoffice.office.events import event_label
    from ipoffice.office.record import get_file

    file = get_file(session, number)
    lines = []
    for e in file.events:
        try:
            label = event_label(e.code, RightKind(file.right_kind), lang)
        except (KeyError, ValueError):  # a code this version does not know: show it as it is
            label = e.code
        lines.append(
            HistoryLine(
                _utc(e.recorded_at),
                "event",
                e.code,
                label,
                e.actor,
                {"event_date": e.event_date.isoformat(), "legal_basis": e.legal_basis},
            )
        )
    for t in trail_for(session, number):
        detail: dict[str, Any] = {"assistant": t.assistant, "trail_id": t.id, "model": t.model}
        if t.kind == "use":
            detail["results"] = len(t.body.get("results", []))
            q = t.body.get("query", {})
            detail["query"] = str(q.get("text") or q.get("mark") or "")[:120]  # prior art: text; marks: mark
        else:
            detail.update(use_id=t.use_id, action=t.body.get("action"), items=t.body.get("items"))
        lines.append(
            HistoryLine(t.at, "ai", f"ai_{t.kind}", i18n.t(f"trail.kind.{t.kind}", lang), t.actor, detail)
        )
    return sorted(lines, key=lambda h: h.at)


def export(session: Session, number: str) -> dict[str, Any]:
    """The file's whole trail as JSON-ready data, with the chain's verification."""
    entries = trail_for(session, number)
    ok, bad = verify(session, number)
    return {
        "file_number": number,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "chain_intact": ok,
        "first_bad_entry": bad,
        "entries": [e.to_json() for e in entries],
    }
