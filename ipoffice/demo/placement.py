"""The placement plan: which demo record becomes which kind of file, with which dates, standing at which step.

A pure function of the records and ``today`` (no database, no randomness beyond a stable hash of each record's
key), so the same records and the same day always give the same office. Every record is filed; a deterministic
share of them is walked through the procedure to each step of the Vietnamese regimes: filed, formality
deficiency, accepted, published (inside the opposition window), opposed, under substantive examination (for marks,
a realistic backlog against the 9-month limit of Law on IP Art. 119(2)), awaiting a response to an office action,
intended grant or refusal, granted, maintained (annuities, renewals), lapsed or expired, refused, withdrawn, with
recordals of assignments and licences.

The dates are **shifted**: each file's timeline is built forward from its priority date with realistic gaps, then
moved as a whole so that its last step lies the right time before ``today``. The records are real; the dates, the
routes (PCT / Paris / Madrid), the utility-solution choice, the opponents, assignees and licensees are generated
and marked so in each step's ``detail`` (``generated: True``).

Time limits used to place steps (kept inside both the vn-2023 and the vn-2026 limits, see research §3.3):
formality 1 month (Art. 109); invention publication in the 19th month from priority or 2 months after acceptance
(Art. 110); opposition 9 / 5 months (invention / mark, vn-2023) or 6 / 3 months (vn-2026) from publication
(Art. 112a); examination request 42 months from priority (invention, vn-2023), 36 months (vn-2026, and utility
solutions) (Art. 113); response to an office action 3 months [verify: vn-2026 under Circular 10/2026]; grant fees
3 months after the notice of intended grant (Art. 118) [verify]; patent term 20 years (utility solution 10) from
filing, annuities yearly; mark 10 years from filing, renewable, 6-month grace (Art. 93, 94).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from ipoffice.core.legaltime import add_months
from ipoffice.core.rights import RightKind
from ipoffice.demo.dataset import PatentRecord, TrademarkRecord
from ipoffice.office.events import EventCode

E = EventCode
VN_2023_FROM = date(2023, 1, 1)  # Law 07/2022/QH15 in force
VN_2026_FROM = date(2026, 4, 1)  # Law 131/2025/QH15 in force


@functools.cache
def earliest_filing() -> date:
    """The first day a demo file may be filed: both a regime and a fee tariff of :mod:`ipoffice.law` must be in
    force (the filing service quotes the fees). Today: vn-2010 from 2010 but the oldest tariff, Circular
    263/2016/TT-BTC, from 1 January 2017, so no demo file is older than 2017 and no mark has reached the end of its
    10-year term yet; when the law gains older tariffs, older files (and expired marks) appear by themselves."""
    from ipoffice import law

    first_regime = min(r.in_force_from for r in law.regimes())
    first_tariff = min(t.in_force_from for t in law.tariffs())
    return max(first_regime, first_tariff) + timedelta(days=1)


Record = PatentRecord | TrademarkRecord


def stable_hash(*parts: object) -> int:
    """A hash that is the same in every run and on every machine (``hash()`` is salted)."""
    text = "\x1f".join(map(str, parts))
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def _draw(key: str, salt: str, low: int, high: int) -> int:
    """A deterministic integer in [low, high]."""
    return low + stable_hash(key, salt) % (high - low + 1)


def regime_for(filing_date: date) -> str:
    """The regime placed on a demo file, by its filing date.

    The same rule as :func:`ipoffice.law.vn.transitional.regime_on` (a file follows the law in force on its
    filing date; for a PCT national-phase file, the international filing date), kept here as a pure function so
    the plan needs no database; a test holds the two equal. The law's per-step override for files published on or
    after 1 April 2026 [verify] changes time limits, not the steps, so it does not affect the placement.
    """
    if filing_date >= VN_2026_FROM:
        return "vn-2026"
    if filing_date >= VN_2023_FROM:
        return "vn-2023"
    return "vn-2010"


@dataclass(frozen=True)
class Step:
    """One procedural event placed on a file (``detail`` feeds the service call: opponent, assignee, ...)."""

    event: EventCode
    on: date
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PriorityClaim:
    country: str
    number: str
    date: date
    kind: str = "paris"  # paris, pct, madrid
    note: str | None = None


@dataclass(frozen=True)
class Placement:
    """A demo record as a file of this office: kind, route, shifted dates, and the steps it has gone through."""

    record: Record
    scenario: str
    right_kind: RightKind
    route: str  # national, pct, madrid (ipoffice.store.kinds.FilingRoute values)
    filing_date: date  # the legal filing date (for PCT: the international filing date)
    received_on: date  # the day the office received it (for PCT: national-phase entry)
    regime: str
    steps: tuple[Step, ...]
    priority: PriorityClaim | None = None
    international_number: str | None = None
    shift_days: int = 0  # how far the source's own date was moved (0 when the source has no date)

    @property
    def key(self) -> str:
        return self.record.key

    @property
    def last_event(self) -> EventCode:
        return self.steps[-1].event

    @property
    def events(self) -> tuple[EventCode, ...]:
        return tuple(s.event for s in self.steps)


# --- scenarios: (name, share) per right; the shares of a right sum to 1 ----------------------------------------

PATENT_SCENARIOS: tuple[tuple[str, float], ...] = (
    ("filed", 0.02),
    ("formality_deficient", 0.02),
    ("accepted", 0.03),
    ("published", 0.08),  # awaiting the examination request, inside the opposition window for the recent ones
    ("third_party_opinion", 0.02),
    ("opposed", 0.02),
    ("under_examination", 0.19),
    ("office_action", 0.07),
    ("intended_refusal", 0.01),
    ("intended_grant", 0.03),
    ("granted", 0.30),
    ("assigned", 0.03),
    ("licensed", 0.02),
    ("lapsed", 0.06),
    ("refused", 0.04),
    ("deemed_withdrawn", 0.04),
    ("withdrawn", 0.02),
)

TRADEMARK_SCENARIOS: tuple[tuple[str, float], ...] = (
    ("filed", 0.03),
    ("formality_deficient", 0.03),
    ("accepted", 0.03),
    ("published", 0.06),  # inside the opposition window
    ("opposed", 0.02),
    ("under_examination", 0.30),  # the backlog: many beyond the 9-month limit
    ("office_action", 0.06),
    ("intended_refusal", 0.01),
    ("intended_grant", 0.03),
    ("granted", 0.22),
    ("renewed", 0.05),
    ("expired", 0.02),
    ("assigned", 0.03),
    ("licensed", 0.02),
    ("refused", 0.05),
    ("opposition_upheld", 0.02),
    ("withdrawn", 0.02),
)

DESIGN_SCENARIOS: tuple[tuple[str, float], ...] = (
    ("published", 0.2),
    ("under_examination", 0.2),
    ("granted", 0.4),
    ("renewed", 0.2),
)


def allocate(n: int, shares: Sequence[tuple[str, float]]) -> list[str]:
    """``n`` scenario names in the given shares (largest remainder; every scenario at least once when n allows)."""
    if n <= 0:
        return []
    total = sum(s for _, s in shares)
    raw = [(name, n * s / total) for name, s in shares]
    counts = {name: int(x + 1e-9) for name, x in raw}
    if n >= len(shares):
        for name, _ in shares:
            counts[name] = max(counts[name], 1)
    while sum(counts.values()) > n:  # the minimums pushed us over: take from the largest
        big = max(counts, key=lambda k: counts[k])
        counts[big] -= 1
    rest = sorted(raw, key=lambda r: r[1] - int(r[1]), reverse=True)
    i = 0
    while sum(counts.values()) < n:
        counts[rest[i % len(rest)][0]] += 1
        i += 1
    out: list[str] = []
    for name, _ in shares:
        out.extend([name] * counts[name])
    return out


# --- timelines --------------------------------------------------------------------------------------------------


class _Timeline:
    """Builds a file's steps forward from day 0 (relative dates), to be shifted to real dates at the end."""

    def __init__(self, key: str, start: date) -> None:
        self.key = key
        self.day = start
        self.steps: list[Step] = []

    def gap(self, salt: str, low: int, high: int) -> date:
        self.day = self.day + timedelta(days=_draw(self.key, salt, low, high))
        return self.day

    def add(self, event: EventCode, salt: str, low: int, high: int, **detail: Any) -> date:
        on = self.gap(salt, low, high)
        self.steps.append(Step(event, on, dict(detail)))
        return on

    def at(self, event: EventCode, on: date, **detail: Any) -> date:
        self.day = max(self.day, on)
        self.steps.append(Step(event, self.day, dict(detail)))
        return self.day


def _dwell(scenario: str, right: RightKind, key: str) -> int:
    """Days a file has been sitting at its last step on ``today`` (kept inside the step's own time limit)."""
    mark = right is RightKind.TRADEMARK
    table: dict[str, tuple[int, int]] = {
        "filed": (1, 25),
        "formality_deficient": (5, 55),  # 2 months to correct
        "accepted": (5, 50),  # publication within 2 months of acceptance
        "published": (5, 80) if mark else (10, 170),  # inside the opposition window of both regimes
        "third_party_opinion": (5, 120),
        "opposed": (10, 120),
        # the mark backlog: published 0-30 months ago against a 9-month limit (research §3.6: 2-3 times slower)
        "under_examination": (20, 900) if mark else (30, 700),
        "office_action": (5, 80),  # 3 months to respond
        "intended_refusal": (5, 55),
        "intended_grant": (5, 80),  # 3 months to pay the grant fees
        # decided files: the decision lies 0-4 years back
        "refused": (0, 1500),
        "opposition_upheld": (0, 1500),
        "withdrawn": (0, 1500),
        "deemed_withdrawn": (0, 1500),
    }
    if scenario in _EARLY_STEPS and stable_hash(key, "stuck") % 4 == 0:
        # one early file in four has waited long past its limit (the office's formality and publication backlog),
        # which also puts files at these steps under the regime of an earlier filing date
        return _draw(key, "dwell", 200, 420)
    low, high = table.get(scenario, (0, 0))
    return _draw(key, "dwell", low, high)


_EARLY_STEPS = frozenset({"filed", "accepted"})  # the office is late, not the applicant


def _weekday(d: date) -> date:
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


def _working_day(d: date, today: date) -> date:
    """``d`` rolled to the next working day, or, when that lies after ``today`` (a file placed on a weekend that
    ends today), the last working day up to ``today``: a step is never dated in the office's future."""
    rolled = _weekday(d)
    if rolled <= today:
        return rolled
    last = min(d, today)
    while last.weekday() >= 5:
        last -= timedelta(days=1)
    return last


def _patent_timeline(
    key: str, scenario: str, right: RightKind, route: str, today: date
) -> tuple[list[Step], date, date, date]:
    """Steps, filing date, received date and priority date of a patent file, already shifted to ``today``."""
    t = _Timeline(key, date(2000, 1, 1))
    priority = t.day
    if route == "pct":
        filing = add_months(priority, 12) - timedelta(days=_draw(key, "pct-if", 5, 25))
        received = add_months(priority, 30) + timedelta(days=_draw(key, "pct-entry", 0, 20))
    else:
        filing = priority + timedelta(days=_draw(key, "paris", 120, 360))
        received = filing
    t.day = received
    t.steps.append(Step(E.FILED, received))
    if scenario == "filed":
        return _finish(t, scenario, right, key, today, filing, received, priority)
    if scenario == "formality_deficient":
        t.add(E.FORMALITY_DEFICIENCY_NOTIFIED, "fd", 15, 30)
        return _finish(t, scenario, right, key, today, filing, received, priority)
    if scenario == "withdrawn" and stable_hash(key, "wd-early") % 2:
        t.add(E.WITHDRAWN, "wd", 20, 200)
        return _finish(t, scenario, right, key, today, filing, received, priority)
    if stable_hash(key, "fd-any") % 10 == 0:  # one file in ten had a formal deficiency, corrected
        t.add(E.FORMALITY_DEFICIENCY_NOTIFIED, "fd", 15, 30)
        t.add(E.RESPONSE_RECEIVED, "fd-resp", 10, 55)
    t.add(E.FORMALITY_ACCEPTED, "acc", 15, 30)
    if scenario == "accepted":
        return _finish(t, scenario, right, key, today, filing, received, priority)
    early_request = route == "pct" or stable_hash(key, "req-early") % 3 == 0
    if early_request and scenario not in ("published", "deemed_withdrawn", "third_party_opinion"):
        t.add(E.EXAMINATION_REQUESTED, "req", 0, 10)
    # invention: the 19th month from priority, or within 2 months of acceptance if later (Art. 110)
    publish_on = max(add_months(priority, 18) + timedelta(days=_draw(key, "pub19", 0, 25)), t.day)
    if publish_on == t.day:
        publish_on = t.day + timedelta(days=_draw(key, "pub", 10, 55))
    t.at(E.PUBLISHED, publish_on)
    if scenario == "published":
        return _finish(t, scenario, right, key, today, filing, received, priority)
    if scenario == "third_party_opinion":
        t.add(E.THIRD_PARTY_OPINION_RECEIVED, "tpo", 20, 150, generated=True)
        return _finish(t, scenario, right, key, today, filing, received, priority)
    if scenario == "deemed_withdrawn":
        limit = 36 if right is RightKind.UTILITY_SOLUTION else 42
        t.at(E.DEEMED_WITHDRAWN, add_months(priority, limit) + timedelta(days=_draw(key, "dw", 5, 40)))
        return _finish(t, scenario, right, key, today, filing, received, priority)
    if scenario == "opposed":  # inside 6 months of publication (the shorter, vn-2026 window)
        t.add(E.OPPOSITION_FILED, "opp", 20, 150, generated=True)
    if not early_request:
        # requested within 36 months of priority (inside the vn-2023 and vn-2026 limits)
        latest = add_months(priority, 36) - timedelta(days=10)
        t.at(E.EXAMINATION_REQUESTED, min(latest, t.day + timedelta(days=_draw(key, "req-late", 20, 400))))
    if scenario == "opposed":
        return _finish(t, scenario, right, key, today, filing, received, priority)
    if scenario == "under_examination":
        return _finish(t, scenario, right, key, today, filing, received, priority)
    if scenario == "withdrawn":
        t.add(E.WITHDRAWN, "wd", 60, 400)
        return _finish(t, scenario, right, key, today, filing, received, priority)
    t.add(E.OFFICE_ACTION_ISSUED, "oa", 180, 540)
    if scenario == "office_action":
        return _finish(t, scenario, right, key, today, filing, received, priority)
    t.add(E.RESPONSE_RECEIVED, "resp", 30, 88)
    if scenario in ("intended_refusal", "refused"):
        t.add(E.INTENDED_REFUSAL_NOTIFIED, "ir", 60, 240)
        if scenario == "refused":
            t.add(E.REFUSED, "ref", 65, 120)
        return _finish(t, scenario, right, key, today, filing, received, priority)
    t.add(E.INTENDED_GRANT_NOTIFIED, "ig", 60, 240)
    if scenario == "intended_grant":
        return _finish(t, scenario, right, key, today, filing, received, priority)
    t.add(E.GRANTED, "grant", 30, 88)
    return _finish(t, scenario, right, key, today, filing, received, priority)


def _mark_timeline(
    key: str, scenario: str, today: date, has_priority: bool, right: RightKind = RightKind.TRADEMARK
) -> tuple[list[Step], date, date, date]:
    """Steps, filing, received and priority dates of a mark (or industrial design) file, shifted to ``today``."""
    t = _Timeline(key, date(2000, 1, 1))
    priority = t.day
    filing = priority + timedelta(days=_draw(key, "paris", 30, 175)) if has_priority else priority
    t.day = filing
    t.steps.append(Step(E.FILED, filing))
    if scenario == "filed":
        return _finish(t, scenario, right, key, today, filing, filing, priority)
    if scenario == "formality_deficient":
        t.add(E.FORMALITY_DEFICIENCY_NOTIFIED, "fd", 15, 30)
        return _finish(t, scenario, right, key, today, filing, filing, priority)
    if stable_hash(key, "fd-any") % 8 == 0:
        t.add(E.FORMALITY_DEFICIENCY_NOTIFIED, "fd", 15, 30)
        t.add(E.RESPONSE_RECEIVED, "fd-resp", 10, 55)
    t.add(E.FORMALITY_ACCEPTED, "acc", 15, 30)
    if scenario == "accepted":
        return _finish(t, scenario, right, key, today, filing, filing, priority)
    t.add(E.PUBLISHED, "pub", 10, 55)
    if scenario == "published":
        return _finish(t, scenario, right, key, today, filing, filing, priority)
    if scenario in ("opposed", "opposition_upheld"):
        t.add(E.OPPOSITION_FILED, "opp", 10, 80)  # inside 3 months (the shorter, vn-2026 window)
        if scenario == "opposed":
            return _finish(t, scenario, right, key, today, filing, filing, priority)
        t.add(E.OPPOSITION_UPHELD, "opp-up", 90, 300)
        return _finish(t, scenario, right, key, today, filing, filing, priority)
    if scenario == "under_examination":
        return _finish(t, scenario, right, key, today, filing, filing, priority)
    if scenario == "withdrawn":
        t.add(E.WITHDRAWN, "wd", 30, 300)
        return _finish(t, scenario, right, key, today, filing, filing, priority)
    if stable_hash(key, "oa-any") % 3 == 0 or scenario in ("office_action", "refused", "intended_refusal"):
        t.add(E.OFFICE_ACTION_ISSUED, "oa", 150, 500)
        if scenario == "office_action":
            return _finish(t, scenario, right, key, today, filing, filing, priority)
        t.add(E.RESPONSE_RECEIVED, "resp", 30, 88)
    if scenario in ("intended_refusal", "refused"):
        t.add(E.INTENDED_REFUSAL_NOTIFIED, "ir", 40, 200)
        if scenario == "refused":
            t.add(E.REFUSED, "ref", 65, 120)
        return _finish(t, scenario, right, key, today, filing, filing, priority)
    t.add(E.INTENDED_GRANT_NOTIFIED, "ig", 100, 400)
    if scenario == "intended_grant":
        return _finish(t, scenario, right, key, today, filing, filing, priority)
    t.add(E.GRANTED, "grant", 30, 88)
    return _finish(t, scenario, right, key, today, filing, filing, priority)


def _finish(
    t: _Timeline,
    scenario: str,
    right: RightKind,
    key: str,
    today: date,
    filing: date,
    received: date,
    priority: date,
) -> tuple[list[Step], date, date, date]:
    """Shift the relative timeline so that it ends the right time before ``today``; add the right's life after
    grant (maintenance, recordals, lapse or expiry) for the granted scenarios."""
    steps = t.steps
    granted = steps[-1].event is E.GRANTED
    earliest = earliest_filing()
    if not granted:
        end = today - timedelta(days=_dwell(scenario, right, key))
        shift = max(end - steps[-1].on, earliest - filing)
    else:
        # how long ago the grant was: chosen so that the file is at the wanted point of its life
        term_years = {RightKind.UTILITY_SOLUTION: 10, RightKind.DESIGN: 5, RightKind.TRADEMARK: 10}.get(
            right, 20
        )
        grant_offset = steps[-1].on - filing  # grant relative to filing
        if (
            scenario == "renewed"
        ):  # filed so that the first term ended 0-5 months ago, or ends within 5 months
            target_filing = add_months(today, -12 * term_years) + timedelta(days=_draw(key, "ren", -150, 150))
        elif scenario == "expired":  # term and grace ended 1-12 months ago without renewal
            target_filing = add_months(today, -12 * term_years - 6) - timedelta(
                days=_draw(key, "exp", 30, 360)
            )
        elif scenario == "lapsed":  # a patent that stopped paying annuities 1-6 years ago
            target_filing = today - grant_offset - timedelta(days=_draw(key, "lap", 2 * 365, 9 * 365))
        else:  # granted, assigned, licensed: in force, granted 0-(term-1) years ago
            span = max(365, (term_years - 1) * 365 - grant_offset.days)
            span = max(31, min(span, (today - grant_offset - earliest).days))
            target_filing = today - grant_offset - timedelta(days=_draw(key, "age", 30, span))
        shift = max(target_filing, earliest + timedelta(days=_draw(key, "early", 0, 120))) - filing
    moved = [Step(s.event, _working_day(s.on + shift, today), s.detail) for s in steps]
    national = filing == received
    filing, received, priority = filing + shift, received + shift, priority + shift
    received = moved[0].on  # the filing step rolled to a working day
    filing = received if national else filing
    if granted:
        moved += _after_grant(key, scenario, right, filing, moved[-1].on, today)
    # the steps after grant may lie past today (never in the future); rolling may put a step before its predecessor
    fixed: list[Step] = []
    for s in moved:
        on = min(s.on, today)
        if fixed and on < fixed[-1].on:
            on = fixed[-1].on
        fixed.append(Step(s.event, on, s.detail))
    # a file rolled back from a weekend that ends today: its unrolled priority date must not follow its filing
    return fixed, filing, received, min(priority, filing)


def _after_grant(
    key: str, scenario: str, right: RightKind, filing: date, granted_on: date, today: date
) -> list[Step]:
    steps: list[Step] = []
    if right.is_patent:
        # annuities: due each year on the filing anniversary; paid in the 6 months before (Art. 94)
        stop = None
        if scenario == "lapsed":  # paid some years, then stopped; the lapse lies before today
            years_since = (today - granted_on).days // 365
            stop = granted_on.year + _draw(key, "paid", 0, max(0, years_since - 2))
        year = granted_on.year
        while True:
            due = add_months(filing, 12 * (year - filing.year))
            if due <= granted_on:
                year += 1
                continue
            if stop is not None and year > stop:
                lapse_on = _weekday(add_months(due, 6) + timedelta(days=1))
                if lapse_on <= today:
                    steps.append(Step(E.LAPSED, lapse_on))
                break
            paid_on = _weekday(due - timedelta(days=_draw(key, f"ann{year}", 5, 150)))
            if paid_on > today:
                break
            steps.append(Step(E.ANNUITY_PAID, max(paid_on, granted_on), {"year": year - filing.year + 1}))
            year += 1
    else:
        term = 5 if right is RightKind.DESIGN else 10
        expiry = add_months(filing, 12 * term)
        if scenario == "renewed" and expiry - timedelta(days=180) <= today:
            renew_on = _weekday(max(granted_on, expiry - timedelta(days=_draw(key, "renew", 5, 170))))
            if renew_on <= today:
                steps.append(Step(E.RENEWED, renew_on, {"until": add_months(expiry, 12 * term).isoformat()}))
        elif scenario == "expired":
            end = _weekday(add_months(expiry, 6) + timedelta(days=1))
            if end <= today:
                steps.append(Step(E.EXPIRED, end))
    last = steps[-1].on if steps else granted_on
    if scenario in ("assigned", "licensed") and last < today:
        on = min(today, _weekday(last + timedelta(days=_draw(key, "rec", 20, 400))))
        event = E.ASSIGNMENT_RECORDED if scenario == "assigned" else E.LICENCE_RECORDED
        steps.append(Step(event, on, {"generated": True}))
    return steps


# --- the plan ---------------------------------------------------------------------------------------------------


def _patent_right(rec: PatentRecord) -> RightKind:
    if rec.patent_type == "design":
        return RightKind.DESIGN
    if stable_hash(rec.key, "utility-solution") % 100 < 8:  # generated: 8% filed as utility solutions
        return RightKind.UTILITY_SOLUTION
    return RightKind.INVENTION


def _mark_route(rec: TrademarkRecord) -> str:
    return "madrid" if rec.source == "euipo-2020-figurative" and rec.id.startswith("W") else "national"


def _mark_priority(rec: TrademarkRecord, filing: date, priority_day: date) -> PriorityClaim | None:
    if rec.priority and rec.priority.country and rec.priority.number:  # the record's own priority claim
        return PriorityClaim(rec.priority.country, rec.priority.number, priority_day, "paris")
    if rec.source == "uspto-tsdr":
        return PriorityClaim("US", rec.id, priority_day, "paris", "the real US serial number; date shifted")
    if rec.source == "euipo-2020-figurative" and not rec.id.startswith("W"):
        return PriorityClaim("EM", rec.id, priority_day, "paris", "the real EUTM number; date shifted")
    return None


def _patent_priority(rec: PatentRecord, route: str, priority_day: date) -> PriorityClaim:
    note = "the real US patent; its application number is not in the source; date shifted"
    kind = "pct" if route == "pct" else "paris"
    return PriorityClaim("US", f"US{rec.id}", priority_day, kind, note)


def place(rec: Record, scenario: str, today: date) -> Placement:
    """One record as a file standing at ``scenario`` on ``today``."""
    key = rec.key
    if isinstance(rec, PatentRecord):
        right = _patent_right(rec)
        route = (
            "pct" if right is not RightKind.DESIGN and stable_hash(key, "route") % 100 < 60 else "national"
        )
        if right is RightKind.DESIGN:
            steps, filing, received, prio = _mark_timeline(key, scenario, today, True, right)
        else:
            steps, filing, received, prio = _patent_timeline(key, scenario, right, route, today)
        priority: PriorityClaim | None = _patent_priority(rec, route, prio)
        intl = f"PCT/US{filing.year}/DEMO-{rec.id}" if route == "pct" else None
        source_day = rec.grant_date
    else:
        right = RightKind.TRADEMARK
        route = _mark_route(rec)
        has_priority = route != "madrid" and (
            rec.source != "euipo-2020-figurative" or stable_hash(key, "p") % 2 == 0
        )
        steps, filing, received, prio = _mark_timeline(key, scenario, today, has_priority, right)
        priority = _mark_priority(rec, filing, prio) if has_priority else None
        intl = (
            rec.id[1:].lstrip("0") if route == "madrid" else None
        )  # the real WIPO international registration
        source_day = rec.filing_date
    regime = regime_for(filing)  # the law in force on the (international) filing date governs the file
    if regime == "vn-2026":  # Law 131/2025: no decision of acceptance is issued any more
        steps = [s for s in steps if s.event is not E.FORMALITY_ACCEPTED]
    shift = (received - source_day).days if source_day else 0
    return Placement(
        record=rec,
        scenario=scenario,
        right_kind=right,
        route=route,
        filing_date=filing,
        received_on=received,
        regime=regime,
        steps=tuple(steps),
        priority=priority,
        international_number=intl,
        shift_days=shift,
    )


@dataclass(frozen=True)
class PartySpec:
    """A party to file: its name as the source gives it, or a label naming the record when the source has none."""

    name: str
    country: str | None = None
    person: bool = False
    note: str | None = None


def applicants_of(rec: Record) -> tuple[PartySpec, ...]:
    if isinstance(rec, PatentRecord):
        if rec.applicants:
            return tuple(PartySpec(a.name, a.country) for a in rec.applicants)
        return (PartySpec(f"Applicant of US{rec.id}", None, note="name not in the source"),)
    if rec.applicant:
        return (PartySpec(rec.applicant, rec.applicant_country),)
    label = f"Holder of IR {rec.id[1:].lstrip('0')}" if rec.id.startswith("W") else f"Holder of EUTM {rec.id}"
    return (PartySpec(label, None, note="name not in the source"),)


def inventors_of(rec: Record) -> tuple[PartySpec, ...]:
    if isinstance(rec, PatentRecord):
        return tuple(PartySpec(n, None, person=True) for n in rec.inventors)
    return ()


def normalized_mark(text: str | None) -> str:
    return " ".join((text or "").upper().split())


_OPPOSITION_SCENARIOS = ("opposed", "opposition_upheld")


def _mark_assignment(marks: Sequence[TrademarkRecord]) -> list[tuple[TrademarkRecord, str]]:
    """Scenarios for marks; the opposition scenarios go first to marks whose word element an earlier mark in the
    office shares (the opponent then relies on that real earlier mark)."""
    scenarios = allocate(len(marks), TRADEMARK_SCENARIOS)
    opp_slots = [s for s in scenarios if s in _OPPOSITION_SCENARIOS]
    other_slots = [s for s in scenarios if s not in _OPPOSITION_SCENARIOS]
    first_of: dict[str, TrademarkRecord] = {}
    for m in sorted(marks, key=lambda m: (m.filing_date, m.key)):
        text = normalized_mark(m.mark_text)
        if len(text) >= 3:
            first_of.setdefault(text, m)
    later = [
        m for m in marks if (f := first_of.get(normalized_mark(m.mark_text))) is not None and f.key != m.key
    ]
    opp_marks = later[: len(opp_slots)]
    taken = {m.key for m in opp_marks}
    rest = [m for m in marks if m.key not in taken]
    opp_marks += rest[: len(opp_slots) - len(opp_marks)]
    taken = {m.key for m in opp_marks}
    # the earlier marks they rely on are registered, long ago
    earlier = list(
        {
            f.key: f
            for m in opp_marks
            if (f := first_of.get(normalized_mark(m.mark_text))) and f.key not in taken
        }.values()
    )
    granted_slots = [i for i, s in enumerate(other_slots) if s == "granted"][: len(earlier)]
    earlier = earlier[: len(granted_slots)]
    pairs = list(zip(opp_marks, opp_slots, strict=True)) + [(m, "granted") for m in earlier]
    taken |= {m.key for m in earlier}
    slots = [s for i, s in enumerate(other_slots) if i not in set(granted_slots)]
    rest = [m for m in marks if m.key not in taken]
    return pairs + list(zip(rest, slots, strict=True))


def _with_counterparties(placements: list[Placement]) -> list[Placement]:
    """Name the opponent, third party, assignee or licensee of each step that needs one (generated choices,
    except that a mark's opponent is the holder of a real earlier mark with the same word element when one is
    in the office)."""
    by_text: dict[str, Placement] = {}  # the earliest-filed file of each word element, in the office's dates
    for p in sorted(placements, key=lambda p: (p.filing_date, p.key)):
        if isinstance(p.record, TrademarkRecord) and len(normalized_mark(p.record.mark_text)) >= 3:
            by_text.setdefault(normalized_mark(p.record.mark_text), p)
    keys = list(placements)
    nvidia_entities = sorted(
        {a.name for p in placements if isinstance(p.record, PatentRecord) for a in p.record.applicants}
    )
    out = []
    for p in placements:
        needs = [s for s in p.steps if s.event in _COUNTERPARTY_EVENTS]
        if not needs or not keys:
            out.append(p)
            continue
        own = {a.name for a in applicants_of(p.record)}

        def other(salt: str, own: set[str] = own, p: Placement = p) -> tuple[PartySpec, str]:
            for i in range(50):
                cand = keys[stable_hash(p.key, salt, i) % len(keys)]
                spec = applicants_of(cand.record)[0]
                if spec.name not in own:
                    return spec, cand.key
            return PartySpec("Demo counterparty", note="generated"), ""

        steps = []
        for s in p.steps:
            if s.event not in _COUNTERPARTY_EVENTS:
                steps.append(s)
                continue
            detail = dict(s.detail)
            if s.event in (E.OPPOSITION_FILED, E.OPPOSITION_UPHELD):
                earlier = by_text.get(normalized_mark(getattr(p.record, "mark_text", None)))
                if earlier is not None and earlier.key != p.key and earlier.filing_date < p.filing_date:
                    spec = applicants_of(earlier.record)[0]
                    detail.update(opponent=spec, earlier_file=earlier.key, ground="Law on IP Art. 74(2)(e)")
                else:
                    spec, ref = other("opp")
                    detail.update(opponent=spec, earlier_file=ref, generated=True)
            elif s.event is E.THIRD_PARTY_OPINION_RECEIVED:
                spec, ref = other("tpo")
                detail.update(third_party=spec, generated=True)
            elif s.event is E.ASSIGNMENT_RECORDED:
                candidates = [n for n in nvidia_entities if n not in own]
                if (
                    isinstance(p.record, PatentRecord)
                    and p.record.source == "patentsview-nvidia"
                    and candidates
                ):
                    spec = PartySpec(candidates[stable_hash(p.key, "asg") % len(candidates)], None)
                else:
                    spec, _ = other("asg")
                detail.update(assignee=spec, generated=True)
            elif s.event is E.LICENCE_RECORDED:
                spec, _ = other("lic")
                detail.update(licensee=spec, exclusive=stable_hash(p.key, "excl") % 4 == 0, generated=True)
            steps.append(Step(s.event, s.on, detail))
        out.append(_replace_steps(p, tuple(steps)))
    return out


_COUNTERPARTY_EVENTS = frozenset(
    {
        E.OPPOSITION_FILED,
        E.OPPOSITION_UPHELD,
        E.THIRD_PARTY_OPINION_RECEIVED,
        E.ASSIGNMENT_RECORDED,
        E.LICENCE_RECORDED,
    }
)


def _replace_steps(p: Placement, steps: tuple[Step, ...]) -> Placement:
    return replace(p, steps=steps)


def plan(
    patents: Sequence[PatentRecord],
    trademarks: Sequence[TrademarkRecord],
    today: date,
    limit: int | None = None,
) -> list[Placement]:
    """Place every record (or the first ``limit`` in a stable mixed order); the same input gives the same plan.

    With a limit, patents and marks keep their proportions and each right still gets every scenario.
    """
    total = len(patents) + len(trademarks)
    n = total if limit is None else max(0, min(limit, total))
    n_pat = round(n * len(patents) / total) if total else 0
    pats: list[PatentRecord] = sorted(patents, key=lambda r: stable_hash(r.key, "order"))[:n_pat]
    marks: list[TrademarkRecord] = sorted(trademarks, key=lambda r: stable_hash(r.key, "order"))[: n - n_pat]
    designs = [p for p in pats if p.patent_type == "design"]
    utility = [p for p in pats if p.patent_type != "design"]
    pairs: list[tuple[Record, str]] = []
    pairs += zip(utility, allocate(len(utility), PATENT_SCENARIOS), strict=True)
    pairs += zip(designs, allocate(len(designs), DESIGN_SCENARIOS), strict=True)
    pairs += _mark_assignment(marks)
    out = [place(rec, scenario, today) for rec, scenario in pairs]
    out = _with_counterparties(out)
    out.sort(key=lambda p: (p.received_on, p.key))  # files are numbered in the order the office received them
    return out
