"""Worked dates under regime vn-2026 (Law 131/2025/QH15; filed from 1 Apr 2026). Weekends-only roll-over."""

from __future__ import annotations

from law_helpers import compute as sched
from law_helpers import d


def test_invention_new_limits():
    s = sched("invention", filing_date="2026-05-29")
    assert s.regime == "vn-2026"
    assert s.first("formality_examination").due == d("2026-06-29")  # + 1 month, Mon
    assert s.first("publication").due == d("2027-12-29")  # 19th month, Wed
    assert s.first("examination_request").due == d("2029-05-29")  # Art. 113(2) as amended: 36 months, Tue
    # Art. 119(2): 12 months from the later of publication and request (projected 29 May 2029) = Wed 29 May 2030
    assert s.first("substantive_examination").due == d("2030-05-29")
    # Art. 112a(1)(a): 6 months from publication = Thu 29 Jun 2028
    assert s.first("opposition").due == d("2028-06-29")


def test_invention_with_request_at_filing_and_expedited_track():
    s = sched("invention", filing_date="2026-05-29", examination_request_date="2026-05-29")
    # publication 29 Dec 2027 + 12 months = Fri 29 Dec 2028 (later than the request + 12)
    assert s.first("substantive_examination").due == d("2028-12-29")
    e = sched("invention", filing_date="2026-05-29", examination_request_date="2026-05-29", expedited=True)
    # Art. 119(2a): 3 months -> publication + 3 = Wed 29 Mar 2028; opposition also 3 months (Art. 112a(1)(a))
    assert [x.due for x in e.by_step("substantive_examination")] == [d("2028-03-29")]
    assert [x.due for x in e.by_step("opposition")] == [d("2028-03-29")]


def test_trademark_three_month_opposition_ends_at_month_end():
    s = sched("trademark", filing_date="2026-08-31")
    # formality: 31 Aug + 1 = 30 Sep 2026 (Wed); publication + 2 months = Mon 30 Nov 2026
    assert s.first("formality_examination").due == d("2026-09-30")
    assert s.first("publication").due == d("2026-11-30")
    # Art. 112a(1)(b): 30 Nov + 3 months = 28 Feb 2027 (Sun) -> Mon 1 Mar 2027
    assert s.first("opposition").due == d("2027-03-01")
    # examination kept at 9 months [verify]: 30 Aug 2027 (Mon)
    exam = s.first("substantive_examination")
    assert exam.due == d("2027-08-30") and exam.verify


def test_design_published_within_one_month():
    s = sched("design", filing_date="2026-04-01")
    # formality: 1 May 2026 (Fri); publication 1 month later: Mon 1 Jun 2026; opposition + 3: Tue 1 Sep 2026
    assert s.first("formality_examination").due == d("2026-05-01")
    assert s.first("publication").due == d("2026-06-01")
    assert s.first("opposition").due == d("2026-09-01")
