"""Evaluation of the trademark conflict search: a constructed case per rule of Vietnamese practice, and metrics.

The cases below are **constructed** (written for this evaluation from the rules in the research notes §6.1 and
§6.4, not taken from IP Viet Nam decisions, which are not available as data). Each names the rule it exercises.
The real-data evaluation (IPONZ oppositions against EUIPO marks) is in ``benchmarks/bench_tm_eval.py``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class RuleCase:
    rule: str
    earlier: str
    earlier_classes: tuple[int, ...]
    sign: str
    sign_classes: tuple[int, ...]


RULE_CASES: tuple[RuleCase, ...] = (
    RuleCase("identical, case and diacritics dropped", "Trung Nguyên", (30,), "TRUNG NGUYEN", (30,)),
    RuleCase("NFD input equals NFC", "Phúc Long", (30,), unicodedata.normalize("NFD", "Phúc Long"), (30,)),
    RuleCase("tone placement (hoà/hòa)", "Hoà Bình Xanh", (29,), "Hòa Bình Xanh", (29,)),
    RuleCase("same letters, other tones", "Hảo Hạng", (30,), "Hào Hàng", (30,)),
    RuleCase("đ folded to d", "Đất Việt", (19,), "DAT VIET", (19,)),
    RuleCase("joined vs split syllables", "VINAMILK", (29,), "VINA MILK", (29,)),
    RuleCase("split vs joined with place name", "Sài Gòn Tourist", (39,), "SAIGONTOURIST", (39,)),
    RuleCase("northern merger r/d/gi", "Rồng Vàng", (30,), "Dồng Vàng", (30,)),
    RuleCase("northern merger tr/ch", "Trường Thịnh", (6,), "Chường Thịnh", (6,)),
    RuleCase("northern merger s/x", "Sông Hàn", (32,), "Xông Hàn", (32,)),
    RuleCase("southern merger finals n/ng, t/c", "Minh Lộc", (35,), "Min Lột", (35,)),
    RuleCase("southern merger v/d", "Vĩnh Hảo", (32,), "Dĩnh Hảo", (32,)),
    RuleCase("c/k/q one sound", "Kim Cúc", (3,), "Kim Kúc", (3,)),
    RuleCase("ph/f one sound", "Phú Gia", (30,), "Fú Gia", (30,)),
    RuleCase("i/y one sound", "Mỹ Linh", (3,), "Mĩ Linh", (3,)),
    RuleCase("Telex typing artefact", "Việt Tiến", (25,), "vieejt tieesn", (25,)),
    RuleCase("VNI typing artefact", "Việt Á", (9,), "Vie65t A1", (9,)),
    RuleCase("digits for letters", "Bitis", (25,), "B1T1S", (25,)),
    RuleCase("homoglyph letters", "Sao Thái Dương", (3,), "S\u0430o Th\u0430i D\u0443ong", (3,)),
    RuleCase("meaning Vietnamese → English", "Kim Long", (30,), "Golden Dragon", (30,)),
    RuleCase("meaning English → Vietnamese", "Royal", (33,), "Hoàng Gia", (33,)),
    RuleCase("meaning Sino-Vietnamese", "Thiên Long", (16,), "Sky Dragon", (16,)),
    RuleCase(
        "dominant part of the earlier mark contained", "Bitis Hunter", (25,), "Bitis Hunter Street", (25,)
    ),
    RuleCase("weak prefix VINA added", "Hảo Hảo", (30,), "VINA Hảo Hảo", (30,)),
    RuleCase("legal form added", "Minh Phát", (7,), "Công ty TNHH Minh Phát", (7,)),
    RuleCase("place name added", "Phúc Long", (43,), "Phúc Long Hà Nội", (43,)),
    RuleCase("foreign word, one letter changed", "SAMSUNG", (9,), "SAMSONG", (9,)),
    RuleCase("foreign word, same sound", "KODAK", (9,), "CODAC", (9,)),
    RuleCase(
        "related class (30 coffee / 43 café)", "Trung Nguyên Legend", (30,), "Trung Nguyen Legend", (43,)
    ),
)


@dataclass(frozen=True)
class Metrics:
    n: int
    recall_at_10: float
    recall_at_50: float
    mrr: float

    def row(self) -> str:
        return f"n={self.n:4d}  recall@10={self.recall_at_10:.3f}  recall@50={self.recall_at_50:.3f}  MRR={self.mrr:.3f}"


def metrics(ranks: Sequence[int | None]) -> Metrics:
    """``ranks``: 1-based rank of the right answer per query, None when not returned."""
    n = len(ranks)
    if n == 0:
        return Metrics(0, 0.0, 0.0, 0.0)
    r10 = sum(1 for r in ranks if r is not None and r <= 10) / n
    r50 = sum(1 for r in ranks if r is not None and r <= 50) / n
    mrr = sum(1 / r for r in ranks if r is not None) / n
    return Metrics(n, r10, r50, mrr)


def rank_of(target: str, ranked_ids: Sequence[str]) -> int | None:
    for i, rid in enumerate(ranked_ids, start=1):
        if rid == target:
            return i
    return None


def evaluate(
    search: Callable[[str, tuple[int, ...]], Sequence[str]], cases: Sequence[tuple[str, str, tuple[int, ...]]]
):
    """``cases``: (target id, sign, sign classes). Returns the ranks, in order."""
    return [rank_of(target, search(sign, classes)) for target, sign, classes in cases]
