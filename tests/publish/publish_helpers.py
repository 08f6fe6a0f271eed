"""Helpers shared by the publish tests (a module of its own: ``conftest`` is not importable by name when
several test folders have one)."""

from __future__ import annotations

from datetime import date
from typing import Any

ACTOR = "examiner.le"


def pay_grant_fees(s: Any, number: str, on: date) -> None:
    """Pay the fees raised at the notice of intended grant, where the office raises them."""
    try:
        from ipoffice.office.payments import pay_grant_fees as pay
    except ImportError:  # an office that does not raise grant fees yet
        return
    pay(s, number, on=on, key=f"test-{number}")
