"""Speed work must not change results: the search's hits on a small generated register, pinned.

``data/tm_search_pinned.json`` holds, for each query below, the hits (number, score, dimensions, reasons) at
limit 20 without classes and with classes and a goods text, and the candidates' document numbers, as written by
the code before the speed changes of this file's commit (``write_pinned`` run on that version). Floats are
compared exactly (JSON keeps every digit of a float). A deliberate change of the results re-writes it
(``python tests/assist/test_tm_search_pinned.py``) in the commit that makes the change and says why: 2026-11-22,
legal forms and function words weak only as whole words, and a dominant part one letter from a word contained.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ipoffice.assist.tm_search import InMemoryMarkSource, MarkRecord, TrademarkSearch
from ipoffice.assist.tm_similarity import profile

PINNED = Path(__file__).parent / "data" / "tm_search_pinned.json"

# Constructed words (not real marks): Vietnamese syllables, weak elements (VINA, VIET, place names, legal forms),
# words with meaning-list equivalents, foreign-looking words and digits.
WORDS = [
    "vina", "viet", "sai gon", "ha noi", "cong ty", "tnhh", "sua", "milk", "vang", "gold", "rong", "dragon",
    "sao", "star", "mai", "hoa", "phat", "trung", "nguyen", "kim", "long", "minh", "an", "bao", "cam", "dong",
    "gia", "lan", "thanh", "tien", "hao", "hang", "phuc", "coffee", "cafe", "lotus", "sen", "hunter", "bitis",
    "kodak", "codac", "samsong", "nike", "n1ke", "vieejt", "tieesn", "Việt", "Tiến", "Hảo", "Hạng", "Rạng", "Đông",
    "Phở", "Hòa", "Sữa", "Vàng", "Rồng", "Bạc", "blue", "sky", "green", "tea", "trà", "bánh", "mì", "08", "365",
]  # fmt: skip


def pinned_register() -> list[MarkRecord]:
    out = []
    for i in range(2400):
        a, b, c = WORDS[i % len(WORDS)], WORDS[(i * 7 + 3) % len(WORDS)], WORDS[(i * 13 + 5) % len(WORDS)]
        text = [a, f"{a} {b}", f"{a}{b}", f"{a} {b} {c}", f"{b.upper()} {c}"][i % 5]
        classes = tuple(sorted({1 + i % 45, 1 + (i * 11) % 45})) if i % 7 else ()
        out.append(MarkRecord(f"P{i}", text, classes, goods="coffee and tea" if i % 9 == 0 else ""))
    return out


QUERIES = [
    "VINAMILK", "Vina Milk", "Trung Nguyên", "Chung Ngyên", "Golden Dragon", "Rồng Vàng", "Dạng Đôn",
    "HOA PHAT", "Hòa Phát Sài Gòn", "Biti's Hunter", "Morning Star", "Sao Mai", "Fở Hoà", "vieejt tieesn",
    "Việt Tiến", "KODAK", "CODAC", "N1KE", "Lotus Cafe", "Sen Vàng", "Công ty TNHH Minh Phát", "Hảo Hạng",
    "blue sky 365", "trà xanh", "bánh mì 08", "Kim Long Hà Nội", "VINA", "Dong Tien", "samsong", "x",
]  # fmt: skip


def outputs(engine: TrademarkSearch) -> list[dict[str, Any]]:
    def hits(query: str, **kw: Any) -> list[Any]:
        return [
            [h.record.number, h.score, h.dimensions, [[code, params] for code, params in h.reasons]]
            for h in engine.search(query, limit=20, **kw)
        ]

    return [
        {
            "query": q,
            "plain": hits(q),
            "classes": hits(q, classes=[30, 43], goods="roasted coffee and tea"),
            "candidates": engine.candidate_docs(profile(q), 60).tolist(),
        }
        for q in QUERIES
    ]


def write_pinned() -> None:
    """Write the pinned outputs with the code in use (run on the version before a speed change)."""
    engine = TrademarkSearch.build(InMemoryMarkSource(pinned_register()))
    PINNED.parent.mkdir(exist_ok=True)
    PINNED.write_text(json.dumps(outputs(engine), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def engine() -> TrademarkSearch:
    return TrademarkSearch.build(InMemoryMarkSource(pinned_register()))


def test_the_search_gives_the_pinned_hits_scores_dimensions_and_reasons(engine):
    pinned = json.loads(PINNED.read_text(encoding="utf-8"))
    now = json.loads(json.dumps(outputs(engine), ensure_ascii=False))
    assert [p["query"] for p in pinned] == QUERIES
    assert sum(len(p["plain"]) for p in pinned) > 300  # the register gives most queries a full page of hits
    for old, new in zip(pinned, now, strict=True):
        assert new == old, old["query"]


if __name__ == "__main__":
    write_pinned()
