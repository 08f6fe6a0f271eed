"""The PCT route: national-phase entry in Viet Nam at 31 months, with no late entry.

The time limit is the law module's step ``pct_national_phase``: 31 months from the priority date (or the
international filing date when no priority is claimed), PCT Art. 22(3) and 39(1)(b), Decree 65/2023; Viet Nam
allows no late entry, so an entry after the (rolled-over) last day is refused and nothing is written. The
international filing date is the filing date of the national file (PCT Art. 11(3)); the entry date is kept on
the file. Priority documents may be given by their WIPO DAS access code (4 characters [verify]).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from ipoffice.core import i18n
from ipoffice.core.errors import UserError
from ipoffice.core.rights import RightKind
from ipoffice.office.filing import FilingRequest, FilingResult, file_application
from ipoffice.office.record import get_file

i18n.register(
    {
        "exchange.pct.late_entry": {
            "vi": "Vào giai đoạn quốc gia ngày {entry} là quá hạn: hạn cuối là {due} (31 tháng từ ngày {anchor}); "
            "Việt Nam không chấp nhận vào muộn",
            "en": "National-phase entry on {entry} is late: the last day was {due} (31 months from {anchor}); "
            "Viet Nam allows no late entry",
        },
        "exchange.pct.bad_number": {
            "vi": "Số đơn PCT không hợp lệ: «{value}» (dạng PCT/CCYYYY/NNNNNN)",
            "en": "Invalid PCT application number '{value}' (form PCT/CCYYYY/NNNNNN)",
        },
        "exchange.pct.not_patent": {
            "vi": "Chỉ sáng chế và giải pháp hữu ích vào giai đoạn quốc gia PCT",
            "en": "Only inventions and utility solutions enter the PCT national phase",
        },
        "exchange.pct.bad_das": {
            "vi": "Mã truy cập DAS không hợp lệ: «{value}» (4 ký tự chữ hoặc số)",
            "en": "Invalid DAS access code '{value}' (4 letters or digits)",
        },
        "exchange.pct.entry_before_filing": {
            "vi": "Ngày vào giai đoạn quốc gia {entry} trước ngày nộp đơn quốc tế {filing}",
            "en": "The entry date {entry} is before the international filing date {filing}",
        },
    }
)

_PCT = re.compile(r"^PCT/[A-Z]{2}\d{4}/\d{6}$")
_DAS = re.compile(r"^[A-Za-z0-9]{4}$")


@dataclass
class NationalPhaseEntry:
    request: (
        FilingRequest  # the national request; its filing_date is replaced by the international filing date
    )
    international_number: str  # PCT/VN2024/000123
    international_filing_date: date
    entry_date: date
    das_codes: dict[str, str] = field(default_factory=dict)  # priority number -> DAS access code


def entry_deadline(
    right: RightKind, priority: date | None, international_filing: date
) -> tuple[date, str, date]:
    """The last day of national-phase entry, its basis, and the date it counts from (law module)."""
    import ipoffice.law as law
    from ipoffice.law.model import FileFacts, Route

    d = law.deadlines(
        FileFacts(
            right=right,
            filing_date=international_filing,
            priority_date=priority,
            pct_international_filing_date=international_filing,
            route=Route.PCT,
        )
    ).first("pct_national_phase")
    return d.due, d.basis, d.anchor_date


def enter_national_phase(
    session: Session, entry: NationalPhaseEntry, *, actor: str, today: date | None = None
) -> FilingResult:
    """File the national phase of a PCT application (caller's transaction); refuses a late entry."""
    req = entry.request
    right = RightKind(req.right)
    if not right.is_patent:
        raise UserError("exchange.pct.not_patent", field="right", rule="PCT Art. 2(ii)")
    number = entry.international_number.strip().upper()
    if not _PCT.match(number):
        raise UserError(
            "exchange.pct.bad_number", field="international_number", rule="PCT Rule 20.1", value=number
        )
    if entry.entry_date < entry.international_filing_date:
        raise UserError(
            "exchange.pct.entry_before_filing",
            field="entry_date",
            rule="PCT Art. 22",
            entry=entry.entry_date.isoformat(),
            filing=entry.international_filing_date.isoformat(),
        )
    priorities = [
        p.date if isinstance(p.date, date) else date.fromisoformat(str(p.date)) for p in req.priorities
    ]
    priority = min(priorities) if priorities else None
    due, basis, anchor = entry_deadline(right, priority, entry.international_filing_date)
    if entry.entry_date > due:
        raise UserError(
            "exchange.pct.late_entry",
            field="entry_date",
            rule=basis,
            entry=entry.entry_date.isoformat(),
            due=due.isoformat(),
            anchor=anchor.isoformat(),
        )
    das = []
    known = {p.number for p in req.priorities}
    for prio_number, code in entry.das_codes.items():
        if not _DAS.match(code) or prio_number not in known:
            raise UserError(
                "exchange.pct.bad_das", field=f"das_codes[{prio_number}]", rule="WIPO DAS", value=code
            )
        das.append({"priority_number": prio_number, "access_code": code})
    req.route = "pct"
    req.international_number = number
    req.filing_date = entry.international_filing_date
    result = file_application(session, req, actor=actor, today=today)
    file = get_file(session, result.application_number)
    file.details = {
        **file.details,
        "pct": {
            "entry_date": entry.entry_date.isoformat(),
            "entry_deadline": due.isoformat(),
            "basis": basis,
            **({"das": das} if das else {}),
        },
    }
    session.flush()
    return result
