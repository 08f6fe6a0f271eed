"""Gazette issues derived from events, on SQLite and PostgreSQL: exactly the period's publications and grants."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from sqlalchemy import select

from ipoffice.core.errors import UserError
from ipoffice.publish.gazette import gazette_issue, month_period
from ipoffice.store.models import Event, IPFile


def _events_in(db, start, end):
    rows = db.execute(
        select(Event.code, IPFile.application_number)
        .join(IPFile, Event.file_id == IPFile.id)
        .where(Event.code.in_(["published", "granted"]), Event.event_date >= start, Event.event_date <= end)
    )
    return {(code, number) for code, number in rows}


def test_a_year_has_volume_b_with_the_grant_and_its_certificate_number(db, register):
    issue = gazette_issue(db, date(2025, 1, 1), date(2025, 12, 31))
    assert {(e.event_code, e.application_number) for e in issue.entries} == _events_in(
        db, date(2025, 1, 1), date(2025, 12, 31)
    )
    (grant,) = [e for e in issue.entries if e.volume == "B"]
    assert grant.application_number == register.mark_granted
    assert grant.registration_number and grant.inid("111") == (grant.registration_number,)
    assert grant.inid("151") == ("2025-11-03",) and grant.inid("180") == ("2035-01-06",)
    assert grant.inid("732")[0].startswith("Công ty TNHH Cà phê Sơn La")
    assert grant.inid("731") == ()  # the grant view names the holder, not the applicant
    only_b = gazette_issue(db, date(2025, 1, 1), date(2025, 12, 31), volume="b")
    assert [e.application_number for e in only_b.entries] == [register.mark_granted]


def test_inid_codes_per_standard(db, register):
    issue = gazette_issue(db, *month_period(2025, 3))
    by_number = {e.application_number: e for e in issue.entries}
    mark = by_number[register.mark_granted]
    assert mark.inid_standard == "ST.60"
    assert {f.code for f in mark.fields} >= {"210", "220", "441", "511", "540", "731"}
    assert mark.inid("540") == ("SƠN LA GOLD",)
    assert mark.inid("511") == ("30: coffee; cà phê rang xay", "43: cafés")
    inv = by_number[register.invention_published]
    assert inv.inid_standard == "ST.9" and inv.kind_code == "A"
    assert {f.code for f in inv.fields} >= {"13", "21", "22", "30", "43", "51", "54", "71", "72", "74"}
    assert inv.inid("30") == ("US 63/123,456 2024-07-01",)
    assert inv.inid("51") == ("G06N 3/08",)
    assert inv.inid("74")[0].endswith("[0156]")
    design = by_number[register.design_published]
    assert design.inid_standard == "ST.80"
    assert design.inid("51") == ("07-01",) and design.inid("45") == ("2025-03-31",)
    assert design.inid("72") == ("Đặng Văn Hưởng (VN)",)


def test_open_data_json_and_csv_carry_every_entry(db, register):
    issue = gazette_issue(db, date(2025, 1, 1), date(2025, 12, 31))
    data = json.loads(issue.to_json())
    assert len(data["entries"]) == len(issue.entries) == 6
    assert {e["application_number"] for e in data["entries"]} == {e.application_number for e in issue.entries}
    tm = next(e for e in data["entries"] if e["volume"] == "B")
    assert tm["inid"]["540"] == ["SƠN LA GOLD"]
    rows = list(csv.DictReader(io.StringIO(issue.to_csv())))
    assert len(rows) == 6
    row = next(r for r in rows if r["application_number"] == register.invention_published)
    assert row["inid_54"] == "Phương pháp huấn luyện mạng nơ-ron sâu" and row["kind_code"] == "A"
    assert (
        next(r for r in rows if r["volume"] == "B")["inid_511"] == "30: coffee; cà phê rang xay | 43: cafés"
    )


def test_an_empty_period_and_bad_requests(db, register):
    empty = gazette_issue(db, date(2024, 1, 1), date(2024, 1, 31))
    assert empty.entries == () and "Không có công bố nào" in empty.html()
    with pytest.raises(UserError) as err:
        gazette_issue(db, date(2025, 3, 31), date(2025, 3, 1))
    assert err.value.code == "publish.bad_period" and err.value.field == "end"
    with pytest.raises(UserError) as err:
        gazette_issue(db, date(2025, 3, 1), date(2025, 3, 31), volume="C")
    assert err.value.code == "publish.bad_volume"


def test_month_period_handles_december_and_february():
    assert month_period(2025, 12) == (date(2025, 12, 1), date(2025, 12, 31))
    assert month_period(2028, 2) == (date(2028, 2, 1), date(2028, 2, 29))


def test_pdf_keeps_the_vietnamese_text(db, register):
    from pdftext import pdf_text

    issue = gazette_issue(db, *month_period(2025, 3))
    html = issue.html()
    assert "(540)" in html and "SƠN LA GOLD" in html and "Tập A" in html
    text = pdf_text(issue.pdf())
    for phrase in (
        "CÔNG BÁO SỞ HỮU CÔNG NGHIỆP",
        "Phương pháp huấn luyện mạng nơ-ron sâu",
        "Bình gốm men lam",
        "Hợp tác xã Gốm Bát Tràng",
        "Đặng Văn Hưởng",
        "(511)",
        "(540)",
    ):
        assert phrase in text, phrase


def test_sections_print_codes_with_a_bilingual_legend(db, register):
    issue = gazette_issue(db, *month_period(2025, 3))
    marks = next(s for s in issue.sections() if s.right == "trademark")
    legend = marks.legend()
    assert [c for c, _, _ in legend] == ["210", "220", "441", "511", "540", "731"]
    assert ("540", "Nhãn hiệu", "Reproduction of the mark") in legend
    html = issue.html()
    assert "Reproduction of the mark" in html and html.count("(540)") == 2  # legend + the one mark


def test_the_list_of_monthly_issues_counts_each_volume(db, register):
    from ipoffice.publish.gazette import gazette_months

    months = gazette_months(db)
    assert [(m.issue_id, m.volume_a, m.volume_b) for m in months] == [
        ("2025-11", 0, 1),
        ("2025-04", 2, 0),  # the April mark and the invention with an office action
        ("2025-03", 3, 0),
    ]
    for m in months:  # each count is the size of that month's issue
        issue = gazette_issue(db, *m.period())
        assert (
            sum(issue.counts()["A"].values()) == m.volume_a
            and sum(issue.counts()["B"].values()) == m.volume_b
        )


def test_register_text_is_escaped_in_the_html(db, register):
    from publish_helpers import ACTOR

    from ipoffice.office import examination as ex
    from ipoffice.office import publication as pub
    from ipoffice.office.filing import FilingRequest, NiceClassInput, PartyInput, file_application

    n = file_application(
        db,
        FilingRequest(
            right="trademark",
            filing_date=date(2025, 5, 5),
            mark_text="<script>alert(1)</script>",
            applicants=[PartyInput(name='Công ty "A & B" <TNHH>')],
            nice=[NiceClassInput(9, ["phần mềm"])],
        ),
        actor=ACTOR,
    ).application_number
    ex.accept_formality(db, n, on=date(2025, 6, 2), actor=ACTOR)
    pub.publish(db, n, on=date(2025, 7, 7), actor=ACTOR)
    html = gazette_issue(db, *month_period(2025, 7)).html()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;TNHH&gt;" in html and "A &amp; B" in html
