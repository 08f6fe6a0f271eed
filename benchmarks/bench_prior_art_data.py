"""Real corpora for the prior-art and IPC benchmarks (read from ../shared/data; never shipped) and an embedding cache.

Run directly to fill the cache ahead of the benchmarks: ``python benchmarks/bench_prior_art_data.py``.
Embeddings are cached per (model version, corpus sample) in ``$IPOFFICE_BENCH_CACHE`` (default: the system temp dir),
because the numpy MiniLM runs ~1-100 documents/s depending on how busy this shared machine is.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import random
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ipoffice.assist.prior_art import PriorArtDoc  # noqa: E402

SHARED = Path(
    os.environ.get("IPOFFICE_SHARED_DATA") or Path(__file__).resolve().parents[2] / "shared" / "data"
)
CACHE = Path(os.environ.get("IPOFFICE_BENCH_CACHE") or Path(tempfile.gettempdir()) / "ipoffice-bench-cache")


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def nvidia_docs() -> list[PriorArtDoc]:
    """Every NVIDIA US patent (PatentsView, CC BY 4.0): title, abstract, grant date, CPC in sequence order."""
    d = SHARED / "patents" / "patentsview-nvidia"
    abstracts = {r["patent_id"]: r["patent_abstract"] for r in _rows(d / "nvidia_patent_abstract.csv")}
    cpc: dict[str, list[tuple[int, str]]] = {}
    for r in _rows(d / "nvidia_cpc.csv"):
        cpc.setdefault(r["patent_id"], []).append((int(r["cpc_sequence"]), r["cpc_group"]))
    out = []
    for r in _rows(d / "nvidia_patent.csv"):
        pid = r["patent_id"]
        codes = tuple(c for _s, c in sorted(cpc.get(pid, [])))
        out.append(
            PriorArtDoc(
                id=f"US{pid}",
                title=r["patent_title"],
                abstract=abstracts.get(pid, ""),
                date=date.fromisoformat(r["patent_date"]),
                ipc=codes,
                source="patentsview-nvidia",
            )
        )
    return out


def lens_drone_docs() -> list[PriorArtDoc]:
    """Lens.org drone families: titles (many languages) and IPC codes; no abstracts."""
    out = []
    with open(
        SHARED / "patents" / "lens-drones" / "drones_tac_1606_cleaned.csv", encoding="latin-1", newline=""
    ) as fh:
        for r in csv.DictReader(fh, skipinitialspace=True):
            codes = tuple(c.strip() for c in (r.get("ipc_codes") or "").split(";") if c.strip())
            if codes and r.get("title"):
                out.append(
                    PriorArtDoc(id=r["publication_number"], title=r["title"], ipc=codes, source="lens-drones")
                )
    return out


def pizza_docs() -> list[PriorArtDoc]:
    """PATENTSCOPE 'pizza' export: titles and IPC codes (Latin-1, CR line ends)."""
    out = []
    path = SHARED / "patents" / "patentscope-pizza-ritonavir" / "pizza_medium_patentscope_10000.csv"
    with open(path, encoding="latin-1", newline="") as fh:
        for r in csv.DictReader(fh):
            codes = tuple(dict.fromkeys(c.strip() for c in (r.get("IPC") or "").split(";") if c.strip()))
            if codes and r.get("Title"):
                out.append(
                    PriorArtDoc(
                        id=r["Publication Number"], title=r["Title"], ipc=codes, source="patentscope-pizza"
                    )
                )
    return out


def sample(docs: Sequence[PriorArtDoc], n: int, seed: int = 11) -> list[PriorArtDoc]:
    docs = sorted(docs, key=lambda d: d.id)
    return docs if len(docs) <= n else random.Random(seed).sample(docs, n)


def embed_cached(embedder, texts: Sequence[str], tag: str) -> np.ndarray:  # type: ignore[no-untyped-def]
    key = hashlib.sha256(("\0".join([embedder.version, *texts])).encode()).hexdigest()[:16]
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{tag}-{key}.npy"
    if path.is_file():
        return np.load(path)
    start = time.perf_counter()
    out = []
    for i in range(0, len(texts), 64):
        out.append(embedder.embed(list(texts[i : i + 64])))
        done = i + len(out[-1])
        print(
            f"  [{tag}] {done}/{len(texts)} embedded, {done / (time.perf_counter() - start):.1f}/s",
            file=sys.stderr,
        )
    m = np.concatenate(out) if out else np.zeros((0, embedder.dim), np.float32)
    np.save(path, m)
    (CACHE / f"{tag}-{key}.json").write_text(
        json.dumps({"n": len(texts), "seconds": time.perf_counter() - start})
    )
    return m


def panorama_items() -> list[dict]:
    """PANORAMA PAR4PC items (CC BY-NC 4.0, evaluation only): a claim, 8 candidate documents, the examiner's cited
    ones as gold answers."""
    d = SHARED / "eval" / "panorama-uspto-sample" / "benchmark" / "par4pc"
    return [json.loads(f.read_text()) for f in sorted(d.glob("*.json"))]


def panorama_docs() -> list[PriorArtDoc]:
    seen: dict[str, PriorArtDoc] = {}
    for item in panorama_items():
        for opt in item["options"].values():
            claims = opt.get("claims") or []
            seen.setdefault(
                opt["patent_id"],
                PriorArtDoc(
                    id=opt["patent_id"],
                    title=opt.get("title") or "",
                    abstract=opt.get("abstract") or "",
                    text="\n".join(str(c) for c in claims),
                    source="panorama",
                ),
            )
    return list(seen.values())


def trail_applications() -> list[dict]:
    """The 10 real USPTO examination trails of the PANORAMA sample (CC BY-NC 4.0, evaluation only), merged form
    (``panorama/``: the record, the non-final rejection parsed per claim, the examiner-cited documents)."""
    d = SHARED / "eval" / "panorama-uspto-sample" / "panorama"
    return [json.loads(f.read_text()) for f in sorted(d.glob("*.json"))]


def _us(ref: str) -> str:
    return "US" + re.sub(r"\s+", "", ref).removeprefix("US")


def trail_items() -> list[dict]:
    """One query per rejected claim (102/103) of the trails: the application's title and abstract and the claim as
    filed; gold = the documents the examiner cited against that claim in the office action."""
    out = []
    for app in trail_applications():
        claims = app.get("initialClaims") or []
        for c in app.get("parsed_CTNF") or []:
            if not c.get("isReject"):
                continue
            gold = {_us(p["patentNum"]) for r in c.get("reasons") or [] for p in r.get("citedPatents") or []}
            n = int(c["claimNumber"])
            if not gold or not 0 < n <= len(claims):
                continue
            out.append(
                {
                    "application": str(app["applicationNumber"]),
                    "claim": n,
                    "text": f"{app.get('title', '')}. {app.get('abstract', '')}\n{claims[n - 1]}",
                    "gold": gold,
                }
            )
    return out


def _cited_docs(applications: list[dict], source: str) -> list[PriorArtDoc]:
    """The documents the examiners of ``applications`` cited, once each: title, abstract and claims."""
    seen: dict[str, PriorArtDoc] = {}
    for app in applications:
        for p in app.get("patentsCitedByExaminer") or []:
            pid = _us(p["referenceIdentifier"])
            seen.setdefault(
                pid,
                PriorArtDoc(
                    id=pid,
                    title=p.get("title") or "",
                    abstract=p.get("abstract") or "",
                    text="\n".join(str(c) for c in p.get("claims") or []),
                    source=source,
                ),
            )
    return list(seen.values())


def trail_docs() -> list[PriorArtDoc]:
    """Every document cited by the examiners of the 10 trails: title, abstract and claims (as PANORAMA holds them)."""
    return _cited_docs(trail_applications(), "panorama-trail")


# --- examination trails of the sample that PANORAMA did not parse (record/ only): parsed here by rule ----------------

# "Claim(s) 1-4 and 8-9 is/are rejected under [pre-AIA] 35 U.S.C. 103 ... over A (US 2014/0280837) in view of B"
_STATEMENT = re.compile(
    r"Claim\s*(?:\(s\)|s)?\s+(?P<list>\d[\d\s,\-–]*(?:,?\s*and\s+\d[\d\s\-–]*)?)\s+(?:is/are|is|are)\s+"
    r"(?:\w+\s+)?rejected\s+under\s+(?:pre-AIA\s+)?35\s*U\.?\s*S\.?\s*C\.?\s*(?:§\s*)?(?P<sec>10[23])",
    re.I,
)
_BASIS_END = re.compile(r"Regarding|With regards? to|As (?:to|per|for) claim|Claim\s*(?:\(s\)|s)?\s+\d", re.I)
_REF = re.compile(r"(\d{4})\s*/\s*(\d{6,7})|\b(\d{1,2},\d{3},\d{3})\b|\b(\d{11})\b|\b(\d{7,8})\b")


def _claim_numbers(text: str) -> set[int]:
    out: set[int] = set()
    for a, b in re.findall(r"(\d+)\s*(?:[-–]\s*(\d+))?", text):
        lo, hi = int(a), int(b) if b else int(a)
        if lo <= hi < lo + 200:
            out.update(range(lo, hi + 1))
    return out


def ctnf_rule_gold(record: dict) -> dict[int, set[str]]:
    """Claim number → examiner-cited documents (that the record holds) named in the **header** of each 102/103
    rejection of the non-final office action (``CTNFBodyText``): "Claims 1-3 are rejected under 35 U.S.C. 103 as
    being unpatentable over A (US ...) in view of B (US ...)". A rule, not PANORAMA's parser (which attributes the
    documents discussed claim by claim); ``ctnf_rule_agreement`` measures how often the two agree."""
    text = re.sub(r"\s+", " ", record.get("CTNFBodyText") or "")
    held = {str(p["referenceIdentifier"]) for p in record.get("patentsCitedByExaminer") or []}
    gold: dict[int, set[str]] = {}
    for m in _STATEMENT.finditer(text):
        rest = text[m.end() : m.end() + 800]
        end = _BASIS_END.search(rest)
        basis = rest[: end.start()] if end else rest
        found = set()
        for year, num, comma, eleven, plain in _REF.findall(basis):
            found.add(year + num.zfill(7) if year else comma.replace(",", "") if comma else eleven or plain)
        found &= held
        for c in _claim_numbers(m.group("list")) if found else ():
            gold.setdefault(c, set()).update(found)
    return gold


def ctnf_rule_agreement() -> tuple[int, int]:
    """(claims where the rule and PANORAMA's parse name the same held documents, claims either names) over the 10
    applications PANORAMA parsed."""
    same = total = 0
    for app in trail_applications():
        held = {str(p["referenceIdentifier"]) for p in app.get("patentsCitedByExaminer") or []}
        theirs: dict[int, set[str]] = {}
        for c in app.get("parsed_CTNF") or []:
            if c.get("isReject"):
                g = {
                    _us(p["patentNum"])[2:]
                    for r in c.get("reasons") or []
                    for p in r.get("citedPatents") or []
                }
                if g & held:
                    theirs[int(c["claimNumber"])] = g & held
        mine = ctnf_rule_gold(app)
        keys = set(theirs) | set(mine)
        same += sum(theirs.get(k) == mine.get(k) for k in keys)
        total += len(keys)
    return same, total


def record_applications() -> list[dict]:
    """Applications of the sample's ``record/`` folder that have no PANORAMA-parsed form (CC BY-NC 4.0)."""
    d = SHARED / "eval" / "panorama-uspto-sample"
    parsed = {str(a["applicationNumber"]) for a in trail_applications()}
    out = []
    for f in sorted((d / "record").glob("*.json")):
        rec = json.loads(f.read_text())
        if str(rec["applicationNumber"]) not in parsed:
            out.append(rec)
    return out


def record_trail_items() -> list[dict]:
    """One query per claim rejected under 102/103 in the records PANORAMA did not parse (gold by ``ctnf_rule_gold``),
    built like ``trail_items``."""
    out = []
    for app in record_applications():
        claims = app.get("initialClaims") or []
        for n, gold in sorted(ctnf_rule_gold(app).items()):
            if 0 < n <= len(claims):
                out.append(
                    {
                        "application": str(app["applicationNumber"]),
                        "claim": n,
                        "text": f"{app.get('title', '')}. {app.get('abstract', '')}\n{claims[n - 1]}",
                        "gold": {_us(g) for g in gold},
                    }
                )
    return out


def record_trail_docs() -> list[PriorArtDoc]:
    """The examiner-cited documents of those records: title, abstract and claims."""
    return _cited_docs(record_applications(), "panorama-record")


def proxy_split(docs: Sequence[PriorArtDoc], seed: int = 5) -> tuple[list[PriorArtDoc], list[PriorArtDoc]]:
    """Query documents of the NVIDIA same-CPC proxy, split in half: (training, held-out). Eligible: a first CPC main
    group shared with at least one other document of the sample."""
    groups = proxy_groups(docs)
    eligible = sorted((d for d in docs if groups.get(d.id)), key=lambda d: d.id)
    random.Random(seed).shuffle(eligible)
    half = len(eligible) // 2
    return eligible[:half], eligible[half:]


def proxy_groups(docs: Sequence[PriorArtDoc]) -> dict[str, set[str]]:
    """For each document, the other documents sharing its first CPC main group (empty set when none)."""
    from ipoffice.assist.ipc_suggest import levels

    first: dict[str, str | None] = {}
    for d in docs:
        first[d.id] = next((lv[1] for lv in map(levels, d.ipc) if lv and lv[1]), None)
    by_group: dict[str, set[str]] = {}
    for i, g in first.items():
        if g:
            by_group.setdefault(g, set()).add(i)
    return {i: (by_group[g] - {i}) if g else set() for i, g in first.items()}


def metrics(ranked: Sequence[str], relevant: set[str], depth: int = 100) -> dict[str, float]:
    """MRR, recall@2/@5/@10, P@10 and AP@depth of one ranking (AP divides by min(|relevant|, depth))."""
    first = next((r for r, i in enumerate(ranked, start=1) if i in relevant), None)
    found, ap = 0, 0.0
    for r, i in enumerate(ranked[:depth], start=1):
        if i in relevant:
            found += 1
            ap += found / r
    n = max(len(relevant), 1)
    return {
        "MRR": 1.0 / first if first else 0.0,
        "R@2": len(relevant & set(ranked[:2])) / n,
        "R@5": len(relevant & set(ranked[:5])) / n,
        "R@10": len(relevant & set(ranked[:10])) / n,
        "P@10": len(relevant & set(ranked[:10])) / 10,
        "MAP": ap / min(n, depth),
    }


NVIDIA_SAMPLE = 800
TITLE_SAMPLE = 600


def all_sets() -> dict[str, list[PriorArtDoc]]:
    return {
        "panorama": panorama_docs(),
        "trail": trail_docs(),
        "record": record_trail_docs(),
        "nvidia": sample(nvidia_docs(), NVIDIA_SAMPLE),
        "drones": sample(lens_drone_docs(), TITLE_SAMPLE),
        "pizza": sample(pizza_docs(), TITLE_SAMPLE),
    }


class CachedEmbedder:
    """An embedder that answers from pre-computed vectors and computes only what is missing; what it computes is
    kept on disk too (``$IPOFFICE_BENCH_CACHE/vec-<model version>/``), so passages and queries are embedded once."""

    def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
        self.inner = inner
        self.name, self.version, self.dim = inner.name, inner.version, inner.dim
        self.known: dict[str, np.ndarray] = {}
        self.computed = 0
        self.store = CACHE / f"vec-{inner.version}"

    def preload(self, texts: Sequence[str], matrix: np.ndarray) -> None:
        self.known.update(zip(texts, matrix, strict=True))

    def _file(self, text: str) -> Path:
        return self.store / (hashlib.sha256(text.encode()).hexdigest()[:24] + ".npy")

    def embed(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        missing = []
        for t in dict.fromkeys(texts):
            if t in self.known:
                continue
            f = self._file(t)
            if f.is_file():
                self.known[t] = np.load(f)
            else:
                missing.append(t)
        if missing:
            self.computed += len(missing)
            self.store.mkdir(parents=True, exist_ok=True)
            for i in range(0, len(missing), 64):
                part = missing[i : i + 64]
                for t, v in zip(part, self.inner.embed(part, batch_size), strict=True):
                    self.known[t] = v
                    np.save(self._file(t), v)
                if len(missing) > 64:
                    print(f"  embedded {i + len(part)}/{len(missing)} new texts", file=sys.stderr)
        return np.stack([self.known[t] for t in texts]) if texts else np.zeros((0, self.dim), np.float32)


def cached_embedder(sets: dict[str, list[PriorArtDoc]]) -> CachedEmbedder:
    from ipoffice.search.embedding import load_embedder

    emb = CachedEmbedder(load_embedder())
    for tag, docs in sets.items():
        texts = [d.dense_text() for d in docs]
        emb.preload(texts, embed_cached(emb.inner, texts, tag))
    return emb


if __name__ == "__main__":
    sets = all_sets()
    for tag, docs in sets.items():
        print(tag, len(docs), file=sys.stderr)
    cached_embedder(sets)
