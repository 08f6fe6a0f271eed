"""HTML pages (Jinja2 + htmx)."""

from fastapi import APIRouter

from ipoffice.web.pages import account, assist, filing, letters, market, public, reference, requests

router = APIRouter(include_in_schema=False)
router.include_router(public.router)
router.include_router(account.router)
router.include_router(filing.router)
router.include_router(letters.router)
router.include_router(reference.router)
router.include_router(requests.router)
router.include_router(market.router)
router.include_router(assist.router)
