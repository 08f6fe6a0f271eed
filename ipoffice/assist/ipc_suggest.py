"""IPC suggestion by nearest classified documents: top 5 subclasses and main groups, each with its evidence.

The text (title, abstract, claims) is searched like prior art (:class:`~ipoffice.assist.prior_art.PriorArtIndex`,
BM25 and dense fused) over documents whose classification is known (the register and any classified corpus). Each of
the ``k`` nearest documents votes for its symbols with its fused score (the first symbol fully, the others at half
weight); a symbol's **confidence** is its share of the total vote, so it reads as "this much of the nearest
classified art carries this symbol". Every suggestion names the documents that voted for it, so the examiner can
check it (the PatentSBERTa kNN design, research §5).

CPC symbols in a corpus are used at subclass and main-group level only when that symbol exists in IPC (CPC-only
2000-series indexing groups and section Y are left out).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ipoffice.assist.prior_art import PriorArtIndex, PriorArtQuery
from ipoffice.core import i18n
from ipoffice.core.errors import UserError

K_NEIGHBOURS = 30
TOP = 5

i18n.register(
    {
        "ipc_suggest.empty": {
            "vi": "Hãy nhập tên, tóm tắt hoặc yêu cầu bảo hộ để gợi ý phân loại IPC",
            "en": "Give a title, abstract or claims to suggest IPC classes for",
        },
        "ipc_suggest.no_classified": {
            "vi": "Chỉ mục không có tài liệu đã phân loại IPC nào để so sánh",
            "en": "The index holds no IPC-classified documents to compare with",
        },
    }
)

_SYMBOL = re.compile(r"^([A-H]\d\d[A-Z])\s*0*(\d{1,4})\s*/\s*(\d+)")


def levels(symbol: str) -> tuple[str, str | None] | None:
    """``(subclass, main group)`` of an IPC or CPC symbol, e.g. ``G06F16/245`` → ``("G06F", "G06F 16/00")``;
    ``None`` for section Y and unreadable symbols; no main group for CPC-only 2000-series indexing groups."""
    s = re.sub(r"\s+", "", symbol.upper())
    m14 = re.fullmatch(r"([A-H]\d\d[A-Z])(\d{4})(\d{6})", s)
    if m14:
        s = f"{m14.group(1)}{int(m14.group(2))}/{m14.group(3)[:2]}"
    m = _SYMBOL.match(s)
    if m:
        group = int(m.group(2))
        return m.group(1), (None if group >= 2000 else f"{m.group(1)} {group}/00")
    if re.fullmatch(r"[A-H]\d\d[A-Z]", s):
        return s, None
    return None


@dataclass(frozen=True)
class Evidence:
    id: str
    title: str
    rank: int  # the neighbour's rank among the k nearest
    symbols: tuple[str, ...]


@dataclass(frozen=True)
class IpcSuggestion:
    level: str  # subclass | main_group
    symbol: str
    title: str
    confidence: float
    evidence: tuple[Evidence, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "symbol": self.symbol,
            "title": self.title,
            "confidence": self.confidence,
            "evidence": [
                {"id": e.id, "title": e.title, "rank": e.rank, "symbols": list(e.symbols)}
                for e in self.evidence
            ],
        }


@dataclass(frozen=True)
class IpcSuggestions:
    subclasses: tuple[IpcSuggestion, ...]
    main_groups: tuple[IpcSuggestion, ...]
    neighbours: int
    model: str | None
    model_version: str | None
    index_version: str

    def to_json(self) -> dict[str, Any]:
        return {
            "subclasses": [s.to_json() for s in self.subclasses],
            "main_groups": [s.to_json() for s in self.main_groups],
            "neighbours": self.neighbours,
            "model": self.model,
            "model_version": self.model_version,
            "index_version": self.index_version,
        }


def _title(symbol: str) -> str:
    """The IPC scheme's title (without its references), or "" when the symbol is not in the scheme."""
    from ipoffice.core.classification import ipc_title

    try:
        return ipc_title(symbol).split(" (")[0]
    except UserError:
        return ""


def suggest(
    index: PriorArtIndex,
    text: str,
    *,
    k: int = K_NEIGHBOURS,
    top: int = TOP,
    mode: str = "hybrid",
    exclude: tuple[str, ...] = (),
    evidence_per_symbol: int = 3,
) -> IpcSuggestions:
    """Top ``top`` subclasses and main groups for ``text`` from its ``k`` nearest classified documents."""
    if not (text or "").strip():
        raise UserError("ipc_suggest.empty", field="text")
    result = index.search(PriorArtQuery(text, limit=min(max(k * 3, 50), 1000), mode=mode, exclude=exclude))
    votes: dict[str, dict[str, float]] = {"subclass": defaultdict(float), "main_group": defaultdict(float)}
    backers: dict[str, dict[str, list[Evidence]]] = {
        "subclass": defaultdict(list),
        "main_group": defaultdict(list),
    }
    total = 0.0
    used = 0
    for hit in result.hits:
        parsed = [(sym, lv) for sym in hit.ipc if (lv := levels(sym)) is not None]
        if not parsed:
            continue  # unclassified documents do not vote
        used += 1
        ev = Evidence(hit.id, hit.title, used, tuple(s for s, _ in parsed))
        weight = hit.score
        total += weight
        seen: dict[str, set[str]] = {"subclass": set(), "main_group": set()}
        for n, (_sym, (sub, group)) in enumerate(parsed):
            w = weight if n == 0 else weight / 2
            for level, key in (("subclass", sub), ("main_group", group)):
                if key is None or key in seen[level]:
                    continue
                seen[level].add(key)
                votes[level][key] += w
                backers[level][key].append(ev)
        if used >= k:
            break
    if used == 0 and not any(d.ipc for d in index.docs.values()):
        raise UserError("ipc_suggest.no_classified", field="index")
    total = total or 1.0  # no classified neighbour for this text: empty suggestions, not an error

    def best(level: str) -> tuple[IpcSuggestion, ...]:
        ranked = sorted(votes[level].items(), key=lambda kv: (-kv[1], kv[0]))
        out = []
        for key, v in ranked:
            title = _title(key)
            if not title:
                continue  # not in the IPC scheme (a CPC-only symbol): not an IPC suggestion
            out.append(
                IpcSuggestion(
                    level,
                    key,
                    title,
                    round(v / total, 3),
                    tuple(backers[level][key][:evidence_per_symbol]),
                )
            )
            if len(out) == top:
                break
        return tuple(out)

    return IpcSuggestions(
        best("subclass"), best("main_group"), used, result.model, result.model_version, result.index_version
    )
