"""Monte Carlo uncertainty analysis on COINr's ASEM framework: the vectorised model against a plain loop
that runs the whole engine once per replication (the baseline), in the same run.

    .venv/bin/python benchmarks/bench_innovation_montecarlo.py [--reps 10000] [--loop-reps 200] [--repeat 3]

The loop is timed on ``--loop-reps`` replications and its per-replication median is extrapolated to
``--reps`` (the table says so); ``--loop-reps 10000`` runs it in full (about 5 minutes here).
Needs ../shared/data (development checkout) or IPOFFICE_SHARED_DATA.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from ipoffice.innovation.engine import coinr_spec
from ipoffice.innovation.framework import Framework
from ipoffice.innovation.uncertainty import UncertaintySpec, rank_intervals_loop, uncertainty


def shared() -> Path:
    env = os.environ.get("IPOFFICE_SHARED_DATA")
    p = Path(env) if env else Path(__file__).resolve().parents[2] / "shared" / "data"
    if not p.is_dir():
        sys.exit("../shared/data not found (set IPOFFICE_SHARED_DATA)")
    return p


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=10000)
    ap.add_argument("--loop-reps", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    d = shared() / "econ" / "coinr"
    fw = Framework.from_csv(d / "ASEM_iMeta.csv")
    data = pd.read_csv(d / "ASEM_iData.csv")
    spec = coinr_spec()
    usp = UncertaintySpec(imputations=("group_mean", "mean"), normalisations=("minmax", "prank"))

    vec_times = []
    for i in range(a.repeat):
        t = time.perf_counter()
        u = uncertainty(fw, data, spec, usp, n=a.reps, seed=i)
        vec_times.append(time.perf_counter() - t)
    loop_times = []
    for i in range(a.repeat):
        t = time.perf_counter()
        loop = rank_intervals_loop(fw, data, spec, usp, n=a.loop_reps, seed=100 + i)
        loop_times.append((time.perf_counter() - t) / a.loop_reps)
    check = uncertainty(fw, data, spec, usp, n=a.loop_reps, seed=100 + a.repeat - 1)
    same = bool(np.array_equal(check.ranks, loop))

    vec = statistics.median(vec_times)
    per = statistics.median(loop_times)
    loop_total = per * a.reps
    print(f"ASEM: {len(u.units)} units, {len(fw.indicators)} indicators; varied: weights ±{usp.weight_noise:.0%} "
          f"(level 2), aggregation {usp.aggregations}, imputation {usp.imputations}, normalisation {usp.normalisations}")
    print(f"{'method':44s} {'replications':>12s} {'median s':>10s} {'per rep ms':>11s}")
    print(f"{'vectorised (ipoffice.innovation.uncertainty)':44s} {a.reps:12d} {vec:10.2f} {1000 * vec / a.reps:11.3f}")
    label = "plain loop, engine per replication"
    note = "" if a.loop_reps == a.reps else f"  (extrapolated from {a.loop_reps})"
    print(f"{label:44s} {a.reps:12d} {loop_total:10.1f} {1000 * per:11.3f}{note}")
    print(f"speed-up: {loop_total / vec:.0f}x; ranks identical to the loop on {a.loop_reps} replications: {same}; "
          f"goal < 10 s for {a.reps}: {'met' if vec < 10 else 'NOT met'}")


if __name__ == "__main__":
    main()
