"""Requests per second and p50 / p99 latency of the public search and the file page, on SQLite and PostgreSQL.

A closed-loop load generator (asyncio + httpx, ``--concurrency`` clients, each sending its next request when the
previous one answers) runs on loopback against ``uvicorn ipoffice.web.app:create_app --factory`` started by this
script with ``--workers`` processes. Named baseline in the same run: ``static`` — a small static file served by
the same server (the floor set by uvicorn, Starlette and the load generator themselves). Every target is
measured for ``--seconds`` after a short warm-up, in rounds (default 3); the table shows medians over rounds.

The register is the demo office (``ipoffice.demo``: real EUIPO / IPONZ / USPTO records, re-dated), loaded with
``--files`` files into a temporary SQLite file and a throw-away PostgreSQL database.

    .venv/bin/python benchmarks/bench_web_load.py                      # 300 files, 1 worker, 8 clients, 5 s
    .venv/bin/python benchmarks/bench_web_load.py --workers 2 --files 1000 --backends sqlite
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

import httpx

TODAY = date(2026, 11, 1)
PG_SERVER = os.environ.get("IPOFFICE_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def load_register(url: str, files: int) -> None:
    from ipoffice.demo.loader import build_demo_office

    build_demo_office(url, limit=files, today=TODAY, progress=False)


def start_server(url: str, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {
        **os.environ,
        "IPOFFICE_DATABASE_URL": url,
        "IPOFFICE_SECRET_KEY": "bench-" + uuid.uuid4().hex,
        "IPOFFICE_TODAY": TODAY.isoformat(),
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "ipoffice.web.app:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(base + "/static/office.css", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError("server did not start")


async def closed_loop(
    base: str, paths: list[str], seconds: float, concurrency: int
) -> tuple[int, list[float], int]:
    lat: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:

        async def one(k: int) -> None:
            nonlocal errors
            i = k
            while time.perf_counter() < stop:
                t0 = time.perf_counter()
                r = await client.get(paths[i % len(paths)])
                lat.append(time.perf_counter() - t0)
                if r.status_code != 200:
                    errors += 1
                i += concurrency

        await asyncio.gather(*(one(k) for k in range(concurrency)))
    return len(lat), lat, errors


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))] * 1000


def targets(base: str) -> dict[str, list[str]]:
    items = httpx.get(base + "/api/v1/files", params={"perPage": 100}).json()["items"]
    numbers = [i["ApplicationNumberText"] for i in items]
    words = sorted({(i["MarkVerbalElementText"] or i["Title"] or "x").split()[0].lower() for i in items})[:40]
    return {
        "static (baseline)": ["/static/office.css"],
        "search page": [f"/?q={w}" for w in words],
        "search API": [f"/api/v1/search?q={w}" for w in words],
        "file page": [f"/files/{n}" for n in numbers],
        "file API": [f"/api/v1/files/{n}" for n in numbers],
    }


def bench_backend(
    name: str, url: str, args: argparse.Namespace
) -> list[tuple[str, str, float, float, float, int]]:
    proc, base = start_server(url, args.workers)
    rows = []
    try:
        for target, paths in targets(base).items():
            asyncio.run(closed_loop(base, paths, 1.0, args.concurrency))  # warm-up (caches, search index)
            rps, p50, p99, errs = [], [], [], 0
            for _ in range(args.rounds):
                n, lat, e = asyncio.run(closed_loop(base, paths, args.seconds, args.concurrency))
                rps.append(n / args.seconds)
                p50.append(pct(lat, 0.50))
                p99.append(pct(lat, 0.99))
                errs += e
            rows.append(
                (name, target, statistics.median(rps), statistics.median(p50), statistics.median(p99), errs)
            )
            print(f"  {name:10} {target:18} {rows[-1][2]:8.1f} req/s", file=sys.stderr)
    finally:
        proc.terminate()
        proc.wait(10)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=300)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--backends", default="sqlite,postgresql")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for backend in args.backends.split(","):
            if backend == "sqlite":
                url = f"sqlite:///{Path(tmp) / 'demo.db'}"
                load_register(url, args.files)
                rows += bench_backend("SQLite", url, args)
            else:
                from sqlalchemy import create_engine, text
                from sqlalchemy.engine import make_url

                dbname = f"ipoffice_bench_{uuid.uuid4().hex[:8]}"
                admin = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
                with admin.connect() as c:
                    c.execute(text(f'CREATE DATABASE "{dbname}"'))
                url = make_url(PG_SERVER).set(database=dbname).render_as_string(hide_password=False)
                try:
                    load_register(url, args.files)
                    rows += bench_backend("PostgreSQL", url, args)
                finally:
                    with admin.connect() as c:
                        c.execute(text(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)'))
                    admin.dispose()
    print(
        f"\nuvicorn workers: {args.workers}; clients: {args.concurrency} (closed loop, loopback); "
        f"{args.files} demo files; {args.rounds} rounds x {args.seconds:g} s; medians over rounds; "
        f"machine: {os.cpu_count()} CPUs (shared)\n"
    )
    print("| backend | target | req/s | p50 ms | p99 ms | non-200 |\n|---|---|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r[0]} | {r[1]} | {r[2]:.1f} | {r[3]:.1f} | {r[4]:.1f} | {r[5]} |")


if __name__ == "__main__":
    main()
