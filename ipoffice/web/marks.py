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

import contextlib
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from ipoffice.core.errors import UserError

if TYPE_CHECKING:  # the engine is imported when first used: the rest of the site does not depend on it
    from ipoffice.assist.tm_office import FileSearch, OfficeMarkIndex
    from ipoffice.assist.tm_search import Hit
    from ipoffice.assist.trail import TrailEntry

try:  # POSIX: also exclude other processes (uvicorn workers, the CLI) while the index is swapped
    import fcntl
except ImportError:  # pragma: no cover - Windows: in-process locking only
    fcntl = None  # type: ignore[assignment]

PREFILING_LIMIT = 10
PREFILING_MIN_SCORE = 35.0  # below this a pre-filing hit is noise for an applicant [verify: office practice]
WORKBENCH_LIMIT = 20
DECISIONS = ("cited", "dismissed", "noted")  # what an examiner may record on a conflict-search hit


class ReadWriteLock:
    """Many readers or one writer; a waiting writer stops new readers (a refresh is not starved)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = False
        self._waiting_writers = 0

    @contextlib.contextmanager
    def read(self) -> Iterator[None]:
        with self._cond:
            while self._writer or self._waiting_writers:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                if not self._readers:
                    self._cond.notify_all()

    @contextlib.contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            self._waiting_writers += 1
            while self._writer or self._readers:
                self._cond.wait()
            self._waiting_writers -= 1
            self._writer = True
        try:
            yield
        finally:
            with self._cond:
                self._writer = False
                self._cond.notify_all()


def _unavailable(path: Path) -> UserError:
    from ipoffice.web.errors import Unavailable

    return Unavailable("web.check.unavailable", field="IPOFFICE_FILES_DIR", path=str(path))


@contextlib.contextmanager
def _file_lock(path: Path, exclusive: bool) -> Iterator[None]:
    if fcntl is None:
        yield
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fh: IO[bytes] = path.open("a+b")
    except OSError as exc:
        raise _unavailable(path.parent) from exc
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield
    finally:
        fh.close()  # closing releases the lock


class SharedMarkIndex:
    """The app's one :class:`OfficeMarkIndex`, kept level with the register and shared by every request."""

    def __init__(
        self, engine: Engine, url: str, read_engine: Engine | None = None, check_every: float = 0.0
    ) -> None:
        self.engine = engine  # the writing engine: search_for_file records on the trail through it
        self.read_engine = read_engine or engine  # the per-search freshness check (no write lock on SQLite)
        self.url = url
        self._index: OfficeMarkIndex | None = None
        self._made = threading.Lock()
        self._lock = ReadWriteLock()
        self._seen: Any = None  # the register's high-water mark the index was last brought level with
        self.check_every = check_every
        self._checked_at = -1e18  # time.monotonic() of the last look at the register
        self.refreshes = 0  # how many times this app refreshed (tests and diagnostics)

    @property
    def index(self) -> OfficeMarkIndex:
        with self._made:
            if self._index is None:
                from ipoffice.assist.tm_office import OfficeMarkIndex

                self._index = OfficeMarkIndex.for_database(self.engine, self.url)
            return self._index

    @property
    def lock_path(self) -> Path:
        return self.index.path.with_name(self.index.path.name + ".lock")

    def _mark(self) -> Any:
        from ipoffice.assist.tm_office import register_watermark

        with Session(self.read_engine) as s:
            return register_watermark(s)

    def _stale(self, mark: Any) -> bool:
        return self.index.search_engine is None or mark != self._seen

    @contextlib.contextmanager
    def current(self, fresh: bool = True) -> Iterator[OfficeMarkIndex]:
        """The index, held for reading for the block's duration: level with the register (``fresh``), or as of
        a look at the register at most ``check_every`` seconds ago."""
        now = time.monotonic()
        due = fresh or self.index.search_engine is None or now - self._checked_at >= self.check_every
        if due and self._stale(self._mark()):
            with self._lock.write(), _file_lock(self.lock_path, exclusive=True):
                mark = self._mark()
                if self._stale(mark):
                    try:
                        self.index.refresh()
                    except OSError as exc:  # e.g. the files folder is read-only or full: say so, not a 500
                        raise _unavailable(self.index.path) from exc
                    self._seen = mark
                    self.refreshes += 1
        if due:
            self._checked_at = now
        with self._lock.read(), _file_lock(self.lock_path, exclusive=False):
            yield self.index

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
