"""Office steps the exchange suites use to build register files (through the office services)."""

from __future__ import annotations

import importlib
from datetime import date

from sqlalchemy.orm import Session

from ipoffice.office import grant as gr


def pay_and_grant(session: Session, number: str, *, paid: date, on: date, actor: str = "examiner") -> None:
    """Pay the fees raised by the notice of intended grant (when the office raises them), then grant."""
    try:
        payments = importlib.import_module("ipoffice.office.payments")
    except ImportError:  # an office without fee payments at grant
        payments = None
    if payments is not None and hasattr(payments, "pay_grant_fees"):
        payments.pay_grant_fees(session, number, on=paid, key=f"exchange-test-{number}", actor=actor)
    gr.grant(session, number, on=on, actor=actor)
