"""The statistical audit: correlations, Cronbach's alpha, PCA (COINr test-correlations.R, test-PCA.R), PCA
weights and the strengths and weaknesses of each unit (COINr test-results.R, GII rule)."""

from __future__ import annotations

import numpy as np
import pytest

from ipoffice.innovation import steps
from ipoffice.innovation.audit import audit, pca_weights, strengths_weaknesses
from ipoffice.innovation.engine import build_index, coinr_spec


def test_audit_of_asem(asem_result):
    a = audit(asem_result)
    fw = asem_result.framework
    assert set(a.groups) == set(fw.aggregates)
    phys = a.groups["Physical"]
    kids = fw.children("Physical")
    assert phys.cronbach_alpha == pytest.approx(steps.cronbach_alpha(asem_result.scores[kids].to_numpy()))
    # pairwise correlations are Pearson's
    assert a.correlations.loc["LPI", "Flights"] == pytest.approx(
        np.corrcoef(asem_result.scores["LPI"], asem_result.scores["Flights"])[0, 1])
    # PCA: eigenvalues of a correlation matrix sum to k, first share in (1/k, 1]
    assert sum(phys.eigenvalues) == pytest.approx(len(kids))
    assert 1 / len(kids) < phys.pc1_variance_share <= 1
    assert np.sum(np.square(list(phys.loadings.values()))) == pytest.approx(1)
    assert "Cronbach" in a.summary() or "alpha" in a.summary()


def test_pca_weights_sum_to_one_per_group(asem_result, asem):
    fw, data = asem
    w = pca_weights(fw, asem_result.stages["normalised"])
    for agg in fw.at_level(2):
        assert sum(w[k] for k in fw.children(agg)) == pytest.approx(1)
    r = build_index(fw, data, coinr_spec(weights="pca"))
    assert r.weights["LPI"] == pytest.approx(w["LPI"])
    assert not np.allclose(r.index, asem_result.index)


def test_strengths_and_weaknesses(asem_result):
    sw = strengths_weaknesses(asem_result, level=1, top=5)
    che = sw[sw.unit == "CHE"]
    assert (che.kind == "strength").sum() >= 5 and (che.kind == "weakness").sum() == 5
    # any indicator where CHE ranks in the top 3 is always a strength
    ranks = steps.rank_desc(asem_result.scores["CPI"].to_numpy())
    pos = list(asem_result.scores.index).index("CHE")
    if ranks[pos] <= 3:
        assert "CPI" in set(che[che.kind == "strength"].code)
    worst = che[che.kind == "weakness"]["rank"].min()
    best = che[che.kind == "strength"]["rank"].max()
    assert worst >= 1 and best >= 1
