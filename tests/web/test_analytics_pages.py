"""The public analytics pages: the innovation index (ASEM and the PII on the shipped GSO tables), the growth-impact
report and the patent map. Each page renders in vi and en and carries the numbers of the libraries' own result
objects; bad query parameters get a clear 4xx."""

from __future__ import annotations

import io

import lxml.html
import pandas as pd
import pytest

from ipoffice.web.pages import analytics
from ipoffice.web.pages.analytics import num


def _main(text: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(text).find(".//main")


def _row_cells(text: str, row_id: str) -> list[str]:
    row = _main(text).get_element_by_id(row_id)
    return [" ".join(td.text_content().split()) for td in row.findall("td")]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_asem_index_page_carries_the_engine_results(client, lang):
    from ipoffice.innovation.engine import build_index, coinr_spec
    from ipoffice.innovation.examples import asem

    r = client.get(f"/analytics/innovation?index=asem&lang={lang}")
    assert r.status_code == 200
    assert f'<html lang="{lang}">' in r.text
    fw, df = asem()
    expected = build_index(fw, df, coinr_spec())  # an independent build of the same index
    view = analytics.index_view("asem")
    st = view.rank_stats()
    table = expected.table()
    for code in table.index[:5]:
        cells = _row_cells(r.text, f"unit-{code}")
        assert cells[0] == str(int(table.loc[code, "Rank"]))
        assert cells[2] == f"{int(st.loc[code, 'q5'])}–{int(st.loc[code, 'q95'])}"
        assert cells[4] == num(table.loc[code, "Index"], lang)  # the index score, in the page's locale
    assert num(68.3837, lang) in r.text  # COINr's published CHE score, 68.38 / 68,38
    root_alpha = view.audit.groups[fw.root].cronbach_alpha
    assert num(root_alpha, lang) in r.text
    heading = "Kiểm định thống kê" if lang == "vi" else "Statistical audit"
    assert heading in r.text


def test_pii_page_uses_the_shipped_tables_on_34_and_63_units(client):
    from ipoffice.innovation.pii import build_pii, indicators_without_data, pii_data, shipped_tables

    r = client.get("/analytics/innovation")  # the default: the PII on 34 units, in Vietnamese
    assert r.status_code == 200 and 'lang="vi"' in r.text
    assert "KHÔNG phải là PII chính thức" in r.text
    expected = build_pii(pii_data(*shipped_tables(), 2022, "34"))
    root = expected.framework.root
    rows = _main(r.text).get_element_by_id("index-table").findall("tbody/tr")
    assert len(rows) == 34
    for code, rank in expected.ranks[root].dropna().sort_values().head(3).items():
        assert _row_cells(r.text, f"unit-{code}")[0] == str(int(rank))
    exclusions = _main(r.text).get_element_by_id("exclusions-table").text_content()
    for code in indicators_without_data(expected):
        assert code in exclusions  # nothing silently dropped
    r63 = client.get("/analytics/innovation?units=63&lang=en")
    assert r63.status_code == 200
    assert len(_main(r63.text).get_element_by_id("index-table").findall("tbody/tr")) == 63


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_unit_page_shows_scores_interval_strengths_and_weaknesses(client, lang):
    view = analytics.index_view("asem")
    r = client.get(f"/analytics/innovation/unit/CHE?index=asem&lang={lang}")
    assert r.status_code == 200
    fw = view.result.framework
    sw = view.sw[view.sw["unit"] == "CHE"]
    strengths = _main(r.text).get_element_by_id("unit-strength").text_content()
    for code in sw.loc[sw["kind"] == "strength", "code"]:
        assert fw.label(code, lang) in strengths
    assert num(view.result.scores.loc["CHE", fw.root], lang) in _main(r.text).get_element_by_id("unit-scores").text_content()
    assert ("Điểm yếu" if lang == "vi" else "Weaknesses") in r.text


def test_index_downloads_are_the_library_tables(client):
    view = analytics.index_view("asem")
    r = client.get("/analytics/innovation/download/results.csv?index=asem")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    got = pd.read_csv(io.StringIO(r.text), index_col=0)
    want = view.result.table()
    assert list(got.index) == list(want.index)
    pd.testing.assert_series_equal(got["Index"], want["Index"].astype(float), check_names=False, atol=1e-9)
    r = client.get("/analytics/innovation/download/rank_intervals.csv?index=asem")
    got = pd.read_csv(io.StringIO(r.text), index_col=0)
    assert got.loc["NLD", "q95"] == view.rank_stats().loc["NLD", "q95"]


@pytest.mark.parametrize(
    ("url", "status", "field"),
    [
        ("/analytics/innovation?index=gii", 422, "index"),
        ("/analytics/innovation?units=99", 422, "units"),
        ("/analytics/innovation/unit/NOPE?index=asem", 404, "code"),
        ("/analytics/innovation/download/secrets.csv?index=asem", 404, "table"),
        ("/analytics/patent-map?taxonomy=2030", 422, "taxonomy"),
        ("/analytics/patent-map/report/21-2026/report.fr.html", 422, "lang"),
        ("/analytics/impact/download/nothing.csv", 404, "table"),
    ],
)
def test_bad_parameters_get_a_clear_4xx(client, url, status, field):
    r = client.get(url, headers={"accept": "application/json"})
    assert r.status_code == status
    body = r.json()
    assert body["field"] == field
    html = client.get(url + ("&" if "?" in url else "?") + "lang=en")
    assert html.status_code == status and "Traceback" not in html.text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_impact_page_carries_coefficients_accounting_and_the_plain_words(client, lang):
    v = analytics.impact_view()
    r = client.get(f"/analytics/impact?lang={lang}")
    assert r.status_code == 200
    acc = _main(r.text).get_element_by_id("accounting-table").text_content()
    for period, row in v.accounting.periods.iterrows():
        assert period in acc and num(row["tfp"], lang) in acc
    for short, reg in v.models:
        table = _main(r.text).get_element_by_id(f"model-{short}").text_content()
        for e in reg.elasticities:
            assert e.variable in table
            assert num(e.coef, lang, 3) in table and num(e.ci_low, lang, 3) in table
    reading = _main(r.text).get_element_by_id("reading").text_content()
    if lang == "en":
        assert "not causal effects" in reading and "associations" in reading
    else:
        assert "không phải quan hệ nhân quả" in reading
    assert len(_main(r.text).get_element_by_id("granger").findall("li")) == len(v.granger)
    csv = client.get("/analytics/impact/download/growth_accounting.csv")
    got = pd.read_csv(io.StringIO(csv.text), index_col=0)
    assert got.loc["2011–2019", "tfp"] == pytest.approx(v.accounting.periods.loc["2011–2019", "tfp"])


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_patent_map_page_carries_the_map_of_the_demo_office(client, lang):
    from ipoffice.patentmap.indicators import group_labels

    pm = analytics.patent_map("21-2026")
    r = client.get(f"/analytics/patent-map?lang={lang}")
    assert r.status_code == 200
    labels = group_labels(pm.gmap, lang)
    groups = pm.indicators["groups"]
    assert len(_main(r.text).get_element_by_id("groups-table").findall("tbody/tr")) == len(groups)
    for g in groups.itertuples():
        cells = _row_cells(r.text, f"group-{g.group}")
        assert cells[0] == labels[g.group]
        assert cells[1] == str(g.families)
        assert cells[2] == f"{g.query_a} / {g.query_b} / {g.query_c}"
    top = pm.indicators["top_applicants"].sort_values("families", ascending=False).iloc[0]
    assert top["name"] in _row_cells(r.text, f"group-{top['group']}")[4]
    assert len(_main(r.text).get_element_by_id("white-spaces").findall("tbody/tr")) == len(
        pm.indicators["white_spaces"])
    assert "[verify]" in r.text  # doubtful rows stay marked
    kpis = _main(r.text).get_element_by_id("kpis").text_content()
    from ipoffice.web.i18n import fmt_number

    assert fmt_number(len(pm.corpus.families), lang) in kpis


def test_patent_map_taxonomy_switch_and_full_report(client, office):
    from ipoffice.store.config import files_dir

    r = client.get("/analytics/patent-map?taxonomy=1131-2025&lang=en")
    assert r.status_code == 200
    pm = analytics.patent_map("1131-2025")
    assert pm.taxonomy.id == "1131-2025"
    assert len(_main(r.text).get_element_by_id("groups-table").findall("tbody/tr")) == len(pm.taxonomy.groups)
    assert pm.taxonomy.decision.en in r.text
    link = _main(r.text).get_element_by_id("full-report").get("href")
    rep = client.get(link)
    assert rep.status_code == 200
    assert "sandbox allow-scripts" in rep.headers["content-security-policy"]
    assert "Plotly" in rep.text and pm.taxonomy.decision.en in rep.text
    written = files_dir(office[0]) / "analytics" / "patent-map-1131-2025" / "report.en.html"
    assert written.exists()  # the cache folder sits next to the database, not in the code


@pytest.mark.parametrize(("units", "edition"), [("34", 2025), ("63", 2024)])
def test_pii_page_compares_with_the_published_results(client, units, edition):
    from ipoffice.innovation.pii import compare_with_published, shipped_published

    view = analytics.index_view("pii", units)
    expected = compare_with_published(view.result, shipped_published(), edition)
    r = client.get(f"/analytics/innovation?units={units}&lang=en")
    assert f"{edition} edition" in r.text
    rows = _main(r.text).get_element_by_id("published-table").findall("tbody/tr")
    assert len(rows) == len(expected.table)
    note = _main(r.text).get_element_by_id("published-note").text_content()
    assert f"{expected.n_matched} units matched" in note and num(expected.spearman, "en") in note
    first = rows[0].findall("td")
    assert first[0].text_content() == expected.table["unit"].iloc[0]
    csv = client.get(f"/analytics/innovation/download/published_comparison.csv?units={units}")
    assert pd.read_csv(io.StringIO(csv.text))["unit"].tolist() == expected.table["unit"].tolist()
    unit = expected.table.dropna(subset=["our_rank"]).iloc[0]
    code = view.result.scores.index[view.result.ranks[view.result.framework.root] == unit["our_rank"]][0]
    page = client.get(f"/analytics/innovation/unit/{code}?units={units}")
    assert page.status_code == 200 and view.result.unit_names[code] in page.text
