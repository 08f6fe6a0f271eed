"""Uncertainty and sensitivity analysis of a composite index (Saisana, Saltelli & Tarantola 2005; the JRC
audit of the GII): Monte Carlo over weights, aggregation, imputation and normalisation → rank intervals, and
variance-based first-order (Saltelli 2010) and total (Jansen 1999) sensitivity indices.

The engine runs once per discrete combination of imputation and normalisation; every replication then only
re-weights and re-aggregates, which is done for all replications at once with matrix products. Seeded.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from ipoffice.core.errors import UserError
from ipoffice.innovation.engine import AGGREGATION, IMPUTE, NORMALISE, IndexResult, IndexSpec, build_index
from ipoffice.innovation.framework import Framework


@dataclass(frozen=True)
class UncertaintySpec:
    """The assumptions to vary. Alternatives are tried with equal probability; weights of the nodes at
    ``weight_levels`` are multiplied by U(1 − noise, 1 + noise) independently (COINr ``get_noisy_weights``;
    the JRC's GII audit uses ±20% on pillar weights)."""

    weight_noise: float = 0.2
    weight_levels: tuple[int, ...] = (2,)
    aggregations: tuple[str, ...] = ("arithmetic", "geometric")
    aggregation_from_level: int = 3  # vary the aggregation of pillars and above (JRC practice)
    imputations: tuple[str, ...] = ()  # e.g. ("none", "group_mean"); empty = keep the nominal
    normalisations: tuple[str, ...] = ()  # e.g. ("minmax", "prank"); empty = keep the nominal
    geometric_floor: float = 1.0  # values below are lifted to this before a geometric/harmonic mean
    interval: tuple[float, float] = (5.0, 95.0)

    def check(self) -> None:
        for option, values, allowed in (
            ("aggregation", self.aggregations, AGGREGATION),
            ("impute", self.imputations, IMPUTE),
            ("normalise", self.normalisations, NORMALISE),
        ):
            for v in values:
                if v not in allowed:
                    raise UserError(
                        "innovation.spec.bad_option",
                        field=option,
                        option=option,
                        value=v,
                        allowed=", ".join(allowed),
                    )


@dataclass
class UncertaintyResult:
    """Simulated ranks of every unit, with the nominal rank, median and interval."""

    nominal_rank: pd.Series
    ranks: np.ndarray  # replications × units
    units: list[str]
    parameters: pd.DataFrame  # one row per replication: weight set, aggregation, imputation, normalisation
    interval: tuple[float, float]
    n_floored: int = 0

    def rank_stats(self) -> pd.DataFrame:
        lo, hi = self.interval
        r = self.ranks
        with np.errstate(all="ignore"):
            df = pd.DataFrame(
                {
                    "nominal": self.nominal_rank.reindex(self.units).to_numpy(),
                    "median": np.nanmedian(r, axis=0),
                    f"q{lo:g}": np.nanpercentile(r, lo, axis=0),
                    f"q{hi:g}": np.nanpercentile(r, hi, axis=0),
                    "mean": np.nanmean(r, axis=0),
                },
                index=pd.Index(self.units, name="uCode"),
            )
        df["width"] = df[f"q{hi:g}"] - df[f"q{lo:g}"]
        return df.sort_values("nominal")

    def summary(self, top: int = 15) -> str:
        st = self.rank_stats()
        lo, hi = self.interval
        lines = [
            f"Uncertainty analysis: {self.ranks.shape[0]} replications, {len(self.units)} units",
            "=" * 72,
            f"Rank intervals (q{lo:g}–q{hi:g}); mean interval width {st['width'].mean():.1f} ranks",
            "-" * 72,
            st.head(top).round(1).to_string(),
        ]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()


@dataclass
class SensitivityResult:
    """First-order (Si) and total (STi) indices of each varied assumption on the mean absolute rank
    change, with bootstrap confidence intervals; and the same indices per unit (rank of each unit)."""

    factors: list[str]
    first_order: pd.Series
    total: pd.Series
    ci_first: pd.DataFrame
    ci_total: pd.DataFrame
    per_unit_first: pd.DataFrame
    per_unit_total: pd.DataFrame
    n_base: int
    n_runs: int
    uncertainty: UncertaintyResult = field(repr=False)

    def table(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "Si": self.first_order,
                "Si_lo": self.ci_first["lo"],
                "Si_hi": self.ci_first["hi"],
                "STi": self.total,
                "STi_lo": self.ci_total["lo"],
                "STi_hi": self.ci_total["hi"],
            }
        )

    def summary(self) -> str:
        return "\n".join(
            [
                f"Sensitivity analysis: N = {self.n_base}, {self.n_runs} runs (N(d+2), d = "
                f"{len(self.factors)}); output = mean absolute rank change",
                "=" * 72,
                self.table().round(3).to_string(),
            ]
        )

    def __str__(self) -> str:
        return self.summary()


# ---- the vectorised model -------------------------------------------------------------------------------


class _Model:
    """Everything needed to score many replications: normalised indicator matrices per (imputation,
    normalisation) option and the aggregation plan."""

    def __init__(
        self,
        framework: Framework,
        data: pd.DataFrame,
        spec: IndexSpec,
        usp: UncertaintySpec,
        nominal: IndexResult,
    ) -> None:
        self.fw = framework
        self.spec = spec
        self.usp = usp
        self.units = list(nominal.scores.index)
        self.imputations = usp.imputations or (spec.impute,)
        self.normalisations = usp.normalisations or (spec.normalise,)
        self.aggregations = usp.aggregations or (spec.aggregation,)
        self.inds = [c for c in framework.indicators if c in nominal.stages["normalised"].columns]
        self.X: dict[tuple[str, str], np.ndarray] = {}
        for imp, nor in itertools.product(self.imputations, self.normalisations):
            s = replace(
                spec,
                impute=imp,
                normalise=nor,
                impute_group=spec.impute_group
                or (framework.groups[0] if imp.startswith("group") and framework.groups else None),
            )
            res = nominal if (imp, nor) == (spec.impute, spec.normalise) else build_index(framework, data, s)
            self.X[(imp, nor)] = (
                res.stages["normalised"].reindex(index=self.units, columns=self.inds).to_numpy()
            )
        self.nodes = self.inds + framework.aggregates
        self.pos = {c: i for i, c in enumerate(self.nodes)}
        self.w0 = np.array([nominal.weights[c] for c in self.nodes])
        self.noisy = np.array([framework.nodes[c].level in usp.weight_levels for c in self.nodes])
        self.plan = [
            (a, [k for k in framework.children(a) if k in self.pos], framework.nodes[a].level)
            for a in framework.aggregates
        ]
        self.n_floored = 0

    def draw_weights(self, u: np.ndarray) -> np.ndarray:
        """Weights for uniforms ``u`` (R × nodes) in [0, 1]."""
        f = self.usp.weight_noise
        w = np.tile(self.w0, (u.shape[0], 1))
        w[:, self.noisy] *= 1 - f + 2 * f * u[:, self.noisy]
        return w

    def scores(self, X: np.ndarray, W: np.ndarray, method: str) -> np.ndarray:
        """Root scores (units × R) for weights W (R × nodes); ``method`` applies from the chosen level."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return self._scores(X, W, method)

    def _scores(self, X: np.ndarray, W: np.ndarray, method: str) -> np.ndarray:
        vals: dict[str, np.ndarray] = {}
        floor = self.usp.geometric_floor
        for agg, kids, level in self.plan:
            m = method if level >= self.usp.aggregation_from_level else self.spec.method_for(level)
            Wk = W[:, [self.pos[k] for k in kids]]  # R × K
            if all(k not in vals for k in kids):  # children are indicators: (U, K)
                V = X[:, [self.inds.index(k) for k in kids]]
                M = ~np.isnan(V)
                den = M @ Wk.T
                if m == "arithmetic":
                    num = np.where(M, V, 0.0) @ Wk.T
                    out = num / den
                else:
                    Vf = np.where(M, np.maximum(V, floor), 1.0)
                    self.n_floored += int(np.sum(M & (floor > V)))
                    out = (
                        np.exp((np.where(M, np.log(Vf), 0.0) @ Wk.T) / den)
                        if m == "geometric"
                        else den / (np.where(M, 1 / Vf, 0.0) @ Wk.T)
                    )
            else:
                R = W.shape[0]
                V = np.stack(
                    [
                        vals[k] if k in vals else np.broadcast_to(X[:, [self.inds.index(k)]], (X.shape[0], R))
                        for k in kids
                    ]
                )  # K,U,R
                M = ~np.isnan(V)
                den = np.einsum("kur,rk->ur", M, Wk)
                if m == "arithmetic":
                    out = np.einsum("kur,rk->ur", np.where(M, V, 0.0), Wk) / den
                else:
                    Vf = np.where(M, np.maximum(V, floor), 1.0)
                    self.n_floored += int(np.sum(M & (floor > V)))
                    if m == "geometric":
                        out = np.exp(np.einsum("kur,rk->ur", np.where(M, np.log(Vf), 0.0), Wk) / den)
                    else:
                        out = den / np.einsum("kur,rk->ur", np.where(M, 1 / Vf, 0.0), Wk)
            share = den / Wk.sum(axis=1)[None, :]
            vals[agg] = np.where((den > 0) & (share + 1e-12 >= self.spec.aggregate_min_coverage), out, np.nan)
        return vals[self.fw.root]

    def run(self, params: pd.DataFrame, weights: np.ndarray) -> np.ndarray:
        """Ranks (R × units) for each replication's parameters (grouped by discrete options)."""
        R = len(params)
        ranks = np.full((R, len(self.units)), np.nan)
        keys = ["imputation", "normalisation", "aggregation"]
        for (imp, nor, agg), idx in params.groupby(keys, sort=False).indices.items():
            s = self.scores(self.X[(imp, nor)], weights[idx], agg)  # U × r
            ranks[idx] = _rank_desc_cols(s).T
        return ranks


def _rank_desc_cols(s: np.ndarray) -> np.ndarray:
    """Column-wise rank, 1 = highest, ties take the minimum rank; NaN stays NaN."""
    from scipy.stats import rankdata

    filled = np.where(np.isnan(s), -np.inf, s)
    r = rankdata(-filled, axis=0, method="min").astype(float)
    r[np.isnan(s)] = np.nan
    return r


def _params(model: _Model, u: np.ndarray, wsets: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    """Map a unit-hypercube sample (R × 4: weights, aggregation, imputation, normalisation) to parameters."""

    def pick(options: tuple[str, ...], col: np.ndarray) -> np.ndarray:
        return np.asarray(options, dtype=object)[
            np.minimum((col * len(options)).astype(int), len(options) - 1)
        ]

    widx = np.minimum((u[:, 0] * len(wsets)).astype(int), len(wsets) - 1)
    params = pd.DataFrame(
        {
            "weight_set": widx,
            "aggregation": pick(model.aggregations, u[:, 1]),
            "imputation": pick(model.imputations, u[:, 2]),
            "normalisation": pick(model.normalisations, u[:, 3]),
        }
    )
    return params, wsets[widx]


def uncertainty(
    framework: Framework,
    data: pd.DataFrame,
    spec: IndexSpec | None = None,
    usp: UncertaintySpec | None = None,
    n: int = 1000,
    seed: int = 0,
    nominal: IndexResult | None = None,
) -> UncertaintyResult:
    """Monte Carlo over the assumptions in ``usp``: ``n`` replications → rank intervals."""
    spec = spec or IndexSpec()
    usp = usp or UncertaintySpec()
    usp.check()
    nominal = nominal or build_index(framework, data, spec)
    model = _Model(framework, data, spec, usp, nominal)
    rng = np.random.default_rng(seed)
    wsets = model.draw_weights(rng.random((n, len(model.nodes))))
    u = rng.random((n, 4))
    u[:, 0] = (np.arange(n) + 0.5) / n  # each weight set used once
    params, weights = _params(model, u, wsets)
    ranks = model.run(params, weights)
    return UncertaintyResult(
        nominal.ranks[framework.root], ranks, model.units, params, usp.interval, model.n_floored
    )


def sensitivity(
    framework: Framework,
    data: pd.DataFrame,
    spec: IndexSpec | None = None,
    usp: UncertaintySpec | None = None,
    n: int = 500,
    seed: int = 0,
    n_boot: int = 200,
    nominal: IndexResult | None = None,
) -> SensitivityResult:
    """Variance-based sensitivity: a Saltelli design of N(d+2) runs over the d varied assumptions."""
    spec = spec or IndexSpec()
    usp = usp or UncertaintySpec()
    usp.check()
    nominal = nominal or build_index(framework, data, spec)
    model = _Model(framework, data, spec, usp, nominal)
    rng = np.random.default_rng(seed)
    wsets = model.draw_weights(rng.random((n, len(model.nodes))))
    names = ["weights", "aggregation", "imputation", "normalisation"]
    varied = [
        usp.weight_noise > 0 and model.noisy.any(),
        len(model.aggregations) > 1,
        len(model.imputations) > 1,
        len(model.normalisations) > 1,
    ]
    cols = [i for i, v in enumerate(varied) if v]
    factors = [names[i] for i in cols]
    d = len(cols)
    A = rng.random((n, 4))
    B = rng.random((n, 4))
    blocks = [A, B]
    for i in cols:
        ABi = A.copy()
        ABi[:, i] = B[:, i]
        blocks.append(ABi)
    U = np.vstack(blocks)
    params, weights = _params(model, U, wsets)
    ranks = model.run(params, weights)
    nom = nominal.ranks[framework.root].reindex(model.units).to_numpy()
    y = np.nanmean(np.abs(ranks - nom[None, :]), axis=1)  # mean absolute rank change per run
    yA, yB = y[:n], y[n : 2 * n]
    yAB = [y[(2 + j) * n : (3 + j) * n] for j in range(d)]
    si, sti = _indices(yA, yB, yAB)
    boot = rng.integers(0, n, size=(n_boot, n))
    bs = np.array([_indices(yA[b], yB[b], [v[b] for v in yAB]) for b in boot])  # n_boot × 2 × d
    def ci(k):
        return pd.DataFrame(
            {
                "lo": np.percentile(bs[:, k], 2.5, axis=0),  # noqa: E731
                "hi": np.percentile(bs[:, k], 97.5, axis=0),
            },
            index=factors,
        )
    # per unit: the unit's rank as output
    rA, rB = ranks[:n], ranks[n : 2 * n]
    rAB = [ranks[(2 + j) * n : (3 + j) * n] for j in range(d)]
    pu_s, pu_t = _indices(rA, rB, rAB)
    unc = UncertaintyResult(
        nominal.ranks[framework.root],
        ranks[: 2 * n],
        model.units,
        params.iloc[: 2 * n],
        usp.interval,
        model.n_floored,
    )
    return SensitivityResult(
        factors,
        pd.Series(si, index=factors),
        pd.Series(sti, index=factors),
        ci(0),
        ci(1),
        pd.DataFrame(
            np.atleast_2d(pu_s).T if d else np.empty((len(model.units), 0)),
            index=model.units,
            columns=factors,
        ),
        pd.DataFrame(
            np.atleast_2d(pu_t).T if d else np.empty((len(model.units), 0)),
            index=model.units,
            columns=factors,
        ),
        n,
        len(U),
        unc,
    )


def _indices(yA: np.ndarray, yB: np.ndarray, yAB: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Saltelli (2010) first-order and Jansen (1999) total-order estimators; works on 1-D outputs or on
    (runs × outputs) arrays column by column. A zero-variance output gives 0 (nothing to explain)."""
    V = np.nanvar(np.concatenate([yA, yB]), axis=0)
    safe = np.where(V > 0, V, np.nan)
    si = np.array([np.nanmean(yB * (v - yA), axis=0) / safe for v in yAB])
    st = np.array([np.nanmean((yA - v) ** 2, axis=0) / (2 * safe) for v in yAB])
    si = np.where(np.isnan(si) & (V == 0), 0.0, si)
    st = np.where(np.isnan(st) & (V == 0), 0.0, st)
    return si, st


def sample_matrix(n: int, d: int, seed: int = 0) -> np.ndarray:
    """The Saltelli design used by :func:`sensitivity`: A, B and the d matrices A_B^(i); N(d+2) × d in [0, 1]."""
    rng = np.random.default_rng(seed)
    A, B = rng.random((n, d)), rng.random((n, d))
    out = [A, B]
    for i in range(d):
        m = A.copy()
        m[:, i] = B[:, i]
        out.append(m)
    return np.vstack(out)


def estimate_indices(f, n: int, d: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Si and STi of a vectorised model ``f`` (rows of a sample → outputs) on U[0, 1]^d inputs."""
    X = sample_matrix(n, d, seed)
    y = f(X)
    yA, yB = y[:n], y[n : 2 * n]
    return _indices(yA, yB, [y[(2 + i) * n : (3 + i) * n] for i in range(d)])


def rank_intervals_loop(
    framework: Framework, data: pd.DataFrame, spec: IndexSpec, usp: UncertaintySpec, n: int, seed: int = 0
) -> np.ndarray:
    """The plain baseline: one full engine run per replication (used by the benchmark and the tests to show
    that the vectorised model computes the same ranks)."""
    nominal = build_index(framework, data, spec)
    model = _Model(framework, data, spec, usp, nominal)
    rng = np.random.default_rng(seed)
    wsets = model.draw_weights(rng.random((n, len(model.nodes))))
    u = rng.random((n, 4))
    u[:, 0] = (np.arange(n) + 0.5) / n
    params, weights = _params(model, u, wsets)
    out = np.full((n, len(model.units)), np.nan)
    for r in range(n):
        p = params.iloc[r]
        w = {c: float(weights[r, i]) for i, c in enumerate(model.nodes)}
        levels = tuple(
            (lv, p["aggregation"]) for lv in range(usp.aggregation_from_level, framework.max_level + 1)
        )
        s = replace(
            spec,
            impute=p["imputation"],
            normalise=p["normalisation"],
            aggregation_by_level=levels,
            impute_group=spec.impute_group or (framework.groups[0] if framework.groups else None),
        )
        res = (
            build_index(framework.with_weights(w), data, s)
            if p["aggregation"] == "arithmetic"
            else _floored_build(framework.with_weights(w), data, s, usp.geometric_floor)
        )
        out[r] = res.ranks[framework.root].reindex(model.units).to_numpy()
    return out


def _floored_build(framework: Framework, data: pd.DataFrame, spec: IndexSpec, floor: float) -> IndexResult:
    """A geometric build with values below ``floor`` lifted, as the Monte Carlo does."""
    from ipoffice.innovation import engine

    base = build_index(framework, data, replace(spec, aggregation_by_level=()))
    norm = base.stages["normalised"]
    weights = engine.resolve_weights(framework, spec, norm)
    cols: dict[str, pd.Series] = {c: norm[c] for c in norm.columns}
    from ipoffice.innovation import steps

    for agg in framework.aggregates:
        kids = [k for k in framework.children(agg) if k in cols]
        mat = np.column_stack([cols[k].to_numpy() for k in kids])
        m = spec.method_for(framework.nodes[agg].level)
        if m != "arithmetic":
            mat = np.where(np.isnan(mat), np.nan, np.maximum(mat, floor))
        cols[agg] = pd.Series(
            steps.aggregate(mat, np.array([weights[k] for k in kids]), m, spec.aggregate_min_coverage),
            index=norm.index,
        )
    scores = pd.DataFrame(cols)
    ranks = pd.DataFrame(
        {c: steps.rank_desc(scores[c].to_numpy()) for c in framework.aggregates}, index=norm.index
    )
    return replace(base, scores=scores, ranks=ranks)
