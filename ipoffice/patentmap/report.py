"""The patent-map report: interactive HTML (Vietnamese and English, plotly.js inline - works offline) and a PDF.

Charts first, numbers second: a policy reader sees how many families each strategic group has, where they come
from, whether they grow, who holds them, where Viet Nam stands, and which definitions are still doubtful.
"""

from __future__ import annotations

import html
import math
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from ipoffice.core import i18n
from ipoffice.patentmap.indicators import incomplete_from
from ipoffice.patentmap.pipeline import PatentMap

T = {
    "title": ("Bản đồ sáng chế các nhóm công nghệ chiến lược", "Patent map of the strategic technology groups"),
    "taxonomy": ("Danh mục", "Taxonomy"),
    "in_force": ("hiệu lực", "in force"),
    "until": ("đến", "until"),
    "families": ("họ sáng chế", "patent families"),
    "corpus": ("Dữ liệu", "Corpus"),
    "cutoff": ("Mốc dữ liệu (nguồn chính kết thúc sớm nhất)", "Data cut-off (earliest end of a main source)"),
    "incomplete": ("chưa đầy đủ (nguồn dữ liệu kết thúc; độ trễ công bố 18 tháng)",
                   "incomplete (a data source ends; 18-month publication lag)"),
    "verify_banner": ("Các dòng đánh dấu [verify] chưa được đối chiếu với văn bản gốc của Quyết định hoặc chưa được chuyên gia "
                      "thẩm định; số liệu của các nhóm này chỉ mang tính tham khảo.",
                      "Rows marked [verify] are not yet confirmed against the official text of the decision or by experts; "
                      "their counts are indicative."),
    "s_groups": ("Số họ sáng chế theo nhóm và cách tìm thấy", "Families per group and how they were found"),
    "how": ("Truy vấn A = mã IPC/CPC; B = từ khóa (Việt, Anh; có/không dấu); C = mã rộng VÀ từ khóa.",
            "Query A = IPC/CPC codes; B = keywords (Vietnamese, English; with/without diacritics); C = broad codes AND keywords."),
    "s_trend": ("Xu hướng theo năm ưu tiên", "Trend by priority year"),
    "trend_note": ("Năm ưu tiên sớm nhất; khi nguồn không có, dùng năm nộp đơn, công bố hoặc cấp bằng (xem bảng nguồn). "
                   "Đoạn nét đứt: chưa đầy đủ. Các nguồn kết thúc ở các thời điểm khác nhau: sau khi nguồn đầu tiên "
                   "kết thúc, số liệu giảm do thiếu dữ liệu, nên các năm đó được tô xám.",
                   "Earliest priority year; where a source lacks it, the filing, publication or grant year (see the sources "
                   "table). Dotted: incomplete."),
    "s_growth": ("Tốc độ tăng trưởng kép hằng năm (CAGR, 5 năm đầy đủ gần nhất)", "Compound annual growth (CAGR, last 5 complete years)"),
    "corpus_cagr": ("toàn bộ dữ liệu", "whole corpus"),
    "s_applicants": ("Chủ đơn hàng đầu", "Top applicants"),
    "s_types": ("Loại chủ đơn", "Applicant types"),
    "company": ("Doanh nghiệp", "Company"), "university": ("Trường/viện", "University / research"),
    "government": ("Nhà nước", "Government"), "individual": ("Cá nhân", "Individual"), "unknown": ("Không rõ", "Unknown"),
    "s_flows": ("Luồng nộp đơn: nước xuất xứ → cơ quan nộp đơn", "Filing flows: origin country → filing office"),
    "flows_note": ("Nước xuất xứ = nước của chủ đơn, nếu không có thì nước ưu tiên đầu tiên.",
                   "Origin = applicant's country, else the first-filing (priority) country."),
    "s_vn": ("Việt Nam", "Viet Nam"),
    "vn_share": ("Tỷ lệ họ sáng chế của người nộp đơn Việt Nam", "Share of families from Vietnamese applicants"),
    "vn_foreign": ("Đơn nước ngoài nộp vào Việt Nam", "Foreign filings into Viet Nam"),
    "vn_none": ("Dữ liệu này không có họ sáng chế nào của người nộp đơn Việt Nam hoặc nộp tại Việt Nam: bổ sung dữ liệu "
                "của Cục Sở hữu trí tuệ (sổ đăng bạ) để có góc nhìn Việt Nam.",
                "This corpus holds no family from Vietnamese applicants or filed in Viet Nam: add the IP Viet Nam register "
                "to see Viet Nam's position."),
    "s_rta": ("Lợi thế công nghệ biểu hiện (RTA) theo nước", "Revealed technological advantage (RTA) by country"),
    "rta_note": ("RTA > 1: nước chuyên môn hóa vào nhóm này so với toàn bộ dữ liệu.",
                 "RTA > 1: the country is specialised in the group relative to the whole corpus."),
    "s_network": ("Mạng đồng phân loại (phân lớp IPC/CPC)", "Co-classification network (IPC/CPC subclasses)"),
    "s_map": ("Bản đồ công nghệ (cụm theo nội dung)", "Technology map (clusters by content)"),
    "map_note": ("Mỗi điểm là một họ sáng chế; gần nhau = nội dung tương tự (TF-IDF + LSA, k-means, PCA).",
                 "Each dot is a family; close = similar content (TF-IDF + LSA, k-means, PCA)."),
    "s_white": ("Khoảng trống công nghệ (gợi ý)", "White spaces (candidates)"),
    "s_value": ("Tín hiệu giá trị (trích dẫn, quy mô họ)", "Value signals (citations, family size)"),
    "value_x": ("Trích dẫn chuẩn hóa theo tuổi (trung bình)", "Age-normalised forward citations (mean)"),
    "value_y": ("Tỷ lệ họ quốc tế (≥ 2 cơ quan)", "International family share (≥ 2 offices)"),
    "s_cross": ("Đối chiếu hai Quyết định (1131/2025 → 21/2026)", "Crosswalk between the decisions (1131/2025 → 21/2026)"),
    "s_precision": ("Độ chính xác theo mẫu chuyên gia", "Precision from expert samples"),
    "s_sources": ("Nguồn dữ liệu và các dòng bị loại", "Data sources and rejected rows"),
    "rejected": ("dòng/giá trị/tệp bị loại, xem tables/rejected.csv", "rows/values/files rejected, see tables/rejected.csv"),
    "s_method": ("Định nghĩa các nhóm (bộ truy vấn)", "Group definitions (query packs)"),
    "other_lang": ("English version", "Bản tiếng Việt"),
    "q_A": ("Chỉ mã IPC/CPC", "Codes only"), "q_B": ("Chỉ từ khóa", "Keywords only"),
    "q_C": ("Mã rộng + từ khóa", "Broad code + keyword"), "q_A+B": ("Mã và từ khóa", "Codes and keywords"),
    "q_A+C": ("Mã và mã rộng + từ khóa", "Codes and broad code + keyword"),
    "q_B+C": ("Từ khóa và mã rộng", "Keywords and broad code"), "q_A+B+C": ("Cả ba truy vấn", "All three queries"),
    "query": ("Truy vấn", "Query"), "unknown_origin": ("không rõ", "unknown"),
    "in_groups": ("họ sáng chế thuộc ít nhất một nhóm", "families in at least one group"),
    "s_key": ("Điểm chính", "Key findings"),
    "k_largest": ("Nhóm lớn nhất: {g} ({n:,} họ sáng chế).", "Largest group: {g} ({n:,} families)."),
    "k_smallest": ("Nhóm nhỏ nhất: {g} ({n:,} họ) — dữ liệu hiện có ít tài liệu về lĩnh vực này.",
                   "Smallest group: {g} ({n:,} families) — the corpus holds few documents in this field."),
    "k_growth": ("Tăng nhanh nhất {y}: {g} (CAGR {r:.0%}/năm; toàn bộ dữ liệu {c:.0%}/năm).",
                 "Fastest growth {y}: {g} (CAGR {r:.0%}/yr; whole corpus {c:.0%}/yr)."),
    "k_applicant": ("Chủ đơn lớn nhất: {a} ({n:,} họ, nhóm {g}).", "Top applicant: {a} ({n:,} families, group {g})."),
    "k_origin": ("Nước xuất xứ hàng đầu: {c} ({p:.0%} số họ đã phân loại).", "Leading origin: {c} ({p:.0%} of classified families)."),
    "k_vn": ("Việt Nam: {n} họ sáng chế của người nộp đơn Việt Nam, {f} họ nước ngoài nộp vào Việt Nam.",
             "Viet Nam: {n} families from Vietnamese applicants, {f} foreign families filed in Viet Nam."),
    "year": ("Năm", "Year"), "group": ("Nhóm", "Group"),
    "no_data": ("Không có dữ liệu", "No data"),
}


def tr(key: str, lang: str) -> str:
    vi, en = T[key]
    return vi if lang == "vi" else en


i18n.register({f"patentmap.report.{k}": {"vi": v[0], "en": v[1]} for k, v in T.items()})


def _labels(pm: PatentMap, lang: str, short: bool = False) -> dict[str, str]:
    out = {}
    for g in pm.taxonomy.groups:
        name = g.name.get(lang)
        if short and len(name) > 38:
            name = name[:36] + "…"
        doubtful = g.verify or any(pm.taxonomy.packs[p].verify for p in g.packs)
        out[g.id] = f"{g.id}. {name}" + (" [verify]" if doubtful else "")
    return out


def _fig_html(fig: go.Figure) -> str:
    fig.update_layout(template="plotly_white", margin={"l": 10, "r": 10, "t": 50, "b": 10}, font={"size": 13})
    return fig.to_html(full_html=False, include_plotlyjs=False, config={"displaylogo": False, "responsive": True})


def fig_groups(pm: PatentMap, lang: str) -> go.Figure:
    labels = _labels(pm, lang)
    c = pm.gmap.counts()
    c["label"] = c["group"].map(labels)
    m = pm.gmap.members
    fig = go.Figure()
    kinds = [(k, tr(f"q_{k}", lang)) for k in ("A+B+C", "A+B", "A+C", "A", "B+C", "B", "C")]
    for key, name in kinds:
        counts = m[m["matched_by"] == key].groupby("group").size().reindex(c["group"], fill_value=0)
        fig.add_bar(y=c["label"], x=counts.to_numpy(), name=name, orientation="h")
    fig.update_layout(barmode="stack", title=tr("s_groups", lang), yaxis={"autorange": "reversed"},
                      xaxis_title=tr("families", lang), height=120 + 38 * len(c), legend_title=tr("query", lang))
    return fig


def fig_trend(pm: PatentMap, lang: str) -> go.Figure:
    t = pm.indicators["trend"]
    labels = _labels(pm, lang, short=True)
    fig = go.Figure()
    cut = incomplete_from(pm.indicators.as_of)
    for gid in [g.id for g in pm.taxonomy.groups]:
        part = t[t["group"] == gid].sort_values("priority_year")
        part = part[part["priority_year"] >= 1990]
        if part.empty:
            continue
        years = np.arange(part["priority_year"].min(), part["priority_year"].max() + 1)
        series = part.set_index("priority_year")["families"].reindex(years, fill_value=0)
        complete = series[[dt_year < cut.year for dt_year in years]]
        fig.add_scatter(x=complete.index, y=complete.to_numpy(), mode="lines", name=labels[gid], legendgroup=gid)
        inc = series[[y >= cut.year - 1 for y in years]]
        if len(inc):
            fig.add_scatter(x=inc.index, y=inc.to_numpy(), mode="lines", line={"dash": "dot"}, name=labels[gid],
                            legendgroup=gid, showlegend=False, hovertemplate="%{x}: %{y} (" + tr("incomplete", lang) + ")")
    last = int(t["priority_year"].max()) if len(t) else pm.indicators.as_of.year
    fig.add_vrect(x0=cut.year - 0.5, x1=max(last, pm.indicators.as_of.year) + 0.5, fillcolor="lightgrey", opacity=0.35, line_width=0,
                  annotation_text=tr("incomplete", lang), annotation_position="top left")
    fig.update_layout(title=tr("s_trend", lang), xaxis_title=tr("year", lang), yaxis_title=tr("families", lang), height=480)
    return fig


def fig_growth(pm: PatentMap, lang: str) -> go.Figure:
    g = pm.indicators["growth"]
    labels = _labels(pm, lang, short=True)
    g = g.assign(label=g["group"].map(labels), pct=g["cagr"] * 100)
    fig = go.Figure(go.Bar(x=g["pct"], y=g["label"], orientation="h",
                           text=[f"{v:.0f}%" if pd.notna(v) else "–" for v in g["pct"]], textposition="outside"))
    corpus = g["corpus_cagr"].iloc[0] if len(g) else math.nan
    if pd.notna(corpus):
        fig.add_vline(x=corpus * 100, line_dash="dash", annotation_text=tr("corpus_cagr", lang))
    years = f" {int(g['from_year'].iloc[0])}–{int(g['to_year'].iloc[0])}" if len(g) and g["to_year"].iloc[0] else ""
    fig.update_layout(title=tr("s_growth", lang) + years, xaxis_title="CAGR %", yaxis={"autorange": "reversed"},
                      height=120 + 36 * len(g))
    return fig


def fig_applicants(pm: PatentMap, lang: str) -> go.Figure:
    top = pm.indicators["top_applicants"]
    labels = _labels(pm, lang, short=True)
    fig = go.Figure()
    buttons = []
    gids = [g.id for g in pm.taxonomy.groups if (top["group"] == g.id).any()]
    for i, gid in enumerate(gids):
        part = top[top["group"] == gid].head(10)
        colors = part["type"].map({"company": "#1f77b4", "university": "#2ca02c", "government": "#d62728",
                                   "individual": "#ff7f0e"}).fillna("#7f7f7f")
        fig.add_bar(x=part["families"], y=part["name"], orientation="h", marker_color=colors, visible=(i == 0),
                    name=labels[gid], text=[tr(t, lang) if t in T else t for t in part["type"]], textposition="auto")
        vis = [j == i for j in range(len(gids))]
        buttons.append({"label": labels[gid], "method": "update", "args": [{"visible": vis}]})
    fig.update_layout(title=tr("s_applicants", lang), yaxis={"autorange": "reversed"}, height=460,
                      updatemenus=[{"buttons": buttons, "x": 1.0, "xanchor": "right", "y": 1.15}] if buttons else [])
    return fig


def fig_types(pm: PatentMap, lang: str) -> go.Figure:
    t = pm.indicators["applicant_types"]
    labels = _labels(pm, lang, short=True)
    fig = go.Figure()
    for kind in ("company", "university", "government", "individual", "unknown"):
        part = t[t["type"] == kind].set_index("group")["families"].reindex([g.id for g in pm.taxonomy.groups], fill_value=0)
        fig.add_bar(y=[labels[g] for g in part.index], x=part.to_numpy(), name=tr(kind, lang), orientation="h")
    fig.update_layout(barmode="stack", barnorm="percent", title=tr("s_types", lang), yaxis={"autorange": "reversed"},
                      height=120 + 36 * len(pm.taxonomy.groups), xaxis_title="%")
    return fig


def fig_flows(pm: PatentMap, lang: str, top: int = 12) -> go.Figure:
    f = pm.indicators["flows"].groupby(["origin", "office"])["families"].sum().reset_index()
    f = f.replace({"origin": {"??": tr("unknown_origin", lang)}, "office": {"??": tr("unknown_origin", lang)}})
    origins = f.groupby("origin")["families"].sum().nlargest(top).index
    offices = f.groupby("office")["families"].sum().nlargest(top).index
    f = f[f["origin"].isin(origins) & f["office"].isin(offices)]
    left = [f"{o} ›" for o in origins]
    right = [f"› {o}" for o in offices]
    nodes = left + right
    idx = {n: i for i, n in enumerate(nodes)}
    fig = go.Figure(go.Sankey(node={"label": nodes, "pad": 12},
                              link={"source": [idx[f"{o} ›"] for o in f["origin"]],
                                    "target": [idx[f"› {o}"] for o in f["office"]], "value": f["families"].tolist()}))
    fig.update_layout(title=tr("s_flows", lang), height=520)
    return fig


def fig_vietnam(pm: PatentMap, lang: str) -> go.Figure:
    v = pm.indicators["vietnam"]
    labels = _labels(pm, lang, short=True)
    fig = go.Figure()
    fig.add_bar(y=v["group"].map(labels), x=v["vn_resident_share"].fillna(0) * 100, orientation="h", name=tr("vn_share", lang))
    fig.add_bar(y=v["group"].map(labels), x=v["foreign_filings_into_vn"], orientation="h", name=tr("vn_foreign", lang),
                xaxis="x2", visible="legendonly")
    fig.update_layout(title=tr("vn_share", lang) + " (%)", yaxis={"autorange": "reversed"}, height=120 + 36 * len(v),
                      xaxis={"range": [0, max(5, float(v["vn_resident_share"].fillna(0).max() * 110))]},
                      xaxis2={"overlaying": "x", "side": "top"})
    return fig


def fig_rta(pm: PatentMap, lang: str, min_country: int = 30) -> go.Figure:
    r = pm.indicators["rta"]
    r = r[r["country_families"] >= min_country]
    labels = _labels(pm, lang, short=True)
    if r.empty:
        return go.Figure().update_layout(title=tr("s_rta", lang) + " – " + tr("no_data", lang))
    piv = r.pivot_table(index="origin", columns="group", values="rta")
    piv = piv.reindex(columns=[g.id for g in pm.taxonomy.groups])
    piv = piv.loc[r.groupby("origin")["country_families"].first().sort_values(ascending=False).index[:20]]
    z = np.log2(piv.to_numpy(dtype=float))
    fig = go.Figure(go.Heatmap(z=z, x=[labels[c] for c in piv.columns], y=list(piv.index), zmid=0, colorscale="RdBu",
                               text=np.round(piv.to_numpy(dtype=float), 2), texttemplate="%{text}",
                               colorbar={"title": "log2 RTA"}))
    fig.update_layout(title=tr("s_rta", lang), height=160 + 26 * len(piv))
    return fig


def fig_network(pm: PatentMap, lang: str) -> go.Figure:
    nodes, edges = pm.indicators["network_nodes"], pm.indicators["network_edges"]
    if edges.empty:  # no family with two subclasses (a small register): nodes only, no links
        edges = pd.DataFrame({"group": [], "source": [], "target": [], "families": pd.Series([], dtype="int64")})
    edges = edges.astype({"families": "int64"})
    labels = _labels(pm, lang, short=True)
    fig = go.Figure()
    gids = [g.id for g in pm.taxonomy.groups if (nodes["group"] == g.id).any()]
    buttons, traces_per = [], []
    for i, gid in enumerate(gids):
        n = nodes[nodes["group"] == gid].head(20).reset_index(drop=True)
        ang = np.linspace(0, 2 * np.pi, len(n), endpoint=False)
        pos = {s: (np.cos(a), np.sin(a)) for s, a in zip(n["subclass"], ang, strict=True)}
        e = edges[(edges["group"] == gid) & edges["source"].isin(pos) & edges["target"].isin(pos)]
        e = e.nlargest(40, "families")
        count = 0
        wmax = max(1, int(e["families"].max())) if len(e) else 1
        for _, row in e.iterrows():
            (x0, y0), (x1, y1) = pos[row["source"]], pos[row["target"]]
            fig.add_scatter(x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip", showlegend=False, visible=(i == 0),
                            line={"width": 0.5 + 6 * row["families"] / wmax, "color": "rgba(80,80,160,0.35)"})
            count += 1
        fig.add_scatter(x=[pos[s][0] for s in n["subclass"]], y=[pos[s][1] for s in n["subclass"]], mode="markers+text",
                        text=n["subclass"], textposition="top center", showlegend=False, visible=(i == 0),
                        marker={"size": 8 + 30 * np.sqrt(n["families"] / max(1, n["families"].max()))},
                        hovertext=[f"{s}: {v}" for s, v in zip(n["subclass"], n["families"], strict=True)])
        traces_per.append(count + 1)
    total = sum(traces_per)
    start = 0
    for i, gid in enumerate(gids):
        vis = [False] * total
        for k in range(start, start + traces_per[i]):
            vis[k] = True
        start += traces_per[i]
        buttons.append({"label": labels[gid], "method": "update", "args": [{"visible": vis}]})
    fig.update_layout(title=tr("s_network", lang), height=560, xaxis={"visible": False}, yaxis={"visible": False},
                      updatemenus=[{"buttons": buttons, "x": 1.0, "xanchor": "right", "y": 1.12}] if buttons else [])
    return fig


def fig_map(pm: PatentMap, lang: str) -> go.Figure:
    pts = pm.indicators.tables.get("techmap")
    cl = pm.indicators.tables.get("clusters")
    if pts is None or pts.empty:
        return go.Figure().update_layout(title=tr("s_map", lang) + " – " + tr("no_data", lang))
    labels = _labels(pm, lang, short=True)
    fig = go.Figure()
    for gid in [g.id for g in pm.taxonomy.groups]:
        part = pts[pts["group"] == gid]
        if part.empty:
            continue
        fig.add_scattergl(x=part["x"], y=part["y"], mode="markers", name=labels[gid], text=part["title"],
                          marker={"size": 4, "opacity": 0.6}, hovertemplate="%{text}<extra></extra>")
    for _, c in (cl if cl is not None else pd.DataFrame()).iterrows():
        fig.add_annotation(x=c["x"], y=c["y"], text=f"<b>{html.escape(str(c['label']))}</b><br>{c['families']}",
                           showarrow=False, bgcolor="rgba(255,255,255,0.75)", font={"size": 11})
    fig.update_layout(title=tr("s_map", lang), height=640, xaxis={"visible": False}, yaxis={"visible": False})
    return fig


def fig_value(pm: PatentMap, lang: str) -> go.Figure:
    v = pm.indicators["value"]
    labels = _labels(pm, lang, short=True)
    v = v[v["families"] > 0]
    fig = go.Figure(go.Scatter(
        x=v["mean_age_normalised_citations"], y=v["international_family_share"] * 100, mode="markers+text",
        text=v["group"].map(labels), textposition="top center",
        marker={"size": 10 + 40 * np.sqrt(v["families"] / max(1, v["families"].max()))}))
    fig.update_layout(title=tr("s_value", lang), xaxis_title=tr("value_x", lang), yaxis_title=tr("value_y", lang) + " %",
                      height=520)
    return fig


def fig_crosswalk(pm: PatentMap, lang: str) -> go.Figure | None:
    if pm.crosswalk is None or pm.other is None:
        return None
    old, new = (pm.other, pm.gmap) if pm.taxonomy.id == "21-2026" else (pm.gmap, pm.other)
    lo = {g.id: f"1131/{g.id}. {g.name.get(lang)[:30]}" for g in old.taxonomy.groups}
    ln = {g.id: f"21/{g.id}. {g.name.get(lang)[:30]}" for g in new.taxonomy.groups}
    nodes = list(lo.values()) + list(ln.values())
    idx = {n: i for i, n in enumerate(nodes)}
    cw = pm.crosswalk
    fig = go.Figure(go.Sankey(node={"label": nodes, "pad": 10},
                              link={"source": [idx[lo[g]] for g in cw["from_group"]], "target": [idx[ln[g]] for g in cw["to_group"]],
                                    "value": cw["families"].clip(lower=0.001).tolist()}))
    fig.update_layout(title=tr("s_cross", lang), height=560)
    return fig


def _table(frame: pd.DataFrame, max_rows: int = 20) -> str:
    return frame.head(max_rows).to_html(index=False, border=0, classes="tbl", na_rep="–", float_format=lambda v: f"{v:.3g}")


CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#7a0019;color:#fff;padding:18px 28px} header h1{margin:0 0 6px 0;font-size:26px}
main{max-width:1200px;margin:0 auto;padding:12px 24px} section{background:#fff;margin:18px 0;padding:14px 18px;
border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.08)} .note{color:#555;font-size:14px}
.warn{background:#fff4d6;border-left:5px solid #e0a800;padding:10px 14px;margin:12px 0}
.kpis{display:flex;gap:18px;flex-wrap:wrap}.kpi{background:#fff;border-radius:8px;padding:10px 16px;min-width:150px;
box-shadow:0 1px 3px rgba(0,0,0,.08)}.kpi b{font-size:24px;display:block} a{color:#7a0019}
table.tbl{border-collapse:collapse;font-size:13px}table.tbl td,table.tbl th{padding:4px 8px;border-bottom:1px solid #eee;text-align:left}
"""


def key_findings(pm: PatentMap, lang: str) -> list[str]:
    """A few sentences a policy reader takes away, computed from the tables."""
    ind = pm.indicators
    labels = _labels(pm, lang)
    out = []
    c = ind["groups"].sort_values("families", ascending=False)
    if len(c) and c["families"].iloc[0] > 0:
        out.append(tr("k_largest", lang).format(g=labels[c["group"].iloc[0]], n=int(c["families"].iloc[0])))
        out.append(tr("k_smallest", lang).format(g=labels[c["group"].iloc[-1]], n=int(c["families"].iloc[-1])))
    g = ind["growth"].dropna(subset=["cagr"])
    g = g[g["families_last_complete_year"] >= 5]
    if len(g):
        best = g.sort_values("cagr", ascending=False).iloc[0]
        out.append(tr("k_growth", lang).format(g=labels[best["group"]], r=best["cagr"], c=best["corpus_cagr"],
                                               y=f"{int(best['from_year'])}–{int(best['to_year'])}"))
    top = ind["top_applicants"].sort_values("families", ascending=False)
    if len(top):
        t = top.iloc[0]
        out.append(tr("k_applicant", lang).format(a=t["name"], n=int(t["families"]), g=labels[t["group"]]))
    fam = pm.corpus.families
    rows = pm.gmap.members["row"].unique()
    orig = fam["applicant_country"].iloc[rows]
    orig = orig[orig != ""]
    if len(orig):
        vc = orig.value_counts()
        out.append(tr("k_origin", lang).format(c=vc.index[0], p=vc.iloc[0] / len(rows)))
    vn = ind["vietnam"]
    out.append(tr("k_vn", lang).format(n=int(fam["vn_resident"].iloc[rows].sum()),
                                       f=int((fam["vn_office"] & ~fam["vn_resident"]).iloc[rows].sum())))
    if vn["vn_resident"].sum() == 0:
        out.append(tr("vn_none", lang))
    return out


def render_html(pm: PatentMap, lang: str, other_file: str | None = None) -> str:
    tax = pm.taxonomy
    ind = pm.indicators
    n_fam = len(pm.corpus.families)
    classified = pm.gmap.members["row"].nunique()
    until = f" {tr('until', lang)} {tax.in_force_until}" if tax.in_force_until else ""
    parts = [f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>",
             f"<title>{html.escape(tr('title', lang))} – {html.escape(tax.decision.get(lang))}</title>",
             f"<style>{CSS}</style><script type='text/javascript'>{get_plotlyjs()}</script></head><body>",
             f"<header><h1>{html.escape(tr('title', lang))}</h1><div>{tr('taxonomy', lang)}: "
             f"<b>{html.escape(tax.decision.get(lang))}</b> ({tr('in_force', lang)} {tax.in_force_from}{until}; "
             f"version {html.escape(tax.version)}, query packs {html.escape(tax.packs_version)})"]
    if other_file:
        parts.append(f" · <a style='color:#fff' href='{html.escape(other_file)}'>{tr('other_lang', lang)}</a>")
    parts.append("</div></header><main>")
    kpis = [(f"{n_fam:,}", tr("families", lang) + f" ({tr('corpus', lang).lower()})"),
            (f"{classified:,}", tr("in_groups", lang)),
            (str(ind.as_of), tr("cutoff", lang)),
            (f"{len(pm.corpus.rejected):,}", tr("rejected", lang))]
    parts.append("<div class='kpis'>" + "".join(f"<div class='kpi'><b>{v}</b>{html.escape(k)}</div>" for v, k in kpis) + "</div>")
    if tax.doubtful or any(p.verify for p in tax.packs.values()):
        parts.append(f"<div class='warn'>⚠ {html.escape(tr('verify_banner', lang))}</div>")
    parts.append(f"<section><h2>{tr('s_key', lang)}</h2><ul>"
                 + "".join(f"<li>{html.escape(x)}</li>" for x in key_findings(pm, lang)) + "</ul></section>")
    sections: list[tuple[str, go.Figure | None, str]] = [
        ("s_groups", fig_groups(pm, lang), tr("how", lang)),
        ("s_trend", fig_trend(pm, lang), tr("trend_note", lang)),
        ("s_growth", fig_growth(pm, lang), ""),
        ("s_applicants", fig_applicants(pm, lang), ""),
        ("s_types", fig_types(pm, lang), ""),
        ("s_flows", fig_flows(pm, lang), tr("flows_note", lang)),
    ]
    for key, fig, note in sections:
        parts.append(f"<section><h2>{html.escape(tr(key, lang))}</h2>{_fig_html(fig)}<p class='note'>{html.escape(note)}</p></section>")
    vn = ind["vietnam"]
    vn_note = tr("vn_none", lang) if vn["vn_resident"].sum() == 0 and vn["foreign_filings_into_vn"].sum() == 0 else ""
    parts.append(f"<section><h2>{tr('s_vn', lang)}</h2>" + (f"<div class='warn'>{html.escape(vn_note)}</div>" if vn_note else "")
                 + _fig_html(fig_vietnam(pm, lang)) + "</section>")
    for key, fig, note in [("s_rta", fig_rta(pm, lang), tr("rta_note", lang)), ("s_network", fig_network(pm, lang), ""),
                           ("s_map", fig_map(pm, lang), tr("map_note", lang)), ("s_value", fig_value(pm, lang), "")]:
        parts.append(f"<section><h2>{html.escape(tr(key, lang))}</h2>{_fig_html(fig)}<p class='note'>{html.escape(note)}</p></section>")
    ws = ind["white_spaces"].copy()
    labels = _labels(pm, lang, short=True)
    ws["group"] = ws["group"].map(labels)
    parts.append(f"<section><h2>{tr('s_white', lang)}</h2>{_table(ws.drop(columns='taxonomy'), 25)}</section>")
    cross = fig_crosswalk(pm, lang)
    if cross is not None and pm.crosswalk is not None:
        parts.append(f"<section><h2>{tr('s_cross', lang)}</h2>{_fig_html(cross)}{_table(pm.crosswalk, 30)}</section>")
    if pm.precision is not None:
        parts.append(f"<section><h2>{tr('s_precision', lang)}</h2>{_table(pm.precision, 60)}</section>")
    rej = pd.DataFrame([r.__dict__ for r in pm.corpus.rejected])
    rej_summary = (rej.groupby(["file", "field", "dropped"]).size().rename("n").reset_index()
                   if len(rej) else pd.DataFrame(columns=["file", "field", "dropped", "n"]))
    parts.append(f"<section><h2>{tr('s_sources', lang)}</h2>{_table(pm.sources(), 30)}<br>{_table(rej_summary, 30)}</section>")
    defs = []
    for g in tax.groups:
        for pid in g.packs:
            p = tax.packs[pid]
            defs.append({tr("group", lang): labels[g.id], "pack": p.name.get(lang) + (" [verify]" if p.verify else ""),
                         "A": ", ".join(s.text + ("*" if s.verify else "") for s in p.codes),
                         "C": ", ".join(s.text + ("*" if s.verify else "") for s in p.broad_codes),
                         "B (en)": ", ".join(p.keywords_en), "B (vi)": ", ".join(p.keywords_vi),
                         "sources": ", ".join(p.sources)})
    parts.append(f"<section><h2>{tr('s_method', lang)}</h2><p class='note'>* = [verify]</p>{_table(pd.DataFrame(defs), 100)}</section>")
    parts.append(f"<p class='note'>ipoffice patent-map · {pm.created:%Y-%m-%d %H:%M} UTC</p></main></body></html>")
    return "".join(parts)


def write_html(pm: PatentMap, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    vi, en = out / "report.vi.html", out / "report.en.html"
    vi.write_text(render_html(pm, "vi", en.name), encoding="utf-8")
    en.write_text(render_html(pm, "en", vi.name), encoding="utf-8")
    return [vi, en]


def write_pdf(pm: PatentMap, path: Path, lang: str = "vi") -> Path:
    """A printable summary (matplotlib, DejaVu Sans for Vietnamese)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    plt.rcParams["font.family"] = "DejaVu Sans"
    labels = _labels(pm, lang, short=True)
    ind = pm.indicators
    with PdfPages(path) as pdf:
        fig = plt.figure(figsize=(11.69, 8.27))
        fig.text(0.05, 0.9, tr("title", lang), fontsize=22, weight="bold")
        fig.text(0.05, 0.84, f"{tr('taxonomy', lang)}: {pm.taxonomy.decision.get(lang)}", fontsize=13)
        fig.text(0.05, 0.80, f"{len(pm.corpus.families):,} {tr('families', lang)} · {tr('cutoff', lang)}: {ind.as_of}",
                 fontsize=12)
        fig.text(0.05, 0.72, tr("verify_banner", lang), fontsize=10, wrap=True, color="#8a6d00")
        c = pm.gmap.counts()
        ax = fig.add_axes((0.3, 0.08, 0.65, 0.55))
        ax.barh([labels[g] for g in c["group"]][::-1], c["families"].tolist()[::-1], color="#7a0019")
        ax.set_title(tr("s_groups", lang))
        ax.set_xlabel(tr("families", lang))
        pdf.savefig(fig)
        plt.close(fig)

        fig, ax = plt.subplots(figsize=(11.69, 8.27))
        t = ind["trend"]
        cut = incomplete_from(ind.as_of)
        for gid in [g.id for g in pm.taxonomy.groups]:
            part = t[(t["group"] == gid) & (t["priority_year"] >= 1990)].sort_values("priority_year")
            if len(part):
                ax.plot(part["priority_year"], part["families"], label=labels[gid])
        last = int(t["priority_year"].max()) if len(t) else ind.as_of.year
        ax.axvspan(cut.year - 0.5, max(last, ind.as_of.year) + 0.5, color="lightgrey", alpha=0.5, label=tr("incomplete", lang))
        ax.set_title(tr("s_trend", lang))
        ax.set_xlabel(tr("year", lang))
        ax.legend(fontsize=8)
        pdf.savefig(fig)
        plt.close(fig)

        fig, axes = plt.subplots(1, 2, figsize=(11.69, 8.27))
        g = ind["growth"]
        axes[0].barh([labels[x] for x in g["group"]][::-1], (g["cagr"].fillna(0) * 100).tolist()[::-1], color="#1f77b4")
        span = f" {int(g['from_year'].iloc[0])}–{int(g['to_year'].iloc[0])}" if len(g) and g["to_year"].iloc[0] else ""
        axes[0].set_title("CAGR %" + span)
        ty = ind["applicant_types"].pivot_table(index="group", columns="type", values="families", fill_value=0)
        ty = ty.reindex([g.id for g in pm.taxonomy.groups]).fillna(0)
        share = ty.div(ty.sum(axis=1).replace(0, 1), axis=0) * 100
        left = np.zeros(len(share))
        for col in share.columns:
            axes[1].barh([labels[x] for x in share.index], share[col], left=left, label=tr(col, lang) if col in T else col)
            left += share[col].to_numpy()
        axes[1].invert_yaxis()
        axes[1].set_title(tr("s_types", lang))
        axes[1].legend(fontsize=8)
        axes[1].set_yticklabels([])
        fig.tight_layout()
        pdf.savefig(fig)
        plt.close(fig)

        pts = ind.tables.get("techmap")
        if pts is not None and len(pts):
            fig, ax = plt.subplots(figsize=(11.69, 8.27))
            for gid in [g.id for g in pm.taxonomy.groups]:
                part = pts[pts["group"] == gid]
                if len(part):
                    ax.scatter(part["x"], part["y"], s=3, alpha=0.5, label=labels[gid])
            for _, cl in ind["clusters"].iterrows():
                ax.text(cl["x"], cl["y"], str(cl["label"]), fontsize=7, ha="center",
                        bbox={"facecolor": "white", "alpha": 0.7, "linewidth": 0})
            ax.set_axis_off()
            ax.set_title(tr("s_map", lang))
            ax.legend(fontsize=7, markerscale=3)
            pdf.savefig(fig)
            plt.close(fig)

        r = ind["rta"]
        r = r[r["country_families"] >= 30]
        if len(r):
            piv = r.pivot_table(index="origin", columns="group", values="rta").reindex(columns=[g.id for g in pm.taxonomy.groups])
            piv = piv.loc[r.groupby("origin")["country_families"].first().sort_values(ascending=False).index[:20]]
            fig, ax = plt.subplots(figsize=(11.69, 8.27))
            im = ax.imshow(np.log2(piv.to_numpy(dtype=float)), cmap="RdBu", vmin=-3, vmax=3, aspect="auto")
            ax.set_xticks(range(len(piv.columns)), [labels[c] for c in piv.columns], rotation=40, ha="right", fontsize=8)
            ax.set_yticks(range(len(piv.index)), list(piv.index))
            fig.colorbar(im, label="log2 RTA")
            ax.set_title(tr("s_rta", lang))
            fig.tight_layout()
            pdf.savefig(fig)
            plt.close(fig)
    return path
