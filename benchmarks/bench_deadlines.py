"""Deadline computation for many files: ``deadlines_many`` (shared memoised roll-overs and month ends) and the
vectorised ``deadlines_table`` (numpy month arithmetic and a next-working-day table; due dates as arrays, objects
on demand) against a plain per-file loop over ``deadlines`` (the named baseline), in the same run, on the same
generated files. The first run checks that all three give the same due dates.

Times are CPU seconds of this process (``time.process_time``): the machine is shared, and wall time there
measures the neighbours as much as the code. The files are generated (seeded), not real: rights, filing dates 2012-2026, some with priority, publication,
examination request, grant and office-action dates. The calendar is Viet Nam's (``default_calendar()``).

    .venv/bin/python benchmarks/bench_deadlines.py            # 100,000 files, 3 runs each
    .venv/bin/python benchmarks/bench_deadlines.py --files 20000 --runs 5
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date, timedelta

from ipoffice.core.rights import RightKind
from ipoffice.law import FileFacts, deadlines, deadlines_many, deadlines_table, default_calendar

TODAY = date(2026, 11, 21)


def generate(n: int, seed: int = 7) -> list[FileFacts]:
    rng = random.Random(seed)
    rights = list(RightKind)
    weights = [30, 5, 12, 1, 50, 2]
    start = date(2012, 1, 1).toordinal()
    span = date(2026, 10, 31).toordinal() - start
    out: list[FileFacts] = []
    for _ in range(n):
        right = rng.choices(rights, weights)[0]
        filing = date.fromordinal(start + rng.randrange(span))
        kw: dict[str, object] = {}
        if right in (RightKind.INVENTION, RightKind.UTILITY_SOLUTION, RightKind.DESIGN, RightKind.TRADEMARK) \
                and rng.random() < 0.4:
            window = 360 if right in (RightKind.INVENTION, RightKind.UTILITY_SOLUTION) else 170
            kw["priority_date"] = filing - timedelta(days=rng.randrange(window))
        if rng.random() < 0.5:
            kw["publication_date"] = filing + timedelta(days=rng.randrange(30, 600))
        if right in (RightKind.INVENTION, RightKind.UTILITY_SOLUTION) and rng.random() < 0.6:
            kw["examination_request_date"] = filing + timedelta(days=rng.randrange(0, 900))
        if rng.random() < 0.3:
            kw["grant_date"] = filing + timedelta(days=rng.randrange(300, 1500))
        if rng.random() < 0.2:
            kw["office_action_date"] = filing + timedelta(days=rng.randrange(40, 700))
        out.append(FileFacts(right, filing_date=filing, **kw))  # type: ignore[arg-type]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    files = generate(args.files)
    cal = default_calendar()
    names = ("plain loop: [deadlines(f) for f in files]", "deadlines_many(files)",
             "deadlines_table(files) (numpy, due dates only)")
    timings: dict[str, list[float]] = {name: [] for name in names}
    reference = None
    deadlines_table(files[:100], cal=cal, today=TODAY)  # builds the calendar tables once, as a server would
    for _ in range(args.runs):
        t0 = time.process_time()
        plain = [deadlines(f, cal=cal, today=TODAY) for f in files]
        t1 = time.process_time()
        many = deadlines_many(files, cal=cal, today=TODAY)
        t2 = time.process_time()
        table = deadlines_table(files, cal=cal, today=TODAY)
        t3 = time.process_time()
        for name, dt in zip(names, (t1 - t0, t2 - t1, t3 - t2), strict=True):
            timings[name].append(dt)
        if reference is None:
            assert plain == many, "deadlines_many must give exactly the per-file results"
            flat = [(i, d.step, d.occurrence, d.due) for i, s in enumerate(plain) for d in s.deadlines]
            got = [(i, *row) for i in range(len(files)) for row in table.rows_of(i)]
            assert flat == got, "deadlines_table must give exactly the per-file due dates"
            reference = len(flat)
    base = statistics.median(next(iter(timings.values())))
    print(f"{args.files:,} generated files, {reference:,} deadlines, {args.runs} runs, calendar={type(cal).__name__}")
    print(f"{'method':<50} {'median CPU s':>12} {'files/s':>10} {'speed-up':>9}")
    for name, ts in timings.items():
        med = statistics.median(ts)
        print(f"{name:<50} {med:>12.2f} {args.files / med:>10,.0f} {base / med:>8.2f}x")


if __name__ == "__main__":
    main()
