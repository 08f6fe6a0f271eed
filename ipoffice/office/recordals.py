"""Recordals: assignment, licence, pledge, change of name or address (Law on IP Art. 97, 138-148; Civil Code
2015 Art. 295-327 on security interests; Law 131/2025 on IP as collateral).

Each recordal writes a :class:`~ipoffice.store.models.Recordal` with its parties, and one event on the file; the
register (owners, names, addresses) changes in the same transaction, through that event, never by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from ipoffice.core import i18n
from ipoffice.core.errors import UserError
from ipoffice.core.rights import RightKind
from ipoffice.office.events import EventCode as E
from ipoffice.office.filing import PartyInput, make_party
from ipoffice.office.record import get_file, record_event, replay
from ipoffice.office.workflow import Status, apply
from ipoffice.store.kinds import FilePartyRole, RecordalKind, RecordalPartyRole
from ipoffice.store.models import FileParty, IPFile, Party, Recordal, RecordalParty

i18n.register(
    {
        "office.recordal.no_holder": {
            "vi": "Hồ sơ {number} không có chủ sở hữu hoặc người nộp đơn để ghi nhận",
            "en": "File {number} has no owner or applicant to record against",
        },
        "office.recordal.licence_term": {
            "vi": "Thời hạn hợp đồng kết thúc ({end}) trước khi bắt đầu ({start})",
            "en": "The licence term ends ({end}) before it starts ({start})",
        },
        "office.recordal.licence_beyond_right": {
            "vi": "Thời hạn hợp đồng ({end}) vượt quá thời hạn bảo hộ ({expiry})",
            "en": "The licence term ({end}) runs beyond the term of protection ({expiry})",
        },
        "office.recordal.exclusive_conflict": {
            "vi": "Đã có hợp đồng độc quyền số {other} cho cùng lãnh thổ và thời gian",
            "en": "An exclusive licence ({other}) is already recorded for the same territory and time",
        },
        "office.recordal.not_found": {
            "vi": "Không có ghi nhận số {value} trên hồ sơ này",
            "en": "There is no recordal {value} on this file",
        },
    }
)


def holders(file: Any) -> list[Any]:
    """The file-party rows a recordal is made against: the owners of a granted right, else the applicants."""
    return _holders(file)


def _holders(file: IPFile) -> list[FileParty]:
    role = FilePartyRole.OWNER if file.status == Status.GRANTED.value else FilePartyRole.APPLICANT
    found = [fp for fp in file.parties if fp.role == role]
    if not found:
        raise UserError(
            "office.recordal.no_holder",
            field="number",
            rule="Luật SHTT Art. 138",
            number=file.application_number,
        )
    return found


def recordal_values(kind: RecordalKind, on: date, **details: Any) -> dict[str, Any]:
    """The column values of a recordal recorded on ``on`` (filed, recorded and, unless given, effective then)."""
    return {
        "kind": kind,
        "status": "recorded",
        "filed_date": on,
        "recorded_date": on,
        "effective_date": details.pop("effective_date", on),
        "end_date": details.pop("end_date", None),
        "details": details,
    }


def _new_recordal(session: Session, file: IPFile, kind: RecordalKind, on: date, **details: Any) -> Recordal:
    rec = Recordal(file=file, **recordal_values(kind, on, **details))
    session.add(rec)
    return rec


def check_licence(file: Any, *, start: date, end: date | None, exclusive: bool, territory: str) -> None:
    """A licence's term within the right's term, and no overlapping exclusive licence (Art. 142-144)."""
    if end is not None and end < start:
        raise UserError(
            "office.recordal.licence_term",
            field="end",
            rule="Luật SHTT Art. 144(1)",
            start=start.isoformat(),
            end=end.isoformat(),
        )
    if end is not None and file.expiry_date is not None and end > file.expiry_date:
        raise UserError(
            "office.recordal.licence_beyond_right",
            field="end",
            rule="Luật SHTT Art. 142(3)",
            end=end.isoformat(),
            expiry=file.expiry_date.isoformat(),
        )
    if exclusive:
        for other in file.recordals:
            d = other.details or {}
            if (
                other.kind == RecordalKind.LICENCE
                and other.status == "recorded"
                and d.get("exclusive")
                and d.get("territory") == territory
                and (other.end_date is None or other.end_date >= start)
                and (end is None or (other.effective_date or start) <= end)
            ):
                raise UserError(
                    "office.recordal.exclusive_conflict",
                    field="exclusive",
                    rule="Luật SHTT Art. 143(2)",
                    other=other.id,
                )


@dataclass(frozen=True)
class RecordalResult:
    recordal_id: int
    event_sequence: int


def record_assignment(
    session: Session,
    number: str,
    assignee: PartyInput,
    *,
    on: date,
    actor: str,
    expected_version: int | None = None,
    today: date | None = None,
) -> RecordalResult:
    """Assignment of an application or a right (Art. 138-140): the assignee replaces the holders."""
    file = get_file(session, number)
    apply(replay(file), E.ASSIGNMENT_RECORDED, RightKind(file.right_kind), file.regime_id or "")
    holders = _holders(file)
    new_party = make_party(session, assignee)
    rec = _new_recordal(session, file, RecordalKind.ASSIGNMENT, on)
    for i, fp in enumerate(holders):
        rec.parties.append(RecordalParty(party=fp.party, role=RecordalPartyRole.ASSIGNOR, position=i))
    rec.parties.append(RecordalParty(party=new_party, role=RecordalPartyRole.ASSIGNEE, position=0))
    session.flush()
    event = record_event(
        session,
        file,
        E.ASSIGNMENT_RECORDED,
        on=on,
        actor=actor,
        expected_version=expected_version,
        today=today,
        payload={
            "recordal_id": rec.id,
            "assignee_party_id": new_party.id,
            "assignor_party_ids": [fp.party_id for fp in holders],
        },
    )
    role = holders[0].role
    for fp in holders:
        file.parties.remove(fp)
    session.flush()
    file.parties.append(FileParty(party=new_party, role=role, position=0))
    session.flush()
    return RecordalResult(rec.id, event.sequence)


def record_licence(
    session: Session,
    number: str,
    licensee: PartyInput,
    *,
    on: date,
    actor: str,
    exclusive: bool,
    territory: str = "VN",
    start: date | None = None,
    end: date | None = None,
    scope: str = "",
    expected_version: int | None = None,
    today: date | None = None,
) -> RecordalResult:
    """Licence contract (Art. 141-148): exclusive or not, territory and term within the right's term."""
    file = get_file(session, number)
    apply(replay(file), E.LICENCE_RECORDED, RightKind(file.right_kind), file.regime_id or "")
    start = start or on
    check_licence(file, start=start, end=end, exclusive=exclusive, territory=territory)
    holders = _holders(file)
    party = make_party(session, licensee)
    rec = _new_recordal(
        session,
        file,
        RecordalKind.LICENCE,
        on,
        effective_date=start,
        end_date=end,
        exclusive=exclusive,
        territory=territory,
        scope=scope,
    )
    for i, fp in enumerate(holders):
        rec.parties.append(RecordalParty(party=fp.party, role=RecordalPartyRole.LICENSOR, position=i))
    rec.parties.append(RecordalParty(party=party, role=RecordalPartyRole.LICENSEE, position=0))
    session.flush()
    event = record_event(
        session,
        file,
        E.LICENCE_RECORDED,
        on=on,
        actor=actor,
        exclusive=exclusive,
        expected_version=expected_version,
        today=today,
        payload={"recordal_id": rec.id, "exclusive": exclusive, "territory": territory},
    )
    file.parties.append(
        FileParty(
            party=party,
            role=FilePartyRole.LICENSEE,
            position=sum(1 for fp in file.parties if fp.role == FilePartyRole.LICENSEE),
        )
    )
    session.flush()
    return RecordalResult(rec.id, event.sequence)


def record_pledge(
    session: Session,
    number: str,
    pledgee: PartyInput,
    *,
    on: date,
    actor: str,
    secured_amount_vnd: int | None = None,
    end: date | None = None,
    expected_version: int | None = None,
    today: date | None = None,
) -> RecordalResult:
    """A security interest over the right (pledge/mortgage): the record lenders need for IP-backed credit."""
    file = get_file(session, number)
    apply(replay(file), E.PLEDGE_RECORDED, RightKind(file.right_kind), file.regime_id or "")
    holders = _holders(file)
    party = make_party(session, pledgee)
    rec = _new_recordal(
        session, file, RecordalKind.PLEDGE, on, end_date=end, secured_amount_vnd=secured_amount_vnd
    )
    for i, fp in enumerate(holders):
        rec.parties.append(RecordalParty(party=fp.party, role=RecordalPartyRole.PLEDGOR, position=i))
    rec.parties.append(RecordalParty(party=party, role=RecordalPartyRole.PLEDGEE, position=0))
    session.flush()
    event = record_event(
        session,
        file,
        E.PLEDGE_RECORDED,
        on=on,
        actor=actor,
        expected_version=expected_version,
        today=today,
        payload={"recordal_id": rec.id, "pledgee_party_id": party.id},
    )
    return RecordalResult(rec.id, event.sequence)


def release_pledge(
    session: Session,
    number: str,
    recordal_id: int,
    *,
    on: date,
    actor: str,
    expected_version: int | None = None,
    today: date | None = None,
) -> RecordalResult:
    file = get_file(session, number)
    rec = next((r for r in file.recordals if r.id == recordal_id and r.kind == RecordalKind.PLEDGE), None)
    if rec is None or rec.status != "recorded":
        raise UserError("office.recordal.not_found", field="recordal_id", rule="register", value=recordal_id)
    event = record_event(
        session,
        file,
        E.PLEDGE_RELEASED,
        on=on,
        actor=actor,
        expected_version=expected_version,
        today=today,
        payload={"recordal_id": rec.id},
    )
    rec.status = "released"
    rec.end_date = on
    session.flush()
    return RecordalResult(rec.id, event.sequence)


def record_change(
    session: Session,
    number: str,
    *,
    on: date,
    actor: str,
    new_name: str | None = None,
    new_address: str | None = None,
    expected_version: int | None = None,
    today: date | None = None,
) -> RecordalResult:
    """Change of the holder's name or address (Art. 97(1)(a)): the party record changes through the event."""
    file = get_file(session, number)
    if not new_name and not new_address:
        raise UserError("office.filing.required", field="new_name", rule="Luật SHTT Art. 97", what="new_name")
    code = E.NAME_CHANGED if new_name else E.ADDRESS_CHANGED
    apply(replay(file), code, RightKind(file.right_kind), file.regime_id or "")
    holder: Party = _holders(file)[0].party
    kind = RecordalKind.CHANGE_NAME if new_name else RecordalKind.CHANGE_ADDRESS
    rec = _new_recordal(
        session,
        file,
        kind,
        on,
        old_name=holder.name,
        old_address=holder.address,
        new_name=new_name,
        new_address=new_address,
    )
    rec.parties.append(RecordalParty(party=holder, role=RecordalPartyRole.HOLDER, position=0))
    session.flush()
    event = record_event(
        session,
        file,
        code,
        on=on,
        actor=actor,
        expected_version=expected_version,
        today=today,
        payload={"recordal_id": rec.id, "party_id": holder.id},
    )
    if new_name:
        holder.name = new_name
    if new_address:
        holder.address = new_address
    session.flush()
    return RecordalResult(rec.id, event.sequence)
