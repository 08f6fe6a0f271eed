"""Worked dates under regime vn-2023 (Law 07/2022, Decree 65/2023, Circular 23/2023; filed 1 Jan 2023 - 31 Mar 2026).

Weekends-only roll-over (Civil Code Art. 148(5)); hand arithmetic in the comments.
"""

from __future__ import annotations

from law_helpers import compute as sched
from law_helpers import d


def test_invention_every_time_limit_without_priority():
    s = sched("invention", filing_date="2023-03-15")
    assert s.regime == "vn-2023"
    assert s.first("paris_priority").due == d("2024-03-15")  # Art. 91: + 12 months, Fri
    assert s.first("pct_national_phase").due == d("2025-10-15")  # + 31 months, Wed
    assert s.first("formality_examination").due == d("2023-04-17")  # + 1 month = Sat 15 Apr -> Mon 17 Apr
    # Art. 110: 19th month = 15 Oct 2024 (Tue), later than acceptance (17 Apr) + 2 months
    assert s.first("publication").due == d("2024-10-15")
    assert s.first("examination_request").due == d("2026-09-15")  # Art. 113(2): + 42 months, Tue
    assert s.first("restoration").due == d("2027-03-15")  # + 6 months after the request limit, Mon
    # Art. 119(2): request (projected 15 Sep 2026) + 18 = Wed 15 Mar 2028, later than publication + 18
    assert s.first("substantive_examination").due == d("2028-03-15")
    # Art. 112a(1)(a): publication 15 Oct 2024 + 9 months = Tue 15 Jul 2025
    opp = s.first("opposition")
    assert opp.due == d("2025-07-15") and opp.window_start == d("2024-10-15") and opp.until_event is None
    assert opp.basis.endswith("Art. 112a(1)(a)")
    # the third-party opinion stays open until the decision (Art. 112)
    assert s.first("third_party_opinion").due == d("2028-03-15")


def test_pct_national_phase_file_is_published_within_two_months_of_acceptance():
    s = sched("invention", filing_date="2023-03-15", route="pct", acceptance_date="2025-11-28")
    # 28 Nov 2025 (Fri) + 2 months = Wed 28 Jan 2026; the 19th-month rule does not apply to PCT files
    pubs = s.by_step("publication")
    assert [p.due for p in pubs] == [d("2026-01-28")]


def test_opposition_windows_per_right_from_an_actual_publication():
    # publication Thu 31 Aug 2023: design + 4 = 31 Dec 2023 (Sun) -> Mon 1 Jan 2024 (weekends only);
    # mark + 5 = 31 Jan 2024 (Wed); GI + 3 = 30 Nov 2023 (Thu, no 31 Nov)
    common = {"filing_date": "2023-06-01", "publication_date": "2023-08-31"}
    assert sched("design", **common).first("opposition").due == d("2024-01-01")
    assert sched("trademark", **common).first("opposition").due == d("2024-01-31")
    assert sched("gi", **common).first("opposition").due == d("2023-11-30")
    # utility solutions are patent applications: 9 months -> 31 May 2024 (Fri)
    assert sched("utility_solution", **common).first("opposition").due == d("2024-05-31")


def test_month_end_31_august_plus_6_months_paris_priority():
    # Art. 91(1), Civil Code Art. 148(3): 31 Aug 2025 + 6 months = 28 Feb 2026 (no 31 Feb), a Saturday
    # -> Art. 148(5) and Paris Art. 4C(3): Monday 2 Mar 2026
    s = sched("trademark", filing_date="2025-09-10", priority_date="2025-08-31")
    p = s.first("paris_priority")
    assert p.due == d("2026-03-02") and p.anchor_date == d("2025-08-31")


def test_office_action_responses_with_extension():
    s = sched("trademark", filing_date="2024-01-10", office_action_date="2025-03-31", office_action_kind="substantive")
    (resp,) = s.by_step("office_action_response")
    # 31 Mar 2025 + 3 months = Mon 30 Jun 2025 (no 31 Jun); one extension of 3 months: Tue 30 Sep 2025
    assert resp.due == d("2025-06-30") and resp.extension_end == d("2025-09-30")
    f = sched("trademark", filing_date="2024-01-10", office_action_date="2025-03-31", office_action_kind="formality")
    (resp,) = f.by_step("office_action_response")
    # 31 Mar + 2 months = 31 May 2025 (Sat) -> Mon 2 Jun; extension counted from 31 May: 31 Jul (Thu)
    assert resp.due == d("2025-06-02") and resp.extension_end == d("2025-07-31")


def test_grant_fees_complaint_madrid_and_hague():
    s = sched("trademark", filing_date="2024-01-10", grant_notice_date="2025-05-31", decision_date="2025-01-02")
    # 31 May 2025 + 3 months = 31 Aug (Sun) -> Mon 1 Sep 2025
    assert s.first("grant_fee_payment").due == d("2025-09-01")
    # Law on Complaints Art. 9: 2 Jan + 90 days = 2 Apr 2025 (29 + 28 + 31 + 2 days), Wed
    assert s.first("complaint").due == d("2025-04-02")
    m = sched("trademark", filing_date="2024-01-10", route="madrid", international_notification_date="2024-02-29")
    # Madrid Protocol Art. 5(2)(a): 29 Feb 2024 + 12 months = 28 Feb 2025 (Fri)
    assert m.first("madrid_refusal").due == d("2025-02-28") and m.first("madrid_refusal").verify
    h = sched("design", filing_date="2024-01-10", route="hague", publication_date="2024-06-14")
    # Rule 18(1)(a): 14 Jun 2024 + 6 months = 14 Dec (Sat) -> Mon 16 Dec 2024
    assert h.first("hague_refusal").due == d("2024-12-16")
    assert "madrid_refusal" not in s.steps() and "hague_refusal" not in s.steps()


def test_annuities_from_grant_with_window_and_grace():
    s = sched("invention", filing_date="2024-03-03", grant_date="2027-01-05")
    ann = s.by_step("annuity")
    # year 2 starts on 5 Jan 2028 (Wed): payable from 5 Jul 2027, late until 5 Jul 2028 with +10% per month
    assert (ann[0].occurrence, ann[0].due, ann[0].window_start, ann[0].grace_end) == (
        2, d("2028-01-05"), d("2027-07-05"), d("2028-07-05"))
    # year 4 starts on Sat 5 Jan 2030 -> Mon 7 Jan 2030
    assert ann[2].occurrence == 4 and ann[2].due == d("2030-01-07")
    # the last validity year starts before the term ends on 3 Mar 2044: year 18 starts 5 Jan 2044
    assert ann[-1].occurrence == 18 and ann[-1].due == d("2044-01-05")


def test_design_renewals_twice_and_layout_design_cap():
    s = sched("design", filing_date="2023-03-15")
    # Art. 93(4): 5 years, renewable twice: terms end 15 Mar 2028, 2033, 2038
    assert [t.due for t in s.by_step("term_expiry")] == [d("2028-03-15"), d("2033-03-15"), d("2038-03-15")]
    ren = s.by_step("renewal")
    assert [r.due for r in ren] == [d("2028-03-15"), d("2033-03-15")]
    assert ren[0].grace_end == d("2028-09-15")  # + 6 months, Fri
    # Art. 93(5): layout design ends 10 y from filing, or 15 y from creation if earlier (10 Jan 2012 + 15 y)
    lay = sched("layout_design", filing_date="2023-03-15", creation_date="2012-01-10")
    assert lay.first("term_expiry").due == d("2027-01-10")
    assert "opposition" not in lay.steps() and "annuity" not in lay.steps()
