"""More of COINr's tests ported: Denominate, Screen, get_stats, effective weights, impute_panel, compare_coins,
remove_elements; and the GII-specific coverage rule."""

from __future__ import annotations

import numpy as np
import pytest

from ipoffice.innovation import steps
from ipoffice.innovation.audit import compare_results, effective_weights, indicator_stats, remove_elements
from ipoffice.innovation.engine import IndexSpec, build_index, coinr_spec


def test_denominate_goods_by_gdp_and_flights_by_population(asem_result, asem):
    _, data = asem
    den = asem_result.stages["denominated"]
    d = data.set_index("uCode")
    assert np.allclose(den["Goods"], d["Goods"] / d["GDP"])
    assert np.allclose(den["Flights"], d["Flights"] / d["Population"])
    assert np.allclose(den["LPI"], d["LPI"])  # undenominated column untouched


def test_screen_by_missing_share(asem):
    fw, data = asem
    raw = data.set_index("uCode")[fw.indicators]
    cov = raw.notna().mean(axis=1)
    r = build_index(fw, data, IndexSpec(unit_min_coverage=0.9, normalise="minmax"))
    assert set(r.scores.index) == set(cov[cov >= 0.9].index)
    dropped = {e.code for e in r.exclusions if e.kind == "unit"}
    assert dropped == set(cov[cov < 0.9].index)


def test_get_stats_flags_flights(asem_result):
    st = indicator_stats(asem_result, skew_threshold=2, stage="denominated")
    assert st.loc["Flights", "Flag.SkewKurt"] == "OUT"
    assert st.loc["LPI", "N.Avail"] == asem_result.stages["raw"]["LPI"].notna().sum()
    assert st.loc["LPI", "Min"] == pytest.approx(asem_result.stages["raw"]["LPI"].min())


def test_effective_weights_sum_to_one_per_level(asem_result):
    fw = asem_result.framework
    ew = effective_weights(fw)
    for level in range(1, fw.max_level + 1):
        assert sum(ew[c] for c in fw.at_level(level)) == pytest.approx(1)


def test_impute_panel_constant_and_linear():
    assert steps.impute_panel(np.array([3.0, np.nan, 5])).tolist() == [3, 4, 5]
    assert steps.impute_panel(np.array([np.nan, 2.0, np.nan, 6, np.nan])).tolist() == [2, 2, 4, 6, 6]
    assert steps.impute_panel(np.array([np.nan, 2.0, np.nan, 6]), "constant").tolist() == [2, 2, 2, 6]


def test_compare_identical_is_zero_and_remove_elements(asem, asem_result):
    fw, data = asem
    t = compare_results(asem_result, asem_result)
    assert (t["rank_change"] == 0).all()
    ranks, mad = remove_elements(fw, data, coinr_spec(), level=2)
    assert set(mad.index) == set(fw.at_level(2))
    assert (mad >= 0).all() and mad.max() > 0
    assert (ranks["nominal"] == asem_result.ranks["Index"]).all()
