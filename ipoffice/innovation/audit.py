"""The statistical audit of a built index (JRC practice): correlations across levels, Cronbach's α and PCA per
aggregate, PCA-based weights, and the GII strengths and weaknesses of each unit."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ipoffice.innovation import steps
from ipoffice.innovation.framework import Framework


@dataclass
class GroupAudit:
    """Coherence of one aggregate: its children's Cronbach's α and the first principal component."""

    code: str
    children: list[str]
    n_complete: int
    cronbach_alpha: float
    pc1_variance_share: float
    eigenvalues: list[float]
    loadings: dict[str, float]
    corr_with_parent: dict[str, float]
    negative_correlations: list[tuple[str, str, float]]


@dataclass
class AuditResult:
    groups: dict[str, GroupAudit]
    correlations: pd.DataFrame  # every indicator and aggregate, pairwise Pearson
    flags: list[str]

    def summary(self) -> str:
        lines = [
            "Statistical audit (JRC practice)",
            "=" * 72,
            f"{'aggregate':14s} {'k':>3s} {'alpha':>7s} {'PC1 %':>7s} {'min r(child, parent)':>22s}",
        ]
        for g in self.groups.values():
            mn = min(g.corr_with_parent.values()) if g.corr_with_parent else float("nan")
            lines.append(
                f"{g.code:14s} {len(g.children):3d} {g.cronbach_alpha:7.2f} {100 * g.pc1_variance_share:7.1f}"
                f" {mn:22.2f}"
            )
        if self.flags:
            lines.append("-" * 72)
            lines.extend(f"! {f}" for f in self.flags)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()


def _pca(mat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues (descending) and eigenvectors of the correlation matrix of complete rows."""
    c = np.corrcoef(mat, rowvar=False)
    vals, vecs = np.linalg.eigh(c)
    order = np.argsort(vals)[::-1]
    vecs = vecs[:, order]
    # sign convention: the first component loads positively on the sum (sign is arbitrary in PCA)
    if vecs[:, 0].sum() < 0:
        vecs[:, 0] = -vecs[:, 0]
    return vals[order], vecs


def audit(result, alpha_threshold: float = 0.7, collinear: float = 0.92) -> AuditResult:
    """Audit an :class:`~ipoffice.innovation.engine.IndexResult`."""
    fw: Framework = result.framework
    scores: pd.DataFrame = result.scores
    groups: dict[str, GroupAudit] = {}
    flags: list[str] = []
    for agg in fw.aggregates:
        kids = [k for k in fw.children(agg) if k in scores.columns]
        if len(kids) < 2:
            continue
        mat = scores[kids].to_numpy()
        complete = mat[~np.isnan(mat).any(axis=1)]
        alpha = steps.cronbach_alpha(mat)
        if complete.shape[0] > len(kids) and np.all(complete.std(axis=0) > 0):
            vals, vecs = _pca(complete)
            share = float(vals[0] / vals.sum())
            loadings = dict(zip(kids, vecs[:, 0].round(6).tolist(), strict=True))
        else:
            vals, share, loadings = np.array([]), float("nan"), {}
        cwp = {k: float(scores[[k, agg]].corr().iloc[0, 1]) for k in kids}
        neg = []
        cm = scores[kids].corr()
        for i, a in enumerate(kids):
            for b in kids[i + 1 :]:
                r = float(cm.loc[a, b])
                if r < 0:
                    neg.append((a, b, r))
                if r > collinear:
                    flags.append(f"{agg}: {a} and {b} are collinear (r = {r:.2f})")
        if alpha < alpha_threshold:
            flags.append(f"{agg}: Cronbach's alpha {alpha:.2f} < {alpha_threshold}")
        for a, b, r in neg:
            flags.append(f"{agg}: {a} and {b} correlate negatively (r = {r:.2f})")
        for k, r in cwp.items():
            if r < 0.3:
                flags.append(f"{agg}: {k} correlates weakly with its parent (r = {r:.2f})")
        groups[agg] = GroupAudit(
            agg, kids, int(complete.shape[0]), alpha, share, vals.round(6).tolist(), loadings, cwp, neg
        )
    return AuditResult(groups, scores.corr(), flags)


def pca_weights(framework: Framework, normalised: pd.DataFrame) -> dict[str, float]:
    """Weights of each aggregate's children from the first PC's squared loadings (sum 1 within the parent),
    computed on indicator data for the lowest aggregates. Higher levels keep their framework weights, since
    PCA on aggregates depends on the weights chosen below (COINr ``get_PCA`` works level by level likewise)."""
    w: dict[str, float] = {}
    lowest = min(framework.nodes[a].level for a in framework.aggregates)
    for agg in framework.aggregates:
        if framework.nodes[agg].level != lowest:
            continue
        kids = [k for k in framework.children(agg) if k in normalised.columns]
        if len(kids) < 2:
            continue
        mat = normalised[kids].to_numpy()
        mat = mat[~np.isnan(mat).any(axis=1)]
        if mat.shape[0] <= len(kids):
            continue
        _, vecs = _pca(mat)
        sq = vecs[:, 0] ** 2
        for k, v in zip(kids, sq / sq.sum(), strict=True):
            w[k] = float(v)
    return w


@dataclass(frozen=True)
class StrengthWeakness:
    unit: str
    code: str
    level: int
    score: float
    rank: int
    kind: str  # "strength" or "weakness"


def strengths_weaknesses(result, level: int = 1, top: int = 10, always_rank: int = 3):
    """Per unit, the ``top`` elements at ``level`` where it ranks best and worst relative to its own ranks
    (GII: percentile ranks; any element ranked ``always_rank`` or better is always a strength). Units are
    ranked among all units on each element. Returns a DataFrame (unit, code, level, score, rank, kind)."""
    fw: Framework = result.framework
    codes = [c for c in fw.at_level(level) if c in result.scores.columns]
    sc = result.scores[codes]
    ranks = pd.DataFrame({c: steps.rank_desc(sc[c].to_numpy()) for c in codes}, index=sc.index)
    n = ranks.notna().sum()
    pct = 1 - (ranks - 1).div((n - 1).where(n > 1))
    rows = []
    for u in sc.index:
        p = pct.loc[u].dropna().sort_values(ascending=False)
        if p.empty:
            continue
        strong = set(p.index[:top]) | {c for c in p.index if ranks.loc[u, c] <= always_rank}
        weak = [c for c in p.index[::-1][:top] if c not in strong]
        for c in p.index:
            kind = "strength" if c in strong else "weakness" if c in weak else None
            if kind:
                rows.append(
                    {
                        "unit": u,
                        "code": c,
                        "level": level,
                        "score": float(sc.loc[u, c]),
                        "rank": int(ranks.loc[u, c]),
                        "kind": kind,
                    }
                )
    return pd.DataFrame(rows, columns=["unit", "code", "level", "score", "rank", "kind"])


def effective_weights(framework: Framework, weights: dict[str, float] | None = None) -> dict[str, float]:
    """Each node's share in the index: the product of its normalised weights up the tree (they sum to 1 at
    every level of a complete tree; COINr ``get_eff_weights``)."""
    w = weights or {c: n.weight for c, n in framework.nodes.items()}
    out: dict[str, float] = {framework.root: 1.0}

    def down(code: str) -> None:
        kids = framework.children(code)
        total = sum(w[k] for k in kids)
        for k in kids:
            out[k] = out[code] * (w[k] / total if total else 0.0)
            down(k)

    down(framework.root)
    return out


def indicator_stats(result, skew_threshold: float = 2.25, kurt_threshold: float = 3.5,
                    stage: str = "raw") -> pd.DataFrame:
    """Per indicator: min, max, mean, SD, availability, distinct values, skewness, kurtosis and the outlier
    flag (COINr ``get_stats``: "OUT" when |skew| > t_s and kurtosis > t_k)."""
    df = result.stages[stage]
    rows = {}
    for c in df.columns:
        x = df[c].to_numpy(dtype=float)
        sk, kt = steps.skewness(x), steps.kurtosis(x)
        rows[c] = {"Min": np.nanmin(x), "Max": np.nanmax(x), "Mean": np.nanmean(x), "SD": np.nanstd(x, ddof=1),
                   "N.Avail": int(np.sum(~np.isnan(x))), "Frc.Avail": float(np.mean(~np.isnan(x))),
                   "N.Unique": int(len(np.unique(x[~np.isnan(x)]))), "Skew": sk, "Kurt": kt,
                   "Flag.SkewKurt": "OUT" if (abs(sk) > skew_threshold and kt > kurt_threshold) else "ok"}
    return pd.DataFrame(rows).T


def compare_results(a, b) -> pd.DataFrame:
    """Index scores and ranks of two builds side by side, with the rank change (COINr ``compare_coins``)."""
    ra, rb = a.framework.root, b.framework.root
    t = pd.DataFrame({"score_a": a.scores[ra], "score_b": b.scores[rb], "rank_a": a.ranks[ra],
                      "rank_b": b.ranks[rb]})
    t["rank_change"] = t["rank_b"] - t["rank_a"]
    t["abs_rank_change"] = t["rank_change"].abs()
    return t.sort_values("rank_a")


def remove_elements(framework: Framework, data: pd.DataFrame, spec, level: int = 2):
    """Leave one element of ``level`` out at a time and rebuild (COINr ``remove_elements``): the rank of each
    unit without each element, and the mean absolute rank change it causes."""
    from ipoffice.innovation.engine import build_index

    base = build_index(framework, data, spec)
    root = framework.root
    ranks = {"nominal": base.ranks[root]}
    mad = {}
    for code in framework.at_level(level):
        w = {code: 0.0}
        parent = framework.nodes[code].parent
        if parent is not None and all(k == code or framework.nodes[k].weight == 0 for k in framework.children(parent)):
            continue  # the only child: removing it removes the parent
        res = build_index(framework.with_weights(w), data, spec)
        ranks[code] = res.ranks[root]
        mad[code] = float((res.ranks[root] - base.ranks[root]).abs().mean())
    return pd.DataFrame(ranks), pd.Series(mad, name="mean_abs_rank_change")
