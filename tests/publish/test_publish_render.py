"""The PDF renderer: Vietnamese text survives, and nothing outside the page is ever fetched."""

from __future__ import annotations

import logging

from pdftext import pdf_text

from ipoffice.publish.render import _vn_date, _vnd, html_to_pdf


def test_pdf_fetches_nothing_and_keeps_diacritics(caplog, monkeypatch):
    from ipoffice.publish import render

    asked: list[str] = []

    def refuse(url, *args, **kwargs):
        asked.append(url)
        raise ValueError("refused")

    monkeypatch.setattr(render, "_no_fetch", refuse)
    html = (
        '<html><body><img src="http://127.0.0.1:9/x.png"><link rel="stylesheet" href="file:///etc/passwd">'
        "<p>Người nộp đơn: Công ty Cổ phần Đường Quảng Ngãi — ỹ ữ ặ ợ ự ể đ Đ</p></body></html>"
    )
    with caplog.at_level(logging.WARNING):
        text = pdf_text(html_to_pdf(html))
    assert "Người nộp đơn: Công ty Cổ phần Đường Quảng Ngãi" in text and "ỹ ữ ặ ợ ự ể đ Đ" in text
    assert "root:" not in text
    assert (
        "http://127.0.0.1:9/x.png" in asked and "file:///etc/passwd" in asked
    )  # every URL went to the refuser


def test_local_formats():
    assert _vnd(1_200_000) == "1.200.000 ₫"
    assert _vn_date("2026-03-05") == "05/03/2026" and _vn_date(None) == ""
