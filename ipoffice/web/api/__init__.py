"""The REST API under ``/api/v1`` (OpenAPI at ``/api/v1/openapi.json``, docs at ``/api/v1/docs``).

Resource names follow WIPO ST.90 style (plural nouns, lower case: ``files``, ``filings``, ``events``,
``documents``); JSON field names follow ST.96 / ST.97 (``ApplicationNumberText``, ``MarkVerbalElementText`` ...)
where the standard has one. Lists are paginated (``page``, ``perPage``, with ``total`` in the body and a
``Link`` header). ``GET /files/{number}`` returns an ``ETag``; ``POST /files/{number}/events`` needs
``If-Match`` (412 when stale, 428 when missing). ``POST /filings`` honours ``Idempotency-Key``.
"""

from fastapi import APIRouter

from ipoffice.web.api import v1

router = APIRouter()
router.include_router(v1.router)
