"""The trademark search's outputs on the speed benchmark's register, written to a file or compared with one.

A speed change must not change results: run this before the change (``--write before.jsonl``) and after it
(``--against before.jsonl``) on the same index. Each line holds one search of a query (the benchmark's queries, the
same seed: the first ``--queries`` of them, generated the same way): the hits' numbers, scores, dimensions and
reasons, at limit 50 with no classes, at limit 10, and at limit 50 with one or two Nice classes and a goods text,
plus the candidates' document numbers (``candidate_docs``).

Run: ``.venv/bin/python benchmarks/tm_search_outputs.py --n 1000000 --index-dir /tmp/tm1m --queries 600
--write /tmp/before.jsonl`` (the index built by ``bench_tm_speed.py`` with the same ``--n``, the default seed).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_tm_speed import generated_register, vary  # noqa: E402

from ipoffice.assist.tm_search import CANDIDATES, TrademarkSearch  # noqa: E402
from ipoffice.assist.tm_similarity import profile  # noqa: E402


def outputs(engine: TrademarkSearch, query: str, classes: list[int]) -> dict[str, Any]:
    def hits(**kw: Any) -> list[Any]:
        return [
            [h.record.number, h.score, h.dimensions, [[code, params] for code, params in h.reasons]]
            for h in engine.search(query, **kw)
        ]

    return {
        "query": query,
        "limit50": hits(limit=50),
        "limit10": hits(limit=10),
        "classes": hits(limit=50, classes=classes, goods="coffee, tea and bread"),
        "candidates": engine.candidate_docs(profile(query), CANDIDATES).tolist(),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--queries", type=int, default=600)
    ap.add_argument("--index-dir", type=Path, required=True)
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path)
    group.add_argument("--against", type=Path)
    args = ap.parse_args()
    stamp = json.loads((args.index_dir / "bench.json").read_text())
    if stamp["n"] != args.n or stamp["seed"] != args.seed:
        sys.exit(f"{args.index_dir} holds n={stamp['n']} seed={stamp['seed']}")
    rng, pool, _ = generated_register(args.n, args.seed)
    queries = [
        q for q in (vary(rng.choice(pool), rng, pool) for _ in range(args.queries)) if profile(q).norm.compact
    ]
    classes = random.Random(args.seed + 1)
    engine = TrademarkSearch.open(args.index_dir)
    lines = [
        json.dumps(outputs(engine, q, sorted({classes.randint(1, 45) for _ in range(classes.randint(1, 2))})))
        for q in queries
    ]
    if args.write is not None:
        args.write.write_text("\n".join(lines) + "\n")
        print(f"{len(lines)} queries written to {args.write}")
        return
    before = args.against.read_text().splitlines()
    if len(before) != len(lines):
        sys.exit(f"{len(before)} queries in {args.against}, {len(lines)} now")
    differ = 0
    for old, new in zip(before, lines, strict=True):
        if old != new:
            differ += 1
            a, b = json.loads(old), json.loads(new)
            parts = [k for k in a if a[k] != b[k]]
            if differ <= 5:
                print(f"differs: {a['query']!r} in {parts}")
    print(
        f"{len(lines) - differ} of {len(lines)} queries identical (hits, scores, dimensions, reasons, candidates)"
    )
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
