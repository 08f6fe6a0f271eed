"""Filings by province read from the register (both backends): resident first applicants, the province found
in the address (last match wins), unmatched addresses reported as "unknown", foreign applicants left out."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "office"))

from office_requests import invention_request, trademark_request  # noqa: E402

from ipoffice.core.errors import UserError  # noqa: E402
from ipoffice.innovation.filings import filings_by_province, province_of_address  # noqa: E402
from ipoffice.office.filing import PartyInput, file_application  # noqa: E402
from ipoffice.store.db import transaction  # noqa: E402

TODAY = date(2026, 3, 1)

# (address, country, right, filing date)
FILED = [
    ("Số 1 đường Hà Nội, P. Thảo Điền, TP. Thủ Đức, TP. HCM", "VN", "trademark", date(2024, 5, 2)),
    ("12 Nguyễn Huệ, Quận 1, Thành phố Hồ Chí Minh", "VN", "trademark", date(2024, 7, 1)),
    ("KCN Mỹ Phước, Bến Cát, Bình Dương", "VN", "trademark", date(2024, 8, 9)),
    ("Vũng Tàu, Bà Rịa - Vũng Tàu", "VN", "invention", date(2025, 1, 6)),
    ("Cầu Giấy, Hà Nội", "VN", "invention", date(2025, 2, 3)),
    ("Cầu Giấy, Hà Nội", "VN", "trademark", date(2025, 2, 4)),
    ("12 Lê Lợi, TP. Huế, Thừa Thiên Huế", "VN", "trademark", date(2025, 3, 3)),
    ("Thôn 3, xã Tân Lập", "VN", "trademark", date(2025, 4, 1)),  # names no province
    ("2788 San Tomas Expressway, Santa Clara, CA", "US", "invention", date(2025, 4, 2)),  # foreign
]


@pytest.fixture
def register(engine):  # type: ignore[no-untyped-def]
    with transaction(engine, actor="examiner.le") as s:
        for i, (address, country, right, filed) in enumerate(FILED):
            applicant = PartyInput(name=f"Công ty Thử nghiệm {i}", address=address, country=country)
            make = trademark_request if right == "trademark" else invention_request
            agent = None if country == "VN" else PartyInput(name="Pham & Associates", agent_registration_number="0156")
            req = make(filed, applicants=[applicant], representative=agent)
            file_application(s, req, actor="examiner.le", today=TODAY)
    return engine


def _count(df, **where) -> int:  # type: ignore[no-untyped-def]
    m = df
    for k, v in where.items():
        m = m[m[k] == v]
    return int(m["filings"].sum())


def test_counts_by_former_province(register) -> None:  # type: ignore[no-untyped-def]
    df = filings_by_province(register)
    assert list(df.columns) == ["gso_code", "province", "year", "right", "filings"]
    assert _count(df, gso_code=79) == 2  # TP. HCM, the street "Hà Nội" earlier in the address ignored
    assert _count(df, gso_code=79, year=2024, right="trademark") == 2
    assert _count(df, gso_code=74) == 1
    assert _count(df, gso_code=77, right="invention") == 1
    assert _count(df, gso_code=1) == 2 and _count(df, gso_code=1, right="invention") == 1
    assert _count(df, gso_code=46) == 1
    assert _count(df, province="unknown") == 1
    assert df.attrs["unmatched"] == {"Thôn 3, xã Tân Lập": 1}
    assert int(df["filings"].sum()) == len(FILED) - 1  # the foreign applicant is not a resident filing


def test_aggregation_to_34_units(register) -> None:  # type: ignore[no-untyped-def]
    df = filings_by_province(register, units=34)
    assert list(df.columns) == ["unit", "year", "right", "filings"]
    # Binh Duong and Ba Ria - Vung Tau joined Ho Chi Minh City (Resolution 202/2025/QH15).
    assert _count(df, unit="Ho Chi Minh City") == 4
    assert _count(df, unit="Hue (city)") == 1
    assert _count(df, unit="unknown") == 1
    assert int(df["filings"].sum()) == len(FILED) - 1


def test_filters(register) -> None:  # type: ignore[no-untyped-def]
    df = filings_by_province(register, rights=["invention"])
    assert set(df["right"]) == {"invention"} and int(df["filings"].sum()) == 2
    df = filings_by_province(register, start=date(2025, 1, 1), end=date(2025, 2, 3))
    assert int(df["filings"].sum()) == 2 and set(df["year"]) == {2025}
    with pytest.raises(UserError):
        filings_by_province(register, units=50)
    with pytest.raises(UserError):
        filings_by_province(register, rights="copyright")


@pytest.mark.parametrize(
    ("address", "code"),
    [("Sài Gòn", 79), ("Buôn Ma Thuột, Đắk Lắk", 66), ("TP Hồ Chí Minh", 79), ("BR-VT", 77),
     ("Thái Bình", 34), ("Hà Nam", 35), ("Lê Lợi, TP. Huế", 46), ("TT-Huế", 46), ("5 Nguyễn Huệ, thôn 2", None),
     ("Tp.HCM", 79), ("", None), ("Paris", None)],
)
def test_province_of_address(address: str, code: int | None) -> None:
    assert province_of_address(address) == code


# Provinces for the command-line run: (address, filings per year from 2018) — generated counts, not real ones.
PANEL = [("Hà Nội", 1), ("TP. HCM", 3), ("Đà Nẵng", 2), ("Cần Thơ", 1), ("Hải Phòng", 2)]


def test_impact_command_reads_the_register(engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """``impact --filings-from-register``: the table and the unknowns are written and the provincial regression runs
    on the register's filings (2018–2022 so that the shipped GRDP table overlaps)."""
    from typer.testing import CliRunner

    from ipoffice.cli import _OfficeGroup
    from ipoffice.innovation.cli import register as register_cli

    with transaction(engine, actor="examiner.le") as s:
        for year in range(2018, 2023):
            for i, (address, n) in enumerate(PANEL):
                for k in range(n + (year - 2018) * (i % 2)):
                    who = PartyInput(name=f"Doanh nghiệp {i}-{k}", address=address)
                    req = trademark_request(date(year, 3, 1 + k), applicants=[who])
                    file_application(s, req, actor="examiner.le", today=TODAY)
        file_application(s, trademark_request(date(2020, 5, 5), applicants=[PartyInput(name="X", address="Nhà 5")]),
                         actor="examiner.le", today=TODAY)
    app = typer_app(_OfficeGroup, register_cli)
    url = engine.url.render_as_string(hide_password=False)
    out = tmp_path / "impact"
    r = CliRunner().invoke(app, ["innovation", "impact", "--out", str(out), "--filings-from-register",
                                 "--database-url", url])
    assert r.exit_code == 0, r.output
    assert "1 with no province" in r.output and "Nhà 5" in r.output
    table = pd.read_csv(out / "filings_by_province.csv")
    assert int(table.loc[table["gso_code"] == 79, "filings"].sum()) == 3 * 5 + (0 + 1 + 2 + 3 + 4)
    assert int(table.loc[table["province"] == "unknown", "filings"].sum()) == 1
    assert (out / "fe_provinces.csv").exists()


def test_impact_command_refuses_an_empty_database(tmp_path) -> None:
    from typer.testing import CliRunner

    from ipoffice.cli import _OfficeGroup
    from ipoffice.innovation.cli import register as register_cli

    url = f"sqlite:///{tmp_path / 'empty.db'}"
    r = CliRunner().invoke(typer_app(_OfficeGroup, register_cli),
                           ["innovation", "impact", "--out", str(tmp_path / "o"), "--filings-from-register",
                            "--database-url", url])
    assert r.exit_code != 0 and "Traceback" not in r.output
    assert "ipoffice db upgrade" in r.output


def typer_app(group, register_cli):  # type: ignore[no-untyped-def]
    import typer

    app = typer.Typer(cls=group)

    @app.callback()
    def _root() -> None:
        """root"""

    register_cli(app)
    return app
