"""The whole patent map in one call: corpus -> both taxonomies' group maps -> indicators -> outputs.

Both decisions are always classified (one matching pass: their groups share query packs), so every report can
show the crosswalk; ``taxonomy`` picks the map the report is about.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ipoffice.patentmap.classify import GroupMap, group_map, match_packs, read_labels, reconcile, score_labels
from ipoffice.patentmap.corpus import Corpus, load_corpus
from ipoffice.patentmap.indicators import Indicators, compute, default_as_of
from ipoffice.patentmap.taxonomy import BUILTIN, Taxonomy, load_crosswalk, load_taxonomy
from ipoffice.patentmap.techmap import technology_map

Step = Callable[[str], None]


def _quiet(step: str) -> None:
    return None


@dataclass
class PatentMap:
    corpus: Corpus
    taxonomy: Taxonomy
    gmap: GroupMap
    other: GroupMap | None
    indicators: Indicators
    crosswalk: pd.DataFrame | None
    precision: pd.DataFrame | None
    created: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    def sources(self) -> pd.DataFrame:
        f = self.corpus.families
        g = f.groupby("source")
        out = pd.DataFrame({
            "families": g.size(),
            "first_year": g["priority_year"].min(),
            "last_date": g["priority_date"].max().dt.date,
            "priority_dated_share": g["date_basis"].apply(lambda s: (s == "priority").mean()),
        }).reset_index()
        return out


def build_map(corpus_paths: Iterable[str | Path] | None, taxonomy: str = "21-2026", *, as_of: dt.date | None = None,
              labels: Iterable[Path] = (), client: Any = None, step: Step = _quiet,
              corpus: Corpus | None = None) -> PatentMap:
    """Read the corpus (or the demo office's patents), classify by both decisions, compute the indicators."""
    if corpus is None:
        step("corpus")
        corpus = load_corpus(list(corpus_paths or []))
    step("classify")
    tax = load_taxonomy(taxonomy)
    others = [k for k in BUILTIN if k != tax.id] if tax.id in BUILTIN else []
    other_tax = load_taxonomy(others[0]) if others else None
    packs = dict(tax.packs)
    if other_tax:
        packs.update(other_tax.packs)
    plist = list(packs.values())
    if client is not None:
        from ipoffice.patentmap.distributed import match_packs_dask

        matches = match_packs_dask(corpus.families, plist, client)
    else:
        matches = match_packs(corpus.families, plist)
    gmap = group_map(tax, corpus.families, matches)
    other = group_map(other_tax, corpus.families, matches) if other_tax else None
    cw = None
    if other is not None:
        old, new = (other, gmap) if tax.id == "21-2026" else (gmap, other)
        cw = reconcile(old, new, load_crosswalk())
    step("techmap")
    points, clusters = technology_map(gmap)
    step("indicators")
    ind = compute(gmap, as_of or default_as_of(corpus.families), points, clusters)
    label_files = list(labels)
    precision = score_labels(read_labels(label_files)) if label_files else None
    return PatentMap(corpus, tax, gmap, other, ind, cw, precision)


def write_tables(pm: PatentMap, out: Path) -> list[Path]:
    """Every indicator table, the family table, the membership and the rejected rows as CSV and Parquet."""
    tables = out / "tables"
    tables.mkdir(parents=True, exist_ok=True)
    frames: dict[str, pd.DataFrame] = dict(pm.indicators.tables)
    frames["families"] = pm.corpus.families
    frames["membership"] = pm.gmap.members.drop(columns="row").assign(taxonomy=pm.taxonomy.id)
    frames["sources"] = pm.sources()
    frames["rejected"] = pd.DataFrame([r.__dict__ for r in pm.corpus.rejected],
                                      columns=["file", "row", "field", "problem", "dropped"])
    frames["files"] = pd.DataFrame([r.__dict__ for r in pm.corpus.files])
    if pm.crosswalk is not None:
        frames["crosswalk"] = pm.crosswalk
    if pm.precision is not None:
        frames["precision"] = pm.precision
    written = []
    for name, frame in frames.items():
        csv_path = tables / f"{name}.csv"
        frame.to_csv(csv_path, index=False)
        pq = frame.copy()
        for col in pq.columns:
            if pq[col].dtype == object:
                pq[col] = pq[col].map(lambda v: v if v is None or isinstance(v, str) else str(v))
        pq.to_parquet(tables / f"{name}.parquet", index=False)
        written += [csv_path, tables / f"{name}.parquet"]
    return written
