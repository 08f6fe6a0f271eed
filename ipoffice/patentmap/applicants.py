"""Applicant names harmonised into one key per organisation, and an applicant type.

The key folds case, punctuation, diacritics and legal forms (Inc., GmbH, S.p.A., Công ty TNHH / CP / cổ phần,
JSC, Tập đoàn, ...) so that "NVIDIA Corp.", "NVIDIA CORPORATION" and "Nvidia Corporation" are one applicant,
and "CÔNG TY CỔ PHẦN FPT" and "FPT JSC" are one. The type (company, university, individual, government) comes
from the source where it says so (PatentsView assignee type) and otherwise from name rules - a heuristic,
named as such in the report.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ipoffice.patentmap.text import fold

TYPES = ("company", "university", "government", "individual", "unknown")

# Multi-word legal forms first (matched on folded, upper-cased, punctuation-free names).
_LEGAL_FORMS = [
    "CONG TY TRACH NHIEM HUU HAN MOT THANH VIEN",
    "CONG TY TRACH NHIEM HUU HAN",
    "CONG TY TNHH MTV",
    "CONG TY TNHH",
    "CONG TY CO PHAN",
    "CONG TY CP",
    "TONG CONG TY",
    "TAP DOAN",
    "CONG TY",
    "TRACH NHIEM HUU HAN",
    "CO PHAN",
    "MOT THANH VIEN",
    "JOINT STOCK COMPANY",
    "JOINT STOCK CO",
    "KABUSHIKI KAISHA",
    "AKTIENGESELLSCHAFT",
    "GESELLSCHAFT MIT BESCHRANKTER HAFTUNG",
    "SOCIETE ANONYME",
    "SOCIETA PER AZIONI",
    "PUBLIC LIMITED COMPANY",
    "LIMITED LIABILITY COMPANY",
    "CO LTD",
    "CO INC",
    "PTY LTD",
    "S P A",
    "S A R L",
    "S A S",
    "B V",
    "N V",
    "S A",
    "G M B H",
    "GES M B H",
    "MBH",
    "TNHH",
    "MTV",
    "JSC",
    "CORPORATION",
    "CORP",
    "INCORPORATED",
    "INC",
    "LIMITED",
    "LTD",
    "LLC",
    "L L C",
    "LLP",
    "LP",
    "COMPANY",
    "CO",
    "GMBH",
    "AG",
    "KG",
    "SA",
    "SPA",
    "SRL",
    "SARL",
    "SAS",
    "BV",
    "NV",
    "PLC",
    "KK",
    "AB",
    "OY",
    "AS",
    "A S",
    "ASA",
    "PTY",
    "PTE",
    "SE",
    "GROUP",
    "HOLDINGS",
    "HOLDING",
]
_LEGAL_RE = re.compile(r"(?<![A-Z0-9])(?:" + "|".join(re.escape(f) for f in _LEGAL_FORMS) + r")(?![A-Z0-9])")
_PUNCT = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")

_UNIVERSITY = re.compile(
    r"\b(UNIV\w*|DAI HOC|TRUONG DAI HOC|COLLEGE|HOCHSCHULE|UNIVERSITE|UNIVERSIDAD|UNIVERSITA\w*|POLYTECHNIC|"
    r"INST\w*|^VIEN|ACADEMY|ACADEMIE|HOC VIEN|RES(EARCH)? COUNCIL|CNRS|INSERM|FRAUNHOFER|MAX PLANCK|KAIST|"
    r"SCHOOL|CENTRE NATIONAL|CENTER FOR|FOUNDATION)\b"
)
_GOVERNMENT = re.compile(
    r"\b(GOVERNMENT|GOVT|MINISTRY|MINISTER|BO KHOA HOC|UY BAN|SECRETARY|DEPARTMENT OF|DEPT OF|NAVY|ARMY|AIR FORCE|"
    r"NASA|AGENCY|COMMISSARIAT|UNITED STATES OF AMERICA|STATE OF|REPUBLIC|CITY OF|NATIONAL AERONAUTICS|"
    r"ADMINISTRATION|MUNICIPAL|BUNDESREPUBLIK|OFFICE NATIONAL)\b"
)
_COMPANY = re.compile(
    r"\b(CORP\w*|INC|LTD|LIMITED|LLC|GMBH|AG|SA|SPA|S P A|BV|NV|PLC|KK|CO|COMPANY|TECHNOLOG\w*|SYSTEMS?|INDUSTR\w*|"
    r"ELECTRONICS?|GROUP|HOLDINGS?|ENTERPRISES?|INTERNATIONAL|LABS?|LABORATOR\w*|PHARMA\w*|MOTORS?|SOLUTIONS|"
    r"TNHH|JSC|CONG TY|TAP DOAN|SERVICES?|AKTIENGESELLSCHAFT|KABUSHIKI|SRL|SARL|SAS|AB|OY|PTY|PTE|MFG|IND|GES|M B H|MBH)\b"
)

_VN_COMPANY = re.compile(r"^(CONG TY|TONG CONG TY|TAP DOAN)\b")

# State groups known under several names (key after harmonisation -> canonical key).
ALIASES = {
    "CONG NGHIEP VIEN THONG QUAN DOI": "VIETTEL",
    "VIETTEL": "VIETTEL",
    "BUU CHINH VIEN THONG VIET NAM": "VNPT",
    "VNPT": "VNPT",
    "DAU KHI QUOC GIA VIET NAM": "PETROVIETNAM",
    "DAU KHI VIET NAM": "PETROVIETNAM",
    "PETROVIETNAM": "PETROVIETNAM",
    "FPT": "FPT",
}


@lru_cache(maxsize=200_000)
def _clean(name: str) -> str:
    s = fold(name).upper().replace("&", " AND ")
    s = _PUNCT.sub(" ", s)
    return _SPACES.sub(" ", s).strip()


@lru_cache(maxsize=200_000)
def harmonise(name: str) -> str:
    """The harmonised key of one applicant name ("" for an empty name)."""
    s = _clean(name)
    stripped = _SPACES.sub(" ", _LEGAL_RE.sub(" ", s)).strip()
    # "THE" at either end ("The Pillsbury Company", "PILLSBURY CO THE")
    stripped = re.sub(r"^THE |  ?THE$", "", stripped).strip()
    key = stripped or s
    return ALIASES.get(key, key)


@lru_cache(maxsize=200_000)
def applicant_type(name: str) -> str:
    """Company, university, government or individual by name rules (heuristic)."""
    s = _clean(name)
    if not s:
        return "unknown"
    if _VN_COMPANY.match(s):
        return "company"
    if _UNIVERSITY.search(s):
        return "university"
    if _GOVERNMENT.search(s):
        return "government"
    if _COMPANY.search(s) or any(ch.isdigit() for ch in s):
        return "company"
    words = s.split()
    if 2 <= len(words) <= 5:
        return "individual"
    return "company"


# PatentsView assignee_type: 2 US company, 3 foreign company, 4 US individual, 5 foreign individual,
# 6 US federal government, 7 foreign government, 8 US county government, 9 US state government.
PATENTSVIEW_TYPES = {
    "2": "company",
    "3": "company",
    "4": "individual",
    "5": "individual",
    "6": "government",
    "7": "government",
    "8": "government",
    "9": "government",
}


def patentsview_type(code: object, name: str) -> str:
    raw = str(code).split(".")[0].lstrip("1") if code is not None else ""
    kind = PATENTSVIEW_TYPES.get(raw)
    if kind == "company" and _UNIVERSITY.search(_clean(name)):
        return "university"  # PatentsView counts universities as companies
    return kind or applicant_type(name)


@dataclass
class NameBook:
    """Collects the raw spellings of each key so reports can show the most used one."""

    spellings: dict[str, Counter[str]]

    @classmethod
    def empty(cls) -> NameBook:
        return cls({})

    def add(self, raw: str) -> str:
        key = harmonise(raw)
        if key:
            self.spellings.setdefault(key, Counter())[raw.strip()] += 1
        return key

    def display(self, key: str) -> str:
        c = self.spellings.get(key)
        return c.most_common(1)[0][0] if c else key
