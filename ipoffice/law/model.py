"""The shapes of law as code: rules, regimes, the facts of a file, and the deadlines computed from them.

A :class:`Rule` is one statutory time limit: a step, the rights it applies to, the event it counts from (its
*anchor*), a :class:`~ipoffice.core.legaltime.Period`, who must act, and the article it implements. A
:class:`Regime` is a dated set of rules (a change of law is a new regime, never an edit of an old one). The
engine (:mod:`ipoffice.law.engine`) turns a regime and a file's :class:`FileFacts` into a :class:`Schedule`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from ipoffice.core.legaltime import Period
from ipoffice.core.rights import MarkKind, RightKind


class Party(StrEnum):
    """Who must act before a deadline."""

    OFFICE = "office"
    APPLICANT = "applicant"
    THIRD_PARTY = "third_party"
    OWNER = "owner"


class Route(StrEnum):
    """How a file reached the office."""

    NATIONAL = "national"
    PCT = "pct"
    MADRID = "madrid"
    HAGUE = "hague"


class Condition(StrEnum):
    """When a rule applies only to some files."""

    EXPEDITED = "expedited"
    NOT_EXPEDITED = "not_expedited"
    ROUTE_PCT = "route_pct"  # a PCT national-phase file
    PCT_POSSIBLE = "pct_possible"  # a PCT file, or a hypothetical file whose route is not given
    ROUTE_NOT_PCT = "route_not_pct"
    ROUTE_MADRID = "route_madrid"
    ROUTE_HAGUE = "route_hague"
    FORMALITY_ACTION = "formality_action"
    SUBSTANTIVE_ACTION = "substantive_action"


# Anchor names: each names a fact of the file, or a fact the engine derives (see engine._ANCHOR_FALLBACK).
ANCHORS = (
    "filing_date",
    "priority_or_filing",  # earliest priority date, else the international filing date, else the filing date
    "acceptance_date",
    "publication_date",
    "examination_request_date",
    "examination_request_due",  # the last day to request substantive examination (derived)
    "decision_due",  # the statutory latest date of the decision on grant (end of substantive examination)
    "office_action_date",
    "grant_notice_date",
    "grant_date",
    "decision_date",
    "international_notification_date",
)

# Stable step ids (other tools read them) with their Vietnamese and English labels.
STEP_LABELS: dict[str, tuple[str, str]] = {
    "paris_priority": ("Thời hạn hưởng quyền ưu tiên (Công ước Paris)", "Paris priority period"),
    "pct_national_phase": ("Vào giai đoạn quốc gia PCT", "PCT national-phase entry"),
    "formality_examination": ("Thẩm định hình thức", "Formality examination"),
    "publication": ("Công bố đơn", "Publication of the application"),
    "examination_request": ("Yêu cầu thẩm định nội dung", "Request for substantive examination"),
    "substantive_examination": ("Thẩm định nội dung", "Substantive examination"),
    "opposition": ("Phản đối cấp văn bằng", "Opposition"),
    "third_party_opinion": ("Ý kiến của người thứ ba", "Third-party opinion"),
    "office_action_response": ("Trả lời thông báo của Cục", "Response to an office action"),
    "grant_fee_payment": ("Nộp phí, lệ phí cấp văn bằng", "Payment of grant fees"),
    "term_expiry": ("Hết thời hạn bảo hộ", "End of the term of protection"),
    "annuity": ("Nộp phí duy trì hiệu lực", "Annuity (maintenance fee)"),
    "renewal": ("Gia hạn hiệu lực văn bằng", "Renewal"),
    "restoration": ("Yêu cầu muộn do trở ngại khách quan", "Late request after force majeure"),
    "complaint": ("Khiếu nại quyết định", "Complaint against a decision"),
    "madrid_refusal": ("Từ chối tạm thời đăng ký quốc tế (Madrid)", "Madrid provisional refusal"),
    "hague_refusal": ("Từ chối đăng ký quốc tế (Hague)", "Hague refusal"),
}

ALL_RIGHTS: frozenset[RightKind] = frozenset(RightKind)
PATENTS: frozenset[RightKind] = frozenset({RightKind.INVENTION, RightKind.UTILITY_SOLUTION})


@dataclass(frozen=True)
class Term:
    """An anchor and a period: one way of counting a deadline."""

    anchor: str
    period: Period


@dataclass(frozen=True)
class Rule:
    """One statutory time limit.

    ``also`` lists other ways of counting the same limit; the latest end governs (e.g. publication of an invention
    application in the 19th month from priority, or within 2 months of acceptance if that is later).
    ``window`` is how long before ``due`` the window opens (the 19th month, the 6 months before a renewal).
    ``until_event`` names the event that really closes the step when the period only bounds it (e.g. a third-party
    opinion may be filed until the decision on grant; the due date shown is the statutory latest decision date).
    ``extension`` is the one extension a party may request, counted from the due date.
    """

    step: str
    rights: frozenset[RightKind]
    anchor: str
    period: Period
    party: Party
    basis: str
    label_vi: str = ""
    label_en: str = ""
    verify: bool = False
    condition: Condition | None = None
    also: tuple[Term, ...] = ()
    window: Period | None = None
    until_event: str | None = None
    opens_at: str | None = None  # an anchor whose date opens the window (e.g. publication for oppositions)
    extension: Period | None = None
    note: str = ""

    def __post_init__(self) -> None:
        if self.step not in STEP_LABELS:
            raise ValueError(f"unknown step id {self.step!r}")
        anchors = [self.anchor, *(t.anchor for t in self.also), *([self.opens_at] if self.opens_at else [])]
        if any(a not in ANCHORS for a in anchors):
            raise ValueError(f"unknown anchor in rule {self.step!r}")
        if not self.label_vi or not self.label_en:
            vi, en = STEP_LABELS[self.step]
            object.__setattr__(self, "label_vi", self.label_vi or vi)
            object.__setattr__(self, "label_en", self.label_en or en)

    def label(self, lang: str = "vi") -> str:
        return self.label_en if lang == "en" else self.label_vi


class Maintenance(StrEnum):
    ANNUITY = "annuity"  # a fee per validity year (patents)
    RENEWAL = "renewal"  # a renewal per term (designs, marks)
    NONE = "none"


@dataclass(frozen=True)
class TermRule:
    """The term of protection of a right and how it is kept alive (Law on IP Art. 93-94).

    ``term`` counts from the filing date; ``None`` means indefinite (GIs). ``renewals`` is how many renewals are
    allowed (``None``: without limit). ``cap_from_creation`` caps the term from the creation date (layout designs).
    Annuities are due at the start of each validity year counted from the grant date, payable in ``window`` before
    and late within ``grace`` after, with ``surcharge_per_month`` of the fee for each late month or part of one.
    """

    right: RightKind
    term: Period | None
    basis: str
    maintenance: Maintenance = Maintenance.NONE
    renewal_period: Period | None = None
    renewals: int | None = 0
    window: Period = Period(months=6)
    grace: Period = Period(months=6)
    surcharge_per_month: float = 0.10
    maintenance_basis: str = ""
    cap_from_creation: Period | None = None
    cap_from_exploitation: Period | None = None
    verify: bool = False
    restoration: Period | None = None  # a lapsed title may be restored within this period after the grace
    restoration_basis: str = ""
    restoration_verify: bool = True


@dataclass(frozen=True)
class Regime:
    """A dated body of law: the rules in force from ``in_force_from`` to ``in_force_to`` (inclusive)."""

    id: str
    title_vi: str
    title_en: str
    instruments: tuple[str, ...]
    in_force_from: date
    in_force_to: date | None
    rules: tuple[Rule, ...]
    term_rules: tuple[TermRule, ...]
    tariff_id: str
    notes: tuple[str, ...] = ()

    def in_force_on(self, day: date) -> bool:
        return self.in_force_from <= day and (self.in_force_to is None or day <= self.in_force_to)

    def rules_for(self, step: str, right: RightKind) -> list[Rule]:
        return [r for r in self.rules if r.step == step and right in r.rights]

    def term_rule(self, right: RightKind) -> TermRule | None:
        return next((t for t in self.term_rules if t.right == right), None)

    def title(self, lang: str = "vi") -> str:
        return self.title_en if lang == "en" else self.title_vi


@dataclass(frozen=True)
class FileFacts:
    """What is known of a file. Everything is optional except the right and at least one date."""

    right: RightKind
    filing_date: date | None = None
    priority_date: date | None = None
    publication_date: date | None = None
    acceptance_date: date | None = None
    examination_request_date: date | None = None
    expedited: bool = False
    route: Route | None = None
    pct_international_filing_date: date | None = None
    office_action_date: date | None = None
    office_action_kind: str | None = None  # "formality" or "substantive"
    grant_notice_date: date | None = None
    grant_date: date | None = None
    decision_date: date | None = None
    international_notification_date: date | None = None
    creation_date: date | None = None  # layout designs: the 15-year cap
    first_exploitation_date: date | None = None  # layout designs: 10 years from first commercial exploitation
    mark_kind: MarkKind | None = None
    classes: int | None = None

    def __post_init__(self) -> None:
        # Accept the stable string ids ("trademark", "pct") from the CLI, the API and stored rows.
        for name, enum in (("right", RightKind), ("route", Route), ("mark_kind", MarkKind)):
            value = getattr(self, name)
            if value is not None and not isinstance(value, enum):
                try:
                    object.__setattr__(self, name, enum(value))
                except ValueError:
                    from ipoffice.core.errors import UserError

                    raise UserError("law.unknown_choice", field=name, rule=f"one of {[e.value for e in enum]}",
                                    value=value, choices=", ".join(e.value for e in enum)) from None

    @property
    def priority_or_filing(self) -> date | None:
        return self.priority_date or self.pct_international_filing_date or self.filing_date


@dataclass(frozen=True)
class RegimeChoice:
    """The regime that governs a file (or one step of it), and why."""

    regime: Regime
    reason_vi: str
    reason_en: str
    basis: str
    verify: bool = False

    def reason(self, lang: str = "vi") -> str:
        return self.reason_en if lang == "en" else self.reason_vi


@dataclass(frozen=True)
class Deadline:
    """A computed deadline. ``due`` is the last day to act, after Civil Code Art. 148(5) roll-over."""

    step: str
    due: date
    basis: str
    anchor: str
    anchor_date: date
    period: Period
    party: Party
    regime: str
    label_vi: str
    label_en: str
    window_start: date | None = None
    verify: bool = False
    calendar_projected: bool = False
    anchor_projected: bool = False  # the anchor is itself a statutory latest date, not a known event
    until_event: str | None = None
    extension_end: date | None = None
    grace_end: date | None = None
    surcharge_per_month: float | None = None
    occurrence: int | None = None  # annuity year or renewal number
    condition: str | None = None
    regime_reason: str | None = None  # set when the step follows another regime than the file (transitional rule)

    def label(self, lang: str = "vi") -> str:
        return self.label_en if lang == "en" else self.label_vi

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        out: dict[str, Any] = {
            "step": self.step,
            "due": self.due.isoformat(),
            "basis": self.basis,
            "label": self.label(lang),
            "anchor": self.anchor,
            "anchor_date": self.anchor_date.isoformat(),
            "period": self.period.describe("en"),
            "party": str(self.party),
            "regime": self.regime,
            "verify": self.verify,
            "calendar_projected": self.calendar_projected,
            "anchor_projected": self.anchor_projected,
        }
        optional: dict[str, Any] = {
            "window_start": self.window_start.isoformat() if self.window_start else None,
            "until_event": self.until_event,
            "extension_end": self.extension_end.isoformat() if self.extension_end else None,
            "grace_end": self.grace_end.isoformat() if self.grace_end else None,
            "surcharge_per_month": self.surcharge_per_month,
            "occurrence": self.occurrence,
            "condition": self.condition,
            "regime_reason": self.regime_reason,
        }
        out.update({k: v for k, v in optional.items() if v is not None})
        return out


@dataclass(frozen=True)
class Schedule:
    """Every deadline of a file under the regime its transitional rule picks."""

    regime: str
    right: RightKind
    reason_vi: str
    reason_en: str
    regime_basis: str
    deadlines: tuple[Deadline, ...] = field(default_factory=tuple)

    def reason(self, lang: str = "vi") -> str:
        return self.reason_en if lang == "en" else self.reason_vi

    def by_step(self, step: str) -> list[Deadline]:
        return [d for d in self.deadlines if d.step == step]

    def first(self, step: str) -> Deadline:
        found = self.by_step(step)
        if not found:
            raise KeyError(step)
        return found[0]

    def steps(self) -> list[str]:
        return [d.step for d in self.deadlines]

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "regime": self.regime,
            "right": str(self.right),
            "reason": self.reason(lang),
            "regime_basis": self.regime_basis,
            "deadlines": [d.to_dict(lang) for d in self.deadlines],
        }
