"""The office backlog: ``ipoffice.office.clock.backlog`` (one SQL statement with conditional aggregates over the
events, then ``law.deadlines_many``) against the named baseline, a per-file loop (load each pending file with its
events and priority claims through the ORM, then ``law.deadlines`` per file), in the same run, on the same
database. Both must report the same counts and overdue numbers; the script checks that before timing.

The register is generated (seeded), not real: trademarks, inventions and designs filed 2023-2026 through the
office's own services (``file_application``, ``accept_formality``, ``publish``, ``request_examination``), so every
file has its real events. SQLite in a temporary folder; times are CPU seconds of this process
(``time.process_time``), since the machine is shared.

    .venv/bin/python benchmarks/bench_backlog.py                 # 2,000 files, 3 runs each
    .venv/bin/python benchmarks/bench_backlog.py --files 10000 --runs 5
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from ipoffice.core.rights import RightKind
from ipoffice.law import deadlines
from ipoffice.office import examination as ex
from ipoffice.office import publication as pub
from ipoffice.office.clock import OFFICE_STEPS, backlog, file_dates
from ipoffice.office.filing import FilingRequest, NiceClassInput, PartyInput, file_application
from ipoffice.office.lawlink import _facts
from ipoffice.office.workflow import Status
from ipoffice.store.db import make_engine, transaction, upgrade
from ipoffice.store.models import IPFile

TODAY = date(2026, 11, 21)


def build(url: str, n: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    engine = make_engine(url)
    start = date(2023, 1, 2).toordinal()
    span = date(2026, 9, 30).toordinal() - start
    with transaction(engine, actor="bench") as s:
        for i in range(n):
            right = rng.choices([RightKind.TRADEMARK, RightKind.INVENTION, RightKind.DESIGN], [70, 20, 10])[0]
            filing = date.fromordinal(start + rng.randrange(span))
            req = FilingRequest(
                right=right,
                filing_date=filing,
                applicants=[PartyInput(name=f"Generated applicant {i}", country="VN")],
                mark_text=f"MARK {i}" if right is RightKind.TRADEMARK else None,
                title=None if right is RightKind.TRADEMARK else f"Generated title {i}",
                nice=[NiceClassInput(rng.randint(1, 45), ["goods"])] if right is RightKind.TRADEMARK else [],
            )
            number = file_application(s, req, actor="bench", today=TODAY).application_number
            day = filing + timedelta(days=rng.randint(5, 60))
            if day > TODAY or rng.random() < 0.15:
                continue
            if filing < date(2026, 4, 1):
                ex.accept_formality(s, number, on=day, actor="bench", today=TODAY)
            day += timedelta(days=rng.randint(10, 120))
            if day > TODAY or rng.random() < 0.2:
                continue
            pub.publish(s, number, on=day, actor="bench", today=TODAY)
            if right is RightKind.INVENTION and rng.random() < 0.7:
                ex.request_examination(s, number, on=day, actor="bench", today=TODAY)
    engine.dispose()


def per_file_baseline(url: str) -> Counter[tuple[str, str, bool]]:
    """The named baseline: one ORM load per file, one ``law.deadlines`` call per file."""
    engine = make_engine(url)
    out: Counter[tuple[str, str, bool]] = Counter()
    with transaction(engine, actor="bench") as s:
        ids = s.scalars(select(IPFile.id).where(IPFile.status.in_([st.value for st in OFFICE_STEPS]))).all()
        for file_id in ids:
            f = s.get(IPFile, file_id)
            assert f is not None
            step = OFFICE_STEPS[Status(f.status)]
            sched = deadlines(_facts(file_dates(f)))
            d = next(x for x in sched.deadlines if x.step == step)
            if f.regime_id == "vn-2026" and f.status == "filed" and d.due < TODAY:
                step = "publication"
                d = next(x for x in sched.deadlines if x.step == step)
            out[(str(f.right_kind), step, d.due < TODAY)] += 1
    engine.dispose()
    return out


def one_statement(url: str) -> Counter[tuple[str, str, bool]]:
    engine = make_engine(url)
    out: Counter[tuple[str, str, bool]] = Counter()
    with transaction(engine, actor="bench") as s:
        for r in backlog(s, TODAY).rows:
            out[(r.right, r.step, True)] += r.overdue
            out[(r.right, r.step, False)] += r.count - r.overdue
    engine.dispose()
    return +out


def timed(fn, url: str, runs: int) -> tuple[float, Counter[tuple[str, str, bool]]]:  # type: ignore[no-untyped-def]
    times, result = [], Counter()
    for _ in range(runs):
        t0 = time.process_time()
        result = fn(url)
        times.append(time.process_time() - t0)
    return statistics.median(times), result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        upgrade(url)
        t0 = time.process_time()
        build(url, args.files)
        print(f"built {args.files} generated files in {time.process_time() - t0:.1f} s CPU", file=sys.stderr)
        base_t, base = timed(per_file_baseline, url, args.runs)
        ours_t, ours = timed(one_statement, url, args.runs)
        if +base != ours:
            raise SystemExit(f"results differ:\n{+base}\n{ours}")
        pending = sum(ours.values())
        print(
            f"\nBacklog of {pending} pending files out of {args.files} (SQLite, median of {args.runs} runs, CPU s)"
        )
        print(f"{'method':<46} {'median s':>9} {'files/s':>10} {'speed-up':>9}")
        print(
            f"{'baseline: per-file ORM load + law.deadlines':<46} {base_t:>9.3f} {pending / base_t:>10.0f} {1:>9.1f}"
        )
        print(
            f"{'backlog(): one statement + deadlines_many':<46} {ours_t:>9.3f} {pending / ours_t:>10.0f} "
            f"{base_t / ours_t:>9.1f}"
        )


if __name__ == "__main__":
    main()
