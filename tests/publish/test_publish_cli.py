"""``ipoffice publish``: gazette, certificate, verify and letter from the command line; errors as messages."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from ipoffice.cli import app
from ipoffice.publish.certificate import certificate


@pytest.fixture
def cli(_built, monkeypatch):
    engine, _ = _built
    monkeypatch.setenv("IPOFFICE_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("IPOFFICE_LANG", "vi")
    runner = CliRunner()
    return lambda *args: runner.invoke(app, ["publish", *args])


def test_gazette_csv_and_json_on_stdout(cli, register):
    res = cli("gazette", "--month", "2025-03", "--format", "csv")
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert {r["application_number"] for r in rows} == {
        register.mark_granted,
        register.invention_published,
        register.design_published,
    }
    res = cli("gazette", "--from", "2025-11-01", "--to", "2025-11-30", "--volume", "B", "--format", "json")
    data = json.loads(res.stdout)
    assert [e["application_number"] for e in data["entries"]] == [register.mark_granted]


def test_list_of_issues(cli):
    res = cli("issues", "--json")
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout) == [
        {"issue": "2025-11", "volume_a": 0, "volume_b": 1},
        {"issue": "2025-04", "volume_a": 2, "volume_b": 0},
        {"issue": "2025-03", "volume_a": 3, "volume_b": 0},
    ]
    assert cli("issues").stdout.splitlines()[0].startswith("2025-11  A      0  B      1")


def test_certificate_and_verify(cli, db, register, tmp_path):
    out = tmp_path / "cert.html"
    res = cli("certificate", register.mark_granted, "--out", str(out))
    assert res.exit_code == 0, res.output
    sha = certificate(db, register.mark_granted).sha256
    db.rollback()  # end the read (SQLite transactions take the write lock: BEGIN IMMEDIATE)
    assert sha in out.read_text(encoding="utf-8")
    ok = cli("verify", register.mark_granted, sha)
    assert ok.exit_code == 0, ok.output
    bad = cli("verify", register.mark_granted, "0" * 64)
    assert bad.exit_code == 1 and "KHÔNG khớp" in bad.stdout


def test_letter_pdf_to_a_file(cli, register, tmp_path):
    out = tmp_path / "oa.pdf"
    res = cli(
        "letter",
        register.invention_oa,
        "office_action",
        "--format",
        "pdf",
        "--out",
        str(out),
        "--examiner",
        "Lê Thị Thu",
    )
    assert res.exit_code == 0, res.output
    assert out.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (("gazette", "--month", "2025-13"), 2, "Tháng không hợp lệ"),
        (("gazette",), 2, "--month"),
        (("gazette", "--month", "2025-03", "--format", "docx"), 2, "Định dạng không hỗ trợ"),
        (("certificate", "9-9999-99999"), 3, "Không có hồ sơ"),
        (("certificate", "1-2025-00001"), 4, "chưa được cấp văn bằng"),
        (("letter", "1-2025-00001", "reminder"), 2, "Loại công văn không xác định"),
    ],
)
def test_errors_are_messages_not_traces(cli, args, code, words):
    res = cli(*args)
    assert res.exit_code == code
    assert words in res.output and "Traceback" not in res.output
