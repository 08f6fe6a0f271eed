"""What the hash-chained audit log costs a write, on each backend, against the same writes without it.

Ours: ORM inserts + one update per file through ``transaction()`` (audit listeners on: one chained entry per row).
Baseline (same run, same data): the same writes with the audit listeners removed.
Workload per round: 200 files inserted in one transaction, then 50 single-file update transactions.

  IPOFFICE_TEST_POSTGRES=postgresql+psycopg://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/store_audit_overhead.py
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

from ipoffice.store import audit
from ipoffice.store.db import transaction
from ipoffice.store.models import IPFile
from ipoffice.store.testing import FreshDatabases

ROUNDS = int(os.environ.get("ROUNDS", "5"))
FILES, UPDATES = 200, 50


def _workload(engine: Engine) -> float:
    t0 = time.perf_counter()
    with transaction(engine, actor="bench") as s:
        s.add_all(
            IPFile(application_number=f"4-2026-{i:05d}", right_kind="trademark", filing_date=date(2026, 1, 2))
            for i in range(1, FILES + 1)
        )
    for i in range(1, UPDATES + 1):
        with transaction(engine, actor="bench") as s:
            s.get(IPFile, i).status = "published"
    return time.perf_counter() - t0


def _audit(on: bool) -> None:
    for name, fn in (("before_flush", audit._before_flush), ("after_flush", audit._after_flush)):
        if on and not event.contains(Session, name, fn):
            event.listen(Session, name, fn)
        if not on and event.contains(Session, name, fn):
            event.remove(Session, name, fn)


def _measure(fresh: FreshDatabases, url_for_round) -> dict[str, float]:  # type: ignore[no-untyped-def]
    results: dict[str, list[float]] = {"audit on (ours)": [], "audit off (baseline)": []}
    for r in range(ROUNDS):
        for label, on in (("audit on (ours)", True), ("audit off (baseline)", False)):
            _audit(on)
            engine = fresh.engine(url_for_round(r, on))
            try:
                results[label].append(_workload(engine))
            finally:
                engine.dispose()
    _audit(True)
    return {k: statistics.median(v) * 1000 for k, v in results.items()}


def main() -> None:
    rows: list[tuple[str, str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = FreshDatabases(Path(tmp))
        res = _measure(fresh, lambda r, on: f"sqlite:///{tmp}/r{r}{int(on)}.db")
        rows += [("sqlite", k, v) for k, v in res.items()]
    server = os.environ.get("IPOFFICE_TEST_POSTGRES")
    if server:
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        name = f"ipoffice_bench_{uuid.uuid4().hex[:8]}"
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            url = make_url(server).set(database=name).render_as_string(hide_password=False)
            res = _measure(FreshDatabases(Path(".")), lambda r, on: url)
            rows += [("postgresql", k, v) for k, v in res.items()]
        finally:
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    print(f"{FILES} inserts in one transaction + {UPDATES} update transactions: median of {ROUNDS} rounds")
    print(f"{'backend':<11} {'writes':<24} {'median ms':>10}")
    for backend, label, ms in rows:
        print(f"{backend:<11} {label:<24} {ms:>10.1f}")


if __name__ == "__main__":
    main()
