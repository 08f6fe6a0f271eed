"""Helpers for the law tests (imported as a module; pytest puts this folder on sys.path): a fixed 'today' and the weekends-only calendar unless a test says otherwise."""

from __future__ import annotations

from datetime import date
from typing import Any

from ipoffice.core.legaltime import WEEKENDS_ONLY
from ipoffice.core.rights import RightKind
from ipoffice.law import FileFacts, Schedule, deadlines

TODAY = date(2026, 11, 21)


def d(s: str) -> date:
    return date.fromisoformat(s)


def compute(right: str, cal: Any = WEEKENDS_ONLY, **facts: Any) -> Schedule:
    """The schedule of a file given ISO date strings; weekends-only roll-over so that dates are hand-checkable."""
    parsed = {k: d(v) if isinstance(v, str) and k.endswith("_date") else v for k, v in facts.items()}
    return deadlines(FileFacts(RightKind(right), **parsed), cal=cal, today=TODAY)
