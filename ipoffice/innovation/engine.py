"""The composite-index pipeline: denominate → impute → screen (coverage) → treat → normalise → weight →
aggregate, with every intermediate table and every exclusion kept in an :class:`IndexResult`.

The defaults are the GII's (no imputation, |skew| > 2.25 and kurtosis > 3.5 → winsorise up to 5 points,
otherwise the GII log; min–max 0–100 with bads inverted; weighted arithmetic means); :func:`coinr_spec`
gives the settings of COINr's ASEM example.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ipoffice.core.errors import UserError
from ipoffice.innovation import steps
from ipoffice.innovation.framework import Framework

IMPUTE = ("none", "mean", "median", "group_mean", "group_median")
TREAT = ("gii", "none")
NORMALISE = ("minmax", "zscore", "rank", "prank", "goalposts")
WEIGHTS = ("framework", "equal", "pca")
AGGREGATION = ("arithmetic", "geometric", "harmonic")


@dataclass(frozen=True)
class IndexSpec:
    """Every methodological choice of one index build (the defaults follow the GII)."""

    denominate: bool = True
    impute: str = "none"
    impute_group: str | None = None
    unit_min_coverage: float = 0.0  # share of indicators a unit needs to be kept (COINr dat_thresh, GII DMC)
    aggregate_min_coverage: float = 0.0  # share of a parent's weight that must be present for a score
    coverage_on: str = "raw"  # judge unit coverage on the "raw" data (GII DMC) or after imputation (COINr)
    subindex_min_coverage: float = 0.0  # GII DMC: share of each sub-index's indicators a unit needs
    treat: str = "gii"
    skew_threshold: float = 2.25
    kurt_threshold: float = 3.5
    winmax: int = 5
    log_transform: str = "gii"  # "gii" or "ct" (COINr's log_CT)
    normalise: str = "minmax"
    minmax_range: tuple[float, float] = (0.0, 100.0)
    zscore_params: tuple[float, float] = (0.0, 1.0)
    weights: str = "framework"
    aggregation: str = "arithmetic"
    aggregation_by_level: tuple[tuple[int, str], ...] = ()  # ((level, method), ...) overrides
    efficiency: tuple[str, str] | None = None  # (output code, input code)
    strict: bool = False  # raise instead of excluding a constant indicator or a unit without data

    def check(self) -> None:
        for option, value, allowed in (
            ("impute", self.impute, IMPUTE),
            ("treat", self.treat, TREAT),
            ("normalise", self.normalise, NORMALISE),
            ("weights", self.weights, WEIGHTS),
            ("aggregation", self.aggregation, AGGREGATION),
            ("log_transform", self.log_transform, ("gii", "ct")),
            ("coverage_on", self.coverage_on, ("raw", "imputed")),
        ):
            if value not in allowed:
                raise UserError(
                    "innovation.spec.bad_option",
                    field=option,
                    option=option,
                    value=value,
                    allowed=", ".join(allowed),
                )
        for _, m in self.aggregation_by_level:
            if m not in AGGREGATION:
                raise UserError(
                    "innovation.spec.bad_option",
                    field="aggregation",
                    option="aggregation",
                    value=m,
                    allowed=", ".join(AGGREGATION),
                )

    def method_for(self, level: int) -> str:
        return dict(self.aggregation_by_level).get(level, self.aggregation)


def gii_spec(**changes: Any) -> IndexSpec:
    """The GII practice (Appendix I): no imputation, the data-minimum-coverage rule (a unit needs 66% of the
    indicators of each sub-index [verify: GII 2023 p.215-216 states the rule; the 66% is from background]),
    the 2.25/3.5 rule and the GII log."""
    return replace(IndexSpec(subindex_min_coverage=0.66), **changes)


def coinr_spec(**changes: Any) -> IndexSpec:
    """COINr's ``build_example_coin()``: group-mean imputation by EurAsia_group, dat_thresh 0.9, the code
    defaults of ``Treat`` (skew threshold 2, not the documented 2.25), winsorise ≤ 5 then ``log_CT``."""
    base = IndexSpec(
        impute="group_mean",
        impute_group="EurAsia_group",
        unit_min_coverage=0.9,
        coverage_on="imputed",
        skew_threshold=2.0,
        kurt_threshold=3.5,
        winmax=5,
        log_transform="ct",
    )
    return replace(base, **changes)


@dataclass(frozen=True)
class Exclusion:
    """Something left out of the index, and why (nothing is dropped silently)."""

    kind: str  # "unit", "indicator", "column", "score"
    code: str
    reason: str
    detail: str = ""


@dataclass
class IndexResult:
    """Everything a report needs: every stage's table, scores and ranks at every level, the treatment log,
    the weights used and every exclusion. ``print(result)`` shows a readable summary."""

    framework: Framework
    spec: IndexSpec
    stages: dict[str, pd.DataFrame]
    scores: pd.DataFrame  # units × (indicators normalised + aggregates)
    ranks: pd.DataFrame  # units × aggregates
    treatment: pd.DataFrame
    weights: dict[str, float]
    exclusions: list[Exclusion]
    coverage: pd.Series  # share of indicators with data per unit (before imputation)
    imputed_cells: int
    unit_names: dict[str, str] = field(default_factory=dict)
    groups: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def index(self) -> pd.Series:
        return self.scores[self.framework.root]

    @property
    def aggregate_scores(self) -> pd.DataFrame:
        return self.scores[self.framework.aggregates[::-1]]

    def table(self) -> pd.DataFrame:
        """Units sorted by rank with the index and every aggregate (COINr ``get_results``)."""
        root = self.framework.root
        t = self.aggregate_scores.copy()
        t.insert(0, "Rank", self.ranks[root].astype("Int64"))
        if self.spec.efficiency:
            t["Efficiency"] = self.efficiency_ratio()
        return t.sort_values(["Rank", root], ascending=[True, False])

    def efficiency_ratio(self) -> pd.Series:
        """Output sub-index over input sub-index (the GII efficiency ratio)."""
        if not self.spec.efficiency:
            raise ValueError("no efficiency pair in the spec")
        out_code, in_code = self.spec.efficiency
        return self.scores[out_code] / self.scores[in_code]

    def summary(self, top: int = 10) -> str:
        fw = self.framework
        lines = []
        title = f"Composite index: {fw.label(fw.root)}"
        lines.append(title)
        lines.append("=" * max(len(title), 72))
        levels = ", ".join(
            f"L{lv}: {len(fw.at_level(lv))}" for lv in range(1, fw.max_level + 1) if fw.at_level(lv)
        )
        s = self.spec
        lines.append(f"Units: {len(self.scores)}   Indicators: {len(fw.indicators)}   Levels: {levels}")
        lines.append(
            f"Imputation: {s.impute} ({self.imputed_cells} cells)   Treatment: {s.treat} "
            f"(|skew|>{s.skew_threshold}, kurt>{s.kurt_threshold}, winmax {s.winmax}, log {s.log_transform})"
        )
        treated = (
            self.treatment[self.treatment["action"] != "none"] if len(self.treatment) else self.treatment
        )
        lines.append(
            f"Treated indicators: {len(treated)} "
            f"({', '.join(f'{c}:{a}' for c, a in zip(treated.index, treated['action'], strict=False)) or '-'})"
        )
        lines.append(f"Normalisation: {s.normalise}   Weights: {s.weights}   Aggregation: {s.aggregation}")
        lines.append("-" * 72)
        t = self.table().head(top)
        lines.append(t.round(2).to_string())
        if self.exclusions:
            lines.append("-" * 72)
            lines.append(f"Exclusions ({len(self.exclusions)}):")
            for e in self.exclusions[:20]:
                lines.append(f"  {e.kind:9s} {e.code:14s} {e.reason} {e.detail}")
            if len(self.exclusions) > 20:
                lines.append(f"  … and {len(self.exclusions) - 20} more (see .exclusions)")
        no_data = [c for c in fw.indicators if not fw.nodes[c].has_data]
        if no_data:
            lines.append(f"Indicators without data in this framework ({len(no_data)}): {', '.join(no_data)}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    def write_csv(self, out: str | Path) -> list[Path]:
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name, df in [
            ("results", self.table()),
            ("scores", self.scores),
            ("ranks", self.ranks),
            ("treatment", self.treatment),
        ]:
            p = out / f"{name}.csv"
            df.to_csv(p)
            written.append(p)
        p = out / "exclusions.csv"
        pd.DataFrame(
            [e.__dict__ for e in self.exclusions], columns=["kind", "code", "reason", "detail"]
        ).to_csv(p, index=False)
        written.append(p)
        return written


# ---- data loading -----------------------------------------------------------------------------------------


def read_data(path: str | Path) -> pd.DataFrame:
    try:
        return pd.read_csv(path)
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise UserError("innovation.file.unreadable", field="data", path=str(path), reason=exc) from None


def _prepare(
    framework: Framework, data: pd.DataFrame, units: list[str] | None, spec: IndexSpec
) -> tuple[pd.DataFrame, list[Exclusion]]:
    if "uCode" not in data.columns:
        raise UserError("innovation.data.missing_column", field="uCode", column="uCode")
    codes = data["uCode"].astype(str)
    dup = codes[codes.duplicated()].tolist()
    if dup:
        raise UserError("innovation.data.duplicate_unit", field="uCode", unit=dup[0])
    if units is not None:
        unknown = sorted(set(codes) - set(units))
        if unknown:
            raise UserError("innovation.data.unknown_units", field="uCode", units=", ".join(unknown))
    exclusions: list[Exclusion] = []
    used = {"uCode", "uName", "Time", *framework.groups, *framework.denominators, *framework.indicators}
    for c in data.columns:
        if c not in used:
            exclusions.append(Exclusion("column", str(c), "not in the framework", "ignored"))
    for code in framework.indicators:
        if code not in data.columns:
            if framework.nodes[code].has_data and spec.strict:
                raise UserError("innovation.data.missing_column", field=code, column=code)
            exclusions.append(
                Exclusion(
                    "indicator",
                    code,
                    "no data",
                    "marked without data" if not framework.nodes[code].has_data else "column absent",
                )
            )
    df = data.copy()
    df.index = codes
    df.index.name = "uCode"
    return df, exclusions


def _numeric(df: pd.DataFrame, cols: list[str]) -> np.ndarray:
    out = np.empty((len(df), len(cols)))
    for j, c in enumerate(cols):
        col = pd.to_numeric(df[c], errors="coerce")
        bad = col.isna() & df[c].notna()
        if bad.any():
            u = bad[bad].index[0]
            raise UserError("innovation.data.not_numeric", field=c, item=c, unit=u, value=df.loc[u, c])
        out[:, j] = col.to_numpy(dtype=float)
    return out


def build_index(
    framework: Framework,
    data: pd.DataFrame,
    spec: IndexSpec | None = None,
    units: list[str] | None = None,
) -> IndexResult:
    """Run the whole pipeline; ``units`` (optional) is the list of units the framework covers."""
    spec = spec or IndexSpec()
    spec.check()
    df, exclusions = _prepare(framework, data, units, spec)
    inds = [c for c in framework.indicators if c in df.columns]
    stages: dict[str, pd.DataFrame] = {}
    raw = _numeric(df, inds)
    stages["raw"] = pd.DataFrame(raw, index=df.index, columns=inds)

    # denominate
    x = raw.copy()
    if spec.denominate:
        for j, c in enumerate(inds):
            d = framework.nodes[c].denominator
            if d:
                if d not in df.columns:
                    raise UserError("innovation.data.denominator_missing", field=c, item=c, denominator=d)
                den = pd.to_numeric(df[d], errors="coerce").to_numpy(dtype=float)
                with np.errstate(all="ignore"):
                    x[:, j] = np.where(den > 0, x[:, j] / den, np.nan)
    stages["denominated"] = pd.DataFrame(x, index=df.index, columns=inds)
    coverage = pd.Series(1 - np.isnan(x).mean(axis=1), index=df.index, name="coverage")

    # impute (group membership from the data's group column)
    groups = None
    if spec.impute.startswith("group"):
        gcol = spec.impute_group or (framework.groups[0] if framework.groups else None)
        if gcol is None or gcol not in df.columns:
            raise UserError("innovation.data.missing_column", field="impute_group", column=gcol or "-")
        groups = df[gcol].astype(str).to_numpy()
    xi = steps.impute(x, spec.impute, groups)

    # units with no data, then the coverage rule (GII DMC: on the data before imputation; COINr's example
    # screens the imputed set)
    basis = x if spec.coverage_on == "raw" else xi
    cov_basis = 1 - np.isnan(basis).mean(axis=1)
    keep = np.ones(len(df), dtype=bool)
    for i, u in enumerate(df.index):
        if np.all(np.isnan(x[i])):
            if spec.strict:
                raise UserError("innovation.data.unit_no_data", field="uCode", unit=u)
            keep[i] = False
            exclusions.append(Exclusion("unit", u, "no data", "every indicator missing"))
        elif cov_basis[i] + 1e-12 < spec.unit_min_coverage:
            keep[i] = False
            exclusions.append(
                Exclusion(
                    "unit",
                    u,
                    "coverage below threshold",
                    f"{cov_basis[i]:.0%} < {spec.unit_min_coverage:.0%}",
                )
            )
        elif spec.subindex_min_coverage > 0:
            for sub in framework.children(framework.root):
                members = set(framework.descendants(sub))
                cols = [j for j, c in enumerate(inds) if c in members]
                share = 1 - float(np.isnan(basis[i, cols]).mean()) if cols else 1.0
                if share + 1e-12 < spec.subindex_min_coverage:
                    keep[i] = False
                    exclusions.append(Exclusion("unit", u, "sub-index coverage below threshold",
                                                f"{sub}: {share:.0%} < {spec.subindex_min_coverage:.0%}"))
                    break
    if not keep.any():
        raise UserError("innovation.data.no_units_left", field="uCode")
    imputed = int(np.sum(np.isnan(x) & ~np.isnan(xi) & keep[:, None]))
    stages["imputed"] = pd.DataFrame(xi, index=df.index, columns=inds)
    xi = xi[keep]
    index = df.index[keep]
    stages["screened"] = pd.DataFrame(xi, index=index, columns=inds)

    # constant indicators cannot be normalised
    active = []
    for j, c in enumerate(inds):
        col = xi[:, j]
        vals = col[~np.isnan(col)]
        if vals.size == 0 or np.all(vals == vals[0]):
            if spec.strict:
                raise UserError(
                    "innovation.data.no_variance", field=c, item=c, value=vals[0] if vals.size else "NaN"
                )
            exclusions.append(
                Exclusion(
                    "indicator", c, "no variance", f"every value is {vals[0]:g}" if vals.size else "no values"
                )
            )
        else:
            active.append(j)
    inds = [inds[j] for j in active]
    xi = xi[:, active]

    # treat
    rows = []
    xt = xi.copy()
    if spec.treat == "gii":
        for j, c in enumerate(inds):
            xt[:, j], tr = steps.treat(
                xi[:, j], spec.skew_threshold, spec.kurt_threshold, spec.winmax, spec.log_transform
            )
            rows.append(
                {
                    "iCode": c,
                    "skew": tr.skew_before,
                    "kurtosis": tr.kurt_before,
                    "action": tr.action,
                    "n_winsorised": tr.n_winsorised,
                    "units_treated": ";".join(index[list(tr.treated_rows)])
                    if tr.action == "winsorised"
                    else "",
                    "skew_after": tr.skew_after,
                    "kurtosis_after": tr.kurt_after,
                    "passes": tr.passes_after,
                }
            )
    treatment = (
        pd.DataFrame(rows).set_index("iCode")
        if rows
        else pd.DataFrame(
            columns=[
                "skew",
                "kurtosis",
                "action",
                "n_winsorised",
                "units_treated",
                "skew_after",
                "kurtosis_after",
                "passes",
            ]
        )
    )
    stages["treated"] = pd.DataFrame(xt, index=index, columns=inds)

    xn = normalise(xt, inds, framework, spec)
    stages["normalised"] = pd.DataFrame(xn, index=index, columns=inds)

    weights = resolve_weights(framework, spec, stages["normalised"])
    scores, agg_exclusions = aggregate_tree(framework, stages["normalised"], weights, spec)
    exclusions.extend(agg_exclusions)
    stages["aggregated"] = scores
    ranks = pd.DataFrame(
        {c: steps.rank_desc(scores[c].to_numpy()) for c in framework.aggregates}, index=index
    )
    names = df["uName"].astype(str).to_dict() if "uName" in df.columns else {}
    gcols = [g for g in framework.groups if g in df.columns]
    return IndexResult(
        framework,
        spec,
        stages,
        scores,
        ranks,
        treatment,
        weights,
        exclusions,
        coverage,
        imputed,
        names,
        df.loc[index, gcols],
    )


def normalise(x: np.ndarray, inds: list[str], framework: Framework, spec: IndexSpec) -> np.ndarray:
    """Normalise columns; "bad" indicators (direction −1) are inverted so that higher is always better."""
    direction = np.array([framework.nodes[c].direction for c in inds], dtype=float)
    xd = x * direction
    if spec.normalise == "minmax":
        return steps.n_minmax(xd, *spec.minmax_range)
    if spec.normalise == "zscore":
        return steps.n_zscore(xd, *spec.zscore_params)
    if spec.normalise == "rank":
        return steps.n_rank(xd)
    if spec.normalise == "prank":
        return steps.n_prank(xd)
    lo = np.empty(len(inds))
    hi = np.empty(len(inds))
    for j, c in enumerate(inds):
        n = framework.nodes[c]
        if n.goal_low is None or n.goal_high is None:
            raise UserError("innovation.goalposts.missing", field=c, item=c)
        lo[j], hi[j] = (n.goal_low, n.goal_high) if n.direction == 1 else (-n.goal_high, -n.goal_low)
    return steps.n_goalposts(xd, lo, hi, scale=spec.minmax_range[1])


def resolve_weights(framework: Framework, spec: IndexSpec, normalised: pd.DataFrame) -> dict[str, float]:
    """Weights of every node relative to its siblings: the framework's, equal, or PCA-based."""
    if spec.weights == "framework":
        return {c: n.weight for c, n in framework.nodes.items()}
    if spec.weights == "equal":
        return {c: 1.0 for c in framework.nodes}
    from ipoffice.innovation.audit import pca_weights

    w = {c: n.weight for c, n in framework.nodes.items()}
    w.update(pca_weights(framework, normalised))
    return w


def aggregate_tree(
    framework: Framework, normalised: pd.DataFrame, weights: dict[str, float], spec: IndexSpec
) -> tuple[pd.DataFrame, list[Exclusion]]:
    """Aggregate level by level; an aggregate missing all its children (or below the coverage share) is NaN
    and listed."""
    cols: dict[str, np.ndarray] = {c: normalised[c].to_numpy() for c in normalised.columns}
    exclusions: list[Exclusion] = []
    for agg in framework.aggregates:
        kids = [k for k in framework.children(agg) if k in cols]
        if not kids:
            cols[agg] = np.full(len(normalised), np.nan)
            exclusions.append(Exclusion("score", agg, "no data", "no child has data"))
            continue
        mat = np.column_stack([cols[k] for k in kids])
        if np.all(np.isnan(mat)):
            cols[agg] = np.full(len(normalised), np.nan)
            exclusions.append(Exclusion("score", agg, "no data", "no child has data for any unit"))
            continue
        w = np.array([weights[k] for k in kids])
        method = spec.method_for(framework.nodes[agg].level)
        if method != "arithmetic" and np.nanmin(mat) <= 0:
            i, j = np.argwhere(mat <= 0)[0]
            raise UserError(
                "innovation.aggregate.nonpositive",
                field="aggregation",
                method=method,
                item=kids[j],
                value=round(float(mat[i, j]), 4),
                unit=normalised.index[i],
            )
        cols[agg] = steps.aggregate(mat, w, method, spec.aggregate_min_coverage)
        none = np.all(np.isnan(mat), axis=1)
        for i in np.where(np.isnan(cols[agg]))[0]:
            u = normalised.index[i]
            if none[i]:
                exclusions.append(Exclusion("score", f"{u}:{agg}", "no data", f"no child of {agg} has data"))
            else:
                exclusions.append(
                    Exclusion(
                        "score",
                        f"{u}:{agg}",
                        "coverage below threshold",
                        f"< {spec.aggregate_min_coverage:.0%} of {agg}'s weight has data",
                    )
                )
    return pd.DataFrame(cols, index=normalised.index), exclusions
