"""Helpers for the office suites: each action runs in its own transaction, as in the CLI and the web."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture
def act(engine) -> Callable[..., Any]:  # type: ignore[no-untyped-def]
    """``act(fn, *args, **kw)``: run one service call in its own committed transaction by an examiner."""
    from ipoffice.store.db import transaction

    def run(fn: Callable[..., Any], *args: Any, actor: str = "examiner.le", **kw: Any) -> Any:
        with transaction(engine, actor=actor) as s:
            needs_actor = fn.__module__.startswith("ipoffice.office") and fn.__name__ != "file_clock"
            return fn(s, *args, actor=actor, **kw) if needs_actor else fn(s, *args, **kw)

    return run
