"""Batches built by a second process while this one writes the previous batch (SQLite bulk loads).

A bulk load (:class:`~ipoffice.office.bulk.BulkWriter`) spends about two thirds of its time building rows in Python
(the services' checks and values, each row's audit text) and a third writing them. On one core those add up; with
a second core, :class:`BuildAhead` forks a worker that builds batch N+1, ids and numbers counted on in memory from
the register's :class:`~ipoffice.office.bulk.Counters` (read once at the start), while this process writes batch N
(:func:`~ipoffice.office.bulk.write_built`: checks, under the write lock, that the batch's ids are still free and
its number series still stand where it started, then inserts and chains the audit entries).

The worker only sends: a batch it cannot build (a file the office refuses, any fault) ends it, and the caller takes
over from that batch on its own (the same :class:`BulkWriter` steps in its transaction, or the services, which name
the file at fault). So does a batch the register refuses (:class:`~ipoffice.office.bulk.StaleBatch`: another
writer took ids or numbers meanwhile). Only where ``fork`` exists (the worker shares the plan in memory, nothing is
pickled but the built rows) and on SQLite (PostgreSQL hands out ids from sequences in the writing transaction).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from multiprocessing.connection import Connection as PipeEnd
from typing import Any, Generic, TypeVar

from sqlalchemy.engine import Engine

from ipoffice.office.bulk import BuiltBatch, BulkWriter, Counters

T = TypeVar("T")
Build = Callable[[BulkWriter, Sequence[T]], None]


def can_build_ahead(engine: Engine, batches: int) -> bool:
    """Whether a worker would help: SQLite, two batches or more, a second CPU and ``fork``."""
    return (
        engine.dialect.name == "sqlite"
        and batches > 1
        and (os.cpu_count() or 1) > 1
        and "fork" in multiprocessing.get_all_start_methods()
    )


class BuildAhead(Generic[T]):
    """A forked worker building ``batches`` in order with ``build``; iterate to get ``(index, BuiltBatch)``.

    Iteration ends after the last batch, or early when the worker could not build one (or died): :attr:`stopped_at`
    is then that batch's index, for the caller to load from there on. Use as a context manager (the worker is
    stopped on exit) and start it before any other thread of this process (a progress bar's), as ``fork`` wants.
    """

    def __init__(
        self,
        batches: Sequence[Sequence[T]],
        build: Build[T],
        *,
        counters: Counters,
        actor: str,
        today: date | None,
        history: bool,
    ) -> None:
        self.batches = batches
        self.stopped_at: int | None = None
        ctx = multiprocessing.get_context("fork")
        self._recv, send = ctx.Pipe(duplex=False)
        self._process = ctx.Process(
            target=_work,
            args=(send, batches, build, counters, actor, today, history),
            name="ipoffice-bulk-build",
            daemon=True,
        )
        self._process.start()
        send.close()  # the worker holds the only writing end: its exit ends our reads

    def __iter__(self) -> Iterator[tuple[int, BuiltBatch]]:
        for index in range(len(self.batches)):
            try:
                message = self._recv.recv()
            except (EOFError, OSError):  # the worker died
                message = None
            if not (isinstance(message, tuple) and message[0] == "built" and message[1] == index):
                self.stopped_at = index
                return
            yield index, message[2]

    def stop(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._recv.close()

    def __enter__(self) -> BuildAhead[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _work(
    send: PipeEnd,
    batches: Sequence[Sequence[Any]],
    build: Build[Any],
    counters: Counters,
    actor: str,
    today: date | None,
    history: bool,
) -> None:
    """The worker: build every batch and send it, or say which one failed and stop (its counters are wrong after
    a batch it could not finish)."""
    # Ctrl-C is the main process's to handle (it stops the worker)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.freeze()  # what the fork shares stays shared: the collector does not walk (and copy) it
    for index, batch in enumerate(batches):
        try:
            w = BulkWriter(None, actor=actor, today=today, counters=counters, history=history)
            build(w, batch)
            built = w.build()
        except Exception:  # the caller loads this batch itself and sees the fault there
            send.send(("failed", index))
            break
        send.send(("built", index, built))
    send.close()
