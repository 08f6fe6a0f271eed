"""Helpers for the store suites (the ``engine`` / ``session`` fixtures are in ``tests/conftest.py``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Connection

from ipoffice.core.rights import RightKind
from ipoffice.store.models import IPFile


def new_file(number: str, right: RightKind = RightKind.TRADEMARK, **values: object) -> IPFile:
    values.setdefault("filing_date", date(2026, 3, 2))
    return IPFile(application_number=number, right_kind=right, **values)  # type: ignore[arg-type]


@pytest.fixture
def make_file() -> Callable[..., IPFile]:
    return new_file


def drop_append_only_triggers(conn: Connection, table: str) -> None:
    """Inside a transaction the test will roll back: remove the guard so that tampering is possible."""
    if conn.dialect.name == "postgresql":
        conn.execute(text(f"DROP TRIGGER {table}_append_only ON {table}"))
    else:
        conn.execute(text(f"DROP TRIGGER {table}_no_update"))
        conn.execute(text(f"DROP TRIGGER {table}_no_delete"))
