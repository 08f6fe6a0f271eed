"""Cut-off date on the dense side at 100,000 documents: the old path against the date mask, same run, same results.

Every ``prior-art --file`` search has a cut-off (the file's priority date). The dense list used to be filtered by the
set of allowed ids read from tantivy document by document (``FulltextIndex.allowed``) and turned into a mask in
Python (``VectorIndex.top(allowed=...)``); a cut-off alone is now one comparison over an array of the vector rows'
dates (``PriorArtIndex._row_date_keys``, ``VectorIndex.top(mask=...)``). Both are timed on the same random score
vectors (CPU time, ``process_time``), their top 200 compared.

Documents: **generated** (titles and abstract sentences of real NVIDIA and BioPAT patents recombined, see
``bench_prior_art_speed.py``; dates from the real records, BioPAT titles undated) with random unit vectors.

Run: ``python benchmarks/bench_prior_art_cutoff.py [--docs 100000] [--trials 60]``.

Last run (2026-11-21, shared 2-core machine, load 4.6-4.7): 100,000 documents, median of 60: allowed-set path
132.5 ms CPU, date mask 1.91 ms; identical top 200 in 60 of 60 (an earlier run: 145.5 and 1.95 ms).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bench_prior_art_speed as speed  # noqa: E402

from ipoffice.assist.prior_art import DEPTH, PriorArtIndex  # noqa: E402
from ipoffice.search.fulltext import date_key  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--trials", type=int, default=60)
    args = ap.parse_args()
    ix = PriorArtIndex(speed.RandomEmbedder(384), passages=0)
    ix.build(speed.generated_docs(args.docs, 0), batch=1000)
    assert ix.vectors is not None
    print(f"{args.docs:,} generated documents; load average {speed.load()}")
    rng = np.random.default_rng(3)
    cuts = [date(2010, 1, 1), date(2015, 1, 1), date(2019, 6, 1)]
    old_t, new_t, same = [], [], 0
    ix._row_date_keys()  # built once per index (and again only when it grows)
    for r in range(args.trials):
        scores = rng.random(len(ix.vectors)).astype(np.float32)
        cut = cuts[r % len(cuts)]
        c = time.process_time()
        old = ix.vectors.top(scores, DEPTH, allowed=ix.fulltext.allowed(before=cut))
        old_t.append(time.process_time() - c)
        c = time.process_time()
        keys = ix._row_date_keys()
        new = ix.vectors.top(scores, DEPTH, mask=(keys > 0) & (keys < date_key(cut)))
        new_t.append(time.process_time() - c)
        same += [h.id for h in old] == [h.id for h in new]
    print(f"| path | median CPU ms (n = {args.trials}) |\n|---|---|")
    print(f"| allowed ids from tantivy (before) | {statistics.median(old_t) * 1000:.1f} |")
    print(f"| date mask (now) | {statistics.median(new_t) * 1000:.2f} |")
    print(f"identical top {DEPTH}: {same} of {args.trials}; load average {speed.load()} (pid {os.getpid()})")


if __name__ == "__main__":
    main()
