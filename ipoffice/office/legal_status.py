"""WIPO legal-status codes for each event: ST.27 (patents), ST.61 (marks), ST.87 (industrial designs).

ST.27 source: the ST.96 V6_0 schema ``PatentLegalStatusData_V6_0.xsd`` (``KeyEventCodeType``,
``DetailedEventCodeType``, ``StateCodeType``, ``StageCodeType``), which enumerates the standard's categories
A-Y, key events ``X10`` and detailed events ``X11...`` with their titles; the codes and titles below are copied
from that schema and confirmed. The INPADOC legal-event table (EPO, week 2024/17) groups national events in the
same category letters (A application filing ... Y correction), which is how the national events are mapped.

ST.61 (marks) and ST.87 (designs) extend the ST.27 model (states, stages, categories, key and detailed events) to
marks and designs. Their own code lists were not in the stored sources: the codes below reuse the ST.27 category
letter and key event and carry ``verify=True`` until checked against the standards' annexes [verify].

A status event carries: the category letter, the key event (``F10``), the detailed event (``F11``), the state
after the event (A active, N not active, T terminated) and the stage (1 filing ... 6 terminated).
"""

from __future__ import annotations

from dataclasses import dataclass

from ipoffice.core.rights import RightKind
from ipoffice.office.events import EventCode
from ipoffice.office.workflow import Status

E = EventCode

# ST.27 category letters and titles (ST.96 V6_0 KeyEventCodeType; INPADOC event classes use the same letters).
CATEGORIES: dict[str, str] = {
    "A": "Application filing",
    "B": "Application discontinuation",
    "C": "Application revival",
    "D": "Search and examination",
    "E": "Pre-grant review request",
    "F": "IP right grant",
    "G": "Protection beyond IP right term",
    "H": "IP right cessation",
    "K": "IP right revival",
    "L": "IP right review request",
    "M": "IP right maintenance",
    "N": "Application or IP right termination",
    "P": "Document modification",
    "Q": "Document publication",
    "R": "Party data change",
    "S": "Information on licensing and similar transactions",
    "T": "Administrative procedure adjustment",
    "U": "Payment",
    "V": "Appeal",
    "W": "Other",
    "Y": "Correction and deletion of event information",
}

# ST.27 detailed events used by this office (code -> title, from DetailedEventCodeType of ST.96 V6_0).
ST27_DETAILED: dict[str, str] = {
    "A12": "National or regional application filed",
    "A16": "Divisional, continuation or continuation in part application filed",
    "A18": "Application divided or continuation or continuation in part accepted",
    "B11": "Application withdrawn",
    "B12": "Application deemed to be withdrawn, abandoned or lapsed",
    "B15": "Application refused following examination",
    "B17": "Application discontinued following pre-grant review",
    "C13": "Application revived following an application revival request",
    "D00": "No mapped category D detailed event",
    "D11": "Substantive examination requested",
    "D15": "Examination report completed",
    "D21": "Rejection of application intended",
    "D22": "Grant of IP right intended",
    "E11": "Pre-grant opposition filed",
    "E14": "Pre-grant third party observation filed",
    "E15": "Request for pre-grant review rejected",
    "F11": "IP right granted following substantive examination",
    "F12": "IP right granted following formality examination",
    "H12": "IP right ceased following an IP right review",
    "H13": "IP right lapsed",
    "H14": "IP right expired",
    "H15": "IP right surrendered",
    "K13": "IP right revived in full",
    "L15": "Invalidation requested",
    "L18": "Request for IP right review rejected",
    "M11": "IP right maintained in full following an IP right review or an appeal",
    "P13": "Application amended",
    "P16": "IP right document amended",
    "Q12": "Application published",
    "R13": "Change to the name of applicant or owner recorded",
    "R14": "Transfer of ownership recorded",
    "R17": "Change to representative recorded",
    "R18": "Changes to party contact information recorded",
    "S13": "Recordation of voluntary license cancelled",
    "S14": "Exclusive voluntary license recorded",
    "S17": "Non-exclusive voluntary license recorded",
    "S20": "Security interest recorded",
    "S22": "Recordation of security interest cancelled",
    "T14": "Administrative procedure suspended or stayed",
    "T16": "Administrative procedure resumed",
    "U11": "Full renewal or maintenance fee paid",
    "V11": "Administrative appeal requested",
    "V00": "No mapped category V detailed event",
    "W00": "No mapped category W detailed event",
}

# event -> (ST.27 detailed event, verify). ``verify`` marks a mapping that is our reading, not a stated example.
_EVENT_TO_ST27: dict[EventCode, tuple[str, bool]] = {
    E.FILED: ("A12", False),
    E.FORMALITY_ACCEPTED: ("D00", True),  # no ST.27 event for a formal acceptance decision
    E.FORMALITY_DEFICIENCY_NOTIFIED: ("D15", True),
    E.FORMALITY_REFUSED: ("B15", False),  # "refused following a formality or substantive examination"
    E.PUBLISHED: ("Q12", False),
    E.EXAMINATION_REQUESTED: ("D11", False),
    E.THIRD_PARTY_OPINION_RECEIVED: ("E14", False),
    E.OPPOSITION_FILED: ("E11", False),
    E.OPPOSITION_REJECTED: ("E15", True),
    E.OPPOSITION_UPHELD: ("B17", False),
    E.OFFICE_ACTION_ISSUED: ("D15", False),
    E.RESPONSE_RECEIVED: ("D00", True),
    E.INTENDED_GRANT_NOTIFIED: ("D22", False),
    E.INTENDED_REFUSAL_NOTIFIED: ("D21", False),
    E.GRANTED: ("F11", False),
    E.REFUSED: ("B15", False),
    E.WITHDRAWN: ("B11", False),
    E.DEEMED_WITHDRAWN: ("B12", False),
    E.REVIVED: ("C13", False),
    E.DIVIDED: ("A18", False),
    E.AMENDED: ("P13", False),
    E.RENEWED: ("U11", True),
    E.ANNUITY_PAID: ("U11", False),
    E.LAPSED: ("H13", False),
    E.RESTORED: ("K13", False),
    E.EXPIRED: ("H14", False),
    E.SURRENDERED: ("H15", False),
    E.INVALIDATION_REQUESTED: ("L15", False),
    E.INVALIDATION_REJECTED: ("L18", False),
    E.INVALIDATED: ("H12", False),
    E.INVALIDATION_REVERSED: ("M11", True),
    E.ASSIGNMENT_RECORDED: ("R14", False),
    E.LICENCE_RECORDED: ("S17", False),  # S14 when the licence is exclusive (see legal_status_for)
    E.LICENCE_CANCELLED: ("S13", False),
    E.PLEDGE_RECORDED: ("S20", False),
    E.PLEDGE_RELEASED: ("S22", False),
    E.NAME_CHANGED: ("R13", False),
    E.ADDRESS_CHANGED: ("R18", False),
    E.REPRESENTATIVE_CHANGED: ("R17", False),
    E.COMPLAINT_FILED: ("V11", False),
    E.COMPLAINT_DECIDED: ("V00", True),
    E.PROCEDURE_SUSPENDED: ("T14", False),
    E.PROCEDURE_RESUMED: ("T16", False),
}

# ST.27 StateCodeType (A active, N not active, T terminated) and StageCodeType (1 filing ... 6 terminated)
_STATE_STAGE: dict[Status, tuple[str, int]] = {
    Status.FILED: ("A", 1),
    Status.FORMALITY_DEFICIENT: ("A", 1),
    Status.ACCEPTED: ("A", 1),
    Status.PUBLISHED: ("A", 2),
    Status.UNDER_EXAMINATION: ("A", 2),
    Status.OFFICE_ACTION: ("A", 2),
    Status.INTENDED_GRANT: ("A", 2),
    Status.INTENDED_REFUSAL: ("A", 2),
    Status.SUSPENDED: ("A", 2),
    Status.GRANTED: ("A", 4),
    Status.REFUSED: ("N", 6),  # not active: a complaint can still revive it
    Status.WITHDRAWN: ("T", 6),
    Status.DEEMED_WITHDRAWN: ("N", 6),
    Status.LAPSED: ("N", 6),  # restoration possible
    Status.EXPIRED: ("T", 6),
    Status.SURRENDERED: ("T", 6),
    Status.INVALIDATED: ("T", 6),
}


@dataclass(frozen=True)
class LegalStatusCode:
    """The WIPO legal-status coding of one event on one file."""

    standard: str  # "ST.27", "ST.61" or "ST.87"
    category: str  # "F"
    key_event: str  # "F10"
    detailed_event: str  # "F11"
    state: str  # "A", "N" or "T" after the event
    stage: int  # 1..6 after the event
    verify: bool = False

    @property
    def code(self) -> str:
        """The value stored on the event row, e.g. ``ST.27:F11``."""
        return f"{self.standard}:{self.detailed_event}"

    @property
    def title(self) -> str:
        return ST27_DETAILED.get(self.detailed_event, CATEGORIES.get(self.category, ""))


def legal_status_for(
    event: EventCode | str, right: RightKind | str, status_after: Status | str, *, exclusive: bool = False
) -> LegalStatusCode:
    """The legal-status code of ``event`` on a file of ``right`` that is in ``status_after`` once it is recorded."""
    ev = EventCode(event)
    kind = RightKind(right)
    detailed, verify = _EVENT_TO_ST27[ev]
    if ev is E.LICENCE_RECORDED and exclusive:
        detailed = "S14"
    if ev is E.GRANTED and kind is RightKind.LAYOUT_DESIGN:
        detailed = "F12"  # granted after formality examination only [verify]
        verify = True
    standard = kind.legal_status_standard
    if standard != "ST.27":
        verify = True  # ST.61 / ST.87 codes reuse the ST.27 model until checked [verify]
    state, stage = _STATE_STAGE[Status(status_after)]
    return LegalStatusCode(
        standard=standard,
        category=detailed[0],
        key_event=f"{detailed[0]}10" if not detailed.endswith("00") else detailed,
        detailed_event=detailed,
        state=state,
        stage=stage,
        verify=verify,
    )
