"""Innovation → growth: perpetual inventory (closed form), growth accounting for Viet Nam (reproduces the research
note's table), two-way FE regressions and Granger-type tests on the shipped panel."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ipoffice.core.errors import UserError
from ipoffice.innovation.growth.data import build, load_panel
from ipoffice.innovation.growth.models import (
    _fe,
    granger,
    growth_accounting,
    perpetual_inventory,
    production_function,
)


@pytest.fixture(scope="module")
def panel():
    return load_panel()


def test_perpetual_inventory_closed_form():
    flow = pd.Series([100.0, 110, np.nan, 133.1], index=[2000, 2001, 2002, 2003])
    k = perpetual_inventory(flow, delta=0.15, initial_growth=0.1)
    k0 = 100 / 0.25
    assert k.loc[2000] == pytest.approx(k0)
    assert k.loc[2001] == pytest.approx(0.85 * k0 + 110)
    assert k.loc[2002] == pytest.approx(0.85 * k.loc[2001] + 121.55)  # gap interpolated
    # a constant flow's stock stays at F/δ when started at the steady state
    c = perpetual_inventory(pd.Series([5.0] * 10, index=range(10)), delta=0.2, initial_growth=0.0)
    assert np.allclose(c, 25)


def test_viet_nam_growth_accounting_matches_research_table(panel):
    ga = growth_accounting(panel, "VNM", alpha=0.4)
    t = ga.periods.round(2)
    assert t.loc["1991–2000"].tolist() == [7.30, 4.65, 2.36, 0.28]
    assert t.loc["2011–2019"].tolist() == [6.11, 3.09, 1.32, 1.70]
    assert np.allclose(ga.annual["gdp"], ga.annual[["capital", "labour", "tfp"]].sum(axis=1))
    assert any("verify" in n for n in ga.notes)
    with pytest.raises(UserError):
        growth_accounting(panel, "XXX")


def test_fe_recovers_a_known_elasticity():
    """Generated panel (named as generated): y = 0.3·x + country effect + year effect + noise."""
    rng = np.random.default_rng(0)
    idx = pd.MultiIndex.from_product([[f"C{i}" for i in range(40)], range(2000, 2015)], names=["iso3", "year"])
    ce = np.repeat(rng.normal(size=40), 15)
    te = np.tile(rng.normal(size=15), 40)
    x = rng.normal(size=len(idx)) + ce
    y = 0.3 * x + ce + te + rng.normal(scale=0.1, size=len(idx))
    r = _fe(pd.DataFrame({"y": y, "x": x}, index=idx), "y", ["x"], "generated")
    e = r.elasticities[0]
    assert e.ci_low < 0.3 < e.ci_high and e.se > 0
    assert r.n_countries == 40


def test_production_function_on_shipped_panel(panel):
    r = production_function(panel, lag=1)
    t = r.table()
    assert r.n_countries > 100 and r.n_obs > 3000
    # capital per worker: a positive, precisely estimated elasticity near the research note's 0.47
    assert 0.3 < t.loc["ln_k_per_worker", "coef"] < 0.6
    assert t.loc["ln_k_per_worker", "p_value"] < 0.01
    assert "clustered by country" in r.summary()


def test_granger_both_directions(panel):
    g = granger(panel, "pat_res", "rgdpna_pc", lags=2)
    assert 0 <= g.p_value <= 1 and g.df == 2 and g.n_obs > 1000
    assert "predict" in g.sentence()


def test_shipped_panel_equals_build_from_sources(shared_data, panel):
    long = build(shared_data / "econ")
    vnm = long[(long.iso3 == "VNM") & (long.variable == "pat_res")].set_index("year")["value"]
    assert vnm.loc[2021] == pytest.approx(panel.loc[("VNM", 2021), "pat_res"])
    assert set(long["variable"]) >= {"rgdpna", "rnna", "emp", "hc", "pat_res", "rd_gdp"}


def test_provincial_regression_with_generated_filings(shared_data):
    """Generated filings (named as generated): counts proportional to GRDP per capita, so the association
    must come out positive; the province table is the real GSO series."""
    from ipoffice.innovation.growth.models import provincial_regression

    d = shared_data / "econ" / "vn_provinces"
    grdp = pd.read_csv(d / "vn_province_grdp_per_capita_2018_2022.csv")
    rng = np.random.default_rng(1)
    rows = []
    for _, r in grdp.iterrows():
        for back in range(0, 6):  # filings also in the years before the GRDP window
            rows.append({"gso_code": r.gso_code, "year": r.year - back * 5 if back else r.year,
                         "filings": float(r.grdp_per_capita_mln_vnd ** 2 * rng.uniform(0.9, 1.1))})
    filings = pd.DataFrame(rows).groupby(["gso_code", "year"], as_index=False)["filings"].mean()
    res = provincial_regression(filings, str(d / "vn_province_population_area_2011_2022.csv"),
                                str(d / "vn_province_grdp_per_capita_2018_2022.csv"), lag=0)
    assert res.n_countries == 63
    assert res.elasticities[0].coef > 0
    with pytest.raises(UserError):
        provincial_regression(filings.drop(columns=["filings"]), "x", "y")


def test_knowledge_production_function(panel):
    from ipoffice.innovation.growth.models import knowledge_production

    r = knowledge_production(panel)
    assert [e.variable for e in r.elasticities] == ["ln_rd_spending_lag1", "ln_researchers_lag1"]
    assert r.n_countries > 50 and r.years[0] >= 1997
    assert all(e.ci_low < e.coef < e.ci_high for e in r.elasticities)


def test_income_groups_and_heterogeneity(panel):
    from ipoffice.innovation.growth.models import by_income_group, income_groups

    g = income_groups(panel)
    assert set(g.unique()) == {1, 2, 3}
    # the richest tercile has a higher mean GDP per person than the poorest
    p = panel.dropna(subset=["rgdpna", "pop"])
    gdppc = (p["rgdpna"] / p["pop"]).groupby(level="iso3").mean()
    assert gdppc[g[g == 3].index].min() >= gdppc[g[g == 1].index].max()
    h = by_income_group(panel)
    assert list(h.index) == [1, 2, 3] and (h["countries"] > 20).all()
