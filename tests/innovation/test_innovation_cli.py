"""The command line: ``ipoffice innovation index|pii|impact`` write HTML and PDF in vi and en plus CSV; user errors
are a message, never a trace."""

from __future__ import annotations

import pandas as pd
import typer
from typer.testing import CliRunner

from ipoffice.cli import _OfficeGroup
from ipoffice.innovation.cli import register


def _app() -> typer.Typer:
    app = typer.Typer(cls=_OfficeGroup)

    @app.callback()
    def _root() -> None:
        """root"""

    register(app)
    return app


def test_index_command_writes_reports(tmp_path):
    """On the shipped ASEM example (no ../shared needed); --framework/--data take the same files."""
    out = tmp_path / "asem"
    r = CliRunner().invoke(_app(), ["innovation", "index", "--example", "asem", "--out", str(out),
                                    "--preset", "coinr", "--mc", "30"])
    assert r.exit_code == 0, r.output
    assert "68.38" in r.output  # CHE's COINr score
    for f in ("report.vi.html", "report.en.html", "report.vi.pdf", "report.en.pdf", "results.csv",
              "rank_intervals.csv", "exclusions.csv", "strengths_weaknesses.csv"):
        assert (out / f).stat().st_size > 0
    assert (out / "report.vi.pdf").read_bytes()[:4] == b"%PDF"
    vi = (out / "report.vi.html").read_text(encoding="utf-8")
    assert "Thứ hạng" in vi and 'lang="vi"' in vi
    res = pd.read_csv(out / "results.csv", index_col=0)
    assert res.loc["CHE", "Rank"] == 1


def test_pii_and_impact_commands(tmp_path, shared_data):
    d = shared_data / "econ" / "vn_provinces"
    r = CliRunner().invoke(_app(), ["innovation", "pii", "--population",
                                    str(d / "vn_province_population_area_2011_2022.csv"), "--grdp",
                                    str(d / "vn_province_grdp_per_capita_2018_2022.csv"), "--units", "34",
                                    "--out", str(tmp_path / "pii"), "--published",
                                    str(d / "pii_published_results_press.csv"), "--mc", "0"])
    assert r.exit_code == 0, r.output
    assert "Inst_PCI" in r.output  # an indicator without data is named
    assert (tmp_path / "pii" / "published_comparison.csv").exists()
    r = CliRunner().invoke(_app(), ["innovation", "impact", "--out", str(tmp_path / "impact")])
    assert r.exit_code == 0, r.output
    en = (tmp_path / "impact" / "impact.en.html").read_text(encoding="utf-8")
    assert "not causal" in en or "not causal effects" in en
    assert "association" in en.lower()
    assert (tmp_path / "impact" / "fe_knowledge_production.csv").exists()
    assert (tmp_path / "impact" / "fe_patent_stock_by_income_group.csv").exists()
    ga = pd.read_csv(tmp_path / "impact" / "growth_accounting.csv", index_col=0)
    assert round(ga.loc["2011–2019", "tfp"], 2) == 1.70


def test_bad_input_is_a_message(tmp_path):
    meta = tmp_path / "m.csv"
    meta.write_text("iCode,Parent,Type\na,P,Indicator\nP,Q,Aggregate\n", encoding="utf-8")
    data = tmp_path / "d.csv"
    data.write_text("uCode,a\nX,1\nY,2\n", encoding="utf-8")
    r = CliRunner().invoke(_app(), ["innovation", "index", "--framework", str(meta), "--data", str(data),
                                    "--out", str(tmp_path / "o"), "--mc", "0"])
    assert r.exit_code == 2
    assert "Q" in r.output and "Traceback" not in r.output


def test_pii_command_with_no_arguments_uses_shipped_tables(tmp_path, monkeypatch):
    """A fresh install: `ipoffice innovation pii` alone computes the PII on the shipped GSO tables (34 units)
    and compares with the shipped press table; the output folder defaults to ./pii-report."""
    from ipoffice.innovation.pii import build_pii, pii_data, shipped_tables

    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(_app(), ["innovation", "pii", "--mc", "20"])
    assert r.exit_code == 0, r.output
    out = tmp_path / "pii-report"
    res = pd.read_csv(out / "results.csv", index_col=0)
    expected = build_pii(pii_data(*shipped_tables(), 2022, "34"))
    assert len(res) == 34
    root = expected.framework.root
    assert res["Rank"].to_dict() == expected.ranks[root].astype(int).to_dict()
    cmp = pd.read_csv(out / "published_comparison.csv")
    assert cmp["our_rank"].notna().sum() >= 5  # the 2025 press units matched by name
    # arguments still override: 63 former provinces
    r = CliRunner().invoke(_app(), ["innovation", "pii", "--units", "63", "--mc", "0", "--out", "p63"])
    assert r.exit_code == 0, r.output
    assert len(pd.read_csv(tmp_path / "p63" / "results.csv")) == 63


def test_shipped_province_tables_equal_the_gso_source(shared_data):
    from ipoffice.innovation.pii import shipped_tables

    src = shared_data / "econ" / "vn_provinces"
    pop, grdp = shipped_tables()
    for shipped, name in ((pop, "vn_province_population_area_2011_2022.csv"),
                          (grdp, "vn_province_grdp_per_capita_2018_2022.csv")):
        pd.testing.assert_frame_equal(pd.read_csv(shipped), pd.read_csv(src / name))
