"""Build ``ipoffice/data/holidays/vn.csv``: Viet Nam's working calendar for state agencies, 2010-2060.

Run from the repository root (needs the ``holidays`` package, a test extra, for the Vietnamese lunar calendar
only; the product reads the CSV and never imports ``holidays``)::

    python tools/build_holidays.py

Rules (the statutory part):

- Labour Code 1994 as amended (Art. 73) until 30 Apr 2013, Labour Code 2012 (Law 10/2012/QH13, Art. 115) until
  2020, Labour Code 2019 (Law 45/2019/QH14, Art. 112) from 2021: 1 Jan; Tết (4 days until 2013, 5 days from 2014:
  the 2012 Code entered into force on 1 May 2013, after Tết 2013); Hung Kings' day (10/3 lunar, since 2007);
  30 Apr; 1 May; 2 Sep, plus one adjacent day from 2021.
- A holiday on the weekly day off (Saturday/Sunday for state agencies) gives a substitute day off (LC 2012 Art.
  115(3), LC 2019 Art. 112(3)). Other holidays: the next weekday not already off. Tết: the days chosen are the
  last day of the lunar year and the first days of the new year; from 2015 a Tết Saturday is compensated on the
  weekday before the block and a Tết Sunday on the weekday after it -- which reproduces the announcements
  2015-2026 ("from the 29th of the 12th month to the 5th of the 1st month"); until 2014 both after the block.
- The adjacent National Day (from 2021): Mon->Tue, Tue->Mon, Wed->Tue, Thu->Fri, Fri->Thu, Sat->Fri, Sun->Mon,
  as in the announcements 2021-2026.

The announced part: the swaps (a weekday off against a make-up Saturday) the government announced for civil
servants, each with the instrument that announced it (``[verify]`` where the number could not be confirmed).
The rule above reproduces every announced block of days off 2015-2026 once these swaps are applied (checked
by an assertion below against the announced blocks listed in ``ANNOUNCED_BLOCKS``).
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from holidays.calendars.chinese import VIETNAMESE_CALENDAR, _ChineseLunisolar

FIRST_YEAR = 2010
LAST_YEAR = 2060
FIRST_ANNOUNCED = 2015
LAST_ANNOUNCED = 2026  # the 2027 schedule was not found [verify]; 2027 onwards is projected
OUT = Path(__file__).resolve().parents[1] / "ipoffice" / "data" / "holidays" / "vn.csv"

_LUNAR = _ChineseLunisolar(VIETNAMESE_CALENDAR)

NAMES = {
    "new_year": ("Tết Dương lịch", "New Year's Day"),
    "tet": ("Tết Nguyên đán", "Lunar New Year (Tết)"),
    "hung_kings": (
        "Giỗ Tổ Hùng Vương (10/3 âm lịch)",
        "Hung Kings' Commemoration Day (10th day, 3rd lunar month)",
    ),
    "reunification": ("Ngày Chiến thắng (30/4)", "Reunification Day (30 April)"),
    "labour": ("Ngày Quốc tế Lao động (1/5)", "International Labour Day (1 May)"),
    "national": ("Quốc khánh (2/9)", "National Day (2 September)"),
    "national_adjacent": ("Quốc khánh (ngày liền kề)", "National Day (adjacent day)"),
}


@dataclass(frozen=True)
class Swap:
    """A weekday given off against a weekend day worked (the government's announced 'hoán đổi')."""

    day_off: date
    working_day: date
    basis: str


_Y2015 = (
    "Submission 89/TTr-LĐTBXH (20 Nov 2014) as approved by the Prime Minister [verify approving instrument]"
)

_Y2013 = "MOLISA notice on the 2013 holidays (reported 28 Dec 2012) [verify number]"
_Y2014 = "MOLISA notice on the 2014 holidays (reported by Lao Động) [verify number]"

SWAPS: list[Swap] = [
    # 2010-2014: as listed by the holidays package 0.109 (VietnamStaticHolidays); instruments not checked.
    Swap(date(2010, 2, 19), date(2010, 2, 27), "[verify] swap listed by holidays 0.109"),
    Swap(
        date(2012, 1, 27),
        date(2012, 2, 4),
        "Prime Minister's approval of 27 Dec 2011 (chinhphu.vn) [verify number]",
    ),
    Swap(date(2012, 12, 31), date(2013, 1, 5), _Y2013),
    Swap(date(2013, 2, 15), date(2013, 2, 23), _Y2013),
    Swap(date(2013, 4, 29), date(2013, 5, 4), _Y2013),
    Swap(date(2014, 1, 28), date(2014, 1, 25), _Y2014),
    Swap(date(2014, 1, 29), date(2014, 2, 8), _Y2014),
    Swap(date(2014, 5, 2), date(2014, 4, 26), "[verify] swap listed by holidays 0.109"),
    Swap(date(2014, 9, 1), date(2014, 9, 6), "[verify] swap listed by holidays 0.109"),
    Swap(date(2015, 1, 2), date(2014, 12, 27), _Y2015),
    Swap(date(2015, 2, 16), date(2015, 2, 14), _Y2015),
    Swap(date(2015, 4, 29), date(2015, 4, 25), _Y2015),
    Swap(date(2018, 12, 31), date(2019, 1, 5), "Official Letter 6519/VPCP-KGVX (2018)"),
    Swap(date(2019, 4, 29), date(2019, 5, 4), "Official Letter 6519/VPCP-KGVX (2018)"),
    Swap(date(2024, 4, 29), date(2024, 5, 4), "Official Letter 2450/VPCP-KGVX (2024)"),
    Swap(date(2025, 1, 27), date(2025, 2, 8), "Notice 6150/TB-BLĐTBXH (2024)"),
    Swap(
        date(2025, 5, 2),
        date(2025, 4, 26),
        "Prime Minister's approval of MOLISA's 2025 proposal [verify number]",
    ),
    Swap(date(2026, 1, 2), date(2026, 1, 10), "Official Letter 12729/VPCP-KGVX (25 Dec 2025)"),
    Swap(
        date(2026, 8, 31), date(2026, 8, 22), "[verify] Ministry of Home Affairs notice on National Day 2026"
    ),
]

# Announced blocks of consecutive days off (weekends included), used to check the rule + swaps above.
ANNOUNCED_BLOCKS: list[tuple[date, date, str]] = [
    (date(2012, 1, 21), date(2012, 1, 29), "Tết 2012"),
    (date(2012, 12, 29), date(2013, 1, 1), "New Year 2013"),
    (date(2013, 2, 9), date(2013, 2, 17), "Tết 2013"),
    (date(2013, 4, 27), date(2013, 5, 1), "30/4-1/5 2013"),
    (date(2014, 1, 28), date(2014, 2, 5), "Tết 2014"),
    (date(2015, 1, 1), date(2015, 1, 4), "New Year 2015"),
    (date(2015, 2, 15), date(2015, 2, 23), "Tết 2015 (Saturday 14 Feb worked)"),
    (date(2015, 4, 28), date(2015, 5, 3), "30/4-1/5 2015"),
    (date(2016, 2, 6), date(2016, 2, 14), "Tết 2016"),
    (date(2016, 4, 30), date(2016, 5, 3), "30/4-1/5 2016"),
    (date(2017, 1, 26), date(2017, 2, 1), "Tết 2017 (no swap)"),
    (date(2017, 4, 29), date(2017, 5, 2), "30/4-1/5 2017"),
    (date(2018, 2, 14), date(2018, 2, 20), "Tết 2018"),
    (date(2018, 4, 28), date(2018, 5, 1), "30/4-1/5 2018"),
    (date(2018, 12, 29), date(2019, 1, 1), "New Year 2019"),
    (date(2019, 2, 2), date(2019, 2, 10), "Tết 2019"),
    (date(2019, 4, 27), date(2019, 5, 1), "30/4-1/5 2019"),
    (date(2020, 1, 23), date(2020, 1, 29), "Tết 2020"),
    (date(2021, 2, 10), date(2021, 2, 16), "Tết 2021"),
    (date(2021, 9, 2), date(2021, 9, 5), "National Day 2021"),
    (date(2022, 1, 29), date(2022, 2, 6), "Tết 2022"),
    (date(2022, 4, 30), date(2022, 5, 3), "30/4-1/5 2022"),
    (date(2022, 9, 1), date(2022, 9, 4), "National Day 2022"),
    (date(2023, 1, 20), date(2023, 1, 26), "Tết 2023"),
    (date(2023, 4, 29), date(2023, 5, 3), "Hung Kings + 30/4-1/5 2023"),
    (date(2023, 9, 1), date(2023, 9, 4), "National Day 2023"),
    (date(2024, 2, 8), date(2024, 2, 14), "Tết 2024"),
    (date(2024, 4, 27), date(2024, 5, 1), "30/4-1/5 2024"),
    (date(2024, 8, 31), date(2024, 9, 3), "National Day 2024"),
    (date(2025, 1, 25), date(2025, 2, 2), "Tết 2025"),
    (date(2025, 4, 30), date(2025, 5, 4), "30/4-1/5 2025"),
    (date(2025, 8, 30), date(2025, 9, 2), "National Day 2025"),
    (date(2026, 1, 1), date(2026, 1, 4), "New Year 2026"),
    (date(2026, 2, 14), date(2026, 2, 22), "Tết 2026"),
    (date(2026, 4, 25), date(2026, 4, 27), "Hung Kings 2026"),
    (date(2026, 4, 30), date(2026, 5, 3), "30/4-1/5 2026"),
    (date(2026, 8, 29), date(2026, 9, 2), "National Day 2026"),
]

ADJACENT_NATIONAL_DAY = {0: +1, 1: -1, 2: -1, 3: +1, 4: -1, 5: -1, 6: +1}  # weekday of 2 Sep -> offset


@dataclass
class Row:
    day: date
    kind: str
    name_vi: str
    name_en: str
    basis: str
    status: str


def labour_code(year: int) -> str:
    if year >= 2021:
        return "Labour Code 2019 Art. 112"
    if year >= 2013:
        return "Labour Code 2012 Art. 115"
    return "Labour Code 1994 Art. 73 (as amended 2007)"


def statutory_holidays(year: int) -> list[tuple[date, str]]:
    """The statutory holidays of ``year`` (any weekday), in date order, with their name key."""
    lny, _ = _LUNAR.lunar_new_year_date(year)
    hung, _ = _LUNAR.hung_kings_date(year)
    assert lny is not None and hung is not None
    tet_days = (
        5 if year >= 2014 else 4
    )  # LC 2012 (5 days) in force 1 May 2013; Tết 2013 had 4 (announced block)
    days = [(date(year, 1, 1), "new_year")]
    days += [(lny + timedelta(days=i), "tet") for i in range(-1, tet_days - 1)]
    days += [(hung, "hung_kings"), (date(year, 4, 30), "reunification"), (date(year, 5, 1), "labour")]
    sep2 = date(year, 9, 2)
    days.append((sep2, "national"))
    if year >= 2021:
        days.append((sep2 + timedelta(days=ADJACENT_NATIONAL_DAY[sep2.weekday()]), "national_adjacent"))
    assert len({d for d, _ in days}) == len(days), f"two statutory holidays on one day in {year}: add a rule"
    return sorted(days)


def _weekday(d: date) -> bool:
    return d.weekday() < 5


def build_year(year: int) -> list[Row]:
    status = (
        "announced"
        if FIRST_ANNOUNCED <= year <= LAST_ANNOUNCED
        else ("statutory" if year < FIRST_ANNOUNCED else "projected")
    )
    basis = (
        labour_code(year) if status != "announced" else f"{labour_code(year)}; [verify] annual announcement"
    )
    holidays = statutory_holidays(year)
    off: dict[date, Row] = {}
    for d, key in holidays:
        if _weekday(d):
            vi, en = NAMES[key]
            off[d] = Row(d, "holiday", vi, en, basis, status)
    # substitute days for holidays on the weekly day off
    tet_block = [d for d, key in holidays if key == "tet"]
    for d, key in holidays:
        if _weekday(d):
            continue
        vi, en = NAMES[key]
        if key == "tet" and d.weekday() == 5 and year >= 2015:
            step, sub = -1, min(tet_block) - timedelta(days=1)
        elif key == "tet":
            step, sub = +1, max(tet_block) + timedelta(days=1)
        else:
            step, sub = +1, d + timedelta(days=1)
        while not _weekday(sub) or sub in off:
            sub += timedelta(days=step)
        off[sub] = Row(sub, "day_off", f"Nghỉ bù {vi}", f"Substitute day off for {en}", basis, status)
    return list(off.values())


def build() -> list[Row]:
    rows: dict[date, Row] = {}
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        for row in build_year(year):
            rows[row.day] = row
    for swap in SWAPS:
        assert _weekday(swap.day_off) and not _weekday(swap.working_day), swap
        existing = rows.get(swap.day_off)
        # Tết 2025: the rule's substitute for Saturday 1 Feb (mùng 4) is Monday 27 Jan, which the announcement
        # presents as a swap against Saturday 8 Feb; the announcement wins (the days off are the same).
        assert existing is None or (existing.kind == "day_off" and swap.day_off == date(2025, 1, 27)), swap
        status = "announced"
        w = swap.working_day.strftime("%d/%m/%Y")
        o = swap.day_off.strftime("%d/%m/%Y")
        rows[swap.day_off] = Row(
            swap.day_off,
            "day_off",
            f"Nghỉ hoán đổi (làm bù ngày {w})",
            f"Day off swapped for the make-up working day {w}",
            swap.basis,
            status,
        )
        rows[swap.working_day] = Row(
            swap.working_day,
            "working_day",
            f"Làm bù cho ngày nghỉ {o}",
            f"Make-up working day for the day off {o}",
            swap.basis,
            status,
        )
    _check_announced_blocks(rows)
    return sorted(rows.values(), key=lambda r: r.day)


def _check_announced_blocks(rows: dict[date, Row]) -> None:
    """Each announced block must be exactly one maximal run of days off under the rule + swaps."""

    def off(d: date) -> bool:
        row = rows.get(d)
        return row.kind != "working_day" if row else not _weekday(d)

    for first, last, label in ANNOUNCED_BLOCKS:
        span = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        assert all(off(d) for d in span), f"{label}: a day inside the block would be worked"
        assert not off(first - timedelta(days=1)), f"{label}: the run of days off starts before {first}"
        assert not off(last + timedelta(days=1)), f"{label}: the run of days off ends after {last}"


def main() -> int:
    rows = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["date", "kind", "name_vi", "name_en", "basis", "status"])
        for r in rows:
            w.writerow([r.day.isoformat(), r.kind, r.name_vi, r.name_en, r.basis, r.status])
    print(f"wrote {len(rows)} rows to {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
