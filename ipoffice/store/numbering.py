"""Gapless numbers allocated inside the filing's own transaction.

A number is the next value of a ``(series, year)`` row of ``number_sequences``, incremented with
``UPDATE ... SET last_value = last_value + 1 ... RETURNING`` after an ``INSERT ... ON CONFLICT DO NOTHING`` that
creates the row on first use. The row stays locked until the transaction ends (PostgreSQL row lock; SQLite's
write lock, taken by ``BEGIN IMMEDIATE``), so concurrent filings get consecutive numbers, and a filing that rolls
back gives its number back to the next one: no duplicate, no gap. On PostgreSQL the audit-chain lock is taken
first, so that every writer takes its locks in one order (chain, then rows) and none can deadlock.
"""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from ipoffice.core.numbering import ApplicationNumber, number_kind, parse_certificate_number
from ipoffice.core.rights import RightKind
from ipoffice.store.audit import lock_chain
from ipoffice.store.models import NumberSequence

#: Year of series that run continuously across years (e.g. certificate numbers).
CONTINUOUS = 0


def _take(conn: Connection, series: str, year: int, count: int) -> int:
    """Add ``count`` to the ``(series, year)`` counter (created at 0 on first use) and return its new value; the
    row stays locked until the transaction ends."""
    lock_chain(conn)
    table = cast(Table, NumberSequence.__table__)
    make_insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    conn.execute(
        make_insert(table)
        .values(series=series, year=year, last_value=0)
        .on_conflict_do_nothing(index_elements=["series", "year"])
    )
    value = conn.execute(
        update(table)
        .where(table.c.series == series, table.c.year == year)
        .values(last_value=table.c.last_value + count)
        .returning(table.c.last_value)
    ).scalar_one()
    return int(value)


def allocate_number(session: Session, series: str, year: int = CONTINUOUS) -> int:
    """The next number of ``series`` in ``year`` (1, 2, 3 ...), held by the caller's transaction."""
    return _take(session.connection(), series, year, 1)


class NumberBlock:
    """Numbers of many series handed out in Python inside one transaction (bulk loads), still gapless.

    The first number of a series locks its counter row (as :func:`allocate_number` does) and reads it; later
    numbers are counted in memory; :meth:`write` stores the last value of every series used, in the same
    transaction. A rollback gives every number back. Nothing else may allocate in these series in this
    transaction between the first :meth:`next` and :meth:`write`.
    """

    def __init__(self, connection: Connection) -> None:
        self._conn = connection
        self._start: dict[tuple[str, int], int] = {}
        self._last: dict[tuple[str, int], int] = {}

    def next(self, series: str, year: int = CONTINUOUS) -> int:
        key = (series, year)
        if key not in self._last:
            self._start[key] = self._last[key] = _take(self._conn, series, year, 0)
        self._last[key] += 1
        return self._last[key]

    def write(self) -> None:
        """Store the counters (one UPDATE per series used)."""
        table = cast(Table, NumberSequence.__table__)
        for (series, year), last in self._last.items():
            if last != self._start[(series, year)]:
                self._conn.execute(
                    update(table)
                    .where(table.c.series == series, table.c.year == year)
                    .values(last_value=last)
                )
                self._start[(series, year)] = last


def read_counters(conn: Connection) -> dict[tuple[str, int], int]:
    """Every counter's last value, by ``(series, year)``."""
    table = cast(Table, NumberSequence.__table__)
    rows = conn.execute(select(table.c.series, table.c.year, table.c.last_value))
    return {(str(series), int(year)): int(last) for series, year, last in rows}


def advance_counter(conn: Connection, series: str, year: int, expected: int, last: int) -> bool:
    """Move the ``(series, year)`` counter from ``expected`` to ``last`` (numbers handed out elsewhere, in
    memory, from ``expected`` on); ``False``, changing nothing, if it no longer stands at ``expected``. The row
    stays locked until the transaction ends."""
    if _take(conn, series, year, 0) != expected:
        return False
    table = cast(Table, NumberSequence.__table__)
    conn.execute(update(table).where(table.c.series == series, table.c.year == year).values(last_value=last))
    return True


def application_series(right: RightKind) -> str:
    """Application numbers run per type digit and year (``ipoffice.core.numbering``)."""
    return f"application:{number_kind(right).type_digit}"


def format_application_number(right: RightKind, year: int, serial: int) -> str:
    """The national application number ``T-YYYY-NNNNN`` (e.g. ``4-2026-00001``)."""
    return str(ApplicationNumber.for_right(right, year, serial))


def allocate_application_number(session: Session, right: RightKind, year: int) -> str:
    """The next national application number for ``right`` filed in ``year``."""
    return format_application_number(right, year, allocate_number(session, application_series(right), year))


def format_certificate_number(right: RightKind, serial: int) -> str:
    """A protection-title number in the format of ``ipoffice.core.numbering`` (``4-0312345``; GIs ``00123``):
    the type digit and a 7-digit serial running across years. Some formats there are marked [verify]."""
    kind = number_kind(right)
    text = f"{kind.type_digit}-{serial:07d}" if "-" in kind.certificate_example else f"{serial:05d}"
    return str(parse_certificate_number(text, right))  # checked against the table's pattern


def certificate_series(right: RightKind) -> str:
    """Certificate numbers run per kind of right, across years."""
    return f"certificate:{RightKind(right).value}"


def allocate_certificate_number(session: Session, right: RightKind) -> str:
    """The next certificate (registration) number for ``right``."""
    return format_certificate_number(right, allocate_number(session, certificate_series(right)))
