"""A neutral record as a WIPO ST.96 V6_0 instance, valid against the official schemas.

Inventions and utility solutions become ``pat:PatentPublication`` (ST.16 kind codes: A/B for inventions, U/Y for
utility solutions [verify: IP Viet Nam's published kind codes]); layout designs also use ``PatentPublication``
(ST.96 has no layout-design document; kind code ``L`` [verify]); designs ``dgn:DesignApplication``, marks
``tmk:TrademarkApplication`` (with the file's events in ``MarkEventBag``), GIs ``gin:GIApplication``.
"""

from __future__ import annotations

from datetime import date

from lxml import etree

from ipoffice.core import i18n
from ipoffice.core.errors import UserError
from ipoffice.core.rights import RightKind
from ipoffice.exchange.records import PartyRecord, Record

i18n.register(
    {
        "exchange.export.gi_product_class": {
            "vi": "Chỉ dẫn địa lý {number} chưa có nhóm sản phẩm (Nice); ST.96 yêu cầu phân loại sản phẩm",
            "en": "Geographical indication {number} has no product class (Nice); ST.96 requires the products' class",
        },
    }
)

ST96 = "http://www.wipo.int/standards/XMLSchema/ST96/"
COM = ST96 + "Common"
PAT = ST96 + "Patent"
TMK = ST96 + "Trademark"
DGN = ST96 + "Design"
GIN = ST96 + "GeographicalIndication"
NSMAP = {"com": COM, "pat": PAT, "tmk": TMK, "dgn": DGN, "gin": GIN}
VERSION = "V6_0"
LOCARNO_EDITION = (
    "15"  # Locarno 15th edition, in force 1 January 2025 [verify: the edition IP Viet Nam applies]
)

# ST.16-style kind codes of this office's publications [verify against IP Viet Nam's gazette practice]
KIND_CODES: dict[RightKind, tuple[str, str]] = {
    RightKind.INVENTION: ("A", "B"),
    RightKind.UTILITY_SOLUTION: ("U", "Y"),
    RightKind.LAYOUT_DESIGN: ("L", "L"),
}


def _el(parent: etree._Element, ns: str, name: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, f"{{{ns}}}{name}")
    if text is not None:
        el.text = text
    for k, v in attrs.items():
        el.set(f"{{{COM}}}{k}", v)
    return el


def _d(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _root(ns: str, name: str, lang: str | None) -> etree._Element:
    root = etree.Element(f"{{{ns}}}{name}", nsmap={k: v for k, v in NSMAP.items() if v in (COM, ns, TMK)})
    root.set(f"{{{COM}}}st96Version", VERSION)
    if lang:
        root.set(f"{{{COM}}}languageCode", lang)
    return root


def _name(parent: etree._Element, p: PartyRecord) -> None:
    name = _el(parent, COM, "Name")
    _el(name, COM, "EntityName", p.name)


def _contact(parent: etree._Element, p: PartyRecord, tag: str = "Contact") -> etree._Element:
    contact = _el(parent, COM, tag)
    _name(contact, p)
    if tag == "PublicationContact":
        if p.address:
            _el(contact, COM, "CityName", p.address)
        if p.country:
            _el(contact, COM, "CountryCode", p.country)
    elif p.country:
        bag = _el(contact, COM, "PostalAddressBag")
        structured = _el(_el(bag, COM, "PostalAddress"), COM, "PostalStructuredAddress")
        _el(structured, COM, "AddressLineText", p.address or "", sequenceNumber="1")
        _el(structured, COM, "CountryCode", p.country)
    return contact


def kind_code(rec: Record) -> str:
    pub, grant = KIND_CODES.get(rec.right, ("A", "B"))
    return rec.publication_kind or (grant if rec.status == "granted" or rec.registration_number else pub)


# --- patents ------------------------------------------------------------------------------------------------


def patent_publication(rec: Record) -> etree._Element:
    root = _root(PAT, "PatentPublication", rec.language or "vi")
    _el(root, COM, "IPOfficeCode", rec.office)
    bib = _el(root, PAT, "BibliographicData", st96Version=VERSION)
    pub_kind, grant_kind = KIND_CODES.get(rec.right, ("A", "B"))
    if rec.publication_date:
        pub = _el(bib, PAT, "PatentPublicationIdentification")
        _el(pub, COM, "IPOfficeCode", rec.office)
        _el(pub, PAT, "PublicationNumber", rec.publication_number or rec.application_number)
        _el(pub, COM, "PatentDocumentKindCode", rec.publication_kind or pub_kind)
        _el(pub, COM, "PublicationDate", _d(rec.publication_date))
    app = _el(bib, PAT, "ApplicationIdentification")
    _el(app, COM, "IPOfficeCode", rec.office)
    num = _el(app, COM, "ApplicationNumber")
    _el(num, COM, "ApplicationNumberText", rec.application_number)
    _el(app, PAT, "FilingDate", _d(rec.filing_date))
    if rec.registration_number:
        grant = _el(bib, PAT, "PatentGrantIdentification")
        _el(grant, COM, "IPOfficeCode", rec.office)
        _el(grant, PAT, "PatentNumber", rec.registration_number)
        _el(grant, COM, "PatentDocumentKindCode", grant_kind)
        if rec.registration_date:
            _el(grant, PAT, "GrantDate", _d(rec.registration_date))
    if rec.priorities:
        bag = _el(bib, PAT, "PriorityClaimBag")
        for i, prio in enumerate(rec.priorities, 1):
            pc = _el(bag, PAT, "PriorityClaim", sequenceNumber=str(i))
            _el(pc, COM, "IPOfficeCode", prio.country)
            n = _el(pc, COM, "ApplicationNumber")
            _el(n, COM, "ApplicationNumberText", prio.number)
            _el(pc, PAT, "FilingDate", _d(prio.date))
    ipcs = [c for c in rec.classes if c.scheme == "ipc"]
    if ipcs:
        bag = _el(_el(bib, PAT, "PatentClassificationBag"), PAT, "IPCRClassificationBag")
        for i, c in enumerate(ipcs, 1):
            ipc = _el(bag, PAT, "IPCRClassification", sequenceNumber=str(i))
            _el(ipc, PAT, "PatentClassificationText", c.symbol)
    titles = _el(bib, PAT, "InventionTitleBag")
    _el(titles, PAT, "InventionTitle", rec.title or "-", languageCode=rec.language or "vi")
    cits = [cit for cit in rec.citations if cit.number]
    if cits:
        bag = _el(bib, PAT, "ReferenceCitationBag")
        for i, cit in enumerate(cits, 1):
            rc = _el(bag, PAT, "ReferenceCitation")
            if cit.cited_by in ("examiner", "applicant"):
                rc.set(f"{{{PAT}}}citingPartyCategory", cit.cited_by.capitalize())
            pc = _el(rc, COM, "PatentCitation", sequenceNumber=str(i))
            ident = _el(pc, COM, "CitedPatentDocumentIdentification")
            _el(ident, COM, "IPOfficeCode", cit.country or "XX")
            _el(ident, COM, "DocumentNumber", cit.number)
            if cit.kind:
                _el(ident, COM, "PatentDocumentKindCode", cit.kind)
    parties = _el(bib, PAT, "PartyBag")
    groups = [
        ("applicant", "ApplicantBag", "Applicant"),
        ("inventor", "InventorBag", "Inventor"),
        ("author", "InventorBag", "Inventor"),
        ("representative", "RegisteredPractitionerBag", "RegisteredPractitioner"),
        ("owner", "AssigneeBag", "Assignee"),
    ]
    for role, bag_name, item in groups:
        people = rec.parties_in(role)
        if not people:
            continue
        bag = parties.find(f"{{{PAT}}}{bag_name}")
        if bag is None:
            bag = _el(parties, PAT, bag_name)
        for i, p in enumerate(people, 1):
            el = _el(bag, PAT, item, sequenceNumber=str(i)) if item != "Assignee" else _el(bag, PAT, item)
            if item == "RegisteredPractitioner":
                if p.identifier:
                    _el(el, PAT, "RegisteredPractitionerRegistrationNumber", p.identifier)
                _el(el, PAT, "RegisteredPractitionerCategory", "Agent")
            _contact(el, p, "PublicationContact")
    if not len(parties):
        bib.remove(parties)
    if rec.route == "pct" and rec.international_number:
        intl = _el(_el(bib, PAT, "InternationalFilingData"), PAT, "ApplicationIdentification")
        _el(intl, COM, "IPOfficeCode", "WO")
        _el(_el(intl, COM, "ApplicationNumber"), COM, "ApplicationNumberText", rec.international_number)
        _el(intl, PAT, "FilingDate", _d(rec.international_date or rec.filing_date))
    # ST.96 wants the document body (description, claims or pages); the register keeps the bibliographic record,
    # so the body is given as a reference to the register entry.
    uri = _el(root, PAT, "DocumentURI", f"urn:ipoffice:register:{rec.office}:{rec.application_number}")
    uri.set(f"{{{PAT}}}pageDocumentFormatCategory", "XML")
    return root


# --- marks --------------------------------------------------------------------------------------------------

# Law on IP Art. 4(16)-(19) kinds of mark -> ST.96 MarkCategory
_MARK_CATEGORY = {
    "ordinary": "Trademark",
    "collective": "Collective mark",
    "certification": "Certification mark",
    "sound": "Trademark",
}


def trademark_application(rec: Record) -> etree._Element:
    root = _root(TMK, "TrademarkApplication", None)
    bag = _el(root, TMK, "TrademarkBag")
    tm = _el(bag, TMK, "Trademark")
    _el(tm, COM, "RegistrationOfficeCode", rec.office)
    num = _el(tm, COM, "ApplicationNumber")
    _el(num, COM, "IPOfficeCode", rec.office)
    _el(num, COM, "ApplicationNumberText", rec.application_number)
    if rec.registration_number:
        _el(tm, COM, "RegistrationNumber", rec.registration_number)
    _el(tm, COM, "ApplicationDate", _d(rec.filing_date))
    if rec.registration_date:
        _el(tm, COM, "RegistrationDate", _d(rec.registration_date))
    if rec.expiry_date:
        _el(tm, COM, "ExpiryDate", _d(rec.expiry_date))
    _el(tm, TMK, "MarkCurrentStatusCode", rec.status or "filed")
    _el(tm, TMK, "MarkCategory", _MARK_CATEGORY.get(rec.mark_kind or "ordinary", "Trademark"))
    feature = "Sound" if rec.mark_kind == "sound" else "Word" if rec.mark_text else None
    if rec.mark_text or feature:
        representation = _el(tm, TMK, "MarkRepresentation")
        if feature:
            _el(representation, TMK, "MarkFeatureCategory", feature)
        if rec.mark_text:
            rep = _el(representation, TMK, "MarkReproduction")
            word = _el(rep, TMK, "WordMarkSpecification")
            _el(word, TMK, "MarkVerbalElementText", rec.mark_text)
            _el(word, TMK, "MarkSignificantVerbalElementText", rec.mark_text)
    nice = [c for c in rec.classes if c.scheme == "nice"]
    if nice:
        gsb = _el(tm, TMK, "GoodsServicesBag")
        for c in nice:
            gs = _el(gsb, TMK, "GoodsServices")
            cb = _el(gs, TMK, "GoodsServicesClassificationBag")
            gc = _el(cb, TMK, "GoodsServicesClassification")
            _el(gc, TMK, "ClassificationKindCode", "Nice")
            _el(gc, TMK, "ClassNumber", f"{int(c.symbol):02d}")
            if c.terms:
                cdb = _el(gs, TMK, "ClassDescriptionBag")
                cd = _el(cdb, TMK, "ClassDescription")
                _el(cd, TMK, "ClassNumber", f"{int(c.symbol):02d}")
                for i, t in enumerate(c.terms, 1):
                    _el(
                        cd,
                        TMK,
                        "GoodsServicesDescriptionText",
                        t,
                        sequenceNumber=str(i),
                        languageCode=rec.language or "vi",
                    )
    if rec.priorities:
        pb = _el(tm, TMK, "PriorityBag")
        for prio in rec.priorities:
            pr = _el(pb, TMK, "Priority")
            _el(pr, COM, "PriorityCountryCode", prio.country)
            n = _el(pr, COM, "ApplicationNumber")
            _el(n, COM, "ApplicationNumberText", prio.number)
            _el(pr, COM, "PriorityApplicationFilingDate", _d(prio.date))
    if rec.publication_date:
        pb = _el(_el(tm, TMK, "PublicationBag"), TMK, "Publication")
        _el(pb, COM, "PublicationIdentifier", "Công báo Sở hữu công nghiệp")
        _el(pb, COM, "PublicationDate", _d(rec.publication_date))
    applicants = rec.parties_in("applicant") or rec.parties_in("owner")
    ab = _el(tm, TMK, "ApplicantBag")
    for i, p in enumerate(applicants, 1):
        a = _el(ab, TMK, "Applicant", sequenceNumber=str(i))
        _contact(a, p)
    reps = rec.parties_in("representative")
    if reps:
        rb = _el(tm, COM, "RepresentativeBag")
        for i, p in enumerate(reps, 1):
            r = _el(rb, COM, "Representative", sequenceNumber=str(i))
            _contact(r, p)
    if rec.events:
        eb = _el(tm, TMK, "MarkEventBag")
        for e in rec.events:
            me = _el(eb, TMK, "MarkEvent")
            _el(me, TMK, "MarkEventCategory", "National prosecution history entry")
            ne = _el(me, TMK, "NationalMarkEvent")
            _el(ne, TMK, "MarkEventCode", e.code)
            _el(ne, TMK, "MarkEventDescriptionText", _event_text(e.code, e.text))
            _el(me, TMK, "MarkEventDate", _d(e.date))
    return root


def _event_text(code: str, fallback: str | None) -> str:
    from ipoffice.office.events import CATALOGUE, EventCode

    try:
        return CATALOGUE[EventCode(code)].en
    except ValueError:
        return fallback or code


# --- designs and GIs ----------------------------------------------------------------------------------------


def design_application(rec: Record) -> etree._Element:
    root = _root(DGN, "DesignApplication", None)
    _el(root, COM, "RegistrationOfficeCode", rec.office)
    num = _el(root, COM, "ApplicationNumber")
    _el(num, COM, "IPOfficeCode", rec.office)
    _el(num, COM, "ApplicationNumberText", rec.application_number)
    bag = _el(root, DGN, "DesignBag")
    d = _el(bag, DGN, "Design")
    _el(d, DGN, "DesignIdentifier", rec.registration_number or rec.application_number)
    if rec.registration_number:
        _el(d, COM, "RegistrationNumber", rec.registration_number)
    if rec.registration_date:
        _el(d, COM, "RegistrationDate", _d(rec.registration_date))
    _el(d, DGN, "DesignTitleText", rec.title or "-", languageCode=rec.language or "vi")
    if rec.expiry_date:
        _el(d, COM, "ExpiryDate", _d(rec.expiry_date))
    _el(d, DGN, "DesignCurrentStatusCategory", _DESIGN_STATUS.get(rec.status or "filed", "Filed"))
    loc = [c for c in rec.classes if c.scheme == "locarno"]
    if loc:
        lb = _el(_el(d, COM, "DesignClassificationBag"), COM, "LocarnoClassificationBag")
        _el(lb, COM, "LocarnoClassificationEdition", loc[0].edition or LOCARNO_EDITION)
        _el(lb, COM, "LocarnoClassificationText", loc[0].symbol)
    if rec.priorities:
        pb = _el(d, DGN, "PriorityBag")
        for prio in rec.priorities:
            pr = _el(pb, DGN, "Priority")
            _el(pr, COM, "PriorityCountryCode", prio.country)
            n = _el(pr, COM, "ApplicationNumber")
            _el(n, COM, "ApplicationNumberText", prio.number)
            _el(pr, COM, "PriorityApplicationFilingDate", _d(prio.date))
    if rec.publication_date:
        pub = _el(_el(d, DGN, "PublicationBag"), DGN, "Publication")
        _el(pub, COM, "PublicationIdentifier", "Công báo Sở hữu công nghiệp")
        _el(pub, COM, "PublicationDate", _d(rec.publication_date))
    ab = _el(d, DGN, "ApplicantBag")
    for i, p in enumerate(rec.parties_in("applicant") or rec.parties_in("owner"), 1):
        _contact(_el(ab, DGN, "Applicant", sequenceNumber=str(i)), p)
    reps = rec.parties_in("representative")
    if reps:
        rb = _el(d, COM, "RepresentativeBag")
        for i, p in enumerate(reps, 1):
            _contact(_el(rb, COM, "Representative", sequenceNumber=str(i)), p)
    authors = rec.parties_in("author") or rec.parties_in("inventor")
    if authors:
        db = _el(d, DGN, "DesignerBag")
        for i, p in enumerate(authors, 1):
            _contact(_el(db, DGN, "Designer", sequenceNumber=str(i)), p)
    ab = _el(root, DGN, "ApplicantBag")
    for i, p in enumerate(rec.parties_in("applicant") or rec.parties_in("owner"), 1):
        _contact(_el(ab, DGN, "Applicant", sequenceNumber=str(i)), p)
    _el(root, COM, "ApplicationDate", _d(rec.filing_date))
    return root


_DESIGN_STATUS = {
    "filed": "Filed",
    "published": "Published",
    "granted": "Registered",
    "refused": "Refused",
    "withdrawn": "Withdrawn",
    "expired": "Expired",
    "lapsed": "Lapsed",
}


def gi_application(rec: Record) -> etree._Element:
    root = _root(GIN, "GIApplication", None)
    gi = _el(root, GIN, "GIData", officeCode=rec.office, languageCode=rec.language or "vi")
    num = _el(gi, COM, "ApplicationNumber")
    _el(num, COM, "ApplicationNumberText", rec.application_number)
    _el(gi, COM, "ApplicationDate", _d(rec.filing_date))
    if rec.registration_number:
        _el(gi, COM, "RegistrationNumber", rec.registration_number)
        if rec.registration_date:
            _el(gi, COM, "RegistrationDate", _d(rec.registration_date))
    names = _el(gi, GIN, "GINameBag")
    _el(names, GIN, "GINameText", rec.title or "-", languageCode=rec.language or "vi", sequenceNumber="001")
    nice = [c for c in rec.classes if c.scheme == "nice"]
    if not nice:
        raise UserError(
            "exchange.export.gi_product_class",
            field="classifications",
            rule="WIPO ST.96 GIApplication (ProductIndicationBag is required)",
            number=rec.application_number,
        )
    if nice:
        pib = _el(gi, GIN, "ProductIndicationBag")
        gs = _el(pib, TMK, "GoodsServices")
        cb = _el(gs, TMK, "GoodsServicesClassificationBag")
        for c in nice:
            gc = _el(cb, TMK, "GoodsServicesClassification")
            _el(gc, TMK, "ClassificationKindCode", "Nice")
            _el(gc, TMK, "ClassNumber", f"{int(c.symbol):02d}")
        described = [c for c in nice if c.terms]
        if described:
            cdb = _el(gs, TMK, "ClassDescriptionBag")
            for c in described:
                cd = _el(cdb, TMK, "ClassDescription")
                _el(cd, TMK, "ClassNumber", f"{int(c.symbol):02d}")
                for i, t in enumerate(c.terms, 1):
                    _el(
                        cd,
                        TMK,
                        "GoodsServicesDescriptionText",
                        t,
                        sequenceNumber=str(i),
                        languageCode=rec.language or "vi",
                    )
    lang = rec.language or "vi"
    features = _el(_el(gi, GIN, "FeatureDescriptionBag"), GIN, "FeatureDescription")
    _el(
        features,
        GIN,
        "FeatureDescriptionText",
        rec.extra.get("gi_features") or rec.title or "-",
        languageCode=lang,
    )
    region = _el(_el(gi, GIN, "GeographicRegionDescriptionBag"), GIN, "GeographicRegionDescription")
    _el(
        region,
        GIN,
        "GeographicRegionDescriptionText",
        rec.extra.get("gi_region") or "-",
        languageCode=lang,
        sequenceNumber="001",
    )
    _el(gi, GIN, "GICategory", "Geographical Indication")
    if rec.publication_date:
        pb = _el(_el(gi, GIN, "GIPublicationBag"), GIN, "GIPublication")
        _el(pb, COM, "PublicationIdentifier", "Công báo Sở hữu công nghiệp")
        _el(pb, COM, "PublicationDate", _d(rec.publication_date))
    for p in rec.parties_in("authorised_user"):
        au = _el(root, GIN, "AuthorizedUser")
        _contact(au, p)
    ab = _el(root, GIN, "ApplicantBag")
    for i, p in enumerate(
        rec.parties_in("applicant") or rec.parties_in("owner") or rec.parties_in("management_organisation"), 1
    ):
        _contact(_el(ab, GIN, "Applicant", sequenceNumber=str(i)), p)
    return root


WRITERS = {
    RightKind.INVENTION: patent_publication,
    RightKind.UTILITY_SOLUTION: patent_publication,
    RightKind.LAYOUT_DESIGN: patent_publication,
    RightKind.DESIGN: design_application,
    RightKind.TRADEMARK: trademark_application,
    RightKind.GI: gi_application,
}


def to_st96(rec: Record) -> etree._Element:
    """The ST.96 document of ``rec`` (not yet validated: see :func:`ipoffice.exchange.schemas.validate`)."""
    return WRITERS[rec.right](rec)


def to_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
