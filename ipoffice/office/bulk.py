"""Writing many files with their whole history in one go (demo loads, register migrations): rows built in Python,
written with SQLAlchemy Core, one ``INSERT`` per table per batch, audited like an ORM flush.

The services (:mod:`ipoffice.office.filing`, :mod:`~ipoffice.office.record`, :mod:`~ipoffice.office.grant` ...)
flush after every step so that each call stands alone: ~20 rows, ~13 flushes and as many audit appends per file.
:class:`BulkWriter` takes the same steps on files it builds itself, with the services' own checks and values
(their pure parts, shared: :func:`~ipoffice.office.filing.plan_application`,
:func:`~ipoffice.office.record.next_event`, :func:`~ipoffice.office.grant.check_grantable`,
:func:`~ipoffice.office.payments.grant_fee_values`, :func:`~ipoffice.office.maintenance.replayed_annuity_payload`,
:func:`~ipoffice.office.recordals.check_licence`, :func:`~ipoffice.office.disputes.check_opposition` ...), keeps the
rows in memory as :class:`Row` objects (dicts readable as the ORM objects those pure parts expect) and writes them
in :meth:`BulkWriter.write`:

* ids are taken per table in the batch's transaction (SQLite: after the largest id, under the write lock the
  transaction holds; PostgreSQL: from the table's sequence), numbers through the store's gapless allocator
  (:class:`~ipoffice.store.numbering.NumberBlock`: one locked counter row per series);
* every row is inserted in its final state (a file stepped ten times is one row, not one insert and ten updates);
  a row the steps remove again (an assignor's file-party row) is never written;
* the audit log gets one ``insert`` entry per row with its full snapshot, hash-chained in the listener's order
  (:func:`~ipoffice.store.audit.audit_inserts`).

A fault raises the service's ``UserError``/``Conflict`` before anything is written; the caller's transaction
decides what survives (the demo loader retries such a batch through the services, which name the file).
Only files built by the writer can be stepped by it. Annuities are recorded as history only (a session opened
with a ``purpose`` of :data:`ipoffice.office.payments.HISTORY_PURPOSES`: fees settled elsewhere); grants outside
history check the grant fees as the service does, and the writer takes no payments, so they are refused.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Table, func, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from ipoffice.core import i18n
from ipoffice.core.errors import Conflict, UserError
from ipoffice.core.rights import RightKind
from ipoffice.office import disputes, recordals
from ipoffice.office.annuities import annuity_deadlines
from ipoffice.office.clock import file_dates
from ipoffice.office.events import EventCode as E
from ipoffice.office.filing import FilingRequest, PartyInput, party_values, plan_application
from ipoffice.office.grant import check_grantable, granted_payload, owners_to_add, term_end
from ipoffice.office.maintenance import annuity_key, paid_annuity, renewed_expiry, replayed_annuity_payload
from ipoffice.office.payments import grant_fee_values, replaying_history
from ipoffice.office.record import next_event
from ipoffice.office.workflow import Status, apply
from ipoffice.store.audit import (
    as_tuples,
    insert_prepared,
    lock_chain,
    prepare_sqlite_inserts,
    write_audited,
)
from ipoffice.store.kinds import CaseKind, CasePartyRole, FilePartyRole, RecordalKind, RecordalPartyRole
from ipoffice.store.models import Base, fold_name, utcnow
from ipoffice.store.numbering import (
    CONTINUOUS,
    NumberBlock,
    advance_counter,
    application_series,
    certificate_series,
    format_application_number,
    format_certificate_number,
    read_counters,
)

i18n.register(
    {
        "office.bulk.history_only": {
            "vi": "Ghi hàng loạt chỉ ghi lại phí duy trì đã nộp trong quá khứ (phiên nhập lịch sử); "
            "hãy dùng dịch vụ nộp phí duy trì",
            "en": "The bulk writer records past annuity payments only (a history import session); "
            "use the annuity service",
        },
        "office.bulk.oppositions_only": {
            "vi": "Ghi hàng loạt chỉ quyết định vụ phản đối; vụ {value} phải qua dịch vụ giải quyết tranh chấp",
            "en": "The bulk writer decides oppositions only; case {value} goes through the disputes service",
        },
        "office.bulk.foreign_file": {
            "vi": "Hồ sơ {number} không do lần ghi hàng loạt này tạo ra",
            "en": "File {number} was not built by this bulk writer",
        },
    }
)

TABLES: dict[str, Table] = {t.name: t for t in Base.metadata.sorted_tables}
_ID_CHUNK = 1000


class Row(dict[str, Any]):
    """A row to insert: a dict of every column, readable and writable as attributes like the ORM object it stands
    for; other attributes (``events``, ``parties``, ``party`` ...) hold the related rows and are not written."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        if name in self:
            self[name] = value
        else:
            object.__setattr__(self, name, value)


def _defaults(table: Table) -> list[tuple[str, str, Any]]:
    """``(column, kind, value)``: ``kind`` is ``value`` (a scalar default or NULL), ``now``, ``dict`` or ``list``
    (a fresh one per row), as the ORM's column defaults give them."""
    out: list[tuple[str, str, Any]] = []
    for col in table.columns:
        default = col.default
        if col.name == "version_id":
            out.append((col.name, "value", 1))  # the ORM's version counter starts at 1
        elif default is None:
            out.append((col.name, "value", None))
        elif getattr(default, "is_callable", False):
            sample = default.arg(None)  # type: ignore[attr-defined]
            kind = "now" if isinstance(sample, datetime) else "dict" if isinstance(sample, dict) else "list"
            if not isinstance(sample, datetime | dict | list):
                raise TypeError(f"unexpected default of {table.name}.{col.name}")
            out.append((col.name, kind, None))
        else:
            out.append((col.name, "value", getattr(default, "arg", None)))
    return out


_DEFAULTS = {name: _defaults(t) for name, t in TABLES.items()}


class BulkWriter:
    """Files and their steps built in memory in the caller's transaction and written by :meth:`write`.

    The step methods take the :class:`Row` of a file built by :meth:`file_application` and mirror the services of
    the same name (same checks in the same order, same rows, same event payloads).
    """

    def __init__(
        self,
        session: Session | None,
        *,
        actor: str,
        today: date | None = None,
        counters: Counters | None = None,
        history: bool | None = None,
    ) -> None:
        """A writer in ``session``'s transaction; or, with ``counters`` (and ``history``, the session's
        :func:`~ipoffice.office.payments.replaying_history`) and no session, a writer that only builds: ids and
        numbers are counted on from ``counters`` and :meth:`build` hands the batch to a :func:`write_built` in the
        writing process (a worker building batches ahead of it)."""
        self.session = session
        self.actor = actor
        self.today = today
        self.now = utcnow()
        self.counters = counters
        self.numbers: NumberBlock | CountedNumbers
        if session is None:
            if counters is None or history is None:
                raise TypeError("a writer without a session needs counters and history")
            self.conn: Connection | None = None
            self.history = history
            self.numbers = CountedNumbers(counters.numbers)
        else:
            self.conn = session.connection()
            self.history = replaying_history(session) if history is None else history
            lock_chain(self.conn)  # chain first, then rows (PostgreSQL), as every writer does
            self.numbers = NumberBlock(self.conn)
        self.rows: dict[str, dict[int, Row]] = defaultdict(dict)
        self._pool: dict[str, list[int]] = {}
        self._next: dict[str, int] = {}
        self._first: dict[str, int] = {}
        self._annuities: dict[Any, dict[int, Any]] = {}
        self._folded: dict[str, str] = {}
        self._templates: dict[str, tuple[dict[str, Any], tuple[tuple[str, bool], ...]]] = {}
        self.events = 0

    # --- rows -----------------------------------------------------------------------------------------------

    def _next_id(self, table: str) -> int:
        if self.counters is not None:  # counted on in memory; write_built checks them under the write lock
            counted = self.counters.ids[table]
            self.counters.ids[table] = counted + 1
            self._first.setdefault(table, counted)
            return counted
        assert self.conn is not None
        if self.conn.dialect.name == "postgresql":  # a chunk of the table's sequence at a time
            pool = self._pool.setdefault(table, [])
            if not pool:
                got = self.conn.execute(
                    text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)"),
                    {"t": table, "n": _ID_CHUNK},
                ).scalars()
                pool.extend(sorted(got, reverse=True))
            return int(pool.pop())
        # SQLite: the transaction holds the write lock, nobody else inserts meanwhile
        value = self._next.get(table)
        if value is None:
            t = TABLES[table]
            value = int(self.conn.execute(select(func.coalesce(func.max(t.c.id), 0))).scalar_one()) + 1
        self._next[table] = value + 1
        return value

    def _template(self, table: str) -> tuple[dict[str, Any], tuple[tuple[str, bool], ...]]:
        """The defaults of ``table`` as one dict to copy, and the columns that need a fresh dict (or list)."""
        base: dict[str, Any] = {}
        fresh: list[tuple[str, bool]] = []
        for name, kind, default in _DEFAULTS[table]:
            if kind == "value":
                base[name] = default
            elif kind == "now":
                base[name] = self.now
            else:
                base[name] = None
                fresh.append((name, kind == "dict"))
        found = self._templates[table] = (base, tuple(fresh))
        return found

    def new_row(self, table: str, **values: Any) -> Row:
        """A row of ``table`` with the ORM's defaults, a new id and ``values``; written by :meth:`write`."""
        base, fresh = self._templates.get(table) or self._template(table)
        row = Row(base)
        for name, is_dict in fresh:
            if name not in values:
                row[name] = {} if is_dict else []
        row["id"] = self._next_id(table)
        row.update(values)
        self.rows[table][row["id"]] = row
        return row

    def _party_row(self, values: dict[str, Any]) -> Row:
        name = values["name"]
        folded = self._folded.get(name)
        if folded is None:  # the models' fold, memoised: representatives and applicants recur
            folded = self._folded[name] = fold_name(name)
        return self.new_row("parties", name_folded=folded, **values)

    def _party(self, p: PartyInput) -> Row:
        return self._party_row(party_values(p))

    def _file_party(self, file: Row, party: Row, role: FilePartyRole, position: int) -> Row:
        fp = self.new_row("file_parties", file_id=file.id, party_id=party.id, role=role, position=position)
        fp.party = party
        file.parties.append(fp)
        return fp

    # --- filing and plain steps -----------------------------------------------------------------------------

    def file_application(self, req: FilingRequest) -> Row:
        """:func:`ipoffice.office.filing.file_application`: validate, number, build, ``filed``."""
        plan = plan_application(req, self.today)
        right, filing = plan.checked.right, plan.checked.filing_date
        serial = self.numbers.next(application_series(right), filing.year)
        file = self.new_row(
            "files", application_number=format_application_number(right, filing.year, serial), **plan.file
        )
        file.events, file.parties, file.fees = [], [], []
        file.priority_claims, file.classifications, file.recordals, file.cases = [], [], [], []
        file.state = None
        for values, role, position in plan.parties:
            party = self._party_row(values)
            self._file_party(file, party, role, position)
        for values in plan.priorities:
            file.priority_claims.append(self.new_row("priority_claims", file_id=file.id, **values))
        for values in plan.classifications:
            file.classifications.append(self.new_row("classifications", file_id=file.id, **values))
        for values in plan.fees:
            file.fees.append(self.new_row("fees", file_id=file.id, **values))
        self.record(
            file,
            E.FILED,
            on=filing,
            payload={"regime": plan.regime, "priorities": len(plan.checked.priorities)},
        )
        return file

    def _own(self, file: Row) -> None:
        if self.rows["files"].get(int(file.get("id") or 0)) is not file:
            raise UserError(
                "office.bulk.foreign_file",
                field="number",
                rule="bulk writer",
                number=file.get("application_number"),
            )

    def record(
        self,
        file: Row,
        code: E | str,
        *,
        on: date,
        payload: dict[str, Any] | None = None,
        basis: str | None = None,
        exclusive: bool = False,
    ) -> Row:
        """:func:`ipoffice.office.record.record_event`: one event and the file's derived columns."""
        self._own(file)
        step = next_event(
            file,
            code,
            on=on,
            actor=self.actor,
            basis=basis,
            payload=payload,
            exclusive=exclusive,
            today=self.today,
            state=file.state,
        )
        event = self.new_row("events", file_id=file.id, **step.values)
        file.events.append(event)
        file.update(step.changes)
        file.state = step.state
        file.updated_at = self.now
        self.events += 1
        return event

    def _check(self, file: Row, code: E) -> None:
        """The transition table first, as the services check it before anything else."""
        self._own(file)
        apply(file.state, code, RightKind(file.right_kind), file.regime_id or "")

    # --- grant and maintenance ------------------------------------------------------------------------------

    def notify_intended_grant(self, file: Row, *, on: date) -> Row:
        """:func:`ipoffice.office.examination.notify_intended_grant`: the step, then the grant fees."""
        event = self.record(file, E.INTENDED_GRANT_NOTIFIED, on=on)
        for values in grant_fee_values(file, on):
            file.fees.append(self.new_row("fees", file_id=file.id, **values))
        return event

    def grant(self, file: Row, *, on: date) -> Row:
        """:func:`ipoffice.office.grant.grant` (without ``pay_key``): checks, certificate number, term, owners."""
        self._check(file, E.GRANTED)
        check_grantable(file, history=self.history)
        right = RightKind(file.right_kind)
        certificate = format_certificate_number(right, self.numbers.next(certificate_series(right)))
        event = self.record(file, E.GRANTED, on=on, payload=granted_payload(certificate, self.history))
        file.registration_number = certificate
        file.registration_date = on
        file.expiry_date = term_end(cast(Any, file))
        for fp in owners_to_add(file):
            self._file_party(file, fp.party, FilePartyRole.OWNER, fp.position)
        return event

    def pay_annuity(self, file: Row, *, on: date, year: int, key: str | None = None) -> Row:
        """:func:`ipoffice.office.maintenance.pay_annuity` replaying history (fees settled elsewhere)."""
        self._check(file, E.ANNUITY_PAID)
        key = key or annuity_key(file, year)
        known = paid_annuity(file, key)
        if known is not None:
            return cast(Row, known)
        if not self.history:
            raise UserError("office.bulk.history_only", field="year", rule="bulk writer")
        dates = file_dates(cast(Any, file))
        deadlines = self._annuities.get(dates)
        if deadlines is None:
            deadlines = self._annuities[dates] = annuity_deadlines(cast(Any, file))
        payload = replayed_annuity_payload(file, on, year, key, deadlines)
        return self.record(file, E.ANNUITY_PAID, on=on, payload=payload)

    def renew(self, file: Row, *, on: date) -> Row:
        """:func:`ipoffice.office.maintenance.renew`: the expiry date moves on by one renewal period."""
        event = self.record(file, E.RENEWED, on=on)
        expiry = renewed_expiry(file)
        if expiry is not None:
            file.expiry_date = expiry
        return event

    # --- recordals --------------------------------------------------------------------------------------------

    def _recordal(
        self,
        file: Row,
        kind: RecordalKind,
        on: date,
        holders: list[Any],
        holder_role: RecordalPartyRole,
        party: Row,
        party_role: RecordalPartyRole,
        **details: Any,
    ) -> Row:
        rec = self.new_row("recordals", file_id=file.id, **recordals.recordal_values(kind, on, **details))
        for i, fp in enumerate(holders):
            self.new_row(
                "recordal_parties", recordal_id=rec.id, party_id=fp.party_id, role=holder_role, position=i
            )
        self.new_row("recordal_parties", recordal_id=rec.id, party_id=party.id, role=party_role, position=0)
        file.recordals.append(rec)
        return rec

    def record_assignment(self, file: Row, assignee: PartyInput, *, on: date) -> Row:
        """:func:`ipoffice.office.recordals.record_assignment`: the assignee replaces the holders."""
        self._check(file, E.ASSIGNMENT_RECORDED)
        holders = recordals.holders(file)
        party = self._party(assignee)
        rec = self._recordal(
            file,
            RecordalKind.ASSIGNMENT,
            on,
            holders,
            RecordalPartyRole.ASSIGNOR,
            party,
            RecordalPartyRole.ASSIGNEE,
        )
        event = self.record(
            file,
            E.ASSIGNMENT_RECORDED,
            on=on,
            payload={
                "recordal_id": rec.id,
                "assignee_party_id": party.id,
                "assignor_party_ids": [fp.party_id for fp in holders],
            },
        )
        role = holders[0].role
        for fp in holders:  # never written: the service inserts and deletes them
            file.parties.remove(fp)
            del self.rows["file_parties"][fp.id]
        self._file_party(file, party, role, 0)
        return event

    def record_licence(
        self,
        file: Row,
        licensee: PartyInput,
        *,
        on: date,
        exclusive: bool,
        territory: str = "VN",
        start: date | None = None,
        end: date | None = None,
        scope: str = "",
    ) -> Row:
        """:func:`ipoffice.office.recordals.record_licence`."""
        self._check(file, E.LICENCE_RECORDED)
        start = start or on
        recordals.check_licence(file, start=start, end=end, exclusive=exclusive, territory=territory)
        holders = recordals.holders(file)
        party = self._party(licensee)
        rec = self._recordal(
            file,
            RecordalKind.LICENCE,
            on,
            holders,
            RecordalPartyRole.LICENSOR,
            party,
            RecordalPartyRole.LICENSEE,
            effective_date=start,
            end_date=end,
            exclusive=exclusive,
            territory=territory,
            scope=scope,
        )
        event = self.record(
            file,
            E.LICENCE_RECORDED,
            on=on,
            exclusive=exclusive,
            payload={"recordal_id": rec.id, "exclusive": exclusive, "territory": territory},
        )
        position = sum(1 for fp in file.parties if fp.role == FilePartyRole.LICENSEE)
        self._file_party(file, party, FilePartyRole.LICENSEE, position)
        return event

    # --- disputes ---------------------------------------------------------------------------------------------

    def _case_event(
        self,
        case: Row,
        code: str,
        on: date,
        *,
        due: date | None = None,
        basis: str | None = None,
        payload: dict[str, Any] | None = None,
    ) -> Row:
        ev = self.new_row(
            "case_events",
            case_id=case.id,
            sequence=len(case.events) + 1,
            code=code,
            event_date=on,
            recorded_at=self.now,
            actor=self.actor,
            due_date=due,
            legal_basis=basis,
            payload=dict(payload or {}),
        )
        case.events.append(ev)
        return ev

    def open_opposition(
        self,
        file: Row,
        opponent: PartyInput,
        grounds: list[disputes.Ground],
        *,
        on: date,
        prior_rights: list[dict[str, Any]] | None = None,
    ) -> Row:
        """:func:`ipoffice.office.disputes.open_opposition`: the case, its parties, the holder's reply, the event."""
        self._own(file)
        disputes.check_opposition(file, on, file.application_number)
        self._check(file, E.OPPOSITION_FILED)
        disputes.check_grounds(grounds)
        number = disputes.case_number(on.year, self.numbers.next(disputes.CASE_SERIES, on.year))
        case = self.new_row(
            "cases",
            file_id=file.id,
            **disputes.case_values(CaseKind.OPPOSITION, number, on, grounds, prior_rights),
        )
        case.events = []
        requester = self._party(opponent)
        self.new_row(
            "case_parties", case_id=case.id, party_id=requester.id, role=CasePartyRole.REQUESTER, position=0
        )
        for i, fp in enumerate(disputes.case_holders(file)):
            self.new_row(
                "case_parties", case_id=case.id, party_id=fp.party_id, role=CasePartyRole.HOLDER, position=i
            )
        code, due, basis = disputes.holder_reply_step(on)
        self._case_event(case, code, on, due=due, basis=basis)
        file.cases.append(case)
        self.record(file, E.OPPOSITION_FILED, on=on, payload={"case": number})
        return case

    def decide_case(self, case: Row, outcome: str, *, on: date, reasons: str = "") -> Row:
        """:func:`ipoffice.office.disputes.decide_case`: the file's event, then the case decided."""
        if case.status == "decided":
            raise Conflict("office.case.closed", field="case", rule="case lifecycle", value=case.number)
        if outcome not in ("upheld", "rejected"):
            raise UserError("office.case.bad_outcome", field="outcome", rule="case decision", value=outcome)
        file = self.rows["files"].get(case.file_id)
        if file is None:
            raise UserError(
                "office.bulk.foreign_file", field="number", rule="bulk writer", number=case.number
            )
        kind = CaseKind(case.kind)
        if kind is not CaseKind.OPPOSITION:  # the writer opens oppositions only
            raise UserError(
                "office.bulk.oppositions_only", field="case", rule="bulk writer", value=case.number
            )
        code = disputes.decision_code(kind, outcome, Status(file.status))
        basis = disputes.decision_basis(case)
        self.record(file, code, on=on, payload={"case": case.number, "outcome": outcome}, basis=basis)
        case.status = "decided"
        case.decision = outcome
        case.decision_text = reasons
        case.decision_date = on
        self._case_event(
            case, "decided", on, basis=basis, payload={"outcome": outcome, "file_event": code.value}
        )
        return case

    # --- writing ----------------------------------------------------------------------------------------------

    def write(self) -> int:
        """Insert every row (one ``executemany`` per table, parents first), their audit entries and the number
        counters, in the caller's transaction; returns the number of rows written. The writer is empty after."""
        if self.conn is None or not isinstance(self.numbers, NumberBlock):
            raise TypeError("a writer without a session builds batches (build), it does not write them")
        count = write_audited(self.conn, self.actor, self._written())
        self.numbers.write()
        self.rows.clear()
        return count

    def _written(self) -> list[tuple[Table, list[dict[str, Any]]]]:
        return [
            (table, cast(list[dict[str, Any]], list(self.rows[name].values())))
            for name, table in TABLES.items()
            if self.rows.get(name)
        ]

    def build(self) -> BuiltBatch:
        """The batch as plain data for :func:`write_built` (SQLite): every row's values in column order, the first
        id taken from each table and the numbers taken from each series. The writer is empty after; its counters
        stand after the batch (the next batch goes on from them)."""
        if self.counters is None or not isinstance(self.numbers, CountedNumbers):
            raise TypeError("only a writer with counters builds batches")
        tables = [(table.name, rows) for table, rows in as_tuples(self._written())]
        built = BuiltBatch(tables, dict(self._first), self.numbers.taken())
        self.rows.clear()
        self._first.clear()
        self.events = 0
        return built


# --- building in one process, writing in another ---------------------------------------------------------------


@dataclass
class Counters:
    """Where a SQLite register's ids and numbers stand: the next id of every table, the last number of every
    series (a series not listed stands at 0). Read under the write lock by :meth:`read`; a building writer counts
    on from them (:class:`BulkWriter` with ``counters``)."""

    ids: dict[str, int]
    numbers: dict[tuple[str, int], int]

    @classmethod
    def read(cls, conn: Connection) -> Counters:
        ids = {
            name: int(conn.execute(select(func.coalesce(func.max(t.c.id), 0))).scalar_one()) + 1
            for name, t in TABLES.items()
            if "id" in t.c
        }
        return cls(ids, read_counters(conn))


class CountedNumbers:
    """:class:`~ipoffice.store.numbering.NumberBlock` for a writer that only builds: numbers counted on in
    memory from known counters; :meth:`taken` says which, for :func:`write_built` to claim them."""

    def __init__(self, counters: dict[tuple[str, int], int]) -> None:
        self._counters = counters
        self._start: dict[tuple[str, int], int] = {}

    def next(self, series: str, year: int = CONTINUOUS) -> int:
        key = (series, year)
        last = self._counters.get(key, 0)
        self._start.setdefault(key, last)
        self._counters[key] = last + 1
        return last + 1

    def taken(self) -> dict[tuple[str, int], tuple[int, int]]:
        """``(last before, last after)`` of every series used since the previous call."""
        out = {key: (start, self._counters[key]) for key, start in self._start.items()}
        self._start.clear()
        return out


@dataclass
class BuiltBatch:
    """A batch built by a :class:`BulkWriter` with counters: plain data, sent from the building process."""

    tables: list[tuple[str, list[tuple[Any, ...]]]]  # each table's rows, values in column order
    first_ids: dict[str, int]  # the first id the batch took from each table
    numbers: dict[tuple[str, int], tuple[int, int]]  # (last before, last after) of each series it numbered


class StaleBatch(Exception):
    """The register moved on since the batch was built (another writer took its ids or numbers): build it again."""


def write_built(session: Session, actor: str, built: BuiltBatch) -> int:
    """Write a :class:`BuiltBatch` in ``session``'s transaction (SQLite, whose ``BEGIN IMMEDIATE`` holds the write
    lock): its ids must still be free and each series must still stand where the batch started numbering it
    (gapless), else :class:`StaleBatch` and nothing is written. Returns the number of rows written."""
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        raise TypeError("built batches are written on SQLite only; elsewhere ids come from the sequences")
    for name, first in built.first_ids.items():
        t = TABLES[name]
        if int(conn.execute(select(func.coalesce(func.max(t.c.id), 0))).scalar_one()) >= first:
            raise StaleBatch(name)
    for (series, year), (before, after) in built.numbers.items():
        if not advance_counter(conn, series, year, before, after):
            raise StaleBatch(series)
    written = [(TABLES[name], rows) for name, rows in built.tables]
    return insert_prepared(conn, actor, prepare_sqlite_inserts(conn.dialect, written))
