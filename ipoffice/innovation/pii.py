"""The Provincial Innovation Index (PII) of Viet Nam as a configuration of the engine, on the 63 former
provinces or the 34 units of Resolution 202/2025/QH15, and its comparison with the published results.

Merged units are built by re-aggregating numerators and denominators (sums of people and of GRDP), never by
averaging ratios. The framework's indicators are proxies (see ``ipoffice/data/innovation/SOURCE.md``); an
indicator without data is listed in the result's exclusions.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pandas as pd

from ipoffice.core.errors import UserError
from ipoffice.innovation.engine import IndexResult, IndexSpec, build_index, read_data
from ipoffice.innovation.framework import Framework

DATA = "ipoffice.data.innovation"


def _data_path(name: str) -> Path:
    return Path(str(resources.files(DATA).joinpath(name)))


POPULATION_TABLE = "vn_province_population_area_2011_2022.csv.gz"
GRDP_TABLE = "vn_province_grdp_per_capita_2018_2022.csv.gz"
PUBLISHED_TABLE = "pii_published_results_press.csv"


def shipped_tables() -> tuple[Path, Path]:
    """The GSO population/area and GRDP-per-capita tables of the 63 former provinces shipped with the package
    (see ``ipoffice/data/innovation/NOTICE``): the defaults of ``ipoffice innovation pii`` on a fresh install."""
    return _data_path(POPULATION_TABLE), _data_path(GRDP_TABLE)


def shipped_published() -> Path:
    """The published PII results (press transcriptions, one source address per row)."""
    return _data_path(PUBLISHED_TABLE)


def pii_framework() -> Framework:
    """The PII framework shipped with the package (7 pillars, input and output sub-indices)."""
    return Framework.from_csv(_data_path("pii_framework.csv"), name="PII")


def crosswalk() -> pd.DataFrame:
    """63 former provinces (GSO code) → 34 new units (Resolution 202/2025/QH15, in force 1 July 2025)."""
    return pd.read_csv(_data_path("province_crosswalk_63_to_34.csv"))


def unit_key(name: str) -> str:
    """A spelling-independent key for a province name: no accents, no "(city)", no "Thanh pho/Tinh",
    aliases for Ho Chi Minh and Hue; e.g. "TP. Hồ Chí Minh" and "Ho Chi Minh City" → "hochiminh"."""
    s = str(name).replace("đ", "d").replace("Đ", "D")
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"\(.*?\)", "", s)
    s = re.sub(r"\b(thanh pho|tp\.?|tinh|city|province|old)\b", "", s)
    s = re.sub(r"[^a-z]", "", s)
    return {"thuathienhue": "hue", "hcm": "hochiminh"}.get(s, s)


def province_table(population_csv: str | Path, grdp_csv: str | Path, year: int) -> pd.DataFrame:
    """One row per former province for ``year``: population (thousand), area, GRDP per capita (million VND)
    and its growth on the previous year (GSO tables in the layout of ../shared/data/econ/vn_provinces)."""
    pop = read_data(population_csv)
    grdp = read_data(grdp_csv)
    p = pop[pop["year"] == year].set_index("gso_code")
    g = grdp.pivot_table(index="gso_code", columns="year", values="grdp_per_capita_mln_vnd")
    if p.empty or year not in g.columns:
        raise UserError("innovation.growth.no_data", field="year", what=f"provinces in {year}")
    out = pd.DataFrame(
        {
            "uName": p["province"],
            "Population": p["avg_population_thousand"],
            "Area": p["area_km2"],
            "Imp_GRDPpc": g[year].reindex(p.index),
        }
    )
    if year - 1 in g.columns:
        out["Imp_GRDPgrowth"] = (g[year] / g[year - 1] - 1).reindex(p.index) * 100
    out.index.name = "gso_code"
    return out


def to_new_units(
    table63: pd.DataFrame, per_capita: tuple[str, ...] = ("Imp_GRDPpc",), counts: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Re-base a 63-province table (index = GSO code) on the 34 units: populations, areas and ``counts`` are
    summed; ``per_capita`` columns are rebuilt as Σ(value × population) / Σ population. Growth columns are
    recomputed by the caller from re-based levels (averaging growth rates would be wrong)."""
    cw = crosswalk().set_index("old_gso_code")
    missing = sorted(set(table63.index) - set(cw.index))
    if missing:
        raise UserError("innovation.data.unknown_units", field="gso_code", units=", ".join(map(str, missing)))
    t = table63.join(cw["new_unit"])
    agg: dict[str, pd.Series] = {}
    grp = t.groupby("new_unit")
    agg["Population"] = grp["Population"].sum(min_count=1)
    if "Area" in t.columns:
        agg["Area"] = grp["Area"].sum(min_count=1)
    for c in counts:
        agg[c] = grp[c].sum(min_count=1)
    for c in per_capita:
        num = (t[c] * t["Population"]).groupby(t["new_unit"]).sum(min_count=1)
        agg[c] = num / agg["Population"]
    out = pd.DataFrame(agg)
    out["n_members"] = grp.size()
    out["uName"] = out.index
    return out


def pii_data(
    population_csv: str | Path,
    grdp_csv: str | Path,
    year: int,
    units: str = "63",
    extra: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The data table for :func:`build_pii`: the GSO tables (plus ``extra`` columns, e.g. the office's
    filings by province, indexed by GSO code) on 63 or 34 units."""
    t = province_table(population_csv, grdp_csv, year)
    counts: tuple[str, ...] = ()
    if extra is not None:
        t = t.join(extra, how="left")
        counts = tuple(c for c in extra.columns if c.startswith("KT_"))
    if units == "34":
        new = to_new_units(t.drop(columns=["Imp_GRDPgrowth"], errors="ignore"), counts=counts)
        if "Imp_GRDPgrowth" in t.columns:
            prev = province_table(population_csv, grdp_csv, year - 1)
            old = to_new_units(prev)
            new["Imp_GRDPgrowth"] = (new["Imp_GRDPpc"] / old["Imp_GRDPpc"].reindex(new.index) - 1) * 100
        t = new
        t.insert(0, "uCode", t.index.map(unit_key))
    elif units == "63":
        t.insert(0, "uCode", t["uName"].map(unit_key))
    else:
        raise UserError(
            "innovation.spec.bad_option", field="units", option="units", value=units, allowed="63, 34"
        )
    # the office register's counts are per million people (population is in thousands)
    for c in counts:
        t[c] = t[c] / t["Population"] * 1000
    return t.reset_index(drop=True)


def build_pii(data: pd.DataFrame, spec: IndexSpec | None = None) -> IndexResult:
    """Compute the PII from the available data (GII-style defaults, efficiency = Output / Input)."""
    fw = pii_framework()
    # the KT_* counts in pii_data are already per million people: do not divide again
    spec = spec or IndexSpec(efficiency=("Output", "Input"), denominate=False)
    return build_index(fw, data, spec)


@dataclass
class PublishedComparison:
    table: pd.DataFrame  # unit, published rank/score, our rank/score
    spearman: float
    n_matched: int
    unmatched: list[str]

    def summary(self) -> str:
        return "\n".join(
            [
                f"Comparison with the published PII: {self.n_matched} units matched, Spearman rho of ranks = "
                f"{self.spearman:.2f}",
                self.table.round(2).to_string(index=False),
                f"Unmatched published names: {', '.join(self.unmatched) or '-'}",
            ]
        )


def compare_with_published(result: IndexResult, press_csv: str | Path, edition: int) -> PublishedComparison:
    """Match our ranks to the published PII press table (top and bottom units) by name."""
    from scipy.stats import spearmanr

    press = read_data(press_csv)
    press = press[press["edition"] == edition].copy()
    press["key"] = press["unit"].map(unit_key)
    root = result.framework.root
    ours = pd.DataFrame({"our_score": result.scores[root], "our_rank": result.ranks[root]})
    merged = press.merge(ours, left_on="key", right_index=True, how="left")
    unmatched = merged.loc[merged["our_rank"].isna(), "unit"].tolist()
    m = merged.dropna(subset=["our_rank"])
    rho = float(spearmanr(m["rank"], m["our_rank"]).statistic) if len(m) > 2 else float("nan")
    table = merged[["unit", "rank", "score", "our_rank", "our_score"]].rename(
        columns={"rank": "published_rank", "score": "published_score"}
    )
    return PublishedComparison(table, rho, len(m), unmatched)


def indicators_without_data(result: IndexResult) -> list[str]:
    """Indicators of the framework that had no data in this build."""
    return [e.code for e in result.exclusions if e.kind == "indicator" and e.reason == "no data"]
