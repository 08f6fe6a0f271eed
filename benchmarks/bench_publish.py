"""How long a monthly gazette takes to derive and render, against a naive derivation in the same run.

Data (generated, not real): FILES marks and inventions with applicants, a representative, Nice or IPC symbols and a
priority claim, each with a ``published`` event in March 2026 and every tenth with a ``granted`` event; written
straight through the ORM into a fresh SQLite database (the office's services are not what is measured).

Ours: ``gazette_issue`` (one query for the period's events, related rows loaded with ``selectinload``).
Baseline: the same entries built by walking each event's file lazily (one query per relationship per file: the
N+1 pattern an ORM falls into by default), with the same INID formatting.
Also timed: JSON, CSV, HTML of the issue, and the PDF of its first PDF_ENTRIES entries (WeasyPrint).

  .venv/bin/python benchmarks/bench_publish.py            # FILES=2000 ROUNDS=5 PDF_ENTRIES=100 to change
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipoffice.publish.gazette import GazetteIssue, gazette_issue
from ipoffice.publish.inid import bibliographic
from ipoffice.store.db import make_engine, session_factory, upgrade
from ipoffice.store.kinds import ClassificationScheme, FilePartyRole, PriorityKind
from ipoffice.store.models import Classification, Event, FileParty, IPFile, Party, PriorityClaim

FILES = int(os.environ.get("FILES", "2000"))
ROUNDS = int(os.environ.get("ROUNDS", "5"))
PDF_ENTRIES = int(os.environ.get("PDF_ENTRIES", "100"))
START, END = date(2026, 3, 1), date(2026, 3, 31)


def build(url: str) -> None:
    engine = make_engine(url)
    agent = Party(
        name="Công ty Luật Sở hữu trí tuệ Mẫu (dữ liệu sinh)", country="VN", agent_registration_number="G-001"
    )
    with session_factory(engine)() as s:
        s.info["actor"] = "bench"
        s.add(agent)
        for i in range(FILES):
            mark = i % 2 == 0
            f = IPFile(
                application_number=f"{4 if mark else 1}-2025-{i:05d}",
                right_kind="trademark" if mark else "invention",
                mark_text=f"NHÃN HIỆU SINH {i}" if mark else None,
                title=None if mark else f"Phương pháp sinh số {i} cho thiết bị điện tử",
                filing_date=date(2025, 1, 2) + timedelta(days=i % 300),
                regime_id="vn-2023",
                publication_date=START + timedelta(days=i % 31),
            )
            applicant = Party(name=f"Công ty TNHH Sinh dữ liệu {i}", country="VN", address="Hà Nội")
            f.parties.append(FileParty(party=applicant, role=FilePartyRole.APPLICANT, position=0))
            f.parties.append(FileParty(party=agent, role=FilePartyRole.REPRESENTATIVE, position=0))
            if mark:
                f.classifications.append(
                    Classification(scheme=ClassificationScheme.NICE, symbol="30", terms=["cà phê"])
                )
            else:
                f.classifications.append(Classification(scheme=ClassificationScheme.IPC, symbol="G06N 3/08"))
                f.parties.append(
                    FileParty(
                        party=Party(name=f"Nguyễn Văn {i}", kind="person"),
                        role=FilePartyRole.INVENTOR,
                        position=0,
                    )
                )
            f.priority_claims.append(
                PriorityClaim(
                    kind=PriorityKind.PARIS,
                    country="US",
                    number=f"63/{i:06d}",
                    priority_date=date(2024, 12, 1),
                )
            )
            s.add(f)
            s.add(
                Event(
                    file=f,
                    sequence=1,
                    code="published",
                    event_date=START + timedelta(days=i % 31),
                    actor="bench",
                )
            )
            if i % 10 == 0:
                f.registration_number = f"{4 if mark else 1}-{i:07d}"
                f.registration_date = START + timedelta(days=i % 31)
                s.add(
                    Event(
                        file=f,
                        sequence=2,
                        code="granted",
                        event_date=f.registration_date,
                        actor="bench",
                        payload={"registration_number": f.registration_number},
                    )
                )
        s.commit()
    engine.dispose()


def naive(s: Session) -> int:
    """The baseline: every event's file and its rows loaded lazily, one query per relationship."""
    events = s.scalars(
        select(Event).where(Event.code.in_(["published", "granted"]), Event.event_date.between(START, END))
    ).all()
    n = 0
    for ev in events:
        file = s.get(IPFile, ev.file_id)
        assert file is not None
        granted = ev.code == "granted"
        n += len(bibliographic(file, granted=granted, grant_event=ev if granted else None))
    return n


def timed(fn: Callable[[], object]) -> list[tuple[float, float]]:
    """(wall, CPU) seconds per round: on a shared machine the CPU time is the steadier figure."""
    out = []
    for _ in range(ROUNDS):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        out.append((time.perf_counter() - t0, time.process_time() - c0))
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        upgrade(url)
        t0 = time.perf_counter()
        build(url)
        print(f"built {FILES} generated files in {time.perf_counter() - t0:.1f} s")
        engine = make_engine(url)
        factory = session_factory(engine)

        def ours() -> GazetteIssue:
            with factory() as s:
                return gazette_issue(s, START, END)

        def baseline() -> int:
            with factory() as s:
                return naive(s)

        issue = ours()
        small = replace(issue, entries=issue.entries[:PDF_ENTRIES])
        rows = [
            ("gazette_issue (selectinload)", timed(ours)),
            ("baseline: lazy N+1 walk", timed(baseline)),
            ("to_json", timed(issue.to_json)),
            ("to_csv", timed(issue.to_csv)),
            ("html", timed(issue.html)),
            (f"pdf of {len(small.entries)} entries", timed(small.pdf)),
        ]
        engine.dispose()
    print(
        f"\n{len(issue.entries)} entries (A {sum(issue.counts()['A'].values())}, "
        f"B {sum(issue.counts()['B'].values())}), {ROUNDS} rounds, SQLite\n"
    )
    print(f"{'step':34} {'median wall s':>14} {'median CPU s':>13}")
    for name, ts in rows:
        wall = statistics.median(t for t, _ in ts)
        cpu = statistics.median(c for _, c in ts)
        print(f"{name:34} {wall:14.3f} {cpu:13.3f}")
    base = statistics.median(t for t, _ in rows[1][1])
    our = statistics.median(t for t, _ in rows[0][1])
    print(f"\nderivation speed-up over the baseline (wall): {base / our:.1f}x")


if __name__ == "__main__":
    main()
