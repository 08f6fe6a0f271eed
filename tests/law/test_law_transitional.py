"""The transitional rule: regime by filing date, and per-step switches on both sides of 1 Jan 2023 and 1 Apr 2026."""

from __future__ import annotations

import pytest
from law_helpers import TODAY, d
from law_helpers import compute as sched

from ipoffice.core.errors import UserError
from ipoffice.core.rights import RightKind
from ipoffice.law import FileFacts, regime_for, regimes


@pytest.mark.parametrize(
    ("filing", "regime"),
    [("2010-01-01", "vn-2010"), ("2022-12-31", "vn-2010"), ("2023-01-01", "vn-2023"),
     ("2026-03-31", "vn-2023"), ("2026-04-01", "vn-2026"), ("2027-06-30", "vn-2026")],
)
def test_regime_by_filing_date_on_both_sides_of_each_change(filing, regime):
    choice = regime_for(FileFacts(RightKind.TRADEMARK, filing_date=d(filing)), today=TODAY)
    assert choice.regime.id == regime
    assert "Law 07/2022/QH15 Art. 3" in choice.basis
    assert filing in choice.reason("en")


def test_regimes_are_contiguous_and_ordered():
    rs = regimes()
    assert [r.id for r in rs] == ["vn-2010", "vn-2023", "vn-2026"]
    for older, newer in zip(rs, rs[1:], strict=False):
        assert older.in_force_to is not None and (newer.in_force_from - older.in_force_to).days == 1


def test_no_regime_before_2010_names_the_field():
    with pytest.raises(UserError) as err:
        regime_for(FileFacts(RightKind.INVENTION, filing_date=d("2009-12-31")), today=TODAY)
    assert err.value.field == "filing_date" and "transitional" in (err.value.rule or "")
    assert "2009-12-31" in err.value.message("en")


def test_date_far_in_the_future_is_refused():
    with pytest.raises(UserError) as err:
        regime_for(FileFacts(RightKind.INVENTION, filing_date=d("2031-01-01")), today=TODAY)
    assert err.value.code == "law.date_too_far" and err.value.field == "filing_date"


def test_regime_by_priority_date_when_no_filing_date_is_given():
    choice = regime_for(FileFacts(RightKind.INVENTION, priority_date=d("2022-11-30")), today=TODAY)
    assert choice.regime.id == "vn-2010" and "no filing date" in choice.reason("en")


def test_mark_filed_in_2022_takes_the_5_month_window_applied_by_ip_vn():
    # filed before 2023 -> vn-2010, but publication 15 Sep 2022 + 5 months = 15 Feb 2023 (Wed) reaches into 2023
    s = sched("trademark", filing_date="2022-06-10", publication_date="2022-09-15")
    assert s.regime == "vn-2010"
    opp = s.first("opposition")
    assert opp.regime == "vn-2023" and opp.due == d("2023-02-15") and opp.verify
    assert opp.regime_reason and "5-month" in opp.regime_reason
    # the examination limit stays with the file's regime
    assert s.first("substantive_examination").regime == "vn-2010"


def test_invention_filed_in_2022_keeps_the_open_ended_opposition():
    s = sched("invention", filing_date="2022-06-10", publication_date="2023-12-01")
    opp = s.first("opposition")
    assert opp.regime == "vn-2010" and opp.until_event == "decision_on_grant"


def test_pending_file_published_on_or_after_1_april_2026_takes_the_new_windows():
    s = sched("invention", filing_date="2025-06-02", publication_date="2026-04-15",
              examination_request_date="2025-06-02")
    assert s.regime == "vn-2023"
    # opposition: 6 months (Law 131/2025) from 15 Apr 2026 = Thu 15 Oct 2026
    opp = s.first("opposition")
    assert opp.regime == "vn-2026" and opp.due == d("2026-10-15") and opp.verify
    # examination: 12 months from publication = Thu 15 Apr 2027
    assert s.first("substantive_examination").due == d("2027-04-15")
    # the request limit stays at 42 months of the filing-date regime: 2 Dec 2028 (Sat) -> Mon 4 Dec 2028
    req = s.first("examination_request")
    assert req.regime == "vn-2023" and req.due == d("2028-12-04")


def test_pending_file_published_the_day_before_keeps_the_old_window():
    s = sched("invention", filing_date="2025-06-02", publication_date="2026-03-31")
    opp = s.first("opposition")
    # 31 Mar 2026 + 9 months = Thu 31 Dec 2026 under Art. 112a as amended in 2022
    assert opp.regime == "vn-2023" and opp.due == d("2026-12-31") and opp.regime_reason is None
