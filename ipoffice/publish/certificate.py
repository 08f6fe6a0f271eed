"""The electronic protection title: the register entry of a granted right, with a verification hash.

Law on IP Art. 92(2) names the titles: invention patent, utility-solution patent, industrial-design patent, and
certificates of registration of a layout design, a mark and a geographical indication. Decree 65/2023/ND-CP makes
the title electronic by default, paper only on request [verify: the Decree's article].

The verification hash is the SHA-256 of the *canonical record*: the certificate's facts as JSON with sorted keys,
no insignificant white space, UTF-8, strings in Unicode NFC. Anyone holding the certificate can recompute it from
the printed facts or ask the office (:func:`verify_certificate`); a changed register entry (a renewal, an
assignment) gives another hash, and so does a forged certificate.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from ipoffice.core.errors import Conflict
from ipoffice.core.rights import RIGHT_LABELS, RightKind
from ipoffice.office.events import EventCode
from ipoffice.office.record import get_file
from ipoffice.publish import messages as _messages  # noqa: F401
from ipoffice.publish.inid import InidField, bibliographic, standard_for
from ipoffice.publish.render import html_to_pdf, render_html

HASH_VERSION = "ipoffice-certificate-v1"  # part of the record: a new canonical form gets a new name

# Law on IP Art. 92(2): the name of each title.
TITLE_NAMES: dict[RightKind, tuple[str, str]] = {
    RightKind.INVENTION: ("BẰNG ĐỘC QUYỀN SÁNG CHẾ", "Invention Patent"),
    RightKind.UTILITY_SOLUTION: ("BẰNG ĐỘC QUYỀN GIẢI PHÁP HỮU ÍCH", "Utility Solution Patent"),
    RightKind.DESIGN: ("BẰNG ĐỘC QUYỀN KIỂU DÁNG CÔNG NGHIỆP", "Industrial Design Patent"),
    RightKind.LAYOUT_DESIGN: (
        "GIẤY CHỨNG NHẬN ĐĂNG KÝ THIẾT KẾ BỐ TRÍ MẠCH TÍCH HỢP BÁN DẪN",
        "Certificate of Registration of a Layout Design of a Semiconductor Integrated Circuit",
    ),
    RightKind.TRADEMARK: ("GIẤY CHỨNG NHẬN ĐĂNG KÝ NHÃN HIỆU", "Certificate of Registration of a Mark"),
    RightKind.GI: (
        "GIẤY CHỨNG NHẬN ĐĂNG KÝ CHỈ DẪN ĐỊA LÝ",
        "Certificate of Registration of a Geographical Indication",
    ),
}
LEGAL_BASIS = "Luật SHTT Art. 92, 118; Nghị định 65/2023/NĐ-CP (văn bằng điện tử / electronic title) [verify]"


def canonical_json(record: dict[str, Any]) -> str:
    """The one byte-exact JSON form of ``record`` the hash is taken over."""

    def nfc(value: Any) -> Any:
        if isinstance(value, str):
            return unicodedata.normalize("NFC", value)
        if isinstance(value, dict):
            return {nfc(k): nfc(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [nfc(v) for v in value]
        return value

    return json.dumps(nfc(record), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def record_hash(record: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(record).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Certificate:
    """A protection title as issued electronically from the register."""

    right: RightKind
    registration_number: str
    application_number: str
    title_vi: str
    title_en: str
    issued_on: date
    expiry_date: date | None
    inid_standard: str
    fields: tuple[InidField, ...]
    record: dict[str, Any]
    sha256: str
    electronic: bool = True
    legal_basis: str = LEGAL_BASIS

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": {"vi": self.title_vi, "en": self.title_en},
            "electronic": self.electronic,
            "legal_basis": self.legal_basis,
            "record": self.record,
            "sha256": self.sha256,
            "hash_algorithm": "sha256 over canonical JSON (sorted keys, no spaces, UTF-8, NFC)",
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1)

    def html(self) -> str:
        return render_html(
            "certificate.html",
            cert=self,
            right_vi=RIGHT_LABELS[self.right][0],
            right_en=RIGHT_LABELS[self.right][1],
            canonical=canonical_json(self.record),
        )

    def pdf(self) -> bytes:
        return html_to_pdf(self.html())


def certificate(session: Session, number: str) -> Certificate:
    """The title of the granted file ``number`` (application or registration number)."""
    file = get_file(session, number)
    grants = [e for e in file.events if e.code == EventCode.GRANTED.value]
    if not grants or not file.registration_number:
        raise Conflict("publish.not_granted", field="number", rule="Luật SHTT Art. 118", number=number)
    grant_event = grants[-1]
    right = RightKind(file.right_kind)
    reg = (grant_event.payload or {}).get("registration_number") or file.registration_number
    fields = tuple(bibliographic(file, granted=True, registration_number=reg, grant_event=grant_event))
    vi, en = TITLE_NAMES[right]
    record: dict[str, Any] = {
        "format": HASH_VERSION,
        "office": "VN",
        "right": str(right),
        "title": vi,
        "registration_number": reg,
        "application_number": file.application_number,
        "issued_on": grant_event.event_date.isoformat(),
        "expiry_date": file.expiry_date.isoformat() if file.expiry_date else None,
        "inid_standard": standard_for(right),
        "inid": {f.code: list(f.values) for f in fields},
    }
    return Certificate(
        right=right,
        registration_number=reg,
        application_number=file.application_number,
        title_vi=vi,
        title_en=en,
        issued_on=grant_event.event_date,
        expiry_date=file.expiry_date,
        inid_standard=standard_for(right),
        fields=fields,
        record=record,
        sha256=record_hash(record),
    )


def verify_certificate(session: Session, number: str, sha256: str) -> bool:
    """Whether ``sha256`` is the hash of the title the register gives for ``number`` today."""
    return certificate(session, number).sha256 == sha256.strip().lower()
