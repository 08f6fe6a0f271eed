"""The IP marketplace: holders (companies, universities, institutes, startups, individuals) list a granted right
or a pending application for licence or sale, with terms; anyone browses and searches by right, class (Nice,
IPC, Locarno prefix) and owner type; a signed-in user sends a contact request that reaches the owner's account.

Listings carry no price engine and no contract: the office only brings parties together; a licence or sale is
then recorded through the recordal request on the file (``ipoffice.web.holder_requests``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipoffice.core.classification import fold
from ipoffice.core.errors import Conflict, NotFound, UserError
from ipoffice.office.record import get_file
from ipoffice.store.models import IPFile, MarketContact, MarketListing, User

OFFERS = ("licence", "sale", "either")
OWNER_TYPES = ("company", "startup", "university", "institute", "individual")
#: a file in one of these states cannot be offered (nothing left to license or sell)
CLOSED = frozenset(
    {"refused", "withdrawn", "deemed_withdrawn", "lapsed", "expired", "surrendered", "invalidated"}
)
RULE = "marketplace terms"


@dataclass(frozen=True)
class ListingView:
    id: int
    number: str
    name: str
    right: str
    status: str
    classes: tuple[str, ...]
    owner: str
    owner_type: str
    offer: str
    terms: str
    user_id: int


def _view(listing: MarketListing, f: IPFile) -> ListingView:
    holders = [fp.party.name for fp in f.parties if fp.role in ("owner", "applicant")]
    owners = [fp.party.name for fp in f.parties if fp.role == "owner"] or holders
    return ListingView(
        listing.id,
        f.application_number,
        f.mark_text or f.title or "",
        str(f.right_kind),
        f.status,
        tuple(c.symbol for c in f.classifications),
        ", ".join(owners),
        listing.owner_type,
        listing.offer,
        listing.terms,
        listing.user_id,
    )


def create_listing(
    session: Session, user_id: int, number: str, offer: str, owner_type: str, terms: str
) -> int:
    """List the user's own file (the filer of record) for licence or sale; one active listing per file."""
    f = get_file(session, number)
    if (f.details or {}).get("submitted_by_user") != user_id:
        raise UserError("web.market.not_yours", field="number", rule=RULE, number=number)
    if f.status in CLOSED:
        raise UserError("web.market.closed", field="number", rule=RULE, number=number, status=f.status)
    if offer not in OFFERS:
        raise UserError("web.market.bad_choice", field="offer", rule=RULE, value=offer)
    if owner_type not in OWNER_TYPES:
        raise UserError("web.market.bad_choice", field="owner_type", rule=RULE, value=owner_type)
    terms = terms.strip()
    if not 10 <= len(terms) <= 4000:
        raise UserError("web.market.terms_length", field="terms", rule=RULE)
    known = session.scalar(select(MarketListing).where(MarketListing.file_id == f.id, MarketListing.active))
    if known is not None:
        raise Conflict("web.market.already_listed", field="number", rule=RULE, number=number)
    listing = MarketListing(file_id=f.id, user_id=user_id, offer=offer, owner_type=owner_type, terms=terms)
    session.add(listing)
    session.flush()
    return int(listing.id)


def withdraw_listing(session: Session, listing_id: int, user_id: int) -> None:
    listing = session.get(MarketListing, listing_id)
    if listing is None or listing.user_id != user_id:
        raise NotFound("web.market.no_listing", field="id", rule=RULE, value=listing_id)
    listing.active = False
    session.flush()


def search_listings(
    session: Session, q: str = "", right: str = "", cls: str = "", owner_type: str = "", offer: str = ""
) -> list[ListingView]:
    """Active listings, newest first, filtered. ``q`` matches name, number or owner without diacritics; ``cls``
    matches a class symbol by prefix ("43", "A23L", "A23L 27")."""
    rows = session.execute(
        select(MarketListing, IPFile)
        .join(IPFile, IPFile.id == MarketListing.file_id)
        .where(MarketListing.active)
        .order_by(MarketListing.id.desc())
    )
    wanted, cls_key = fold(q), fold(cls).replace(" ", "")
    out = []
    for listing, f in rows:
        if f.status in CLOSED:
            continue
        v = _view(listing, f)
        if right and v.right != right or owner_type and v.owner_type != owner_type:
            continue
        if offer and v.offer not in (offer, "either"):
            continue
        if cls_key and not any(fold(c).replace(" ", "").startswith(cls_key) for c in v.classes):
            continue
        if wanted and wanted not in fold(f"{v.name} {v.number} {v.owner}"):
            continue
        out.append(v)
    return out


def get_listing(session: Session, listing_id: int) -> ListingView:
    listing = session.get(MarketListing, listing_id)
    f = session.get(IPFile, listing.file_id) if listing is not None else None
    if listing is None or f is None or not listing.active:
        raise NotFound("web.market.no_listing", field="id", rule=RULE, value=listing_id)
    return _view(listing, f)


def contact(session: Session, listing_id: int, from_user_id: int, message: str) -> int:
    """A contact request to the owner of a listing (not to oneself)."""
    view = get_listing(session, listing_id)
    if view.user_id == from_user_id:
        raise UserError("web.market.own_listing", field="message", rule=RULE)
    message = message.strip()
    if not 10 <= len(message) <= 4000:
        raise UserError("web.market.message_length", field="message", rule=RULE)
    row = MarketContact(listing_id=listing_id, from_user_id=from_user_id, message=message)
    session.add(row)
    session.flush()
    return int(row.id)


@dataclass(frozen=True)
class ContactView:
    listing_id: int
    number: str
    name: str
    sender: str
    email: str | None
    message: str
    at: str


def contacts_for_owner(session: Session, user_id: int) -> list[ContactView]:
    """Contact requests about the user's listings, newest first (shown on the account page)."""
    rows = session.execute(
        select(MarketContact, MarketListing, IPFile, User)
        .join(MarketListing, MarketListing.id == MarketContact.listing_id)
        .join(IPFile, IPFile.id == MarketListing.file_id)
        .join(User, User.id == MarketContact.from_user_id)
        .where(MarketListing.user_id == user_id)
        .order_by(MarketContact.id.desc())
    )
    return [
        ContactView(
            lst.id,
            f.application_number,
            f.mark_text or f.title or "",
            u.display_name,
            u.email,
            c.message,
            c.created_at.date().isoformat(),
        )
        for c, lst, f, u in rows
    ]


def my_listings(session: Session, user_id: int) -> list[ListingView]:
    rows = session.execute(
        select(MarketListing, IPFile)
        .join(IPFile, IPFile.id == MarketListing.file_id)
        .where(MarketListing.user_id == user_id, MarketListing.active)
        .order_by(MarketListing.id.desc())
    )
    return [_view(listing, f) for listing, f in rows]
