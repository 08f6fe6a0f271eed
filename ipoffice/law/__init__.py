"""Law as code: dated regimes of time limits and fees, and the rule that picks the regime for a file.

Public entry points::

    deadlines(facts, cal=None, today=None) -> Schedule      # every deadline of one file
    deadlines_many(list_of_facts, cal=None, today=None)     # the same for many files, with shared caches
    deadlines_table(list_of_facts, cal=None, today=None)    # due dates as numpy arrays, objects on demand
    regime_for(facts, today=None) -> RegimeChoice           # which regime governs a file, why, on what basis
    regimes() -> tuple[Regime, ...]                         # every modelled regime, oldest first
    fee_quote(FilingRequest(...), on=date) -> FeeQuote      # official fees under the tariff in force that day
    late_surcharge(amount, due, paid) -> int                # +10% per late month within the 6-month grace
    maintenance_fee_quote(FilingRequest(..., annuity_year=N), on=date, renewal=False, due=None) -> FeeQuote
    paris_priority_end(right, priority_date, filing_date) -> date | None   # Art. 4C with Art. 148(5) roll-over
    term_expiry(facts) -> date | None                       # end of the first term (Art. 93), not rolled over
    restoration_end(facts, year) -> RestorationWindow | None  # restoring a patent lapsed for annuity ``year``

``law`` imports only ``core`` and never touches the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ipoffice.core.legaltime import Period, WorkingCalendar
from ipoffice.core.rights import RightKind
from ipoffice.law import messages as _messages  # noqa: F401  (registers the message catalogue)
from ipoffice.law.engine import Roller, first_term_end, schedule
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
from ipoffice.law.validation import paris_priority_due, validate
from ipoffice.law.vn import tariffs as _tariffs
from ipoffice.law.vn import transitional

if TYPE_CHECKING:
    from ipoffice.law.vector import DeadlineTable

__all__ = [
    "Deadline", "FileFacts", "Party", "Regime", "RegimeChoice", "Route", "Rule", "Schedule",
    "FeeQuote", "FilingRequest", "Stage", "Tariff",
    "deadlines", "deadlines_many", "deadlines_table", "DeadlineTable", "default_calendar", "fee_quote", "late_surcharge", "maintenance_fee_quote",
    "paris_priority_end", "regime_for", "regimes", "restoration_end", "term_expiry", "RestorationWindow",
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


def paris_priority_end(
    right: RightKind | str, priority_date: date, filing_date: date | None = None,
    cal: WorkingCalendar | None = None,
) -> date | None:
    """The last day to file claiming priority from ``priority_date`` under the regime of the filing date: the
    Paris period (12 or 6 months) rolled to the next working day (Paris Convention Art. 4C(3), Civil Code
    Art. 148(5)). ``None`` for rights without Paris priority. The one function the law and the office use."""
    kind = RightKind(right)
    choice = transitional.regime_for(FileFacts(kind, filing_date=filing_date or priority_date))
    found = paris_priority_due(kind, priority_date, choice.regime, cal or default_calendar())
    return found[0] if found else None


def term_expiry(facts: FileFacts) -> date | None:
    """The end of the first term of protection under the file's regime (the ``term_expiry`` deadline #1)."""
    return first_term_end(transitional.regime_for(facts).regime, facts)


@dataclass(frozen=True)
class RestorationWindow:
    """When a patent lapsed for not paying the annuity of validity ``year`` may still be restored."""

    year: int
    annuity_due: date  # start of the validity year (rolled over)
    grace_end: date  # last day of the late payment with surcharge
    due: date  # last day to request restoration
    period: Period
    basis: str
    verify: bool


def restoration_end(facts: FileFacts, year: int, cal: WorkingCalendar | None = None) -> RestorationWindow | None:
    """The restoration window after the unpaid annuity of validity ``year`` (counted from ``facts.grant_date``);
    ``None`` when the right has no annuities or its regime no restoration."""
    choice = transitional.regime_for(facts)
    tr = choice.regime.term_rule(facts.right)
    if tr is None or tr.restoration is None or facts.grant_date is None:
        return None
    roller = Roller(cal or default_calendar(), memo=False)
    start = roller.plain_end(facts.grant_date, Period(years=year - 1))
    due, _ = roller.roll(start)
    grace_plain = roller.plain_end(start, tr.grace)
    grace_end, _ = roller.roll(grace_plain)
    end, _ = roller.end(grace_plain, tr.restoration)
    return RestorationWindow(year, due, grace_end, end, tr.restoration, tr.restoration_basis, tr.restoration_verify)


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


def deadlines_table(
    facts_list: Sequence[FileFacts], cal: WorkingCalendar | None = None, today: date | None = None
) -> DeadlineTable:
    """The due dates of many files as a compact numpy table (:mod:`ipoffice.law.vector`), identical to
    :func:`deadlines` file by file; the :class:`Schedule` of a file is built when asked (``table.schedule(i)``)."""
    from ipoffice.law.vector import deadlines_table as _table

    return _table(facts_list, cal=cal, today=today)


def _one(
    facts: FileFacts, roller: Roller, today: date | None, cache: dict[tuple[object, ...], object] | None = None
) -> Schedule:
    choice = transitional.regime_for(facts, today=today)
    validate(facts, choice.regime, roller.cal)
    return schedule(facts, choice, roller, override=transitional.step_override, cache=cache,
                    all_regimes=transitional.REGIMES)
