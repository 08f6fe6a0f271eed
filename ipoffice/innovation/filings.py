"""The office's own filings by province, read from the register (issue 6, item 4).

A filing is counted for the province of its **first-named applicant** (position 0), as in WIPO's resident
statistics, and only when that applicant is resident in Viet Nam (``parties.country == "VN"``): each file is
counted once. The province is found in the applicant's free-text address by matching folded province names
(no diacritics, đ → d) and common forms ("TP. HCM", "Sài Gòn", "Huế", "BR-VT" ...); the **last** match in the
address wins because Vietnamese addresses end with the province ("đường Hà Nội, TP. Thủ Đức, TP. HCM" is
Ho Chi Minh City). A Vietnamese address that names no province is counted under ``"unknown"`` and listed in
``df.attrs["unmatched"]``, never dropped.

The register is read with one aggregate query (address × year × right → count), then distinct addresses are
matched in Python. Addresses written after 1 July 2025 may name only one of the 34 new units (Resolution
202/2025/QH15); with ``units=63`` such an address is put in the former province of the same name **[verify]**
— a member province that lost its name cannot be told apart from the address alone.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import pandas as pd
from sqlalchemy import Engine, and_, extract, func, select
from sqlalchemy.orm import Session

from ipoffice.core import i18n
from ipoffice.core.errors import UserError
from ipoffice.search.vn_text import fold
from ipoffice.store.kinds import FilePartyRole, RightKind
from ipoffice.store.models import FileParty, IPFile, Party

UNKNOWN = "unknown"

i18n.register(
    {
        "innovation.filings.bad_units": {
            "vi": "Số đơn vị hành chính phải là 63 (tỉnh cũ) hoặc 34 (từ 1/7/2025); nhận được {value}",
            "en": "Units must be 63 (former provinces) or 34 (from 1 Jul 2025); got {value}",
        },
        "innovation.filings.db_not_ready": {
            "vi": "Cơ sở dữ liệu của văn phòng chưa sẵn sàng tại {url} (chạy 'ipoffice db upgrade')",
            "en": "The office database at {url} is not ready (run 'ipoffice db upgrade')",
        },
        "innovation.filings.bad_right": {
            "vi": "Loại quyền không hợp lệ: {value}",
            "en": "Unknown right kind: {value}",
        },
    }
)

# Common forms of province names beyond the GSO names (folded; mapped to GSO codes of the 63 provinces).
_EXTRA_FORMS: dict[str, int] = {
    "tp hcm": 79, "tphcm": 79, "hcm": 79, "hcmc": 79, "ho chi minh city": 79, "thanh pho ho chi minh": 79,
    "sai gon": 79, "saigon": 79,
    "hanoi": 1, "ha noi city": 1,
    # not bare "hue": folding drops the tone, and "Nguyễn Huệ" is a street in every city
    "tp hue": 46, "thanh pho hue": 46, "tt hue": 46, "thua thien": 46,
    "ba ria vung tau": 77, "brvt": 77, "br vt": 77, "vung tau": 77,
    "kontum": 62, "daklak": 66, "dac lak": 66, "dak lac": 66, "daknong": 67, "dac nong": 67,
    "haiphong": 31, "danang": 48, "cantho": 92,
}


@dataclass(frozen=True)
class Province:
    gso_code: int
    name: str  # GSO name without diacritics, e.g. "Ho Chi Minh"
    unit34: str  # the unit of Resolution 202/2025/QH15 it belongs to


@lru_cache(maxsize=1)
def provinces() -> tuple[Province, ...]:
    """The 63 former provinces with their 34-unit, from the shipped crosswalk."""
    text = resources.files("ipoffice.data.innovation").joinpath("province_crosswalk_63_to_34.csv").read_text("utf-8")
    return tuple(
        Province(int(r["old_gso_code"]), r["old_province"], r["new_unit"]) for r in csv.DictReader(text.splitlines())
    )


@lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern[str], dict[str, int]]:
    forms = {fold(p.name): p.gso_code for p in provinces()} | _EXTRA_FORMS
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])"), forms


@lru_cache(maxsize=65536)
def province_of_address(address: str | None) -> int | None:
    """The GSO code of the province an address names (the last match wins), or None."""
    if not address:
        return None
    pattern, forms = _pattern()
    text = fold(address)
    best: tuple[int, int, str] | None = None  # (end, length, form): the latest-ending, then the longest
    for m in pattern.finditer(text):
        key = (m.end(), len(m.group(0)), m.group(0))
        if best is None or key[:2] > best[:2]:
            best = key
    return forms[best[2]] if best else None


def _rights(rights: Any) -> list[RightKind] | None:
    if rights is None:
        return None
    out = []
    for r in [rights] if isinstance(rights, str) else rights:
        try:
            out.append(RightKind(r))
        except ValueError:
            raise UserError("innovation.filings.bad_right", field="rights", value=str(r)) from None
    return out


def filings_by_province(
    engine_or_session: Engine | Session,
    *,
    units: int = 63,
    start: date | None = None,
    end: date | None = None,
    rights: Any = None,
) -> pd.DataFrame:
    """Resident Vietnamese filings by province, year and right.

    ``units=63``: columns ``gso_code`` (nullable), ``province``, ``year``, ``right``, ``filings``;
    ``units=34``: ``unit``, ``year``, ``right``, ``filings``. Unmatched addresses are the rows whose province
    (unit) is ``"unknown"``; ``df.attrs["unmatched"]`` maps each such address (``""`` when missing) to its
    count. ``start``/``end`` bound the filing date (inclusive); ``rights`` is a right kind or a list of them.
    """
    if units not in (63, 34):
        raise UserError("innovation.filings.bad_units", field="units", value=str(units))
    kinds = _rights(rights)
    first_applicant = and_(
        FileParty.file_id == IPFile.id, FileParty.role == FilePartyRole.APPLICANT, FileParty.position == 0
    )
    year = extract("year", IPFile.filing_date)
    query = (
        select(Party.address, year.label("year"), IPFile.right_kind, func.count(IPFile.id))
        .select_from(IPFile)
        .join(FileParty, first_applicant)
        .join(Party, Party.id == FileParty.party_id)
        .where(Party.country == "VN")
        .group_by(Party.address, year, IPFile.right_kind)
    )
    if start is not None:
        query = query.where(IPFile.filing_date >= start)
    if end is not None:
        query = query.where(IPFile.filing_date <= end)
    if kinds is not None:
        query = query.where(IPFile.right_kind.in_(kinds))
    if isinstance(engine_or_session, Session):
        rows = engine_or_session.execute(query).all()
    else:
        with engine_or_session.connect() as conn:
            rows = conn.execute(query).all()

    by_code = {p.gso_code: p for p in provinces()}
    records = []
    unmatched: dict[str, int] = {}
    for address, yr, right, count in rows:
        code = province_of_address(address)
        if code is None:
            unmatched[address or ""] = unmatched.get(address or "", 0) + int(count)
        p = by_code.get(code) if code is not None else None
        records.append(
            {
                "gso_code": code,
                "province": p.name if p else UNKNOWN,
                "unit": p.unit34 if p else UNKNOWN,
                "year": int(yr),
                "right": RightKind(right).value,
                "filings": int(count),
            }
        )
    keys = ["gso_code", "province", "year", "right"] if units == 63 else ["unit", "year", "right"]
    frame = pd.DataFrame(records, columns=["gso_code", "province", "unit", "year", "right", "filings"])
    frame["gso_code"] = frame["gso_code"].astype("Int64")
    out = (
        frame.groupby(keys, dropna=False, as_index=False)["filings"].sum()
        .sort_values(keys, na_position="last")
        .reset_index(drop=True)
    )
    out.attrs["unmatched"] = dict(sorted(unmatched.items(), key=lambda kv: (-kv[1], kv[0])))
    return out
