"""Worked dates under regime vn-2010 (Law 50/2005 as amended by Law 36/2009; filed 1 Jan 2010 - 31 Dec 2022).

Civil Code 2015 Art. 147-148: the event day is not counted; months end on the corresponding day or the month's
last day; a last day on a Saturday or Sunday rolls to Monday (weekends-only calendar in these tests).
"""

from __future__ import annotations

from law_helpers import compute as sched
from law_helpers import d


def test_invention_with_priority_every_time_limit():
    s = sched("invention", filing_date="2020-01-31", priority_date="2019-02-28")
    assert s.regime == "vn-2010"
    # Art. 91(1): 28 Feb 2019 + 12 months = Fri 28 Feb 2020
    assert s.first("paris_priority").due == d("2020-02-28")
    # PCT Art. 22(3): 28 Feb 2019 + 31 months = Tue 28 Sep 2021
    assert s.first("pct_national_phase").due == d("2021-09-28")
    # Art. 119(1): 31 Jan 2020 + 1 month = 29 Feb 2020 (leap year, no 31 Feb), a Saturday -> Mon 2 Mar 2020
    assert s.first("formality_examination").due == d("2020-03-02")
    # Art. 110: 19th month from priority: 28 Feb 2019 + 19 = Mon 28 Sep 2020 (window opens 28 Aug 2020);
    # acceptance (2 Mar) + 2 months = 2 May 2020 is earlier, so the 19th month governs
    pub = s.first("publication")
    assert pub.due == d("2020-09-28") and pub.window_start == d("2020-08-28")
    assert pub.anchor == "priority_or_filing"
    # Art. 113(2): 28 Feb 2019 + 42 months = Sun 28 Aug 2022 -> Mon 29 Aug 2022
    assert s.first("examination_request").due == d("2022-08-29")
    # late request with force-majeure evidence: 29 Aug 2022 + 6 months = 28 Feb 2023 (no 29 Feb in 2023), a Tuesday
    assert s.first("restoration").due == d("2023-02-28")
    # Art. 119(2): later of publication + 18 (28 Mar 2022) and request + 18 (29 Aug 2022 + 18 = 29 Feb 2024, Thu)
    exam = s.first("substantive_examination")
    assert exam.due == d("2024-02-29") and exam.anchor == "examination_request_date" and exam.anchor_projected
    # Art. 112 (2009 text): no fixed window; opposition runs from publication until the decision on grant
    opp = s.first("opposition")
    assert opp.regime == "vn-2010" and opp.until_event == "decision_on_grant"
    assert opp.window_start == d("2020-09-28") and opp.due == d("2024-02-29")
    # Art. 93(2): 20 years from filing, not rolled over
    assert s.first("term_expiry").due == d("2040-01-31")


def test_invention_examination_counts_from_an_actual_request():
    s = sched("invention", filing_date="2020-01-31", examination_request_date="2020-01-31")
    # publication: 31 Jan 2020 + 19 months = 31 Aug 2021 (Tue); examination 18 months later: 28 Feb 2023 (Tue)
    assert s.first("publication").due == d("2021-08-31")
    exam = s.first("substantive_examination")
    assert exam.due == d("2023-02-28") and exam.anchor == "publication_date" and exam.anchor_projected


def test_utility_solution_examination_request_is_36_months():
    s = sched("utility_solution", filing_date="2020-01-31", priority_date="2019-02-28")
    # Art. 113(2): 28 Feb 2019 + 36 months = Mon 28 Feb 2022
    assert s.first("examination_request").due == d("2022-02-28")
    # Art. 93(3): 10 years from filing
    assert s.first("term_expiry").due == d("2030-01-31")


def test_trademark_steps_and_open_ended_opposition():
    s = sched("trademark", filing_date="2021-08-31")
    # formality: 31 Aug + 1 month = 30 Sep 2021 (Thu, no 31 Sep); publication: + 2 months = Tue 30 Nov 2021
    assert s.first("formality_examination").due == d("2021-09-30")
    assert s.first("publication").due == d("2021-11-30")
    # Art. 119(2): 9 months from publication = 30 Aug 2022 (Tue)
    assert s.first("substantive_examination").due == d("2022-08-30")
    # publication + 5 months = 30 Apr 2022, before 2023: the IP VN 5-month practice does not reach it
    opp = s.first("opposition")
    assert opp.regime == "vn-2010" and opp.due == d("2022-08-30") and opp.until_event
    # Paris: 31 Aug 2021 + 6 months = Mon 28 Feb 2022 (window for filings abroad claiming this one)
    assert s.first("paris_priority").due == d("2022-02-28")
    # Art. 93(6): 10 years from filing: 31 Aug 2031 (Sunday: the term is not rolled over)
    assert s.by_step("term_expiry")[0].due == d("2031-08-31")
    # renewal: due on expiry, rolled to Mon 1 Sep 2031; window opens 28 Feb 2031; grace to 29 Feb 2032 (Sun)
    # -> Mon 1 Mar 2032
    ren = s.by_step("renewal")[0]
    assert ren.due == d("2031-09-01") and ren.window_start == d("2031-02-28") and ren.grace_end == d("2032-03-01")
    assert ren.surcharge_per_month == 0.10


def test_design_and_gi_examination_limits():
    # design: formality 15 Jul 2020 (Wed) + 1 = 15 Aug (Sat) -> 17 Aug; publication 17 Aug + 2 = 17 Oct (Sat) -> 19 Oct;
    # examination 7 months from 19 Oct 2020 = 19 May 2021 (Wed)
    s = sched("design", filing_date="2020-07-15")
    assert s.first("publication").due == d("2020-10-19")
    assert s.first("substantive_examination").due == d("2021-05-19")
    # GI: 6 months from an actual publication on 10 Mar 2021 = Fri 10 Sep 2021
    g = sched("gi", filing_date="2021-01-04", publication_date="2021-03-10")
    assert g.first("substantive_examination").due == d("2021-09-10")
    assert "paris_priority" not in g.steps() and "term_expiry" not in g.steps()  # GIs: no priority, no end
