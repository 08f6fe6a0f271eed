"""Checks on a file's facts before any deadline is computed: each failure names the field and the rule."""

from __future__ import annotations

from datetime import date

from ipoffice.core.errors import UserError
from ipoffice.core.legaltime import (
    WEEKENDS_ONLY,
    CalendarNotCovered,
    WorkingCalendar,
    calendar_end,
    next_working_day,
)
from ipoffice.core.rights import RightKind, right_label
from ipoffice.law import messages as _messages  # noqa: F401  (registers the message catalogue)
from ipoffice.law.model import FileFacts, Regime, Rule

PARIS_RIGHTS = (RightKind.INVENTION, RightKind.UTILITY_SOLUTION, RightKind.DESIGN, RightKind.TRADEMARK)


def paris_priority_due(
    right: RightKind, priority_date: date, regime: Regime, cal: WorkingCalendar | None = None
) -> tuple[date, Rule] | None:
    """The last day to file with priority from ``priority_date`` (Paris Convention Art. 4C(1),(3); Civil Code
    Art. 148(5)): the plain end rolled to the next working day; ``None`` for a right without Paris priority."""
    rule = next(iter(regime.rules_for("paris_priority", right)), None)
    if rule is None:
        return None
    end = calendar_end(priority_date, rule.period)
    try:
        return next_working_day(end, cal or WEEKENDS_ONLY), rule
    except CalendarNotCovered:
        return next_working_day(end, WEEKENDS_ONLY), rule


def validate(facts: FileFacts, regime: Regime, cal: WorkingCalendar | None = None) -> None:
    """Raise :class:`UserError` for facts no file can have."""
    filing = facts.pct_international_filing_date or facts.filing_date
    if facts.priority_date is not None:
        if facts.right not in PARIS_RIGHTS:
            raise UserError("law.priority_not_available", field="priority_date",
                            rule="Paris Convention Art. 4A(1); Law on IP Art. 91", right=right_label(facts.right, "en"))
        if filing is not None and facts.priority_date > filing:
            raise UserError("law.priority_after_filing", field="priority_date",
                            rule="Law on IP Art. 91(1); Paris Convention Art. 4C(2)",
                            priority=facts.priority_date.isoformat(), filing=filing.isoformat())
        found = paris_priority_due(facts.right, facts.priority_date, regime, cal)
        if found is not None and filing is not None:
            due, rule = found
            if filing > due:
                raise UserError("law.priority_expired", field="priority_date", rule=rule.basis,
                                filing=filing.isoformat(), due=due.isoformat())
    if facts.filing_date is not None:
        for name in ("publication_date", "acceptance_date", "examination_request_date", "grant_date",
                     "grant_notice_date"):
            value = getattr(facts, name)
            if value is not None and value < facts.filing_date:
                raise UserError("law.before_filing", field=name, rule="Law on IP Art. 108-110, 119",
                                value=value.isoformat(), filing=facts.filing_date.isoformat())
