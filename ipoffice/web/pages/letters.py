"""Official letters produced from templates for the events the office sends to the applicant (printable HTML in
the reader's language): notices of deficiency, office actions, intended grant or refusal, acceptance,
publication, grant and refusal. Each letter names its legal basis and, when the applicant must act, the
statutory due date from the file's clock."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from ipoffice.core.errors import NotFound
from ipoffice.office.clock import file_clock
from ipoffice.office.record import get_file
from ipoffice.store.kinds import FilePartyRole
from ipoffice.web.auth import Access, Forbidden, Principal, require
from ipoffice.web.pages.common import db, page, today

router = APIRouter()

LETTER_EVENTS = frozenset(
    {
        "formality_accepted",
        "formality_deficiency_notified",
        "published",
        "office_action_issued",
        "intended_grant_notified",
        "intended_refusal_notified",
        "granted",
        "refused",
    }
)


def may_read_letters(who: Principal, details: dict[str, object] | None) -> bool:
    return who.may(Access.EXAMINER) or (
        who.signed_in and (details or {}).get("submitted_by_user") == who.user_id
    )


@router.get("/files/{number}/letters/{sequence}", response_class=HTMLResponse)
def letter(
    request: Request,
    number: str,
    sequence: int,
    who: Annotated[Principal, Depends(require(Access.SIGNED_IN))],
    s: Annotated[Session, Depends(db)],
) -> HTMLResponse:
    f = get_file(s, number)
    if not may_read_letters(who, f.details):
        raise Forbidden(
            "web.auth.not_yours", field="number", rule="the filer or the office", role=str(who.role)
        )
    ev = next((e for e in f.events if e.sequence == sequence), None)
    if ev is None or ev.code not in LETTER_EVENTS:
        raise NotFound("web.letter.none", field="sequence", rule="letters", number=number, sequence=sequence)
    lang = request.state.lang
    reps = [fp.party for fp in f.parties if fp.role == FilePartyRole.REPRESENTATIVE]
    applicants = [fp.party for fp in f.parties if fp.role in (FilePartyRole.APPLICANT, FilePartyRole.OWNER)]
    recipient = (reps or applicants)[0] if (reps or applicants) else None
    clock = file_clock(f, today(request), lang)
    reply = next((c for c in clock.entries if c.party == "applicant"), None)
    payload = ev.payload or {}
    reasons = [str(x) for x in (payload.get("grounds") or payload.get("defects") or [])]
    return page(
        request,
        "letter.html",
        {
            "file": f,
            "ev": ev,
            "recipient": recipient,
            "reply": reply if ev.sequence == f.events[-1].sequence else None,
            "reasons": reasons,
        },
    )
