"""Public analytics pages: the innovation index (issue 6), the innovation → growth report and the patent map of the
strategic technology groups (issue 5).

Everything is computed by the libraries (``ipoffice.innovation``, ``ipoffice.patentmap``) on the data shipped in the
package, once per process (the results are cached in memory: the first request pays, the rest are fast). Charts
are server-rendered SVG (no JavaScript, no CDN). The patent map's full interactive report (plotly inline) is
written once per process into a cache folder next to the database's files and served in a sandbox.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
from babel.numbers import format_decimal
from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from ipoffice.core import i18n
from ipoffice.core.errors import NotFound, UserError
from ipoffice.web.auth import Access, require
from ipoffice.web.i18n import LOCALES
from ipoffice.web.pages.common import page

router = APIRouter()
PUBLIC = [Depends(require(Access.PUBLIC))]

i18n.register(
    {
        "web.analytics.bad_option": {
            "vi": "Giá trị «{value}» không hợp lệ cho «{option}»; các giá trị được phép: {allowed}.",
            "en": "“{value}” is not a valid {option}; allowed: {allowed}.",
        },
        "web.analytics.unknown_unit": {
            "vi": "Không có đơn vị «{unit}» trong chỉ số này.",
            "en": "There is no unit “{unit}” in this index.",
        },
        "web.analytics.unknown_table": {
            "vi": "Không có bảng «{table}»; các bảng: {allowed}.",
            "en": "There is no table “{table}”; tables: {allowed}.",
        },
        "web.analytics.nav": {"vi": "Phân tích", "en": "Analytics"},
        "web.analytics.innovation": {"vi": "Chỉ số đổi mới sáng tạo", "en": "Innovation index"},
        "web.analytics.impact": {"vi": "Đổi mới sáng tạo và tăng trưởng", "en": "Innovation and growth"},
        "web.analytics.patent_map": {"vi": "Bản đồ sáng chế công nghệ chiến lược",
                                     "en": "Patent map of strategic technologies"},
        "web.analytics.index.pii": {"vi": "Chỉ số ĐMST cấp tỉnh (PII) — {units} đơn vị",
                                    "en": "Provincial Innovation Index (PII) — {units} units"},
        "web.analytics.index.asem": {"vi": "Ví dụ ASEM của COINr (đối chiếu phương pháp)",
                                     "en": "COINr's ASEM example (method reference)"},
        "web.analytics.pii_note": {
            "vi": ("Tính trên dữ liệu đi kèm phần mềm (Tổng cục Thống kê: dân số, diện tích, GRDP bình quân đầu "
                   "người năm {year}). Các chỉ số thành phần là chỉ số đại diện, không phải danh sách chính thức 52 "
                   "chỉ số của Bộ KH&CN [cần kiểm chứng]; chỉ số nào không có dữ liệu được liệt kê ở mục loại trừ. "
                   "Vì vậy thứ hạng này KHÔNG phải là PII chính thức."),
            "en": ("Computed on the data shipped with the software (General Statistics Office: population, area, GRDP "
                   "per capita in {year}). The indicators are proxies, not the Ministry of Science and Technology's "
                   "official 52 [verify]; every indicator without data is listed under exclusions. These ranks are "
                   "therefore NOT the official PII."),
        },
        "web.analytics.asem_note": {
            "vi": "Ví dụ ASEM của COINr (51 đơn vị, 49 chỉ số), tái lập điểm và thứ hạng đã công bố của COINr.",
            "en": "COINr's ASEM example (51 units, 49 indicators), reproducing COINr's published scores and ranks.",
        },
        "web.analytics.units": {"vi": "Số đơn vị", "en": "Units"},
        "web.analytics.published": {"vi": "So sánh với PII đã công bố (ấn bản {edition}, theo báo chí)",
                                    "en": "Compared with the published PII ({edition} edition, from the press)"},
        "web.analytics.published_note": {
            "vi": ("{n} đơn vị khớp tên; hệ số Spearman của thứ hạng = {rho}. Bảng công bố chỉ có các đơn vị đứng "
                   "đầu và cuối, nên hệ số này bị phóng đại bởi hai đầu: chỉ là kiểm tra hợp lý, không phải "
                   "kiểm chứng. Chưa khớp: {unmatched}."),
            "en": ("{n} units matched by name; Spearman rho of ranks = {rho}. The published table lists only the top "
                   "and bottom units, so rho is inflated by the extremes: a sanity check, not a validation. "
                   "Unmatched: {unmatched}."),
        },
        "web.analytics.published_rank": {"vi": "Hạng công bố", "en": "Published rank"},
        "web.analytics.published_score": {"vi": "Điểm công bố", "en": "Published score"},
        "web.analytics.our_rank": {"vi": "Hạng tính ở đây", "en": "Our rank"},
        "web.analytics.our_score": {"vi": "Điểm tính ở đây", "en": "Our score"},
        "web.analytics.unit": {"vi": "Đơn vị", "en": "Unit"},
        "web.analytics.rank": {"vi": "Hạng", "en": "Rank"},
        "web.analytics.interval": {"vi": "Khoảng hạng ({lo}–{hi} phân vị)", "en": "Rank interval ({lo}th–{hi}th pct.)"},
        "web.analytics.median_rank": {"vi": "Hạng trung vị", "en": "Median rank"},
        "web.analytics.runs": {
            "vi": "Khoảng bất định từ {n} lần mô phỏng Monte Carlo (trọng số ±20%, cách tổng hợp, cách điền dữ liệu).",
            "en": "Uncertainty intervals from {n} Monte Carlo runs (weights ±20%, aggregation, imputation).",
        },
        "web.analytics.rank_chart": {"vi": "Thứ hạng danh nghĩa (×) và khoảng bất định (vạch)",
                                     "en": "Nominal rank (×) and uncertainty interval (bar)"},
        "web.analytics.scores": {"vi": "Điểm chỉ số và các trụ cột (0–100)", "en": "Index and pillar scores (0–100)"},
        "web.analytics.strengths": {"vi": "Điểm mạnh", "en": "Strengths"},
        "web.analytics.weaknesses": {"vi": "Điểm yếu", "en": "Weaknesses"},
        "web.analytics.sw_note": {
            "vi": "Điểm mạnh/yếu: các chỉ số có thứ hạng tốt nhất/kém nhất của đơn vị (theo thứ hạng chỉ số).",
            "en": "Strengths/weaknesses: the unit's best- and worst-ranked indicators (by indicator rank).",
        },
        "web.analytics.audit": {"vi": "Kiểm định thống kê (thực hành của JRC)",
                                "en": "Statistical audit (JRC practice)"},
        "web.analytics.aggregate": {"vi": "Nhóm", "en": "Aggregate"},
        "web.analytics.k": {"vi": "Số thành phần", "en": "Components"},
        "web.analytics.alpha": {"vi": "Cronbach α", "en": "Cronbach's α"},
        "web.analytics.pc1": {"vi": "PC1 (% phương sai)", "en": "PC1 (% variance)"},
        "web.analytics.min_r": {"vi": "r nhỏ nhất (thành phần, nhóm)", "en": "min r(component, parent)"},
        "web.analytics.flags": {"vi": "{n} cảnh báo kiểm định (bằng tiếng Anh, do thư viện sinh ra)",
                                "en": "{n} audit flags"},
        "web.analytics.exclusions": {"vi": "Những gì bị loại và lý do", "en": "What was left out, and why"},
        "web.analytics.kind": {"vi": "Loại", "en": "Kind"},
        "web.analytics.code": {"vi": "Mã", "en": "Code"},
        "web.analytics.reason": {"vi": "Lý do", "en": "Reason"},
        "web.analytics.downloads": {"vi": "Tải về (CSV)", "en": "Downloads (CSV)"},
        "web.analytics.back": {"vi": "Quay lại bảng xếp hạng", "en": "Back to the ranking"},
        "web.analytics.score": {"vi": "Điểm", "en": "Score"},
        "web.analytics.level": {"vi": "Cấp", "en": "Level"},
        "web.analytics.no_map": {
            "vi": "Không vẽ bản đồ: dữ liệu không có ranh giới hành chính; dùng biểu đồ cột và điểm.",
            "en": "No map: our data has no administrative boundaries; bar and dot charts instead.",
        },
        "web.analytics.accounting": {"vi": "Hạch toán tăng trưởng của Việt Nam (điểm % mỗi năm)",
                                     "en": "Growth accounting for Viet Nam (percentage points per year)"},
        "web.analytics.period": {"vi": "Giai đoạn", "en": "Period"},
        "web.analytics.gdp": {"vi": "Tăng trưởng GDP", "en": "GDP growth"},
        "web.analytics.capital": {"vi": "Vốn", "en": "Capital"},
        "web.analytics.labour": {"vi": "Lao động", "en": "Labour"},
        "web.analytics.tfp": {"vi": "TFP", "en": "TFP"},
        "web.analytics.coefficients": {"vi": "Hệ số và khoảng tin cậy 95%", "en": "Coefficients with 95% CIs"},
        "web.analytics.model.levels": {"vi": "Hàm sản xuất với vốn sáng chế (trễ 1 năm)",
                                       "en": "Production function with a patent stock (lag 1)"},
        "web.analytics.model.growth": {"vi": "Hồi quy tăng trưởng với tăng trưởng sáng chế trễ",
                                       "en": "Growth regression with lagged patent growth"},
        "web.analytics.model.knowledge": {"vi": "Hàm sản xuất tri thức (sáng chế theo R&D và nhà nghiên cứu)",
                                          "en": "Knowledge production (patents on R&D and researchers)"},
        "web.analytics.variable": {"vi": "Biến", "en": "Variable"},
        "web.analytics.coef": {"vi": "Hệ số", "en": "Coefficient"},
        "web.analytics.ci": {"vi": "KTC 95%", "en": "95% CI"},
        "web.analytics.obs": {"vi": "{n} quan sát, {c} nước, {y0}–{y1}; phụ thuộc: {dep}",
                              "en": "{n} observations, {c} countries, {y0}–{y1}; dependent: {dep}"},
        "web.analytics.income_group": {"vi": "Nhóm thu nhập", "en": "Income group"},
        "web.analytics.countries": {"vi": "Số nước", "en": "Countries"},
        "web.analytics.granger_sentence": {
            "vi": ("Quá khứ của {cause} {verdict} dự báo {effect} ngoài quá khứ của chính nó "
                   "(Wald χ²({df}) = {wald}, p = {p}, {n} quan sát)."),
            "en": ("The past of {cause} {verdict} predict {effect} beyond its own past "
                   "(Wald χ²({df}) = {wald}, p = {p}, {n} obs.)."),
        },
        "web.analytics.granger_yes": {"vi": "có giúp", "en": "does help"},
        "web.analytics.granger_no": {"vi": "không giúp", "en": "does not help"},
        "web.analytics.taxonomy": {"vi": "Danh mục", "en": "Taxonomy"},
        "web.analytics.in_force": {"vi": "hiệu lực từ {start}{until}", "en": "in force from {start}{until}"},
        "web.analytics.until": {"vi": " đến {end}", "en": " until {end}"},
        "web.analytics.families": {"vi": "Họ sáng chế trong dữ liệu", "en": "Patent families in the data"},
        "web.analytics.classified": {"vi": "Thuộc ít nhất một nhóm", "en": "In at least one group"},
        "web.analytics.cutoff": {"vi": "Ngày chốt dữ liệu", "en": "Data cut-off"},
        "web.analytics.demo_note": {
            "vi": ("Dữ liệu: các sáng chế của văn phòng mẫu (bản ghi thật của PatentsView NVIDIA và BioPAT), "
                   "không phải dữ liệu của Cục SHTT. Nhãn [verify] đánh dấu các dòng cần kiểm chứng với văn bản gốc."),
            "en": ("Data: the demo office's patents (real PatentsView NVIDIA and BioPAT records), not IP Viet Nam's "
                   "register. [verify] marks rows still to check against the official text."),
        },
        "web.analytics.group": {"vi": "Nhóm công nghệ", "en": "Technology group"},
        "web.analytics.by_query": {"vi": "theo mã (A) / từ khoá (B) / mã + từ khoá (C)",
                                   "en": "by codes (A) / keywords (B) / codes + keywords (C)"},
        "web.analytics.trend": {"vi": "Số họ theo năm ưu tiên (* = năm chưa đầy đủ)",
                                "en": "Families per priority year (* = incomplete year)"},
        "web.analytics.cagr": {"vi": "Tăng trưởng bình quân (CAGR) {y0}–{y1}",
                               "en": "Compound annual growth (CAGR) {y0}–{y1}"},
        "web.analytics.corpus_cagr": {"vi": "toàn bộ dữ liệu: {r}", "en": "whole corpus: {r}"},
        "web.analytics.top_applicants": {"vi": "Người nộp đơn hàng đầu", "en": "Top applicants"},
        "web.analytics.applicant": {"vi": "Người nộp đơn", "en": "Applicant"},
        "web.analytics.type": {"vi": "Loại", "en": "Type"},
        "web.analytics.white_spaces": {"vi": "Khoảng trống công nghệ (ứng viên)",
                                       "en": "White spaces (candidates)"},
        "web.analytics.where": {"vi": "Ở đâu", "en": "Where"},
        "web.analytics.observed": {"vi": "Quan sát", "en": "Observed"},
        "web.analytics.expected": {"vi": "Kỳ vọng", "en": "Expected"},
        "web.analytics.key_findings": {"vi": "Những điểm chính", "en": "Key findings"},
        "web.analytics.full_report": {"vi": "Báo cáo đầy đủ, tương tác (biểu đồ, mạng đồng phân loại, bản đồ công nghệ)",
                                      "en": "Full interactive report (charts, co-classification network, technology map)"},
        "web.analytics.first_visit": {
            "vi": "Lần xem đầu tiên sau khi khởi động máy chủ mất vài chục giây để tính toán.",
            "en": "The first view after a server start takes some tens of seconds to compute.",
        },
    }
)

T = TypeVar("T")
_CACHE: dict[tuple[str, ...], Any] = {}
_LOCK = threading.RLock()  # re-entrant: a cached computation may use another (map → corpus)


def cached(key: tuple[str, ...], compute: Callable[[], T]) -> T:
    """Compute once per process (and once only even when two first requests arrive together)."""
    if key in _CACHE:
        return _CACHE[key]
    with _LOCK:
        if key not in _CACHE:
            _CACHE[key] = compute()
        return _CACHE[key]


def num(value: Any, lang: str, digits: int = 2) -> str:
    """A number in the page's locale with ``digits`` decimals (``68,38`` / ``68.38``); ``—`` when missing."""
    if value is None or (isinstance(value, float) and value != value) or pd.isna(value):
        return "—"
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(float(value), format=pattern, locale=LOCALES[lang])


def _choice(value: str, allowed: tuple[str, ...], option: str) -> str:
    if value not in allowed:
        raise UserError(
            "web.analytics.bad_option", field=option, rule="one of " + ", ".join(allowed),
            option=option, value=value[:40], allowed=", ".join(allowed),
        )
    return value


# --------------------------------------------------------------------------------------------- SVG charts


def bar_svg(rows: list[tuple[str, float]], title: str, unit: str = "", lang: str = "vi") -> str:
    """Horizontal bars, one per (label, value); values ≥ 0."""
    if not rows:
        return ""
    left, width, row_h = 330, 1000, 20
    top = max(v for _, v in rows) or 1.0
    scale = (width - left - 90) / top
    h = 30 + row_h * len(rows) + 10
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {h}" role="img" class="chart">'
           f"<title>{escape(title)}</title>"]
    for i, (label, v) in enumerate(rows):
        y = 24 + i * row_h
        out.append(f'<text x="{left - 6}" y="{y + 13}" text-anchor="end" class="lbl">{escape(label[:48])}</text>'
                   f'<rect x="{left}" y="{y + 3}" width="{max(v * scale, 1):.1f}" height="13" class="bar"/>'
                   f'<text x="{left + v * scale + 6:.1f}" y="{y + 13}" class="val">{escape(num(v, lang, 1 if unit else 0))}'
                   f"{escape(unit)}</text>")
    out.append("</svg>")
    return "".join(out)


def interval_svg(rows: list[tuple[str, float, float, float]], title: str, lo: float, hi: float,
                 zero: bool = False) -> str:
    """One row per (label, point, low, high): a grey bar from low to high and a cross at the point.
    ``zero`` draws a red line at 0 (coefficient plots)."""
    if not rows:
        return ""
    left, width, row_h = 330, 1000, 18
    span = (hi - lo) or 1.0
    scale = (width - left - 30) / span
    h = 30 + row_h * len(rows) + 10

    def x(v: float) -> float:
        return left + (v - lo) * scale

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {h}" role="img" class="chart">'
           f"<title>{escape(title)}</title>"]
    if zero and lo <= 0 <= hi:
        out.append(f'<line x1="{x(0):.1f}" x2="{x(0):.1f}" y1="20" y2="{h - 6}" class="limit"/>')
    for i, (label, p, a, b) in enumerate(rows):
        y = 24 + i * row_h + 9
        out.append(f'<text x="{left - 6}" y="{y + 4}" text-anchor="end" class="lbl">{escape(label[:48])}</text>'
                   f'<line x1="{x(a):.1f}" x2="{x(b):.1f}" y1="{y}" y2="{y}" class="p90" stroke-width="5"/>'
                   f'<text x="{x(p):.1f}" y="{y + 5}" text-anchor="middle" class="val">×</text>')
    out.append("</svg>")
    return "".join(out)


# --------------------------------------------------------------------------------------------- innovation index

INDICES = ("pii", "asem")
UNITS = ("34", "63")
PII_YEAR = 2022
MC_RUNS = 1000
PUBLISHED_EDITION = {"34": 2025, "63": 2024}  # the latest published PII on each set of units


@dataclass
class IndexView:
    """Everything the index pages show, computed once: the library's own result objects."""

    key: str
    result: Any  # IndexResult
    uncertainty: Any  # UncertaintyResult
    audit: Any  # AuditResult
    sw: pd.DataFrame  # strengths_weaknesses(result, level=1)
    published: Any = None  # PublishedComparison with the press table (PII only)
    edition: int | None = None

    def rank_stats(self) -> pd.DataFrame:
        return self.uncertainty.rank_stats()

    def tables(self) -> dict[str, pd.DataFrame]:
        """The downloadable tables (name → frame)."""
        exc = pd.DataFrame([e.__dict__ for e in self.result.exclusions], columns=["kind", "code", "reason", "detail"])
        audit_rows = pd.DataFrame(
            [{"aggregate": g.code, "components": len(g.children), "cronbach_alpha": g.cronbach_alpha,
              "pc1_variance_share": g.pc1_variance_share,
              "min_corr_with_parent": min(g.corr_with_parent.values()) if g.corr_with_parent else float("nan")}
             for g in self.audit.groups.values()])
        out = {"results": self.result.table(), "rank_intervals": self.rank_stats(),
               "strengths_weaknesses": self.sw, "exclusions": exc, "audit": audit_rows}
        if self.published is not None:
            out["published_comparison"] = self.published.table
        return out


def _compute_index(index: str, units: str) -> IndexView:
    from ipoffice.innovation.audit import audit, strengths_weaknesses
    from ipoffice.innovation.uncertainty import UncertaintySpec, uncertainty

    if index == "asem":
        from ipoffice.innovation.engine import build_index, coinr_spec
        from ipoffice.innovation.examples import asem

        fw, df = asem()
        spec = coinr_spec()
        result = build_index(fw, df, spec)
        usp = UncertaintySpec(imputations=("group_mean", "mean"))
    else:
        from ipoffice.innovation.pii import build_pii, pii_data, shipped_tables

        df = pii_data(*shipped_tables(), PII_YEAR, units)
        result = build_pii(df)
        fw, spec, usp = result.framework, result.spec, UncertaintySpec()
    unc = uncertainty(fw, df, spec, usp, n=MC_RUNS, seed=0, nominal=result)
    view = IndexView(f"{index}-{units}", result, unc, audit(result), strengths_weaknesses(result, level=1))
    if index == "pii":
        from ipoffice.innovation.pii import compare_with_published, shipped_published

        view.edition = PUBLISHED_EDITION[units]
        view.published = compare_with_published(result, shipped_published(), view.edition)
    return view


def index_view(index: str = "pii", units: str = "34") -> IndexView:
    """The cached index view (``asem`` ignores ``units``)."""
    units = units if index == "pii" else "-"
    return cached(("index", index, units), lambda: _compute_index(index, units))


def _index_params(index: str, units: str) -> tuple[str, str]:
    return _choice(index, INDICES, "index"), _choice(units, UNITS, "units")


def _index_context(view: IndexView, lang: str) -> dict[str, Any]:
    r = view.result
    fw = r.framework
    root = fw.root
    table = r.table()
    st = view.rank_stats()
    lo, hi = view.uncertainty.interval
    cols = [c for c in table.columns if c != "Rank"]
    rows = []
    for code, row in table.iterrows():
        s = st.loc[code] if code in st.index else None
        rows.append({
            "code": code, "name": r.unit_names.get(code, code), "rank": row["Rank"],
            "median": s["median"] if s is not None else None,
            "lo": s[f"q{lo:g}"] if s is not None else None, "hi": s[f"q{hi:g}"] if s is not None else None,
            "cells": [num(row[c], lang) for c in cols],
        })
    ranked = st.dropna(subset=["nominal"]).sort_values("nominal")
    chart = interval_svg(
        [(str(r.unit_names.get(u, u)), float(v["nominal"]), float(v[f"q{lo:g}"]), float(v[f"q{hi:g}"]))
         for u, v in ranked.iterrows()],
        i18n.t("web.analytics.rank_chart", lang), 0.5, float(len(ranked)) + 0.5)
    audit_rows = [{"code": g.code, "label": fw.label(g.code, lang), "k": len(g.children),
                   "alpha": num(g.cronbach_alpha, lang), "pc1": num(100 * g.pc1_variance_share, lang, 1),
                   "min_r": num(min(g.corr_with_parent.values()), lang) if g.corr_with_parent else "—"}
                  for g in view.audit.groups.values()]
    return {
        "view": view, "root_label": fw.label(root, lang), "columns": [(c, _label(fw, c, lang)) for c in cols],
        "rows": rows, "chart": chart, "lo": f"{lo:g}", "hi": f"{hi:g}", "runs": view.uncertainty.ranks.shape[0],
        "audit_rows": audit_rows, "flags": view.audit.flags, "exclusions": r.exclusions,
        "downloads": list(view.tables()),
        "published": view.published, "edition": view.edition,
        "published_rows": [] if view.published is None else [
            {"unit": x.unit, "rank": x.published_rank, "score": num(x.published_score, lang),
             "our_rank": "—" if pd.isna(x.our_rank) else int(x.our_rank), "our_score": num(x.our_score, lang)}
            for x in view.published.table.itertuples()],
        "spearman": num(view.published.spearman, lang) if view.published is not None else "",
    }


def _label(fw: Any, code: str, lang: str) -> str:
    if code == "Efficiency":
        return "Efficiency" if lang == "en" else "Hiệu quả"
    try:
        return str(fw.label(code, lang))
    except (KeyError, ValueError):
        return code


@router.get("/analytics/innovation", response_class=HTMLResponse, dependencies=PUBLIC)
def innovation_page(request: Request, index: str = "pii", units: str = "34") -> HTMLResponse:
    index, units = _index_params(index, units)
    view = index_view(index, units)
    lang = request.state.lang
    ctx = _index_context(view, lang)
    ctx.update({"index": index, "units": units, "indices": INDICES, "year": PII_YEAR,
                "query": f"index={index}&units={units}"})
    return page(request, "analytics/innovation.html", ctx)


@router.get("/analytics/innovation/unit/{code}", response_class=HTMLResponse, dependencies=PUBLIC)
def innovation_unit_page(request: Request, code: str, index: str = "pii", units: str = "34") -> HTMLResponse:
    index, units = _index_params(index, units)
    view = index_view(index, units)
    r = view.result
    if code not in r.scores.index:
        raise NotFound("web.analytics.unknown_unit", field="code", unit=code[:40])
    lang = request.state.lang
    fw = r.framework
    st = view.rank_stats()
    lo, hi = view.uncertainty.interval
    scores = [{"code": c, "label": _label(fw, c, lang), "level": lvl, "score": num(r.scores.loc[code, c], lang),
               "rank": r.ranks.loc[code, c]}
              for lvl in range(fw.max_level, 1, -1) for c in fw.at_level(lvl) if c in r.scores.columns]
    sw = view.sw[view.sw["unit"] == code]
    parts = {kind: [{"code": x.code, "label": _label(fw, x.code, lang), "score": num(x.score, lang), "rank": x.rank}
                    for x in sw[sw["kind"] == kind].itertuples()] for kind in ("strength", "weakness")}
    s = st.loc[code] if code in st.index else None
    return page(request, "analytics/unit.html", {
        "code": code, "name": r.unit_names.get(code, code), "scores": scores, "sw": parts,
        "interval": (s[f"q{lo:g}"], s[f"q{hi:g}"], s["median"]) if s is not None else None,
        "lo": f"{lo:g}", "hi": f"{hi:g}", "index": index, "units": units,
        "query": f"index={index}&units={units}",
    })


def _csv(frame: pd.DataFrame, name: str, index: bool = True) -> Response:
    buf = io.StringIO()
    frame.to_csv(buf, index=index)
    return Response(buf.getvalue().encode("utf-8"), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


@router.get("/analytics/innovation/download/{table}.csv", dependencies=PUBLIC)
def innovation_download(table: str, index: str = "pii", units: str = "34") -> Response:
    index, units = _index_params(index, units)
    tables = index_view(index, units).tables()
    if table not in tables:
        raise NotFound("web.analytics.unknown_table", field="table", table=table[:40], allowed=", ".join(tables))
    frame = tables[table]
    return _csv(frame, f"{index}-{units}-{table}", index=table in ("results", "rank_intervals"))


# --------------------------------------------------------------------------------------------- innovation → growth


@dataclass
class ImpactView:
    """The growth-impact report's numbers (library objects): growth accounting, regressions, tests."""

    accounting: Any  # GrowthAccounting
    models: list[tuple[str, Any]]  # (short name, PanelRegression)
    by_income: pd.DataFrame
    granger: list[Any]  # GrangerTest
    alpha: float

    def tables(self) -> dict[str, pd.DataFrame]:
        out = {"growth_accounting": self.accounting.periods, "growth_accounting_annual": self.accounting.annual}
        out.update({f"fe_{short}": reg.table() for short, reg in self.models})
        out["fe_patent_stock_by_income_group"] = self.by_income
        out["granger"] = pd.DataFrame([t.__dict__ for t in self.granger])
        return out


def _compute_impact(alpha: float = 0.4) -> ImpactView:
    from ipoffice.innovation.growth.data import load_panel
    from ipoffice.innovation.growth.models import (
        by_income_group,
        granger,
        growth_accounting,
        growth_regression,
        knowledge_production,
        production_function,
    )

    panel = load_panel()
    models = [("levels", production_function(panel, lag=1)), ("growth", growth_regression(panel)),
              ("knowledge", knowledge_production(panel))]
    tests = [granger(panel, "pat_res", "rgdpna_pc"), granger(panel, "rgdpna_pc", "pat_res")]
    return ImpactView(growth_accounting(panel, "VNM", alpha), models, by_income_group(panel), tests, alpha)


def impact_view() -> ImpactView:
    return cached(("impact",), _compute_impact)


@router.get("/analytics/impact", response_class=HTMLResponse, dependencies=PUBLIC)
def impact_page(request: Request) -> HTMLResponse:
    import ipoffice.innovation.report  # noqa: F401  (registers the report's messages used below)

    v = impact_view()
    lang = request.state.lang
    per = v.accounting.periods
    accounting = [{"period": p, "cells": [num(per.loc[p, c], lang) for c in ("gdp", "capital", "labour", "tfp")]}
                  for p in per.index]
    models = []
    coef_rows: list[tuple[str, float, float, float]] = []
    for short, reg in v.models:
        els = [{"variable": e.variable, "coef": num(e.coef, lang, 3), "lo": num(e.ci_low, lang, 3),
                "hi": num(e.ci_high, lang, 3), "p": num(e.p_value, lang, 3),
                "sentence": i18n.t("innovation.report.elasticity", lang, var=e.variable, coef=e.coef, lo=e.ci_low,
                                   hi=e.ci_high, p=e.p_value)}
               for e in reg.elasticities]
        coef_rows += [(f"{short}: {e.variable}", e.coef, e.ci_low, e.ci_high) for e in reg.elasticities]
        models.append({"short": short, "title": i18n.t(f"web.analytics.model.{short}", lang), "rows": els,
                       "obs": i18n.t("web.analytics.obs", lang, n=reg.n_obs, c=reg.n_countries, y0=reg.years[0],
                                     y1=reg.years[1], dep=reg.dependent)})
    lo = min(min(r[2] for r in coef_rows), 0.0)
    hi = max(max(r[3] for r in coef_rows), 0.0)
    pad = 0.05 * (hi - lo)
    chart = interval_svg(coef_rows, i18n.t("web.analytics.coefficients", lang), lo - pad, hi + pad, zero=True)
    income = [{"group": g, "countries": row["countries"], "obs": row["obs"], "coef": num(row["coef"], lang, 3),
               "lo": num(row["ci_low"], lang, 3), "hi": num(row["ci_high"], lang, 3), "p": num(row["p_value"], lang, 3)}
              for g, row in v.by_income.iterrows()]
    granger_text = [i18n.t("web.analytics.granger_sentence", lang, cause=t.cause, effect=t.effect,
                           verdict=i18n.t("web.analytics.granger_yes" if t.p_value < 0.05 else "web.analytics.granger_no", lang),
                           df=t.df, wald=num(t.wald, lang), p=num(t.p_value, lang, 3), n=t.n_obs)
                    for t in v.granger]
    return page(request, "analytics/impact.html", {
        "accounting": accounting, "models": models, "chart": chart, "income": income, "granger": granger_text,
        "tfp_note": i18n.t("innovation.report.tfp", lang, alpha=v.alpha),
        "reading": i18n.t("innovation.report.association", lang), "downloads": list(v.tables()),
    })


@router.get("/analytics/impact/download/{table}.csv", dependencies=PUBLIC)
def impact_download(table: str) -> Response:
    tables = impact_view().tables()
    if table not in tables:
        raise NotFound("web.analytics.unknown_table", field="table", table=table[:40], allowed=", ".join(tables))
    return _csv(tables[table], table)


# --------------------------------------------------------------------------------------------- patent map

TAXONOMIES = ("21-2026", "1131-2025")
TREND_YEARS = 12
REPORT_CSP = ("sandbox allow-scripts; default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; "
              "style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'")


def _demo_corpus() -> Any:
    from ipoffice.patentmap.corpus import load_corpus

    return cached(("patentmap-corpus",), lambda: load_corpus([]))


def patent_map(taxonomy: str = "21-2026") -> Any:
    """The demo office's patent map for ``taxonomy`` (a ``PatentMap``), built once per process; both taxonomies
    share one corpus read."""
    from ipoffice.patentmap.pipeline import build_map

    return cached(("patentmap", taxonomy), lambda: build_map(None, taxonomy, corpus=_demo_corpus()))


def report_dir(request: Request, taxonomy: str) -> Path:
    """Where the full report of ``taxonomy`` is written: next to the office's files, outside the code."""
    from ipoffice.store.config import files_dir

    return files_dir(request.app.state.settings.database_url) / "analytics" / f"patent-map-{taxonomy}"


def _pct(value: float, lang: str) -> str:
    return "—" if value != value else num(100 * value, lang, 1) + " %"


@router.get("/analytics/patent-map", response_class=HTMLResponse, dependencies=PUBLIC)
def patent_map_page(request: Request, taxonomy: str = "21-2026") -> HTMLResponse:
    from ipoffice.patentmap.indicators import group_labels
    from ipoffice.patentmap.report import key_findings

    taxonomy = _choice(taxonomy, TAXONOMIES, "taxonomy")
    pm = patent_map(taxonomy)
    lang = request.state.lang
    ind = pm.indicators
    labels = group_labels(pm.gmap, lang)
    groups = ind["groups"]
    tr = ind["trend"]
    last = int(tr["priority_year"].max()) if len(tr) else 0
    years = list(range(last - TREND_YEARS + 1, last + 1)) if last else []
    incomplete = set(tr.loc[tr["incomplete"], "priority_year"].astype(int))
    growth = ind["growth"].set_index("group")
    top = ind["top_applicants"]
    rows = []
    for g in groups.itertuples():
        t = tr[tr["group"] == g.group].set_index("priority_year")["families"]
        gr = growth.loc[g.group] if g.group in growth.index else None
        rows.append({
            "group": g.group, "label": labels[g.group], "families": int(g.families),
            "a": int(g.query_a), "b": int(g.query_b), "c": int(g.query_c),
            "trend": [int(t.get(y, 0)) for y in years],
            "cagr": _pct(float(gr["cagr"]), lang) if gr is not None else "—",
            "top": [{"name": a.name, "families": int(a.families), "type": a.type}
                    for a in top[top["group"] == g.group].sort_values("families", ascending=False).head(3).itertuples()],
        })
    g0 = ind["growth"].iloc[0] if len(ind["growth"]) else None
    ws = ind["white_spaces"]
    tax = pm.taxonomy
    until = i18n.t("web.analytics.until", lang, end=tax.in_force_until) if tax.in_force_until else ""
    return page(request, "analytics/patent_map.html", {
        "taxonomy": taxonomy, "taxonomies": TAXONOMIES, "decision": tax.decision.get(lang),
        "in_force": i18n.t("web.analytics.in_force", lang, start=tax.in_force_from, until=until),
        "n_families": len(pm.corpus.families), "classified": int(pm.gmap.members["row"].nunique()),
        "as_of": ind.as_of, "rows": rows, "years": years, "incomplete": incomplete,
        "chart": bar_svg([(r["label"], r["families"]) for r in rows], i18n.t("web.analytics.patent_map", lang),
                         lang=lang),
        "cagr_title": i18n.t("web.analytics.cagr", lang, y0=int(g0["from_year"]), y1=int(g0["to_year"]))
        if g0 is not None else "",
        "corpus_cagr": i18n.t("web.analytics.corpus_cagr", lang, r=_pct(float(g0["corpus_cagr"]), lang))
        if g0 is not None else "",
        "white_spaces": [{"label": labels.get(str(w.group), str(w.group)), "kind": w.kind, "where": w.where,
                          "observed": w.observed, "expected": num(w.expected, lang, 1)} for w in ws.itertuples()],
        "findings": key_findings(pm, lang), "verify": bool(tax.doubtful),
    })


@router.get("/analytics/patent-map/report/{taxonomy}/report.{lang}.html", dependencies=PUBLIC)
def patent_map_report(request: Request, taxonomy: str, lang: str) -> FileResponse:
    """The full interactive report (plotly inline), written once per process into the cache folder. It runs its
    own inline script, so it is served with its own policy: a sandbox (no cookies, no same-origin access)."""
    taxonomy = _choice(taxonomy, TAXONOMIES, "taxonomy")
    lang = _choice(lang, ("vi", "en"), "lang")
    out = report_dir(request, taxonomy)

    def write() -> Path:
        from ipoffice.patentmap.report import write_html

        write_html(patent_map(taxonomy), out)
        return out

    folder = cached(("patentmap-report", taxonomy, str(out)), write)
    return FileResponse(folder / f"report.{lang}.html", media_type="text/html; charset=utf-8",
                        headers={"Content-Security-Policy": REPORT_CSP})
