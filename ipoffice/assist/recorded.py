"""Run an assistant for a file and record the use on its AI trail: one path for the CLI and the web workbench.

``ipoffice prior-art --file``, ``ipoffice ipc suggest --file`` and the examiner's workbench (web page and JSON API)
all go through :func:`prior_art_for_file` and :func:`ipc_for_file`, so what is recorded (the query as searched, the
model, index and classifier versions, and the results as shown, with the passages that explain each prior-art hit
and the evidence documents of each IPC suggestion) is the same wherever the examiner works. The file itself is only
read; the trail row is the one write (:func:`ipoffice.assist.trail.record_use`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from ipoffice.assist.ipc_suggest import IpcSuggestions
    from ipoffice.assist.prior_art import PriorArtDoc, PriorArtIndex, PriorArtResult
    from ipoffice.assist.trail import TrailEntry

PASSAGES_SHOWN = 2  # passages kept per hit on the trail (what the panel shows)


def prior_art_shown(result: PriorArtResult) -> list[dict[str, Any]]:
    """The hits as shown to the examiner, for the trail: rank, id, score, title, date, IPC, the two lists' ranks
    and the passages with the spans of the matching words (so the panel can highlight them later)."""
    return [
        {
            "rank": h.rank,
            "id": h.id,
            "score": h.score,
            "title": h.title[:200],
            "date": h.date.isoformat() if h.date else None,
            "ipc": list(h.ipc[:5]),
            "source": h.source,
            "bm25_rank": h.bm25_rank,
            "dense_rank": h.dense_rank,
            "passages": [
                {"field": p.field, "text": p.text, "spans": [list(s) for s in p.spans]}
                for p in h.passages[:PASSAGES_SHOWN]
            ],
        }
        for h in result.hits
    ]


def ipc_shown(s: IpcSuggestions) -> list[dict[str, Any]]:
    """The IPC suggestions as shown: symbol (the result id), level, title, confidence and its two shares, and the
    documents that back it (its evidence)."""
    return [
        {
            "id": x.symbol,
            "level": x.level,
            "title": x.title[:200],
            "confidence": x.confidence,
            "knn": x.knn,
            "model": x.model,
            "evidence": [e.id for e in x.evidence],
            "evidence_titles": [e.title[:120] for e in x.evidence],
        }
        for x in (*s.subclasses, *s.main_groups)
    ]


def record_prior_art(session: Session, number: str, result: PriorArtResult, actor: str) -> TrailEntry:
    """Record a prior-art search (already run) on file ``number``'s trail."""
    from ipoffice.assist import trail

    data = result.to_json()
    return trail.record_use(
        session,
        number,
        "prior_art",
        query=data["query"] | {"terms": data["terms"]},
        results=prior_art_shown(result),
        actor=actor,
        model=result.model,
        model_version=result.model_version,
        index_version=result.index_version,
    )


def record_ipc(
    session: Session, number: str, s: IpcSuggestions, text: str, mode: str, actor: str
) -> TrailEntry:
    """Record IPC suggestions (already computed for ``text``) on file ``number``'s trail."""
    from ipoffice.assist import trail

    return trail.record_use(
        session,
        number,
        "ipc_suggest",
        query={
            "text": text[:2000],
            "text_chars": len(text),
            "mode": mode,
            "classifier": s.classifier_version,
        },
        results=ipc_shown(s),
        actor=actor,
        model=s.model,
        model_version=s.model_version,
        index_version=s.index_version,
    )


@dataclass(frozen=True)
class RecordedPriorArt:
    number: str
    result: PriorArtResult
    use_id: int
    own_date: date | None


@dataclass(frozen=True)
class RecordedIpc:
    number: str
    suggestions: IpcSuggestions
    use_id: int


def file_text(engine: Engine, number: str) -> tuple[str, PriorArtDoc]:
    """The file's search text (title, abstract, claims, description) and its own document (read only)."""
    from ipoffice.assist.prior_art import file_query_text

    with Session(engine) as s:
        return file_query_text(s, number)


def prior_art_for_file(
    engine: Engine,
    index: PriorArtIndex,
    number: str,
    *,
    actor: str,
    before: date | None = None,
    ipc: tuple[str, ...] = (),
    limit: int = 100,
    mode: str = "hybrid",
) -> RecordedPriorArt:
    """Search prior art with the file's own text, earlier than ``before`` (default: its priority or filing date),
    the file itself excluded, and record the use on the file's trail."""
    from ipoffice.assist.prior_art import PriorArtQuery
    from ipoffice.store.db import transaction

    text, own = file_text(engine, number)
    cutoff = before or own.date
    q = PriorArtQuery(text, before=cutoff, ipc=ipc, limit=limit, mode=mode, exclude=(own.id,))
    result = index.search(q)
    with transaction(engine, actor=actor) as s:
        entry = record_prior_art(s, own.id, result, actor)
    return RecordedPriorArt(own.id, result, entry.id, cutoff)


def ipc_for_file(
    engine: Engine, index: PriorArtIndex, number: str, *, actor: str, mode: str = "hybrid"
) -> RecordedIpc:
    """IPC suggestions for the file's own text (itself excluded from the evidence), recorded on its trail."""
    from ipoffice.assist.ipc_suggest import suggest
    from ipoffice.store.db import transaction

    text, own = file_text(engine, number)
    s = suggest(index, text, mode=mode, exclude=(own.id,))
    with transaction(engine, actor=actor) as session:
        entry = record_ipc(session, own.id, s, text, mode, actor)
    return RecordedIpc(own.id, s, entry.id)
