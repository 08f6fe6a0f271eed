"""The numeric building blocks: statistics, imputation, outlier treatment, normalisation, aggregation.

Each function works on plain numpy arrays (NaN = missing) so the Monte Carlo can call them in batches; the
pipeline in :mod:`ipoffice.innovation.engine` strings them together and keeps the record.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ipoffice.core.errors import UserError

# ---- moments (e1071 type 2 = Excel, the definitions COINr and the GII use) --------------------------------


def skewness(x: np.ndarray) -> float:
    """Sample skewness, e1071 ``type = 2`` (Excel's SKEW); NaNs ignored; needs 3 points."""
    x = np.asarray(x, dtype=float)
    x = x[~np.isnan(x)]
    n = x.size
    if n < 3:
        return float("nan")
    d = x - x.mean()
    s2 = float(np.sum(d**2))
    if s2 == 0:
        return 0.0
    y = np.sqrt(n) * np.sum(d**3) / s2**1.5
    return float(y * np.sqrt(n * (n - 1)) / (n - 2))


def kurtosis(x: np.ndarray) -> float:
    """Sample excess kurtosis, e1071 ``type = 2`` (Excel's KURT); NaNs ignored; needs 4 points."""
    x = np.asarray(x, dtype=float)
    x = x[~np.isnan(x)]
    n = x.size
    if n < 4:
        return float("nan")
    d = x - x.mean()
    s2 = float(np.sum(d**2))
    if s2 == 0:
        return 0.0
    r = n * np.sum(d**4) / s2**2
    return float(((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3)))


def passes_skew_kurt(x: np.ndarray, skew_threshold: float, kurt_threshold: float) -> bool:
    """True when no treatment is needed: |skew| < threshold OR kurtosis < threshold (GII Appendix I, note 7)."""
    sk, kt = skewness(x), kurtosis(x)
    if np.isnan(sk) or np.isnan(kt):
        return True
    return bool(abs(sk) < skew_threshold or kt < kurt_threshold)


# ---- imputation -------------------------------------------------------------------------------------------


def impute(x: np.ndarray, method: str, groups: np.ndarray | None = None) -> np.ndarray:
    """Fill NaNs column by column: ``mean``, ``median``, ``group_mean``, ``group_median`` or ``none``.

    Group imputation uses the mean (median) of the unit's group; a cell whose group has no data stays NaN.
    """
    x = np.array(x, dtype=float, copy=True)
    if method == "none":
        return x
    f = np.nanmedian if method.endswith("median") else np.nanmean
    if method in ("mean", "median"):
        with np.errstate(all="ignore"):
            fill = _nanagg(f, x)
        r, c = np.where(np.isnan(x))
        x[r, c] = fill[c]
        return x
    if groups is None:
        raise ValueError("group imputation needs groups")
    for g in np.unique(groups.astype(str)):
        rows = groups.astype(str) == g
        sub = x[rows]
        fill = _nanagg(f, sub)
        r, c = np.where(np.isnan(sub))
        sub[r, c] = fill[c]
        x[rows] = sub
    return x


def _nanagg(f, x: np.ndarray) -> np.ndarray:
    out = np.full(x.shape[1], np.nan)
    for j in range(x.shape[1]):
        col = x[:, j]
        if np.any(~np.isnan(col)):
            out[j] = f(col)
    return out


# ---- outlier treatment ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Treatment:
    """What happened to one indicator."""

    skew_before: float
    kurt_before: float
    action: str  # "none", "winsorised", "log"
    n_winsorised: int
    treated_rows: tuple[int, ...]
    skew_after: float
    kurt_after: float
    passes_after: bool


def winsorise(
    x: np.ndarray, winmax: int, skew_threshold: float, kurt_threshold: float
) -> tuple[np.ndarray, int, list[int]]:
    """Replace the most extreme value by the next one, on the side the skew points to, until the series
    passes or ``winmax`` points are treated. Ties at the extreme move together and count as points treated
    (COINr counts the tied set at the last step, which equals the cumulative count when all outliers are on
    one side; we count the distinct rows actually changed, which is what a reader expects)."""
    x = np.array(x, dtype=float, copy=True)
    changed: set[int] = set()
    passing = passes_skew_kurt(x, skew_threshold, kurt_threshold)
    # COINr's stopping counter (reproduced so that the ASEM example gives COINr's numbers)
    nwin = 0
    imax: np.ndarray = np.array([], dtype=int)
    imin: np.ndarray = np.array([], dtype=int)
    while not passing and nwin < winmax:
        ok = ~np.isnan(x)
        if skewness(x) >= 0:
            top = np.nanmax(x)
            imax = np.where(ok & (x == top))[0]
            rest = x[ok & (x != top)]
            if rest.size == 0:
                break
            x[imax] = rest.max()
        else:
            low = np.nanmin(x)
            imin = np.where(ok & (x == low))[0]
            rest = x[ok & (x != low)]
            if rest.size == 0:
                break
            x[imin] = rest.min()
        changed.update(int(i) for i in imax)
        changed.update(int(i) for i in imin)
        nwin = len(imax) + len(imin)
        passing = passes_skew_kurt(x, skew_threshold, kurt_threshold)
    return x, len(changed), sorted(changed)


def log_gii(x: np.ndarray) -> np.ndarray:
    """The GII log transform x' = ln[(max−1)(x−min)/(max−min) + 1] (GII technical notes).

    COINr 1.1.14's ``log_GII`` computes this and returns the untransformed x (a defect we do not copy).
    Like the GII's own formula it reverses the order of the data when max < 1 [verify: the GII 2024
    Appendix I wording]; we scale such series to max 100 first so the transform keeps the order.
    """
    x = np.asarray(x, dtype=float)
    mn, mx = np.nanmin(x), np.nanmax(x)
    if mx == mn:
        return x.copy()
    if mx <= 1:
        x = (x - mn) / (mx - mn) * 100.0
        mn, mx = 0.0, 100.0
    return np.log((mx - 1) * (x - mn) / (mx - mn) + 1)


def log_ct(x: np.ndarray) -> np.ndarray:
    """COINr's default second-stage transform: ln(x − min + 0.01·(max − min))."""
    x = np.asarray(x, dtype=float)
    mn, mx = np.nanmin(x), np.nanmax(x)
    return np.log(x - mn + 0.01 * (mx - mn))


def treat(
    x: np.ndarray,
    skew_threshold: float = 2.25,
    kurt_threshold: float = 3.5,
    winmax: int = 5,
    log: str = "gii",
) -> tuple[np.ndarray, Treatment]:
    """The GII rule: a series with |skew| > 2.25 and kurtosis > 3.5 is winsorised (up to ``winmax`` points);
    if it still fails, the original series is log-transformed instead (GII Appendix I; COINr ``Treat``)."""
    sk0, kt0 = skewness(x), kurtosis(x)
    if passes_skew_kurt(x, skew_threshold, kurt_threshold):
        return np.array(x, dtype=float, copy=True), Treatment(sk0, kt0, "none", 0, (), sk0, kt0, True)
    xw, n, rows = winsorise(x, winmax, skew_threshold, kurt_threshold)
    if passes_skew_kurt(xw, skew_threshold, kurt_threshold):
        return xw, Treatment(sk0, kt0, "winsorised", n, tuple(rows), skewness(xw), kurtosis(xw), True)
    xl = log_gii(x) if log == "gii" else log_ct(x)
    all_rows = tuple(int(i) for i in np.where(~np.isnan(x))[0])
    return xl, Treatment(
        sk0,
        kt0,
        "log",
        0,
        all_rows,
        skewness(xl),
        kurtosis(xl),
        passes_skew_kurt(xl, skew_threshold, kurt_threshold),
    )


# ---- normalisation (column-wise; direction already applied by the caller) --------------------------------


def n_minmax(x: np.ndarray, lo: float = 0.0, hi: float = 100.0) -> np.ndarray:
    mn = np.nanmin(x, axis=0)
    mx = np.nanmax(x, axis=0)
    rng = np.where(mx - mn == 0, np.nan, mx - mn)
    return (x - mn) / rng * (hi - lo) + lo


def n_zscore(x: np.ndarray, mean: float = 0.0, sd: float = 1.0) -> np.ndarray:
    mu = np.nanmean(x, axis=0)
    s = np.nanstd(x, axis=0, ddof=1)
    s = np.where(s == 0, np.nan, s)
    return (x - mu) / s * sd + mean


def n_rank(x: np.ndarray) -> np.ndarray:
    """Rank with ties averaged (R ``rank`` default), 1 = lowest; NaN stays NaN."""
    from scipy.stats import rankdata

    out = np.full(x.shape, np.nan)
    for j in range(x.shape[1]):
        ok = ~np.isnan(x[:, j])
        out[ok, j] = rankdata(x[ok, j])
    return out


def n_prank(x: np.ndarray) -> np.ndarray:
    """Percentile rank 0–100: (rank − 1)/(n − 1)·100 (COINr ``n_prank`` scaled to 100)."""
    r = n_rank(x)
    n = np.sum(~np.isnan(x), axis=0)
    return (r - 1) / np.where(n > 1, n - 1, np.nan) * 100


def n_goalposts(
    x: np.ndarray, low: np.ndarray, high: np.ndarray, scale: float = 100.0, trunc: bool = True
) -> np.ndarray:
    """(x − low)/(high − low)·scale, truncated to [0, scale] (COINr ``n_goalposts``). For a "bad" indicator
    the caller passes −x and the goalposts negated and swapped."""
    y = (x - low) / (high - low)
    if trunc:
        y = np.clip(y, 0, 1)
    return y * scale


# ---- aggregation ------------------------------------------------------------------------------------------


def aggregate(x: np.ndarray, w: np.ndarray, method: str = "arithmetic", min_share: float = 0.0) -> np.ndarray:
    """Weighted mean of the columns of ``x`` (units × children) over available values.

    A unit whose available weight share is below ``min_share`` gets NaN (the data-coverage rule). Geometric
    and harmonic means need positive values (a :class:`UserError` otherwise, checked by the caller).
    """
    w = np.asarray(w, dtype=float)
    ok = ~np.isnan(x)
    wm = ok * w
    wsum = wm.sum(axis=1)
    share = wsum / w.sum() if w.sum() > 0 else np.zeros(x.shape[0])
    xz = np.where(ok, x, 0.0)
    with np.errstate(all="ignore"):
        if method == "arithmetic":
            out = (xz * wm).sum(axis=1) / wsum
        elif method == "geometric":
            out = np.exp((np.where(ok, np.log(np.where(ok, x, 1.0)), 0.0) * wm).sum(axis=1) / wsum)
        elif method == "harmonic":
            out = wsum / (np.where(ok, 1.0 / np.where(ok, x, 1.0), 0.0) * wm).sum(axis=1)
        else:
            raise UserError(
                "innovation.spec.bad_option",
                field="aggregation",
                option="aggregation",
                value=method,
                allowed="arithmetic, geometric, harmonic",
            )
    out = np.where((wsum > 0) & (share + 1e-12 >= min_share), out, np.nan)
    return out


def rank_desc(scores: np.ndarray) -> np.ndarray:
    """Rank 1 = highest score, ties take the smallest rank (R ``rank(-x, ties = "min")``); NaN stays NaN."""
    from scipy.stats import rankdata

    out = np.full(scores.shape, np.nan)
    ok = ~np.isnan(scores)
    out[ok] = rankdata(-scores[ok], method="min")
    return out


def cronbach_alpha(x: np.ndarray) -> float:
    """Cronbach's α = k/(k−1)·(1 − Σσᵢ²/σ²_total) on complete rows (equal to COINr's closed form)."""
    x = np.asarray(x, dtype=float)
    x = x[~np.isnan(x).any(axis=1)]
    k = x.shape[1]
    if k < 2 or x.shape[0] < 2:
        return float("nan")
    c = np.cov(x, rowvar=False)
    return float(k / (k - 1) * (1 - np.trace(c) / c.sum()))


def impute_panel(x: np.ndarray, method: str = "linear") -> np.ndarray:
    """Fill gaps in one unit's time series (COINr ``impute_panel``): ``constant`` carries the last value
    forward (the first ones take the next value), ``linear`` interpolates inside and takes the nearest value
    at the edges; e.g. (3, NaN, 5) → (3, 4, 5)."""
    x = np.asarray(x, dtype=float).copy()
    ok = ~np.isnan(x)
    if ok.sum() == 0:
        return x
    idx = np.arange(x.size)
    if method == "linear":
        return np.interp(idx, idx[ok], x[ok])
    if method == "constant":
        last = np.maximum.accumulate(np.where(ok, idx, -1))
        out = np.where(last >= 0, x[np.maximum(last, 0)], np.nan)
        first = idx[ok][0]
        out[:first] = x[first]
        return out
    raise UserError("innovation.spec.bad_option", field="impute_panel", option="impute_panel", value=method,
                    allowed="constant, linear")
