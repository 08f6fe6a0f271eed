"""Parties: who files, owns, invents, represents, opposes; their kinds; name folding for matching; ST.3 countries.

:func:`fold_name` makes a matching key: "CÔNG TY TNHH Sữa Đà Lạt" and "Sua Da Lat Co., Ltd." both fold to
"sua da lat". It is for finding the same party under different spellings, never for display.
Countries are WIPO ST.3 two-letter codes (``ipoffice/data/countries/st3.csv``, from the ST.96 V6.0 schema).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

from ipoffice.core import i18n
from ipoffice.core.errors import UserError

i18n.register(
    {
        "parties.country_unknown": {
            "vi": "Mã quốc gia «{value}» không có trong danh mục WIPO ST.3",
            "en": "Country code '{value}' is not a WIPO ST.3 code",
        },
        "parties.country_former": {
            "vi": "Mã quốc gia «{value}» ({name}) là mã cũ, không còn dùng",
            "en": "Country code '{value}' ({name}) is a former code, no longer in use",
        },
        "parties.name_empty": {"vi": "Tên chủ thể đang để trống", "en": "The party's name is empty"},
        "parties.agent_number_not_representative": {
            "vi": "Chỉ đại diện sở hữu công nghiệp mới có số chứng chỉ hành nghề đại diện",
            "en": "Only an industrial-property representative has an agent registration number",
        },
    }
)

ST3_RULE = "WIPO ST.3 two-letter codes"


class PartyRole(StrEnum):
    """The part a party plays on a file, a recordal or a case."""

    APPLICANT = "applicant"
    OWNER = "owner"
    INVENTOR = "inventor"
    AUTHOR = "author"  # of a design or a layout design
    REPRESENTATIVE = "representative"  # an industrial-property agent (Law on IP Art. 151-156)
    OPPONENT = "opponent"
    REQUESTER = "requester"  # of an invalidation, a recordal or another request
    LICENSOR = "licensor"
    LICENSEE = "licensee"
    PLEDGOR = "pledgor"
    PLEDGEE = "pledgee"
    ASSIGNOR = "assignor"
    ASSIGNEE = "assignee"
    MANAGEMENT_ORGANISATION = "management_organisation"  # of a GI (Law on IP Art. 121(2))
    AUTHORISED_USER = "authorised_user"  # of a GI, a collective or a certification mark


class PartyKind(StrEnum):
    """What kind of person a party is (for statistics: e.g. university filings)."""

    COMPANY = "company"
    UNIVERSITY = "university"
    INDIVIDUAL = "individual"
    GOVERNMENT = "government"
    OTHER = "other"


# --- countries --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    current: bool


@cache
def _countries() -> dict[str, Country]:
    text = resources.files("ipoffice.data").joinpath("countries/st3.csv").read_text(encoding="utf-8")
    return {
        r["code"]: Country(r["code"], r["name"], r["status"] == "current")
        for r in csv.DictReader(io.StringIO(text))
    }


def countries(include_former: bool = False) -> tuple[Country, ...]:
    return tuple(c for c in _countries().values() if c.current or include_former)


def is_valid_country(code: str, *, allow_former: bool = False) -> bool:
    """True for a current ST.3 code (``VN``, ``EP``, ``WO`` ...); former codes (``SU``, ``DD``) only if allowed."""
    country = _countries().get(str(code).strip().upper())
    return country is not None and (country.current or allow_former)


def validate_country(code: str, *, allow_former: bool = False, field: str = "country") -> str:
    """The upper-cased code, or a UserError naming ``field`` and the ST.3 rule."""
    value = str(code).strip().upper()
    country = _countries().get(value)
    if country is None:
        raise UserError("parties.country_unknown", field=field, rule=ST3_RULE, value=code)
    if not country.current and not allow_former:
        raise UserError("parties.country_former", field=field, rule=ST3_RULE, value=code, name=country.name)
    return value


def country_name(code: str) -> str | None:
    country = _countries().get(str(code).strip().upper())
    return country.name if country else None


# --- name folding -----------------------------------------------------------------------------------------

# Legal forms, already folded. Vietnamese forms lead the name ("Công ty TNHH X"), foreign forms close it
# ("X Co., Ltd."); each list is tried longest first, repeatedly, at its end of the name only, so that a word
# such as "co" or "sa" inside a name is never removed.
_LEADING_FORMS = (
    "cong ty trach nhiem huu han",
    "cong ty co phan",
    "cong ty hop danh",
    "cong ty tnhh",
    "cong ty cp",
    "cong ty",
    "cty tnhh",
    "cty cp",
    "cty",
    "ctcp",
    "tnhh",
    "doanh nghiep tu nhan",
    "dntn",
    "hop tac xa",
    "htx",
    "mot thanh vien",
    "hai thanh vien tro len",
    "mtv",
)
_TRAILING_FORMS = (
    "joint stock company",
    "joint stock co",
    "jsc",
    "company limited",
    "company ltd",
    "co limited",
    "co ltd",
    "limited liability company",
    "llc",
    "limited",
    "ltd",
    "incorporated",
    "inc",
    "corporation",
    "corp",
    "plc",
    "gmbh co kg",
    "gmbh",
    "ag",
    "kg",
    "sa",
    "nv",
    "bv",
    "kabushiki kaisha",
    "kk",
    "pte",
    "pty",
    "sdn bhd",
    "spa",
    "srl",
    "sarl",
    "sas",
    "oy",
    "ab",
    "company",
    "co",
    "cong ty co phan",
    "cong ty tnhh",
    "tnhh",
    "mot thanh vien",
    "mtv",
)


def _sorted_forms(forms: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(f.split()) for f in sorted(set(forms), key=lambda f: (-len(f.split()), -len(f))))


_LEADING = _sorted_forms(_LEADING_FORMS)
_TRAILING = _sorted_forms(_TRAILING_FORMS)


def _plain_words(name: str) -> list[str]:
    text = unicodedata.normalize("NFC", name).replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace(".", "")  # "J.S.C." -> "jsc", "Co.,Ltd" -> "co,ltd"
    text = re.sub(r"[^\w]+|_", " ", text)
    return text.split()


def fold_name(name: str, *, keep_legal_form: bool = False) -> str:
    """A matching key for a party's name: NFC, no diacritics (đ -> d), case-folded, no punctuation, no legal form.

    >>> fold_name("CÔNG TY TNHH Sữa Đà Lạt") == fold_name("Sua Da Lat Co., Ltd.") == "sua da lat"
    True
    """
    words = _plain_words(name)
    if keep_legal_form:
        return " ".join(words)
    original = list(words)
    changed = True
    while changed:
        changed = False
        for form in _LEADING:
            if len(words) > len(form) and tuple(words[: len(form)]) == form:
                words, changed = words[len(form) :], True
                break
        for form in _TRAILING:
            if len(words) > len(form) and tuple(words[-len(form) :]) == form:
                words, changed = words[: -len(form)], True
                break
    if tuple(words) in _LEADING or tuple(words) in _TRAILING:
        return " ".join(original)  # nothing but legal forms: keep the name as written
    return " ".join(words)


_UNIVERSITY = re.compile(
    r"\b(dai hoc|truong dai hoc|hoc vien|university|universite|universitat|universidad|college|"
    r"institute of technology)\b"
)
_GOVERNMENT = re.compile(r"^(bo|so|uy ban nhan dan|ubnd)\b|\b(ministry|department of|government)\b")


def infer_party_kind(name: str) -> PartyKind:
    """A best guess from the name alone (for statistics; the filed kind always wins)."""
    plain = " ".join(_plain_words(name))
    if _UNIVERSITY.search(plain):
        return PartyKind.UNIVERSITY
    if _GOVERNMENT.search(plain):
        return PartyKind.GOVERNMENT
    if fold_name(name) != plain:
        return PartyKind.COMPANY
    return PartyKind.OTHER


# --- the party --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Party:
    """A person or organisation named on a file.

    ``country`` is an ST.3 code (nationality or seat); ``agent_registration_number`` is the practice
    certificate number of an industrial-property representative and is only set for representatives.
    """

    name: str
    kind: PartyKind = PartyKind.OTHER
    country: str = "VN"
    address: str = ""
    agent_registration_number: str | None = None

    def __post_init__(self) -> None:
        name = " ".join(str(self.name).split())
        if not name:
            raise UserError("parties.name_empty", field="name", rule="a party is identified by its name")
        object.__setattr__(self, "name", unicodedata.normalize("NFC", name))
        object.__setattr__(self, "kind", PartyKind(self.kind))
        object.__setattr__(self, "country", validate_country(self.country))
        if self.agent_registration_number is not None:
            number = str(self.agent_registration_number).strip()
            object.__setattr__(self, "agent_registration_number", number or None)

    @property
    def match_key(self) -> str:
        return fold_name(self.name)

    def check_role(self, role: PartyRole | str) -> None:
        """Refuse an agent registration number on anyone but a representative."""
        if self.agent_registration_number and PartyRole(role) is not PartyRole.REPRESENTATIVE:
            raise UserError(
                "parties.agent_number_not_representative",
                field="agent_registration_number",
                rule="Law on IP Art. 155-156",
            )
