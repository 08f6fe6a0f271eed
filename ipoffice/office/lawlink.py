"""The office's questions to the law module: which regime governs a file, and its statutory deadlines.

The office asks :mod:`ipoffice.law` (``regime_for``, ``deadlines``) and builds the law's ``FileFacts`` from the
register: the file's dates and the dates of its events. When the law package does not expose those functions
(an install without it, or while it is being written) the office still works: the regime is chosen by the filing
date (``vn-2010`` before 1 January 2023, ``vn-2023`` before 1 April 2026, ``vn-2026`` after) and the schedule is
empty, so the clock shows no deadline rather than a guessed one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ipoffice.core.rights import MarkKind, RightKind

LAW_2023_IN_FORCE = date(2023, 1, 1)  # Law 07/2022/QH15
LAW_2026_IN_FORCE = date(2026, 4, 1)  # Law 131/2025/QH15


@dataclass(frozen=True)
class FileDates:
    """The dates of a file the law counts from (taken from the file row and its events)."""

    right: RightKind
    filing_date: date
    priority_date: date | None = None
    acceptance_date: date | None = None
    publication_date: date | None = None
    examination_request_date: date | None = None
    office_action_date: date | None = None
    office_action_kind: str | None = None
    grant_notice_date: date | None = None
    grant_date: date | None = None
    decision_date: date | None = None
    route: str | None = None
    international_filing_date: date | None = None
    expedited: bool = False
    mark_kind: str | None = None
    classes: int | None = None


def _law() -> Any | None:
    try:
        import ipoffice.law as law
    except ImportError:  # pragma: no cover - the law package is part of the distribution
        return None
    return law


def fallback_regime(filing_date: date) -> str:
    if filing_date < LAW_2023_IN_FORCE:
        return "vn-2010"
    if filing_date < LAW_2026_IN_FORCE:
        return "vn-2023"
    return "vn-2026"


def regime_id_for(right: RightKind, filing_date: date) -> str:
    """The regime that governs a new file (the law's transitional rules where available)."""
    law = _law()
    fn = getattr(law, "regime_for", None) if law else None
    if fn is not None:
        try:
            choice = fn(_facts(FileDates(right=right, filing_date=filing_date)))
        except TypeError:
            choice = fn(right=right, filing_date=filing_date)
        regime = getattr(choice, "regime", choice)
        rid = getattr(regime, "id", regime)
        if isinstance(rid, str) and rid:
            return rid
    return fallback_regime(filing_date)


def _facts(d: FileDates) -> Any:
    from ipoffice.law.model import FileFacts, Route

    route = None
    if d.route:
        try:
            route = Route(d.route)
        except ValueError:
            route = None
    return FileFacts(
        right=d.right,
        filing_date=d.filing_date,
        priority_date=d.priority_date,
        publication_date=d.publication_date,
        acceptance_date=d.acceptance_date,
        examination_request_date=d.examination_request_date,
        expedited=d.expedited,
        route=route,
        pct_international_filing_date=d.international_filing_date if d.route == "pct" else None,
        office_action_date=d.office_action_date,
        office_action_kind=d.office_action_kind,
        grant_notice_date=d.grant_notice_date,
        grant_date=d.grant_date,
        decision_date=d.decision_date,
        mark_kind=MarkKind(d.mark_kind) if d.mark_kind else None,
        classes=d.classes,
    )


def schedule_for(d: FileDates) -> Any | None:
    """The law's ``Schedule`` of deadlines for these dates, or ``None`` when the law module has none to give."""
    law = _law()
    fn = getattr(law, "deadlines", None) if law else None
    if fn is None:
        return None
    return fn(_facts(d))


def schedules_for(dates: list[FileDates]) -> list[Any | None]:
    """Schedules for many files with the law's shared caches; a file the law refuses gets ``None``."""
    law = _law()
    many = getattr(law, "deadlines_many", None) if law else None
    if many is None:
        return [schedule_for(d) for d in dates]
    from ipoffice.core.errors import UserError

    try:
        return list(many([_facts(d) for d in dates]))
    except UserError:
        out: list[Any | None] = []
        for d in dates:
            try:
                out.append(schedule_for(d))
            except UserError:
                out.append(None)
        return out
