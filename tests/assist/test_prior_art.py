"""Prior-art search: RRF fusion, filters, passages, exclusions, bad input; the real MiniLM on a handful of texts."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date

import numpy as np
import pytest

from ipoffice.assist.prior_art import (
    MAX_QUERY_PASSAGES,
    QUERY_CACHE,
    Passage,
    PriorArtDoc,
    PriorArtIndex,
    PriorArtQuery,
    chunks,
    corpus_documents,
    doc_passages,
    fuse,
    passages,
    rrf,
)
from ipoffice.core.errors import UserError
from ipoffice.search.fulltext import QueryPlan


class HashingEmbedder:
    """A deterministic bag-of-words embedder (a test double that satisfies the Embedder protocol)."""

    name = "test/hashing"
    version = "h1"
    dim = 64

    def __init__(self) -> None:
        self.calls = 0
        self.last: list[str] = []

    def embed(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        self.calls += 1
        self.last = list(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for r, t in enumerate(texts):
            for w in t.lower().split():
                out[r, int(hashlib.md5(w.strip(".,;").encode()).hexdigest(), 16) % self.dim] += 1
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
        return out


DOCS = [
    PriorArtDoc(
        "D1",
        "Instant coffee by spray drying",
        "An extract of roasted coffee is spray dried.",
        date=date(2015, 1, 1),
        ipc=("A23F 5/28",),
        source="t",
    ),
    PriorArtDoc(
        "D2",
        "Phương pháp sản xuất cà phê hòa tan",
        "Dịch chiết cà phê được sấy phun thành bột.",
        date=date(2019, 6, 1),
        ipc=("A23F 5/24",),
        source="t",
    ),
    PriorArtDoc(
        "D3",
        "Packet encryption with rotating keys",
        "Session keys are rotated by a key server.",
        date=date(2016, 1, 1),
        ipc=("H04L 9/08",),
        source="t",
    ),
    PriorArtDoc(
        "D4",
        "Texture cache for a graphics processor",
        "A texture cache serves shader lookups.",
        date=date(2012, 1, 1),
        ipc=("G06T 1/60",),
        source="t",
    ),
    PriorArtDoc(
        "D5",
        "Coffee roasting drum",
        "A rotating drum roasts green coffee beans evenly.",
        date=None,
        ipc=("A23N 12/08",),
        source="t",
    ),
]


@pytest.fixture(scope="module")
def index() -> PriorArtIndex:
    ix = PriorArtIndex(HashingEmbedder())
    ix.build(DOCS)
    return ix


def test_rrf_sums_reciprocal_ranks() -> None:
    fused = rrf([["a", "b", "c"], ["b", "d"]], k=60)
    assert [i for i, _ in fused] == ["b", "a", "d", "c"]
    assert fused[0][1] == pytest.approx(1 / 62 + 1 / 61)


def test_hybrid_hits_carry_both_ranks_and_versions(index: PriorArtIndex) -> None:
    r = index.search(PriorArtQuery("spray dried coffee extract", limit=3))
    assert r.hits[0].id == "D1"
    assert r.hits[0].bm25_rank == 1 and r.hits[0].dense_rank is not None
    assert r.model == "test/hashing" and r.model_version == "h1" and len(r.index_version) == 16
    assert r.to_json()["hits"][0]["passages"][0]["marked"].count("«") >= 2


def test_bm25_mode_names_no_model(index: PriorArtIndex) -> None:
    r = index.search(PriorArtQuery("texture cache", mode="bm25", limit=5))
    assert r.hits[0].id == "D4" and r.model is None and r.hits[0].dense_rank is None


def test_priority_cutoff_filters_both_lists_and_counts_undated(index: PriorArtIndex) -> None:
    r = index.search(PriorArtQuery("coffee", before=date(2016, 1, 1), limit=10))
    ids = [h.id for h in r.hits]
    assert ids[0] == "D1" and "D2" not in ids and "D5" not in ids  # D2 is later, D5 undated
    assert r.undated_excluded == 1


def test_ipc_filter(index: PriorArtIndex) -> None:
    r = index.search(PriorArtQuery("coffee", ipc=("A23F",), limit=10))
    assert {h.id for h in r.hits} == {"D1", "D2"}  # the dense list is filtered the same way
    r = index.search(PriorArtQuery("coffee", ipc=("A23F 5/24",), limit=10))
    assert [h.id for h in r.hits] == ["D2"]


def test_vietnamese_query_without_diacritics(index: PriorArtIndex) -> None:
    r = index.search(PriorArtQuery("ca phe hoa tan say phun", limit=2))
    assert r.hits[0].id == "D2"
    assert any("«cà»" in p.marked() or "«Cà»" in p.marked() for p in r.hits[0].passages)


def test_exclude_the_application_itself(index: PriorArtIndex) -> None:
    r = index.search(PriorArtQuery("spray dried coffee extract", exclude=("D1",), limit=5))
    assert "D1" not in [h.id for h in r.hits]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        (PriorArtQuery("   "), "prior_art.empty_query"),
        (PriorArtQuery("coffee", limit=0), "prior_art.bad_limit"),
        (PriorArtQuery("coffee", ipc=("not a class",)), "prior_art.bad_ipc"),
    ],
)
def test_bad_input_is_a_user_error(index: PriorArtIndex, query: PriorArtQuery, code: str) -> None:
    with pytest.raises(UserError) as err:
        index.search(query)
    assert err.value.code == code


def test_hostile_query_gives_a_result_not_a_crash(index: PriorArtIndex) -> None:
    r = index.search(PriorArtQuery('"coffee AND (NOT keys)) title:drum ~ *', limit=5))
    assert "D5" in [h.id for h in r.hits]


def test_passages_mark_matching_words() -> None:
    plan = QueryPlan(body={"cache": 1.0, "textur": 0.5, "texture": 0.5})
    ps = passages(DOCS[3], plan)
    assert ps[0] == Passage("title", "Texture cache for a graphics processor", ((0, 7), (8, 13)), 1.5)
    assert ps[0].marked() == "«Texture» «cache» for a graphics processor"


def test_persisted_index_reopens_with_the_same_model(tmp_path) -> None:  # type: ignore[no-untyped-def]
    emb = HashingEmbedder()
    built = PriorArtIndex(emb, tmp_path / "pa")
    built.build(DOCS)
    again = PriorArtIndex.open(tmp_path / "pa", lambda: emb)
    r = again.search(PriorArtQuery("packet keys", limit=1))
    assert r.hits[0].id == "D3" and r.model_version == "h1" and again.version == built.version
    other = HashingEmbedder()
    other.version = "h2"  # vectors from another model are not mixed with this one's queries
    lexical = PriorArtIndex.open(tmp_path / "pa", lambda: other)
    assert lexical.vectors is None and lexical.search(PriorArtQuery("packet keys")).model is None


def test_corpus_directory_reader(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.jsonl").write_text(
        '{"number": "VN1-0001", "title": "Đèn LED", "claims": "1. Đèn gồm...", "priority_date": "2020-02-02",'
        ' "ipc": "F21K 9/00; H05B 45/00"}\n\n'
    )
    docs = list(corpus_documents(tmp_path))
    assert docs[0].id == "VN1-0001" and docs[0].ipc == ("F21K 9/00", "H05B 45/00")
    assert docs[0].date == date(2020, 2, 2) and docs[0].text.startswith("1.")
    (tmp_path / "b.jsonl").write_text("{not json\n")
    with pytest.raises(UserError) as err:
        list(corpus_documents(tmp_path))
    assert "b.jsonl:1" in err.value.message("en")


def test_real_minilm_hybrid_on_a_few_texts() -> None:
    from ipoffice.search.embedding import load_embedder

    ix = PriorArtIndex(load_embedder())
    ix.build(DOCS)  # five short texts: one model call
    r = ix.search(PriorArtQuery("soluble beverage powder", limit=5))  # no word in common with D1
    assert r.model == "sentence-transformers/all-MiniLM-L6-v2"
    assert r.hits[0].id == "D1" and r.hits[0].bm25_rank is None and r.hits[0].dense_rank == 1


def test_weighted_rrf_at_half_is_classic_rrf() -> None:
    lex, den = [("a", 9.0), ("b", 5.0), ("c", 1.0)], [("b", 0.9), ("d", 0.8)]
    assert fuse(lex, den, method="rrf", weight=0.5, k=60) == rrf([["a", "b", "c"], ["b", "d"]], k=60)
    lexical_heavy = [i for i, _ in fuse(lex, den, method="rrf", weight=0.9, k=60)]
    assert lexical_heavy[:2] == ["b", "a"] and lexical_heavy.index("c") < lexical_heavy.index("d")


def test_score_fusions_normalise_each_list() -> None:
    lex = [("a", 20.0), ("b", 10.0), ("c", 0.0)]
    den = [("c", 0.9), ("b", 0.5), ("d", 0.1)]
    dense_of = {"a": 0.3}  # a is not in the dense top list: its exact cosine is used
    mm = dict(fuse(lex, den, method="minmax", weight=0.5, dense_of=dense_of))
    assert mm["a"] == pytest.approx(0.5 * 1.0 + 0.5 * (0.3 - 0.1) / 0.8)
    assert mm["b"] == pytest.approx(0.5 * 0.5 + 0.5 * 0.5)
    assert mm["d"] == pytest.approx(0.0)  # not in the BM25 list: that list's minimum
    z = fuse(lex, den, method="zscore", weight=0.5, dense_of=dense_of)
    sd_lex, sd_den = (200 / 3) ** 0.5, (0.32 / 3) ** 0.5
    assert z[0] == ("a", pytest.approx(0.5 * 10 / sd_lex + 0.5 * (0.3 - 0.5) / sd_den))
    assert [i for i, _ in z] == ["a", "b", "c", "d"]  # b and c tie at 0: BM25 order breaks the tie
    assert [i for i, _ in fuse(lex, den, method="zscore", weight=1.0)][:3] == ["a", "b", "c"]
    assert [i for i, _ in fuse(lex, den, method="zscore", weight=0.0, dense_of=dense_of)][0] == "c"


def test_bad_fusion_settings_fail_early() -> None:
    with pytest.raises(ValueError):
        fuse([], [], method="borda")
    with pytest.raises(ValueError):
        PriorArtIndex(HashingEmbedder(), fusion="minmax", fusion_weight=1.5)


def test_chunks_keep_lines_whole_when_they_fit() -> None:
    text = "one two three\nfour five\n" + " ".join(f"w{i}" for i in range(7))
    assert chunks(text, max_words=5) == ["one two three four five", "w0 w1 w2 w3 w4", "w5 w6"]
    assert chunks(text, max_words=5, limit=2) == ["one two three four five", "w0 w1 w2 w3 w4"]
    assert chunks("   \n  ") == []


def test_doc_passages_only_when_there_is_text_beyond_the_first_vector() -> None:
    assert doc_passages(DOCS[0]) == []  # title + abstract only
    long = PriorArtDoc("L", "T", "An abstract.", text="\n".join(f"{n}. claim {n}" for n in range(1, 400)))
    ps = doc_passages(long, limit=3)
    assert len(ps) == 3 and ps[0].startswith("1. claim 1") and all(len(p.split()) <= 150 for p in ps)
    assert doc_passages(long, limit=0) == []


FILLER = " ".join(
    ["housing bracket screw plate"] * 36
)  # 144 words: the claim below lands in a passage of its own
BURIED = PriorArtDoc(
    "B1",
    "Mounting assembly",
    "A bracket holds a plate.",
    text=f"{FILLER}\n2. The assembly of claim 1, wherein a zeolite membrane separates hydrogen gas.",
)


def test_passage_vectors_find_what_only_the_claims_say() -> None:
    docs = [*DOCS, BURIED]
    with_passages = PriorArtIndex(HashingEmbedder())
    with_passages.build(docs)
    without = PriorArtIndex(HashingEmbedder(), passages=0)
    without.build(docs)
    assert with_passages.passages_embedded == 2 and without.passages_embedded == 0
    q = PriorArtQuery("zeolite membrane separates hydrogen gas", mode="dense", limit=6)
    hit = with_passages.search(q).hits[0]
    assert hit.id == "B1" and hit.dense_score is not None and hit.dense_score > 0.6
    flat = {h.id: h.dense_score for h in without.search(q).hits}
    assert (flat.get("B1") or 0.0) < hit.dense_score - 0.3, flat


def test_persisted_passages_reopen(tmp_path) -> None:  # type: ignore[no-untyped-def]
    emb = HashingEmbedder()
    built = PriorArtIndex(emb, tmp_path / "pa")
    built.build([*DOCS, BURIED])
    again = PriorArtIndex.open(tmp_path / "pa", lambda: emb)
    assert again.passages_embedded == 2
    q = PriorArtQuery("zeolite membrane separates hydrogen gas", mode="dense", limit=3)
    assert [h.dense_score for h in again.search(q).hits] == [h.dense_score for h in built.search(q).hits]


def test_several_megabyte_query_embeds_a_bounded_number_of_passages(index: PriorArtIndex) -> None:
    emb = index.embedder
    assert isinstance(emb, HashingEmbedder)
    text = ("Spray dried coffee extract granules. " * 100 + "\n") * 800  # ~3 MB
    r = index.search(PriorArtQuery(text, limit=3))
    assert r.hits[0].id == "D1" and r.plan.truncated is False
    assert 1 <= len(emb.last) <= MAX_QUERY_PASSAGES


def test_fused_scores_do_not_depend_on_how_many_results_were_asked_for() -> None:
    lex = [("a", 9.0), ("b", 7.0), ("c", 4.0), ("e", 1.0), ("f", 0.5)]
    den = [("b", 0.9), ("a", 0.7), ("d", 0.6), ("g", 0.2), ("h", 0.1)]
    for method in ("zscore", "minmax"):
        cosines = dict(den)  # the search knows every document's cosine
        deep = dict(fuse(lex, den, method=method, ref=3, dense_of=cosines))
        shallow = dict(fuse(lex[:3], den[:3], method=method, ref=3, dense_of=cosines))
        assert all(deep[i] == pytest.approx(v) for i, v in shallow.items())


@pytest.mark.parametrize("fusion", ["zscore", "minmax", "rrf"])
def test_hit_scores_stay_positive_weights_whatever_the_fusion(fusion: str) -> None:
    ix = PriorArtIndex(HashingEmbedder(), fusion=fusion)
    ix.build(DOCS)
    hits = ix.search(
        PriorArtQuery("roasted coffee drum keys", limit=5)
    ).hits  # IPC suggestion votes with score
    assert len(hits) == 5 and all(h.score > 0 for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert all(h.fused is not None for h in hits)
    if fusion == "zscore":
        assert min(h.fused or 0.0 for h in hits) < 0 < max(h.fused or 0.0 for h in hits)


def test_leading_results_do_not_depend_on_the_limit() -> None:
    import random

    rnd = random.Random(3)
    vocab = [f"w{n}" for n in range(60)]
    docs = [
        PriorArtDoc(f"R{n}", " ".join(rnd.choices(vocab, k=4)), " ".join(rnd.choices(vocab, k=12)))
        for n in range(450)
    ]
    ix = PriorArtIndex(HashingEmbedder())
    ix.build(docs)
    q = " ".join(vocab[:30])
    short = ix.search(PriorArtQuery(q, limit=200)).hits
    long = ix.search(PriorArtQuery(q, limit=1000)).hits
    assert len(long) > 250  # deeper than the fusion depth
    assert [(h.id, h.fused) for h in short] == [(h.id, h.fused) for h in long[:200]]


def test_the_same_query_text_is_embedded_once() -> None:
    emb = HashingEmbedder()
    ix = PriorArtIndex(emb)
    ix.build([*DOCS, BURIED])
    text = (
        "Spray dried coffee extract.\n2. The granules of claim 1, wherein a zeolite membrane separates gas."
    )
    first = ix.search(PriorArtQuery(text, limit=5))
    calls = emb.calls
    again = ix.search(PriorArtQuery(text, limit=5))
    filtered = ix.search(PriorArtQuery(text, limit=5, mode="dense", before=date(2018, 1, 1)))
    assert emb.calls == calls  # other filters, another mode: the query's vectors are reused
    assert [(h.id, h.dense_score, h.fused) for h in again.hits] == [
        (h.id, h.dense_score, h.fused) for h in first.hits
    ]
    assert filtered.hits and all(h.date is not None and h.date < date(2018, 1, 1) for h in filtered.hits)
    ix.search(PriorArtQuery(text + " More words.", limit=5))
    assert emb.calls == calls + 1  # another text is embedded


def test_query_cache_is_bounded_and_keyed_by_the_model() -> None:
    emb = HashingEmbedder()
    ix = PriorArtIndex(emb)
    ix.build(DOCS)
    for i in range(QUERY_CACHE + 5):
        ix.search(PriorArtQuery(f"coffee query number {i}", limit=2))
    assert len(ix._query_cache) == QUERY_CACHE
    other = HashingEmbedder()
    other.version = "h2"  # another model (its vectors would be another index's): nothing cached may answer
    ix.embedder = other
    ix.search(PriorArtQuery(f"coffee query number {QUERY_CACHE + 4}", limit=2))
    assert other.calls == 1


@pytest.mark.parametrize("cut", [date(2012, 1, 1), date(2015, 1, 2), date(2016, 1, 1), date(2030, 1, 1)])
def test_cut_off_on_the_dense_side_matches_the_fulltext_filter(index: PriorArtIndex, cut: date) -> None:
    assert index.vectors is not None
    text = "coffee extract dried into granules, and a texture cache"
    scores = index.dense_scores(text)
    expected = index.vectors.top(scores, 200, allowed=index.fulltext.allowed(before=cut))
    got = index.search(PriorArtQuery(text, before=cut, mode="dense", limit=10)).hits
    assert [h.id for h in expected][:10] == [h.id for h in got]  # the same documents in the same order
    assert all(h.date is not None and h.date < cut for h in got)  # undated D5 is left out
