"""A process killed in the middle of a load leaves the database consistent: all of the transaction or none."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

from sqlalchemy import text

from ipoffice.store.audit import verify_audit
from ipoffice.store.db import session_factory, transaction
from ipoffice.store.models import AuditEntry, IPFile

from .conftest import new_file

LOADER = textwrap.dedent(
    """
    import sys, time
    from datetime import date
    from ipoffice.store.db import make_engine, transaction
    from ipoffice.store.models import IPFile
    engine = make_engine(sys.argv[1])
    with transaction(engine, actor="demo-loader") as s:
        for i in range(2, 302):
            s.add(IPFile(application_number=f"4-2026-{i:05d}", right_kind="trademark", filing_date=date(2026, 1, 2)))
        s.flush()
        print("flushed", flush=True)
        time.sleep(60)  # killed here, before the commit
    """
)


def test_a_killed_loader_leaves_nothing_half_written(engine):
    with transaction(engine, actor="clerk") as s:
        s.add(new_file("4-2026-00001"))
    url = engine.url.render_as_string(hide_password=False)
    proc = subprocess.Popen([sys.executable, "-c", LOADER, url], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "flushed"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(10)
    with session_factory(engine)() as s:
        assert [f.application_number for f in s.query(IPFile)] == ["4-2026-00001"]
        assert s.query(AuditEntry).count() == 1
        assert verify_audit(s).ok
        if engine.dialect.name == "sqlite":
            assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    with transaction(engine, actor="clerk") as s:  # the database is writable again at once
        s.add(new_file("4-2026-00002"))
