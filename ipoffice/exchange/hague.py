"""The Hague route: international registrations of industrial designs designating Viet Nam.

In: a ``HagueIBToOfficeTransaction`` (ST.96 V6_0) office copy whose ``HagueRegistration`` names VN in its
``DesignatedCountryBag`` becomes a design file on the Hague route (``WO/<international registration number>``).
Its refusal period comes from the law module (step ``hague_refusal``): 6 months from the publication of the
international registration (Hague 1999 Act Art. 12(2), Common Regulations Rule 18(1)(a)); whether Viet Nam
declared 12 months under Rule 18(1)(b) is not confirmed [verify].
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lxml import etree
from sqlalchemy.orm import Session

from ipoffice.core import i18n
from ipoffice.core.errors import UserError
from ipoffice.core.rights import RightKind
from ipoffice.exchange.classes import check_class
from ipoffice.exchange.readers import _parties, _st96_check
from ipoffice.exchange.records import Record
from ipoffice.exchange.st96_writer import COM, DGN, VERSION, _el
from ipoffice.exchange.xmlutil import Element, findall, parse_day, required, required_day, text, text_at

OFFICE = "VN"
IB = "WO"

i18n.register(
    {
        "exchange.hague.no_vn": {
            "vi": "Bản sao đăng ký quốc tế Hague không chỉ định Việt Nam",
            "en": "The Hague office copy contains no international registration designating Viet Nam",
        },
    }
)


@dataclass(frozen=True)
class HagueDesignation:
    record: Record
    publication_date: date


def read_office_copy(root: Element) -> list[HagueDesignation]:
    _st96_check(root)
    notified = parse_day(
        text_at(root, ".//HagueIBTransactionHeader/RecordNotificationDate"), "RecordNotificationDate"
    )
    out = []
    for reg in findall(root, ".//HagueOfficeCopyBag/HagueRegistrationBag/HagueRegistration"):
        designated = tuple(
            t
            for t in (
                text(e) for e in findall(reg, "DesignatedCountryBag/DesignatedCountry/DesignatedCountryCode")
            )
            if t
        )
        if OFFICE not in designated:
            continue
        irn = required(text_at(reg, "InternationalRegistrationNumber"), "InternationalRegistrationNumber")
        reg_date = required_day(
            text_at(reg, "InternationalRegistrationDate"), "InternationalRegistrationDate"
        )
        assert reg_date is not None
        designs = findall(reg, "HagueDesignBag/HagueDesign")
        title = text_at(designs[0], ".//ProductDescriptionText") if designs else None
        classes = []
        for d in designs:
            for loc in findall(d, ".//LocarnoClassificationText"):
                c = check_class("locarno", text(loc) or "", "LocarnoClassificationText")
                if c not in classes:
                    classes.append(c)
        publication = parse_day(text_at(reg, ".//PublicationDate"), "PublicationDate") or notified or reg_date
        rec = Record(
            source_format="st96-hague-ib",
            office=IB,
            right=RightKind.DESIGN,
            application_number=irn,
            filing_date=parse_day(text_at(reg, "InternationalFilingDate"), "InternationalFilingDate")
            or reg_date,
            title=title,
            route="hague",
            international_number=irn,
            international_date=reg_date,
            expiry_date=parse_day(text_at(reg, "ExpiryDate"), "ExpiryDate"),
            status="filed",
            classes=classes,
            designated=designated,
            parties=_parties(findall(reg, "HolderBag/Holder"), "applicant")
            + _parties(findall(reg, ".//DesignerBag/Designer"), "author"),
        )
        out.append(HagueDesignation(rec, publication))
    return out


def refusal_deadline(publication_date: date, filing_date: date) -> tuple[date, str, bool]:
    import ipoffice.law as law
    from ipoffice.law.model import FileFacts, Route

    d = law.deadlines(
        FileFacts(
            right=RightKind.DESIGN,
            filing_date=filing_date,
            route=Route.HAGUE,
            publication_date=publication_date,
        )
    ).first("hague_refusal")
    return d.due, d.basis, d.verify


def import_designations(
    session: Session, root: Element, *, actor: str, today: date | None = None
) -> list[str]:
    """Register every international registration designating VN (caller's transaction); the register numbers."""
    from ipoffice.exchange.to_register import find_file, import_record

    designations = read_office_copy(root)
    if not designations:
        raise UserError(
            "exchange.hague.no_vn", field="DesignatedCountryBag", rule="Hague Agreement 1999 Act Art. 5(1)(v)"
        )
    numbers = []
    for d in designations:
        outcome, number = import_record(session, d.record, actor=actor, source="hague-ib", today=today)
        numbers.append(number)
        if outcome == "unchanged":
            continue  # the same notification again: nothing to write
        file = find_file(session, number)
        assert file is not None
        due, basis, verify = refusal_deadline(d.publication_date, d.record.filing_date)
        file.details = {
            **file.details,
            "hague": {
                "publication_date": d.publication_date.isoformat(),
                "refusal_deadline": due.isoformat(),
                "basis": basis,
                "verify": verify,
                "designated": list(d.record.designated),
            },
        }
    session.flush()
    return numbers


def generated_office_copy(
    irn: str,
    *,
    holder: str,
    product: str,
    locarno: str,
    designated: tuple[str, ...],
    registration_date: date,
    notification_date: date,
) -> bytes:
    """A GENERATED ``HagueIBToOfficeTransaction`` office copy with one registration (valid against ST.96 V6_0)."""
    root = etree.Element(f"{{{DGN}}}HagueIBToOfficeTransaction", nsmap={"dgn": DGN, "com": COM})
    root.set(f"{{{COM}}}st96Version", VERSION)
    bag = _el(root, DGN, "HagueIBToOfficeBag")
    h = _el(bag, DGN, "HagueIBTransactionHeader")
    _el(h, COM, "ReceivingOfficeCode", OFFICE)
    _el(h, COM, "RecordNotificationDate", notification_date.isoformat())
    _el(h, COM, "TransactionTotalQuantity", "1")
    c = _el(_el(h, DGN, "HagueIBTransactionCountBag"), DGN, "HagueIBTransactionCount")
    _el(c, DGN, "HagueIBTransactionCategory", "Office copy")
    _el(c, COM, "TransactionTotalQuantity", "1")
    reg = _el(_el(_el(bag, DGN, "HagueOfficeCopyBag"), DGN, "HagueRegistrationBag"), DGN, "HagueRegistration")
    _el(reg, COM, "InternationalRegistrationNumber", irn)
    _el(reg, COM, "RecordIdentifier", f"GEN-{irn}")
    for tag in ("InternationalRegistrationDate", "InternationalFilingDate", "FeeCalculationDate"):
        _el(reg, COM, tag, registration_date.isoformat())
    _el(reg, COM, "FilingLanguageCode", "en")
    dcb = _el(reg, DGN, "DesignatedCountryBag")
    for code in designated:
        _el(_el(dcb, DGN, "DesignatedCountry"), COM, "DesignatedCountryCode", code)
    _el(reg, COM, "ExpiryDate", registration_date.replace(year=registration_date.year + 5).isoformat())
    _el(reg, DGN, "DesignTotalQuantity", "1")
    holder_el = _el(_el(reg, DGN, "HolderBag"), DGN, "Holder")
    contact = _el(holder_el, COM, "Contact")
    _el(_el(contact, COM, "Name"), COM, "EntityName", holder)
    d = _el(_el(reg, DGN, "HagueDesignBag"), DGN, "HagueDesign")
    _el(d, DGN, "DesignIdentifier", "1")
    lb = _el(d, COM, "LocarnoClassificationBag")
    _el(lb, COM, "LocarnoClassificationEdition", "15")
    _el(lb, COM, "LocarnoClassificationText", locarno)
    _el(_el(d, COM, "ProductDescriptionTextBag"), COM, "ProductDescriptionText", product, languageCode="en")
    view = _el(_el(d, DGN, "ViewBag"), DGN, "View")
    _el(view, COM, "FileName", f"{irn}-1.jpg")
    _el(view, DGN, "ViewIdentifier", "1.1")
    _el(view, DGN, "ViewTypeCategory", "Front")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
