"""The transitional rule: which regime governs a file, and which governs each of its steps.

A file follows the regime in force on its filing date (Law 07/2022/QH15 Art. 3 and the transitional provisions
of Law 131/2025/QH15: applications filed before a change continue to be processed under the law in force when they
were filed). Two exceptions are modelled, both marked [verify]:

1. Marks filed before 1 Jan 2023: IP Viet Nam applies the 5-month opposition window of Art. 112a(1)(c) (counted
   from publication) to them; a later opposition is handled as a third-party opinion (practice reported by
   Mondaq, 11 Dec 2023). Applied when that window ends on or after 1 Jan 2023.
2. Files filed before 1 Apr 2026 whose publication falls on or after that day take the 2026 opposition and
   examination windows (Pham & Associates, "Vietnam IP law update 2026").

With no filing date, the regime is chosen by the next known date (international filing, priority, publication)
and the reason says so.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from ipoffice.core.errors import UserError
from ipoffice.core.legaltime import add_months
from ipoffice.core.rights import RightKind
from ipoffice.law import messages as _messages  # noqa: F401  (registers the message catalogue)
from ipoffice.law.model import FileFacts, Regime, RegimeChoice
from ipoffice.law.vn import vn_2010, vn_2023, vn_2026

REGIMES: tuple[Regime, ...] = (vn_2010.REGIME, vn_2023.REGIME, vn_2026.REGIME)
BY_ID: dict[str, Regime] = {r.id: r for r in REGIMES}
FUTURE_BOUND = timedelta(days=2 * 366)  # a hypothetical filing more than ~2 years ahead is a typo, not a plan

RULE_BASIS = "Law 07/2022/QH15 Art. 3; Law 131/2025/QH15 (transitional provisions)"
TM_2023_BASIS = "Law 07/2022/QH15 Art. 112a(1)(c); IP VN practice on marks filed before 1 Jan 2023 (Mondaq 2023)"
PUB_2026_BASIS = "Law 131/2025/QH15 transitional provisions (Pham & Associates 2026 update)"
CHANGE_2023 = date(2023, 1, 1)
CHANGE_2026 = date(2026, 4, 1)

_DATE_FIELDS = ("filing_date", "pct_international_filing_date", "priority_date", "publication_date")


def _by_date(day: date) -> Regime | None:
    return next((r for r in REGIMES if r.in_force_on(day)), None)


def regime_for(facts: FileFacts, today: date | None = None) -> RegimeChoice:
    """The regime that governs ``facts``, with the reason and its basis; ``UserError`` when none applies."""
    field = next((f for f in _DATE_FIELDS if getattr(facts, f) is not None), None)
    if field is None:
        raise UserError("law.no_date", field="filing_date", rule="Law on IP Art. 100, 108 (filing date)")
    day: date = getattr(facts, field)
    return regime_on(day, field=field, today=today)


def regime_on(day: date, field: str = "filing_date", today: date | None = None) -> RegimeChoice:
    """The regime for a file whose deciding date (``field``) is ``day``."""
    today = today or date.today()
    if day > today + FUTURE_BOUND:
        raise UserError("law.date_too_far", field=field, rule="transitional rule: regime by filing date",
                        date=day.isoformat(), latest=(today + FUTURE_BOUND).isoformat())
    regime = _by_date(day)
    if regime is None:
        raise UserError("law.no_regime", field=field, rule=f"transitional rule: {RULE_BASIS}",
                        date=day.isoformat(), earliest=REGIMES[0].in_force_from.isoformat())
    to_vi = regime.in_force_to.strftime("%d/%m/%Y") if regime.in_force_to else "nay"
    to_en = regime.in_force_to.isoformat() if regime.in_force_to else "today"
    names_vi = {"filing_date": "nộp đơn", "pct_international_filing_date": "nộp đơn quốc tế",
                "priority_date": "ưu tiên", "publication_date": "công bố"}
    reason_vi = (f"Ngày {names_vi.get(field, field)} {day.strftime('%d/%m/%Y')} thuộc thời kỳ "
                 f"{regime.in_force_from.strftime('%d/%m/%Y')} - {to_vi}: đơn được xử lý theo pháp luật "
                 "có hiệu lực tại ngày nộp đơn")
    reason_en = (f"{field.replace('_', ' ')} {day.isoformat()} falls in {regime.in_force_from.isoformat()} - "
                 f"{to_en}: the file is processed under the law in force when it was filed")
    if field != "filing_date":
        reason_vi += " (chưa có ngày nộp đơn)"
        reason_en += " (no filing date given)"
    return RegimeChoice(regime=regime, reason_vi=reason_vi, reason_en=reason_en, basis=RULE_BASIS)


def step_override(
    step: str, facts: FileFacts, choice: RegimeChoice, lookup: Callable[[str], date | None]
) -> RegimeChoice | None:
    """The regime for one step when it differs from the file's regime (see the module docstring)."""
    base = choice.regime
    if step not in ("opposition", "substantive_examination") or base.id == "vn-2026":
        return None
    publication = lookup("publication_date")
    if publication is None:
        return None
    if publication >= CHANGE_2026:
        return RegimeChoice(
            regime=vn_2026.REGIME,
            reason_vi="Đơn nộp trước 1/4/2026 nhưng công bố từ 1/4/2026: áp dụng thời hạn mới",
            reason_en="filed before 1 Apr 2026 but published on or after it: the 2026 time limit applies",
            basis=PUB_2026_BASIS, verify=True,
        )
    if (
        step == "opposition"
        and base.id == "vn-2010"
        and facts.right is RightKind.TRADEMARK
        and add_months(publication, 5) >= CHANGE_2023
    ):
        return RegimeChoice(
            regime=vn_2023.REGIME,
            reason_vi="Nhãn hiệu nộp trước 1/1/2023: Cục SHTT áp dụng thời hạn phản đối 5 tháng kể từ công bố",
            reason_en="mark filed before 1 Jan 2023: IP Viet Nam applies the 5-month opposition window",
            basis=TM_2023_BASIS, verify=True,
        )
    return None
