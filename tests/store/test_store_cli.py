from __future__ import annotations

import sqlite3

from typer.testing import CliRunner

from ipoffice.cli import app
from ipoffice.store.db import head_revision, make_engine, transaction
from ipoffice.store.models import IPFile

from .conftest import new_file

runner = CliRunner()


def test_db_upgrade_current_and_audit_verify(tmp_path, monkeypatch):
    monkeypatch.setenv("IPOFFICE_LANG", "en")
    url = f"sqlite:///{tmp_path / 'office.db'}"
    result = runner.invoke(app, ["db", "current", "--url", url])
    assert result.exit_code == 0 and "(not initialised)" in result.output

    result = runner.invoke(app, ["db", "upgrade", "--url", url])
    assert result.exit_code == 0, result.output
    assert f"revision {head_revision()}" in result.output

    monkeypatch.setenv("IPOFFICE_DATABASE_URL", url)  # the default URL comes from the environment
    result = runner.invoke(app, ["db", "current"])
    assert result.exit_code == 0 and f"Current revision: {head_revision()}" in result.output

    engine = make_engine(url)
    for i in range(1, 4):
        with transaction(engine, actor="clerk") as s:
            s.add(new_file(f"4-2026-0000{i}"))
    with transaction(engine, actor="examiner") as s:
        s.get(IPFile, 2).status = "published"
    engine.dispose()

    result = runner.invoke(app, ["audit", "verify"])
    assert result.exit_code == 0, result.output
    assert "intact: 4 entries" in result.output
    head = result.output.split("--anchor): ")[1].strip()
    assert runner.invoke(app, ["audit", "verify", "--anchor", head]).exit_code == 0

    result = runner.invoke(app, ["audit", "log", "--entity", "files", "--id", "2"])
    assert result.exit_code == 0, result.output
    assert "clerk" in result.output and "files#2" in result.output and "4-2026-00002" in result.output
    assert "files#1" not in result.output
    assert '"status": ["filed", "published"], "version_id": [1, 2]' in result.output  # rich markup escaped

    con = sqlite3.connect(tmp_path / "office.db")
    con.execute("DROP TRIGGER audit_log_no_update")
    con.execute("UPDATE audit_log SET actor = 'mallory' WHERE id = 2")
    con.commit()
    con.close()
    result = runner.invoke(app, ["audit", "verify"])
    assert result.exit_code == 1
    assert "tampered with at entry 2" in result.output


def test_messages_default_to_vietnamese(tmp_path, monkeypatch):
    monkeypatch.delenv("IPOFFICE_LANG", raising=False)
    result = runner.invoke(app, ["db", "current", "--url", f"sqlite:///{tmp_path / 'x.db'}"])
    assert result.exit_code == 0 and "Phiên bản hiện tại" in result.output
