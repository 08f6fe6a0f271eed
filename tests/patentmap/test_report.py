"""Indicators reconcile, the report is offline and bilingual, tables are CSV + Parquet, the CLI works end to end."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
from typer.testing import CliRunner

from ipoffice.cli import app
from ipoffice.patentmap.classify import match_packs
from ipoffice.patentmap.corpus import load_corpus
from ipoffice.patentmap.indicators import cagr, incomplete_from
from ipoffice.patentmap.pipeline import write_tables
from ipoffice.patentmap.report import render_html, write_pdf


def test_group_counts_reconcile_by_country_type_and_year(real_map):
    ind = real_map.indicators
    groups = ind["groups"].set_index("group")["families"]
    by_country = ind["countries"].groupby("group")["families"].sum()
    pd.testing.assert_series_equal(by_country.reindex(groups.index), groups, check_names=False)
    trend = ind["trend"].groupby("group")["families"].sum()
    undated = real_map.gmap.members.assign(
        y=real_map.corpus.families["priority_year"].to_numpy()[real_map.gmap.members["row"].to_numpy()])
    dated = undated[undated["y"].notna()].groupby("group").size()
    pd.testing.assert_series_equal(trend.reindex(dated.index), dated, check_names=False)
    # the value table counts the same families
    assert (ind["value"].set_index("group")["families"].reindex(groups.index) == groups).all()
    assert (real_map.crosswalk["missing"] == 0).all()


def test_incomplete_window_rta_and_vietnam(real_map):
    ind = real_map.indicators
    # the earliest main source (PATENTSCOPE pizza, exported March 2015) sets the cut-off
    assert ind.as_of == dt.date(2015, 2, 27)
    assert incomplete_from(ind.as_of) == dt.date(2013, 8, 27)
    t = ind["trend"]
    assert t.loc[t["priority_year"] >= 2013, "incomplete"].all() and not t.loc[t["priority_year"] <= 2012, "incomplete"].any()
    rta = ind["rta"]
    assert not set(rta["origin"]) & {"EP", "WO", "IB", "??"}  # offices of no country are no origin
    us_aero = rta[(rta["origin"] == "US") & (rta["group"] == "9")].iloc[0]
    expected = (us_aero["families"] / us_aero["country_families"]) / (us_aero["group_families"] / len(real_map.corpus.families))
    assert np.isclose(us_aero["rta"], expected)
    assert (ind["vietnam"]["vn_resident"] == 0).all()  # no Vietnamese data in the real corpora: said, not hidden
    assert (ind["white_spaces"]["kind"] == "no Vietnamese applicant").any()
    assert len(ind["clusters"]) >= 3 and ind["clusters"]["label"].str.len().min() > 3


def test_cagr():
    s = pd.Series({2010: 100, 2011: 120, 2012: 150, 2013: 160, 2014: 180, 2015: 200})
    rate, start, end = cagr(s, 5)
    assert (start, end) == (2010, 2015) and np.isclose(rate, 2 ** (1 / 5) - 1)


def test_html_is_offline_bilingual_and_marks_doubtful_rows(real_map):
    vi = render_html(real_map, "vi", "report.en.html")
    en = render_html(real_map, "en", "report.vi.html")
    for page in (vi, en):
        assert "<script src=" not in page and "<script type='text/javascript'>/**" in page  # plotly.js inline
        assert "Plotly.newPlot" in page and "[verify]" in page
    assert "Bản đồ sáng chế các nhóm công nghệ chiến lược" in vi and "Đường sắt tốc độ cao" in vi
    assert "Patent map of the strategic technology groups" in en and "High-speed rail" in en
    assert "Quyết định 21/2026/QĐ-TTg" in vi
    assert "Điểm chính" in vi and "Key findings" in en and "Largest group: 9. Aviation and space [verify]" in en
    assert json.dumps("Mã và từ khóa")[1:-1] in vi  # how families were found, in words (inside the chart JSON)


def test_tables_as_csv_and_parquet_and_a_pdf(real_map, tmp_path):
    written = write_tables(real_map, tmp_path)
    names = {p.stem for p in written}
    assert {"groups", "trend", "growth", "top_applicants", "flows", "vietnam", "rta", "network_edges", "techmap",
            "clusters", "white_spaces", "value", "top_cited", "families", "membership", "rejected", "crosswalk"} <= names
    for stem in ("groups", "flows", "membership"):
        csv = pd.read_csv(tmp_path / "tables" / f"{stem}.csv")
        pq = pd.read_parquet(tmp_path / "tables" / f"{stem}.parquet")
        assert len(csv) == len(pq) and list(csv.columns) == list(pq.columns)
    pdf = write_pdf(real_map, tmp_path / "report.pdf", "en")
    assert pdf.read_bytes()[:4] == b"%PDF" and pdf.stat().st_size > 20_000


def test_cli_builds_a_map_from_two_exports(shared_data, tmp_path):
    out = tmp_path / "map"
    pats = shared_data / "patents"
    res = CliRunner().invoke(app, ["patent-map", "--taxonomy", "1131-2025", "--corpus", str(pats / "patentscope-pizza-ritonavir" / "ritonavir.csv"),
                                   "--corpus", str(pats / "lens-drones" / "drones_tac_1606_families.csv"), "--out", str(out),
                                   "--no-pdf"],
                             env={"IPOFFICE_LANG": "en"})
    assert res.exit_code == 0, res.output
    assert (out / "report.vi.html").is_file() and (out / "report.en.html").is_file()
    groups = pd.read_csv(out / "tables" / "groups.csv")
    assert list(groups["taxonomy"].unique()) == ["1131-2025"] and len(groups) == 11
    assert groups.set_index("group").loc[11, "families"] > 500  # drones -> aerospace


def test_cli_user_errors_are_messages_not_traces(tmp_path):
    runner = CliRunner()
    res = runner.invoke(app, ["patent-map", "--corpus", str(tmp_path / "nope.csv"), "--out", str(tmp_path)],
                        env={"IPOFFICE_LANG": "en"})
    assert res.exit_code == 2 and "No such patent corpus file or folder" in res.output and "Traceback" not in res.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ngroups: [\n", encoding="utf-8")
    res = runner.invoke(app, ["patent-map", "validate", str(bad)], env={"IPOFFICE_LANG": "vi"})
    assert res.exit_code == 2 and "bad.yaml:" in res.output and "Tệp phân loại" in res.output
    res = runner.invoke(app, ["patent-map", "validate"])
    assert res.exit_code == 0 and "1131-2025" in res.output


def test_demo_office_is_the_default_corpus():
    corpus = load_corpus(None)
    assert len(corpus) > 7000 and set(corpus.families["source"]) == {"patentsview-nvidia", "biopat"}


def test_dask_local_cluster_gives_the_same_classification(real_corpus):
    from ipoffice.patentmap.distributed import local_client, match_packs_dask
    from ipoffice.patentmap.taxonomy import load_taxonomy

    packs = list(load_taxonomy("21-2026").packs.values())
    part = real_corpus.families.iloc[:6000]
    client = local_client(workers=2)
    try:
        remote = match_packs_dask(part, packs, client, partitions=4)
    finally:
        client.close()
    local = match_packs(part, packs)
    for q in ("query_a", "query_b", "query_c"):
        assert np.array_equal(getattr(remote, q), getattr(local, q))
    assert remote.any.sum() > 500


def test_cli_sample_score_and_expand(shared_data, tmp_path):
    runner = CliRunner()
    rit = str(shared_data / "patents" / "patentscope-pizza-ritonavir" / "ritonavir.csv")
    res = runner.invoke(app, ["patent-map", "sample", "-g", "4", "-n", "10", "-c", rit, "-o", str(tmp_path)])
    assert res.exit_code == 0, res.output
    path = tmp_path / "sample_21-2026_group4_seed2026.csv"
    sample = pd.read_csv(path, encoding="utf-8-sig", dtype=str)
    assert len(sample) == 10 and set(sample["group"]) == {"4"}
    sample["label"] = ["1"] * 8 + ["0"] * 2
    sample.to_csv(path, index=False)
    res = runner.invoke(app, ["patent-map", "score", str(path)])
    assert res.exit_code == 0 and "0.8" in res.output
    seeds = tmp_path / "seeds.txt"
    f = load_corpus([rit]).families
    seeds.write_text("\n".join(f.loc[f["title"].str.contains("polymorph", case=False), "family_id"]), encoding="utf-8")
    res = runner.invoke(app, ["patent-map", "expand", str(seeds), "-c", rit])
    assert res.exit_code == 0 and "seed_share" in res.output


def test_network_chart_without_co_classified_families(real_map):
    """A small register may have no family with two subclasses: the chart shows the nodes and no links."""
    from dataclasses import replace

    from ipoffice.patentmap.report import fig_network

    tables = dict(real_map.indicators.tables)
    tables["network_edges"] = pd.DataFrame()
    pm = replace(real_map, indicators=replace(real_map.indicators, tables=tables))
    fig = fig_network(pm, "vi")
    assert len(fig.data) > 0
    assert all(t.mode == "markers+text" for t in fig.data)
