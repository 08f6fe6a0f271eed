"""Uncertainty and sensitivity: COINr's SA property tests ported (seeded), and the vectorised Monte Carlo
checked against one full engine run per replication."""

from __future__ import annotations

import numpy as np
import pytest

from ipoffice.innovation.engine import coinr_spec
from ipoffice.innovation.uncertainty import (
    UncertaintySpec,
    estimate_indices,
    rank_intervals_loop,
    sample_matrix,
    sensitivity,
    uncertainty,
)


def test_sample_shape_is_n_times_d_plus_2():
    s = sample_matrix(20, 3, seed=1)
    assert s.shape == (20 * (3 + 2), 3)
    assert s.min() >= 0 and s.max() <= 1


def test_estimator_closed_form_and_unused_input():
    # y = x1 + 10·x2 (x3 unused): S1 = 1/101, S2 = 100/101, S3 = ST3 = 0
    si, st = estimate_indices(lambda X: X[:, 0] + 10 * X[:, 1], n=20000, d=3, seed=3)
    assert si[2] == pytest.approx(0, abs=1e-12) and st[2] == pytest.approx(0, abs=1e-12)
    assert si[0] == pytest.approx(1 / 101, abs=0.03) and si[1] == pytest.approx(100 / 101, abs=0.03)
    assert st[1] == pytest.approx(100 / 101, abs=0.03)


def test_vectorised_monte_carlo_equals_engine_loop(asem):
    fw, data = asem
    usp = UncertaintySpec(imputations=("group_mean", "mean"), normalisations=("minmax", "prank"))
    vec = uncertainty(fw, data, coinr_spec(), usp, n=12, seed=4)
    loop = rank_intervals_loop(fw, data, coinr_spec(), usp, n=12, seed=4)
    assert set(vec.parameters["aggregation"]) == {"arithmetic", "geometric"}
    np.testing.assert_array_equal(vec.ranks, loop)


def test_no_variation_gives_nominal_ranks(asem, asem_result):
    fw, data = asem
    usp = UncertaintySpec(weight_noise=0.0, aggregations=("arithmetic",))
    u = uncertainty(fw, data, coinr_spec(), usp, n=5, seed=0, nominal=asem_result)
    st = u.rank_stats()
    assert (st["width"] == 0).all() and (st["median"] == st["nominal"]).all()


def test_dummy_factor_has_zero_sensitivity(asem, asem_result):
    """COINr test-sensitivity.R: two identical normalisation options → Si = STi = 0 for that input."""
    fw, data = asem
    usp = UncertaintySpec(normalisations=("minmax", "minmax"))
    s = sensitivity(fw, data, coinr_spec(), usp, n=60, seed=2, n_boot=20, nominal=asem_result)
    assert s.factors == ["weights", "aggregation", "normalisation"]
    assert s.first_order["normalisation"] == 0 and s.total["normalisation"] == 0
    assert s.total["aggregation"] > 0.1
    assert s.n_runs == 60 * (3 + 2)
    assert "STi" in s.summary()


def test_rank_intervals_contain_median(asem, asem_result):
    fw, data = asem
    u = uncertainty(fw, data, coinr_spec(), UncertaintySpec(), n=200, seed=9, nominal=asem_result)
    st = u.rank_stats()
    assert ((st["q5"] <= st["median"]) & (st["median"] <= st["q95"])).all()
    assert st["width"].max() > 0
    assert "Rank intervals" in str(u)
