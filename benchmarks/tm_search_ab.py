"""Two versions of the trademark search in one process, query by query: the like-for-like speed comparison.

Run-to-run noise on a shared machine (~10 %) is larger than many single changes; timing both versions in one
process, alternating which goes first, on the same index and queries, is not affected by it. ``--before`` is a
directory holding another version's ``ipoffice`` package, for instance the commit before a change::

    mkdir /tmp/before && git archive HEAD~3 ipoffice | tar -x -C /tmp/before
    .venv/bin/python benchmarks/tm_search_ab.py --before /tmp/before --index-dir /tmp/tm1m --n 1000000

Warm: the searches back to back (``--queries``, default 600). Cold (``--cold``): each search timed right after an
exhaustive ``rapidfuzz.process.extract`` over all marks, as in ``bench_tm_speed.py``'s headline (200 queries by
default there; this builds the baseline's strings the same way, before opening the indexes). CPU time, medians; the
index must have been built by ``bench_tm_speed.py`` with the same ``--n`` and ``--seed``, in a format both
versions read, or each version's index given (``--before-index-dir``) when a change altered the index.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import statistics
import sys
import time
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_tm_speed import generated_register, vary  # noqa: E402


def load_version(root: Path | None) -> ModuleType:
    """``ipoffice.assist.tm_search`` from ``root`` (or the one installed), imported afresh."""
    for name in [m for m in sys.modules if m == "ipoffice" or m.startswith("ipoffice.")]:
        del sys.modules[name]
    if root is not None:
        sys.path.insert(0, str(root))
    try:
        module = importlib.import_module("ipoffice.assist.tm_search")
    finally:
        if root is not None:
            sys.path.remove(str(root))
    if root is not None and not Path(module.__file__ or "").is_relative_to(root):
        sys.exit(f"{root} holds no ipoffice package")
    return module


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--before", type=Path, required=True, help="a directory holding the other ipoffice package"
    )
    ap.add_argument("--index-dir", type=Path, required=True)
    ap.add_argument(
        "--before-index-dir",
        type=Path,
        help="the other version's index, when the two read different formats (same --n and --seed)",
    )
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--queries", type=int)
    ap.add_argument("--cold", action="store_true", help="an exhaustive extract() before every search")
    args = ap.parse_args()
    stamp = json.loads((args.index_dir / "bench.json").read_text())
    if stamp["n"] != args.n or stamp["seed"] != args.seed:
        sys.exit(f"{args.index_dir} holds n={stamp['n']} seed={stamp['seed']}")
    n_queries = args.queries or (200 if args.cold else 600)
    rng, pool, records = generated_register(args.n, args.seed)
    processed: list[str] = []
    if args.cold:
        from rapidfuzz import fuzz, process, utils

        processed = [utils.default_process(r.mark) for r in records]
    del records
    before = load_version(args.before)
    after = load_version(None)
    queries = [
        q
        for q in (vary(rng.choice(pool), rng, pool) for _ in range(n_queries))
        if after.profile(q).norm.compact
    ]
    before_dir = args.before_index_dir or args.index_dir
    if json.loads((before_dir / "bench.json").read_text()) != stamp:
        sys.exit(f"{before_dir} holds another register than {args.index_dir}")
    engines = [before.TrademarkSearch.open(before_dir), after.TrademarkSearch.open(args.index_dir)]
    for q in queries[:3]:
        for engine in engines:
            engine.search(q, limit=50)
    times: list[list[float]] = [[], []]
    scans: list[float] = []
    load = os.getloadavg()
    for i, q in enumerate(queries):
        before.profile(q)  # each version's normalisation cache holds the query, as in the benchmark
        after.profile(q)
        for which in (0, 1) if i % 2 == 0 else (1, 0):
            if args.cold:
                c = time.process_time()
                process.extract(
                    utils.default_process(q), processed, scorer=fuzz.ratio, limit=10, processor=None
                )
                scans.append(time.process_time() - c)
            c = time.process_time()
            engines[which].search(q, limit=50)
            times[which].append(time.process_time() - c)

    def ms(xs: list[float]) -> float:
        return 1000 * statistics.median(xs)

    old, new = ms(times[0]), ms(times[1])
    print(
        f"{'cold' if args.cold else 'warm'}, {len(queries)} queries, CPU p50: before {old:.3f} ms, after {new:.3f} ms, "
        f"{old / new:.2f}x; load average {load[0]:.2f} -> {os.getloadavg()[0]:.2f}"
    )
    if scans:
        print(f"extract {ms(scans):.1f} ms: {ms(scans) / old:.1f}x before, {ms(scans) / new:.1f}x after")


if __name__ == "__main__":
    main()
