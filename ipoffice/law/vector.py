"""Due dates for many files at once, on numpy arrays: the engine's arithmetic without a Python object per deadline.

:func:`deadlines_table` groups files by what decides the *shape* of their schedule (right, regime, which facts are
known, route, expedited examination, kind of office action) and, per group, runs the engine's steps on int
arrays of day ordinals:

- month periods (Civil Code Art. 148(3)) as index arithmetic: month index = year * 12 + month - 1, the day clipped
  to the month's length from a table; days added as plain integers;
- the roll-over of a last day that is a day off (Art. 148(5)) as one lookup in a next-working-day table built once
  over the calendar's range (weekends only outside it, as the engine does);
- "the later end governs", anchor fallbacks, derived anchors, the per-step transitional overrides, terms,
  renewals and annuities exactly as in :mod:`ipoffice.law.engine`.

The result is a compact table (file index, step, occurrence, due date) with the :class:`~ipoffice.law.Schedule`
objects built only when asked (:meth:`DeadlineTable.schedule`). Files whose facts the law refuses (detected with
the same checks as :func:`ipoffice.law.validation.validate`) raise the same ``UserError``, through the per-file
engine. ``tests/law/test_law_vector.py`` compares every due date with :func:`ipoffice.law.deadlines`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from ipoffice.core.legaltime import Period, WorkingCalendar
from ipoffice.core.rights import RightKind
from ipoffice.law.engine import _DERIVED_ANCHORS, _applies, _steps_with_rules, rules_for
from ipoffice.law.model import FileFacts, Maintenance, Regime, Schedule
from ipoffice.law.validation import PARIS_RIGHTS
from ipoffice.law.vn import transitional

NONE = -1  # "no date" in an ordinal array
EPOCH = date(1970, 1, 1).toordinal()
_FACT_FIELDS = (
    "filing_date", "priority_date", "publication_date", "acceptance_date", "examination_request_date",
    "pct_international_filing_date", "office_action_date", "grant_notice_date", "grant_date", "decision_date",
    "international_notification_date", "creation_date", "first_exploitation_date",
)
_FALLBACK = {"acceptance_date": "formality_examination", "publication_date": "publication",
             "examination_request_date": "examination_request"}


class DayTables:
    """Month-start ordinals, month lengths and the next working day, over a range of years."""

    def __init__(self, cal: WorkingCalendar, first_year: int, last_year: int) -> None:
        from ipoffice.law.engine import Roller

        self.first_year, self.last_year = first_year, last_year
        self.base_month = first_year * 12
        months = np.arange(first_year * 12, (last_year + 1) * 12 + 1)
        years, m0 = months // 12, months % 12
        self.month_start = np.array([date(int(y), int(m) + 1, 1).toordinal() for y, m in zip(years, m0,
                                                                                                 strict=True)])
        self.month_len = np.diff(np.append(self.month_start, date(last_year + 1, 2, 1).toordinal()))
        self.lo = date(first_year, 1, 1).toordinal()
        hi = date(last_year, 12, 31).toordinal()
        roller = Roller(cal, memo=False)
        working = np.array([roller._working(date.fromordinal(o))[0] for o in range(self.lo, hi + 1)])
        # next working day on or after each day (one backward pass; the last days scan past the range)
        nxt = np.empty(len(working), dtype=np.int64)
        after = roller._roll_scan(date.fromordinal(hi + 1))[0].toordinal()
        for i in range(len(working) - 1, -1, -1):
            after = self.lo + i if working[i] else after
            nxt[i] = after
        self.next_working = nxt
        self._roller = roller

    def covers(self, o: np.ndarray) -> bool:
        ok = o[o != NONE]
        return bool(ok.size == 0 or (ok.min() >= self.lo and ok.max() < self.lo + len(self.next_working)))

    def add_months(self, o: np.ndarray, n: int) -> np.ndarray:
        """Art. 148(3): the corresponding day ``n`` months later, or that month's last day."""
        d = date_parts(o)
        idx = d[0] * 12 + d[1] - 1 + n - self.base_month
        day = np.minimum(d[2], self.month_len[idx])
        return self.month_start[idx] + day - 1

    def plain_end(self, o: np.ndarray, p: Period) -> np.ndarray:
        n = p.years * 12 + p.months
        out = self.add_months(o, n) if n else o.copy()
        return out + p.days

    def roll(self, o: np.ndarray) -> np.ndarray:
        return self.next_working[o - self.lo]

    def end(self, o: np.ndarray, p: Period) -> np.ndarray:
        if p.working_days:
            from ipoffice.core.legaltime import add_working_days

            return np.array([add_working_days(date.fromordinal(int(x)), p.working_days, self._roller.cal)
                             .toordinal() for x in o], dtype=np.int64)
        return self.roll(self.plain_end(o, p))


def date_parts(o: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Year, month, day arrays of ordinals (through numpy's calendar, no Python date per value)."""
    d64 = (o - EPOCH).astype("datetime64[D]")
    y = d64.astype("datetime64[Y]").astype(np.int64) + 1970
    m = d64.astype("datetime64[M]").astype(np.int64) % 12 + 1
    day = (d64 - d64.astype("datetime64[M]")).astype(np.int64) + 1
    return y, m, day


@dataclass
class DeadlineTable:
    """Due dates of many files: one row per deadline, in each file's schedule order.

    ``file`` (index into the input), ``step`` (index into ``steps``), ``occurrence`` (0 when none) and ``due``
    (``datetime64[D]``) are numpy arrays; :meth:`schedule` builds the object form of one file on demand.
    """

    facts: Sequence[FileFacts]
    steps: tuple[str, ...]
    file: np.ndarray
    step: np.ndarray
    occurrence: np.ndarray
    due: np.ndarray
    cal: WorkingCalendar | None = None
    today: date | None = None
    _cache: dict[int, Schedule] = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.file)

    def rows_of(self, i: int) -> list[tuple[str, int | None, date]]:
        """(step, occurrence, due) of file ``i``, in schedule order."""
        lo, hi = np.searchsorted(self.file, [i, i + 1])
        return [(self.steps[int(s)], int(n) or None, date.fromordinal(int(d) + EPOCH))
                for s, n, d in zip(self.step[lo:hi], self.occurrence[lo:hi],
                                   self.due[lo:hi].astype(np.int64), strict=True)]

    def schedule(self, i: int) -> Schedule:
        """The full :class:`Schedule` of file ``i`` (computed by the per-file engine, then kept)."""
        found = self._cache.get(i)
        if found is None:
            from ipoffice.law import deadlines

            found = self._cache[i] = deadlines(self.facts[i], cal=self.cal, today=self.today)
        return found

    def due_of(self, step: str) -> np.ndarray:
        """The first due date of ``step`` per file (``NaT`` when the file has none)."""
        out = np.full(len(self.facts), np.datetime64("NaT"), dtype="datetime64[D]")
        code = self.steps.index(step)
        sel = self.step == code
        files, first = np.unique(self.file[sel], return_index=True)
        out[files] = self.due[sel][first]
        return out


class _Rows:
    def __init__(self) -> None:
        self.parts: list[tuple[np.ndarray, int, np.ndarray, np.ndarray]] = []

    def add(self, files: np.ndarray, step: int, occ: int | np.ndarray, due: np.ndarray) -> None:
        keep = due != NONE
        if keep.any():
            occ_arr = np.broadcast_to(np.asarray(occ, dtype=np.int64), due.shape)
            self.parts.append((files[keep], step, occ_arr[keep], due[keep]))


def _shape_key(f: FileFacts) -> tuple[Any, ...]:
    mask = tuple(getattr(f, n) is not None for n in _FACT_FIELDS)
    return (f.right, mask, f.route, f.expedited, f.office_action_kind)


def _regime_ids(decide: np.ndarray) -> np.ndarray:
    starts = np.array([r.in_force_from.toordinal() for r in transitional.REGIMES])
    return np.searchsorted(starts, decide, side="right") - 1


def deadlines_table(
    facts_list: Sequence[FileFacts], cal: WorkingCalendar | None = None, today: date | None = None
) -> DeadlineTable:
    """Every due date of every file (see the module docstring); ``UserError`` as :func:`deadlines` on bad facts."""
    from ipoffice.law import deadlines, default_calendar

    cal = cal or default_calendar()
    today = today or date.today()
    facts = list(facts_list)
    cols = {name: np.array([(v.toordinal() if (v := getattr(f, name)) is not None else NONE) for f in facts],
                           dtype=np.int64) for name in _FACT_FIELDS}
    bad = _invalid(facts, cols, today, cal)
    for i in np.flatnonzero(bad):
        deadlines(facts[int(i)], cal=cal, today=today)  # raises the law's UserError for this file
    present = np.concatenate([c[c != NONE] for c in cols.values()] + [np.array([today.toordinal()])])
    first_year = date.fromordinal(int(present.min())).year - 1
    tables = _tables_for(cal, first_year, date.fromordinal(int(present.max())).year + 45)
    steps = tuple(_ALL_STEPS)
    rows = _Rows()
    decide = _deciding(cols)
    regime_idx = _regime_ids(decide)
    groups: dict[tuple[Any, ...], list[int]] = {}
    for k, f in enumerate(facts):
        groups.setdefault((int(regime_idx[k]), *_shape_key(f)), []).append(k)
    for key, members in groups.items():
        idx = np.array(members, dtype=np.int64)
        regime = transitional.REGIMES[key[0]]
        _group(regime, facts[members[0]], idx, {k: v[idx] for k, v in cols.items()}, tables, rows)
    if rows.parts:
        file = np.concatenate([p[0] for p in rows.parts])
        step = np.concatenate([np.full(len(p[0]), p[1], dtype=np.int16) for p in rows.parts])
        occ = np.concatenate([p[2] for p in rows.parts])
        due = np.concatenate([p[3] for p in rows.parts])
        order = np.argsort(file, kind="stable")
        file, step, occ, due = file[order], step[order], occ[order], due[order]
    else:
        file = step = occ = due = np.empty(0, dtype=np.int64)
    return DeadlineTable(facts, steps, file, step, occ.astype(np.int16),
                         (due - EPOCH).astype("datetime64[D]"), cal=cal, today=today)


_ALL_STEPS = ("paris_priority", "pct_national_phase", "formality_examination", "publication",
              "examination_request", "restoration", "substantive_examination", "opposition",
              "third_party_opinion", "office_action_response", "grant_fee_payment", "complaint",
              "madrid_refusal", "hague_refusal", "term_expiry", "renewal", "annuity")
_TABLES: dict[tuple[int, int, int], DayTables] = {}


def _tables_for(cal: WorkingCalendar, first_year: int, last_year: int) -> DayTables:
    for (cid, lo, hi), t in _TABLES.items():
        if cid == id(cal) and lo <= first_year and last_year <= hi:
            return t
    t = DayTables(cal, first_year, last_year)
    _TABLES[(id(cal), first_year, last_year)] = t
    return t


def _deciding(cols: dict[str, np.ndarray]) -> np.ndarray:
    out = np.full(len(cols["filing_date"]), NONE, dtype=np.int64)
    for name in ("publication_date", "priority_date", "pct_international_filing_date", "filing_date"):
        out = np.where(cols[name] != NONE, cols[name], out)
    return out


def _invalid(facts: list[FileFacts], cols: dict[str, np.ndarray], today: date, cal: WorkingCalendar) -> np.ndarray:
    """Files the law refuses (no date, no regime, too far ahead, priority or dates out of order)."""
    decide = _deciding(cols)
    bad = (decide == NONE) | (decide < transitional.REGIMES[0].in_force_from.toordinal())
    bad |= decide > (today + transitional.FUTURE_BOUND).toordinal()
    filing = np.where(cols["pct_international_filing_date"] != NONE, cols["pct_international_filing_date"],
                      cols["filing_date"])
    prio = cols["priority_date"]
    has_p = prio != NONE
    paris = np.array([f.right in PARIS_RIGHTS for f in facts], dtype=bool)
    bad |= has_p & ~paris
    bad |= has_p & (filing != NONE) & (prio > filing)
    # the Paris period ends rolled over (Art. 4C(3)); checked by the per-file engine only where it could bite
    late = has_p & paris & (filing != NONE) & (filing - prio > 150)
    from ipoffice.law.validation import paris_priority_due

    for i in np.flatnonzero(late):
        f = facts[int(i)]
        assert f.priority_date is not None
        found = paris_priority_due(f.right, f.priority_date, transitional.regime_for(f, today=today).regime, cal)
        if found is not None and filing[i] > found[0].toordinal():
            bad[i] = True
    fd = cols["filing_date"]
    for name in ("publication_date", "acceptance_date", "examination_request_date", "grant_date",
                 "grant_notice_date"):
        v = cols[name]
        bad |= (fd != NONE) & (v != NONE) & (v < fd)
    return bad


def _group(regime: Regime, rep: FileFacts, idx: np.ndarray, c: dict[str, np.ndarray], t: DayTables,
           rows: _Rows) -> None:
    """One group of files with the same schedule shape: the engine's steps on arrays."""
    right: RightKind = rep.right
    n = len(idx)
    due: dict[str, np.ndarray] = {}
    prio_or_filing = c["priority_date"].copy()
    for name in ("pct_international_filing_date", "filing_date"):
        prio_or_filing = np.where(prio_or_filing == NONE, c[name], prio_or_filing)

    def anchor(name: str) -> np.ndarray:
        if name in _DERIVED_ANCHORS:
            return due.get(_DERIVED_ANCHORS[name], np.full(n, NONE))
        if name == "priority_or_filing":
            return prio_or_filing
        value = c.get(name, np.full(n, NONE))
        if name == "international_notification_date":
            return np.where(value != NONE, value, c["filing_date"])
        step = _FALLBACK.get(name)
        if step and step in due:
            return np.where(value != NONE, value, due[step])
        return value

    for step in _steps_with_rules(transitional.REGIMES, right):
        code = _ALL_STEPS.index(step)
        subsets = _override_subsets(step, regime, right, anchor("publication_date"), t)
        step_due = np.full(n, NONE, dtype=np.int64)
        for mask, reg in subsets:
            if not mask.any():
                continue
            first = np.full(int(mask.sum()), NONE, dtype=np.int64)
            for rule in (r for r in rules_for(reg, step, right) if _applies(r, rep)):
                best = np.full(int(mask.sum()), NONE, dtype=np.int64)
                for a_name, period in [(rule.anchor, rule.period), *((x.anchor, x.period) for x in rule.also)]:
                    a = anchor(a_name)[mask]
                    ok = a != NONE
                    if not ok.any():
                        continue
                    d = np.full(len(a), NONE, dtype=np.int64)
                    d[ok] = t.end(a[ok], period)
                    best = np.where(ok & (d > best), d, best)
                rows.add(idx[mask], code, 0, best)
                first = np.where(first == NONE, best, first)
            step_due[mask] = first
        if (step_due != NONE).any():
            due[step] = step_due
    _terms(regime, rep, idx, c, t, rows)


def _override_subsets(step: str, regime: Regime, right: RightKind, pub: np.ndarray,
                      t: DayTables) -> list[tuple[np.ndarray, Regime]]:
    """:func:`transitional.step_override` as masks: which files take another regime's rule for ``step``."""
    everyone = np.ones(len(pub), dtype=bool)
    if step not in ("opposition", "substantive_examination") or regime.id == "vn-2026":
        return [(everyone, regime)]
    has = pub != NONE
    m26 = has & (pub >= transitional.CHANGE_2026.toordinal())
    out = [(m26, transitional.vn_2026.REGIME)]
    rest = ~m26
    if step == "opposition" and regime.id == "vn-2010" and right is RightKind.TRADEMARK:
        after5 = np.full(len(pub), NONE, dtype=np.int64)
        after5[has] = t.add_months(pub[has], 5)
        m23 = rest & has & (after5 >= transitional.CHANGE_2023.toordinal())
        out.append((m23, transitional.vn_2023.REGIME))
        rest = rest & ~m23
    out.append((rest, regime))
    return out


def _terms(regime: Regime, rep: FileFacts, idx: np.ndarray, c: dict[str, np.ndarray], t: DayTables,
           rows: _Rows) -> None:
    """Terms of protection, renewals and annuities (engine ``_term_deadlines``)."""
    tr = regime.term_rule(rep.right)
    filing = c["filing_date"]
    if tr is None or tr.term is None or rep.filing_date is None:
        return
    first_end = t.plain_end(filing, tr.term)
    if tr.cap_from_creation and rep.creation_date:
        first_end = np.minimum(first_end, t.plain_end(c["creation_date"], tr.cap_from_creation))
    if tr.cap_from_exploitation and rep.first_exploitation_date:
        first_end = np.minimum(first_end, t.plain_end(c["first_exploitation_date"], tr.cap_from_exploitation))
    shown = 1 if tr.maintenance is not Maintenance.RENEWAL else 1 + (2 if tr.renewals is None else tr.renewals)
    ends = [first_end]
    if tr.renewal_period is not None:
        for _ in range(shown - 1):
            ends.append(t.plain_end(ends[-1], tr.renewal_period))
    term_code = _ALL_STEPS.index("term_expiry")
    for i, end in enumerate(ends, start=1):
        rows.add(idx, term_code, i if len(ends) > 1 else 0, end)
    if tr.maintenance is Maintenance.RENEWAL:
        code = _ALL_STEPS.index("renewal")
        for i, end in enumerate(ends if tr.renewals is None else ends[:-1], start=1):
            rows.add(idx, code, i, t.roll(end))
    elif tr.maintenance is Maintenance.ANNUITY and rep.grant_date is not None:
        grant = c["grant_date"]
        code = _ALL_STEPS.index("annuity")
        year = 2
        while True:
            start = t.plain_end(grant, Period(years=year - 1))
            live = start < first_end
            if not live.any():
                break
            rows.add(idx, code, year, np.where(live, t.roll(start), NONE))
            year += 1
