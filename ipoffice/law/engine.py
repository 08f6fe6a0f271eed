"""Turns a regime and a file's facts into a schedule of deadlines (jurisdiction-neutral).

Periods are counted under Civil Code 2015 Art. 147-148 (:mod:`ipoffice.core.legaltime`): the event day is not
counted, months end on the corresponding day (or the month's last day), and a period whose last day is a day off
ends on the next working day. Terms of protection (``term_expiry``) are not rolled over: a term ends on its
calendar day; the acts that keep it alive (renewal, annuity) are.

When an anchor event is not known (a hypothetical file), the engine counts from the statutory latest date of the
step that produces it (acceptance from the formality-examination limit, publication from the publication limit)
and marks the deadline ``anchor_projected``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ipoffice.core.legaltime import (
    WEEKENDS_ONLY,
    CalendarNotCovered,
    Period,
    WorkingCalendar,
    add_working_days,
    calendar_end,
    period_start_before,
)
from ipoffice.core.rights import RightKind
from ipoffice.law.model import (
    STEP_LABELS,
    Condition,
    Deadline,
    FileFacts,
    Maintenance,
    Party,
    Regime,
    RegimeChoice,
    Route,
    Rule,
    Schedule,
)

# The order in which steps are computed: a step may anchor on the due date of an earlier one.
STEP_ORDER = (
    "paris_priority",
    "pct_national_phase",
    "formality_examination",
    "publication",
    "examination_request",
    "restoration",
    "substantive_examination",
    "opposition",
    "third_party_opinion",
    "office_action_response",
    "grant_fee_payment",
    "complaint",
    "madrid_refusal",
    "hague_refusal",
)

# Anchors that fall back on the due date of a step when the event itself is not known.
_ANCHOR_FALLBACK = {
    "acceptance_date": "formality_examination",
    "publication_date": "publication",
    "examination_request_date": "examination_request",
}
_DERIVED_ANCHORS = {
    "decision_due": "substantive_examination",
    "examination_request_due": "examination_request",
}

StepOverride = Callable[[str, FileFacts, RegimeChoice, Callable[[str], date | None]], RegimeChoice | None]


class Roller:
    """Civil Code Art. 148(5) roll-over with memoised answers (one instance may serve many files).

    A day outside the calendar's data is rolled over weekends only and flagged ``calendar_projected``; so is a day
    in a year whose holidays are projected from the statutory rule rather than announced.
    """

    def __init__(self, cal: WorkingCalendar | None = None, memo: bool = True) -> None:
        self.cal = cal or WEEKENDS_ONLY
        self._memo: dict[date, tuple[date, bool]] | None = {} if memo else None
        self._ends: dict[tuple[date, Period], date] | None = {} if memo else None
        self._starts: dict[tuple[date, Period], date] | None = {} if memo else None
        self._is_projected = getattr(self.cal, "is_projected", None)
        self._years: set[int] = set()

    def _working(self, day: date) -> tuple[bool, bool]:
        try:
            working = self.cal.is_working_day(day)
        except CalendarNotCovered:
            return WEEKENDS_ONLY.is_working_day(day), True
        return working, bool(self._is_projected(day)) if self._is_projected else False

    def _fill_year(self, year: int) -> None:
        """Precompute the roll-over of every day of ``year`` in one backward pass (memo mode)."""
        assert self._memo is not None
        first, last = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
        nxt = self._roll_scan(date.fromordinal(last + 1))
        for o in range(last, first - 1, -1):
            day = date.fromordinal(o)
            working, proj = self._working(day)
            nxt = (day, proj) if working else (nxt[0], nxt[1] or proj)
            self._memo[day] = nxt
        self._years.add(year)

    def roll(self, day: date) -> tuple[date, bool]:
        """The next working day on or after ``day``, and whether any calendar data used was projected."""
        if self._memo is not None:
            hit = self._memo.get(day)
            if hit is not None:
                return hit
            if day.year not in self._years and 1 < day.year < 9999:
                self._fill_year(day.year)
                return self._memo[day]
        return self._roll_scan(day)

    def _roll_scan(self, day: date) -> tuple[date, bool]:
        current, projected = day, False
        while True:
            working, proj = self._working(current)
            projected = projected or proj
            if working:
                break
            current = date.fromordinal(current.toordinal() + 1)
        return current, projected

    def end(self, event: date, period: Period) -> tuple[date, bool]:
        """The last day of ``period`` from ``event`` (Art. 147-148), and whether the calendar was projected."""
        if period.working_days:
            try:
                return add_working_days(event, period.working_days, self.cal), False
            except CalendarNotCovered:
                return add_working_days(event, period.working_days, WEEKENDS_ONLY), True
        return self.roll(self.plain_end(event, period))

    def plain_end(self, event: date, period: Period) -> date:
        if period.working_days:
            return calendar_end(event, period)  # raises: no plain end for working days
        if self._ends is None:
            return fast_calendar_end(event, period)
        key = (event, period)
        hit = self._ends.get(key)
        if hit is None:
            hit = self._ends[key] = fast_calendar_end(event, period)
        return hit

    def start_before(self, end: date, period: Period) -> date:
        """The first day of a window of ``period`` ending on ``end`` (memoised)."""
        if self._starts is None:
            return period_start_before(end, period)
        key = (end, period)
        hit = self._starts.get(key)
        if hit is None:
            hit = self._starts[key] = period_start_before(end, period)
        return hit


_MISSING = object()
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def fast_calendar_end(event: date, period: Period) -> date:
    """:func:`ipoffice.core.legaltime.calendar_end` for calendar periods, with a table of month lengths."""
    n = period.years * 12 + period.months
    end = event
    if n:
        y, m0 = divmod(event.year * 12 + event.month - 1 + n, 12)
        dim = _DAYS_IN_MONTH[m0]
        if m0 == 1 and y % 4 == 0 and (y % 100 != 0 or y % 400 == 0):
            dim = 29
        end = date(y, m0 + 1, event.day if event.day <= dim else dim)
    if period.days:
        end = date.fromordinal(end.toordinal() + period.days)
    return end
_RULE_INDEX: dict[int, dict[tuple[str, RightKind], tuple[Rule, ...]]] = {}


def rules_for(regime: Regime, step: str, right: RightKind) -> tuple[Rule, ...]:
    """``regime.rules_for`` through an index built once per regime (regimes are immutable)."""
    index = _RULE_INDEX.get(id(regime))
    if index is None:
        index = {}
        for rule in regime.rules:
            for r in rule.rights:
                index.setdefault((rule.step, r), ())
                index[(rule.step, r)] += (rule,)
        _RULE_INDEX[id(regime)] = index
    return index.get((step, right), ())


_STEP_INDEX: dict[tuple[tuple[int, ...], RightKind], tuple[str, ...]] = {}


def _steps_with_rules(regimes: tuple[Regime, ...], right: RightKind) -> tuple[str, ...]:
    """The steps of ``STEP_ORDER`` that any of ``regimes`` has a rule for (the others are skipped)."""
    key = (tuple(id(r) for r in regimes), right)
    found = _STEP_INDEX.get(key)
    if found is None:
        found = _STEP_INDEX[key] = tuple(
            s for s in STEP_ORDER if any(rules_for(r, s, right) for r in regimes)
        )
    return found


def _applies(rule: Rule, facts: FileFacts) -> bool:
    c = rule.condition
    if c is None:
        return True
    if c is Condition.EXPEDITED:
        return facts.expedited
    if c is Condition.NOT_EXPEDITED:
        return not facts.expedited
    if c is Condition.ROUTE_PCT:
        return facts.route is Route.PCT
    if c is Condition.PCT_POSSIBLE:
        return facts.route in (None, Route.PCT)
    if c is Condition.ROUTE_NOT_PCT:
        return facts.route is not Route.PCT
    if c is Condition.ROUTE_MADRID:
        return facts.route is Route.MADRID
    if c is Condition.ROUTE_HAGUE:
        return facts.route is Route.HAGUE
    if c is Condition.FORMALITY_ACTION:
        return facts.office_action_kind in (None, "formality")
    if c is Condition.SUBSTANTIVE_ACTION:
        return facts.office_action_kind in (None, "substantive")
    raise ValueError(f"unknown condition {c!r}")


@dataclass
class _Context:
    facts: FileFacts
    roller: Roller
    due: dict[str, date] = field(default_factory=dict)

    def anchor(self, name: str) -> tuple[date | None, bool]:
        """The date of anchor ``name`` and whether it is projected (a statutory latest date, not an event)."""
        if name in _DERIVED_ANCHORS:
            d = self.due.get(_DERIVED_ANCHORS[name])
            return d, True
        value = getattr(self.facts, name, None)
        if value is not None:
            return value, False
        if name == "international_notification_date" and self.facts.filing_date:
            return self.facts.filing_date, True
        step = _ANCHOR_FALLBACK.get(name)
        if step and step in self.due:
            return self.due[step], True
        return None, False

    def lookup(self, name: str) -> date | None:
        return self.anchor(name)[0]


def _deadline(rule: Rule, ctx: _Context, choice: RegimeChoice, base: Regime) -> Deadline | None:
    terms = [(rule.anchor, rule.period), *((t.anchor, t.period) for t in rule.also)]
    best: tuple[date, date, str, Period, bool, bool] | None = None
    for anchor, period in terms:
        a_date, a_proj = ctx.anchor(anchor)
        if a_date is None:
            continue
        due, cal_proj = ctx.roller.end(a_date, period)
        if best is None or due > best[0]:
            best = (due, a_date, anchor, period, a_proj, cal_proj)
    if best is None:
        return None
    due, a_date, anchor, period, a_proj, cal_proj = best
    window_start = None
    if rule.window is not None:
        window_start = ctx.roller.start_before(ctx.roller.plain_end(a_date, period), rule.window)
    elif rule.opens_at:
        window_start = ctx.lookup(rule.opens_at)
    extension_end = None
    if rule.extension is not None:
        extension_end, ext_proj = ctx.roller.end(ctx.roller.plain_end(a_date, period), rule.extension)
        cal_proj = cal_proj or ext_proj
    switched = choice.regime.id != base.id
    return Deadline(
        step=rule.step,
        due=due,
        basis=rule.basis,
        anchor=anchor,
        anchor_date=a_date,
        period=period,
        party=rule.party,
        regime=choice.regime.id,
        label_vi=rule.label_vi,
        label_en=rule.label_en,
        window_start=window_start,
        verify=rule.verify or (switched and choice.verify),
        calendar_projected=cal_proj,
        anchor_projected=a_proj,
        until_event=rule.until_event,
        extension_end=extension_end,
        condition=str(rule.condition) if rule.condition else None,
        regime_reason=choice.reason_en if switched else None,
    )


def _months_between(start: date, end: date) -> Period:
    n = (end.year - start.year) * 12 + end.month - start.month
    return Period(years=n // 12, months=n % 12)


def first_term_end(regime: Regime, facts: FileFacts) -> date | None:
    """The last day of the first term of protection (Art. 93), before any renewal; ``None`` when indefinite.

    Counted from the filing date, capped for layout designs by the creation and first-exploitation dates. Not
    rolled over: a term ends on its calendar day.
    """
    tr = regime.term_rule(facts.right)
    if tr is None or tr.term is None or facts.filing_date is None:
        return None
    end = calendar_end(facts.filing_date, tr.term)
    if tr.cap_from_creation and facts.creation_date:
        end = min(end, calendar_end(facts.creation_date, tr.cap_from_creation))
    if tr.cap_from_exploitation and facts.first_exploitation_date:
        end = min(end, calendar_end(facts.first_exploitation_date, tr.cap_from_exploitation))
    return end


def _term_deadlines(regime: Regime, ctx: _Context) -> list[Deadline]:
    facts = ctx.facts
    tr = regime.term_rule(facts.right)
    first_end = first_term_end(regime, facts)
    if tr is None or first_end is None or facts.filing_date is None:
        return []
    out: list[Deadline] = []
    filing = facts.filing_date

    def mk(step: str, due: date, anchor: str, anchor_date: date, period: Period, basis: str, **kw: object) -> None:
        vi, en = STEP_LABELS[step]
        out.append(
            Deadline(
                step=step, due=due, basis=basis, anchor=anchor, anchor_date=anchor_date, period=period,
                party=Party.OWNER, regime=regime.id, label_vi=vi, label_en=en, verify=tr.verify,
                **kw,  # type: ignore[arg-type]
            )
        )

    # Term of protection: the first term, and each renewed term where renewals are allowed.
    terms_shown = 1 if tr.maintenance is not Maintenance.RENEWAL else 1 + (2 if tr.renewals is None else tr.renewals)
    ends = [first_end]
    if tr.renewal_period is not None:
        for _ in range(terms_shown - 1):
            ends.append(calendar_end(ends[-1], tr.renewal_period))
    for i, end in enumerate(ends, start=1):
        mk("term_expiry", end, "filing_date", filing, _months_between(filing, end), tr.basis,
           occurrence=i if len(ends) > 1 else None)

    if tr.maintenance is Maintenance.RENEWAL:
        for i, end in enumerate(ends if tr.renewals is None else ends[:-1], start=1):
            due, proj = ctx.roller.roll(end)
            grace_end, gproj = ctx.roller.end(end, tr.grace)
            mk("renewal", due, "filing_date", filing, _months_between(filing, end), tr.maintenance_basis, window_start=period_start_before(end, tr.window), grace_end=grace_end,
               surcharge_per_month=tr.surcharge_per_month, occurrence=i, calendar_projected=proj or gproj)
    elif tr.maintenance is Maintenance.ANNUITY and facts.grant_date is not None:
        grant = facts.grant_date
        year = 2
        while True:
            start = ctx.roller.plain_end(grant, Period(years=year - 1))
            if start >= first_end:
                break
            due, proj = ctx.roller.roll(start)
            grace_end, gproj = ctx.roller.end(start, tr.grace)
            mk("annuity", due, "grant_date", grant, Period(years=year - 1), tr.maintenance_basis,
               window_start=ctx.roller.start_before(start, tr.window), grace_end=grace_end,
               surcharge_per_month=tr.surcharge_per_month, occurrence=year, calendar_projected=proj or gproj)
            year += 1
    return out


def schedule(
    facts: FileFacts,
    choice: RegimeChoice,
    roller: Roller,
    override: StepOverride | None = None,
    cache: dict[tuple[object, ...], object] | None = None,
    all_regimes: tuple[Regime, ...] | None = None,
) -> Schedule:
    """Every deadline of ``facts`` under ``choice``; ``override`` may hand a step to another regime.

    ``cache`` (shared across files by ``deadlines_many``) keeps each computed deadline under the rule, the regimes
    and the anchor dates it was computed from: deadlines are immutable, so files with the same anchors share them.
    ``all_regimes`` lists every regime ``override`` may hand a step to (only their steps are visited).
    """
    base = choice.regime
    ctx = _Context(facts=facts, roller=roller)
    deadlines: list[Deadline] = []
    right: RightKind = facts.right
    for step in _steps_with_rules(all_regimes or (base,), right):
        step_choice = choice
        if override is not None:
            step_choice = override(step, facts, choice, ctx.lookup) or choice
        rules = [r for r in rules_for(step_choice.regime, step, right) if _applies(r, facts)]
        first_due: date | None = None
        for rule in rules:
            if cache is None:
                d = _deadline(rule, ctx, step_choice, base)
            else:
                key = (
                    id(rule), base.id, step_choice.regime.id,
                    step_choice.reason_en if step_choice is not choice else None,
                    ctx.anchor(rule.anchor), *(ctx.anchor(t.anchor) for t in rule.also),
                    ctx.lookup(rule.opens_at) if rule.opens_at else None,
                )
                hit = cache.get(key, _MISSING)
                if hit is _MISSING:
                    hit = cache[key] = _deadline(rule, ctx, step_choice, base)
                d = hit  # type: ignore[assignment]
            if d is None:
                continue
            deadlines.append(d)
            if first_due is None:
                first_due = d.due
        if first_due is not None:
            ctx.due[step] = first_due
    if cache is None:
        deadlines.extend(_term_deadlines(base, ctx))
    else:
        f = facts
        tkey = ("term", base.id, right, f.filing_date, f.grant_date, f.creation_date, f.first_exploitation_date)
        terms = cache.get(tkey)
        if terms is None:
            terms = cache[tkey] = tuple(_term_deadlines(base, ctx))
        deadlines.extend(terms)  # type: ignore[arg-type]
    return Schedule(
        regime=base.id,
        right=right,
        reason_vi=choice.reason_vi,
        reason_en=choice.reason_en,
        regime_basis=choice.basis,
        deadlines=tuple(deadlines),
    )
