"""The gazette of a period lists exactly that period's publication and grant events (root ``session`` fixture:
a fresh database per test on SQLite and on PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import select

from ipoffice.publish.gazette import gazette_issue, month_period
from ipoffice.store.models import Event, IPFile


def _events_in(session, start, end):
    rows = session.execute(
        select(Event.code, IPFile.application_number)
        .join(IPFile, Event.file_id == IPFile.id)
        .where(Event.code.in_(["published", "granted"]), Event.event_date >= start, Event.event_date <= end)
    )
    return {(code, number) for code, number in rows}


def test_march_issue_lists_exactly_the_publications_of_march(session, fresh_register):
    start, end = month_period(2025, 3)
    issue = gazette_issue(session, start, end)
    got = {(e.event_code, e.application_number) for e in issue.entries}
    assert got == _events_in(session, start, end)
    assert got == {
        ("published", fresh_register.mark_granted),
        ("published", fresh_register.invention_published),
        ("published", fresh_register.design_published),  # 31 March: the last day is in the issue
    }
    assert fresh_register.mark_april not in {e.application_number for e in issue.entries}  # 1 April is not
    assert fresh_register.mark_pending not in {e.application_number for e in issue.entries}
    assert issue.issue_id == "2025-03"
    assert issue.counts() == {"A": {"invention": 1, "design": 1, "trademark": 1}, "B": {}}
    assert [s.right for s in issue.sections()] == ["invention", "design", "trademark"]
