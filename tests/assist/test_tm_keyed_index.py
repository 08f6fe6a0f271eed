"""The trademark key index's scoring against plain references (generated posting lists, not real marks)."""

from __future__ import annotations

import numpy as np
import pytest

from ipoffice.search.keyed_index import KeyedIndex, union_sums


def _lists(rng: np.random.Generator, k: int, n_docs: int, longest: int) -> list[np.ndarray]:
    return [
        np.sort(rng.choice(n_docs, size=int(rng.integers(1, longest)), replace=False)).astype(np.int32)
        for _ in range(k)
    ]


def _scratch_reference(lists: list[np.ndarray], weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The way it was done before: every list added into a zeroed array, each document kept at its last position."""
    numbers, ids = np.unique(np.concatenate(lists), return_inverse=True)  # ranks: arrays as long as the lists
    acc = np.zeros(len(numbers), dtype=np.complex64)
    np.add.at(acc, ids, np.repeat(weights, [len(p) for p in lists]))
    last = np.full(len(numbers), -1)
    last[ids] = np.arange(len(ids))
    first = last[ids] == np.arange(len(ids))
    return numbers[ids[first]], acc[ids[first]]


@pytest.mark.parametrize(
    ("k", "n_docs", "longest"),
    [(1, 50, 40), (12, 3_000, 800), (300, 5_000, 60), (5, 2**30, 500), (40, 2**27, 300)],
)
def test_union_sums_gives_the_documents_order_and_float32_sums_of_a_scratch_array(k, n_docs, longest):
    rng = np.random.default_rng(k)
    lists = _lists(rng, k, min(n_docs, 100_000), longest)
    if n_docs > 100_000:  # large document numbers: the (document, list) pairs no longer fit in 32 bits
        lists = [np.sort((p.astype(np.int64) * (n_docs // 100_000)).astype(np.int32)) for p in lists]
    weights = (rng.random(k) * 8 + 1j * rng.integers(0, 2, k)).astype(np.complex64)
    docs, sums = union_sums(lists, weights, n_docs)
    want_docs, want_sums = _scratch_reference(lists, weights)
    assert docs.dtype == np.int32 and sums.dtype == np.complex64
    assert np.array_equal(docs, want_docs) and np.array_equal(sums, want_sums)


def _score_reference(
    index: KeyedIndex, terms: list[str], weights: np.ndarray, budget: int
) -> dict[int, tuple[float, float]]:
    """Each document's two float32 sums, one term at a time in plain Python (no ``keep``)."""
    rows: dict[str, int] = {}
    for i, t in enumerate(terms):
        rows.setdefault(t, i)
    lists = sorted(
        ((p, weights[rows[t]].copy()) for t, p in zip(rows, index.lookup(list(rows)), strict=True) if len(p)),
        key=lambda pw: len(pw[0]),
    )
    read, found = 0, {}
    for i, (p, w) in enumerate(lists):
        if i > 0 and read + len(p) > budget:
            members = set(p.tolist())
            for d in found:
                if d in members:
                    found[d] = (np.float32(found[d][0] + w[0]), np.float32(found[d][1] + w[1]))
            continue
        read += len(p)
        for d in p.tolist():
            a, b = found.pop(d, (np.float32(0), np.float32(0)))
            found[d] = (
                np.float32(a + w[0]),
                np.float32(b + w[1]),
            )  # re-inserted: dict order is last occurrence
    return {d: (float(a), float(b)) for d, (a, b) in found.items()}


@pytest.mark.parametrize("columns", [1, 2])
def test_score_sums_every_term_a_document_carries_in_the_order_of_its_last_short_list(columns):
    rng = np.random.default_rng(7)
    vocab = [f"t{i}" for i in range(60)]
    docs_terms = [list(rng.choice(vocab, size=int(rng.integers(1, 12)), replace=False)) for _ in range(4_000)]
    index = KeyedIndex.build(docs_terms)
    for trial in range(20):
        terms = list(rng.choice(vocab, size=15, replace=True))
        weights = np.stack([rng.random(15) * 5, rng.integers(0, 2, 15)], axis=1).astype(np.float32)
        budget = int(rng.integers(200, 3_000))
        got = index.score(terms, weights[:, :columns], budget=budget)
        want = _score_reference(
            index, terms, weights if columns == 2 else weights * np.float32([1, 0]), budget
        )
        assert got.docs.tolist() == list(want), trial
        assert got.scores.shape == (len(want), columns)
        assert [tuple(row) for row in got.scores.tolist()] == [v[:columns] for v in want.values()], trial


def test_union_sums_gives_the_same_with_its_work_arrays_too_small_to_keep(monkeypatch):
    from ipoffice.search import keyed_index

    rng = np.random.default_rng(3)
    lists = _lists(rng, 9, 20_000, 3_000)
    weights = (rng.random(9) * 3).astype(np.complex64)
    kept = [a.copy() for a in union_sums(lists, weights, 20_000)]
    monkeypatch.setattr(keyed_index, "KEPT_ITEMS", 100)  # every work array made for the call
    made = union_sums(lists, weights, 20_000)
    assert all(np.array_equal(a, b) for a, b in zip(kept, made, strict=True))
    assert all(np.array_equal(a, b) for a, b in zip(kept, _scratch_reference(lists, weights), strict=True))


def test_score_from_several_threads_gives_each_query_its_own_result():
    from concurrent.futures import ThreadPoolExecutor

    rng = np.random.default_rng(11)
    vocab = [f"t{i}" for i in range(40)]
    index = KeyedIndex.build(
        [list(rng.choice(vocab, size=int(rng.integers(1, 10)), replace=False)) for _ in range(3_000)]
    )
    queries = [list(rng.choice(vocab, size=12)) for _ in range(40)]
    weights = np.ones((12, 2), dtype=np.float32)

    def run(terms: list[str]) -> tuple[list[int], list[list[float]]]:
        got = index.score(terms, weights, budget=1_500)
        return got.docs.tolist(), got.scores.tolist()

    alone = [run(q) for q in queries]
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(run, queries * 3)) == alone * 3
