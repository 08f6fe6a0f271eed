"""The embedder plug-in (numpy MiniLM against sentence-transformers' own vectors) and exact vector search."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from ipoffice.core.errors import UserError
from ipoffice.search.embedding import (
    MINILM_SHA256,
    QUERY_TEXTS,
    BertEncoder,
    load_embedder,
    minilm_dir,
    read_safetensors,
)
from ipoffice.search.vectors import VectorIndex

REFERENCE = Path(__file__).parent / "data" / "minilm_reference.json"


@pytest.fixture(scope="module")
def minilm():  # type: ignore[no-untyped-def]
    return load_embedder("minilm")


def test_numpy_minilm_matches_sentence_transformers(minilm) -> None:  # type: ignore[no-untyped-def]
    ref = json.loads(REFERENCE.read_text())  # produced by sentence-transformers + torch from the same weights
    vectors = minilm.embed(ref["texts"])
    expected = np.array(ref["vectors"], dtype=np.float32)
    assert vectors.shape == (len(ref["texts"]), 384)
    assert np.abs(vectors - expected).max() < 1e-4
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_a_long_query_is_embedded_with_one_blas_thread(minilm, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from threadpoolctl import threadpool_info

    seen: list[int] = []
    inner = minilm._embed

    def spy(texts, batch_size):  # type: ignore[no-untyped-def]
        seen.append(max(i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"))
        return inner(texts, batch_size)

    monkeypatch.setattr(minilm, "_embed", spy)
    passages = [f"passage {i} of a long claim about a texture cache" for i in range(QUERY_TEXTS)]
    one = minilm.embed(passages)
    assert QUERY_TEXTS >= 8 and seen == [1]  # prior-art search embeds at most 8 passages of a query
    with_threads = inner(passages, 32)  # the same texts through whatever BLAS threads the process has
    assert np.abs(one - with_threads).max() < 1e-6


def test_embedder_names_itself_for_the_audit_trail(minilm) -> None:  # type: ignore[no-untyped-def]
    assert minilm.name == "sentence-transformers/all-MiniLM-L6-v2"
    assert minilm.version == MINILM_SHA256[:16]
    assert minilm.dim == 384


def test_meaning_beats_word_overlap(minilm) -> None:  # type: ignore[no-untyped-def]
    q, near, far = minilm.embed(
        [
            "instant coffee production process",
            "making soluble coffee powder from roasted beans",
            "graphics processor",
        ]
    )
    assert q @ near > 0.5 > q @ far


def test_local_model_directory_plugs_in(tmp_path: Path, minilm) -> None:  # type: ignore[no-untyped-def]
    office_model = tmp_path / "office-model"
    office_model.mkdir()
    for item in minilm_dir().iterdir():
        (office_model / item.name).symlink_to(item)
    other = load_embedder(str(office_model))
    assert other is not minilm and other.version == minilm.version
    assert np.allclose(other.embed(["cà phê"]), minilm.embed(["cà phê"]), atol=1e-6)


def test_bad_model_directories_are_user_errors(tmp_path: Path) -> None:
    with pytest.raises(UserError) as err:
        load_embedder(str(tmp_path / "nowhere"))
    assert err.value.code == "embedding.bad_directory"
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "gpt2"}))
    (tmp_path / "tokenizer.json").write_text("{}")
    (tmp_path / "model.safetensors").write_bytes(b"\0" * 16)
    with pytest.raises(UserError) as err:
        BertEncoder(tmp_path)
    assert "gpt2" in err.value.message("en")


def test_pinned_hash_is_checked(tmp_path: Path) -> None:
    for item in minilm_dir().iterdir():
        (tmp_path / item.name).symlink_to(item)
    with pytest.raises(UserError) as err:
        BertEncoder(tmp_path, expected_sha256="0" * 64)
    assert err.value.code == "embedding.hash_mismatch"


def test_safetensors_reader_shapes() -> None:
    w = read_safetensors(minilm_dir() / "model.safetensors")
    assert w["embeddings.word_embeddings.weight"].shape == (30522, 384)


def test_vector_search_is_exact_and_filterable(tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    m = rng.normal(size=(500, 16)).astype(np.float32)
    m /= np.linalg.norm(m, axis=1, keepdims=True)
    ids = [f"d{i}" for i in range(500)]
    ix = VectorIndex(16)
    ix.add(ids[:200], m[:200])
    ix.add(ids[200:], m[200:])
    q = m[42] + 0.01
    brute = np.argsort(-(m @ q), kind="stable")[:10]
    hits = ix.search(q, 10)
    assert [h.id for h in hits] == [ids[i] for i in brute]
    assert hits[0].id == "d42" and hits[0].rank == 1
    allowed = {"d1", "d2", "d3"}
    assert {h.id for h in ix.search(q, 10, allowed=allowed)} == allowed
    assert ix.search(q, 10, allowed={"unknown"}) == []
    ix.save(tmp_path / "v")
    again = VectorIndex.load(tmp_path / "v")
    assert [h.id for h in again.search(q, 10)] == [h.id for h in hits]
    with pytest.raises(ValueError):
        ix.add(["x"], np.zeros((1, 3)))
