"""The demo loader: files go through the office's services, stand where the plan put them, and a load that is
killed half-way leaves whole batches, a valid audit chain, and resumes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from ipoffice.core.errors import UserError
from ipoffice.demo import dataset
from ipoffice.demo.loader import build_demo_office, filing_request, register_summary
from ipoffice.demo.placement import Placement, plan
from ipoffice.office import workflow
from ipoffice.office.filing import file_application
from ipoffice.store.audit import verify_audit
from ipoffice.store.db import make_engine, session_factory, transaction
from ipoffice.store.models import Event, IPFile

TODAY = date(2026, 11, 21)


@pytest.fixture(scope="module")
def demo() -> dataset.DemoSet:
    return dataset.load_demo_set()


def _plan(demo: dataset.DemoSet, limit: int) -> list[Placement]:
    return plan(demo.patents, demo.trademarks, TODAY, limit=limit)


def _check_office(url: str, placements: list[Placement]) -> dict[str, str]:
    """Every file in the database is a planned one, at the planned status; the audit chain holds."""
    by_key = {p.key: p for p in placements}
    engine = make_engine(url)
    try:
        with session_factory(engine)() as session:
            files = session.scalars(select(IPFile)).all()
            statuses = {}
            for f in files:
                p = by_key[f.details["demo"]["key"]]
                expected = workflow.fold(p.events, p.right_kind, p.regime).status.value
                assert f.status == expected, (p.key, p.scenario)
                assert f.regime_id == p.regime and f.filing_date == p.filing_date
                assert [e.code for e in f.events] == [e.value for e in p.events]
                statuses[p.key] = f.status
            assert verify_audit(session).ok
            return statuses
    finally:
        engine.dispose()


def test_a_small_office_stands_where_the_plan_put_it(demo: dataset.DemoSet, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    report = build_demo_office(url, limit=40, today=TODAY, progress=False, batch_size=15)
    assert report.failures == []
    assert report.loaded == report.planned == 40 and report.events > 40
    statuses = _check_office(url, _plan(demo, 40))
    assert len(statuses) == 40 and len(set(statuses.values())) >= 6
    engine = make_engine(url)
    with session_factory(engine)() as session:
        summary = register_summary(session)
        assert sum(n for *_, n in summary) == 40
        assert {"trademark", "invention"} <= {r for r, *_ in summary}
    engine.dispose()

    again = build_demo_office(url, limit=40, progress=False)  # a re-run finds everything there
    assert again.loaded == 0 and again.already_loaded == 40 and again.today == TODAY
    with pytest.raises(UserError) as err:
        build_demo_office(url, limit=40, today=date(2027, 1, 4), progress=False)
    assert err.value.code == "demo.today_mismatch"


def test_a_real_office_database_is_refused(demo: dataset.DemoSet, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'office.db'}"
    build_demo_office(url, limit=1, today=TODAY, progress=False)
    engine = make_engine(url)
    req = filing_request(_plan(demo, 5)[0], TODAY)
    req.details = {}  # a file of a real office: no demo key
    with transaction(engine, "clerk") as session:
        file_application(session, req, actor="clerk", today=TODAY)
    engine.dispose()
    with pytest.raises(UserError) as err:
        build_demo_office(url, limit=5, today=TODAY, progress=False)
    assert err.value.code == "demo.not_a_demo_database"


# After two batches the load waits (a worker may already be building the next ones), so the kill lands mid-load
# however fast the batches are written.
_CHILD = """
import sys, time
from datetime import date
from ipoffice.demo.loader import build_demo_office
def pause(done):
    if done >= 10:
        time.sleep(120)
build_demo_office(sys.argv[1], limit=int(sys.argv[2]), today=date(2026, 11, 21), progress=False, batch_size=5,
                  after_batch=pause)
"""


@pytest.mark.slow
def test_a_load_killed_half_way_leaves_whole_batches_and_resumes(
    demo: dataset.DemoSet, tmp_path: Path
) -> None:
    path = tmp_path / "killed.db"
    url = f"sqlite:///{path}"
    child = subprocess.Popen([sys.executable, "-c", _CHILD, url, "40"], env={**os.environ})
    files = 0
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.05)
            if not path.exists():
                continue
            try:
                with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.2) as con:
                    files = con.execute("SELECT count(*) FROM files").fetchone()[0]
            except sqlite3.OperationalError:
                continue  # the schema is being created
            if files >= 10:
                break
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(30)
    assert child.returncode == -signal.SIGKILL, "the load finished before it could be killed"
    placements = _plan(demo, 40)
    statuses = _check_office(url, placements)  # consistent, and the audit chain verifies
    assert 10 <= len(statuses) < 40 and len(statuses) % 5 == 0  # whole batches only

    resumed = build_demo_office(url, limit=40, progress=False, batch_size=5)
    assert resumed.already_loaded == len(statuses) and resumed.loaded == 40 - len(statuses)
    assert len(_check_office(url, placements)) == 40
    engine = make_engine(url)
    with session_factory(engine)() as session:
        numbers = session.scalars(select(IPFile.application_number)).all()
        assert len(set(numbers)) == 40
        assert session.scalar(select(func.count()).select_from(Event)) == sum(
            len(p.steps) for p in placements
        )
    engine.dispose()


def test_the_demo_command(tmp_path: Path) -> None:
    from ipoffice.cli import app

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    args = ["demo", "--database-url", url, "--limit", "12", "--today", "2026-11-21", "--no-progress"]
    result = CliRunner().invoke(app, [*args, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Loaded 12 files" in result.output and "dates are shifted" in result.output
    assert "Register" in result.output and "Backlog" in result.output
    vi = CliRunner().invoke(app, [*args, "--lang", "vi"])  # a re-run: nothing to add, same office
    assert vi.exit_code == 0 and "Đã nạp 0 hồ sơ" in vi.output and "đã có sẵn 12" in vi.output
    other_day = [*args[:3], "--limit", "5", "--today", "2026-12-01", "--no-progress", "--lang", "en"]
    refused = CliRunner().invoke(app, other_day)  # built for another day: refused with a message, no trace
    assert refused.exit_code != 0 and "--fresh" in refused.output and "Traceback" not in refused.output
    fresh = CliRunner().invoke(app, [*other_day, "--fresh"])
    assert fresh.exit_code == 0 and "Loaded 5 files" in fresh.output and "2026-12-01" in fresh.output
    bad = CliRunner().invoke(app, ["demo", "--database-url", url, "--today", "21/11/2026"])
    assert bad.exit_code != 0 and "--today" in bad.output and "Traceback" not in bad.output


@pytest.mark.postgres
def test_the_demo_on_postgresql(demo: dataset.DemoSet, postgres_database_url: str) -> None:
    from ipoffice.store.db import upgrade
    from ipoffice.store.testing import truncate_all

    upgrade(postgres_database_url)
    engine = make_engine(postgres_database_url)
    truncate_all(engine)  # this worker's throw-away database; other suites empty it the same way
    engine.dispose()
    report = build_demo_office(postgres_database_url, limit=30, today=TODAY, progress=False, batch_size=10)
    assert report.failures == [] and report.loaded == 30
    assert len(_check_office(postgres_database_url, _plan(demo, 30))) == 30


def test_a_record_the_office_refuses_is_named_and_the_rest_loaded(
    demo: dataset.DemoSet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ipoffice.demo import loader

    placements = _plan(demo, 8)
    bad = placements[3].key
    real = loader.filing_request

    def request(p: Placement, today: date):  # type: ignore[no-untyped-def]
        req = real(p, today)
        if p.key == bad:
            req.applicants[0].name = " "  # refused by the filing checks (Art. 100(1))
        return req

    monkeypatch.setattr(loader, "filing_request", request)
    url = f"sqlite:///{tmp_path / 'refused.db'}"
    report = build_demo_office(url, today=TODAY, progress=False, placements=placements, batch_size=4)
    assert [key for key, _ in report.failures] == [bad] and "applicants[0].name" in report.failures[0][1]
    assert report.loaded == 7
    statuses = _check_office(url, [p for p in placements if p.key != bad])
    assert len(statuses) == 7 and bad not in statuses
