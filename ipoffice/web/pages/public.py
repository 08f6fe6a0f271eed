"""Public pages, no login: home and search, a page per file, fee and deadline calculators, statistics, guides."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from ipoffice.core import classification
from ipoffice.core.errors import UserError
from ipoffice.core.rights import RightKind
from ipoffice.law import FilingRequest as FeeRequest
from ipoffice.law import fee_quote
from ipoffice.office import lawlink
from ipoffice.office.clock import backlog
from ipoffice.office.record import get_file
from ipoffice.office.workflow import Status
from ipoffice.web.auth import Access, require
from ipoffice.web.charts import backlog_chart
from ipoffice.web.pages.common import db, page, today
from ipoffice.web.register_index import SearchQuery
from ipoffice.web.services import allowed_actions, allowed_requests, file_detail

router = APIRouter()
PUBLIC = [Depends(require(Access.PUBLIC))]


def _int_or_none(value: str | None, field: str, lo: int, hi: int) -> int | None:
    if value in (None, ""):
        return None
    if not str(value).strip().isdigit() or not lo <= int(value) <= hi:
        raise UserError("web.error.range", field=field, rule=f"{lo}-{hi}", value=value, lo=lo, hi=hi)
    return int(value)


@router.get("/", response_class=HTMLResponse, dependencies=PUBLIC)
def home(
    request: Request,
    s: Annotated[Session, Depends(db)],
    q: str = "",
    right: str = "",
    status: str = "",
    nice_class: str = "",
    page_no: Annotated[int, Query(alias="page", ge=1, le=10_000)] = 1,
) -> HTMLResponse:
    query = SearchQuery(
        q=q.strip()[:200],
        right=right or None,
        status=status or None,
        nice_class=_int_or_none(nice_class, "nice_class", 1, 45),
        page=page_no,
    )
    searched = bool(query.q or query.right or query.status or query.nice_class)
    result = request.app.state.index.search(s, query) if searched else None
    ctx = {"query": query, "result": result, "searched": searched, "statuses": list(Status)}
    if request.headers.get("hx-request") == "true":
        return page(request, "_results.html", ctx)
    return page(request, "home.html", ctx)


@router.get("/files/{number}", response_class=HTMLResponse, dependencies=PUBLIC)
def file_page(request: Request, number: str, s: Annotated[Session, Depends(db)]) -> HTMLResponse:
    return render_file_page(request, number, s)


def render_file_page(
    request: Request, number: str, s: Session, extra: dict[str, object] | None = None, status: int = 200
) -> HTMLResponse:
    """The file page; ``extra`` carries a refused form back (its input and the message next to the field)."""
    from ipoffice.web.auth import principal

    who = principal(request)
    view = file_detail(s, number, today(request), request.state.lang)
    actions: list[str] = []
    conflict: dict[str, object] | None = None
    patent_panels: dict[str, object] | None = None
    if who.may(Access.EXAMINER):
        f = get_file(s, number)
        actions = allowed_actions(f)
        if view["right"] == "trademark" and (f.mark_text or "").strip():
            from ipoffice.web.marks import DECISIONS, latest_panel

            conflict = {"panel": latest_panel(s, number), "decisions": DECISIONS}
        if view["right"] in ("invention", "utility_solution"):
            from ipoffice.web import prior_art

            patent_panels = {
                "prior_art": prior_art.latest_panel(s, number, "prior_art"),
                "ipc": prior_art.latest_panel(s, number, "ipc_suggest"),
            }
    from ipoffice.web.pages.letters import LETTER_EVENTS, may_read_letters

    readable = who.signed_in and may_read_letters(who, get_file(s, number).details)
    own = (
        who.may(Access.FILER) and (get_file(s, number).details or {}).get("submitted_by_user") == who.user_id
    )
    can_reply = own and view["status"] in ("formality_deficient", "office_action", "intended_refusal")
    requests = allowed_requests(get_file(s, number)) if own else []
    from ipoffice.web.pages.requests import holder_context

    holder = holder_context(s, get_file(s, number), who, today(request))
    return page(
        request,
        "file.html",
        {
            "f": view,
            "actions": actions,
            "conflict": conflict,
            "patent_panels": patent_panels,
            "can_read_letters": readable,
            "letter_events": LETTER_EVENTS,
            "can_reply": can_reply,
            "requests": requests,
            **holder,
            "form": {},
            "errors": {},
            **(extra or {}),
        },
        status=status,
    )


@router.get("/fees", response_class=HTMLResponse, dependencies=PUBLIC)
def fees_page(
    request: Request,
    right: str = "trademark",
    classes: str = "1",
    items: str = "",
    claims: str = "1",
    pages: str = "0",
    variants: str = "1",
    priorities: str = "0",
    online: str = "",
    on: str = "",
) -> HTMLResponse:
    quote = None
    error = None
    form = {
        "right": right,
        "classes": classes,
        "items": items,
        "claims": claims,
        "pages": pages,
        "variants": variants,
        "priorities": priorities,
        "online": online,
        "on": on,
    }
    if "right" in request.query_params:
        try:
            kind = _right(right)
            n_classes = _int_or_none(classes, "classes", 1, 45) or 1
            per_class = tuple(int(x) for x in items.replace(";", ",").split(",") if x.strip().isdigit())
            req = FeeRequest(
                right=kind,
                classes=n_classes,
                items_per_class=per_class or (),
                independent_claims=_int_or_none(claims, "claims", 1, 999) or 1,
                description_pages=_int_or_none(pages, "pages", 0, 100_000) or 0,
                design_variants=_int_or_none(variants, "variants", 1, 999) or 1,
                priority_claims=_int_or_none(priorities, "priorities", 0, 99) or 0,
                online=bool(online),
            )
            quote = fee_quote(req, on=_date(on, "on") or today(request))
        except UserError as err:
            error = err.as_dict(request.state.lang)
    return page(request, "fees.html", {"form": form, "quote": quote, "error": error})


def _right(value: str) -> RightKind:
    try:
        return RightKind(value)
    except ValueError:
        raise UserError(
            "office.filing.unknown_right", field="right", rule="Luật SHTT Art. 3(2)", value=value
        ) from None


def _date(value: str, field: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(
            "office.filing.invalid_date", field=field, rule="ISO 8601 calendar date", value=value
        ) from None


@router.get("/deadlines", response_class=HTMLResponse, dependencies=PUBLIC)
def deadlines_page(
    request: Request,
    right: str = "trademark",
    filing_date: str = "",
    priority_date: str = "",
    publication_date: str = "",
    grant_date: str = "",
) -> HTMLResponse:
    form = {
        "right": right,
        "filing_date": filing_date,
        "priority_date": priority_date,
        "publication_date": publication_date,
        "grant_date": grant_date,
    }
    schedule = None
    error = None
    if filing_date:
        try:
            d = lawlink.FileDates(
                right=_right(right),
                filing_date=_date(filing_date, "filing_date") or today(request),
                priority_date=_date(priority_date, "priority_date"),
                publication_date=_date(publication_date, "publication_date"),
                grant_date=_date(grant_date, "grant_date"),
            )
            schedule = lawlink.schedule_for(d)
        except UserError as err:
            error = err.as_dict(request.state.lang)
    return page(
        request,
        "deadlines.html",
        {"form": form, "schedule": schedule, "error": error, "today": today(request)},
    )


@router.get("/statistics", response_class=HTMLResponse, dependencies=PUBLIC)
def statistics_page(request: Request, s: Annotated[Session, Depends(db)]) -> HTMLResponse:
    b = backlog(s, today(request))
    svg = backlog_chart(b, request.state.lang)
    return page(request, "statistics.html", {"b": b, "chart": svg})


@router.get("/gazette", response_class=HTMLResponse, dependencies=PUBLIC)
def gazette_page(request: Request, s: Annotated[Session, Depends(db)], month: str = "") -> HTMLResponse:
    """Applications published in the Official Gazette, by month of publication (Law on IP Art. 110)."""
    from sqlalchemy import select

    from ipoffice.store.models import IPFile

    months = [
        str(m)[:7]
        for (m,) in s.execute(
            select(IPFile.publication_date).where(IPFile.publication_date.is_not(None)).distinct()
        )
    ]
    issues = sorted(set(months), reverse=True)
    chosen = month if month in issues else (issues[0] if issues else "")
    files = []
    if chosen:
        y, m = int(chosen[:4]), int(chosen[5:7])
        start = date(y, m, 1)
        end = date(y + (m == 12), m % 12 + 1, 1)
        files = list(
            s.scalars(
                select(IPFile)
                .where(IPFile.publication_date >= start, IPFile.publication_date < end)
                .order_by(IPFile.right_kind, IPFile.application_number)
            )
        )
    return page(request, "gazette.html", {"issues": issues, "chosen": chosen, "files": files})


GUIDES = ("trademark", "invention", "design", "costs")


@router.get("/guides", response_class=HTMLResponse, dependencies=PUBLIC)
def guides_page(request: Request) -> HTMLResponse:
    return page(request, "guides.html", {"guides": GUIDES})


@router.get("/nice", response_class=HTMLResponse, dependencies=PUBLIC)
def nice_picker(request: Request, term: str = "", nice_class: str = "") -> HTMLResponse:
    """The Nice goods/services picker (an htmx fragment under the filing form, or a page)."""
    n = _int_or_none(nice_class, "nice_class", 1, 45)
    terms = (
        classification.find_nice_terms(term, n, limit=30)
        if term.strip()
        else (list(classification.nice_terms(n))[:30] if n else [])
    )
    ctx = {"terms": terms, "term": term, "nice_class": n, "classes": classification.nice_classes()}
    if request.headers.get("hx-request") == "true":
        return page(request, "_nice_terms.html", ctx)
    return page(request, "nice.html", ctx)
