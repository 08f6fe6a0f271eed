"""The statutory clock of one file and the office's backlog (both backends), and the two CLI commands."""

from __future__ import annotations

import json
from datetime import date, timedelta
from statistics import median
from typing import Any

from office_requests import invention_request, trademark_request
from sqlalchemy import event
from typer.testing import CliRunner

from ipoffice.core.legaltime import add_months
from ipoffice.office import examination as ex
from ipoffice.office import grant as gr
from ipoffice.office import publication as pub
from ipoffice.office.clock import backlog, file_clock
from ipoffice.office.filing import file_application
from ipoffice.office.record import get_file
from ipoffice.store.db import transaction


def _clock(engine: Any, number: str, today: date) -> dict[str, Any]:
    with transaction(engine, actor="reader") as s:
        c = file_clock(get_file(s, number), today, "en")
        return {e.step: e for e in c.entries}


def _published_mark(act: Any, filing: date, published: date) -> str:
    n = act(file_application, trademark_request(filing)).application_number
    act(ex.accept_formality, n, on=filing + timedelta(days=10))
    act(pub.publish, n, on=published)
    return str(n)


def test_clock_of_a_mark_under_examination(engine, act):
    n = _published_mark(act, date(2024, 3, 1), date(2024, 3, 25))
    entries = _clock(engine, n, date(2024, 6, 1))
    sub = entries["substantive_examination"]
    # Law on IP Art. 119(2): 9 months from publication -> 25 Dec 2024 (a Wednesday)
    assert sub.due == date(2024, 12, 25) and sub.party == "office"
    assert sub.elapsed_days == 68 and sub.days_left == 207 and not sub.overdue
    assert entries["opposition"].due == date(2024, 8, 26)  # Art. 112a: 5 months, 25 Aug is a Sunday
    later = _clock(engine, n, date(2025, 1, 10))
    assert later["substantive_examination"].overdue and later["substantive_examination"].days_left == -16
    assert "opposition" not in later  # the window has closed


def test_clock_of_an_invention_waiting_for_publication_and_request(engine, act):
    n = act(file_application, invention_request(date(2024, 3, 1))).application_number
    act(ex.accept_formality, n, on=date(2024, 3, 20))
    entries = _clock(engine, n, date(2024, 4, 1))
    assert set(entries) == {"publication", "examination_request"}
    assert entries["examination_request"].party == "applicant"
    assert entries["examination_request"].due == date(2027, 9, 1)  # 42 months from filing (vn-2023)
    act(ex.request_examination, n, on=date(2024, 4, 2))
    assert set(_clock(engine, n, date(2024, 4, 3))) == {"publication"}


def test_clock_of_a_registered_mark_shows_the_next_renewal(engine, act):
    n = _published_mark(act, date(2024, 3, 1), date(2024, 3, 25))
    act(ex.notify_intended_grant, n, on=date(2024, 6, 3))
    act(gr.grant, n, on=date(2024, 6, 20), pay_key="receipt-1")
    entries = _clock(engine, n, date(2025, 1, 1))
    assert entries["renewal"].due == date(2034, 3, 1) and entries["renewal"].party == "owner"


def test_backlog_counts_ages_and_limits_in_one_statement(engine, act):
    today = date(2025, 6, 2)
    pubs = [date(2024, 3, 25), date(2024, 5, 6), date(2024, 9, 2), date(2025, 1, 6)]
    for i, p in enumerate(pubs):
        _published_mark(act, date(2024, 3, 1) + timedelta(days=i), p)
    act(file_application, trademark_request(date(2025, 5, 2)))  # formality examination pending
    act(file_application, invention_request(date(2025, 4, 1)))
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", count)
    try:
        with transaction(engine, actor="reader") as s:
            b = backlog(s, today)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len([x for x in statements if x.lstrip().upper().startswith("SELECT")]) == 1
    rows = {(r.right, r.step): r for r in b.rows}
    assert b.files == 6 and b.without_deadline == 0
    sub = rows[("trademark", "substantive_examination")]
    ages = sorted((today - p).days for p in pubs)
    assert sub.count == 4 and sub.median_age_days == median(ages)
    dues = [add_months(p, 9) for p in pubs]  # none of these falls on a day off
    assert sub.overdue == sum(1 for d in dues if today > d) == 2 and sub.share_overdue == 0.5
    assert sub.median_limit_days == median((d - p).days for d, p in zip(dues, pubs, strict=True))
    assert sub.pendency_ratio == round(sub.median_age_days / sub.median_limit_days, 3)
    assert sum(sub.buckets.values()) == 4 and sub.buckets[">24m"] == 0 and sub.buckets["12-24m"] == 2
    assert sub.p90_age_days > sub.median_age_days
    form = rows[("trademark", "formality_examination")]
    # Art. 119(1): 1 month from 2 May 2025 ends on Monday 2 June, today: due, not yet overdue
    assert form.count == 1 and form.median_age_days == 31 and form.overdue == 0 and form.pendency_ratio == 1.0
    assert rows[("invention", "formality_examination")].count == 1


def test_cli_show_and_backlog(engine, act, monkeypatch):
    from ipoffice.cli import app

    n = _published_mark(act, date(2024, 3, 1), date(2024, 3, 25))
    monkeypatch.setenv("IPOFFICE_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    runner = CliRunner()
    res = runner.invoke(app, ["show", n, "--json", "--today", "2024-06-01", "--lang", "en"])
    assert res.exit_code == 0, res.output
    view = json.loads(res.output)
    assert view["application_number"] == n and view["status"] == "under_examination"
    assert [e["code"] for e in view["events"]] == ["filed", "formality_accepted", "published"]
    assert view["events"][-1]["legal_status"] == "ST.61:Q12"
    assert {e["step"] for e in view["clock"]["entries"]} >= {"substantive_examination", "opposition"}
    assert [c["symbol"] for c in view["classifications"]] == ["30", "43"]
    text = runner.invoke(app, ["show", n, "--today", "2024-06-01", "--lang", "en"])
    assert text.exit_code == 0 and "Statutory clock" in text.output and n in text.output
    missing = runner.invoke(app, ["show", "4-2024-99999"])
    assert missing.exit_code == 3 and "4-2024-99999" in missing.output and "Traceback" not in missing.output
    bl = runner.invoke(app, ["backlog", "--json", "--today", "2025-06-02"])
    assert bl.exit_code == 0, bl.output
    data = json.loads(bl.output)
    assert (
        data["rows"][0]["step"] == "substantive_examination" and data["rows"][0]["overdue"] == 1
    )  # due 25 Dec 2024
    assert runner.invoke(app, ["backlog", "--today", "2025-02-30"]).exit_code == 2
    table = runner.invoke(app, ["backlog", "--today", "2025-06-02", "--lang", "en"])
    assert table.exit_code == 0 and "Backlog" in table.output


def test_2026_file_moves_on_to_publication_without_an_acceptance_decision(engine, act):
    """Law 131/2025: after the 1-month formality period with no notice, the file waits for publication."""
    n = act(file_application, trademark_request(date(2026, 6, 1))).application_number
    assert set(_clock(engine, n, date(2026, 6, 15))) == {"formality_examination"}
    later = _clock(engine, n, date(2026, 8, 3))
    assert "formality_examination" not in later and "publication" in later
    with transaction(engine, actor="reader") as s:
        rows = {r.step: r for r in backlog(s, date(2026, 8, 3)).rows}
    assert set(rows) == {"publication"} and rows["publication"].count == 1
