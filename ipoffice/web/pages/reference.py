"""Reference tables for registrars and admins (read-only views of the law module's data): fee tariffs and the
working calendar (holidays, days off, make-up working days). Changing them is a new law regime or a new data
row in the repository, reviewed like code — never an edit through the web."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from ipoffice.core.calendar_vn import calendar_days
from ipoffice.law import tariffs
from ipoffice.web.auth import Access, require
from ipoffice.web.pages.common import page, today

router = APIRouter()


@router.get("/admin/tariffs", response_class=HTMLResponse, dependencies=[Depends(require(Access.REGISTRAR))])
def tariffs_page(request: Request) -> HTMLResponse:
    return page(request, "tariffs.html", {"tariffs": list(reversed(tariffs()))})


@router.get("/admin/holidays", response_class=HTMLResponse, dependencies=[Depends(require(Access.REGISTRAR))])
def holidays_page(request: Request, year: int = 0) -> HTMLResponse:
    rows = calendar_days()
    years = sorted({r.day.year for r in rows})
    chosen = year if year in years else (today(request).year if today(request).year in years else years[-1])
    return page(
        request,
        "holidays.html",
        {
            "rows": [r for r in rows if r.day.year == chosen],
            "years": years,
            "year": chosen,
        },
    )
