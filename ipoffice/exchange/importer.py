"""Import documents into the register: parse safely, read, write; one transaction per document.

:func:`import_documents` never stops at a bad document: each one is imported, found unchanged, or rejected with
its reason (the user's language), and a rejected document leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from lxml import etree
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from ipoffice.core import i18n
from ipoffice.core.errors import UserError
from ipoffice.exchange import schemas
from ipoffice.exchange.readers import ST96_NS, read_record
from ipoffice.exchange.records import Record
from ipoffice.exchange.safe_xml import DEFAULT_LIMITS, XmlLimits, parse_xml
from ipoffice.exchange.to_register import import_record
from ipoffice.exchange.xmlutil import local
from ipoffice.store.db import transaction

i18n.register(
    {
        "exchange.import.integrity": {
            "vi": "Tài liệu mâu thuẫn với sổ đăng ký ({detail}); không có gì được ghi",
            "en": "The document conflicts with the register ({detail}); nothing was written",
        },
        "exchange.import.unreadable": {
            "vi": "Không đọc được nội dung tài liệu ({detail}); không có gì được ghi",
            "en": "The document's content could not be read ({detail}); nothing was written",
        },
    }
)


@dataclass(frozen=True)
class Outcome:
    source: str
    outcome: str  # imported / unchanged / rejected
    number: str | None = None
    code: str | None = None
    reason: str | None = None


@dataclass
class ImportReport:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for o in self.outcomes if o.outcome == outcome)

    @property
    def imported(self) -> int:
        return self.count("imported")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")

    @property
    def rejected(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.outcome == "rejected"]


def _madrid(session, root, *, actor, today):
    from ipoffice.exchange import madrid

    return madrid.import_designations(session, root, actor=actor, today=today)


def _hague(session, root, *, actor, today):
    from ipoffice.exchange import hague

    return hague.import_designations(session, root, actor=actor, today=today)


# International-route transactions (one document may carry several designations of VN).
ROUTES = {"MadridIBToOfficeTransaction": _madrid, "HagueIBToOfficeTransaction": _hague}


def _route_numbers(session, root, route) -> set[str]:
    """Register numbers of this document's designations already in the register (for the report)."""
    from ipoffice.exchange.to_register import find_file

    irns = {e.text.strip() for e in root.iter("{*}InternationalRegistrationNumber") if e.text}
    return {f"WO/{n}" for n in irns if find_file(session, f"WO/{n}") is not None}


def check_schema(root: etree._Element) -> None:
    """A document declaring ST.96 V6_0 must be valid against the official schema (others: the reader's checks)."""
    version = root.get(f"{{{ST96_NS}Common}}st96Version")
    if version is not None and local(root) in schemas.DOCUMENTS:
        schemas.validate(root)


def read_document(source: str | Path | bytes, limits: XmlLimits = DEFAULT_LIMITS) -> Record:
    """The neutral record of one document (safe parse, schema if declared, reader); :class:`UserError` if refused."""
    root = parse_xml(source, limits)
    check_schema(root)
    return read_record(root)


def import_document(
    engine: Engine,
    source: str | Path | bytes,
    *,
    actor: str,
    name: str | None = None,
    lang: str | None = None,
    today: date | None = None,
    limits: XmlLimits = DEFAULT_LIMITS,
) -> Outcome:
    label = name or (str(source) if not isinstance(source, bytes) else "<bytes>")
    try:
        root = parse_xml(source, limits)
        check_schema(root)
        route = ROUTES.get(local(root))
        if route is not None:
            with transaction(engine, actor=actor) as session:
                before = _route_numbers(session, root, route)
                numbers = route(session, root, actor=actor, today=today)
            outcome = "unchanged" if set(numbers) <= before else "imported"
            return Outcome(label, outcome, ", ".join(numbers))
        rec = read_record(root)
        with transaction(engine, actor=actor) as session:
            outcome, number = import_record(session, rec, actor=actor, source=label, today=today)
        return Outcome(label, outcome, number)
    except UserError as err:
        return Outcome(label, "rejected", code=err.code, reason=err.message(lang))
    except IntegrityError as exc:  # a constraint of the register (the transaction was rolled back)
        problem = UserError(
            "exchange.import.integrity",
            field="document",
            rule="register constraints",
            detail=str(exc.orig)[:200],
        )
        return Outcome(label, "rejected", code=problem.code, reason=problem.message(lang))
    except (ValueError, TypeError, AttributeError, IndexError) as exc:  # well-formed but of unexpected shape
        problem = UserError(
            "exchange.import.unreadable", field="document", rule="document content", detail=type(exc).__name__
        )
        return Outcome(label, "rejected", code=problem.code, reason=problem.message(lang))


def import_documents(
    engine: Engine,
    sources: Iterable[str | Path],
    *,
    actor: str,
    lang: str | None = None,
    today: date | None = None,
    progress: Callable[[Outcome], None] | None = None,
    limits: XmlLimits = DEFAULT_LIMITS,
) -> ImportReport:
    report = ImportReport()
    for src in sources:
        outcome = import_document(
            engine, src, actor=actor, name=Path(src).name, lang=lang, today=today, limits=limits
        )
        report.outcomes.append(outcome)
        if progress is not None:
            progress(outcome)
    return report
