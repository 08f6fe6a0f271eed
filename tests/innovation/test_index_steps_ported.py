"""COINr's closed-form tests (tests/testthat, COINr 1.1.14) ported one to one where they apply, plus the
GII-specific cases COINr lacks (2.25/3.5 rule, GII log, coverage rule, efficiency ratio)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from ipoffice.innovation import steps

# ---- test-normalise.R ---------------------------------------------------------------------------------


def test_minmax_bounds_and_default():
    x = np.array([[1.0], [3.0], [8.0], [np.nan]])
    y = steps.n_minmax(x, 2, 7)
    assert np.nanmin(y) == 2 and np.nanmax(y) == 7 and np.isnan(y[3, 0])
    y = steps.n_minmax(x)
    assert np.nanmin(y) == 0 and np.nanmax(y) == 100
    assert y[1, 0] == pytest.approx(200 / 7)


def test_zscore_mean_and_sd():
    x = np.random.default_rng(1).normal(5, 3, size=(40, 2))
    y = steps.n_zscore(x, 10, 2)
    assert np.allclose(y.mean(axis=0), 10) and np.allclose(y.std(axis=0, ddof=1), 2)


def test_goalposts_closed_form():
    # COINr: 1 in goalposts [0, 10] → 0.1; with direction −1 → 0.9
    x = np.array([[1.0], [12.0], [-3.0]])
    y = steps.n_goalposts(x, np.array([0.0]), np.array([10.0]), scale=1)
    assert y[:, 0].tolist() == pytest.approx([0.1, 1.0, 0.0])
    y = steps.n_goalposts(-x, np.array([-10.0]), np.array([0.0]), scale=1)
    assert y[0, 0] == pytest.approx(0.9)


def test_rank_and_percentile_rank():
    x = np.array([[3.0], [1.0], [2.0], [2.0]])
    assert steps.n_rank(x)[:, 0].tolist() == [4.0, 1.0, 2.5, 2.5]
    assert steps.n_prank(x)[:, 0].tolist() == pytest.approx([100, 0, 50, 50])


# ---- test-aggregate.R ---------------------------------------------------------------------------------


def test_arithmetic_defaults_to_row_means_and_weighted_mean():
    rng = np.random.default_rng(7)
    x = rng.uniform(0, 100, size=(10, 5))
    assert np.allclose(steps.aggregate(x, np.ones(5)), x.mean(axis=1))
    w = rng.uniform(0.1, 1, size=5)
    assert np.allclose(steps.aggregate(x, w), (x * w).sum(axis=1) / w.sum())


def test_data_threshold_makes_row_nan():
    x = np.array([[1.0, np.nan, np.nan, np.nan, np.nan], [1.0, 2, 3, 4, 5]])
    out = steps.aggregate(x, np.ones(5), min_share=0.5)
    assert np.isnan(out[0]) and out[1] == 3
    assert steps.aggregate(x, np.ones(5))[0] == 1  # available-data mean without the rule


def test_geometric_and_harmonic_closed_forms():
    x = np.array([[1.0, 2.0, 3.0]])
    assert steps.aggregate(x, np.ones(3), "geometric")[0] == pytest.approx(6 ** (1 / 3))
    assert steps.aggregate(x, np.array([2.0, 1, 1]), "harmonic")[0] == pytest.approx(4 / (2 / 1 + 1 / 2 + 1 / 3))


# ---- test-treat.R and test-stats.R --------------------------------------------------------------------


def test_skew_kurt_are_e1071_type2():
    x = np.random.default_rng(3).lognormal(size=30)
    assert steps.skewness(x) == pytest.approx(stats.skew(x, bias=False))
    assert steps.kurtosis(x) == pytest.approx(stats.kurtosis(x, bias=False))


def test_one_outlier_fails_then_winsorised_passes():
    x = np.r_[np.arange(1, 11), 100.0]
    assert not steps.passes_skew_kurt(x, 2, 3.5)
    y, t = steps.treat(x, 2, 3.5, winmax=5, log="ct")
    assert t.action == "winsorised" and t.n_winsorised == 1
    assert y[-1] == 10 and steps.passes_skew_kurt(y, 2, 3.5)


def test_winmax_one_falls_back_to_log():
    x = np.r_[np.arange(1, 21), 100.0, 200.0]
    y, t = steps.treat(x, 2, 3.5, winmax=1, log="ct")
    assert t.action == "log"
    assert np.allclose(y, np.log(x - x.min() + 0.01 * (x.max() - x.min())))


# ---- test-correlations.R: Cronbach's alpha closed form --------------------------------------------------


def test_cronbach_closed_form():
    x = np.random.default_rng(5).normal(size=(30, 4)) + np.random.default_rng(6).normal(size=(30, 1))
    c = np.cov(x, rowvar=False)
    k = x.shape[1]
    offdiag = c[~np.eye(k, dtype=bool)].mean()
    assert steps.cronbach_alpha(x) == pytest.approx(k**2 * offdiag / c.sum())


# ---- test-Impute.R ------------------------------------------------------------------------------------


def test_impute_mean_median_and_group():
    x = np.array([[1.0, 10], [np.nan, 20], [3.0, np.nan], [8.0, 40]])
    assert steps.impute(x, "mean")[1, 0] == 4 and steps.impute(x, "mean")[2, 1] == pytest.approx(70 / 3)
    assert steps.impute(x, "median")[1, 0] == 3
    g = np.array(["a", "a", "b", "b"])
    y = steps.impute(x, "group_mean", g)
    assert y[1, 0] == 1 and y[2, 1] == 40
    # a group with no data for a column stays missing (COINr warns)
    z = steps.impute(np.array([[np.nan, 1.0], [np.nan, 2], [5.0, 3]]), "group_mean", np.array(["a", "a", "b"]))
    assert np.isnan(z[0, 0])


# ---- GII-specific cases that COINr lacks --------------------------------------------------------------


def test_gii_rule_thresholds():
    x = np.r_[np.arange(1, 11), 100.0]
    sk, kt = steps.skewness(x), steps.kurtosis(x)
    assert abs(sk) > 2.25 and kt > 3.5
    assert steps.passes_skew_kurt(x, sk + 0.01, 3.5)  # skew under the threshold → pass
    assert steps.passes_skew_kurt(x, 2.25, kt + 0.01)  # kurtosis under the threshold → pass


def test_gii_log_formula_and_order():
    x = np.array([2.0, 5, 9, 1000])
    y = steps.log_gii(x)
    mn, mx = 2.0, 1000.0
    assert np.allclose(y, np.log((mx - 1) * (x - mn) / (mx - mn) + 1))
    assert y[0] == 0 and np.all(np.diff(y) > 0)
    # COINr's log_GII returns x untransformed; ours changes it
    assert not np.allclose(y, x)
    small = np.array([0.01, 0.02, 0.03, 0.9])  # max < 1: order kept by rescaling
    assert np.all(np.diff(steps.log_gii(small)) > 0)


def test_many_outliers_go_to_gii_log():
    x = np.r_[np.ones(100), np.arange(1, 11) * 1000.0]
    y, t = steps.treat(x, 2.25, 3.5, winmax=5, log="gii")
    assert t.action == "log" and np.allclose(y, steps.log_gii(x))


def test_rank_desc_min_ties():
    assert steps.rank_desc(np.array([5.0, 9, 9, np.nan, 1])).tolist()[:3] == [3, 1, 1]
