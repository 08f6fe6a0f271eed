"""The office's trademark conflict search in the web: one index per app for the public pre-filing check, the
applicant's filing form and the examiner's workbench, and the workbench's AI trail (each search and each decision
on a hit recorded on the file).

The index is :class:`ipoffice.assist.tm_office.OfficeMarkIndex` (the same one ``ipoffice tm index/search`` keeps
beside the database). :class:`SharedMarkIndex` keeps one instance for the app, safe under uvicorn's threadpool:

* before a search the register's high-water mark is read (aggregate queries over the marks and their Nice rows);
  when it moved, one thread brings the index level (``refresh``: the new and changed files only) while the others
  wait, then all search. The mark costs a scan (about 55 ms CPU at 20,000 marks here), so the pre-filing check
  reads it at most every ``check_every`` seconds (a new filing shows there within that time); the examiner's
  recorded search always reads it;
* a refresh swaps the index directory, so it must not run while a search reads the old one: searches hold a
  shared lock, a refresh the exclusive one -- a readers-writer lock in the process and, on POSIX, ``flock`` on
  ``tm-index.lock`` beside the index for other worker processes (``ipoffice serve --workers``) and the CLI.

A pre-filing check records nothing (no file exists yet, and no query is logged): it never writes the register.
A workbench search goes through :func:`ipoffice.assist.tm_office.search_for_file`, which records the query, the
engine and index versions and the results shown on the file's AI trail; the examiner's decision on a hit is a
trail action (:func:`ipoffice.assist.trail.record_action`). Neither changes the file row or its events.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from ipoffice.core.errors import UserError
from ipoffice.web.shared_index import SharedIndex

if TYPE_CHECKING:  # the engine is imported when first used: the rest of the site does not depend on it
    from ipoffice.assist.tm_office import FileSearch, OfficeMarkIndex
    from ipoffice.assist.tm_search import Hit
    from ipoffice.assist.trail import TrailEntry

PREFILING_LIMIT = 10
PREFILING_MIN_SCORE = 35.0  # below this a pre-filing hit is noise for an applicant [verify: office practice]
WORKBENCH_LIMIT = 20
DECISIONS = ("cited", "dismissed", "noted")  # what an examiner may record on a conflict-search hit


class SharedMarkIndex(SharedIndex["OfficeMarkIndex"]):
    """The app's one :class:`OfficeMarkIndex`, kept level with the register and shared by every request."""

    def _create(self) -> OfficeMarkIndex:
        from ipoffice.assist.tm_office import OfficeMarkIndex

        return OfficeMarkIndex.for_database(self.engine, self.url)

    def _watermark(self, session: Session) -> Any:
        from ipoffice.assist.tm_office import register_watermark

        return register_watermark(session)

    def _loaded(self, index: OfficeMarkIndex) -> bool:
        return index.search_engine is not None

    def _refresh(self, index: OfficeMarkIndex, mark: Any) -> None:
        index.refresh()

    def _folder(self, index: OfficeMarkIndex) -> Path:
        return index.path

    @property
    def version(self) -> str:
        return self.index.version


def check_classes(values: Sequence[str], field_name: str = "nice_class") -> tuple[int, ...]:
    """Nice classes typed in a form: blanks ignored, anything else must be 1-45 (a clear error otherwise)."""
    from ipoffice.assist.tm_search import parse_classes

    given = [v.strip() for v in values if v and v.strip()]
    return parse_classes(given, field_name) if given else ()


def check_mark(mark: str, field_name: str = "mark_text") -> str:
    """The mark as typed, refused clearly when empty or longer than the engine takes (nothing is cut)."""
    from ipoffice.assist.tm_search import MAX_MARK_CHARS

    text = mark.strip()
    if not text:
        raise UserError("web.check.empty_mark", field=field_name)
    if len(text) > MAX_MARK_CHARS:
        raise UserError("web.check.too_long", field=field_name, length=len(text), limit=MAX_MARK_CHARS)
    return text


def prefiling_check(
    shared: SharedMarkIndex, mark: str, classes: Sequence[int], field_name: str = "mark_text"
) -> list[Hit]:
    """Earlier live marks of the register that may conflict with ``mark`` in ``classes`` (read-only; nothing
    recorded). Hits below :data:`PREFILING_MIN_SCORE` are left out."""
    text = check_mark(mark, field_name)
    with shared.current(fresh=False) as index:
        hits = index.search(text, classes, limit=PREFILING_LIMIT)
    return [h for h in hits if h.score >= PREFILING_MIN_SCORE]


def workbench_search(shared: SharedMarkIndex, number: str, actor: str) -> FileSearch:
    """The examiner's conflict search for file ``number``, recorded on its AI trail."""
    from ipoffice.assist.tm_office import search_for_file

    with shared.current() as index:
        return search_for_file(index, number, actor=actor, limit=WORKBENCH_LIMIT)


def record_decision(
    session: Session, number: str, use_id: int, item: str, decision: str, note: str, actor: str
) -> TrailEntry:
    """What the examiner did with one hit of a conflict search (cited / dismissed / noted, with a note)."""
    from ipoffice.assist import trail

    if decision not in DECISIONS:
        raise UserError(
            "web.assist.bad_decision", field="decision", value=decision, allowed=", ".join(DECISIONS)
        )
    use = session.get(trail.TrailRow, use_id)
    if use is not None and use.assistant != "tm_search":
        raise UserError("trail.use_not_found", field="use_id", use_id=use_id, number=number)
    return trail.record_action(
        session, number, use_id, decision, actor=actor, items=[item], note=note.strip()[:2000] or None
    )


@dataclass
class PanelHit:
    id: str
    rank: int
    score: float
    mark: str
    dimensions: dict[str, float]
    decision: dict[str, Any] | None = None


@dataclass
class Panel:
    """The latest conflict search on a file as recorded on its trail, with the decisions taken on its hits."""

    use_id: int
    at: Any
    actor: str
    index_version: str | None
    model: str | None
    model_version: str | None
    query: dict[str, Any]
    hits: list[PanelHit] = field(default_factory=list)
    uses: int = 1


def latest_panel(session: Session, number: str) -> Panel | None:
    """What the workbench shows: the trail's last ``tm_search`` use on the file (None before the first)."""
    from ipoffice.assist import trail

    entries = trail.trail_for(session, number)
    uses = [e for e in entries if e.kind == "use" and e.assistant == "tm_search"]
    if not uses:
        return None
    last = uses[-1]
    decided: dict[str, dict[str, Any]] = {}
    for e in entries:
        if e.kind == "action" and e.use_id == last.id:
            for item in e.body.get("items") or []:
                decided[str(item)] = {
                    "action": e.body.get("action"),
                    "note": e.body.get("note"),
                    "actor": e.actor,
                    "at": e.at,
                }
    hits = [
        PanelHit(
            id=str(r.get("id")),
            rank=int(r.get("rank") or 0),
            score=float(r.get("score") or 0.0),
            mark=str(r.get("mark") or ""),
            dimensions={k: float(v) for k, v in (r.get("dimensions") or {}).items()},
            decision=decided.get(str(r.get("id"))),
        )
        for r in last.body.get("results", [])
    ]
    return Panel(
        use_id=last.id,
        at=last.at,
        actor=last.actor,
        index_version=last.index_version,
        model=last.model,
        model_version=last.model_version,
        query=dict(last.body.get("query") or {}),
        hits=hits,
        uses=len(uses),
    )
