"""One search index per app, kept level with the register and shared by every request.

The web holds two such indexes: the trademark index (:class:`ipoffice.web.marks.SharedMarkIndex`) and the
prior-art index (:class:`ipoffice.web.prior_art.SharedPriorArtIndex`). Both work the same way, here:

* before a search the register's high-water mark for that index is read; when it moved, one thread brings the
  index level (a refresh or a rebuild) while the others wait, then all search. The mark may be read at most every
  ``check_every`` seconds (``current(fresh=False)``); a recorded search always reads it (``fresh=True``);
* a refresh swaps files on disk, so it must not run while a search reads the old ones: searches hold a shared
  lock, a refresh the exclusive one -- a readers-writer lock in the process and, on POSIX, ``flock`` on a lock file
  beside the index for other worker processes (``ipoffice serve --workers``) and the CLI.

A folder that cannot be written is a clear 503 (:class:`ipoffice.web.errors.Unavailable`), not a 500.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Generic, TypeVar

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from ipoffice.core.errors import UserError

try:  # POSIX: also exclude other processes (uvicorn workers, the CLI) while the index is swapped
    import fcntl
except ImportError:  # pragma: no cover - Windows: in-process locking only
    fcntl = None  # type: ignore[assignment]

T = TypeVar("T")


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


def unavailable(path: Path) -> UserError:
    from ipoffice.web.errors import Unavailable

    return Unavailable("web.check.unavailable", field="IPOFFICE_FILES_DIR", path=str(path))


@contextlib.contextmanager
def file_lock(path: Path, exclusive: bool) -> Iterator[None]:
    if fcntl is None:
        yield
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fh: IO[bytes] = path.open("a+b")
    except OSError as exc:
        raise unavailable(path.parent) from exc
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield
    finally:
        fh.close()  # closing releases the lock


class SharedIndex(Generic[T]):
    """The app's one index of type ``T``; subclasses say how to make it, read the register's mark and refresh."""

    def __init__(
        self, engine: Engine, url: str, read_engine: Engine | None = None, check_every: float = 0.0
    ) -> None:
        self.engine = engine  # the writing engine: recorded searches write the trail through it
        self.read_engine = read_engine or engine  # the freshness check (no write lock on SQLite)
        self.url = url
        self._index: T | None = None
        self._made = threading.Lock()
        self._lock = ReadWriteLock()
        self._seen: Any = None  # the register's high-water mark the index was last brought level with
        self.check_every = check_every
        self._checked_at = -1e18  # time.monotonic() of the last look at the register
        self.refreshes = 0  # how many times this app refreshed (tests and diagnostics)

    # --- what a kind of index provides ----------------------------------------------------------------------

    def _create(self) -> T:
        raise NotImplementedError

    def _watermark(self, session: Session) -> Any:
        raise NotImplementedError

    def _loaded(self, index: T) -> bool:
        raise NotImplementedError

    def _refresh(self, index: T, mark: Any) -> None:
        raise NotImplementedError

    def _folder(self, index: T) -> Path:
        raise NotImplementedError

    # --- shared mechanism -------------------------------------------------------------------------------------

    @property
    def index(self) -> T:
        with self._made:
            if self._index is None:
                self._index = self._create()
            return self._index

    @property
    def lock_path(self) -> Path:
        folder = self._folder(self.index)
        return folder.with_name(folder.name + ".lock")

    def _mark(self) -> Any:
        with Session(self.read_engine) as s:
            return self._watermark(s)

    def _stale(self, mark: Any) -> bool:
        return not self._loaded(self.index) or mark != self._seen

    @contextlib.contextmanager
    def current(self, fresh: bool = True) -> Iterator[T]:
        """The index, held for reading for the block's duration: level with the register (``fresh``), or as of
        a look at the register at most ``check_every`` seconds ago."""
        now = time.monotonic()
        due = fresh or not self._loaded(self.index) or now - self._checked_at >= self.check_every
        if due and self._stale(self._mark()):
            with self._lock.write(), file_lock(self.lock_path, exclusive=True):
                mark = self._mark()
                if self._stale(mark):
                    try:
                        self._refresh(self.index, mark)
                    except OSError as exc:  # e.g. the files folder is read-only or full: say so, not a 500
                        raise unavailable(self._folder(self.index)) from exc
                    self._seen = mark
                    self.refreshes += 1
        if due:
            self._checked_at = now
        with self._lock.read(), file_lock(self.lock_path, exclusive=False):
            yield self.index
