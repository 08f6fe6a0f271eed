"""Benchmark: classify and aggregate up to 1,000,000 patent families - ipoffice.patentmap vs a plain pandas baseline.

Data (generated, from the real corpora in ../shared/data/patents; about 22,500 real families):
family i of the generated set copies real family ``i mod n`` (title, abstract, IPC, CPC) and varies the rest:
priority date shifted by a random -8..+8 years, applicants recombined (with probability 0.3 the first applicant
is taken from another random real family), offices re-drawn (the real office plus, with probability 0.2, one of
US/EP/CN/JP/KR/VN), forward citations re-drawn (Poisson around the real value). So the generated set has as many
distinct texts and symbol sets as the real corpus (~22,500), each used ~44 times; the engine's per-distinct-text
work is also reported (``distinct texts/s``) so the cost on a corpus of 1,000,000 distinct texts can be estimated.

Work measured (identical outputs, checked): three-query matching of the 16 query packs of Decision 21/2026, group
membership, then families per group, per group x priority year and per group x origin country.

Engines: ``ipoffice`` = ``ipoffice.patentmap.classify.group_map`` (matching once per distinct symbol and distinct
text, bit masks broadcast to families) + numpy/pandas aggregation; ``pandas-baseline`` = per pack,
``Series.str.contains`` with one regex per query over every family's folded text and symbols, then
``DataFrame.groupby``. Each run is a fresh process (peak RSS is that process's). Medians of ``--repeat`` runs.

    .venv/bin/python benchmarks/bench_patentmap.py                 # 100k both engines, 1M ipoffice; ~5 min
    .venv/bin/python benchmarks/bench_patentmap.py --baseline-1m   # also the baseline on 1M (very long)
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import re
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "data" / "patents"
CACHE = Path("/tmp") / "ipoffice-bench-patentmap-real.parquet"


def real_families() -> pd.DataFrame:
    from ipoffice.patentmap.corpus import load_corpus

    if CACHE.is_file():
        return pd.read_parquet(CACHE)
    f = load_corpus([SHARED]).families
    f.to_parquet(CACHE, index=False)
    return f


def generate(real: pd.DataFrame, n: int, seed: int = 7) -> pd.DataFrame:
    """``n`` families varied from the real ones (see the module docstring)."""
    rng = np.random.default_rng(seed)
    base = np.arange(n) % len(real)
    out = real.iloc[base].reset_index(drop=True).copy()
    out["family_id"] = [f"gen:{i}" for i in range(n)]
    shift = pd.to_timedelta(rng.integers(-8, 9, n) * 365, unit="D")
    out["priority_date"] = out["priority_date"] + shift
    out["priority_year"] = out["priority_date"].dt.year.astype("Int64")
    swap = rng.random(n) < 0.3
    donor = rng.integers(0, len(real), n)
    for col in ("first_applicant", "applicant_country"):
        vals = out[col].to_numpy(copy=True)
        vals[swap] = real[col].to_numpy()[donor[swap]]
        out[col] = vals
    extra = np.array(["US", "EP", "CN", "JP", "KR", "VN"])[rng.integers(0, 6, n)]
    add = rng.random(n) < 0.2
    out["offices"] = np.where(add, out["offices"] + ";" + extra, out["offices"])
    out["cited_by"] = pd.array(rng.poisson(out["cited_by"].fillna(0).astype(float).to_numpy() + 0.1), dtype="Int64")
    return out


def origin(f: pd.DataFrame) -> pd.Series:
    return f["applicant_country"].fillna("").replace("", "??")  # as ipoffice.patentmap.indicators.origin


def run_ipoffice(f: pd.DataFrame) -> dict[str, pd.Series]:
    from ipoffice.patentmap.classify import group_map
    from ipoffice.patentmap.taxonomy import load_taxonomy

    gm = group_map(load_taxonomy("21-2026"), f)
    m = gm.members
    rows = m["row"].to_numpy()
    year = f["priority_year"].to_numpy(dtype="float64", na_value=np.nan)[rows]
    org = origin(f).to_numpy()[rows]
    j = pd.DataFrame({"group": m["group"].to_numpy(), "year": year, "origin": org})
    return {
        "groups": j.groupby("group").size(),
        "group_year": j.dropna(subset=["year"]).groupby(["group", "year"]).size(),
        "group_country": j.groupby(["group", "origin"]).size(),
    }


def run_baseline(f: pd.DataFrame) -> dict[str, pd.Series]:
    """Plain pandas: one regex per query and pack over every row; membership by boolean columns; groupby."""
    from ipoffice.patentmap.taxonomy import load_taxonomy
    from ipoffice.patentmap.text import fold, is_acronym

    tax = load_taxonomy("21-2026")
    text = (f["title"] + " \n " + f["abstract"]).map(fold)
    symbols = ";" + f["ipc"] + ";" + f["cpc"] + ";"

    def kw_regex(words: tuple[str, ...]) -> tuple[str | None, str | None]:
        def one(k: str) -> str:
            k = fold(k)
            body = r"[\W_]+".join(re.escape(w) for w in re.findall(r"\w+", k.rstrip("*")))
            return r"\b" + body + (r"\w*" if k.endswith("*") else r"\b")

        ci = [one(k) for k in words if not is_acronym(k)]
        cs = [one(k) for k in words if is_acronym(k)]
        return ("(?:" + "|".join(ci) + ")" if ci else None, "(?:" + "|".join(cs) + ")" if cs else None)

    def has_kw(words: tuple[str, ...]) -> pd.Series:
        ci, cs = kw_regex(words)
        hit = pd.Series(False, index=f.index)
        if ci:
            hit |= text.str.contains(ci, case=False, regex=True)
        if cs:
            hit |= text.str.contains(cs, case=True, regex=True)
        return hit

    def has_code(patterns) -> pd.Series:
        if not patterns:
            return pd.Series(False, index=f.index)
        return symbols.str.contains(";(?:" + "|".join(re.escape(p.prefix) for p in patterns) + ")", regex=True)

    member = pd.DataFrame(index=f.index)
    for g in tax.groups:
        hit = pd.Series(False, index=f.index)
        for pid in g.packs:
            p = tax.packs[pid]
            a = has_code(p.codes)
            b = has_kw(p.keywords)
            c = has_code(p.broad_codes) & has_kw(p.keywords + p.context_keywords)
            hit |= a | b | c
        member[g.id] = hit
    long = member.stack()
    long = long[long].reset_index()
    long.columns = ["row", "group", "hit"]
    j = long.merge(pd.DataFrame({"row": f.index, "year": f["priority_year"].astype("float64"), "origin": origin(f)}), on="row")
    return {
        "groups": j.groupby("group").size(),
        "group_year": j.dropna(subset=["year"]).groupby(["group", "year"]).size(),
        "group_country": j.groupby(["group", "origin"]).size(),
    }


def _child(engine: str, n: int, queue: mp.Queue) -> None:
    real = real_families()
    f = generate(real, n)
    distinct = int((f["title"] + f["abstract"]).nunique())
    t0 = time.perf_counter()
    res = (run_ipoffice if engine == "ipoffice" else run_baseline)(f)
    secs = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put((secs, peak_mb, distinct, {k: v.sort_index().to_dict() for k, v in res.items()}))


def measure(engine: str, n: int) -> tuple[float, float, int, dict]:
    ctx = mp.get_context("spawn")
    q: mp.Queue = ctx.Queue()
    p = ctx.Process(target=_child, args=(engine, n, q))
    p.start()
    out = q.get()
    p.join()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--small", type=int, default=100_000)
    ap.add_argument("--large", type=int, default=1_000_000)
    ap.add_argument("--baseline-1m", action="store_true", help="also run the baseline on the large set (slow)")
    args = ap.parse_args()
    real_families()  # build the cache once, outside the timings
    plan = [("ipoffice", args.small), ("pandas-baseline", args.small), ("ipoffice", args.large)]
    if args.baseline_1m:
        plan.append(("pandas-baseline", args.large))
    rows, results = [], {}
    for engine, n in plan:
        runs = [measure(engine, n) for _ in range(args.repeat if n == args.small or engine == "ipoffice" else 1)]
        secs = statistics.median(r[0] for r in runs)
        peak = statistics.median(r[1] for r in runs)
        results[(engine, n)] = runs[0][3]
        rows.append({"engine": engine, "families": n, "distinct texts": runs[0][2], "runs": len(runs),
                     "median s": round(secs, 2), "families/s": int(n / secs), "distinct texts/s": int(runs[0][2] / secs),
                     "peak RSS MB": int(peak)})
        print(rows[-1], flush=True)
    table = pd.DataFrame(rows)
    print()
    print(table.to_string(index=False))
    same = results[("ipoffice", args.small)] == results[("pandas-baseline", args.small)]
    print(f"\nidentical outputs at {args.small:,} families: {same}")
    base = table[(table["engine"] == "pandas-baseline") & (table["families"] == args.small)]["median s"].iloc[0]
    fast = table[(table["engine"] == "ipoffice") & (table["families"] == args.small)]["median s"].iloc[0]
    print(f"speed-up at {args.small:,}: {base / fast:.1f}x")
    if ("pandas-baseline", args.large) in results:
        b1 = table[(table["engine"] == "pandas-baseline") & (table["families"] == args.large)]["median s"].iloc[0]
        f1 = table[(table["engine"] == "ipoffice") & (table["families"] == args.large)]["median s"].iloc[0]
        print(f"speed-up at {args.large:,}: {b1 / f1:.1f}x")
    else:
        per_family = base / args.small
        print(f"baseline at {args.large:,} estimated linearly from {args.small:,}: {per_family * args.large:.0f} s "
              "(run with --baseline-1m to measure)")


if __name__ == "__main__":
    main()
