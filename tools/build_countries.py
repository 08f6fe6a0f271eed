"""Build ``ipoffice/data/countries/st3.csv`` (WIPO ST.3 codes) from the ST.96 V6.0 common schema.

The codes are the enumerations ``WIPOST3CodeType`` (current) and ``WIPOFormerST3CodeType`` (former) of
``Common_V6_0.xsd``; ``../shared/data/standards/wipo-st96-st36/wipo_st3_codes_from_st96_v6.csv`` holds the same
extraction. Usage: ``python tools/build_countries.py [path/to/shared/data]``
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "ipoffice" / "data" / "countries" / "st3.csv"
XS = "{http://www.w3.org/2001/XMLSchema}"


def codes(xsd: Path) -> list[tuple[str, str, str]]:
    tree = etree.parse(str(xsd))
    rows: dict[str, tuple[str, str, str]] = {}
    for type_name, status in (("WIPOST3CodeType", "current"), ("WIPOFormerST3CodeType", "former")):
        (node,) = tree.findall(f"{XS}simpleType[@name='{type_name}']")
        for enum in node.iter(f"{XS}enumeration"):
            doc = enum.findtext(f"{XS}annotation/{XS}documentation") or ""
            code = enum.get("value")
            if code not in rows:
                rows[code] = (code, " ".join(doc.split()), status)
    return sorted(rows.values())


def main(argv: list[str]) -> int:
    shared = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "data"
    xsd = shared / "standards" / "wipo-st96-st36" / "st96_v6_0_xsd_flattened" / "Common_V6_0.xsd"
    rows = codes(xsd)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["code", "name", "status"])
        w.writerows(rows)
    print(f"wrote {len(rows)} codes to {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
