"""The Madrid route: designations of Viet Nam from the International Bureau, and the office's answers.

In: a ``MadridIBToOfficeTransaction`` (ST.96 V6_0) whose ``MadridDesignation`` entries name VN in their
``DesignatedCountryBag`` become files on the Madrid route (``WO/<international registration number>``), with the
provisional-refusal deadline from the law module (step ``madrid_refusal``: 12 months from the IB's notification,
Madrid Protocol Art. 5(2)(a); Viet Nam made no Art. 5(2)(b)/(c) declaration [verify]).

Out: a ``MadridOfficeToIBTransaction`` with a statement of grant of protection (``MadridGrantProtection``, Common
Regulations Rule 18ter(1)) or a provisional refusal (``MadridProvisionalRefusal``, Rule 17), validated against
the official schema; a provisional refusal after the deadline is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from lxml import etree
from sqlalchemy.orm import Session

from ipoffice.core import i18n
from ipoffice.core.errors import UserError
from ipoffice.core.rights import RightKind
from ipoffice.exchange import schemas
from ipoffice.exchange.classes import check_class
from ipoffice.exchange.readers import _parties, _st96_check
from ipoffice.exchange.records import ClassRecord, Record
from ipoffice.exchange.st96_writer import COM, TMK, VERSION, _el
from ipoffice.exchange.xmlutil import Element, findall, parse_day, required, required_day, text, text_at

OFFICE = "VN"
IB = "WO"  # ST.3 code of the International Bureau of WIPO

i18n.register(
    {
        "exchange.madrid.no_vn": {
            "vi": "Giao dịch Madrid không chỉ định Việt Nam (đăng ký quốc tế {number})",
            "en": "The Madrid transaction does not designate Viet Nam (international registration {number})",
        },
        "exchange.madrid.refusal_late": {
            "vi": "Đã quá thời hạn từ chối tạm thời ({due}) đối với đăng ký quốc tế {number}",
            "en": "The provisional-refusal period ended on {due} for international registration {number}",
        },
        "exchange.madrid.not_madrid": {
            "vi": "Hồ sơ {number} không nộp theo Thỏa ước/Nghị định thư Madrid",
            "en": "File {number} did not come through the Madrid system",
        },
    }
)


@dataclass(frozen=True)
class MadridDesignation:
    """One designation of VN as the IB notified it."""

    record: Record
    notification_date: date


def read_ib_transaction(root: Element) -> list[MadridDesignation]:
    """The designations of VN in an IB-to-office transaction (other transaction kinds are not read here)."""
    _st96_check(root)
    out: list[MadridDesignation] = []
    for d in findall(root, "MadridIBToOfficeBag/MadridDesignation"):
        irn = required(text_at(d, "InternationalRegistrationNumber"), "InternationalRegistrationNumber")
        designated = tuple(
            t
            for t in (
                text(e) for e in findall(d, "DesignatedCountryBag/DesignatedCountry/DesignatedCountryCode")
            )
            if t
        )
        if OFFICE not in designated:
            continue
        classes: list[ClassRecord] = []
        for gs in findall(d, "GoodsServicesBag/GoodsServices"):
            for cd in findall(gs, ".//ClassDescription"):
                n = text_at(cd, "ClassNumber")
                if n:
                    c = check_class("nice", n, "ClassNumber")
                    terms = tuple(
                        t for t in (text(x) for x in findall(cd, "GoodsServicesDescriptionText")) if t
                    )
                    classes.append(ClassRecord("nice", c.symbol, terms))
        effective = required_day(text_at(d, "RecordEffectiveDate"), "RecordEffectiveDate")
        notified = required_day(text_at(d, "RecordNotificationDate"), "RecordNotificationDate")
        assert effective is not None and notified is not None
        rec = Record(
            source_format="st96-madrid-ib",
            office=IB,
            right=RightKind.TRADEMARK,
            application_number=irn,
            filing_date=effective,
            mark_text=text_at(d, "MarkVerbalElementText"),
            mark_kind="ordinary",
            route="madrid",
            international_number=irn,
            international_date=parse_day(
                text_at(d, "InternationalRegistrationDate"), "InternationalRegistrationDate"
            ),
            expiry_date=parse_day(text_at(d, "ExpiryDate"), "ExpiryDate"),
            status="filed",
            classes=classes,
            designated=designated,
            parties=_parties(findall(d, "HolderBag/Holder"), "applicant"),
        )
        rec.extra["notification_date"] = notified.isoformat()
        out.append(MadridDesignation(rec, notified))
    return out


def refusal_deadline(notification_date: date, filing_date: date) -> tuple[date, str, bool]:
    """The last day for a provisional refusal, its legal basis and whether it is marked verify (law module)."""
    import ipoffice.law as law
    from ipoffice.law.model import FileFacts, Route

    schedule = law.deadlines(
        FileFacts(
            right=RightKind.TRADEMARK,
            filing_date=filing_date,
            route=Route.MADRID,
            international_notification_date=notification_date,
        )
    )
    d = schedule.first("madrid_refusal")
    return d.due, d.basis, d.verify


def import_designations(
    session: Session, root: Element, *, actor: str, today: date | None = None
) -> list[str]:
    """Register every designation of VN in an IB transaction (caller's transaction); the register numbers."""
    from ipoffice.exchange.to_register import find_file, import_record

    designations = read_ib_transaction(root)
    if not designations:
        irn = text_at(root, ".//InternationalRegistrationNumber") or "-"
        raise UserError(
            "exchange.madrid.no_vn",
            field="DesignatedCountryBag",
            rule="Madrid Protocol Art. 3bis",
            number=irn,
        )
    numbers = []
    for d in designations:
        outcome, number = import_record(session, d.record, actor=actor, source="madrid-ib", today=today)
        numbers.append(number)
        if outcome == "unchanged":
            continue  # the same notification again: nothing to write
        file = find_file(session, number)
        assert file is not None
        due, basis, verify = refusal_deadline(d.notification_date, d.record.filing_date)
        file.details = {
            **file.details,
            "madrid": {
                "notification_date": d.notification_date.isoformat(),
                "refusal_deadline": due.isoformat(),
                "basis": basis,
                "verify": verify,
                "designated": list(d.record.designated),
            },
        }
    session.flush()
    return numbers


# --- office -> IB -----------------------------------------------------------------------------------------


def _transaction(on: date) -> tuple[etree._Element, etree._Element]:
    root = etree.Element(f"{{{TMK}}}MadridOfficeToIBTransaction", nsmap={"tmk": TMK, "com": COM})
    root.set(f"{{{COM}}}st96Version", VERSION)
    header = _el(root, TMK, "MadridOfficeTransactionHeader")
    _el(header, COM, "IPOfficeCode", OFFICE)
    _el(header, COM, "RequestDate", on.isoformat())
    _el(header, COM, "TransactionTotalQuantity", "1")
    bag = _el(root, TMK, "MadridOfficeToIBBag")
    return root, bag


def _holders(parent: etree._Element, rec: Record) -> None:
    hb = _el(parent, TMK, "HolderBag")
    for p in rec.parties_in("owner") or rec.parties_in("applicant"):
        h = _el(hb, TMK, "Holder")
        contact = _el(h, COM, "Contact")
        name = _el(contact, COM, "Name")
        _el(name, COM, "EntityName", p.name)


def _madrid_record(session: Session, number: str) -> tuple[Record, dict[str, str]]:
    from ipoffice.exchange.from_register import record_from_file
    from ipoffice.office.record import get_file

    file = get_file(session, number)
    madrid = file.details.get("madrid") if isinstance(file.details, dict) else None
    if file.filing_route.value != "madrid" or not madrid:
        raise UserError("exchange.madrid.not_madrid", field="number", rule="Madrid Protocol", number=number)
    return record_from_file(file), madrid


def grant_statement(session: Session, number: str, *, on: date) -> bytes:
    """A statement of grant of protection for a Madrid file (Rule 18ter(1)), validated."""
    rec, _ = _madrid_record(session, number)
    root, bag = _transaction(on)
    g = _el(bag, TMK, "MadridGrantProtection")
    _el(g, COM, "NotificationLanguage", "en")
    _el(g, COM, "InternationalRegistrationNumber", rec.international_number or rec.application_number)
    _holders(g, rec)
    schemas.validate(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def provisional_refusal(session: Session, number: str, *, on: date, grounds: str) -> bytes:
    """A total provisional refusal (Rule 17), only within the refusal period; validated."""
    rec, madrid = _madrid_record(session, number)
    due = date.fromisoformat(madrid["refusal_deadline"])
    if on > due:
        raise UserError(
            "exchange.madrid.refusal_late",
            field="on",
            rule=str(madrid.get("basis", "Madrid Protocol Art. 5(2)")),
            due=due.isoformat(),
            number=rec.international_number,
        )
    root, bag = _transaction(on)
    r = _el(bag, TMK, "MadridProvisionalRefusal")
    _el(r, COM, "NotificationLanguage", "en")
    _el(r, COM, "InternationalRegistrationNumber", rec.international_number or rec.application_number)
    _el(r, TMK, "RefusalPronouncedDate", on.isoformat())
    _holders(r, rec)
    _el(r, TMK, "AllGoodsServicesIndicator", "true")
    _el(r, TMK, "FactDecisionText", grounds)
    schemas.validate(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# --- a generated IB notification (tests and benchmarks; not real data) ------------------------------------


def generated_designation(
    irn: str,
    *,
    holder: str,
    holder_country: str,
    mark: str,
    classes: dict[int, list[str]],
    designated: tuple[str, ...] = ("VN",),
    registration_date: date,
    notification_date: date,
) -> bytes:
    """A GENERATED ``MadridIBToOfficeTransaction`` with one ``MadridDesignation`` (valid against ST.96 V6_0)."""
    root = etree.Element(f"{{{TMK}}}MadridIBToOfficeTransaction", nsmap={"tmk": TMK, "com": COM})
    root.set(f"{{{COM}}}st96Version", VERSION)
    h = _el(root, TMK, "MadridIBTransactionHeader")
    _el(h, COM, "ReceivingOfficeCode", OFFICE)
    _el(h, COM, "WeekNumber", "01")
    _el(h, COM, "PublicationDate", notification_date.isoformat())
    _el(h, COM, "RecordNotificationDate", notification_date.isoformat())
    _el(h, COM, "NotificationLanguage", "en")
    _el(h, COM, "TransactionTotalQuantity", "1")
    cb = _el(h, TMK, "MadridIBTransactionCountBag")
    c = _el(cb, TMK, "MadridIBTransactionCount")
    _el(c, TMK, "MadridIBTransactionCategory", "Designation")
    _el(c, COM, "TransactionTotalQuantity", "1")
    bag = _el(root, TMK, "MadridIBToOfficeBag")
    d = _el(bag, TMK, "MadridDesignation")
    _el(d, COM, "NotificationLanguage", "en")
    _el(d, COM, "RecordIdentifier", f"GEN-{irn}")
    _el(d, TMK, "OfficeOriginCode", holder_country)
    for tag in ("RecordEffectiveDate", "RecordFilingDate"):
        _el(d, COM, tag, registration_date.isoformat())
    _el(d, TMK, "MadridSystemCategory", "Protocol")
    _el(d, COM, "InternationalRegistrationDate", registration_date.isoformat())
    _el(d, COM, "FeeCalculationDate", registration_date.isoformat())
    _el(d, TMK, "ActiveClassTotalQuantity", str(len(classes)))
    _el(d, COM, "ExpiryDate", registration_date.replace(year=registration_date.year + 10).isoformat())
    _el(d, COM, "RecordNotificationDate", notification_date.isoformat())
    _el(d, TMK, "MadridDesignationCategory", "Subsequent designation")
    _el(d, COM, "InternationalRegistrationNumber", irn)
    hb = _el(d, TMK, "HolderBag")
    holder_el = _el(hb, TMK, "Holder")
    contact = _el(holder_el, COM, "Contact")
    _el(_el(contact, COM, "Name"), COM, "EntityName", holder)
    image = _el(d, TMK, "MarkImage")
    _el(image, COM, "FileName", f"{irn}.jpg")
    _el(d, TMK, "MarkVerbalElementText", mark)
    gsb = _el(d, TMK, "GoodsServicesBag")
    for n, terms in sorted(classes.items()):
        gs = _el(gsb, TMK, "GoodsServices")
        gcb = _el(gs, TMK, "GoodsServicesClassificationBag")
        gc = _el(gcb, TMK, "GoodsServicesClassification")
        _el(gc, TMK, "ClassificationKindCode", "Nice")
        _el(gc, TMK, "ClassNumber", f"{n:02d}")
        cdb = _el(gs, TMK, "ClassDescriptionBag")
        cd = _el(cdb, TMK, "ClassDescription")
        _el(cd, TMK, "ClassNumber", f"{n:02d}")
        for t in terms:
            _el(cd, TMK, "GoodsServicesDescriptionText", t)
    dcb = _el(d, TMK, "DesignatedCountryBag")
    for code in designated:
        dc = _el(dcb, TMK, "DesignatedCountry")
        _el(dc, COM, "DesignatedCountryCode", code)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def outgoing_application(
    session: Session,
    number: str,
    *,
    designated: tuple[str, ...],
    on: date,
    fee_chf: Decimal,
    language: str = "en",
) -> bytes:
    """An international application based on a VN application or registration, presented through this office
    (Madrid Protocol Art. 3(1)), as a validated ``MadridOfficeToIBTransaction`` / ``MadridApplication``.
    ``fee_chf`` is the total of WIPO's fees for this application (WIPO's fee calculator: basic fee plus
    complementary/individual fees); the office does not compute Swiss-franc fees."""
    from ipoffice.exchange.from_register import record_from_file
    from ipoffice.office.record import get_file

    rec = record_from_file(get_file(session, number))
    if rec.right is not RightKind.TRADEMARK:
        raise UserError(
            "exchange.madrid.not_madrid", field="number", rule="Madrid Protocol Art. 2", number=number
        )
    root, bag = _transaction(on)
    a = _el(bag, TMK, "MadridApplication")
    _el(a, COM, "ApplicationLanguageCode", language)
    ab = _el(a, TMK, "ApplicantBag")
    for i, p in enumerate(rec.parties_in("owner") or rec.parties_in("applicant"), 1):
        ap = _el(ab, TMK, "Applicant", sequenceNumber=str(i))
        contact = _el(ap, COM, "Contact")
        _el(_el(contact, COM, "Name"), COM, "EntityName", p.name)
    basis = _el(_el(a, TMK, "BasicRegistrationApplicationBag"), TMK, "BasicRegistrationApplication")
    _el(basis, COM, "RegistrationOfficeCode", OFFICE)
    if rec.registration_number and rec.registration_date:
        reg = _el(_el(basis, TMK, "BasicRegistrationBag"), TMK, "BasicRegistration")
        _el(reg, TMK, "BasicRegistrationNumber", rec.registration_number)
        _el(reg, TMK, "BasicRegistrationDate", rec.registration_date.isoformat())
    else:
        app = _el(_el(basis, TMK, "BasicApplicationBag"), TMK, "BasicApplication")
        num = _el(app, TMK, "BasicApplicationNumber")
        _el(num, COM, "ApplicationNumberText", rec.application_number)
        _el(app, TMK, "BasicApplicationDate", rec.filing_date.isoformat())
    gsb = _el(a, TMK, "GoodsServicesBag")
    for c in rec.classes:
        if c.scheme != "nice":
            continue
        gs = _el(gsb, TMK, "GoodsServices")
        gc = _el(_el(gs, TMK, "GoodsServicesClassificationBag"), TMK, "GoodsServicesClassification")
        _el(gc, TMK, "ClassificationKindCode", "Nice")
        _el(gc, TMK, "ClassNumber", f"{int(c.symbol):02d}")
        if c.terms:
            cd = _el(_el(gs, TMK, "ClassDescriptionBag"), TMK, "ClassDescription")
            _el(cd, TMK, "ClassNumber", f"{int(c.symbol):02d}")
            for t in c.terms:
                _el(cd, TMK, "GoodsServicesDescriptionText", t)
    dcb = _el(a, TMK, "DesignatedCountryBag")
    for code in designated:
        _el(_el(dcb, TMK, "DesignatedCountry"), COM, "DesignatedCountryCode", code)
    _el(a, COM, "ReceivingOfficeDate", on.isoformat())
    payment = _el(_el(a, COM, "PaymentBag"), COM, "Payment")
    amount = _el(payment, COM, "FeePayableTotalAmount", f"{fee_chf:.2f}")
    amount.set(f"{{{COM}}}currencyCode", "CHF")
    schemas.validate(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
