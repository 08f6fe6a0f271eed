"""Legal-status data for exchange: every event's WIPO category (ST.27 patents, ST.61 marks, ST.87 designs).

The codes are the office's own (:func:`ipoffice.office.legal_status.legal_status_for`, stored on every event);
this module lays them out as the mapping table (documented in ``docs/exchange.md``) and exports the events of a
period with their category, key event, detailed event, state and stage after the event. ST.61 and ST.87 codes
reuse the ST.27 model and are flagged ``verify`` until checked against those standards' annexes [verify].
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipoffice.core.errors import UserError
from ipoffice.core.numbering import to_st13
from ipoffice.core.rights import RightKind
from ipoffice.office.events import CATALOGUE, EventCode
from ipoffice.office.legal_status import CATEGORIES, ST27_DETAILED, legal_status_for
from ipoffice.office.workflow import Status, apply
from ipoffice.store.models import Event, IPFile

STANDARD_RIGHT = {"ST.27": RightKind.INVENTION, "ST.61": RightKind.TRADEMARK, "ST.87": RightKind.DESIGN}


@dataclass(frozen=True)
class MappingRow:
    event: str
    label_en: str
    standard: str
    category: str
    category_title: str
    key_event: str
    detailed_event: str
    detailed_title: str
    verify: bool


def mapping_table() -> list[MappingRow]:
    """One row per event and standard (the status after the event does not change the category)."""
    rows = []
    for ev in EventCode:
        for standard, right in STANDARD_RIGHT.items():
            ls = legal_status_for(ev, right, Status.FILED)
            rows.append(
                MappingRow(
                    event=ev.value,
                    label_en=CATALOGUE[ev].en,
                    standard=standard,
                    category=ls.category,
                    category_title=CATEGORIES[ls.category],
                    key_event=ls.key_event,
                    detailed_event=ls.detailed_event,
                    detailed_title=ST27_DETAILED.get(ls.detailed_event, ""),
                    verify=ls.verify,
                )
            )
    return rows


def mapping_markdown() -> str:
    """The mapping table as Markdown (the table in docs/exchange.md is this text)."""
    lines = [
        "| event | ST.27 (patents) | ST.61 (marks) | ST.87 (designs) | WIPO title |",
        "|---|---|---|---|---|",
    ]
    by_event: dict[str, dict[str, MappingRow]] = {}
    for r in mapping_table():
        by_event.setdefault(r.event, {})[r.standard] = r
    for ev, cols in by_event.items():
        cells = []
        for std in STANDARD_RIGHT:
            r = cols[std]
            cells.append(f"{r.category} / {r.detailed_event}" + (" [verify]" if r.verify else ""))
        lines.append(
            f"| `{ev}` | "
            + " | ".join(cells)
            + f" | {cols['ST.27'].detailed_title or cols['ST.27'].category_title} |"
        )
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class StatusEvent:
    application_number: str
    st13: str | None
    registration_number: str | None
    right: str
    standard: str
    event: str
    event_date: str
    category: str
    key_event: str
    detailed_event: str
    state: str
    stage: int
    verify: bool


def events_in_period(session: Session, start: date, end: date) -> list[StatusEvent]:
    """Every event dated in [start, end], coded as stored, with the state and stage it left the file in."""
    files = session.scalars(
        select(IPFile)
        .where(IPFile.id.in_(select(Event.file_id).where(Event.event_date >= start, Event.event_date <= end)))
        .order_by(IPFile.application_number)
    )
    out: list[StatusEvent] = []
    for f in files:
        right = RightKind(f.right_kind)
        state = None
        st13 = f.st13
        if st13 is None and "/" not in f.application_number:
            try:
                st13 = to_st13(f.application_number)
            except UserError:  # a legacy number without an ST.13 form
                st13 = None
        for e in f.events:
            state = apply(state, e.code, right, f.regime_id or "vn-2010")
            if not start <= e.event_date <= end:
                continue
            ls = legal_status_for(
                e.code, right, state.status, exclusive=bool((e.payload or {}).get("exclusive"))
            )
            out.append(
                StatusEvent(
                    application_number=f.application_number,
                    st13=st13,
                    registration_number=f.registration_number,
                    right=right.value,
                    standard=e.legal_status_standard or ls.standard,
                    event=e.code,
                    event_date=e.event_date.isoformat(),
                    category=ls.category,
                    key_event=ls.key_event,
                    detailed_event=e.legal_status_code or ls.detailed_event,
                    state=ls.state,
                    stage=ls.stage,
                    verify=ls.verify,
                )
            )
    return out


def export_period(session: Session, start: date, end: date, fmt: str = "json") -> bytes:
    """The legal-status events of a period as JSON (an array) or CSV."""
    rows = [asdict(r) for r in events_in_period(session, start, end)]
    if fmt == "csv":
        buf = io.StringIO()
        fields = list(StatusEvent.__dataclass_fields__)
        writer = csv.DictWriter(buf, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
        return buf.getvalue().encode()
    return json.dumps(rows, ensure_ascii=False, indent=1).encode()


def st96_patent_legal_status(
    session: Session, start: date, end: date, *, created: date | None = None
) -> bytes:
    """The ST.27 events of patent files (inventions, utility solutions, layout designs) in [start, end] as a
    WIPO ST.96 ``PatentLegalStatusData`` document, validated against the official schema."""
    from lxml import etree

    from ipoffice.exchange import schemas
    from ipoffice.exchange.st96_writer import COM, PAT, VERSION, _el

    root = etree.Element(f"{{{PAT}}}PatentLegalStatusData", nsmap={"pat": PAT, "com": COM})
    root.set(f"{{{COM}}}st96Version", VERSION)
    root.set(f"{{{COM}}}officeCode", "VN")
    root.set(f"{{{COM}}}creationDate", (created or date.today()).isoformat())
    by_file: dict[str, list[StatusEvent]] = {}
    for ev in events_in_period(session, start, end):
        if ev.standard == "ST.27":
            by_file.setdefault(ev.application_number, []).append(ev)
    stages = _previous_stages(session, list(by_file))
    for number, events in by_file.items():
        status = _el(root, PAT, "PatentLegalStatus")
        app = _el(status, PAT, "ApplicationIdentification")
        _el(app, COM, "IPOfficeCode", "VN")
        _el(_el(app, COM, "ApplicationNumber"), COM, "ApplicationNumberText", number)
        bag = _el(status, PAT, "StatusEventDataBag")
        for ev in events:
            data = _el(bag, PAT, "StatusEventData")
            code = _el(data, PAT, "StatusEventCode")
            _el(code, COM, "StateCode", ev.state)
            _el(code, COM, "PreviousStageCode", str(stages.get((number, ev.event_date, ev.event), ev.stage)))
            _el(code, COM, "CurrentStageCode", str(ev.stage))
            _el(code, PAT, "KeyEventCode", ev.key_event)
            _el(code, PAT, "DetailedEventCode", ev.detailed_event)
            _el(code, PAT, "NationalEventCode", ev.event)
            _el(data, COM, "EventDate", ev.event_date)
    if not len(root):
        root.append(etree.Comment("no ST.27 event in the period"))
    schemas.validate(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _previous_stages(session: Session, numbers: list[str]) -> dict[tuple[str, str, str], int]:
    """The stage each event started from (ST.27 ``PreviousStageCode``)."""
    out: dict[tuple[str, str, str], int] = {}
    for f in session.scalars(select(IPFile).where(IPFile.application_number.in_(numbers))):
        right = RightKind(f.right_kind)
        state = None
        stage = 1
        for e in f.events:
            state = apply(state, e.code, right, f.regime_id or "vn-2010")
            out[(f.application_number, e.event_date.isoformat(), e.code)] = stage
            stage = legal_status_for(e.code, right, state.status).stage
    return out
