"""IP Viet Nam's application and certificate numbers, and their WIPO ST.13 form.

National application number: ``T-YYYY-NNNNN`` -- a type digit (1 invention, 2 utility solution, 3 industrial
design, 4 trademark), the filing year and a serial, e.g. trademark application 4-2020-37528 (research notes
§3.5). IP Viet Nam's WIPO Publish data prefixes the office code (``VN4-2026-01234``); both are accepted.

ST.13 (WIPO Standard ST.13, revised 2008; ST.96 ``ST13ApplicationNumberType`` = ``\\d{2}\\d{4}\\d{9}``): the
two-letter ST.3 office code, a 2-digit IP-type code, the 4-digit year and a 9-digit serial, 17 characters:
4-2026-01234 -> ``VN502026000001234``. All codes live in :data:`NUMBER_KINDS`, one row per right; rows whose
codes could not be confirmed carry ``verify=True``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import total_ordering

from ipoffice.core import i18n
from ipoffice.core.errors import UserError
from ipoffice.core.rights import RightKind

i18n.register(
    {
        "numbering.malformed": {
            "vi": "Số đơn «{value}» không đúng dạng T-YYYY-NNNNN (ví dụ 4-2026-01234)",
            "en": "Application number '{value}' is not of the form T-YYYY-NNNNN (e.g. 4-2026-01234)",
        },
        "numbering.unknown_type": {
            "vi": "Số đơn «{value}»: chữ số loại đơn {digit} không được sử dụng",
            "en": "Application number '{value}': type digit {digit} is not used",
        },
        "numbering.bad_year": {
            "vi": "Số đơn «{value}»: năm {year} nằm ngoài khoảng 1981-2999",
            "en": "Application number '{value}': year {year} is outside 1981-2999",
        },
        "numbering.st13_malformed": {
            "vi": "Số ST.13 «{value}» không đúng dạng: mã cơ quan (2 chữ) + loại (2 số) + năm (4 số) + số thứ tự (9 số)",
            "en": "ST.13 number '{value}' is malformed: office (2 letters) + IP type (2 digits) + year (4) + serial (9)",
        },
        "numbering.st13_unknown_type": {
            "vi": "Số ST.13 «{value}»: mã loại {type_code} không tương ứng với loại quyền nào",
            "en": "ST.13 number '{value}': IP-type code {type_code} matches no kind of right",
        },
        "numbering.st13_other_office": {
            "vi": "Số ST.13 «{value}» thuộc cơ quan {office}, không phải {expected}",
            "en": "ST.13 number '{value}' belongs to office {office}, not {expected}",
        },
        "numbering.certificate_malformed": {
            "vi": "Số văn bằng «{value}» không đúng dạng {pattern}",
            "en": "Certificate number '{value}' is not of the form {pattern}",
        },
    }
)

FIELD = "number"
RULE_NATIONAL = "IP Viet Nam application numbering T-YYYY-NNNNN"
RULE_ST13 = "WIPO ST.13 (ST.96 ST13ApplicationNumberType)"
RULE_CERTIFICATE = "IP Viet Nam certificate numbering"


@dataclass(frozen=True)
class NumberKind:
    """How one kind of right is numbered: national type digit, ST.13 IP-type code, certificate format.

    ``verify`` marks rows whose codes could not be confirmed from a primary source.
    """

    right: RightKind
    type_digit: int
    st13_code: str
    certificate_pattern: str  # regex of the certificate number, without an optional "-NNN" version suffix
    certificate_example: str
    verify: bool = False
    note: str = ""


# One table. ST.13 codes: 10 patents for inventions, 20 utility models, 50 trademarks are the ST.13 IP-type
# codes (50 and 52 also used by WIPO's Global Brand Database transformation for national marks and GIs).
NUMBER_KINDS: tuple[NumberKind, ...] = (
    NumberKind(RightKind.INVENTION, 1, "10", r"1-\d{7}", "1-0012345"),
    NumberKind(RightKind.UTILITY_SOLUTION, 2, "20", r"2-\d{7}", "2-0001234"),
    NumberKind(
        RightKind.DESIGN,
        3,
        "70",
        r"3-\d{7}",
        "3-0012345",
        verify=True,
        note="ST.13 code 70 for designs [verify]",
    ),
    NumberKind(RightKind.TRADEMARK, 4, "50", r"4-\d{7}", "4-0312345"),
    NumberKind(
        RightKind.LAYOUT_DESIGN,
        5,
        "40",
        r"5-\d{7}",
        "5-0000012",
        verify=True,
        note="national digit 5, ST.13 code 40 and certificate format not confirmed [verify]",
    ),
    NumberKind(
        RightKind.GI,
        6,
        "52",
        r"\d{5}",
        "00123",
        verify=True,
        note="national digit 6 not confirmed [verify]; code 52 as in WIPO's Global Brand Database; "
        "GI certificates are numbered serially (e.g. No. 00001) [verify]",
    ),
)

_BY_RIGHT = {k.right: k for k in NUMBER_KINDS}
_BY_DIGIT = {k.type_digit: k for k in NUMBER_KINDS}
_BY_ST13 = {k.st13_code: k for k in NUMBER_KINDS}

_DASH = r"\s*[-\u2010\u2011\u2012\u2013\u2014\u2212]\s*"
_NATIONAL = re.compile(rf"^(?:VN\s*)?(\d){_DASH}(\d{{4}}){_DASH}(\d{{1,9}})$", re.IGNORECASE)
_ST13 = re.compile(r"^([A-Z]{2})(\d{2})(\d{4})(\d{9})$")


def number_kind(right: RightKind | str) -> NumberKind:
    return _BY_RIGHT[RightKind(right)]


def type_digit(right: RightKind | str) -> int:
    """The national type digit of a kind of right (e.g. trademark -> 4)."""
    return number_kind(right).type_digit


@total_ordering
@dataclass(frozen=True)
class ApplicationNumber:
    """A national application number: ``str(ApplicationNumber(4, 2026, 1234)) == "4-2026-01234"``."""

    type_digit: int
    year: int
    serial: int

    def __post_init__(self) -> None:
        value = f"{self.type_digit}-{self.year}-{self.serial:05d}"
        if self.type_digit not in _BY_DIGIT:
            raise UserError(
                "numbering.unknown_type", field=FIELD, rule=RULE_NATIONAL, value=value, digit=self.type_digit
            )
        if not 1981 <= self.year <= 2999:
            raise UserError(
                "numbering.bad_year", field=FIELD, rule=RULE_NATIONAL, value=value, year=self.year
            )
        if not 0 < self.serial <= 999_999_999:
            raise UserError("numbering.malformed", field=FIELD, rule=RULE_NATIONAL, value=value)

    @classmethod
    def parse(cls, text: str) -> ApplicationNumber:
        """Parse ``4-2026-01234``, ``VN4-2026-01234``, ``4 – 2026 – 1234`` (spaces, en/em dashes)."""
        value = str(text).strip()
        m = _NATIONAL.match(value)
        if not m:
            raise UserError("numbering.malformed", field=FIELD, rule=RULE_NATIONAL, value=value)
        digit, year, serial = (int(g) for g in m.groups())
        return cls(digit, year, serial)

    @classmethod
    def for_right(cls, right: RightKind | str, year: int, serial: int) -> ApplicationNumber:
        return cls(type_digit(right), year, serial)

    @property
    def right(self) -> RightKind:
        return _BY_DIGIT[self.type_digit].right

    def __str__(self) -> str:
        return f"{self.type_digit}-{self.year}-{self.serial:05d}"

    def with_office(self, office: str = "VN") -> str:
        """The form used in IP Viet Nam's WIPO Publish data: ``VN4-2026-01234``."""
        return f"{office}{self}"

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, ApplicationNumber):
            return NotImplemented
        return (self.type_digit, self.year, self.serial) < (other.type_digit, other.year, other.serial)


def parse_application_number(text: str) -> ApplicationNumber:
    return ApplicationNumber.parse(text)


def to_st13(number: ApplicationNumber | str, office: str = "VN") -> str:
    """The ST.13 form: office + IP-type code + year + 9-digit serial, e.g. 4-2026-01234 -> VN502026000001234."""
    if not isinstance(number, ApplicationNumber):
        number = ApplicationNumber.parse(number)
    code = _BY_DIGIT[number.type_digit].st13_code
    return f"{office.upper()}{code}{number.year:04d}{number.serial:09d}"


def from_st13(st13: str, office: str = "VN") -> ApplicationNumber:
    """The national number of an ST.13 number of ``office`` (the inverse of :func:`to_st13`)."""
    value = re.sub(r"[\s-]", "", str(st13)).upper()
    m = _ST13.match(value)
    if not m:
        raise UserError("numbering.st13_malformed", field=FIELD, rule=RULE_ST13, value=st13)
    got_office, code, year, serial = m.groups()
    if got_office != office.upper():
        raise UserError(
            "numbering.st13_other_office",
            field=FIELD,
            rule=RULE_ST13,
            value=st13,
            office=got_office,
            expected=office.upper(),
        )
    kind = _BY_ST13.get(code)
    if kind is None:
        raise UserError(
            "numbering.st13_unknown_type", field=FIELD, rule=RULE_ST13, value=st13, type_code=code
        )
    return ApplicationNumber(kind.type_digit, int(year), int(serial))


def st96_application_number(number: ApplicationNumber) -> str:
    """The 15-digit ``ST13ApplicationNumber`` of ST.96 (IP type + year + serial, no office code)."""
    return to_st13(number)[2:]


@dataclass(frozen=True)
class CertificateNumber:
    """A protection title's number, e.g. trademark certificate ``4-0312345``.

    IP Viet Nam's registers show a 3-digit version suffix (``4-0312345-000``; it counts later amendments of the
    title); it is kept in ``version`` and left out of ``str()``.
    """

    right: RightKind
    number: str
    version: int = 0

    def __str__(self) -> str:
        return self.number

    @property
    def with_version(self) -> str:
        return f"{self.number}-{self.version:03d}"


def parse_certificate_number(text: str, right: RightKind | str) -> CertificateNumber:
    """Parse a certificate number for ``right``; formats in :data:`NUMBER_KINDS` (some marked verify)."""
    kind = number_kind(right)
    value = re.sub(_DASH, "-", str(text).strip())
    value = re.sub(r"^(VN)\s*", "", value, flags=re.IGNORECASE)
    m = re.match(rf"^({kind.certificate_pattern})(?:-(\d{{3}}))?$", value)
    if not m:
        raise UserError(
            "numbering.certificate_malformed",
            field=FIELD,
            rule=RULE_CERTIFICATE,
            value=text,
            pattern=kind.certificate_example,
        )
    return CertificateNumber(kind.right, m.group(1), int(m.group(2) or 0))
