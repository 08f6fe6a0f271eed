"""INID codes ("Internationally agreed Numbers for the Identification of (bibliographic) Data") per right.

WIPO ST.9 labels patent data, ST.60 mark data and ST.80 industrial-design data; the gazette and the certificates
print each bibliographic item with its code, so a reader of any language finds "(21)" is the application number.
The codes and their English titles follow the standards' lists; the Vietnamese labels are the ones used in the
Official Gazette of Industrial Property (Công báo Sở hữu công nghiệp).

Geographical indications and layout designs have no WIPO INID standard: this office labels GIs with the ST.60
codes and layout designs with the ST.9 codes, marked ``verify`` [verify: IP Viet Nam's practice].

ST.16 kind codes for Vietnamese patent documents are one small table (``KIND_CODES``) [verify against IP Viet
Nam's ST.16 declaration in the WIPO Handbook, Part 7.3].
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ipoffice.core.rights import MarkKind, RightKind
from ipoffice.store.kinds import ClassificationScheme, FilePartyRole, FilingRoute
from ipoffice.store.models import Event, FileParty, IPFile

ST9, ST60, ST80 = "ST.9", "ST.60", "ST.80"

# code -> (Vietnamese label, English label), per standard.
LABELS: dict[str, dict[str, tuple[str, str]]] = {
    ST9: {
        "11": ("Số bằng", "Number of the patent"),
        "13": ("Mã loại tài liệu (WIPO ST.16)", "Kind of document code (WIPO ST.16)"),
        "15": ("Ngày cấp", "Date of grant"),
        "18": ("Ngày hết hạn dự kiến", "Expected expiration date"),
        "21": ("Số đơn", "Application number"),
        "22": ("Ngày nộp đơn", "Filing date"),
        "30": ("Dữ liệu ưu tiên", "Priority data"),
        "43": ("Ngày công bố đơn", "Date of publication of the application"),
        "45": ("Ngày công bố bằng", "Date of publication of the granted patent"),
        "51": ("Phân loại sáng chế quốc tế (IPC)", "International Patent Classification"),
        "54": ("Tên sáng chế", "Title of the invention"),
        "71": ("Người nộp đơn", "Applicant"),
        "72": ("Tác giả sáng chế", "Inventor"),
        "73": ("Chủ bằng", "Owner (grantee)"),
        "74": ("Đại diện sở hữu công nghiệp", "Representative"),
        "86": ("Số đơn quốc tế (PCT)", "International application (PCT)"),
    },
    ST60: {
        "111": ("Số giấy chứng nhận", "Registration number"),
        "151": ("Ngày cấp", "Date of registration"),
        "180": ("Ngày hết hạn dự kiến", "Expected expiration date"),
        "210": ("Số đơn", "Application number"),
        "220": ("Ngày nộp đơn", "Filing date"),
        "300": ("Dữ liệu ưu tiên", "Priority data"),
        "441": ("Ngày công bố đơn", "Date of publication of the application"),
        "450": ("Ngày công bố đăng ký", "Date of publication of the registration"),
        "511": ("Phân loại Nice và danh mục sản phẩm/dịch vụ", "Nice classification and goods/services"),
        "531": ("Phân loại Vienna", "Vienna classification of figurative elements"),
        "540": ("Nhãn hiệu", "Reproduction of the mark"),
        "551": ("Nhãn hiệu tập thể / chứng nhận", "Collective or certification mark"),
        "731": ("Người nộp đơn", "Applicant"),
        "732": ("Chủ giấy chứng nhận", "Holder of the registration"),
        "740": ("Đại diện sở hữu công nghiệp", "Representative"),
        "800": ("Đăng ký quốc tế (Madrid)", "International registration (Madrid)"),
    },
    ST80: {
        "11": ("Số bằng", "Registration number"),
        "15": ("Ngày cấp", "Date of registration"),
        "18": ("Ngày hết hạn dự kiến", "Expected expiration date"),
        "21": ("Số đơn", "Application number"),
        "22": ("Ngày nộp đơn", "Filing date"),
        "30": ("Dữ liệu ưu tiên", "Priority data"),
        "45": ("Ngày công bố", "Date of publication"),
        "51": ("Phân loại Locarno", "Locarno classification"),
        "54": ("Tên sản phẩm", "Designation of the articles"),
        "71": ("Người nộp đơn", "Applicant"),
        "72": ("Tác giả kiểu dáng", "Creator"),
        "73": ("Chủ bằng", "Owner"),
        "74": ("Đại diện sở hữu công nghiệp", "Representative"),
        "81": ("Đăng ký quốc tế (Hague)", "International registration (Hague)"),
    },
}

# Labels that read differently for a right than the standard's general wording.
LABEL_OVERRIDES: dict[RightKind, dict[str, tuple[str, str]]] = {
    RightKind.UTILITY_SOLUTION: {
        "54": ("Tên giải pháp hữu ích", "Title of the utility solution"),
        "72": ("Tác giả giải pháp hữu ích", "Inventor"),
    },
    RightKind.LAYOUT_DESIGN: {
        "11": ("Số giấy chứng nhận", "Registration number"),
        "15": ("Ngày cấp", "Date of registration"),
        "54": ("Tên thiết kế bố trí", "Title of the layout design"),
        "72": ("Tác giả thiết kế bố trí", "Creator"),
        "73": ("Chủ giấy chứng nhận", "Holder of the registration"),
    },
    RightKind.GI: {
        "540": ("Chỉ dẫn địa lý", "Geographical indication"),
        "732": ("Tổ chức đăng ký chỉ dẫn địa lý", "Registrant of the geographical indication"),
    },
}

# The INID standard each right is labelled with; ``True`` marks a choice of this office, not a WIPO rule.
STANDARD_OF: dict[RightKind, tuple[str, bool]] = {
    RightKind.INVENTION: (ST9, False),
    RightKind.UTILITY_SOLUTION: (ST9, False),
    RightKind.LAYOUT_DESIGN: (ST9, True),
    RightKind.DESIGN: (ST80, False),
    RightKind.TRADEMARK: (ST60, False),
    RightKind.GI: (ST60, True),
}

# ST.16 kind codes of Vietnamese patent documents: (right, granted?) -> code [verify].
KIND_CODES: dict[tuple[RightKind, bool], str] = {
    (RightKind.INVENTION, False): "A",
    (RightKind.INVENTION, True): "B",
    (RightKind.UTILITY_SOLUTION, False): "U",
    (RightKind.UTILITY_SOLUTION, True): "Y",
}
KIND_CODES_VERIFY = True

# The semantic items, and their code under each standard.
_ITEM_CODES: dict[str, dict[str, str]] = {
    "registration_number": {ST9: "11", ST60: "111", ST80: "11"},
    "kind_code": {ST9: "13"},
    "registration_date": {ST9: "15", ST60: "151", ST80: "15"},
    "expiry_date": {ST9: "18", ST60: "180", ST80: "18"},
    "application_number": {ST9: "21", ST60: "210", ST80: "21"},
    "filing_date": {ST9: "22", ST60: "220", ST80: "22"},
    "priority": {ST9: "30", ST60: "300", ST80: "30"},
    "publication_date": {ST9: "43", ST60: "441", ST80: "45"},
    "grant_publication_date": {ST9: "45", ST60: "450", ST80: "45"},
    "classification": {ST9: "51", ST60: "511", ST80: "51"},
    "vienna": {ST60: "531"},
    "title": {ST9: "54", ST60: "540", ST80: "54"},
    "mark_kind": {ST60: "551"},
    "applicant": {ST9: "71", ST60: "731", ST80: "71"},
    "inventor": {ST9: "72", ST80: "72"},
    "owner": {ST9: "73", ST60: "732", ST80: "73"},
    "representative": {ST9: "74", ST60: "740", ST80: "74"},
    "international": {ST9: "86", ST60: "800", ST80: "81"},
}


@dataclass(frozen=True)
class InidField:
    """One bibliographic item: its INID code, labels and one or more values (already formatted as text)."""

    code: str
    label_vi: str
    label_en: str
    values: tuple[str, ...]

    def label(self, lang: str = "vi") -> str:
        return self.label_en if lang == "en" else self.label_vi

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "label_vi": self.label_vi,
            "label_en": self.label_en,
            "values": list(self.values),
        }


def standard_for(right: RightKind | str) -> str:
    return STANDARD_OF[RightKind(right)][0]


def kind_code(right: RightKind | str, granted: bool) -> str | None:
    """The ST.16 kind code of a patent document (``None`` for rights that have none)."""
    return KIND_CODES.get((RightKind(right), granted))


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _party(fp: FileParty) -> str:
    p = fp.party
    text = p.name
    if p.country:
        text += f" ({p.country})"
    if p.address:
        text += f", {p.address}"
    if fp.role == FilePartyRole.REPRESENTATIVE and p.agent_registration_number:
        text += f" [{p.agent_registration_number}]"
    return text


def _parties(file: IPFile, *roles: FilePartyRole) -> list[str]:
    return [_party(fp) for fp in file.parties if fp.role in roles]


def _classifications(file: IPFile, scheme: ClassificationScheme) -> list[str]:
    out = []
    for c in file.classifications:
        if c.scheme != scheme:
            continue
        if scheme == ClassificationScheme.NICE and c.terms:
            out.append(f"{c.symbol}: {'; '.join(str(t) for t in c.terms)}")
        else:
            out.append(f"{c.symbol}{f' ({c.edition})' if c.edition else ''}")
    return out


def bibliographic(
    file: IPFile,
    *,
    granted: bool,
    registration_number: str | None = None,
    grant_event: Event | None = None,
) -> list[InidField]:
    """The file's bibliographic data as INID fields, in code order.

    ``granted`` selects the grant view (registration number, owners, dates of grant and expiry) over the
    application view (applicants). ``registration_number`` and ``grant_event`` give the values as they were at the
    grant (the event's payload), rather than the register's current row.
    """
    right = RightKind(file.right_kind)
    std = standard_for(right)
    items: dict[str, list[str]] = {}

    def put(item: str, values: Sequence[str | None] | str | None) -> None:
        code = _ITEM_CODES[item].get(std)
        if code is None:
            return
        vals = [values] if isinstance(values, str) or values is None else values
        clean = [v for v in vals if v]
        if clean:
            items.setdefault(code, []).extend(clean)

    if granted:
        put("registration_number", registration_number or file.registration_number)
        put("registration_date", _iso(grant_event.event_date if grant_event else file.registration_date))
        put("expiry_date", _iso(file.expiry_date))
        put("grant_publication_date", _iso(grant_event.event_date if grant_event else file.registration_date))
    put("kind_code", kind_code(right, granted))
    put("application_number", file.application_number)
    put("filing_date", _iso(file.filing_date))
    put(
        "priority",
        [f"{p.country} {p.number} {p.priority_date.isoformat()}" for p in file.priority_claims],
    )
    if std != ST80 or not granted:  # ST.80 (45) is one date: the grant's when granted
        put("publication_date", _iso(file.publication_date))
    scheme = {
        ST9: ClassificationScheme.IPC,
        ST60: ClassificationScheme.NICE,
        ST80: ClassificationScheme.LOCARNO,
    }[std]
    put("classification", _classifications(file, scheme))
    put("vienna", _classifications(file, ClassificationScheme.VIENNA))
    put("title", file.mark_text or file.title if std == ST60 else file.title or file.mark_text)
    if file.mark_kind in (MarkKind.COLLECTIVE, MarkKind.CERTIFICATION):
        put(
            "mark_kind",
            {
                MarkKind.COLLECTIVE: "Nhãn hiệu tập thể / Collective mark",
                MarkKind.CERTIFICATION: "Nhãn hiệu chứng nhận / Certification mark",
            }[MarkKind(file.mark_kind)],
        )
    if granted:
        owners = _parties(file, FilePartyRole.OWNER) or _parties(file, FilePartyRole.APPLICANT)
        put("owner", owners)
    else:
        put("applicant", _parties(file, FilePartyRole.APPLICANT))
    put("inventor", _parties(file, FilePartyRole.INVENTOR, FilePartyRole.AUTHOR))
    put("representative", _parties(file, FilePartyRole.REPRESENTATIVE))
    if file.filing_route != FilingRoute.NATIONAL and file.international_number:
        put("international", file.international_number)

    labels = {**LABELS[std], **LABEL_OVERRIDES.get(right, {})}
    return [
        InidField(code, labels[code][0], labels[code][1], tuple(values))
        for code, values in sorted(items.items(), key=lambda kv: int(kv[0]))
    ]
