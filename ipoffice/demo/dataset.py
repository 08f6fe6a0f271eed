"""The shipped demo set (``ipoffice/data/demo``) read into typed records.

The files are read with :mod:`importlib.resources`, so the demo works from an installed package without the
development checkout's ``../shared`` folder. See ``ipoffice/data/demo/NOTICE.md`` for sources and licences.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from typing import Any

DEMO_PACKAGE = "ipoffice.data.demo"
PATENTS_FILE = "patents.jsonl.gz"
TRADEMARKS_FILE = "trademarks.jsonl.gz"


@dataclass(frozen=True)
class Party:
    name: str
    country: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class PatentRecord:
    """A real US patent: identifiers, text, classification and people as published (dates are the source's)."""

    source: str
    id: str
    patent_type: str  # PatentsView: utility, design, reissue
    title: str
    abstract: str | None
    grant_date: date | None
    kind_code: str | None = None
    num_claims: int | None = None
    withdrawn: bool = False
    cpc: tuple[str, ...] = ()
    ipc: tuple[str, ...] = ()  # derived IPC main groups (see NOTICE.md)
    applicants: tuple[Party, ...] = ()
    inventors: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """A unique key across sources (the same US number can appear in two sources)."""
        return f"{self.source}:{self.id}"

    @property
    def publication_number(self) -> str:
        return f"US{self.id}{self.kind_code or ''}"


@dataclass(frozen=True)
class GoodsClass:
    nice_class: int
    goods: tuple[str, ...]


@dataclass(frozen=True)
class Priority:
    country: str | None
    number: str | None
    date: date | None


@dataclass(frozen=True)
class TrademarkRecord:
    """A real mark (EUIPO or USPTO); ``goods_generated`` says its classes were assigned from the Nice list."""

    source: str
    id: str
    mark_text: str | None
    mark_feature: str  # word, combined, figurative
    filing_date: date
    classes: tuple[GoodsClass, ...]
    goods_generated: bool
    registration_date: date | None = None
    vienna: tuple[str, ...] = ()
    applicant: str | None = None
    applicant_country: str | None = None
    owners: tuple[Party, ...] = ()
    priority: Priority | None = None

    @property
    def key(self) -> str:
        return f"{self.source}:{self.id}"

    @property
    def nice_classes(self) -> tuple[int, ...]:
        return tuple(c.nice_class for c in self.classes)


@dataclass(frozen=True)
class DemoSet:
    patents: tuple[PatentRecord, ...]
    trademarks: tuple[TrademarkRecord, ...]
    counts: dict[str, int] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.patents) + len(self.trademarks)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def _lines(name: str) -> Iterator[dict[str, Any]]:
    with (
        resources.files(DEMO_PACKAGE).joinpath(name).open("rb") as raw,
        gzip.open(raw, "rt", encoding="utf-8") as fh,
    ):
        for line in fh:
            if line.strip():
                yield json.loads(line)


def patent_from_dict(row: dict[str, Any]) -> PatentRecord:
    return PatentRecord(
        source=row["source"],
        id=row["id"],
        patent_type=row["patent_type"],
        title=row["title"],
        abstract=row.get("abstract"),
        grant_date=_date(row.get("grant_date")),
        kind_code=row.get("kind_code"),
        num_claims=row.get("num_claims"),
        withdrawn=bool(row.get("withdrawn")),
        cpc=tuple(row.get("cpc") or ()),
        ipc=tuple(row.get("ipc") or ()),
        applicants=tuple(Party(a["name"], a.get("country")) for a in row.get("applicants") or ()),
        inventors=tuple(row.get("inventors") or ()),
    )


def trademark_from_dict(row: dict[str, Any]) -> TrademarkRecord:
    pr = row.get("priority")
    filing = _date(row["filing_date"])
    assert filing is not None
    return TrademarkRecord(
        source=row["source"],
        id=row["id"],
        mark_text=row.get("mark_text"),
        mark_feature=row.get("mark_feature") or ("word" if row.get("mark_text") else "figurative"),
        filing_date=filing,
        classes=tuple(GoodsClass(int(c["nice_class"]), tuple(c.get("goods") or ())) for c in row["classes"]),
        goods_generated=bool(row.get("goods_generated")),
        registration_date=_date(row.get("registration_date")),
        vienna=tuple(row.get("vienna") or ()),
        applicant=row.get("applicant"),
        applicant_country=row.get("applicant_country"),
        owners=tuple(Party(o["name"], o.get("country"), o.get("role")) for o in row.get("owners") or ()),
        priority=Priority(pr.get("country"), pr.get("number"), _date(pr.get("date"))) if pr else None,
    )


def iter_patents() -> Iterator[PatentRecord]:
    for row in _lines(PATENTS_FILE):
        yield patent_from_dict(row)


def iter_trademarks() -> Iterator[TrademarkRecord]:
    for row in _lines(TRADEMARKS_FILE):
        yield trademark_from_dict(row)


def manifest() -> dict[str, Any]:
    text = resources.files(DEMO_PACKAGE).joinpath("manifest.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def load_demo_set() -> DemoSet:
    """The whole shipped set (about 27,000 records; a second or two)."""
    return DemoSet(tuple(iter_patents()), tuple(iter_trademarks()), dict(manifest()["counts"]))
