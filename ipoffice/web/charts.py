"""Server-rendered SVG charts (no JavaScript, no CDN): the backlog by step against the statutory limit."""

from __future__ import annotations

from html import escape

from ipoffice.core import i18n
from ipoffice.core.rights import RightKind, right_label
from ipoffice.office.clock import Backlog

ROW_H = 34
LEFT = 420
WIDTH = 1000


def backlog_chart(b: Backlog, lang: str) -> str:
    """One bar per (right, step): median age of the pending files; a tick at the median legal limit; the
    overdue share in red. Scales to the largest of ages and limits."""
    rows = b.rows
    title = i18n.t("web.stats.chart_title", lang)
    if not rows:
        return ""
    top = max(max(r.p90_age_days, r.median_limit_days or 0, 1) for r in rows)
    scale = (WIDTH - LEFT - 290) / top
    height = 40 + ROW_H * len(rows) + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="bl-title bl-desc" class="chart">',
        f'<title id="bl-title">{escape(title)}</title>',
        f'<desc id="bl-desc">{escape(i18n.t("web.stats.chart_desc", lang))}</desc>',
    ]
    for i, r in enumerate(rows):
        y = 30 + i * ROW_H
        label = f"{right_label(RightKind(r.right), lang)} · {i18n.t('web.step.' + r.step, lang)}"
        w = max(1.0, r.median_age_days * scale)
        over = r.share_overdue
        parts.append(
            f'<text x="{LEFT - 8}" y="{y + 17}" text-anchor="end" class="lbl">{escape(label)}</text>'
        )
        parts.append(f'<rect x="{LEFT}" y="{y + 4}" width="{w:.1f}" height="18" class="bar"/>')
        if over:
            parts.append(f'<rect x="{LEFT}" y="{y + 22}" width="{w * over:.1f}" height="4" class="over"/>')
        p90 = LEFT + r.p90_age_days * scale
        parts.append(f'<line x1="{p90:.1f}" x2="{p90:.1f}" y1="{y + 8}" y2="{y + 18}" class="p90"/>')
        if r.median_limit_days:
            x = LEFT + r.median_limit_days * scale
            parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y}" y2="{y + 28}" class="limit"/>')
        txt = i18n.t(
            "web.stats.bar_text", lang, n=r.count, median=int(r.median_age_days), overdue=round(100 * over)
        )
        end = max(w, r.p90_age_days * scale, (r.median_limit_days or 0) * scale)
        parts.append(f'<text x="{LEFT + end + 8:.1f}" y="{y + 17}" class="val">{escape(txt)}</text>')
    ly = height - 14
    parts.append(
        f'<rect x="{LEFT}" y="{ly - 10}" width="14" height="10" class="bar"/>'
        f'<text x="{LEFT + 20}" y="{ly}" class="val">{escape(i18n.t("web.stats.legend_median", lang))}</text>'
    )
    parts.append(
        f'<line x1="{LEFT + 230}" x2="{LEFT + 230}" y1="{ly - 12}" y2="{ly + 2}" class="limit"/>'
        f'<text x="{LEFT + 238}" y="{ly}" class="val">{escape(i18n.t("web.stats.legend_limit", lang))}</text>'
    )
    parts.append(
        f'<rect x="{LEFT + 420}" y="{ly - 6}" width="14" height="4" class="over"/>'
        f'<text x="{LEFT + 440}" y="{ly}" class="val">{escape(i18n.t("web.stats.legend_overdue", lang))}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)
