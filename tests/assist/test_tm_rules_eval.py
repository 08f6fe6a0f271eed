"""Recall of the constructed Vietnamese-rule cases among the real EUIPO marks as distractors (goal: recall@10 ≥ 0.9)."""

import json

import pytest

from ipoffice.assist.tm_eval import RULE_CASES, evaluate, metrics
from ipoffice.assist.tm_search import InMemoryMarkSource, MarkRecord, TrademarkSearch


@pytest.fixture(scope="module")
def engine(shared_data) -> TrademarkSearch:
    raw = json.loads(
        (shared_data / "trademarks/euipo-2020-figurative/trademarks2020_validation.json").read_text()
    )
    records = [
        MarkRecord(k, v["Text"])
        for k, v in raw.items()
        if v.get("Text", "").strip() and len(v["Text"]) <= 500
    ]
    assert len(records) > 17_000
    records += [MarkRecord(f"RULE{i}", c.earlier, c.earlier_classes) for i, c in enumerate(RULE_CASES)]
    return TrademarkSearch.build(InMemoryMarkSource(records))


def _ranks(engine, with_classes: bool):
    cases = [(f"RULE{i}", c.sign, c.sign_classes if with_classes else ()) for i, c in enumerate(RULE_CASES)]
    return evaluate(
        lambda sign, classes: [h.record.number for h in engine.search(sign, classes, limit=50)], cases
    )


def test_every_rule_finds_its_earlier_mark_in_the_top_ten_with_classes(engine):
    ranks = _ranks(engine, with_classes=True)
    missed = [c.rule for c, r in zip(RULE_CASES, ranks, strict=True) if r is None or r > 10]
    m = metrics(ranks)
    assert m.recall_at_10 >= 0.9, missed
    assert m.mrr >= 0.8


def test_mark_similarity_alone_still_reaches_the_goal(engine):
    m = metrics(_ranks(engine, with_classes=False))
    assert m.recall_at_10 >= 0.9 and m.recall_at_50 == 1.0
