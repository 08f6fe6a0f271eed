"""Law as code: dated regimes of time limits and fees, and the rule that picks the regime for a file.

Public entry points::

    deadlines(facts, cal=None, today=None) -> Schedule      # every deadline of one file
    deadlines_many(list_of_facts, cal=None, today=None)     # the same for many files, with shared caches
    regime_for(facts, today=None) -> RegimeChoice           # which regime governs a file, why, on what basis
    regimes() -> tuple[Regime, ...]                         # every modelled regime, oldest first
    fee_quote(FilingRequest(...), on=date) -> FeeQuote      # official fees under the tariff in force that day
    late_surcharge(amount, due, paid) -> int                # +10% per late month within the 6-month grace
    maintenance_fee_quote(FilingRequest(..., annuity_year=N), on=date, renewal=False, due=None) -> FeeQuote

``law`` imports only ``core`` and never touches the database.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ipoffice.core.legaltime import WorkingCalendar
from ipoffice.law import messages as _messages  # noqa: F401  (registers the message catalogue)
from ipoffice.law.engine import Roller, schedule
from ipoffice.law.fees import (
    FeeQuote,
    FilingRequest,
    Stage,
    Tariff,
    late_surcharge,
    maintenance_quote,
    quote,
)
from ipoffice.law.model import (
    Deadline,
    FileFacts,
    Party,
    Regime,
    RegimeChoice,
    Route,
    Rule,
    Schedule,
)
from ipoffice.law.validation import validate
from ipoffice.law.vn import tariffs as _tariffs
from ipoffice.law.vn import transitional

__all__ = [
    "Deadline", "FileFacts", "Party", "Regime", "RegimeChoice", "Route", "Rule", "Schedule",
    "FeeQuote", "FilingRequest", "Stage", "Tariff",
    "deadlines", "deadlines_many", "default_calendar", "fee_quote", "late_surcharge", "maintenance_fee_quote",
    "regime_for", "regimes",
    "tariff_on", "tariffs", "validate",
]


def tariffs() -> tuple[Tariff, ...]:
    return _tariffs.TARIFFS


def tariff_on(day: date) -> Tariff:
    return _tariffs.tariff_on(day)


def fee_quote(
    request: FilingRequest, on: date | None = None, stages: tuple[Stage, ...] = (Stage.FILING, Stage.EXAMINATION)
) -> FeeQuote:
    """The official fees of a filing under the tariff in force on ``on`` (default: today)."""
    day = on or date.today()
    return quote(request, _tariffs.tariff_on(day), day, stages)


def maintenance_fee_quote(
    request: FilingRequest, on: date | None = None, *, renewal: bool = False, due: date | None = None
) -> FeeQuote:
    """One annuity (``request.annuity_year``) or renewal under the tariff in force on ``on`` (default today),
    with the late surcharge when ``on`` is after ``due`` (refused beyond the grace period)."""
    day = on or date.today()
    return maintenance_quote(request, _tariffs.tariff_on(day), day, renewal=renewal, due=due)


def default_calendar() -> WorkingCalendar:
    """Viet Nam's working calendar when ``ipoffice.core.calendar_vn`` is available, else weekends only."""
    try:
        from ipoffice.core.calendar_vn import vietnam_calendar  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        from ipoffice.core.legaltime import WEEKENDS_ONLY

        return WEEKENDS_ONLY
    cal: WorkingCalendar = vietnam_calendar()
    return cal


def regimes() -> tuple[Regime, ...]:
    return transitional.REGIMES


def regime_for(facts: FileFacts, today: date | None = None) -> RegimeChoice:
    return transitional.regime_for(facts, today=today)


def deadlines(facts: FileFacts, cal: WorkingCalendar | None = None, today: date | None = None) -> Schedule:
    """Every deadline of ``facts`` under the regime its transitional rule picks (``UserError`` on bad facts)."""
    return _one(facts, Roller(cal or default_calendar(), memo=False), today)


def deadlines_many(
    facts_list: Iterable[FileFacts], cal: WorkingCalendar | None = None, today: date | None = None
) -> list[Schedule]:
    """:func:`deadlines` for many files, sharing memoised roll-overs, month ends and regime choices."""
    roller = Roller(cal or default_calendar(), memo=True)
    cache: dict[tuple[object, ...], object] = {}
    return [_one(f, roller, today, cache) for f in facts_list]


def _one(
    facts: FileFacts, roller: Roller, today: date | None, cache: dict[tuple[object, ...], object] | None = None
) -> Schedule:
    choice = transitional.regime_for(facts, today=today)
    validate(facts, choice.regime, roller.cal)
    return schedule(facts, choice, roller, override=transitional.step_override, cache=cache,
                    all_regimes=transitional.REGIMES)
