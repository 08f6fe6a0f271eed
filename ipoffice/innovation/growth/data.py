"""The country panel shipped with the package (``ipoffice/data/innovation/country_panel.csv.gz``), and the
builder that makes it from the public sources (run in a development checkout):

    python -m ipoffice.innovation.growth.data ../shared/data/econ ipoffice/data/innovation/country_panel.csv.gz

Long layout: ``iso3, country, year, variable, value``. Variables (source):

- PWT 10.01 (Feenstra, Inklaar & Timmer 2015; CC BY 4.0): ``rgdpna`` real GDP at constant national prices
  (million 2017 US$), ``rnna`` capital stock (same units), ``emp`` persons engaged (millions), ``hc`` human
  capital index, ``pop`` population (millions), ``labsh`` labour share.
- WDI (World Bank, CC BY 4.0): ``pat_res`` resident patent applications (IP.PAT.RESD, 2026 refresh),
  ``rd_gdp`` R&D expenditure % of GDP (GB.XPD.RSDV.GD.ZS), ``researchers_pm`` researchers per million
  (SP.POP.SCIE.RD.P6); from the December 2013 vintage: ``pat_nonres`` (IP.PAT.NRES), ``tm_res`` (IP.TMK.RESD),
  ``tm_nonres`` (IP.TMK.NRES), ``tm_total`` (IP.TMK.TOTL).
"""

from __future__ import annotations

import csv
import sys
from importlib import resources
from pathlib import Path

import pandas as pd

from ipoffice.core.errors import UserError

PWT_VARS = ("rgdpna", "rnna", "emp", "hc", "pop", "labsh")
WDI_NEW = {"pat_res": "API_IP.PAT.RESD_DS2_en_csv_v2_226.csv", "rd_gdp": "API_GB.XPD.RSDV.GD.ZS_DS2_en_csv_v2_232.csv",
           "researchers_pm": "API_SP.POP.SCIE.RD.P6_DS2_en_csv_v2_37695.csv"}
WDI_2013 = {"pat_nonres": "IP.PAT.NRES_WDI.csv", "tm_res": "IP.TMK.RESD_WDI.csv", "tm_nonres": "IP.TMK.NRES_WDI.csv",
            "tm_total": "IP.TMK.TOTL_WDI.csv"}
FIRST_YEAR = 1980


def _wdi_long(path: Path, name: str) -> pd.DataFrame:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    start = next(i for i, r in enumerate(rows) if r[:2] == ["Country Name", "Country Code"])
    header = rows[start]
    df = pd.DataFrame(rows[start + 1:], columns=header + [""] * (len(rows[start + 1]) - len(header))
                      if rows[start + 1:] and len(rows[start + 1]) > len(header) else header)
    years = [c for c in header if c.isdigit()]
    long = df.melt(id_vars=["Country Code", "Country Name"], value_vars=years, var_name="year", value_name="value")
    long["value"] = pd.to_numeric(long["value"], errors="coerce")
    long = long.dropna(subset=["value"])
    long["year"] = long["year"].astype(int)
    long["variable"] = name
    return long.rename(columns={"Country Code": "iso3", "Country Name": "country"})


def build(econ_dir: str | Path) -> pd.DataFrame:
    """Build the long panel from ../shared/data/econ (development only)."""
    econ = Path(econ_dir)
    pwt = pd.read_csv(econ / "pwt" / "pwt10.01.csv", usecols=["country", "isocode", "year", *PWT_VARS])
    pwt = pwt.melt(id_vars=["country", "isocode", "year"], value_vars=list(PWT_VARS), var_name="variable")
    pwt = pwt.dropna(subset=["value"]).rename(columns={"isocode": "iso3"})
    parts = [pwt]
    for name, f in WDI_NEW.items():
        parts.append(_wdi_long(econ / "wdi" / f, name))
    for name, f in WDI_2013.items():
        parts.append(_wdi_long(econ / "wdi_2013" / f, name))
    out = pd.concat(parts, ignore_index=True)
    out = out[out["year"] >= FIRST_YEAR]
    names = pwt.drop_duplicates("iso3").set_index("iso3")["country"]
    out["country"] = out["iso3"].map(names).fillna(out["country"])
    out["value"] = out["value"].astype(float).map(lambda v: float(f"{v:.6g}"))
    return out[["iso3", "country", "year", "variable", "value"]].sort_values(["iso3", "variable", "year"])


def load_long(path: str | Path | None = None) -> pd.DataFrame:
    """The shipped long panel (or another file in the same layout)."""
    if path is None:
        path = Path(str(resources.files("ipoffice.data.innovation").joinpath("country_panel.csv.gz")))
    try:
        return pd.read_csv(path)
    except (OSError, pd.errors.ParserError) as exc:
        raise UserError("innovation.file.unreadable", field="panel", path=str(path), reason=exc) from None


def load_panel(path: str | Path | None = None) -> pd.DataFrame:
    """Wide panel indexed by (iso3, year), one column per variable, plus ``country``."""
    long = load_long(path)
    wide = long.pivot_table(index=["iso3", "year"], columns="variable", values="value")
    names = long.drop_duplicates("iso3").set_index("iso3")["country"]
    wide["country"] = wide.index.get_level_values("iso3").map(names)
    wide.columns.name = None
    return wide


if __name__ == "__main__":  # pragma: no cover - a development tool
    src, dst = sys.argv[1], sys.argv[2]
    build(src).to_csv(dst, index=False, compression="gzip")
    print(f"wrote {dst}")
