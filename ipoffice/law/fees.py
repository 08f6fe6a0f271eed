"""Fee tariffs as dated data, a quote for a filing, and the late-payment surcharge.

A :class:`Tariff` is a list of :class:`FeeLine` rows (code, labels, amount in VND, quantity rule) valid between two
dates. The amounts are data; the only code is the small set of quantity rules in :class:`Unit` (per class, per
goods item beyond the limit per class, per independent claim, per description page beyond the limit, per design
variant, per priority claim...).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from ipoffice.core.errors import UserError
from ipoffice.core.legaltime import add_months
from ipoffice.core.rights import RightKind
from ipoffice.law import messages as _messages  # noqa: F401  (registers the message catalogue)


class Unit(StrEnum):
    PER_APPLICATION = "per_application"
    PER_CLASS = "per_class"
    PER_CLASS_BEYOND_FIRST = "per_class_beyond_first"
    PER_ITEM_BEYOND_LIMIT = "per_item_beyond_limit"  # goods/services items beyond ``limit`` in each class
    PER_INDEPENDENT_CLAIM = "per_independent_claim"
    PER_INDEPENDENT_CLAIM_BEYOND_FIRST = "per_independent_claim_beyond_first"
    PER_PAGE_BEYOND_LIMIT = "per_page_beyond_limit"  # description pages beyond ``limit``
    PER_DESIGN_VARIANT = "per_design_variant"
    PER_PRIORITY_CLAIM = "per_priority_claim"


class Stage(StrEnum):
    FILING = "filing"
    EXAMINATION = "examination"
    GRANT = "grant"
    ANNUITY = "annuity"  # maintenance of a patent, per validity year (Law on IP Art. 94(1))
    RENEWAL = "renewal"  # renewal of a mark or design, per term (Law on IP Art. 94(2))


@dataclass(frozen=True)
class FeeLine:
    code: str
    label_vi: str
    label_en: str
    amount: int  # VND per unit
    unit: Unit
    rights: frozenset[RightKind]
    stage: Stage
    limit: int = 0
    verify: bool = False
    source: str = ""
    years: tuple[int, int] | None = None  # annuities: the band of validity years (inclusive) the amount is for
    surcharge_base: bool = False  # the late-payment surcharge is a share of this line (maintenance/renewal charge)

    def label(self, lang: str = "vi") -> str:
        return self.label_en if lang == "en" else self.label_vi

    def covers_year(self, year: int | None) -> bool:
        return self.years is None or (year is not None and self.years[0] <= year <= self.years[1])


@dataclass(frozen=True)
class Tariff:
    """A dated tariff. ``online_reduction`` maps a line code to the fraction taken off for online filing."""

    id: str
    title: str
    instruments: tuple[str, ...]
    in_force_from: date
    in_force_to: date | None
    lines: tuple[FeeLine, ...]
    online_reduction: Mapping[str, float] = field(default_factory=dict)
    online_reduction_verify: bool = False
    late_surcharge_per_month: float = 0.10
    late_grace_months: int = 6
    notes: tuple[str, ...] = ()

    def in_force_on(self, day: date) -> bool:
        return self.in_force_from <= day and (self.in_force_to is None or day <= self.in_force_to)

    def line(self, code: str) -> FeeLine:
        return next(x for x in self.lines if x.code == code)


@dataclass(frozen=True)
class FilingRequest:
    """What a fee depends on. ``items_per_class`` gives the number of goods/services items in each class."""

    right: RightKind
    classes: int = 1
    items_per_class: tuple[int, ...] = ()
    independent_claims: int = 1
    description_pages: int = 0
    design_variants: int = 1
    priority_claims: int = 0
    online: bool = False
    annuity_year: int | None = None  # the validity year an annuity is paid for (Stage.ANNUITY)

    def __post_init__(self) -> None:
        if not isinstance(self.right, RightKind):
            object.__setattr__(self, "right", RightKind(self.right))
        minimums = {
            "classes": 1,
            "independent_claims": 1,
            "design_variants": 1,
            "description_pages": 0,
            "priority_claims": 0,
            "annuity_year": 1,
        }
        for name, minimum in minimums.items():
            value = getattr(self, name)
            if value is not None and value < minimum:
                raise UserError(
                    "law.fee_not_applicable",
                    field=name,
                    rule="Circular 263/2016/TT-BTC fee table",
                    value=value,
                    minimum=minimum,
                )
        if any(n < 1 for n in self.items_per_class):
            raise UserError(
                "law.fee_not_applicable",
                field="items_per_class",
                rule="Circular 263/2016/TT-BTC fee table",
                value=min(self.items_per_class),
                minimum=1,
            )

    def quantity(self, line: FeeLine) -> int:
        u = line.unit
        if u is Unit.PER_APPLICATION:
            return 1
        if u is Unit.PER_CLASS:
            return self.classes
        if u is Unit.PER_CLASS_BEYOND_FIRST:
            return max(0, self.classes - 1)
        if u is Unit.PER_ITEM_BEYOND_LIMIT:
            return sum(max(0, n - line.limit) for n in self.items_per_class)
        if u is Unit.PER_INDEPENDENT_CLAIM:
            return self.independent_claims
        if u is Unit.PER_INDEPENDENT_CLAIM_BEYOND_FIRST:
            return max(0, self.independent_claims - 1)
        if u is Unit.PER_PAGE_BEYOND_LIMIT:
            return max(0, self.description_pages - line.limit)
        if u is Unit.PER_DESIGN_VARIANT:
            return self.design_variants
        if u is Unit.PER_PRIORITY_CLAIM:
            return self.priority_claims
        raise ValueError(f"unknown unit {u!r}")


@dataclass(frozen=True)
class QuoteLine:
    code: str
    label_vi: str
    label_en: str
    stage: Stage
    unit_amount: int
    quantity: int
    amount: int
    verify: bool
    reduction: float = 0.0

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "code": self.code,
            "label": self.label_en if lang == "en" else self.label_vi,
            "stage": str(self.stage),
            "unit_amount": self.unit_amount,
            "quantity": self.quantity,
            "amount": self.amount,
            "reduction": self.reduction,
            "verify": self.verify,
        }


@dataclass(frozen=True)
class FeeQuote:
    tariff_id: str
    on: date
    lines: tuple[QuoteLine, ...]

    @property
    def total(self) -> int:
        return sum(x.amount for x in self.lines)

    def subtotal(self, stage: Stage) -> int:
        return sum(x.amount for x in self.lines if x.stage is stage)

    @property
    def verify(self) -> bool:
        return any(x.verify for x in self.lines)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "tariff": self.tariff_id,
            "on": self.on.isoformat(),
            "currency": "VND",
            "total": self.total,
            "verify": self.verify,
            "lines": [x.to_dict(lang) for x in self.lines],
        }


def quote(
    request: FilingRequest,
    tariff: Tariff,
    on: date,
    stages: tuple[Stage, ...] = (Stage.FILING, Stage.EXAMINATION),
) -> FeeQuote:
    """The fees of ``request`` under ``tariff`` for the given stages (lines with quantity 0 are left out)."""
    lines: list[QuoteLine] = []
    for fl in tariff.lines:
        if request.right not in fl.rights or fl.stage not in stages:
            continue
        if fl.years is not None and not fl.covers_year(request.annuity_year):
            continue
        qty = request.quantity(fl)
        if qty == 0:
            continue
        reduction = tariff.online_reduction.get(fl.code, 0.0) if request.online else 0.0
        unit_amount = round(fl.amount * (1 - reduction))
        verify = fl.verify or (reduction > 0 and tariff.online_reduction_verify)
        lines.append(
            QuoteLine(
                fl.code,
                fl.label_vi,
                fl.label_en,
                fl.stage,
                unit_amount,
                qty,
                unit_amount * qty,
                verify,
                reduction,
            )
        )
    return FeeQuote(tariff.id, on, tuple(lines))


# Annuities run for the validity years of the term (Law on IP Art. 93(2)-(3): 20 and 10 years from filing).
ANNUITY_YEARS: dict[RightKind, int] = {RightKind.INVENTION: 20, RightKind.UTILITY_SOLUTION: 10}
RENEWABLE: frozenset[RightKind] = frozenset({RightKind.TRADEMARK, RightKind.DESIGN})
MAINTENANCE_RULE = "Law on IP Art. 94; Circular 263/2016/TT-BTC fee table"


def maintenance_quote(
    request: FilingRequest,
    tariff: Tariff,
    on: date,
    *,
    renewal: bool = False,
    due: date | None = None,
) -> FeeQuote:
    """The fees of one annuity (``request.annuity_year``) or one renewal (``renewal=True``) under ``tariff``.

    Annuities are for invention and utility-solution patents (per independent claim, by band of validity years);
    renewals for marks (per class) and designs (per variant); GIs and layout designs have neither (Art. 93(5),
    93(7)). When ``due`` is given and ``on`` is after it, the late surcharge (``late_surcharge_per_month`` of the
    maintenance/renewal charge per late month, Art. 94) is added as line ``late_surcharge``; a payment beyond the
    grace period is refused (``UserError`` ``law.late_beyond_grace``).
    """
    right = request.right
    if renewal:
        if right not in RENEWABLE:
            raise UserError("law.no_renewal", field="right", rule="Law on IP Art. 93-94", right=right.value)
        stage = Stage.RENEWAL
    else:
        years = ANNUITY_YEARS.get(right)
        if years is None:
            raise UserError("law.no_annuity", field="right", rule="Law on IP Art. 93-94", right=right.value)
        year = request.annuity_year
        if year is None or not 1 <= year <= years:
            raise UserError("law.bad_annuity_year", field="annuity_year", rule="Law on IP Art. 93(2)-(3)",
                            value=year, years=years, right=right.value)
        stage = Stage.ANNUITY
    q = quote(request, tariff, on, stages=(stage,))
    if due is None or on <= due:
        return q
    base = sum(x.amount for x in q.lines if tariff.line(x.code).surcharge_base)
    months = late_months(due, on)
    extra = late_surcharge(base, due, on, rate=tariff.late_surcharge_per_month, grace_months=tariff.late_grace_months)
    line = QuoteLine("late_surcharge", f"Phí nộp muộn ({months} tháng)", f"Late payment ({months} month(s))",
                     stage, extra, 1, extra, any(x.verify for x in q.lines))
    return FeeQuote(q.tariff_id, on, (*q.lines, line))


def late_months(due: date, paid: date) -> int:
    """Late months, each begun month counting as one: 0 when paid on time."""
    if paid <= due:
        return 0
    n = 1
    while add_months(due, n) < paid:
        n += 1
    return n


def late_surcharge(amount: int, due: date, paid: date, rate: float = 0.10, grace_months: int = 6) -> int:
    """The surcharge for paying ``amount`` late: ``rate`` of it per late month, within ``grace_months``.

    Law on IP Art. 94 allows maintenance and renewal fees to be paid within 6 months after the due date; the fee
    table of Circular 263/2016/TT-BTC adds 10% of the fee for each late month. Beyond the grace period the right
    lapses and no surcharge can cure it (``UserError``).
    """
    m = late_months(due, paid)
    if m > grace_months:
        raise UserError(
            "law.late_beyond_grace",
            field="paid",
            rule="Law on IP Art. 94; Circular 263/2016/TT-BTC",
            paid=paid.isoformat(),
            due=due.isoformat(),
            grace=grace_months,
        )
    return round(amount * rate * m)
