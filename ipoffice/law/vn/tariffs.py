"""Viet Nam's fee tariffs by date (a new tariff is a new dated entry, never an edit of an old one)."""

from __future__ import annotations

from datetime import date

from ipoffice.core.errors import UserError
from ipoffice.law import messages as _messages  # noqa: F401  (registers the message catalogue)
from ipoffice.law.fees import Tariff
from ipoffice.law.vn import tariff_63_2023, tariff_263_2016

TARIFFS: tuple[Tariff, ...] = (tariff_263_2016.TARIFF, tariff_63_2023.TARIFF, tariff_63_2023.TARIFF_2026)


def tariff_on(day: date, field: str = "date") -> Tariff:
    """The tariff in force on ``day`` (``UserError`` before 1 Jan 2017: Circular 22/2009 is not modelled)."""
    found = next((t for t in TARIFFS if t.in_force_on(day)), None)
    if found is None:
        raise UserError("law.no_tariff", field=field, rule="Circular 263/2016/TT-BTC (from 2017-01-01)",
                        date=day.isoformat())
    return found
