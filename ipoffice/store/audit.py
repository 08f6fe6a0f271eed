"""The append-only, hash-chained audit log: every ORM insert, update and delete of an audited model.

A SQLAlchemy session event writes one :class:`~ipoffice.store.models.AuditEntry` per changed row in the same
transaction as the change (who: ``session.info["actor"]``; when; action; table and id; before and after as JSON).
Entries are chained: ``hash = sha256(prev_hash + canonical JSON of the entry)``, ids run 1, 2, 3 ... without gaps.
Appends are serialised: on SQLite by the write lock every transaction takes (``BEGIN IMMEDIATE``), on PostgreSQL
by a transaction-level advisory lock taken before the flush writes anything (so every writer takes its locks in
the same order: chain first, then rows). Database triggers refuse UPDATE and DELETE on the table.

Changes made with raw SQL (``session.execute(update(...))``) bypass the ORM unit of work and are not audited:
office services change rows through the ORM. The one exception is :func:`write_audited`, the bulk writer's insert
(:mod:`ipoffice.office.bulk`): it appends the same ``insert`` entries (full snapshot, listener's order) itself.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from enum import Enum
from json.encoder import encode_basestring as _encode_str
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Table,
    event,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.orm import Session, UOWTransaction

from ipoffice.core import i18n
from ipoffice.core.errors import UserError
from ipoffice.store.kinds import AuditAction
from ipoffice.store.models import AuditEntry, Base

GENESIS_HASH = "0" * 64
#: Key of the PostgreSQL advisory lock that serialises appends to the chain (any fixed 64-bit number).
CHAIN_LOCK_KEY = 0x1F0FF1CE_A0D17

i18n.register(
    {
        "store.no_actor": {
            "vi": "Không ghi được thay đổi: chưa xác định người thực hiện (nhật ký kiểm toán cần biết ai thay đổi).",
            "en": "Cannot write the change: no actor is set (the audit log must record who made it).",
        },
        "audit.ok": {
            "vi": "Nhật ký kiểm toán nguyên vẹn: {count} mục. Đầu chuỗi (lưu lại để đối chiếu với --anchor): {head}",
            "en": "Audit log intact: {count} entries. Head (keep it to check later with --anchor): {head}",
        },
        "audit.bad_anchor": {
            "vi": "Mốc đối chiếu «{anchor}» không đúng dạng <số mục>:<mã băm 64 ký tự>.",
            "en": "Anchor '{anchor}' is not of the form <entry id>:<64-character hash>.",
        },
        "audit.broken": {
            "vi": "Nhật ký kiểm toán bị can thiệp tại mục {entry_id}: {reason} ({count} mục đã kiểm tra).",
            "en": "Audit log tampered with at entry {entry_id}: {reason} ({count} entries checked).",
        },
    }
)


# --- canonical form ----------------------------------------------------------------------------------------


def jsonable(value: Any) -> Any:
    """``value`` as plain JSON data (dates as ISO text, enums as their value, decimals as text)."""
    if value is None or isinstance(value, bool | int | str):
        return value.value if isinstance(value, Enum) else value
    if isinstance(value, Enum):
        return jsonable(value.value)
    if isinstance(value, float):
        return value
    if isinstance(value, datetime):
        return utc_text(value)
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return {"sha256": hashlib.sha256(value).hexdigest(), "size": len(value)}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    return str(value)


def utc_text(moment: datetime) -> str:
    """A timestamp in UTC with microseconds; a naive value (SQLite gives those back) is taken as UTC."""
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(entry: dict[str, Any]) -> str:
    return json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(prev_hash: str, entry: dict[str, Any]) -> str:
    return hashlib.sha256((prev_hash + canonical(entry)).encode("utf-8")).hexdigest()


def hashed_fields(row: Any) -> dict[str, Any]:
    """The part of an entry the hash covers (everything but the hashes themselves)."""
    return {
        "id": row.id,
        "at": utc_text(row.at),
        "actor": row.actor,
        "action": row.action,
        "entity": row.entity,
        "entity_id": row.entity_id,
        "before": row.before,
        "after": row.after,
    }


# --- writing -----------------------------------------------------------------------------------------------


def lock_chain(connection: Connection) -> None:
    """Serialise appends to the chain until the transaction ends (PostgreSQL; SQLite already holds its lock)."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK_KEY})


def _audited(obj: Any) -> bool:
    return isinstance(obj, Base) and getattr(type(obj), "__audited__", False)


def _entity_id(obj: Any) -> str:
    mapper = inspect(obj).mapper
    values = mapper.primary_key_from_instance(obj)
    return ",".join(str(v) for v in values)


def _snapshot(obj: Any, *, unset_is_null: bool = False) -> dict[str, Any]:
    """Column values of ``obj``; after an insert a column never set is NULL, after a delete it was not loaded."""
    state = inspect(obj)
    values = {}
    for attr in state.mapper.column_attrs:
        if attr.key in state.dict:
            values[attr.key] = jsonable(state.dict[attr.key])
        elif unset_is_null:
            values[attr.key] = None
    return values


def _changes(obj: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(obj)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        hist = state.attrs[attr.key].history
        if hist.added or hist.deleted:
            before[attr.key] = jsonable(hist.deleted[0]) if hist.deleted else None
            after[attr.key] = jsonable(hist.added[0]) if hist.added else None
    version_col = state.mapper.version_id_col
    if version_col is not None and before:
        key = state.mapper.get_property_by_column(version_col).key
        after[key] = jsonable(state.dict.get(key))
        if isinstance(after[key], int):  # SQLAlchemy's version counter steps by one
            before[key] = after[key] - 1
    return before, after


def _flush_order(change: tuple[str, Any, Any, Any]) -> tuple[int, int, str]:
    """Inserts parents first, then updates, then deletes children first; by table, then by id within a table."""
    action, obj = change[0], change[1]
    rank = _TABLE_RANK.get(obj.__table__.name, 0)
    if action == AuditAction.INSERT:
        return (0, rank, f"{_entity_id(obj):>20}")
    if action == AuditAction.UPDATE:
        return (1, rank, f"{_entity_id(obj):>20}")
    return (2, -rank, f"{_entity_id(obj):>20}")


_TABLE_RANK = {t.name: i for i, t in enumerate(Base.metadata.sorted_tables)}


def _actor(session: Session) -> str:
    actor = session.info.get("actor")
    if not actor:
        raise UserError("store.no_actor", field="actor", rule="audit log: who made the change")
    return str(actor)


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _ctx: UOWTransaction, _instances: Any) -> None:
    if any(_audited(o) for group in (session.new, session.dirty, session.deleted) for o in group):
        _actor(session)
        lock_chain(session.connection())


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _ctx: UOWTransaction) -> None:
    pending: list[tuple[str, Any, dict[str, Any] | None, dict[str, Any] | None]] = []
    for obj in session.new:
        if _audited(obj):
            pending.append((AuditAction.INSERT, obj, None, _snapshot(obj, unset_is_null=True)))
    for obj in session.dirty:
        if _audited(obj) and session.is_modified(obj, include_collections=False):
            before, after = _changes(obj)
            if before or after:
                pending.append((AuditAction.UPDATE, obj, before, after))
    for obj in session.deleted:
        if _audited(obj):
            pending.append((AuditAction.DELETE, obj, _snapshot(obj), None))
    if pending:
        pending.sort(key=_flush_order)
        append_entries(
            session.connection(),
            _actor(session),
            [(str(action), obj.__table__.name, _entity_id(obj), b, a) for action, obj, b, a in pending],
        )


def _dumps(value: Any) -> str:
    """The canonical JSON text of one value (as :func:`canonical` writes it inside an entry)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _chain_head(connection: Connection) -> tuple[int, str]:
    """The last entry's id and hash (0 and the genesis hash for an empty log), after taking the chain's lock."""
    lock_chain(connection)
    table = cast(Table, AuditEntry.__table__)
    head = connection.execute(select(table.c.id, table.c.hash).order_by(table.c.id.desc()).limit(1)).first()
    return (head.id, head.hash) if head else (0, GENESIS_HASH)


def _chain(
    last_id: int, prev: str, actor: str, now: datetime, entries: Iterable[tuple[str, str, str, str, str]]
) -> list[tuple[int, str, str, str, str, str, str, str]]:
    """Hash-chain ``(action, entity, entity_id, before JSON, after JSON)`` after entry ``last_id`` / ``prev``:
    ``(id, action, entity, entity_id, before JSON, after JSON, prev_hash, hash)`` per entry.

    The hashed text is :func:`canonical` of :func:`hashed_fields`, assembled from each value's JSON (keys in sorted
    order: action, actor, after, at, before, entity, entity_id, id), so ``before`` and ``after`` are serialised
    once, for the hash and for the row.
    """
    actor_json, at_json = _dumps(actor), _dumps(utc_text(now))
    names: dict[str, str] = {}  # the JSON of actions and table names, which repeat
    sha256 = hashlib.sha256
    out = []
    for offset, (action, entity, entity_id, before_json, after_json) in enumerate(entries, start=1):
        entry_id = last_id + offset
        action_json = names.get(action) or names.setdefault(action, _dumps(action))
        entity_json = names.get(entity) or names.setdefault(entity, _dumps(entity))
        id_json = f'"{entity_id}"' if entity_id.isdigit() else _dumps(entity_id)
        text_ = (
            f'{{"action":{action_json},"actor":{actor_json},"after":{after_json},"at":{at_json},'
            f'"before":{before_json},"entity":{entity_json},"entity_id":{id_json},"id":{entry_id}}}'
        )
        digest = sha256((prev + text_).encode("utf-8")).hexdigest()
        out.append((entry_id, action, entity, entity_id, before_json, after_json, prev, digest))
        prev = digest
    return out


def append_entries(
    connection: Connection,
    actor: str,
    changes: list[tuple[str, str, str, dict[str, Any] | None, dict[str, Any] | None]],
) -> list[int]:
    """Append ``(action, entity, entity_id, before, after)`` entries to the chain; returns their ids."""
    last_id, prev = _chain_head(connection)
    now = datetime.now(UTC)
    chained = _chain(
        last_id,
        prev,
        actor,
        now,
        (
            (a, e, i, "null" if b is None else _dumps(b), "null" if f is None else _dumps(f))
            for a, e, i, b, f in changes
        ),
    )
    _insert_chained(connection, actor, now, chained, {k: (b, f) for k, (*_, b, f) in enumerate(changes)})
    return [c[0] for c in chained]


def _insert_chained(
    connection: Connection,
    actor: str,
    now: datetime,
    chained: list[tuple[int, str, str, str, str, str, str, str]],
    values: dict[int, tuple[Any, Any]] | None = None,
) -> None:
    """Insert chained entries: on SQLite their JSON text as it was hashed; elsewhere the JSON type writes
    ``values`` (before, after by position) when given, else the parsed text."""
    if connection.dialect.name == "sqlite":
        at = _sqlite_datetime(connection, now)
        connection.exec_driver_sql(
            "INSERT INTO audit_log (id, at, actor, action, entity, entity_id, before, after, prev_hash, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(i, at, actor, a, e, eid, b, f, p, h) for i, a, e, eid, b, f, p, h in chained],
        )
        return
    rows = []
    for k, (i, a, e, eid, b, f, p, h) in enumerate(chained):
        before, after = values[k] if values is not None else (json.loads(b), json.loads(f))
        rows.append(
            {
                "id": i,
                "at": now,
                "actor": actor,
                "action": a,
                "entity": e,
                "entity_id": eid,
                "before": before,
                "after": after,
                "prev_hash": p,
                "hash": h,
            }
        )
    connection.execute(insert(cast(Table, AuditEntry.__table__)), rows)


def _sqlite_datetime(connection: Connection, moment: datetime) -> Any:
    """``moment`` as SQLAlchemy's SQLite ``DateTime`` stores it (the type's own bind processor)."""
    proc = DateTime(timezone=True).dialect_impl(connection.dialect).bind_processor(connection.dialect)
    return proc(moment) if proc else moment


# --- writing many rows at once -------------------------------------------------------------------------------


def _json_of(kind: str) -> Callable[[Any], str]:
    """The canonical JSON text of a column value of ``kind`` (what :func:`jsonable` then :func:`_dumps` give)."""
    if kind == "date":
        return lambda v: "null" if v is None else f'"{v.isoformat()}"'
    if kind == "datetime":
        return lambda v: "null" if v is None else f'"{utc_text(v)}"'
    if kind == "int":
        return lambda v: "null" if v is None else ("true" if v is True else "false" if v is False else str(v))
    if kind == "str":
        return _str_text
    if kind == "json":
        return _json_value_text
    return _json_text


def _str_text(value: Any) -> str:
    return "null" if value is None else _encode_str(value)  # str and str enums: what json.dumps writes


def _json_value_text(value: Any) -> str:
    """A JSON column's value: plain JSON data as it is; anything else (dates ...) through :func:`jsonable`."""
    try:
        return _dumps(value)
    except (TypeError, ValueError):
        return _dumps(jsonable(value))


def _json_text(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):  # str and str enums: what json.dumps writes for them
        return _encode_str(value)
    return _dumps(jsonable(value))


def _column_kind(col: Column[Any]) -> str:
    if isinstance(col.type, JSON):
        return "json"
    try:
        py = col.type.python_type
    except NotImplementedError:
        return "other"
    if py is datetime:
        return "datetime"
    if py is date:
        return "date"
    if py is int:
        return "int"
    if py is str or (isinstance(py, type) and issubclass(py, str)):
        return "str"
    return "other"


def write_audited(
    connection: Connection, actor: str, written: list[tuple[Table, list[dict[str, Any]]]]
) -> int:
    """Insert rows with Core (one ``executemany`` per table, in the order given: parents first) and append one
    ``insert`` entry per row to the audit chain with the row's full snapshot, in the listener's order (tables
    parents first, then by id), as an ORM flush of those rows would. Every row names every column of its table
    and its ``id``. Returns the number of rows.

    On SQLite each value is converted by the column type's own bind processor (what Core would store) and each
    row's snapshot is serialised once, for the hash and the entry (:func:`prepare_sqlite_inserts`, then
    :func:`insert_prepared`).
    """
    if connection.dialect.name != "sqlite":
        for table, rows in written:
            connection.execute(insert(table), rows)
        audit_inserts(connection, actor, written)
        return sum(len(rows) for _, rows in written)
    return insert_prepared(connection, actor, prepare_sqlite_inserts(connection.dialect, as_tuples(written)))


def as_tuples(
    written: list[tuple[Table, list[dict[str, Any]]]],
) -> list[tuple[Table, list[tuple[Any, ...]]]]:
    """Each row's values in its table's column order (what :func:`prepare_sqlite_inserts` takes)."""
    out = []
    for table, rows in written:
        pick = itemgetter(*(c.name for c in table.columns))
        out.append((table, [pick(row) for row in rows]))
    return out


@dataclass
class PreparedInserts:
    """Rows ready for SQLite's driver and their audit entries' text, not yet chained.

    Plain data (strings, numbers, ``None``): it can be built in another process than the one that writes it (a
    worker building the next batch while this one is written) and sent over a pipe.
    """

    tables: list[
        tuple[str, list[str], list[tuple[Any, ...]]]
    ]  # table, columns, rows as the driver takes them
    entries: list[tuple[str, str, str, str]]  # (entity, entity_id, before JSON, after JSON) in chain order


def prepare_sqlite_inserts(
    dialect: Dialect, written: list[tuple[Table, list[tuple[Any, ...]]]]
) -> PreparedInserts:
    """The driver's values of every row (each column type's own bind processor) and each row's ``insert``
    snapshot as canonical JSON, in the listener's order (tables parents first, then by id). ``written`` gives each
    table's rows as tuples of its columns' values in column order (:func:`as_tuples`)."""
    entries: list[tuple[int, int, str, str, str, str]] = []  # rank, id, then the entry
    moments: dict[int, tuple[Any, Any, str]] = {}
    tables: list[tuple[str, list[str], list[tuple[Any, ...]]]] = []
    for table, rows in written:
        cols = list(table.columns)
        names = [c.name for c in cols]
        id_at = names.index("id")
        kinds = [_column_kind(c) for c in cols]
        procs = [c.type.dialect_impl(dialect).bind_processor(dialect) for c in cols]  # what Core would store
        order = sorted(range(len(cols)), key=lambda i: names[i])
        assert not any("{" in n or "}" in n for n in names)
        convert = list(zip(kinds, [_json_of(k) for k in kinds], procs, strict=True))
        # the snapshot's JSON: keys in sorted order, each value's text in its place
        snapshot = "{{" + ",".join(f'"{names[i]}":{{{i}}}' for i in order) + "}}"
        entity = f"{table.name}"  # a plain str (the name is SQLAlchemy's str subclass)
        rank = _TABLE_RANK.get(table.name, 0)
        out = []
        for row in rows:
            texts: list[str] = []
            stored: list[Any] = []
            for v, (kind, to_json, proc) in zip(row, convert, strict=True):
                if kind == "datetime" and v is not None:  # a batch stamps its rows with one moment
                    hit = moments.get(id(v))
                    if hit is None or hit[0] is not v:
                        hit = moments[id(v)] = (v, proc(v) if proc else v, f'"{utc_text(v)}"')
                    stored.append(hit[1])
                    texts.append(hit[2])
                    continue
                texts.append(to_json(v))
                stored.append(proc(v) if proc is not None and (v is not None or kind == "json") else v)
            out.append(tuple(stored))
            row_id = row[id_at]
            entries.append((rank, row_id, entity, str(row_id), "null", snapshot.format(*texts)))
        tables.append((entity, names, out))
    entries.sort(key=lambda e: (e[0], e[1]))
    return PreparedInserts(tables, [e[2:] for e in entries])


def insert_prepared(connection: Connection, actor: str, prepared: PreparedInserts) -> int:
    """Insert :func:`prepare_sqlite_inserts`' rows and chain their audit entries after the log's head (SQLite, in
    the caller's transaction). Returns the number of rows."""
    for name, names, out in prepared.tables:
        connection.exec_driver_sql(
            f"INSERT INTO {name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})", out
        )
    last_id, prev = _chain_head(connection)
    now = datetime.now(UTC)
    action = str(AuditAction.INSERT)
    chained = _chain(last_id, prev, actor, now, ((action, t, i, b, f) for t, i, b, f in prepared.entries))
    _insert_chained(connection, actor, now, chained)
    return len(prepared.entries)


def row_snapshots(table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the listener's ``insert`` entry holds for each row (every column, :func:`jsonable`): a column absent
    from a row is NULL, as after an ORM insert. Dates, datetimes and plain values are converted column by column
    (the values :func:`jsonable` gives, faster)."""
    convert: list[tuple[str, Callable[[Any], Any]]] = []
    for col in table.columns:
        kind = _column_kind(col)
        fn: Callable[[Any], Any] = jsonable
        if kind == "datetime":
            fn = _datetime_text
        elif kind == "date":
            fn = _date_text
        convert.append((col.name, fn))
    return [{name: fn(row.get(name)) for name, fn in convert} for row in rows]


def _date_text(value: Any) -> Any:
    return value.isoformat() if value is not None else None


def _datetime_text(value: Any) -> Any:
    return utc_text(value) if value is not None else None


def audit_inserts(
    connection: Connection, actor: str, written: list[tuple[Table, list[dict[str, Any]]]]
) -> None:
    """Append one ``insert`` entry per row written with Core, in the listener's order (tables parents first, then
    by id): the chain an ORM flush of those rows would have written."""
    changes: list[tuple[str, str, str, dict[str, Any] | None, dict[str, Any] | None]] = []
    for table, rows in sorted(written, key=lambda tr: _TABLE_RANK.get(tr[0].name, 0)):
        ordered = sorted(rows, key=lambda r: r["id"])
        for row, snap in zip(ordered, row_snapshots(table, ordered), strict=True):
            changes.append((str(AuditAction.INSERT), table.name, str(row["id"]), None, snap))
    if changes:
        append_entries(connection, actor, changes)


# --- reading -----------------------------------------------------------------------------------------------


def audit_history(
    session: Session, entity: str | None = None, entity_id: str | int | None = None, limit: int | None = None
) -> list[AuditEntry]:
    """Entries, newest first, optionally for one table (``files``) and one row id."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc())
    if entity is not None:
        query = query.where(AuditEntry.entity == entity)
    if entity_id is not None:
        query = query.where(AuditEntry.entity_id == str(entity_id))
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))


# --- verifying ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditReport:
    """The result of :func:`verify_audit`: how many entries were checked and the first broken one, if any."""

    entries_checked: int
    head_hash: str
    broken_entry_id: int | None = None
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.broken_entry_id is None

    @property
    def head(self) -> str:
        """``"<last id>:<last hash>"``: keep it outside the database to detect a truncated or rewritten log."""
        return f"{self.entries_checked}:{self.head_hash}"

    def summary(self, lang: str | None = None) -> str:
        if self.ok:
            return i18n.t("audit.ok", lang, count=self.entries_checked, head=self.head)
        return i18n.t(
            "audit.broken",
            lang,
            entry_id=self.broken_entry_id,
            reason=self.reason,
            count=self.entries_checked,
        )


def verify_audit(session: Session, batch: int = 2000, anchor: str | None = None) -> AuditReport:
    """Walk the chain from entry 1 and recompute every hash; stop at the first entry that does not fit.

    Detects an edited entry (its hash no longer matches), a deleted or inserted entry (a gap in the ids or a
    ``prev_hash`` that is not the previous entry's hash) and a replaced hash. Cutting off the tail of the log,
    or rewriting the whole chain, is only visible against a head kept elsewhere: ``anchor`` is an earlier
    report's :attr:`AuditReport.head` (``"<id>:<hash>"``, printed by ``ipoffice audit verify``; publish it, e.g.
    in the gazette), and the chain must still contain that entry with that hash.
    """
    anchor_id, anchor_hash = _parse_anchor(anchor) if anchor else (None, None)
    anchor_seen = False
    table = AuditEntry.__table__
    prev, expected_id, checked = GENESIS_HASH, 1, 0
    last_seen = 0
    while True:
        rows = session.execute(
            select(table).where(table.c.id > last_seen).order_by(table.c.id).limit(batch)
        ).all()
        if not rows:
            if anchor_id is not None and not anchor_seen:
                return AuditReport(
                    checked, prev, anchor_id, f"anchored entry {anchor_id} is gone (log truncated)"
                )
            return AuditReport(checked, prev)
        for row in rows:
            if row.id != expected_id:
                return AuditReport(
                    checked, prev, expected_id, f"entry {expected_id} is missing (next is {row.id})"
                )
            if row.prev_hash != prev:
                return AuditReport(
                    checked, prev, row.id, "prev_hash does not match the previous entry's hash"
                )
            if entry_hash(prev, hashed_fields(row)) != row.hash:
                return AuditReport(
                    checked, prev, row.id, "content does not match its hash (entry was altered)"
                )
            if row.id == anchor_id:
                if row.hash != anchor_hash:
                    return AuditReport(
                        checked, prev, row.id, "hash differs from the anchored head (chain was rewritten)"
                    )
                anchor_seen = True
            prev, expected_id, checked = row.hash, expected_id + 1, checked + 1
        last_seen = rows[-1].id


def _parse_anchor(anchor: str) -> tuple[int, str]:
    entry_id, _, digest = anchor.strip().partition(":")
    if not entry_id.isdigit() or len(digest) != 64:
        raise UserError("audit.bad_anchor", field="anchor", anchor=anchor)
    return int(entry_id), digest.lower()
