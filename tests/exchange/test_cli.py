"""``ipoffice exchange``: import with a report, export by number and period, legal status; errors in words."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ipoffice.cli import app
from ipoffice.exchange import madrid


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    from ipoffice.store.db import upgrade

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    upgrade(url)
    monkeypatch.setenv("IPOFFICE_DATABASE_URL", url)
    return url


def test_import_export_legal_status(db: str, tmp_path: Path, tsdr: Path, st96_examples: Path) -> None:
    runner = CliRunner()
    notification = tmp_path / "madrid-generated.xml"
    notification.write_bytes(
        madrid.generated_designation(
            "7654321",
            holder="ACME GmbH",
            holder_country="DE",
            mark="ACME",
            classes={9: ["software"]},
            registration_date=date(2025, 3, 1),
            notification_date=date(2025, 4, 10),
        )
    )
    files = [
        str(tsdr / "rn2178784-ST66.xml"),
        str(tsdr / "rn2178784-ST96-old.xml"),
        str(st96_examples / "TrademarkApplication_Example.xml"),
        str(notification),
    ]
    res = runner.invoke(app, ["exchange", "import", *files, "--lang", "en"])
    assert res.exit_code == 1, res.output  # one rejected document -> non-zero exit
    assert "US/74631225 (imported)" in res.output and "WO/7654321 (imported)" in res.output
    assert "ST.96 version 'Trademark/1' is not supported" in res.output
    assert "Imported: 3; unchanged: 0; rejected: 1" in res.output
    again = runner.invoke(app, ["exchange", "import", files[0], files[3], "--lang", "en"])
    assert again.exit_code == 0 and "Imported: 0; unchanged: 2; rejected: 0" in again.output

    out = tmp_path / "out"
    res = runner.invoke(app, ["exchange", "export", "--format", "st96", "US/74631225", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert (out / "US_74631225.xml").read_bytes().startswith(b"<?xml")
    res = runner.invoke(
        app, ["exchange", "export", "--format", "st97", "--from", "1990-01-01", "--to", "2030-01-01"]
    )
    assert res.exit_code == 0 and '"MarkVerbalElementText": "JAVA"' in res.output
    res = runner.invoke(
        app, ["exchange", "legal-status", "--from", "1995-01-01", "--to", "1995-12-31", "--format", "csv"]
    )
    assert res.exit_code == 0 and "US/74631225" in res.output and ",A12," in res.output
    res = runner.invoke(
        app, ["exchange", "legal-status", "--from", "2025-01-01", "--to", "2025-01-02", "--mapping"]
    )
    assert "| `granted` |" in res.output


def test_user_errors_are_messages(db: str) -> None:
    runner = CliRunner()
    res = runner.invoke(
        app, ["exchange", "export", "--format", "xml", "1-2024-00001"], env={"IPOFFICE_LANG": "en"}
    )
    assert res.exit_code == 2 and "Unsupported format" in res.output and "Traceback" not in res.output
    res = runner.invoke(app, ["exchange", "export"], env={"IPOFFICE_LANG": "en"})
    assert res.exit_code == 2 and "Give application numbers or a period" in res.output
    res = runner.invoke(app, ["exchange", "export", "4-2026-99999"], env={"IPOFFICE_LANG": "en"})
    assert res.exit_code == 3 and "There is no file number 4-2026-99999" in res.output
