"""Reports in Vietnamese and English: HTML pages and PDF files with charts (rank charts with uncertainty
intervals, bar and dot charts, coefficient plots) and the tables as CSV.

No choropleths: province boundaries are not in our data (a licensed boundary file would be needed).
"""

from __future__ import annotations

import base64
import io
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ipoffice.core import i18n
from ipoffice.innovation.engine import IndexResult

i18n.register({
    "innovation.report.index_title": {"vi": "Chỉ số tổng hợp: {name}", "en": "Composite index: {name}"},
    "innovation.report.results": {"vi": "Kết quả và thứ hạng", "en": "Scores and ranks"},
    "innovation.report.ranks_ci": {"vi": "Thứ hạng và khoảng bất định ({lo}–{hi} phân vị, {n} lần mô phỏng)",
                                   "en": "Ranks with uncertainty intervals ({lo}th–{hi}th percentile, {n} runs)"},
    "innovation.report.sensitivity": {"vi": "Độ nhạy (chỉ số bậc một Si và toàn phần STi)",
                                      "en": "Sensitivity (first-order Si and total STi indices)"},
    "innovation.report.audit": {"vi": "Kiểm định thống kê", "en": "Statistical audit"},
    "innovation.report.exclusions": {"vi": "Những gì bị loại và lý do", "en": "What was left out, and why"},
    "innovation.report.strengths": {"vi": "Điểm mạnh và điểm yếu của từng đơn vị (theo thứ hạng chỉ số)",
                                    "en": "Strengths and weaknesses of each unit (by indicator rank)"},
    "innovation.report.method": {"vi": "Phương pháp", "en": "Method"},
    "innovation.report.rank": {"vi": "Thứ hạng", "en": "Rank"},
    "innovation.report.score": {"vi": "Điểm", "en": "Score"},
    "innovation.report.no_map": {
        "vi": "Không vẽ bản đồ: dữ liệu không có ranh giới hành chính (cần tệp ranh giới có giấy phép).",
        "en": "No map: our data has no administrative boundaries (a licensed boundary file would be needed)."},
    "innovation.report.impact_title": {"vi": "Đổi mới sáng tạo và tăng trưởng kinh tế",
                                       "en": "Innovation and economic growth"},
    "innovation.report.accounting": {"vi": "Hạch toán tăng trưởng của Việt Nam (% mỗi năm)",
                                     "en": "Growth accounting for Viet Nam (% per year)"},
    "innovation.report.regressions": {"vi": "Hồi quy dữ liệu bảng các nước (hiệu ứng cố định hai chiều)",
                                      "en": "Country panel regressions (two-way fixed effects)"},
    "innovation.report.heterogeneity": {
        "vi": "Hệ số của vốn sáng chế theo nhóm thu nhập (1 = thấp nhất; chia theo GDP bình quân đầu người)",
        "en": "Patent-stock coefficient by income group (1 = lowest; split by GDP per person)"},
    "innovation.report.granger": {"vi": "Kiểm định kiểu Granger", "en": "Granger-type tests"},
    "innovation.report.reading": {"vi": "Đọc kết quả thế nào", "en": "How to read these results"},
    "innovation.report.association": {
        "vi": ("Các hệ số là mối liên hệ (tương quan có điều kiện), không phải quan hệ nhân quả. Hồi quy so sánh "
               "mỗi nước với chính nó qua thời gian, sau khi loại mức riêng của từng nước và cú sốc chung của từng "
               "năm. Hệ số chỉ là tác động nhân quả nếu không có yếu tố nào khác thay đổi theo thời gian cùng lúc "
               "ảnh hưởng đến cả sáng chế và sản lượng, và nếu tăng trưởng không phải là nguyên nhân của sáng chế. "
               "Kiểm định Granger chỉ cho biết quá khứ của biến này có giúp dự báo biến kia hay không — đó là "
               "thứ tự thời gian, chưa phải nhân quả. Muốn khẳng định nhân quả cần một nguồn biến động ngoại sinh "
               "(ví dụ thay đổi chính sách, biến công cụ) hoặc một thiết kế thực nghiệm."),
        "en": ("The coefficients are associations (conditional correlations), not causal effects. The regressions "
               "compare each country with itself over time, after removing each country's own level and each "
               "year's common shock. A coefficient would be a causal effect only if nothing else that changes over "
               "time moved both patenting and output, and if growth did not itself drive patenting. A Granger-type "
               "test only says whether the past of one series helps predict the other — precedence in time, not "
               "causation. A causal claim needs an outside source of variation (a policy change, an instrument) "
               "or an experiment."),
    },
    "innovation.report.elasticity": {
        "vi": "Hệ số {var}: {coef:.3f} (khoảng tin cậy 95%: {lo:.3f} đến {hi:.3f}; p = {p:.3f}).",
        "en": "Coefficient on {var}: {coef:.3f} (95% CI {lo:.3f} to {hi:.3f}; p = {p:.3f})."},
    "innovation.report.tfp": {
        "vi": "TFP là phần dư Solow; tỷ phần vốn α = {alpha} là giả định (PWT không có tỷ phần lao động của Việt Nam).",
        "en": "TFP is the Solow residual; the capital share α = {alpha} is assumed (PWT has no labour share for Viet Nam)."},
})


@dataclass
class Report:
    html: dict[str, Path]
    pdf: dict[str, Path]
    csv: list[Path]
    charts: list[Path]


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    return buf.getvalue()


def _html_page(title: str, sections: list[tuple[str, str]], lang: str) -> str:
    from jinja2 import Environment

    tpl = Environment(autoescape=True).from_string(
        """<!doctype html><html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ title }}</title>
<style>body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}
th{background:#f3f3f3}pre{background:#f8f8f8;padding:1em;overflow:auto;font-size:12px}img{max-width:100%}</style>
</head><body><h1>{{ title }}</h1>
{% for h, body in sections %}<h2>{{ h }}</h2>{{ body | safe }}{% endfor %}</body></html>""")
    return tpl.render(title=title, sections=sections, lang=lang)


def _img(png: bytes) -> str:
    return f'<img alt="" src="data:image/png;base64,{base64.b64encode(png).decode()}">'


def _pdf(path: Path, title: str, texts: list[str], figures: list) -> None:
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    with PdfPages(path) as pdf:
        for text in texts:
            lines = []
            for para in text.split("\n"):
                lines.extend(textwrap.wrap(para, 110) or [""])
            for start in range(0, max(len(lines), 1), 70):
                fig = plt.figure(figsize=(8.27, 11.69))
                fig.text(0.05, 0.97, title, fontsize=12, weight="bold", va="top")
                fig.text(0.05, 0.94, "\n".join(lines[start:start + 70]), family="monospace", fontsize=6.5, va="top")
                pdf.savefig(fig)
                plt.close(fig)
        for fig in figures:
            pdf.savefig(fig)


def write_index_report(result: IndexResult, out: str | Path, uncertainty=None, sensitivity=None,
                       audit=None, langs: tuple[str, ...] = ("vi", "en")) -> Report:
    """Write CSV tables, PNG charts, and an HTML and a PDF report per language."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    csvs = result.write_csv(out)
    fw = result.framework
    root = fw.root
    table = result.table()
    charts: list[Path] = []
    html: dict[str, Path] = {}
    pdfs: dict[str, Path] = {}
    if uncertainty is not None:
        st = uncertainty.rank_stats()
        p = out / "rank_intervals.csv"
        st.to_csv(p)
        csvs.append(p)
    from ipoffice.innovation.audit import strengths_weaknesses

    sw = strengths_weaknesses(result, level=1)
    p = out / "strengths_weaknesses.csv"
    sw.to_csv(p, index=False)
    csvs.append(p)
    sw_text = (sw.groupby(["unit", "kind"])["code"].apply(", ".join).unstack("kind").reindex(table.index)
               if len(sw) else pd.DataFrame())
    if sensitivity is not None:
        p = out / "sensitivity.csv"
        sensitivity.table().to_csv(p)
        csvs.append(p)
    for lang in langs:
        figs = []
        # bar chart of index scores (dot chart of ranks with intervals when available)
        t = table.dropna(subset=[root])
        fig, ax = plt.subplots(figsize=(8, max(3, 0.18 * len(t))))
        ax.barh(range(len(t)), t[root].astype(float), color="#3b6ea5")
        ax.set_yticks(range(len(t)), [result.unit_names.get(u, u) for u in t.index], fontsize=7)
        ax.invert_yaxis()
        ax.set_xlabel(i18n.t("innovation.report.score", lang))
        ax.set_title(fw.label(root, lang))
        figs.append(fig)
        pngs = [_png(fig)]
        sections = [(i18n.t("innovation.report.results", lang), _img(pngs[0]) +
                     table.round(2).to_html(classes="results"))]
        if uncertainty is not None:
            lo, hi = uncertainty.interval
            st = uncertainty.rank_stats()
            fig2, ax2 = plt.subplots(figsize=(8, max(3, 0.18 * len(st))))
            y = range(len(st))
            ax2.hlines(y, st[f"q{lo:g}"], st[f"q{hi:g}"], color="#999")
            ax2.plot(st["median"], y, "o", color="#3b6ea5", ms=3, label="median")
            ax2.plot(st["nominal"], y, "x", color="#c0392b", ms=4, label="nominal")
            ax2.set_yticks(list(y), [result.unit_names.get(u, u) for u in st.index], fontsize=7)
            ax2.invert_yaxis()
            ax2.set_xlabel(i18n.t("innovation.report.rank", lang))
            ax2.legend(fontsize=7)
            figs.append(fig2)
            pngs.append(_png(fig2))
            sections.append((i18n.t("innovation.report.ranks_ci", lang, lo=f"{lo:g}", hi=f"{hi:g}",
                                    n=uncertainty.ranks.shape[0]), _img(pngs[-1]) + st.round(1).to_html()))
        if sensitivity is not None:
            sections.append((i18n.t("innovation.report.sensitivity", lang),
                             f"<pre>{sensitivity.summary()}</pre>"))
        if audit is not None:
            sections.append((i18n.t("innovation.report.audit", lang), f"<pre>{audit.summary()}</pre>"))
        if len(sw_text):
            sections.append((i18n.t("innovation.report.strengths", lang), sw_text.to_html()))
        exc = pd.DataFrame([e.__dict__ for e in result.exclusions], columns=["kind", "code", "reason", "detail"])
        sections.append((i18n.t("innovation.report.exclusions", lang), exc.to_html(index=False)))
        sections.append((i18n.t("innovation.report.method", lang), f"<pre>{result.summary(top=0)}</pre>"
                         f"<p>{i18n.t('innovation.report.no_map', lang)}</p>"))
        title = i18n.t("innovation.report.index_title", lang, name=fw.label(root, lang))
        hp = out / f"report.{lang}.html"
        hp.write_text(_html_page(title, sections, lang), encoding="utf-8")
        html[lang] = hp
        pp = out / f"report.{lang}.pdf"
        texts = [result.summary(top=len(table))]
        if uncertainty is not None:
            texts.append(uncertainty.summary(top=len(table)))
        if sensitivity is not None:
            texts.append(sensitivity.summary())
        if audit is not None:
            texts.append(audit.summary())
        _pdf(pp, title, texts, figs)
        pdfs[lang] = pp
        if lang == langs[0]:
            for i, png in enumerate(pngs):
                cp = out / f"chart_{i + 1}.png"
                cp.write_bytes(png)
                charts.append(cp)
        for f in figs:
            plt.close(f)
    return Report(html, pdfs, csvs, charts)


def write_impact_report(out: str | Path, panel: pd.DataFrame | None = None, iso3: str = "VNM",
                        alpha: float = 0.4, langs: tuple[str, ...] = ("vi", "en"),
                        provincial: tuple[pd.DataFrame, str, str] | None = None) -> Report:
    """Innovation → growth: growth accounting for ``iso3``, FE elasticities with CIs, Granger-type tests,
    and the plain-words reading (association vs causation)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ipoffice.innovation.growth.data import load_panel
    from ipoffice.innovation.growth.models import (
        granger,
        growth_accounting,
        growth_regression,
        knowledge_production,
        production_function,
    )

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    panel = load_panel() if panel is None else panel
    ga = growth_accounting(panel, iso3, alpha)
    named = [("levels", "fe_production_function", production_function(panel, lag=1)),
             ("growth", "fe_growth_regression", growth_regression(panel)),
             ("knowledge", "fe_knowledge_production", knowledge_production(panel))]
    if provincial is not None:
        from ipoffice.innovation.growth.models import provincial_regression

        named.append(("provinces", "fe_provinces", provincial_regression(*provincial)))
    regs = [r for _, _, r in named]
    from ipoffice.innovation.growth.models import by_income_group

    hetero = by_income_group(panel)
    tests = [granger(panel, "pat_res", "rgdpna_pc"), granger(panel, "rgdpna_pc", "pat_res")]
    csvs = []
    for name, df in [("growth_accounting", ga.periods), ("growth_accounting_annual", ga.annual),
                     *[(fname, r.table()) for _, fname, r in named],
                     ("granger", pd.DataFrame([t.__dict__ for t in tests])),
                     ("fe_patent_stock_by_income_group", hetero)]:
        p = out / f"{name}.csv"
        df.to_csv(p)
        csvs.append(p)
    html: dict[str, Path] = {}
    pdfs: dict[str, Path] = {}
    charts: list[Path] = []
    for lang in langs:
        fig, ax = plt.subplots(figsize=(7, 3.5))
        per = ga.periods
        bottom = pd.Series(0.0, index=per.index)
        neg = pd.Series(0.0, index=per.index)
        for col, color in (("capital", "#3b6ea5"), ("labour", "#7fb3d5"), ("tfp", "#e67e22")):
            v = per[col]
            base = bottom.where(v >= 0, neg)
            ax.bar(per.index, v, bottom=base, label=col, color=color)
            bottom = bottom + v.clip(lower=0)
            neg = neg + v.clip(upper=0)
        ax.plot(per.index, per["gdp"], "kD", label="GDP")
        ax.axhline(0, color="#444", lw=0.5)
        ax.legend(fontsize=7)
        ax.set_title(i18n.t("innovation.report.accounting", lang))
        fig2, ax2 = plt.subplots(figsize=(7, 3.5))
        rows = [(f"{short}: {e.variable}", e) for short, _, r in named for e in r.elasticities]
        for i, (_, e) in enumerate(rows):
            ax2.errorbar(e.coef, i, xerr=[[e.coef - e.ci_low], [e.ci_high - e.coef]], fmt="o", color="#3b6ea5")
        ax2.axvline(0, color="#c0392b", lw=0.8)
        ax2.set_yticks(range(len(rows)), [r[0] for r in rows], fontsize=6)
        ax2.invert_yaxis()
        ax2.set_title(i18n.t("innovation.report.regressions", lang), fontsize=9)
        figs = [fig, fig2]
        pngs = [_png(fig), _png(fig2)]
        words = [i18n.t("innovation.report.elasticity", lang, var=e.variable, coef=e.coef, lo=e.ci_low,
                        hi=e.ci_high, p=e.p_value) for r in regs for e in r.elasticities]
        reading = i18n.t("innovation.report.association", lang)
        sections = [
            (i18n.t("innovation.report.accounting", lang), _img(pngs[0]) + ga.periods.round(2).to_html() +
             f"<p>{i18n.t('innovation.report.tfp', lang, alpha=alpha)}</p>"),
            (i18n.t("innovation.report.regressions", lang), _img(pngs[1]) +
             "".join(f"<pre>{r.summary()}</pre>" for r in regs) + "<ul>" +
             "".join(f"<li>{w}</li>" for w in words) + "</ul>" +
             f"<h3>{i18n.t('innovation.report.heterogeneity', lang)}</h3>" + hetero.round(4).to_html()),
            (i18n.t("innovation.report.granger", lang), "<ul>" + "".join(f"<li>{t.sentence()}</li>" for t in tests)
             + "</ul>"),
            (i18n.t("innovation.report.reading", lang), f"<p>{reading}</p>"),
        ]
        title = i18n.t("innovation.report.impact_title", lang)
        hp = out / f"impact.{lang}.html"
        hp.write_text(_html_page(title, sections, lang), encoding="utf-8")
        html[lang] = hp
        pp = out / f"impact.{lang}.pdf"
        text = "\n\n".join([ga.summary(), *[r.summary() for r in regs], *words,
                            i18n.t("innovation.report.heterogeneity", lang), hetero.round(4).to_string(),
                            *[t.sentence() for t in tests], reading])
        _pdf(pp, title, [text], figs)
        pdfs[lang] = pp
        if lang == langs[0]:
            for i, png in enumerate(pngs):
                cp = out / f"impact_chart_{i + 1}.png"
                cp.write_bytes(png)
                charts.append(cp)
        for f in figs:
            plt.close(f)
    return Report(html, pdfs, csvs, charts)
