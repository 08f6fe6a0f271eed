"""One search index per app, kept level with the register and shared by every request.

The web holds two such indexes: the trademark index (:class:`ipoffice.web.marks.SharedMarkIndex`) and the
prior-art index (:class:`ipoffice.web.prior_art.SharedPriorArtIndex`). Both work the same way, here:

* before a search the register's high-water mark for that index is read; when it moved, one thread brings the
  index level (a refresh or a rebuild) while the others wait, then all search. The mark may be read at most every
  ``check_every`` seconds (``current(fresh=False)``); a recorded search always reads it (``fresh=True``);
* a refresh swaps files on disk, so it must not run while a search reads the old ones: searches hold a shared
  lock, a refresh the exclusive one -- a readers-writer lock in the process and, on POSIX, ``flock`` on a lock file
  beside the index for other worker processes (``ipoffice serve --workers``) and the CLI;
* an index whose refresh is a slow rebuild (``background = True``: the prior-art index, about a minute on the
  demo register) is rebuilt by a background thread while searches go on with the index in hand -- every recorded
  search names the index version it used -- and only the swap to the new one takes the exclusive lock. Only the
  very first index of a process (none loaded yet) is waited for; :meth:`SharedIndex.warm` builds it at start.

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
        self._updater: threading.Thread | None = None
        self._updater_guard = threading.Lock()
        self.update_error: BaseException | None = None  # the last background refresh's failure, if any

    #: rebuild in the background and serve the index in hand meanwhile (a slow rebuild); else refresh in line
    background = False

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

    def _ready(self, index: T, mark: Any) -> bool:
        """Whether the refresh to ``mark`` is quick now (e.g. another worker built its folder): then it is done in
        line, not in the background. The default: no."""
        return False

    def _prepare(self, index: T, mark: Any) -> None:
        """The slow part of a refresh to ``mark`` that needs no lock (e.g. building into a new folder), run by the
        background thread before the swap; the default does nothing (the refresh does it all)."""

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
        a look at the register at most ``check_every`` seconds ago. A ``background`` index that is loaded is
        served as it is while a newer one is built (:attr:`updating`)."""
        now = time.monotonic()
        due = fresh or not self._loaded(self.index) or now - self._checked_at >= self.check_every
        if due:
            mark = self._mark()
            if self._stale(mark):
                if self.background and self._loaded(self.index) and not self._ready(self.index, mark):
                    self._start_update(mark)
                else:
                    self._bring_level()
            self._checked_at = now
        with self._lock.read(), file_lock(self.lock_path, exclusive=False):
            yield self.index

    def _bring_level(self, mark: Any = None) -> None:
        """Refresh under the exclusive locks to ``mark`` (default: the register's mark, read under the locks)."""
        with self._lock.write(), file_lock(self.lock_path, exclusive=True):
            if mark is None:
                mark = self._mark()
            if self._stale(mark):
                try:
                    self._refresh(self.index, mark)
                except OSError as exc:  # e.g. the files folder is read-only or full: say so, not a 500
                    raise unavailable(self._folder(self.index)) from exc
                self._seen = mark
                self.refreshes += 1

    # --- background refresh -----------------------------------------------------------------------------------

    @property
    def updating(self) -> bool:
        """Whether a background refresh is running (searches meanwhile use the index in hand)."""
        updater = self._updater
        return updater is not None and updater.is_alive()

    def _start_update(self, mark: Any) -> None:
        with self._updater_guard:
            if self.updating:
                return  # one at a time; the next search after it looks at the register again
            self._updater = threading.Thread(
                target=self._update, args=(mark,), name=f"{type(self).__name__}-refresh", daemon=True
            )
            self._updater.start()

    def _update(self, mark: Any) -> None:
        try:
            self._prepare(self.index, mark)  # the slow part, outside the locks
            self._bring_level(mark)  # the swap
            self.update_error = None
        except Exception as exc:  # noqa: BLE001 - kept for the index page; the next search tries again
            self.update_error = exc

    def warm(self) -> None:
        """Bring the index level in the background (at start: the first search need not wait for a build)."""
        mark = self._mark()
        if self._stale(mark):  # also when nothing is loaded yet
            self._start_update(mark)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for a running background refresh; True when none is running any more."""
        updater = self._updater
        if updater is not None:
            updater.join(timeout)
        return not self.updating
