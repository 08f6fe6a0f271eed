"""Gazette issues derived from the register's events (never edited by hand).

The Official Gazette of Industrial Property (Công báo Sở hữu công nghiệp, Law on IP Art. 110 for applications,
Art. 118 for grants; Decree 65/2023) appears in two volumes: **Volume A** publishes the applications
accepted as valid, **Volume B** the protection titles granted [verify: IP Viet Nam's current split of the two
volumes]. An issue for a period lists every ``published`` event (Volume A) and every ``granted`` event (Volume B)
dated within it, by right, with the file's bibliographic data under its INID codes (:mod:`ipoffice.publish.inid`).
Re-deriving an issue from the same events gives the same issue.

Limit: the bibliographic data are read from the register as it stands (a later assignment shows the new owner);
only the grant's registration number and date are taken from the ``granted`` event itself.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session, selectinload

from ipoffice.core.errors import UserError
from ipoffice.core.rights import RIGHT_LABELS, RightKind
from ipoffice.office.events import EventCode
from ipoffice.publish import messages as _messages  # noqa: F401
from ipoffice.publish.inid import InidField, bibliographic, kind_code, standard_for
from ipoffice.publish.render import html_to_pdf, render_html
from ipoffice.store.models import Event, FileParty, IPFile

VOLUMES: dict[str, tuple[EventCode, str, str]] = {
    "A": (EventCode.PUBLISHED, "Tập A - Đơn đăng ký sở hữu công nghiệp", "Volume A - Applications"),
    "B": (EventCode.GRANTED, "Tập B - Văn bằng bảo hộ", "Volume B - Granted titles and registrations"),
}
RIGHT_ORDER = (
    RightKind.INVENTION,
    RightKind.UTILITY_SOLUTION,
    RightKind.DESIGN,
    RightKind.LAYOUT_DESIGN,
    RightKind.TRADEMARK,
    RightKind.GI,
)


@dataclass(frozen=True)
class GazetteEntry:
    """One file published (Volume A) or granted (Volume B) in the issue."""

    volume: str
    right: RightKind
    event_code: str
    event_date: date
    application_number: str
    registration_number: str | None
    kind_code: str | None
    inid_standard: str
    name: str  # the title, the mark or the GI name
    fields: tuple[InidField, ...]

    def inid(self, code: str) -> tuple[str, ...]:
        """The values under INID ``code`` (empty when the entry has none)."""
        return next((f.values for f in self.fields if f.code == code), ())

    def to_dict(self) -> dict[str, Any]:
        return {
            "volume": self.volume,
            "right": str(self.right),
            "event": self.event_code,
            "event_date": self.event_date.isoformat(),
            "application_number": self.application_number,
            "registration_number": self.registration_number,
            "kind_code": self.kind_code,
            "inid_standard": self.inid_standard,
            "name": self.name,
            "inid": {f.code: list(f.values) for f in self.fields},
        }


@dataclass(frozen=True)
class GazetteSection:
    volume: str
    right: RightKind
    entries: tuple[GazetteEntry, ...]

    @property
    def label_vi(self) -> str:
        return RIGHT_LABELS[self.right][0]

    @property
    def label_en(self) -> str:
        return RIGHT_LABELS[self.right][1]

    def legend(self) -> list[tuple[str, str, str]]:
        """The INID codes used in the section with their labels (the gazette prints codes, not labels)."""
        seen: dict[str, tuple[str, str, str]] = {}
        for e in self.entries:
            for f in e.fields:
                seen.setdefault(f.code, (f.code, f.label_vi, f.label_en))
        return [seen[c] for c in sorted(seen, key=int)]


@dataclass(frozen=True)
class GazetteIssue:
    """The gazette of one period: its entries by volume and right, and the counts a reader checks first."""

    start: date
    end: date
    volumes: tuple[str, ...]
    entries: tuple[GazetteEntry, ...] = field(default_factory=tuple)

    @property
    def issue_id(self) -> str:
        """``2026-03`` for a calendar month, else ``2026-03-01_2026-03-15``."""
        nxt = self.end + timedelta(days=1)
        if (
            self.start.day == 1
            and nxt.day == 1
            and (nxt.month - self.start.month) % 12 == 1
            and (nxt - self.start).days <= 31
        ):
            return f"{self.start:%Y-%m}"
        return f"{self.start.isoformat()}_{self.end.isoformat()}"

    def sections(self) -> list[GazetteSection]:
        out = []
        for vol in self.volumes:
            for right in RIGHT_ORDER:
                found = tuple(e for e in self.entries if e.volume == vol and e.right == right)
                if found:
                    out.append(GazetteSection(vol, right, found))
        return out

    def counts(self) -> dict[str, dict[str, int]]:
        """``{"A": {"trademark": 12, ...}, "B": {...}}``."""
        c = Counter((e.volume, str(e.right)) for e in self.entries)
        return {
            vol: {str(r): c[(vol, str(r))] for r in RIGHT_ORDER if c[(vol, str(r))]} for vol in self.volumes
        }

    # --- outputs -------------------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "issue": self.issue_id,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "volumes": {v: {"vi": VOLUMES[v][1], "en": VOLUMES[v][2]} for v in self.volumes},
            "counts": self.counts(),
            "entries": [e.to_dict() for e in self.entries],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1)

    def to_csv(self) -> str:
        """One row per entry; each INID code its own column (``inid_511``), several values joined by `` | ``."""
        codes = sorted({f.code for e in self.entries for f in e.fields}, key=int)
        fixed = [
            "volume",
            "right",
            "event",
            "event_date",
            "application_number",
            "registration_number",
            "kind_code",
            "inid_standard",
            "name",
        ]
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(fixed + [f"inid_{c}" for c in codes])
        for e in self.entries:
            d = e.to_dict()
            w.writerow(
                [d[k] if d[k] is not None else "" for k in fixed] + [" | ".join(e.inid(c)) for c in codes]
            )
        return buf.getvalue()

    def html(self) -> str:
        return render_html("gazette.html", issue=self, volumes=VOLUMES)

    def pdf(self) -> bytes:
        return html_to_pdf(self.html())


def month_period(year: int, month: int) -> tuple[date, date]:
    """The first and last day of a calendar month (a monthly issue)."""
    start = date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return start, nxt - timedelta(days=1)


def _volumes(volume: str | None) -> tuple[str, ...]:
    if volume is None:
        return ("A", "B")
    v = volume.strip().upper()
    if v not in VOLUMES:
        raise UserError(
            "publish.bad_volume", field="volume", rule="Official Gazette volumes A/B", value=volume
        )
    return (v,)


def gazette_issue(session: Session, start: date, end: date, volume: str | None = None) -> GazetteIssue:
    """The gazette of ``start``..``end`` (both included), from the ``published`` and ``granted`` events."""
    if start > end:
        raise UserError("publish.bad_period", field="end", rule="start <= end", start=start, end=end)
    vols = _volumes(volume)
    code_to_volume = {VOLUMES[v][0].value: v for v in vols}
    stmt = (
        select(Event)
        .where(Event.code.in_(list(code_to_volume)), Event.event_date >= start, Event.event_date <= end)
        .options(
            selectinload(Event.file).options(
                selectinload(IPFile.parties).selectinload(FileParty.party),
                selectinload(IPFile.classifications),
                selectinload(IPFile.priority_claims),
            )
        )
    )
    entries = []
    for ev in session.scalars(stmt):
        file = ev.file
        right = RightKind(file.right_kind)
        vol = code_to_volume[ev.code]
        granted = vol == "B"
        reg = (ev.payload or {}).get("registration_number") if granted else None
        reg = reg or (file.registration_number if granted else None)
        fields = bibliographic(
            file, granted=granted, registration_number=reg, grant_event=ev if granted else None
        )
        entries.append(
            GazetteEntry(
                volume=vol,
                right=right,
                event_code=ev.code,
                event_date=ev.event_date,
                application_number=file.application_number,
                registration_number=reg,
                kind_code=kind_code(right, granted),
                inid_standard=standard_for(right),
                name=(file.mark_text or file.title or "")
                if right == RightKind.TRADEMARK
                else (file.title or file.mark_text or ""),
                fields=tuple(fields),
            )
        )
    order = {r: i for i, r in enumerate(RIGHT_ORDER)}
    entries.sort(key=lambda e: (e.volume, order[e.right], e.registration_number or "", e.application_number))
    return GazetteIssue(start=start, end=end, volumes=vols, entries=tuple(entries))


@dataclass(frozen=True)
class GazetteMonth:
    """One monthly issue that has entries: what the public list of issues shows."""

    year: int
    month: int
    volume_a: int
    volume_b: int

    @property
    def issue_id(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def period(self) -> tuple[date, date]:
        return month_period(self.year, self.month)


def gazette_months(session: Session) -> list[GazetteMonth]:
    """Every month with a publication or a grant, newest first, with the size of each volume (one SQL query)."""
    year = extract("year", Event.event_date)
    month = extract("month", Event.event_date)
    codes = {VOLUMES["A"][0].value: "A", VOLUMES["B"][0].value: "B"}
    rows = session.execute(
        select(year, month, Event.code, func.count())
        .where(Event.code.in_(list(codes)))
        .group_by(year, month, Event.code)
    )
    counts: dict[tuple[int, int], dict[str, int]] = {}
    for y, m, code, n in rows:
        counts.setdefault((int(y), int(m)), {"A": 0, "B": 0})[codes[code]] = int(n)
    return [GazetteMonth(y, m, c["A"], c["B"]) for (y, m), c in sorted(counts.items(), reverse=True)]
