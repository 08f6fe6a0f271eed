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


# --- maintenance: annuities and renewals (Law on IP Art. 94; Circular 263/2016/TT-BTC) ----------------------

from ipoffice.law import maintenance_fee_quote  # noqa: E402
from ipoffice.law.vn.tariff_263_2016 import ANNUITY_BANDS  # noqa: E402


@pytest.mark.parametrize(
    ("year", "use_fee"),
    [(1, 300_000), (2, 300_000), (3, 480_000), (4, 480_000), (5, 780_000), (6, 780_000), (7, 1_200_000),
     (8, 1_200_000), (9, 1_800_000), (13, 2_520_000), (14, 3_300_000), (20, 4_200_000)],
)
def test_invention_annuity_by_year_band_per_independent_claim(year, use_fee):
    req = FilingRequest(RightKind.INVENTION, independent_claims=3, annuity_year=year)
    q = maintenance_fee_quote(req, on=date(2024, 6, 3))
    # 100,000 charge and the band's use fee per independent claim, 160,000 per request
    assert q.total == 3 * 100_000 + 160_000 + 3 * use_fee
    assert sum(1 for x in q.lines if x.code.startswith("annuity_use_")) == 1
    assert q.verify  # the maintenance amounts are not confirmed against the annex


def test_annuity_bands_cover_every_validity_year_once():
    covered = [y for first, last, _, _ in ANNUITY_BANDS for y in range(first, last + 1)]
    assert covered == list(range(1, 21))


def test_utility_solution_annuities_stop_at_year_ten_and_gi_has_none():
    ok = maintenance_fee_quote(FilingRequest(RightKind.UTILITY_SOLUTION, annuity_year=10), on=date(2024, 6, 3))
    assert ok.total == 100_000 + 160_000 + 1_800_000
    with pytest.raises(UserError) as err:
        maintenance_fee_quote(FilingRequest(RightKind.UTILITY_SOLUTION, annuity_year=11), on=date(2024, 6, 3))
    assert err.value.code == "law.bad_annuity_year" and err.value.field == "annuity_year"
    for right in (RightKind.GI, RightKind.LAYOUT_DESIGN, RightKind.TRADEMARK):
        with pytest.raises(UserError) as err:
            maintenance_fee_quote(FilingRequest(right, annuity_year=1), on=date(2024, 6, 3))
        assert err.value.code == "law.no_annuity"
    for right in (RightKind.GI, RightKind.INVENTION):
        with pytest.raises(UserError) as err:
            maintenance_fee_quote(FilingRequest(right), on=date(2024, 6, 3), renewal=True)
        assert err.value.code == "law.no_renewal"


def test_trademark_renewal_per_class_and_design_renewal_per_variant():
    tm = maintenance_fee_quote(FilingRequest(RightKind.TRADEMARK, classes=3), on=date(2025, 2, 3), renewal=True)
    assert tm.total == 3 * 100_000 + 160_000 + 3 * 700_000
    d = maintenance_fee_quote(FilingRequest(RightKind.DESIGN, design_variants=2), on=date(2025, 2, 3), renewal=True)
    assert d.total == 2 * 100_000 + 160_000 + 2 * 700_000
    # filing quotes never include maintenance lines
    assert not any(x.stage in (Stage.ANNUITY, Stage.RENEWAL) for x in fee_quote(
        FilingRequest(RightKind.TRADEMARK), on=date(2025, 2, 3),
        stages=(Stage.FILING, Stage.EXAMINATION, Stage.GRANT)).lines)


def test_late_surcharge_is_ten_percent_of_the_charge_per_begun_month_within_grace():
    req = FilingRequest(RightKind.TRADEMARK, classes=2)
    due = date(2024, 8, 31)
    on_time = maintenance_fee_quote(req, on=due, renewal=True, due=due)
    assert "late_surcharge" not in {x.code for x in on_time.lines}
    # 2 Sep 2024 is in the first late month; 1 Nov 2024 in the third (31 Oct is the end of the second)
    first = maintenance_fee_quote(req, on=date(2024, 9, 2), renewal=True, due=due)
    third = maintenance_fee_quote(req, on=date(2024, 11, 1), renewal=True, due=due)
    charge = 2 * 100_000
    assert first.total - on_time.total == round(charge * 0.10)
    assert third.total - on_time.total == round(charge * 0.10 * 3)
    last_day = maintenance_fee_quote(req, on=date(2025, 2, 28), renewal=True, due=due)  # 6th month
    assert last_day.total - on_time.total == round(charge * 0.60)
    with pytest.raises(UserError) as err:
        maintenance_fee_quote(req, on=date(2025, 3, 1), renewal=True, due=due)
    assert err.value.code == "law.late_beyond_grace"
