"""The examiner's assistants on the web: the trademark conflict search on the office's one mark index
(:mod:`ipoffice.web.marks`), prior-art search and IPC suggestion on its one prior-art index
(:mod:`ipoffice.web.prior_art`):

* ``/check`` - the public pre-filing check (no login, nothing recorded, nothing logged about the query);
* the filing form's check (``/file/trademark/check``, in :mod:`ipoffice.web.pages.filing`) - the same function;
* the examiner's workbench: ``POST /files/{number}/assist/tm-search`` runs the search for the file and records it
  on the file's AI trail; ``POST /files/{number}/assist/{use_id}/decisions`` records what the examiner did with
  one hit (cited as conflicting, dismissed, noted) with a note;
* ``POST /files/{number}/assist/prior-art`` and ``.../assist/ipc`` run the prior-art search and the IPC
  suggestion for a patent file and record them; the same decisions route records cited / dismissed / noted on a
  prior-art document and accepted / rejected on an IPC suggestion;
* ``/files/{number}/history`` - the file's events and AI trail in time order, for the office and the filer of
  record (the full export, trail included, is ``GET /api/v1/files/{number}/export``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from ipoffice.core.errors import UserError
from ipoffice.office.record import get_file
from ipoffice.store.db import transaction
from ipoffice.web.auth import Access, Forbidden, Principal, require
from ipoffice.web.marks import check_classes, prefiling_check, record_decision, workbench_search
from ipoffice.web.pages.common import db, page

router = APIRouter()
PUBLIC = [Depends(require(Access.PUBLIC))]


def _check(request: Request, mark: str, classes: list[str]) -> dict[str, object]:
    """Run the pre-filing check; a bad input becomes a message next to the form, never a 500."""
    hits: list[object] = []
    error = None
    try:
        wanted = check_classes(classes)
        hits = list(prefiling_check(request.app.state.marks, mark, wanted))
    except UserError as err:
        error = err.message(request.state.lang)
    return {"hits": hits, "mark": mark, "error": error}


def similar_fragment(request: Request, mark: str, classes: list[str]) -> HTMLResponse:
    """The htmx fragment of the filing form's check."""
    return page(request, "_similar.html", _check(request, mark, classes))


@router.get("/check", response_class=HTMLResponse, dependencies=PUBLIC)
def check_page(
    request: Request,
    mark_text: str = "",
    nice_class: str = "",
    nice_class_2: str = "",
    nice_class_3: str = "",
) -> HTMLResponse:
    """The public pre-filing check: live earlier marks likely to conflict with a mark, with the reasons."""
    form = {
        "mark_text": mark_text,
        "nice_class": nice_class,
        "nice_class_2": nice_class_2,
        "nice_class_3": nice_class_3,
    }
    searched = "mark_text" in request.query_params
    ctx: dict[str, object] = {"form": form, "searched": searched, "hits": [], "mark": "", "error": None}
    if searched:
        ctx.update(_check(request, mark_text, [nice_class, nice_class_2, nice_class_3]))
        ctx["mark"] = mark_text or " "  # an empty submission still shows its message
    return page(request, "check.html", ctx)


@router.post("/files/{number}/assist/tm-search", response_class=HTMLResponse)
def conflict_search(
    request: Request, number: str, who: Annotated[Principal, Depends(require(Access.EXAMINER))]
) -> Response:
    """The workbench's conflict search for this file, recorded on its AI trail (query, versions, results)."""
    found = workbench_search(request.app.state.marks, number, who.actor)
    return RedirectResponse(f"/files/{found.number}?assist={found.use_id}#conflict-panel", status_code=303)


@router.post("/files/{number}/assist/prior-art", response_class=HTMLResponse)
def prior_art_search(
    request: Request, number: str, who: Annotated[Principal, Depends(require(Access.EXAMINER))]
) -> Response:
    """The workbench's prior-art search for this patent file, recorded on its AI trail."""
    from ipoffice.web.prior_art import workbench_prior_art

    found = workbench_prior_art(request.app.state.prior_art, number, who.actor)
    return RedirectResponse(f"/files/{found.number}?pa={found.use_id}#prior-art-panel", status_code=303)


@router.post("/files/{number}/assist/ipc", response_class=HTMLResponse)
def ipc_suggestion(
    request: Request, number: str, who: Annotated[Principal, Depends(require(Access.EXAMINER))]
) -> Response:
    """The workbench's IPC suggestions for this patent file, recorded on its AI trail."""
    from ipoffice.web.prior_art import workbench_ipc

    found = workbench_ipc(request.app.state.prior_art, number, who.actor)
    return RedirectResponse(f"/files/{found.number}?ipc={found.use_id}#ipc-panel", status_code=303)


PANEL_OF = {"tm_search": "conflict-panel", "prior_art": "prior-art-panel", "ipc_suggest": "ipc-panel"}


@router.post("/files/{number}/assist/{use_id}/decisions", response_class=HTMLResponse)
async def conflict_decision(
    request: Request, number: str, use_id: int, who: Annotated[Principal, Depends(require(Access.EXAMINER))]
) -> Response:
    """The examiner's decision on one result of a recorded use (a conflict search hit, a prior-art document, an
    IPC suggestion): a trail action (the file itself unchanged)."""
    from ipoffice.assist.trail import TrailRow
    from ipoffice.web import prior_art

    form = await request.form()
    item = str(form.get("item", "")).strip()
    if not item:
        raise UserError("web.assist.no_item", field="item")
    with transaction(request.app.state.engine, actor=who.actor) as s:
        use = s.get(TrailRow, use_id)
        assistant = use.assistant if use is not None else "tm_search"
        args = (s, number, use_id, item, str(form.get("decision", "")), str(form.get("note", "")), who.actor)
        if assistant in prior_art.DECISIONS:
            entry = prior_art.record_decision(*args, assistant=assistant)
        else:
            entry = record_decision(*args)
        n = entry.file_number
    anchor = PANEL_OF.get(assistant, "conflict-panel")
    return RedirectResponse(f"/files/{n}?decided={use_id}#{anchor}", status_code=303)


def may_see_trail(who: Principal, details: dict[str, object] | None) -> bool:
    """The AI trail is the office's and the applicant's: examiners (and up) and the filer of record."""
    return who.may(Access.EXAMINER) or (
        who.signed_in and (details or {}).get("submitted_by_user") == who.user_id
    )


@router.get("/files/{number}/history", response_class=HTMLResponse)
def history_page(
    request: Request,
    number: str,
    who: Annotated[Principal, Depends(require(Access.SIGNED_IN))],
    s: Annotated[Session, Depends(db)],
) -> HTMLResponse:
    """The file's procedural events and AI trail (each search and each decision) in time order."""
    from ipoffice.assist import trail

    f = get_file(s, number)
    if not may_see_trail(who, f.details):
        raise Forbidden(
            "web.auth.not_yours", field="number", rule="filer of record or office", role=str(who.role)
        )
    lines = trail.file_history(s, f.application_number, request.state.lang)
    entries = {e.id: e for e in trail.trail_for(s, f.application_number)}
    intact, bad = trail.verify(s, f.application_number)
    return page(
        request,
        "history.html",
        {"number": f.application_number, "lines": lines, "entries": entries, "intact": intact, "bad": bad},
    )
