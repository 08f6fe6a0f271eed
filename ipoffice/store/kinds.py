"""Closed vocabularies stored in the register's columns (stored as their string values).

The kinds of right and mark come from :mod:`ipoffice.core.rights`; the others are the store's own: how a file
reached the office, what a priority claim rests on, which classification scheme a symbol belongs to, what a
recordal changes, what a dispute case is, and the roles of people in files, recordals, cases and the web.
"""

from __future__ import annotations

from enum import StrEnum

from ipoffice.core.rights import MarkKind, PriorRightKind, RightKind

__all__ = [
    "AuditAction",
    "CaseKind",
    "CasePartyRole",
    "ClassificationScheme",
    "FilePartyRole",
    "FilingRoute",
    "MarkKind",
    "PartyKind",
    "PriorRightKind",
    "PriorityKind",
    "RecordalKind",
    "RecordalPartyRole",
    "RightKind",
    "UserRole",
]


class FilingRoute(StrEnum):
    NATIONAL = "national"
    PCT = "pct"
    MADRID = "madrid"
    HAGUE = "hague"


class PriorityKind(StrEnum):
    """Paris Convention Art. 4, PCT Art. 8, Madrid Protocol Art. 4(2), Hague Agreement Art. 6."""

    PARIS = "paris"
    PCT = "pct"
    MADRID = "madrid"
    HAGUE = "hague"


class ClassificationScheme(StrEnum):
    NICE = "nice"
    IPC = "ipc"
    CPC = "cpc"
    LOCARNO = "locarno"
    VIENNA = "vienna"


class PartyKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"


class FilePartyRole(StrEnum):
    APPLICANT = "applicant"
    OWNER = "owner"
    INVENTOR = "inventor"
    AUTHOR = "author"  # author of a design or layout design
    REPRESENTATIVE = "representative"  # an IP agent (registration number on the party)
    MANAGEMENT_ORGANISATION = "management_organisation"  # GI (Law on IP Art. 121(2))
    AUTHORISED_USER = "authorised_user"  # GI, collective and certification marks
    LICENSEE = "licensee"


class RecordalKind(StrEnum):
    ASSIGNMENT = "assignment"
    LICENCE = "licence"
    PLEDGE = "pledge"
    CHANGE_NAME = "change_name"
    CHANGE_ADDRESS = "change_address"


class RecordalPartyRole(StrEnum):
    ASSIGNOR = "assignor"
    ASSIGNEE = "assignee"
    LICENSOR = "licensor"
    LICENSEE = "licensee"
    PLEDGOR = "pledgor"
    PLEDGEE = "pledgee"
    HOLDER = "holder"  # the holder whose name or address changes
    REPRESENTATIVE = "representative"


class CaseKind(StrEnum):
    OPPOSITION = "opposition"
    THIRD_PARTY_OPINION = "third_party_opinion"
    INVALIDATION = "invalidation"
    CANCELLATION = "cancellation"
    COMPLAINT_FIRST = "complaint_first"
    COMPLAINT_SECOND = "complaint_second"
    RE_EXAMINATION = "re_examination"
    MEDIATION = "mediation"


class CasePartyRole(StrEnum):
    REQUESTER = "requester"  # opponent, applicant for invalidation, complainant
    HOLDER = "holder"  # the applicant or owner of the right in dispute
    RESPONDENT = "respondent"
    REPRESENTATIVE = "representative"
    MEDIATOR = "mediator"
    INTERVENER = "intervener"


class UserRole(StrEnum):
    PUBLIC = "public"
    APPLICANT = "applicant"
    AGENT = "agent"
    EXAMINER = "examiner"
    REGISTRAR = "registrar"
    ADMIN = "admin"


class AuditAction(StrEnum):
    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"
