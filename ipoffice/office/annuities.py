"""A granted patent's annuities against the law's schedule: which validity years are paid, which is due next.

Validity years are counted from the grant date; the first year's annuity is paid with the grant fees, each later
one in the 6 months before its year starts, or late within the 6-month grace with a surcharge (Law on IP
Art. 94(1); Decree 65/2023). The due dates, windows and grace ends are the law module's ``annuity`` deadlines:
the office computes none of its own.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ipoffice.core.errors import UserError
from ipoffice.core.rights import RightKind
from ipoffice.store.models import IPFile


def annuity_deadlines(file: IPFile) -> dict[int, Any]:
    """The law's ``annuity`` deadlines of a granted patent by validity year (years 2..n; year 1 is paid at
    grant); empty when the file is not a granted patent or the law refuses its facts."""
    from ipoffice.office import lawlink
    from ipoffice.office.clock import file_dates

    if not RightKind(file.right_kind).is_patent or file.registration_date is None:
        return {}
    try:
        sched = lawlink.schedule_for(file_dates(file))
    except UserError:
        return {}
    if sched is None:
        return {}
    return {d.occurrence: d for d in sched.deadlines if d.step == "annuity" and d.occurrence}


def paid_years(file: IPFile) -> set[int]:
    """Validity years paid: year 1 with the grant, then each ``annuity_paid`` and each ``restored`` year."""
    years = {1} if file.registration_date is not None else set()
    for ev in file.events:
        if ev.code in ("annuity_paid", "restored"):
            year = (ev.payload or {}).get("year")
            if isinstance(year, int):
                years.add(year)
    return years


def first_unpaid(file: IPFile, deadlines: dict[int, Any] | None = None) -> tuple[int, Any] | None:
    """The earliest validity year whose annuity is not paid, with its deadline (``None`` when all are)."""
    found = deadlines if deadlines is not None else annuity_deadlines(file)
    paid = paid_years(file)
    for year in sorted(found):
        if year not in paid:
            return year, found[year]
    return None


def lapse_due(file: IPFile, today: date, deadlines: dict[int, Any] | None = None) -> tuple[int, date] | None:
    """The unpaid year and the end of its grace when that grace has passed by ``today`` (the right lapses,
    Art. 95(1)(a)); ``None`` otherwise."""
    found = first_unpaid(file, deadlines)
    if found is None:
        return None
    year, d = found
    end = d.grace_end or d.due
    return (year, end) if today > end else None
