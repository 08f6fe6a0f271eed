"""The Provincial Innovation Index configuration: framework, 63 → 34 crosswalk, re-aggregation of numerators
and denominators, indicators without data listed, comparison with the published press table."""

from __future__ import annotations

import numpy as np
import pytest

from ipoffice.innovation.pii import (
    build_pii,
    compare_with_published,
    crosswalk,
    indicators_without_data,
    pii_data,
    pii_framework,
    province_table,
    to_new_units,
    unit_key,
)


@pytest.fixture(scope="module")
def vn(shared_data):
    d = shared_data / "econ" / "vn_provinces"
    return (d / "vn_province_population_area_2011_2022.csv", d / "vn_province_grdp_per_capita_2018_2022.csv",
            d / "pii_published_results_press.csv")


def test_framework_has_seven_pillars_in_two_sub_indices():
    fw = pii_framework()
    assert fw.root == "PII"
    assert sorted(fw.children("PII")) == ["Input", "Output"]
    assert len(fw.children("Input")) == 5 and len(fw.children("Output")) == 2
    assert len(fw.at_level(2)) == 7
    # every proxy indicator is marked as a doubt to verify
    assert all(fw.nodes[c].verify for c in fw.indicators)
    assert fw.label("P7_Impact", "vi") == "Tác động"


def test_crosswalk_is_63_to_34():
    cw = crosswalk()
    assert len(cw) == 63 and cw["old_gso_code"].is_unique
    assert cw["new_unit"].nunique() == 34
    # the member counts given by the source agree with the rows
    assert (cw.groupby("new_unit").size() == cw.groupby("new_unit")["n_members"].first()).all()


def test_unit_keys():
    assert unit_key("TP. Hồ Chí Minh") == unit_key("Ho Chi Minh City") == unit_key("Ho Chi Minh")
    assert unit_key("Hue (city)") == unit_key("Thua Thien Hue") == "hue"
    assert unit_key("Gia Lai (merged with Binh Dinh)") == "gialai"
    assert unit_key("Đắk Lắk") == "daklak"


def test_rebase_sums_numerators_and_denominators(vn):
    pop, grdp, _ = vn
    t63 = province_table(pop, grdp, 2022)
    t34 = to_new_units(t63)
    assert len(t34) == 34
    assert t34["Population"].sum() == pytest.approx(t63["Population"].sum())
    # areas re-add to the source's new-unit areas (e.g. Ho Chi Minh City 6,772.6 km²)
    assert t34.loc["Ho Chi Minh City", "Area"] == pytest.approx(6772.59, abs=0.5)
    members = t63.loc[[79, 74, 77]]
    expected = (members["Imp_GRDPpc"] * members["Population"]).sum() / members["Population"].sum()
    assert t34.loc["Ho Chi Minh City", "Imp_GRDPpc"] == pytest.approx(expected)
    assert t34.loc["Ho Chi Minh City", "n_members"] == 3


def test_pii_on_63_and_34_units_lists_missing_indicators(vn):
    pop, grdp, press = vn
    fw = pii_framework()
    for units, n, edition in (("63", 63, 2023), ("34", 34, 2025)):
        data = pii_data(pop, grdp, 2022, units)
        r = build_pii(data)
        assert len(r.scores) == n
        missing = indicators_without_data(r)
        assert set(missing) == {c for c in fw.indicators if not fw.nodes[c].has_data}
        assert {e.code for e in r.exclusions if e.kind == "score"} >= {"P1_Inst", "Input"}
        assert np.isfinite(r.scores["PII"]).all()
        cmp = compare_with_published(r, press, edition)
        assert not cmp.unmatched
        assert cmp.n_matched == {2023: 20, 2025: 7}[edition]
        assert -1 <= cmp.spearman <= 1


def test_office_counts_join_as_per_million(vn):
    import pandas as pd

    pop, grdp, _ = vn
    t = province_table(pop, grdp, 2022)
    extra = pd.DataFrame({"KT_Trademarks": np.arange(len(t), dtype=float) * 10}, index=t.index)
    d63 = pii_data(pop, grdp, 2022, "63", extra=extra)
    row = d63.iloc[5]
    assert row["KT_Trademarks"] == pytest.approx(extra.iloc[5, 0] / t.iloc[5]["Population"] * 1000)
    d34 = pii_data(pop, grdp, 2022, "34", extra=extra)
    assert d34["KT_Trademarks"].notna().all()
    r = build_pii(d34)
    assert "KT_Trademarks" not in indicators_without_data(r)
    assert np.isfinite(r.scores["P6_Knowledge"]).all()
