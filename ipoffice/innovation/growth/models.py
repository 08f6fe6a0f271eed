"""Knowledge stocks, growth accounting and panel regressions of output on knowledge.

- Perpetual inventory (Griliches): K_t = (1 − δ)K_{t−1} + F_t, K_0 = F_0/(g + δ), δ = 0.15 by default.
- Growth accounting (Solow residual): g_TFP = g_Y − α·g_K − (1 − α)·g_(h·L), PWT ``rgdpna``, ``rnna``, ``emp``,
  ``hc``. PWT 10.01 has no labour share for Viet Nam, so α (capital share) is an assumption, 0.4 by default
  [verify against a GSO-based labour share].
- Two-way fixed effects (country and year) with country-clustered standard errors (linearmodels PanelOLS).
- Granger-type tests: do past values of x help predict y once past y and the fixed effects are in?
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ipoffice.core.errors import UserError

DEFAULT_DELTA = 0.15
DEFAULT_ALPHA = 0.4  # capital share for Viet Nam [verify]


# ---- knowledge stocks -----------------------------------------------------------------------------------


def perpetual_inventory(flow: pd.Series, delta: float = DEFAULT_DELTA, initial_growth: float | None = None) -> pd.Series:
    """Stock from a yearly flow (index = year). Interior gaps are interpolated linearly; the stock starts at
    the first observed year with K_0 = F_0/(g + δ), g = mean growth of the flow over its first five years
    (floored at 0) unless ``initial_growth`` is given."""
    f = flow.dropna().sort_index()
    if f.empty:
        return pd.Series(dtype=float)
    years = np.arange(int(f.index.min()), int(f.index.max()) + 1)
    f = f.reindex(years).interpolate(limit_area="inside")
    if initial_growth is None:
        head = f.iloc[:6]
        ratios = (head / head.shift(1)).dropna()
        ratios = ratios[np.isfinite(ratios) & (ratios > 0)]
        g = float(np.exp(np.log(ratios).mean()) - 1) if len(ratios) else 0.0
        g = max(g, 0.0)
    else:
        g = initial_growth
    out = np.empty(len(f))
    out[0] = f.iloc[0] / (g + delta)
    for t in range(1, len(f)):
        out[t] = (1 - delta) * out[t - 1] + f.iloc[t]
    return pd.Series(out, index=f.index, name=f"{flow.name or 'flow'}_stock")


def add_stock(panel: pd.DataFrame, var: str, delta: float = DEFAULT_DELTA) -> pd.DataFrame:
    """Add ``<var>_stock`` to a (iso3, year) panel by perpetual inventory within each country."""
    parts = []
    for iso, g in panel[var].groupby(level="iso3"):
        s = perpetual_inventory(g.droplevel("iso3"), delta)
        s.index = pd.MultiIndex.from_product([[iso], s.index], names=["iso3", "year"])
        parts.append(s)
    stock = pd.concat(parts) if parts else pd.Series(dtype=float)
    out = panel.copy()
    out[f"{var}_stock"] = stock.reindex(out.index)
    return out


# ---- growth accounting --------------------------------------------------------------------------------------


@dataclass
class GrowthAccounting:
    """Average annual growth (log points × 100) of output and the contributions of capital, labour
    (human-capital adjusted) and TFP, by period; ``annual`` holds every year."""

    iso3: str
    alpha: float
    periods: pd.DataFrame
    annual: pd.DataFrame
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        head = (f"Growth accounting, {self.iso3} (capital share α = {self.alpha}; labour = persons engaged × "
                "human capital; % per year, log points)")
        return "\n".join([head, "=" * len(head), self.periods.round(2).to_string(), *self.notes])


def growth_accounting(panel: pd.DataFrame, iso3: str = "VNM", alpha: float = DEFAULT_ALPHA,
                      periods: tuple[tuple[int, int], ...] = ((1991, 2000), (2001, 2010), (2011, 2019)),
                      human_capital: bool = True) -> GrowthAccounting:
    if iso3 not in panel.index.get_level_values("iso3"):
        raise UserError("innovation.growth.no_data", field="iso3", what=iso3)
    d = panel.loc[iso3].sort_index()
    need = ["rgdpna", "rnna", "emp"] + (["hc"] if human_capital else [])
    d = d[need].dropna()
    if len(d) < 2:
        raise UserError("innovation.growth.no_data", field="iso3", what=f"{iso3}: {', '.join(need)}")
    labour = d["emp"] * (d["hc"] if human_capital else 1.0)
    a = pd.DataFrame({
        "gdp": np.log(d["rgdpna"]).diff(),
        "capital": alpha * np.log(d["rnna"]).diff(),
        "labour": (1 - alpha) * np.log(labour).diff(),
    }).dropna() * 100
    a["tfp"] = a["gdp"] - a["capital"] - a["labour"]
    rows = {}
    for lo, hi in periods:
        sub = a.loc[(a.index >= lo) & (a.index <= hi)]
        if len(sub):
            rows[f"{lo}–{hi}"] = sub.mean()
    notes = []
    if "labsh" in panel.columns and panel.loc[iso3, "labsh"].isna().all():
        notes.append(f"PWT 10.01 has no labour share for {iso3}: α = {alpha} is assumed [verify].")
    return GrowthAccounting(iso3, alpha, pd.DataFrame(rows).T, a, notes)


# ---- panel regressions ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Elasticity:
    variable: str
    coef: float
    se: float
    ci_low: float
    ci_high: float
    p_value: float


@dataclass
class PanelRegression:
    """A two-way fixed-effects regression with country-clustered errors."""

    title: str
    dependent: str
    elasticities: list[Elasticity]
    n_obs: int
    n_countries: int
    years: tuple[int, int]
    r2_within: float
    fit: object = field(repr=False, default=None)

    def table(self) -> pd.DataFrame:
        return pd.DataFrame([e.__dict__ for e in self.elasticities]).set_index("variable")

    def summary(self) -> str:
        head = (f"{self.title}\nTwo-way fixed effects (country and year), standard errors clustered by country; "
                f"{self.n_obs} observations, {self.n_countries} countries, {self.years[0]}–{self.years[1]}; "
                f"within R² = {self.r2_within:.3f}\nDependent variable: {self.dependent}")
        return "\n".join([head, self.table().round(4).to_string()])


def _fe(df: pd.DataFrame, y: str, xs: list[str], title: str, level: float = 0.95) -> PanelRegression:
    from linearmodels.panel import PanelOLS
    from scipy import stats

    d = df[[y, *xs]].replace([np.inf, -np.inf], np.nan).dropna()
    if d.index.get_level_values(0).nunique() < 3 or len(d) < len(xs) + 10:
        raise UserError("innovation.growth.no_data", field="panel", what=title)
    res = PanelOLS(d[y], d[xs], entity_effects=True, time_effects=True).fit(cov_type="clustered",
                                                                               cluster_entity=True)
    z = stats.norm.ppf(0.5 + level / 2)
    els = [Elasticity(x, float(res.params[x]), float(res.std_errors[x]), float(res.params[x] - z * res.std_errors[x]),
                      float(res.params[x] + z * res.std_errors[x]), float(res.pvalues[x])) for x in xs]
    yrs = d.index.get_level_values(1)
    return PanelRegression(title, y, els, int(res.nobs), int(d.index.get_level_values(0).nunique()),
                           (int(yrs.min()), int(yrs.max())), float(res.rsquared_within), res)


def country_sample(panel: pd.DataFrame, start: int = 1990, end: int = 2019) -> pd.DataFrame:
    """Countries with PWT output (aggregates of the WDI have none) within the years."""
    yrs = panel.index.get_level_values("year")
    d = panel[(yrs >= start) & (yrs <= end)]
    return d[d["rgdpna"].notna()] if "rgdpna" in d.columns else d


def production_function(panel: pd.DataFrame, knowledge: str = "pat_res", delta: float = DEFAULT_DELTA,
                        lag: int = 1, start: int = 1990, end: int = 2019,
                        countries: list[str] | None = None) -> PanelRegression:
    """ln(Y/L) on ln(K/L), ln hc and ln(knowledge stock/L) lagged ``lag`` years (Griliches)."""
    if countries is not None:
        panel = panel[panel.index.get_level_values("iso3").isin(countries)]
    p = add_stock(panel, knowledge, delta)
    p = country_sample(p, start - lag, end)
    d = pd.DataFrame(index=p.index)
    d["ln_y_per_worker"] = np.log(p["rgdpna"] / p["emp"])
    d["ln_k_per_worker"] = np.log(p["rnna"] / p["emp"])
    d["ln_hc"] = np.log(p["hc"])
    ks = np.log(p[f"{knowledge}_stock"].where(p[f"{knowledge}_stock"] > 0) / p["emp"])
    name = f"ln_{knowledge}_stock_per_worker" + (f"_lag{lag}" if lag else "")
    d[name] = ks.groupby(level="iso3").shift(lag) if lag else ks
    d = d[d.index.get_level_values("year") >= start]
    return _fe(d, "ln_y_per_worker", ["ln_k_per_worker", "ln_hc", name],
               f"Production function with a {knowledge} stock (δ = {delta}, lag {lag})")


def growth_regression(panel: pd.DataFrame, knowledge: str = "pat_res", lags: tuple[int, ...] = (1, 2, 3),
                      start: int = 1990, end: int = 2019) -> PanelRegression:
    """Growth of output per worker on growth of capital per worker and lagged growth of the knowledge flow."""
    p = country_sample(panel, start - max(lags) - 1, end)
    d = pd.DataFrame(index=p.index)
    g = p.groupby(level="iso3")
    d["dln_y_per_worker"] = g["rgdpna"].transform(lambda s: np.log(s).diff()) - g["emp"].transform(lambda s: np.log(s).diff())
    d["dln_k_per_worker"] = g["rnna"].transform(lambda s: np.log(s).diff()) - g["emp"].transform(lambda s: np.log(s).diff())
    kx = np.log(p[knowledge].where(p[knowledge] > 0)).groupby(level="iso3").diff()
    xs = ["dln_k_per_worker"]
    for k in lags:
        d[f"dln_{knowledge}_lag{k}"] = kx.groupby(level="iso3").shift(k)
        xs.append(f"dln_{knowledge}_lag{k}")
    d = d[d.index.get_level_values("year") >= start]
    return _fe(d, "dln_y_per_worker", xs, f"Growth regression with lagged growth of {knowledge}")


@dataclass
class GrangerTest:
    cause: str
    effect: str
    lags: int
    wald: float
    df: int
    p_value: float
    n_obs: int

    def sentence(self) -> str:
        verdict = "help" if self.p_value < 0.05 else "do not help"
        return (f"Past {self.cause} {verdict} predict {self.effect} beyond its own past "
                f"(Wald χ²({self.df}) = {self.wald:.2f}, p = {self.p_value:.3f}, {self.n_obs} obs.)")


def granger(panel: pd.DataFrame, cause: str = "pat_res", effect: str = "rgdpna_pc", lags: int = 2,
            start: int = 1990, end: int = 2019) -> GrangerTest:
    """Panel Granger-type test in growth rates with country and year effects and clustered errors:
    Δln effect_t on its own ``lags`` and on ``lags`` of Δln cause; Wald test that the cause lags are zero."""
    from scipy import stats

    p = country_sample(panel, start - lags - 1, end).copy()
    p["rgdpna_pc"] = p["rgdpna"] / p["pop"]
    d = pd.DataFrame(index=p.index)
    for v in (cause, effect):
        d[f"g_{v}"] = np.log(p[v].where(p[v] > 0)).groupby(level="iso3").diff()
    xs = []
    for k in range(1, lags + 1):
        for v in (effect, cause):
            d[f"g_{v}_lag{k}"] = d[f"g_{v}"].groupby(level="iso3").shift(k)
            xs.append(f"g_{v}_lag{k}")
    d = d[d.index.get_level_values("year") >= start]
    r = _fe(d, f"g_{effect}", xs, f"Granger-type: {cause} → {effect}")
    res = r.fit
    names = [f"g_{cause}_lag{k}" for k in range(1, lags + 1)]
    b = res.params[names].to_numpy()  # type: ignore[attr-defined]
    V = res.cov.loc[names, names].to_numpy()  # type: ignore[attr-defined]
    w = float(b @ np.linalg.solve(V, b))
    return GrangerTest(cause, effect, lags, w, lags, float(stats.chi2.sf(w, lags)), r.n_obs)


# ---- provinces: the office's own filings and GRDP per capita ----------------------------------------------


def provincial_regression(filings: pd.DataFrame, population_csv: str, grdp_csv: str, delta: float = DEFAULT_DELTA,
                          lag: int = 1) -> PanelRegression:
    """ln GRDP per capita on ln(filings stock per 1,000 people) lagged ``lag`` years, province and year
    effects, errors clustered by province. ``filings`` has columns ``gso_code, year, filings`` (the office
    register counted by the applicant's province). Few years → wide intervals: read as association only."""
    from ipoffice.innovation.engine import read_data

    need = {"gso_code", "year", "filings"}
    if not need <= set(filings.columns):
        raise UserError("innovation.data.missing_column", field="filings",
                        column=", ".join(sorted(need - set(filings.columns))))
    pop = read_data(population_csv).set_index(["gso_code", "year"])["avg_population_thousand"]
    grdp = read_data(grdp_csv).set_index(["gso_code", "year"])["grdp_per_capita_mln_vnd"]
    f = filings.groupby(["gso_code", "year"])["filings"].sum()
    f.index = f.index.set_names(["iso3", "year"])  # add_stock groups by the first level
    stock = add_stock(f.to_frame(), "filings", delta)["filings_stock"]
    stock.index = stock.index.set_names(["gso_code", "year"])
    d = pd.DataFrame({"ln_grdp_pc": np.log(grdp)})
    per = (stock / pop).where(lambda s: s > 0)
    name = "ln_filings_stock_per_1000" + (f"_lag{lag}" if lag else "")
    lagged = np.log(per * 1000).groupby(level="gso_code").shift(lag) if lag else np.log(per * 1000)
    d[name] = lagged.reindex(d.index)
    return _fe(d, "ln_grdp_pc", [name], f"Provinces: GRDP per capita and the office's filings (δ = {delta}, lag {lag})")


def knowledge_production(panel: pd.DataFrame, lag: int = 1, start: int = 1997, end: int = 2019) -> PanelRegression:
    """Knowledge production function (Griliches/Jaffe): ln resident patent applications on ln R&D spending
    (R&D % of GDP × real GDP) and ln researchers (per million × population), both lagged ``lag`` years."""
    p = country_sample(panel, start - lag, end)
    d = pd.DataFrame(index=p.index)
    d["ln_patents"] = np.log(p["pat_res"].where(p["pat_res"] > 0))
    rd = np.log((p["rd_gdp"] / 100 * p["rgdpna"]).where(lambda s: s > 0))
    res = np.log((p["researchers_pm"] * p["pop"]).where(lambda s: s > 0))
    d[f"ln_rd_spending_lag{lag}"] = rd.groupby(level="iso3").shift(lag)
    d[f"ln_researchers_lag{lag}"] = res.groupby(level="iso3").shift(lag)
    d = d[d.index.get_level_values("year") >= start]
    return _fe(d, "ln_patents", [f"ln_rd_spending_lag{lag}", f"ln_researchers_lag{lag}"],
               f"Knowledge production function (lag {lag})")


def income_groups(panel: pd.DataFrame, start: int = 1990, end: int = 2019, n: int = 3) -> pd.Series:
    """Countries split into ``n`` groups by mean real GDP per person over the years (PWT; 1 = lowest).
    A data-driven split, not the World Bank's income classification."""
    p = country_sample(panel, start, end)
    gdppc = (p["rgdpna"] / p["pop"]).groupby(level="iso3").mean().dropna()
    return pd.Series(pd.qcut(gdppc, n, labels=False) + 1, index=gdppc.index, name="income_group")


def by_income_group(panel: pd.DataFrame, knowledge: str = "pat_res", n: int = 3) -> pd.DataFrame:
    """The production-function elasticity of the knowledge stock within each income group (heterogeneity:
    returns to R&D change with distance to the frontier, Goñi & Maloney 2014)."""
    groups = income_groups(panel, n=n)
    rows = []
    for g in sorted(groups.unique()):
        r = production_function(panel, knowledge, countries=list(groups[groups == g].index))
        e = r.elasticities[-1]
        rows.append({"income_group": int(g), "countries": r.n_countries, "obs": r.n_obs, "coef": e.coef,
                     "se": e.se, "ci_low": e.ci_low, "ci_high": e.ci_high, "p_value": e.p_value})
    return pd.DataFrame(rows).set_index("income_group")
