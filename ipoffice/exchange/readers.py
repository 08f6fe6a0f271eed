"""Readers: one function per source format, each turning a parsed document into a neutral :class:`Record`.

Formats (all seen in the real samples under ``../shared/data``, never needed at run time):

- ST.96 V6_0 instances: ``PatentPublication``, ``TrademarkApplication``, ``DesignApplication``, ``GIApplication``
  (WIPO Annex VII examples and this office's own exports), and the USPTO TSDR ``TrademarkTransaction`` records;
- ST.66 (``{.../XMLSchema/trademarks}Transaction``, USPTO TSDR);
- ST.36 family: USPTO ``us-patent-grant`` v4.0-v4.5 and ``us-patent-application`` v4.0-v4.4, JPO
  ``jp-official-gazette``, CNIPA ``cn-patent-document`` and the newer CNIPA ``PatentDocumentAndRelated``;
- ST.32 (``PATDOC``, USPTO grants 2001-2004) and the EPO ``ep-patent-document`` (same SDOBI B-tags);
- USPTO pre-grant publications ``patent-application-publication`` (pap v1.5/v1.6).

Every reader reads names without namespace prefixes (``{*}``), refuses a document that lacks an application number
or a filing date, and never guesses a date: an impossible one is a :class:`UserError` naming the element.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ipoffice.core import i18n
from ipoffice.core.errors import UserError
from ipoffice.core.rights import RightKind
from ipoffice.exchange.classes import check_class
from ipoffice.exchange.records import (
    CitationRecord,
    ClassRecord,
    EventRecord,
    PartyRecord,
    PriorityRecord,
    Record,
)
from ipoffice.exchange.xmlutil import (
    Element,
    country,
    find,
    findall,
    first,
    local,
    namespace,
    parse_day,
    required,
    required_day,
    text,
    text_at,
)

ST96_NS = "http://www.wipo.int/standards/XMLSchema/ST96/"
ST66_NS = "http://www.wipo.int/standards/XMLSchema/trademarks"
ST96_VERSIONS = ("V6_0",)  # schema versions this office reads (TSDR records carry no version attribute)
RULE_FORMAT = "supported formats: ST.96 V6_0, ST.66, ST.36 (US/JP/CN), ST.32, USPTO pap"

i18n.register(
    {
        "exchange.import.unsupported": {
            "vi": "Định dạng tài liệu không được hỗ trợ: phần tử gốc «{root}»{ns}",
            "en": "Unsupported document format: root element '{root}'{ns}",
        },
        "exchange.import.st96_version": {
            "vi": "Phiên bản ST.96 «{version}» không được hỗ trợ (hỗ trợ: {supported})",
            "en": "ST.96 version '{version}' is not supported (supported: {supported})",
        },
        "exchange.import.wrong_namespace": {
            "vi": "Không gian tên «{ns}» không phải của WIPO ST.96 cho phần tử {root}",
            "en": "Namespace '{ns}' is not WIPO ST.96's for element {root}",
        },
    }
)


# --- helpers --------------------------------------------------------------------------------------------------


def _person(el: Element | None) -> tuple[str | None, str]:
    """A display name and kind from the many name shapes (ST.96 / ST.36 / ST.66 / ST.32)."""
    if el is None:
        return None, "organisation"
    org = text_at(
        el,
        ".//OrganizationStandardName",
        ".//EntityName",
        ".//orgname",
        ".//organization-name",
        ".//OrganizationName",
        ".//ONM",
    )
    if org:
        return org, "organisation"
    first = text_at(el, ".//FirstName", ".//first-name", ".//given-name", ".//FNM")
    last = text_at(el, ".//LastName", ".//last-name", ".//family-name", ".//SNM")
    if first or last:
        return " ".join(p for p in (first, last) if p), "person"
    full = text_at(el, ".//PersonFullName", ".//FreeFormatNameLine", ".//name", ".//Name", ".//NAM", ".//snm")
    return full, "person" if full and not re.search(
        r"(?i)\b(inc|ltd|llc|corp|co\.|gmbh|kabushiki|株式会社|公司)", full
    ) else "organisation"


def _party(el: Element, role: str) -> PartyRecord | None:
    name, kind = _person(el)
    if not name:
        return None
    ctry = country(
        text_at(
            el,
            ".//address/country",
            ".//residence/country",
            ".//country-code",
            ".//CountryCode",
            ".//IncorporationCountryCode",
            ".//ApplicantIncorporationCountryCode",
            ".//FormattedAddressCountryCode",
            ".//WIPOST3Code",
            ".//CTRY",
            ".//ctry",
            ".//country",
        )
    )
    city = text_at(el, ".//city", ".//CityName", ".//AddressCity", ".//CITY")
    return PartyRecord(role=role, name=name, country=ctry, address=city, kind=kind)


def _parties(els: list[Element], role: str) -> list[PartyRecord]:
    out = []
    for el in els:
        p = _party(el, role)
        if p is not None and p not in out:
            out.append(p)
    return out


def _classes(scheme: str, symbols: list[str], where: str) -> list[ClassRecord]:
    out: list[ClassRecord] = []
    for i, s in enumerate(symbols):
        c = check_class(scheme, s, f"{where}[{i}]")
        if c not in out:
            out.append(c)
    return out


def _ipcr_symbol(el: Element) -> str | None:
    """IPC from ``classification-ipcr`` / ``IPCRClassification`` parts, or its ``text``."""
    sec = text_at(el, "section", "Section", "CPCSection")
    if sec:
        cls = text_at(el, "class", "Class", "MainClass") or ""
        sub = text_at(el, "subclass", "Subclass") or ""
        main = text_at(el, "main-group", "MainGroup") or ""
        grp = text_at(el, "subgroup", "Subgroup") or ""
        return f"{sec}{cls}{sub} {main}/{grp}"
    raw = text_at(el, "text", "Text", "PatentClassificationText")
    return _ipc_from_text(raw) if raw else None


_IPC_IN_TEXT = re.compile(r"([A-H]\d{2}[A-Z])\s*(\d{1,4})\s*/\s*(\d{1,6})")


def _ipc_from_text(raw: str) -> str | None:
    m = _IPC_IN_TEXT.search(raw)
    return f"{m.group(1)} {m.group(2)}/{m.group(3)}" if m else None


def _cited_by(category: str | None) -> str | None:
    c = (category or "").lower()
    if "examiner" in c:
        return "examiner"
    if "applicant" in c:
        return "applicant"
    if "third" in c or "other" in c:
        return "third_party"
    return None


def _docid(el: Element | None) -> tuple[str | None, str | None, str | None, str | None, str | None]:
    return (
        text_at(el, ".//doc-number", ".//DocumentNumber", ".//DocNumber"),
        country(text_at(el, ".//country", ".//IPOfficeCode", ".//WIPOST3Code")),
        text_at(el, ".//kind", ".//PatentDocumentKindCode", ".//Kind"),
        text_at(el, ".//date", ".//PatentDocumentDate", ".//Date"),
        text_at(el, ".//name", ".//EntityName"),
    )


def _status_from_dates(rec: Record) -> None:
    if rec.status is None:
        rec.status = "granted" if rec.registration_date else "published" if rec.publication_date else "filed"


# --- ST.96 ----------------------------------------------------------------------------------------------------


def _st96_check(root: Element) -> None:
    ns = namespace(root) or ""
    if not ns.startswith(ST96_NS):
        raise UserError(
            "exchange.import.wrong_namespace",
            field="namespace",
            rule="WIPO ST.96",
            ns=ns or "-",
            root=local(root),
        )
    version = root.get(f"{{{ST96_NS}Common}}st96Version")
    if version is not None and version not in ST96_VERSIONS:
        raise UserError(
            "exchange.import.st96_version",
            field="st96Version",
            rule="WIPO ST.96",
            version=version,
            supported=", ".join(ST96_VERSIONS),
        )


def read_st96_patent(root: Element) -> Record:
    _st96_check(root)
    bib = find(root, "BibliographicData")
    app = find(bib, "ApplicationIdentification")
    pub = find(bib, "PatentPublicationIdentification")
    office = country(text_at(app, "IPOfficeCode") or text_at(root, "IPOfficeCode")) or "XX"
    kind = text_at(pub, "PatentDocumentKindCode")
    subject = text_at(app, "InventionSubjectMatterCategory")
    if kind is None:
        kind = text_at(bib, "PatentGrantIdentification/PatentDocumentKindCode")
    right = RightKind.DESIGN if subject == "Design" else _patent_right(office, kind)
    rec = Record(
        source_format="st96-patent-publication",
        office=office,
        right=right,
        application_number=required(
            text_at(app, "ApplicationNumber/ApplicationNumberText"), "ApplicationNumberText"
        ),
        filing_date=required_day(text_at(app, "FilingDate"), "FilingDate"),
        title=text_at(bib, "InventionTitleBag/InventionTitle", "InventionTitle"),
        publication_number=text_at(pub, "PublicationNumber"),
        publication_kind=kind,
        publication_date=parse_day(text_at(pub, "PublicationDate"), "PublicationDate"),
        language=(
            title_el.get(f"{{{ST96_NS}Common}}languageCode")
            if (title_el := find(bib, "InventionTitleBag/InventionTitle")) is not None
            else None
        ),
    )
    grant_id = find(bib, "PatentGrantIdentification")
    if grant_id is not None:
        rec.registration_number = text_at(grant_id, "PatentNumber")
        rec.registration_date = parse_day(text_at(grant_id, "GrantDate"), "GrantDate")
        kind = kind or text_at(grant_id, "PatentDocumentKindCode")
    elif kind and kind.upper().startswith(("B", "C", "S", "E", "Y")):
        rec.registration_number = rec.publication_number
        rec.registration_date = rec.publication_date
    for p in findall(bib, "PriorityClaimBag/PriorityClaim"):
        rec.priorities.append(
            PriorityRecord(
                country=country(text_at(p, "IPOfficeCode")) or "XX",
                number=required(
                    text_at(p, "ApplicationNumber/ApplicationNumberText"),
                    "PriorityClaim/ApplicationNumberText",
                ),
                date=required_day(text_at(p, "FilingDate"), "PriorityClaim/FilingDate"),
            )
        )
    ipc = [
        s
        for s in (
            _ipcr_symbol(e)
            for e in findall(bib, "PatentClassificationBag/IPCRClassificationBag/IPCRClassification")
        )
        if s
    ]
    cpc = [
        s
        for s in (
            _ipcr_symbol(e)
            for e in findall(bib, "PatentClassificationBag/CPCClassificationBag/*/CPCClassification")
        )
        if s
    ]
    rec.classes += _classes("ipc", ipc, "IPCRClassification") + _classes("cpc", cpc, "CPCClassification")
    parties = find(bib, "PartyBag")
    rec.parties += _parties(findall(parties, "ApplicantBag/Applicant"), "applicant")
    rec.parties += _parties(findall(parties, "InventorBag/Inventor"), "inventor")
    rec.parties += _parties(findall(parties, "AssigneeBag/Assignee"), "owner")
    rec.parties += _parties(
        findall(parties, "RegisteredPractitionerBag/RegisteredPractitioner"), "representative"
    )
    rec.parties += _parties(findall(parties, "ExaminerBag/*"), "examiner")
    for c in findall(bib, "ReferenceCitationBag/ReferenceCitation"):
        by = _cited_by(_attr(c, "citingPartyCategory"))
        pc = find(c, "PatentCitation/CitedPatentDocumentIdentification")
        if pc is not None:
            num, ctry, k, d, name = _docid(pc)
            rec.citations.append(
                CitationRecord(number=num, country=ctry, kind=k, date=d, name=name, cited_by=by)
            )
        else:
            rec.citations.append(
                CitationRecord(text=text_at(c, "NPLCitation", ".//NPLCitation"), cited_by=by)
            )
    intl = find(bib, "InternationalFilingData/ApplicationIdentification")
    if intl is not None:
        rec.route = "pct"
        rec.international_number = text_at(intl, ".//ApplicationNumberText")
        rec.international_date = parse_day(text_at(intl, "FilingDate"), "InternationalFilingData/FilingDate")
    else:
        pct = first(bib, ".//PCTDocumentParent/ApplicationIdentification", "PCTApplicationIdentification")
        if pct is not None:
            rec.international_number = text_at(pct, ".//ApplicationNumberText")
    for e in findall(root, ".//ProcedureEvent") + findall(bib, "EventBag/Event"):
        rec.events.append(
            EventRecord(
                required_day(text_at(e, ".//EventDate"), "EventDate"),
                text_at(e, ".//EventCode") or "?",
            )
        )
    _status_from_dates(rec)
    return rec


def _attr(el: Element, name: str) -> str | None:
    for k, v in el.attrib.items():
        if k.endswith("}" + name) or k == name:
            return str(v)
    return None


def _patent_right(office: str, kind: str | None) -> RightKind:
    k = (kind or "").upper()
    if office == "VN" and k in ("U", "Y"):
        return RightKind.UTILITY_SOLUTION  # VN kind codes for utility solutions [verify]
    if office == "VN" and k == "L":
        return RightKind.LAYOUT_DESIGN  # this office's kind code for layout designs [verify]
    if office in ("CN", "JP", "DE", "KR") and k in ("U", "Y", "Y1", "U1"):
        return RightKind.UTILITY_SOLUTION
    if k.startswith("S"):
        return RightKind.DESIGN
    return RightKind.INVENTION


def _mark(tm: Element, rec: Record, *, goods_path: str, class_path: str, desc_paths: tuple[str, ...]) -> None:
    classes: dict[int, list[str]] = {}
    for gs in findall(tm, goods_path):
        number = None
        for c in findall(gs, class_path):
            kind = (text_at(c, "ClassificationKindCode") or "Nice").lower()
            value = text_at(c, "ClassNumber")
            if value and kind in ("nice", "primary"):
                number = check_class("nice", value, "ClassNumber").symbol
        for cd in findall(gs, ".//ClassDescription"):
            n = text_at(cd, "ClassNumber")
            if n:
                number = number or n
            for p in desc_paths:
                for d in findall(cd, p):
                    t = text(d)
                    if t and n:
                        classes.setdefault(int(check_class("nice", n, "ClassNumber").symbol), []).append(t)
        if number:
            classes.setdefault(int(check_class("nice", number, "ClassNumber").symbol), [])
    for klass, terms in sorted(classes.items()):
        rec.classes.append(ClassRecord("nice", str(klass), tuple(dict.fromkeys(terms))))


def read_st96_trademark(root: Element) -> Record:
    _st96_check(root)
    tm = find(root, ".//TrademarkBag/Trademark")
    if tm is None:
        raise UserError(
            "exchange.import.missing", field="Trademark", rule="WIPO ST.96", element="TrademarkBag/Trademark"
        )
    office = country(text_at(tm, "RegistrationOfficeCode", "ApplicationNumber/IPOfficeCode")) or "XX"
    rec = Record(
        source_format="st96-trademark" if local(root) == "TrademarkApplication" else "st96-tsdr",
        office=office,
        right=RightKind.TRADEMARK,
        application_number=required(
            text_at(tm, "ApplicationNumber/ApplicationNumberText"), "ApplicationNumberText"
        ),
        filing_date=required_day(text_at(tm, "ApplicationDate"), "ApplicationDate"),
        mark_text=text_at(tm, ".//MarkVerbalElementText"),
        mark_kind=_mark_kind(text_at(tm, "MarkCategory"), text_at(tm, ".//MarkFeatureCategory")),
        registration_number=text_at(tm, "RegistrationNumber"),
        registration_date=parse_day(text_at(tm, "RegistrationDate"), "RegistrationDate"),
        expiry_date=parse_day(text_at(tm, "ExpiryDate"), "ExpiryDate"),
        publication_date=parse_day(
            text_at(tm, "PublicationBag/Publication/PublicationDate"), "PublicationDate"
        ),
        status=_mark_status(text_at(tm, "MarkCurrentStatusCode")),
        status_date=parse_day(text_at(tm, "MarkCurrentStatusDate"), "MarkCurrentStatusDate"),
    )
    _mark(
        tm,
        rec,
        goods_path="GoodsServicesBag/GoodsServices",
        class_path=".//GoodsServicesClassification",
        desc_paths=("GoodsServicesDescriptionText",),
    )
    rec.parties += _parties(findall(tm, "ApplicantBag/Applicant"), "applicant")
    # the attorney of record (ST.66 "Attorney of Record"); else the representatives named
    reps = (
        findall(tm, "RecordAttorney")
        or findall(tm, "RepresentativeBag/Representative")
        or findall(tm, "NationalRepresentative")
    )
    rec.parties += _parties(reps, "representative")
    for p in findall(tm, "PriorityBag/Priority"):
        rec.priorities.append(
            PriorityRecord(
                country=country(text_at(p, "PriorityCountryCode")) or "XX",
                number=required(text_at(p, ".//ApplicationNumberText"), "Priority/ApplicationNumberText"),
                date=required_day(
                    text_at(p, "PriorityApplicationFilingDate"), "PriorityApplicationFilingDate"
                ),
            )
        )
    for v in findall(tm, ".//MarkImageClassification/.//ViennaClassification") + findall(
        tm, ".//ViennaClassificationBag/ViennaClassification"
    ):
        code = text_at(v, "ViennaCategory")
        if code:
            sym = ".".join(x for x in (code, text_at(v, "ViennaDivision"), text_at(v, "ViennaSection")) if x)
            rec.classes.append(check_class("vienna", sym, "ViennaClassification"))
    for e in findall(tm, "MarkEventBag/MarkEvent"):
        rec.events.append(
            EventRecord(
                required_day(text_at(e, "MarkEventDate"), "MarkEventDate"),
                text_at(e, ".//MarkEventCode") or "?",
                text_at(e, ".//MarkEventDescriptionText"),
            )
        )
    rec.international_number = text_at(tm, ".//InternationalRegistrationNumber")
    _status_from_dates(rec)
    return rec


def _mark_kind(category: str | None, feature: str | None) -> str | None:
    """ST.96 MarkCategory / MarkFeatureCategory -> the Law on IP kind of mark (ordinary, collective, ...)."""
    c = (category or "").lower()
    if "collective" in c:
        return "collective"
    if "certification" in c:
        return "certification"
    if (feature or "").lower() == "sound":
        return "sound"
    return "ordinary" if category else None


def _mark_status(code: str | None) -> str | None:
    """TSDR numeric status codes (USPTO status table) or ST.96 category words -> neutral status [verify]."""
    if not code:
        return None
    c = code.strip().upper()
    words = {
        "REGISTERED": "granted",
        "REGISTRATION PUBLISHED": "granted",
        "APPLICATION REFUSED": "refused",
        "APPLICATION PUBLISHED": "published",
        "APPLICATION FILED": "filed",
        "FILING DATE ACCORDED": "filed",
        "APPLICATION ACCEPTED": "filed",
        "OPPOSITION PENDING": "published",
        "EXPIRED": "expired",
        "WITHDRAWN": "withdrawn",
    }
    if c in words:
        return words[c]
    if c.isdigit():
        if c.startswith("6"):
            return "withdrawn"  # abandoned
        if c in ("710", "711", "712", "713", "714"):
            return "lapsed"  # cancelled (Section 8 / 71 not filed)
        if c.startswith(("7", "8")):
            return "granted"
        if c.startswith("9"):
            return "expired"
    return None


def read_st96_design(root: Element) -> Record:
    _st96_check(root)
    dgn = find(root, "DesignBag/Design")
    office = country(text_at(root, "RegistrationOfficeCode", "ApplicationNumber/IPOfficeCode")) or "XX"
    rec = Record(
        source_format="st96-design",
        office=office,
        right=RightKind.DESIGN,
        application_number=required(
            text_at(root, "ApplicationNumber/ApplicationNumberText"), "ApplicationNumberText"
        ),
        filing_date=required_day(text_at(root, "ApplicationDate", ".//ApplicationDate"), "ApplicationDate"),
        title=text_at(dgn, "DesignTitleText", "DesignTitle"),
        registration_number=text_at(dgn, "RegistrationNumber"),
        registration_date=parse_day(text_at(dgn, "RegistrationDate"), "RegistrationDate"),
        expiry_date=parse_day(text_at(dgn, "ExpiryDate"), "ExpiryDate"),
        publication_date=parse_day(
            text_at(dgn, "PublicationBag/Publication/PublicationDate"), "PublicationDate"
        ),
        language=text_at(root, "DesignApplicationLanguageCode"),
    )
    st = (text_at(dgn, "DesignCurrentStatusCategory") or "").lower()
    rec.status_date = parse_day(text_at(dgn, "DesignCurrentStatusDate"), "DesignCurrentStatusDate")
    rec.status = {
        "registered": "granted",
        "refused": "refused",
        "withdrawn": "withdrawn",
        "expired": "expired",
        "filed": "filed",
        "published": "published",
    }.get(st)
    rec.classes += _classes(
        "locarno",
        [t for t in (text(e) for e in findall(dgn, ".//LocarnoClassificationText")) if t],
        "LocarnoClassificationText",
    )
    for p in findall(dgn, "PriorityBag/Priority"):
        rec.priorities.append(
            PriorityRecord(
                country=country(text_at(p, "PriorityCountryCode")) or "XX",
                number=required(text_at(p, ".//ApplicationNumberText"), "Priority/ApplicationNumberText"),
                date=required_day(
                    text_at(p, "PriorityApplicationFilingDate"), "PriorityApplicationFilingDate"
                ),
            )
        )
    rec.parties += _parties(
        findall(dgn, "ApplicantBag/Applicant") or findall(root, "ApplicantBag/Applicant"), "applicant"
    )
    rec.parties += _parties(
        findall(dgn, "DesignerBag/Designer") or findall(root, ".//DesignerBag/Designer"), "author"
    )
    rec.parties += _parties(findall(root, ".//RepresentativeBag/Representative"), "representative")
    for e in findall(dgn, "DesignEventBag/DesignEvent"):
        rec.events.append(
            EventRecord(
                required_day(text_at(e, "DesignEventDate"), "DesignEventDate"),
                text_at(e, "DesignEventCategory") or "?",
            )
        )
    _status_from_dates(rec)
    return rec


def read_st96_gi(root: Element) -> Record:
    _st96_check(root)
    gi = find(root, "GIData")
    office_attr = gi.get(f"{{{ST96_NS}Common}}officeCode") if gi is not None else None
    office = country(office_attr) or "XX"
    rec = Record(
        source_format="st96-gi",
        office=office,
        right=RightKind.GI,
        application_number=required(
            text_at(gi, "ApplicationNumber/ApplicationNumberText"), "ApplicationNumberText"
        ),
        filing_date=required_day(text_at(gi, "ApplicationDate"), "ApplicationDate"),
        title=text_at(gi, "GINameBag/GINameText"),
        registration_number=text_at(gi, "RegistrationNumber"),
        registration_date=parse_day(text_at(gi, "RegistrationDate"), "RegistrationDate"),
        publication_date=parse_day(
            text_at(gi, "GIPublicationBag/GIPublication/PublicationDate"), "PublicationDate"
        ),
    )
    _mark(
        gi,
        rec,
        goods_path="ProductIndicationBag/GoodsServices",
        class_path=".//GoodsServicesClassification",
        desc_paths=("GoodsServicesDescriptionText",),
    )
    rec.parties += _parties(findall(root, "ApplicantBag/Applicant"), "applicant")
    rec.parties += _parties(
        findall(root, "AuthorizedUser") + findall(root, "AuthorizedUserBag/AuthorizedUser"), "authorised_user"
    )
    _status_from_dates(rec)
    return rec


# --- ST.66 (TSDR) ---------------------------------------------------------------------------------------------


def read_st66(root: Element) -> Record:
    if namespace(root) != ST66_NS:
        raise UserError(
            "exchange.import.wrong_namespace",
            field="namespace",
            rule="WIPO ST.66",
            ns=namespace(root) or "-",
            root=local(root),
        )
    tm = find(root, ".//TradeMarkDetails/TradeMark")
    if tm is None:
        raise UserError(
            "exchange.import.missing",
            field="TradeMark",
            rule="WIPO ST.66",
            element="TradeMarkDetails/TradeMark",
        )
    rec = Record(
        source_format="st66",
        office=country(text_at(tm, "RegistrationOfficeCode")) or "XX",
        right=RightKind.TRADEMARK,
        application_number=required(text_at(tm, "ApplicationNumber"), "ApplicationNumber"),
        filing_date=required_day(text_at(tm, "ApplicationDate"), "ApplicationDate"),
        mark_text=text_at(tm, "WordMarkSpecification/MarkVerbalElementText"),
        registration_number=text_at(tm, "RegistrationNumber"),
        registration_date=parse_day(text_at(tm, "RegistrationDate"), "RegistrationDate"),
        expiry_date=parse_day(text_at(tm, "ExpiryDate"), "ExpiryDate"),
        publication_date=parse_day(
            text_at(tm, "PublicationDetails/Publication/PublicationDate"), "PublicationDate"
        ),
        status=_mark_status(text_at(tm, "MarkCurrentStatusCode")),
        status_date=parse_day(text_at(tm, "MarkCurrentStatusDate"), "MarkCurrentStatusDate"),
    )
    _mark(
        tm,
        rec,
        goods_path="GoodsServicesDetails/GoodsServices",
        class_path=".//ClassDescription",
        desc_paths=("GoodsServicesDescription",),
    )
    app_details = find(root, ".//ApplicantDetails")
    rec.parties += _parties(findall(app_details, "Applicant"), "applicant")
    reps = [
        r
        for r in findall(tm, "RepresentativeDetails/Representative")
        if "attorney" in (text_at(r, "Comment") or "").lower()
    ]
    rec.parties += _parties(reps, "representative")
    for p in findall(tm, "PriorityDetails/Priority"):
        rec.priorities.append(
            PriorityRecord(
                country=country(text_at(p, "PriorityCountryCode")) or "XX",
                number=required(text_at(p, "PriorityNumber"), "PriorityNumber"),
                date=required_day(
                    text_at(p, "PriorityDate", ".//ForeignApplicationFilingDate"), "PriorityDate"
                ),
            )
        )
    for e in findall(tm, "MarkEventDetails/MarkEvent"):
        rec.events.append(
            EventRecord(
                required_day(text_at(e, "MarkEventDate"), "MarkEventDate"),
                text_at(e, "MarkEventCode") or "?",
                text_at(e, ".//MarkEventInternalDescriptionText", ".//MarkEventDescriptionText"),
            )
        )
    _status_from_dates(rec)
    return rec


# --- ST.36 family (USPTO v4.x, JPO, CNIPA) --------------------------------------------------------------------


def read_st36(root: Element) -> Record:
    name = local(root)
    bib = first(
        root,
        "us-bibliographic-data-grant",
        "us-bibliographic-data-application",
        "bibliographic-data",
        "cn-bibliographic-data",
    )
    if bib is None:
        raise UserError(
            "exchange.import.missing",
            field="bibliographic-data",
            rule="WIPO ST.36",
            element="bibliographic-data",
        )
    pubref = first(bib, "publication-reference", "cn-publication-reference")
    pnum, pctry, pkind, pdate, _ = _docid(find(pubref, "document-id"))
    appref = find(bib, "application-reference")
    anum, actry, _, adate, _ = _docid(find(appref, "document-id"))
    office = actry or pctry or {"jp-official-gazette": "JP", "cn-patent-document": "CN"}.get(name) or "XX"
    appl_type = (appref.get("appl-type") if appref is not None else None) or ""
    right = _st36_right(office, pkind, appl_type)
    dtd = root.get("dtd-version") or ""
    rec = Record(
        source_format=f"st36-{name}" + (f"-{dtd.split()[0]}" if dtd else ""),
        office=office,
        right=right,
        application_number=required(anum, "application-reference/doc-number"),
        filing_date=required_day(adate, "application-reference/date"),
        title=text_at(bib, "invention-title"),
        publication_number=pnum,
        publication_kind=pkind,
        publication_date=parse_day(pdate, "publication-reference/date"),
        language=root.get("lang"),
    )
    if name == "us-patent-grant" or (office == "CN" and (pkind or "").startswith(("B", "C", "U", "S"))):
        rec.registration_number, rec.registration_date = pnum, rec.publication_date
    for p in findall(bib, "priority-claims/priority-claim"):
        rec.priorities.append(
            PriorityRecord(
                country=country(text_at(p, "country")) or "XX",
                number=required(text_at(p, "doc-number"), "priority-claim/doc-number"),
                date=required_day(text_at(p, "date"), "priority-claim/date"),
            )
        )
    ipc = [
        s for s in (_ipcr_symbol(e) for e in findall(bib, "classifications-ipcr/classification-ipcr")) if s
    ]
    for tag in (
        "classification-ipc/main-clsf",
        "classification-ipc/further-clsf",
        "classification-ipc/main-classification",
        "classification-ipc/further-classification",
    ):
        ipc += [s for s in (_ipc_from_text(text(e) or "") for e in findall(bib, tag)) if s]
    cpc = [
        s for s in (_ipcr_symbol(e) for e in findall(bib, "classifications-cpc/*/classification-cpc")) if s
    ]
    rec.classes += _classes("ipc", ipc, "classification-ipcr") + _classes("cpc", cpc, "classification-cpc")
    parties = first(bib, "us-parties", "parties", "cn-parties")
    rec.parties += _parties(
        findall(parties, ".//applicant")
        + findall(parties, ".//us-applicant")
        + findall(parties, ".//cn-applicant"),
        "applicant",
    )
    rec.parties += _parties(findall(parties, ".//inventor") + findall(parties, ".//cn-inventor"), "inventor")
    rec.parties += _parties(findall(parties, ".//agent") + findall(parties, ".//cn-agent"), "representative")
    rec.parties += _parties(findall(bib, "assignees/assignee"), "owner")
    rec.parties += _parties(findall(bib, "examiners/*"), "examiner")
    for c in findall(bib, "references-cited/citation") + findall(bib, "us-references-cited/us-citation"):
        by = _cited_by(text_at(c, "category"))
        pc = find(c, "patcit")
        if pc is not None:
            num, ctry, k, d, nm = _docid(find(pc, "document-id"))
            rec.citations.append(
                CitationRecord(number=num, country=ctry, kind=k, date=d, name=nm, cited_by=by)
            )
        else:
            rec.citations.append(CitationRecord(text=text_at(c, "nplcit"), cited_by=by))
    pct = find(bib, "pct-or-regional-filing-data/document-id")
    if pct is not None:
        rec.route = "pct"
        rec.international_number = text_at(pct, "doc-number")
        rec.international_date = parse_day(text_at(pct, "date"), "pct-or-regional-filing-data/date")
    _status_from_dates(rec)
    return rec


def _st36_right(office: str, kind: str | None, appl_type: str) -> RightKind:
    k = kind or ""
    if appl_type == "design" or k.startswith("S"):
        return RightKind.DESIGN
    if office == "JP" and "実用新案" in k:
        return RightKind.UTILITY_SOLUTION
    return _patent_right(office, k)


def read_cn_business(root: Element) -> Record:
    """CNIPA's newer ``PatentDocumentAndRelated`` (CamelCase ST.36 names in the sipo.gov.cn namespace)."""
    bib = find(root, "BibliographicData")
    pnum, pctry, pkind, pdate, _ = _docid(find(bib, "PublicationReference/DocumentID"))
    anum, actry, _, adate, _ = _docid(find(bib, "ApplicationReference/DocumentID"))
    office = actry or pctry or "CN"
    rec = Record(
        source_format="cnipa-business",
        office=office,
        right=_patent_right(office, pkind),
        application_number=required(anum, "ApplicationReference/DocNumber"),
        filing_date=required_day(adate, "ApplicationReference/Date"),
        title=text_at(bib, "InventionTitle"),
        publication_number=pnum,
        publication_kind=pkind,
        publication_date=parse_day(pdate, "PublicationReference/Date"),
    )
    for p in findall(bib, "PriorityDetails/Priority"):
        rec.priorities.append(
            PriorityRecord(
                country=country(text_at(p, "WIPOST3Code")) or "XX",
                number=required(text_at(p, "DocNumber"), "Priority/DocNumber"),
                date=required_day(text_at(p, "Date"), "Priority/Date"),
            )
        )
    ipc = [
        s
        for s in (_ipcr_symbol(e) for e in findall(bib, "ClassificationIPCRDetails/ClassificationIPCR"))
        if s
    ]
    rec.classes += _classes("ipc", ipc, "ClassificationIPCR")
    rec.parties += _parties(findall(bib, "Parties/ApplicantDetails/Applicant"), "applicant")
    rec.parties += _parties(findall(bib, "Parties/InventorDetails/Inventor"), "inventor")
    rec.parties += _parties(findall(bib, "Parties/AgentDetails/Agent"), "representative")
    _status_from_dates(rec)
    return rec


# --- ST.32 SDOBI (USPTO PATDOC 2.5, EPO ep-patent-document) -----------------------------------------------------


def read_sdobi(root: Element) -> Record:
    b = find(root, "SDOBI")
    if b is None:
        raise UserError("exchange.import.missing", field="SDOBI", rule="WIPO ST.32", element="SDOBI")
    office = country(text_at(b, "B100/B190")) or ("EP" if local(root) == "ep-patent-document" else "XX")
    kind = text_at(b, "B100/B130")
    rec = Record(
        source_format="st32-patdoc" if local(root) == "PATDOC" else "epo-ep-patent-document",
        office=office,
        right=RightKind.DESIGN if (kind or "").startswith("S") else RightKind.INVENTION,
        application_number=required(text_at(b, "B200/B210"), "B210"),
        filing_date=required_day(text_at(b, "B200/B220"), "B220"),
        title=text_at(b, "B500/B540/STEXT", "B500/B540/B542", "B500/B540"),
        publication_number=text_at(b, "B100/B110"),
        publication_kind=kind,
        publication_date=parse_day(text_at(b, "B100/B140"), "B140"),
        language=text_at(b, "B200/B260"),
    )
    if (kind or "").startswith(("B", "S", "E")):
        rec.registration_number = rec.publication_number
        rec.registration_date = (
            parse_day(text_at(b, "B400/B450/date", "B400/B450"), "B450") or rec.publication_date
        )
    for p in findall(b, "B300"):
        for num, dt, ct in zip(findall(p, "B310"), findall(p, "B320"), findall(p, "B330"), strict=False):
            rec.priorities.append(
                PriorityRecord(
                    country=country(text(ct)) or "XX",
                    number=required(text(num), "B310"),
                    date=required_day(text(dt), "B320"),
                )
            )
    ipc_raw = [
        text(e) or ""
        for e in findall(b, "B500/B510/B511")
        + findall(b, "B500/B510/B512")
        + findall(b, "B500/B510EP/classification-ipcr/text")
    ]
    ipc = [s for s in (_ipc_st32(r) for r in ipc_raw) if s]
    rec.classes += _classes("ipc", ipc, "B511")
    loc = [text(e) or "" for e in findall(b, "B500/B510/B516")] if rec.right is RightKind.DESIGN else []
    del loc  # design: Locarno is not given in PATDOC B510 (only the US class)
    rec.parties += _parties(findall(b, "B700/B720/B721") + findall(b, "B700/B720/B721/*"), "inventor")[:50]
    rec.parties += _parties(findall(b, "B700/B710/B711"), "applicant")
    rec.parties += _parties(findall(b, "B700/B730/B731"), "owner")
    rec.parties += _parties(findall(b, "B700/B740/B741"), "representative")
    rec.parties += _parties(findall(b, "B700/B745/*"), "examiner")
    rec.parties = list(dict.fromkeys(rec.parties))
    for c in findall(b, "B500/B560/B561") + findall(b, "B500/B560/B562"):
        by = (
            "examiner"
            if find(c, "CITED-BY-EXAMINER") is not None
            else "third_party"
            if find(c, "CITED-BY-OTHER") is not None
            else None
        )
        if local(c) == "B561":
            d = find(c, "PCIT/DOC")
            rec.citations.append(
                CitationRecord(
                    number=text_at(d, "DNUM"),
                    country=country(text_at(d, "CTRY")) or ("US" if office == "US" else None),
                    kind=text_at(d, "KIND"),
                    date=text_at(d, "DATE"),
                    name=text_at(c, "PCIT/PARTY-US/NAM"),
                    cited_by=by,
                )
            )
        else:
            rec.citations.append(CitationRecord(text=text_at(c, "NCIT", "."), cited_by=by))
    _status_from_dates(rec)
    return rec


def _ipc_st32(raw: str) -> str | None:
    """ST.32 ``B32B  302`` (subclass + 4-digit main group + 2-digit subgroup, padded) or a plain symbol."""
    s = raw.strip()
    m = (
        re.match(r"^([A-H]\d{2}[A-Z])\s*(\d{1,4})(?:/|\s*)(\d{2,6})?$", s.replace(" ", ""))
        if "/" in s
        else None
    )
    if m:
        return f"{m.group(1)} {int(m.group(2))}/{m.group(3)}"
    m = re.match(r"^([A-H]\d{2}[A-Z])\s*(\d+)$", s)
    if m:
        digits = m.group(2)
        main, sub = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "00")
        return f"{m.group(1)} {int(main or 0)}/{sub}"
    return _ipc_from_text(s)


# --- USPTO pap (2001-2004 pre-grant publications) ---------------------------------------------------------------


def read_pap(root: Element) -> Record:
    b = find(root, "subdoc-bibliographic-information")
    if b is None:
        raise UserError(
            "exchange.import.missing",
            field="subdoc-bibliographic-information",
            rule="USPTO pap",
            element="subdoc-bibliographic-information",
        )
    rec = Record(
        source_format="uspto-pap",
        office="US",
        right=RightKind.INVENTION,
        application_number=required(
            text_at(b, "domestic-filing-data/application-number/doc-number"), "application-number"
        ),
        filing_date=required_day(text_at(b, "domestic-filing-data/filing-date"), "filing-date"),
        title=text_at(b, "technical-information/title-of-invention"),
        publication_number=text_at(b, "document-id/doc-number"),
        publication_kind=text_at(b, "document-id/kind-code"),
        publication_date=parse_day(text_at(b, "document-id/document-date"), "document-date"),
    )
    for p in findall(b, "foreign-priority-data"):
        rec.priorities.append(
            PriorityRecord(
                country=country(text_at(p, "country-code")) or "XX",
                number=required(
                    text_at(p, "priority-application-number/doc-number"), "priority-application-number"
                ),
                date=required_day(text_at(p, "filing-date"), "foreign-priority-data/filing-date"),
            )
        )
    ipc = [
        s
        for s in (
            _ipc_st32(text(e) or "")
            for e in findall(b, ".//classification-ipc-primary/ipc")
            + findall(b, ".//classification-ipc-secondary/ipc")
        )
        if s
    ]
    rec.classes += _classes("ipc", ipc, "classification-ipc")
    rec.parties += _parties(
        findall(b, "inventors/first-named-inventor") + findall(b, "inventors/inventor"), "inventor"
    )
    rec.parties += _parties(findall(b, "assignee"), "applicant")
    rec.parties += _parties(findall(b, "correspondence-address"), "representative")
    _status_from_dates(rec)
    return rec


# --- dispatch -------------------------------------------------------------------------------------------------

READERS: dict[str, Callable[[Element], Record]] = {
    "PatentPublication": read_st96_patent,
    "TrademarkApplication": read_st96_trademark,
    "TrademarkTransaction": read_st96_trademark,
    "DesignApplication": read_st96_design,
    "GIApplication": read_st96_gi,
    "Transaction": read_st66,
    "us-patent-grant": read_st36,
    "us-patent-application": read_st36,
    "jp-official-gazette": read_st36,
    "cn-patent-document": read_st36,
    "PatentDocumentAndRelated": read_cn_business,
    "PATDOC": read_sdobi,
    "ep-patent-document": read_sdobi,
    "patent-application-publication": read_pap,
}


def read_record(root: Element) -> Record:
    """The neutral record of a parsed document; :class:`UserError` for an unsupported or invalid document."""
    name = local(root)
    reader = READERS.get(name)
    ns = namespace(root)
    if reader is None:
        raise UserError(
            "exchange.import.unsupported",
            field="document",
            rule=RULE_FORMAT,
            root=name,
            ns=f" ({ns})" if ns else "",
        )
    if name == "Transaction" and ns != ST66_NS:
        if ns and ns.startswith("http://www.wipo.int/standards/XMLSchema/"):
            raise UserError(
                "exchange.import.st96_version",
                field="namespace",
                rule="WIPO ST.96",
                version=ns.rsplit("XMLSchema/", 1)[1],
                supported=", ".join(ST96_VERSIONS),
            )
        raise UserError(
            "exchange.import.wrong_namespace", field="namespace", rule="WIPO ST.66", ns=ns or "-", root=name
        )
    return reader(root)
