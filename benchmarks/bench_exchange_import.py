"""Import throughput of ``ipoffice.exchange`` against a plain lxml parse, on 10,000 documents.

The documents are REAL samples (../shared/data: USPTO TSDR ST.66 and ST.96 records, WIPO ST.96 examples, USPTO
grant XML v4.5, ST.32 PATDOC, pap) REPEATED and RE-NUMBERED: each copy gets a fresh application number so
that every import writes a new file. They are not 10,000 distinct real documents.

Stages, all in one run on the same documents:

  baseline   lxml.etree.fromstring, parser with resolve_entities=False only (parse only: no checks, no reading)
  safe       ipoffice safe parse (size/entity/depth checks, hardened parser)
  read       safe parse + format detection + reading into a neutral Record (classes checked)
  register   read + write into a SQLite register through the office event writer (one transaction each)

Usage: .venv/bin/python benchmarks/bench_exchange_import.py [--n 10000] [--repeat 3] [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from ipoffice.exchange.importer import import_document
from ipoffice.exchange.readers import read_record
from ipoffice.exchange.safe_xml import parse_xml
from ipoffice.store.db import make_engine, upgrade

# (relative path, regex whose group 1 is the application number to replace)
SAMPLES = [
    ("trademarks/uspto-tsdr-xml/rn2178784-ST66.xml", rb"<ApplicationNumber>(\d+)</ApplicationNumber>"),
    ("trademarks/uspto-tsdr-xml/sn77478018-ST66.xml", rb"<ApplicationNumber>(\d+)</ApplicationNumber>"),
    (
        "trademarks/uspto-tsdr-xml/rn2713476-ST96.xml",
        rb"<ns1:ApplicationNumberText>(\d+)</ns1:ApplicationNumberText>",
    ),
    (
        "standards/wipo-st96-st36/st96_example_instances/TrademarkApplication_Example.xml",
        rb"<com:ApplicationNumberText>(\d+)<",
    ),
    (
        "standards/wipo-st96-st36/st96_example_instances/PatentPublication_Example.xml",
        rb"<com:ApplicationNumberText>(13797521)<",
    ),
    (
        "standards/wipo-st96-st36/st96_example_instances/DesignApplication_Example.xml",
        rb"<com:ApplicationNumberText>(35503842)<",
    ),
    (
        "standards/uspto-xml/samples/xml2014/US08930553.xml",
        rb"<application-reference[^>]*>\s*<document-id>\s*<country>US</country>\s*<doc-number>(\d+)<",
    ),
    ("standards/uspto-xml/samples/sgml/US06336130.xml", rb"<B210><DNUM><PDAT>(\d+)<"),
    ("standards/uspto-xml/samples/pap/US20010000943A1.xml", rb"<application-number>\s*<doc-number>(\d+)<"),
]


# Registration / grant numbers are unique in the register too: re-numbered as well (first match of each).
REGISTRATION_PATTERNS = [
    re.compile(rb"RegistrationNumber>(\d+)<"),
    re.compile(rb"<pat:PublicationNumber>(\d+)<"),
    re.compile(rb"<publication-reference[^>]*>\s*<document-id>\s*<country>US</country>\s*<doc-number>(\d+)<"),
    re.compile(rb"<B110><DNUM><PDAT>(\d+)<"),
]


def documents(data: Path, n: int) -> list[bytes]:
    """``n`` re-numbered copies of the samples, round robin."""
    raw = []
    for rel, pattern in SAMPLES:
        content = (data / rel).read_bytes()
        if not re.search(pattern, content):
            raise SystemExit(f"pattern not found in {rel}")
        raw.append((content, re.compile(pattern)))
    docs = []
    for i in range(n):
        content, pattern = raw[i % len(raw)]
        number = f"9{i:07d}".encode()

        def swap(m: re.Match[bytes], number: bytes = number) -> bytes:
            return m.group(0).replace(m.group(1), number)

        doc = pattern.sub(swap, content, count=1)
        for reg in REGISTRATION_PATTERNS:
            doc = reg.sub(lambda m, i=i: m.group(0).replace(m.group(1), f"8{i:07d}".encode()), doc, count=1)
        docs.append(doc)
    return docs


def timed(fn: Callable[[bytes], object], docs: list[bytes]) -> tuple[float, list[float]]:
    per = []
    start = time.perf_counter()
    for d in docs:
        t = time.perf_counter()
        fn(d)
        per.append(time.perf_counter() - t)
    return time.perf_counter() - start, per


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3, help="runs of the in-memory stages (median reported)")
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    args = ap.parse_args()
    docs = documents(args.data, args.n)
    size = sum(len(d) for d in docs)
    print(
        f"{len(docs)} documents ({size / 1e6:.1f} MB): {len(SAMPLES)} real samples repeated and re-numbered"
    )

    plain = etree.XMLParser(
        resolve_entities=False
    )  # undeclared entities (&lsquo; in ST.32) would fail otherwise
    stages: dict[str, Callable[[bytes], object]] = {
        "baseline: lxml parse only": lambda d: etree.fromstring(d, plain),
        "safe parse": parse_xml,
        "safe parse + read Record": lambda d: read_record(parse_xml(d)),
    }
    rows = []
    for name, fn in stages.items():
        totals, medians = [], []
        for _ in range(args.repeat):
            total, per = timed(fn, docs)
            totals.append(total)
            medians.append(statistics.median(per))
        rows.append((name, statistics.median(totals), statistics.median(medians), args.repeat))

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        upgrade(url)
        engine = make_engine(url)
        outcomes: dict[str, int] = {}

        def register(d: bytes) -> None:
            o = import_document(engine, d, actor="bench")
            outcomes[o.outcome] = outcomes.get(o.outcome, 0) + 1

        total, per = timed(register, docs)
        engine.dispose()
        rows.append(("safe parse + read + register (SQLite)", total, statistics.median(per), 1))
    base = rows[0][2]  # the ratio uses per-document medians: totals swing with other load on a shared machine
    print(f"{'stage':42} {'runs':>4} {'total s':>9} {'docs/s':>9} {'median ms/doc':>14} {'x baseline':>10}")
    for name, total, med, runs in rows:
        print(
            f"{name:42} {runs:>4} {total:9.2f} {len(docs) / total:9.0f} {med * 1000:14.3f} {med / base:10.1f}"
        )
    print(f"register outcomes: {outcomes}")


if __name__ == "__main__":
    main()
