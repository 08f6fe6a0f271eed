"""Fee quotes under the dated tariffs (Circular 263/2016/TT-BTC as amended) and the late-payment surcharge."""

from __future__ import annotations

from datetime import date

import pytest

from ipoffice.core.errors import UserError
from ipoffice.core.rights import RightKind
from ipoffice.law import FilingRequest, Stage, fee_quote, late_surcharge, tariff_on, tariffs


def test_tariffs_are_dated_and_contiguous():
    ts = tariffs()
    assert [t.id for t in ts] == ["vn-tariff-263-2016", "vn-tariff-263-2016-am-63-2023", "vn-tariff-263-2016-2026"]
    for older, newer in zip(ts, ts[1:], strict=False):
        assert older.in_force_to is not None and (newer.in_force_from - older.in_force_to).days == 1
    assert tariff_on(date(2023, 11, 30)).id == "vn-tariff-263-2016"
    assert tariff_on(date(2023, 12, 1)).id == "vn-tariff-263-2016-am-63-2023"
    with pytest.raises(UserError) as err:
        tariff_on(date(2016, 12, 31))
    assert err.value.code == "law.no_tariff"


def test_trademark_one_class_six_items_paper():
    q = fee_quote(FilingRequest(RightKind.TRADEMARK, classes=1, items_per_class=(6,)), on=date(2022, 5, 4))
    # filing 150,000 + publication 120,000 + classification 100,000 + search 180,000 + examination 550,000
    assert q.total == 150_000 + 120_000 + 100_000 + 180_000 + 550_000
    assert q.subtotal(Stage.EXAMINATION) == 180_000 + 550_000
    assert {x.code for x in q.lines}.isdisjoint({"tm_search_items", "grant"})  # no item surcharge, no grant


def test_trademark_items_beyond_six_per_class_and_priority():
    req = FilingRequest(RightKind.TRADEMARK, classes=2, items_per_class=(9, 4), priority_claims=1)
    q = fee_quote(req, on=date(2022, 5, 4))
    by_code = {x.code: x for x in q.lines}
    # 9 items in class 1 -> 3 beyond 6; 4 items in class 2 -> none
    assert by_code["tm_examination_items"].quantity == 3 and by_code["tm_examination_items"].amount == 360_000
    assert by_code["tm_examination"].amount == 2 * 550_000
    assert by_code["priority"].amount == 600_000
    expected = 150_000 + 120_000 + 600_000 + 2 * 100_000 + 3 * 20_000 + 2 * 180_000 + 3 * 30_000 + 2 * 550_000 \
        + 3 * 120_000
    assert q.total == expected


def test_invention_claims_and_pages_and_grant_stage():
    req = FilingRequest(RightKind.INVENTION, independent_claims=2, description_pages=12)
    q = fee_quote(req, on=date(2021, 1, 4), stages=(Stage.FILING, Stage.EXAMINATION, Stage.GRANT))
    by_code = {x.code: x for x in q.lines}
    assert by_code["patent_pages"].quantity == 7  # pages 6..12 beyond the first 5
    assert by_code["patent_examination"].amount == 2 * 900_000
    assert by_code["grant_patent_claims"].quantity == 1
    assert q.subtotal(Stage.GRANT) == 120_000 * 3 + 100_000


def test_design_variants_multiply_examination():
    q = fee_quote(FilingRequest(RightKind.DESIGN, design_variants=3), on=date(2021, 1, 4))
    by_code = {x.code: x for x in q.lines}
    assert by_code["design_examination"].amount == 3 * 700_000 and by_code["design_search"].quantity == 3


def test_online_reduction_only_while_circular_63_2023_applies():
    req = FilingRequest(RightKind.GI, online=True)
    during = fee_quote(req, on=date(2024, 6, 3))
    after = fee_quote(req, on=date(2026, 6, 3))
    before = fee_quote(req, on=date(2023, 6, 5))
    assert during.total == after.total - 75_000 == before.total - 75_000
    line = next(x for x in during.lines if x.code == "filing")
    assert line.reduction == 0.5 and line.verify  # the rate is an assumption, flagged


def test_bad_quantities_name_the_field():
    with pytest.raises(UserError) as err:
        FilingRequest(RightKind.TRADEMARK, classes=0)
    assert err.value.field == "classes"


def test_late_surcharge_ten_percent_per_begun_month():
    due = date(2025, 8, 31)
    assert late_surcharge(1_000_000, due, date(2025, 8, 31)) == 0
    assert late_surcharge(1_000_000, due, date(2025, 9, 1)) == 100_000  # 1 day late = 1 month begun
    assert late_surcharge(1_000_000, due, date(2025, 9, 30)) == 100_000  # 31 Aug + 1 month = 30 Sep
    assert late_surcharge(1_000_000, due, date(2025, 10, 1)) == 200_000
    assert late_surcharge(1_000_000, due, date(2026, 2, 28)) == 600_000  # + 6 months = 28 Feb 2026
    with pytest.raises(UserError) as err:
        late_surcharge(1_000_000, due, date(2026, 3, 1))
    assert err.value.field == "paid"
