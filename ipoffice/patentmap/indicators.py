"""Landscape indicators per strategic group (research note §3.4), all counted in patent families.

Every table says which taxonomy it uses; groups whose definition is doubtful carry ``verify``. Dates: the
"priority year" is the earliest priority year where the source gives it, else the application, publication or
grant year (``date_basis`` says which). The last 18 months before ``as_of`` are incomplete (publication lag).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ipoffice.patentmap.classify import GroupMap
from ipoffice.patentmap.corpus import LIST_SEP

INCOMPLETE_MONTHS = 18


@dataclass
class Indicators:
    """Every number the report shows, as tables (each also written as CSV and Parquet)."""

    taxonomy_id: str
    as_of: dt.date
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]


def _joined(gmap: GroupMap, columns: list[str]) -> pd.DataFrame:
    m = gmap.members[["row", "group", "matched_by"]]
    f = gmap.families[columns].iloc[m["row"].to_numpy()].reset_index(drop=True)
    return pd.concat([m.reset_index(drop=True), f], axis=1)


def origin(families: pd.DataFrame) -> pd.Series:
    """Origin country of a family ("??" when unknown).

    The corpus sets ``applicant_country`` to the applicant's country, else the first-filing (priority) country
    unless that is a regional or international office (EP, WO, ...), which is no country of origin.
    """
    return families["applicant_country"].fillna("").replace("", "??")


def incomplete_from(as_of: dt.date) -> dt.date:
    """First day of the incomplete window (18 months before ``as_of``)."""
    months = as_of.year * 12 + as_of.month - 1 - INCOMPLETE_MONTHS
    return dt.date(months // 12, months % 12 + 1, min(as_of.day, 28))


def default_as_of(families: pd.DataFrame, min_share: float = 0.05) -> dt.date:
    """The corpus's coverage cut-off: the earliest end date among its main sources.

    Sources exported at different times end at different dates (a 2015 export has nothing after 2015). After
    the first main source (>= 5 % of dated families) ends, counts fall for want of data, not of inventions, so
    the trend is marked incomplete from 18 months before that date.
    """
    dated = families[families["priority_date"].notna()]
    if dated.empty:
        return dt.date.today()
    ends = dated.groupby(dated["source"].str.split("+").str[0])["priority_date"].agg(["max", "size"])
    main = ends[ends["size"] >= min_share * len(dated)]
    latest = (main if len(main) else ends)["max"].min()
    return latest.date()


def group_labels(gmap: GroupMap, lang: str) -> dict[str, str]:
    return {g.id: g.label(lang) + (" [verify]" if g.verify else "") for g in gmap.taxonomy.groups}


def trend(gmap: GroupMap, as_of: dt.date) -> pd.DataFrame:
    j = _joined(gmap, ["priority_year", "date_basis"])
    j = j[j["priority_year"].notna()]
    t = j.groupby(["group", "priority_year"]).size().rename("families").reset_index()
    basis = j.assign(is_priority=j["date_basis"] == "priority").groupby(["group", "priority_year"])["is_priority"].mean()
    t["priority_dated_share"] = basis.to_numpy()
    cut = incomplete_from(as_of)
    t["priority_year"] = t["priority_year"].astype(int)
    t["incomplete"] = t["priority_year"].map(lambda y: dt.date(int(y), 12, 31) >= cut)
    return t


def cagr(series: pd.Series, years: int) -> tuple[float, int, int]:
    """Compound annual growth over the last ``years`` complete years of a year-indexed count."""
    s = series.sort_index()
    if len(s) < 2:
        return (math.nan, 0, 0)
    end = int(s.index.max())
    start = end - years
    first, last = float(s.get(start, 0)), float(s.get(end, 0))
    if first <= 0 or last <= 0:
        return (math.nan, start, end)
    return ((last / first) ** (1 / years) - 1, start, end)


def growth(gmap: GroupMap, tr: pd.DataFrame, years: int = 5) -> pd.DataFrame:
    complete = tr[~tr["incomplete"]]
    rows = []
    all_years = gmap.families[["priority_year"]].dropna().value_counts().rename_axis(["priority_year"])
    all_series = pd.Series(all_years.to_numpy(), index=[int(i[0]) for i in all_years.index])
    last_complete = int(complete["priority_year"].max()) if len(complete) else None
    if last_complete is not None:
        all_series = all_series[all_series.index <= last_complete]
    corpus_rate, _, _ = cagr(all_series, years)
    for g in gmap.taxonomy.groups:
        s = complete[complete["group"] == g.id].set_index("priority_year")["families"]
        if last_complete is not None:
            s = s.reindex(range(int(s.index.min()) if len(s) else last_complete, last_complete + 1), fill_value=0)
        rate, start, end = cagr(s, years)
        rows.append({"group": g.id, "cagr": rate, "from_year": start, "to_year": end, "corpus_cagr": corpus_rate,
                     "families_last_complete_year": int(s.get(end, 0)) if len(s) else 0})
    return pd.DataFrame(rows)


def applicants(gmap: GroupMap, top: int = 10) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(top applicants per group with type, applicant-type shares per group) - first-named applicant per family."""
    j = _joined(gmap, ["applicants", "applicant_names", "applicant_types"])
    rows = []
    for col_keys, col_names, col_types in zip(j["applicants"], j["applicant_names"], j["applicant_types"], strict=True):
        keys, names, types = col_keys.split(LIST_SEP), col_names.split(LIST_SEP), col_types.split(LIST_SEP)
        rows.append(list(zip(keys, names, types, strict=False)))
    j = j.assign(parties=rows).explode("parties")
    j = j[j["parties"].notna()]
    parts = pd.DataFrame(j["parties"].tolist(), columns=["applicant", "name", "type"], index=j.index)
    j = pd.concat([j[["group", "row"]], parts], axis=1)
    j = j[j["applicant"] != ""]
    counts = j.groupby(["group", "applicant"]).agg(families=("row", "nunique"), name=("name", "first"),
                                                   type=("type", "first")).reset_index()
    counts = counts.sort_values(["group", "families", "applicant"], ascending=[True, False, True])
    top_t = counts.groupby("group").head(top).reset_index(drop=True)
    types = j.drop_duplicates(["group", "row", "type"]).groupby(["group", "type"]).size().rename("families").reset_index()
    return top_t, types


def flows(gmap: GroupMap) -> pd.DataFrame:
    j = _joined(gmap, ["applicant_country", "priority_country", "offices"])
    j["origin"] = origin(j)
    j["office"] = j["offices"].str.split(LIST_SEP)
    j = j.explode("office")
    j["office"] = j["office"].fillna("").replace("", "??")
    return j.groupby(["group", "origin", "office"]).size().rename("families").reset_index()


def countries(gmap: GroupMap) -> pd.DataFrame:
    """Families per group and origin country (each family once; unknown origin = "??")."""
    j = _joined(gmap, ["applicant_country", "priority_country"])
    j["origin"] = origin(j)
    return j.groupby(["group", "origin"]).size().rename("families").reset_index()


def vietnam(gmap: GroupMap) -> pd.DataFrame:
    j = _joined(gmap, ["vn_resident", "vn_office"])
    rows = []
    for g in gmap.taxonomy.groups:
        part = j[j["group"] == g.id]
        n = len(part)
        res = int(part["vn_resident"].sum())
        foreign_in = int((part["vn_office"] & ~part["vn_resident"]).sum())
        rows.append({"group": g.id, "families": n, "vn_resident": res, "vn_resident_share": res / n if n else math.nan,
                     "foreign_filings_into_vn": foreign_in})
    return pd.DataFrame(rows)


def rta(gmap: GroupMap, min_families: int = 5) -> pd.DataFrame:
    """Revealed technological advantage: (P_ct / P_c) / (P_t / P), P over the whole corpus; > 1 = specialised."""
    fam_origin = origin(gmap.families)
    p_c = fam_origin.value_counts()
    p_all = len(gmap.families)
    c = countries(gmap)
    p_t = c.groupby("group")["families"].sum()
    c = c[(c["origin"] != "??") & c["origin"].map(lambda o: p_c.get(o, 0) >= min_families)]
    c = c.assign(country_families=c["origin"].map(p_c).to_numpy(), group_families=c["group"].map(p_t).to_numpy())
    c["rta"] = (c["families"] / c["country_families"]) / (c["group_families"] / p_all)
    return c.reset_index(drop=True)


def coclassification(gmap: GroupMap, top_nodes: int = 25) -> tuple[pd.DataFrame, pd.DataFrame]:
    """IPC/CPC subclasses as nodes, families sharing two subclasses as weighted edges, per group."""
    j = _joined(gmap, ["ipc", "cpc"])
    subs = (j["ipc"] + LIST_SEP + j["cpc"]).map(
        lambda s: sorted({x[:4] for x in s.split(LIST_SEP) if len(x) >= 4 and not x.startswith("Y")}))
    j = j.assign(subclasses=subs)
    node_rows, edge_rows = [], []
    for gid, part in j.groupby("group"):
        counts = part["subclasses"].explode().dropna().value_counts()
        keep = set(counts.head(top_nodes).index)
        for s, n in counts.head(top_nodes).items():
            node_rows.append({"group": gid, "subclass": s, "families": int(n)})
        pairs: dict[tuple[str, str], int] = {}
        for lst in part["subclasses"]:
            k = [x for x in lst if x in keep]
            for a in range(len(k)):
                for b in range(a + 1, len(k)):
                    pairs[(k[a], k[b])] = pairs.get((k[a], k[b]), 0) + 1
        n_fam = len(part)
        for (src, dst), w in pairs.items():
            expected = counts[src] * counts[dst] / n_fam if n_fam else 0
            edge_rows.append({"group": gid, "source": src, "target": dst, "families": w, "expected": expected})
    nodes = pd.DataFrame(node_rows, columns=["group", "subclass", "families"])
    edges = pd.DataFrame(edge_rows, columns=["group", "source", "target", "families", "expected"])
    return nodes, edges


def white_spaces(gmap: GroupMap, nodes: pd.DataFrame, edges: pd.DataFrame, vn: pd.DataFrame,
                 clusters: pd.DataFrame | None = None, min_expected: float = 3.0) -> pd.DataFrame:
    """Candidate white spaces: frequent subclass pairs that rarely meet, and areas with no Vietnamese applicant."""
    rows = []
    for gid, part in nodes.groupby("group"):
        top = part.head(12)
        n_fam = len(gmap.group_rows(str(gid)))
        e = edges[edges["group"] == gid].set_index(["source", "target"])["families"]
        subs = sorted(top["subclass"])
        cnt = top.set_index("subclass")["families"]
        for a in range(len(subs)):
            for b in range(a + 1, len(subs)):
                sa, sb = subs[a], subs[b]
                expected = cnt[sa] * cnt[sb] / n_fam if n_fam else 0
                seen = int(e.get((sa, sb), 0))
                if expected >= min_expected and seen <= 0.2 * expected:
                    rows.append({"group": gid, "kind": "rare code pair", "where": f"{sa} + {sb}",
                                 "observed": seen, "expected": round(expected, 1)})
    for _, r in vn.iterrows():
        if r["families"] > 0 and r["vn_resident"] == 0:
            rows.append({"group": r["group"], "kind": "no Vietnamese applicant", "where": "whole group",
                         "observed": 0, "expected": float("nan")})
    if clusters is not None:
        for _, c in clusters.iterrows():
            if c.get("vn_resident", 0) == 0 and c["families"] >= 20:
                rows.append({"group": c["main_group"], "kind": "no Vietnamese applicant",
                             "where": f"cluster {c['cluster']}: {c['label']}", "observed": 0, "expected": float("nan")})
    return pd.DataFrame(rows, columns=["group", "kind", "where", "observed", "expected"])


def value_signals(gmap: GroupMap, top: int = 10) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Citation and family-size signals: age-normalised forward citations, international families, top cited."""
    f = gmap.families
    cited = f["cited_by"].astype("Float64")
    cohort = f["source"] + ":" + f["priority_year"].astype("string").fillna("?")
    mean = cited.groupby(cohort).transform("mean")
    norm = (cited / mean.where(mean > 0)).astype("Float64")
    p90 = cited.groupby(cohort).transform(lambda s: s.quantile(0.9) if s.notna().any() else np.nan)
    top_decile = (cited >= p90) & cited.notna() & (cited > 0)
    intl = (f["n_offices"].fillna(0) >= 2) | (f["family_size"].fillna(0) >= 2)
    m = gmap.members[["row", "group"]]
    r = m["row"].to_numpy()
    j = pd.DataFrame({"group": m["group"].to_numpy(), "cited": cited.to_numpy()[r], "norm": norm.to_numpy()[r],
                      "top": top_decile.to_numpy()[r], "intl": intl.to_numpy()[r],
                      "size": f["family_size"].astype("Float64").to_numpy()[r], "row": r})
    rows = []
    for g in gmap.taxonomy.groups:
        part = j[j["group"] == g.id]
        known = part[pd.notna(part["cited"])]
        rows.append({"group": g.id, "families": len(part), "with_citation_data": len(known),
                     "mean_forward_citations": float(known["cited"].mean()) if len(known) else math.nan,
                     "mean_age_normalised_citations": float(pd.to_numeric(known["norm"]).mean()) if len(known) else math.nan,
                     "top_decile_cited_share": float(known["top"].mean()) if len(known) else math.nan,
                     "international_family_share": float(part["intl"].mean()) if len(part) else math.nan,
                     "mean_family_size": float(pd.to_numeric(part["size"]).mean()) if len(part) else math.nan})
    best = j[pd.notna(j["cited"])].sort_values(["group", "cited"], ascending=[True, False]).groupby("group").head(top)
    best = best.assign(family_id=f["family_id"].to_numpy()[best["row"].to_numpy()],
                       title=f["title"].to_numpy()[best["row"].to_numpy()],
                       applicant=f["applicant_names"].to_numpy()[best["row"].to_numpy()])
    return pd.DataFrame(rows), best[["group", "family_id", "title", "applicant", "cited", "norm"]].reset_index(drop=True)


def compute(gmap: GroupMap, as_of: dt.date | None = None, techmap: pd.DataFrame | None = None,
            clusters: pd.DataFrame | None = None) -> Indicators:
    """All indicators of one group map."""
    as_of = as_of or default_as_of(gmap.families)
    out = Indicators(gmap.taxonomy.id, as_of)
    t = out.tables
    groups = pd.DataFrame([{"group": g.id, "name_vi": g.name.vi, "name_en": g.name.en, "packs": ";".join(g.packs),
                            "verify": g.verify or any(gmap.taxonomy.packs[p].verify for p in g.packs)}
                           for g in gmap.taxonomy.groups])
    t["groups"] = groups.merge(gmap.counts().drop(columns="verify"), on="group")
    t["trend"] = trend(gmap, as_of)
    t["growth"] = growth(gmap, t["trend"])
    t["top_applicants"], t["applicant_types"] = applicants(gmap)
    t["countries"] = countries(gmap)
    t["flows"] = flows(gmap)
    t["vietnam"] = vietnam(gmap)
    t["rta"] = rta(gmap)
    t["network_nodes"], t["network_edges"] = coclassification(gmap)
    t["value"], t["top_cited"] = value_signals(gmap)
    if techmap is not None and clusters is not None:
        t["techmap"], t["clusters"] = techmap, clusters
    t["white_spaces"] = white_spaces(gmap, t["network_nodes"], t["network_edges"], t["vietnam"], clusters)
    for name, frame in t.items():
        if "taxonomy" not in frame.columns:
            frame.insert(0, "taxonomy", gmap.taxonomy.id)
        t[name] = frame
    return out
