"""Build the shipped demo set ``ipoffice/data/demo/`` from the real public records in ``../shared/data``.

Run from the repository root (development checkouts only; users never need ``../shared``)::

    python tools/build_demo_set.py [--shared ../shared/data] [--out ipoffice/data/demo]

Only sets whose licence allows redistribution are shipped:

- PatentsView NVIDIA tables (CC BY 4.0, "USPTO PatentsView"): every US patent granted to NVIDIA;
- BioPAT queries (MIT): US biomedical patents, title + abstract;
- EUIPO figurative marks 2020 (EUIPO open data, reusable with attribution): EUTM number, filing date, word element,
  Vienna codes;
- USPTO TSDR ST.96 records (US Government works, public domain): six US marks;
- Nice Classification NCL 10-2015 (CC0): goods/services terms assigned to EUIPO marks, whose source has no Nice
  data. That assignment is generated (deterministic, from the EUTM number), and every such record says so with
  ``goods_generated: true``.

Not shipped: the Lens drones and PATENTSCOPE sets (no stated licence) and the IPONZ oppositions (no licence; its
SOURCE.md asks to confirm terms before redistribution) — tests read IPONZ from ``../shared/data`` instead.

Output: ``patents.jsonl.gz`` and ``trademarks.jsonl.gz`` (one JSON object per line, gzip with a fixed mtime so the
build is reproducible) and ``manifest.json`` (counts and SHA-256 per file). The NOTICE.md is written by hand.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from lxml import etree

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO.parent / "shared" / "data"
DEFAULT_OUT = REPO / "ipoffice" / "data" / "demo"

NVIDIA = "patents/patentsview-nvidia"
BIOPAT = "patents/biopat-biomedical/biopat_queries_patent_title_abstract.jsonl"
EUIPO = "trademarks/euipo-2020-figurative/trademarks2020_validation.json"
TSDR = "trademarks/uspto-tsdr-xml"
NICE = "classification/nice/nice_classification_ncl10-2015.json"

# PatentsView assignee_type: 2 = US company or corporation, 3 = foreign company (country not given in the table).
_ASSIGNEE_US_TYPES = {"2", "4", "6", "8"}  # US company, US individual, US government, US state government


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _stable_hash(text: str) -> int:
    """A hash that does not change between Python runs (``hash()`` is salted)."""
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def _ipc_main_group(cpc: str) -> str | None:
    """The IPC main group a CPC symbol falls in (``G06F9/3842`` -> ``G06F 9/00``), or None for CPC-only codes.

    CPC's Y section and its 2000-series indexing groups have no IPC counterpart. Other CPC main groups share the
    IPC main group of the same number; finer CPC subgroups are not always in IPC, so we stop at the main group.
    """
    m = re.fullmatch(r"([A-HY]\d\d[A-Z])(\d+)/(\d+)", cpc.strip())
    if not m or m.group(1).startswith("Y") or int(m.group(2)) >= 2000:
        return None
    return f"{m.group(1)} {int(m.group(2))}/00"


def nvidia_patents(shared: Path) -> list[dict[str, Any]]:
    base = shared / NVIDIA
    abstracts = {r["patent_id"]: r["patent_abstract"] for r in _read_csv(base / "nvidia_patent_abstract.csv")}
    cpc_rows: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for r in _read_csv(base / "nvidia_cpc.csv"):
        cpc_rows[r["patent_id"]].append((int(r["cpc_sequence"]), r["cpc_group"], r["cpc_type"]))
    applicants: dict[str, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
    for r in _read_csv(base / "nvidia_assignee.csv"):
        name = r["disambig_assignee_organization"] or " ".join(
            x
            for x in (
                r["disambig_assignee_individual_name_first"],
                r["disambig_assignee_individual_name_last"],
            )
            if x
        )
        country = "US" if r["assignee_type"] in _ASSIGNEE_US_TYPES else None
        applicants[r["patent_id"]].append((int(r["assignee_sequence"]), {"name": name, "country": country}))
    inventors: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for r in _read_csv(base / "nvidia_inventor.csv"):
        name = " ".join(x for x in (r["disambig_inventor_name_first"], r["disambig_inventor_name_last"]) if x)
        inventors[r["patent_id"]].append((int(r["inventor_sequence"]), name))

    out = []
    for r in _read_csv(base / "nvidia_patent.csv"):
        pid = r["patent_id"]
        cpcs = sorted(cpc_rows.get(pid, []))
        # inventive CPC first (as PatentsView orders them by sequence within each type)
        cpc = [g for _, g, t in cpcs if t == "inventional"] + [g for _, g, t in cpcs if t != "inventional"]
        ipc: list[str] = []
        for g in cpc:
            main = _ipc_main_group(g)
            if main and main not in ipc:
                ipc.append(main)
        out.append(
            {
                "source": "patentsview-nvidia",
                "id": pid,
                "patent_type": r["patent_type"],
                "kind_code": r["wipo_kind"],
                "title": r["patent_title"].strip(),
                "abstract": (abstracts.get(pid) or "").strip() or None,
                "grant_date": r["patent_date"],
                "num_claims": int(r["num_claims"]) if r["num_claims"] else None,
                "withdrawn": r["withdrawn"] == "1",
                "cpc": cpc,
                "ipc": ipc,
                "applicants": [a for _, a in sorted(applicants.get(pid, []), key=lambda x: x[0])],
                "inventors": [n for _, n in sorted(inventors.get(pid, []))],
            }
        )
    out.sort(key=lambda p: (p["patent_type"] != "utility", str(p["id"]).zfill(10)))
    return out


def biopat_patents(shared: Path) -> list[dict[str, Any]]:
    out = []
    with (shared / BIOPAT).open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            number = row["_id"].split("-")[0]
            text = row["text"].strip()
            title, sep, abstract = text.partition(". ")
            out.append(
                {
                    "source": "biopat",
                    "id": number,
                    "patent_type": "utility",
                    "kind_code": None,
                    "title": title.strip() if sep else text[:200],
                    "abstract": abstract.strip() if sep else None,
                    "grant_date": None,
                    "num_claims": None,
                    "withdrawn": False,
                    "cpc": [],
                    "ipc": [],
                    "applicants": [],
                    "inventors": [],
                }
            )
    out.sort(key=lambda p: str(p["id"]).zfill(10))
    return out


def _nice_terms(shared: Path) -> dict[int, list[str]]:
    data = json.loads((shared / NICE).read_text(encoding="utf-8"))
    terms: dict[int, list[str]] = defaultdict(list)
    for item in data["goods"] + data["services"]:
        terms[int(item["number"][:2])].append(item["description"])
    return {k: sorted(v) for k, v in terms.items()}


def _assign_goods(eutm: str, terms: dict[int, list[str]]) -> list[dict[str, Any]]:
    """A deterministic, generated choice of 1-3 Nice classes and 1-4 terms each, keyed on the EUTM number."""
    h = _stable_hash("nice:" + eutm)
    n_classes = 1 + (h % 100 >= 60) + (h % 100 >= 88)  # 60% one class, 28% two, 12% three
    classes: list[int] = []
    k = 0
    while len(classes) < n_classes:
        c = 1 + _stable_hash(f"class:{eutm}:{k}") % 45
        if c not in classes:
            classes.append(c)
        k += 1
    out = []
    for c in sorted(classes):
        pool = terms[c]
        n_terms = 1 + _stable_hash(f"n:{eutm}:{c}") % 4
        picks = sorted({pool[_stable_hash(f"t:{eutm}:{c}:{i}") % len(pool)] for i in range(n_terms)})
        out.append({"nice_class": c, "goods": picks})
    return out


def euipo_marks(shared: Path) -> list[dict[str, Any]]:
    data = json.loads((shared / EUIPO).read_text(encoding="utf-8"))
    terms = _nice_terms(shared)
    out = []
    for eutm, row in sorted(data.items()):
        text = (row.get("Text") or "").strip() or None
        out.append(
            {
                "source": "euipo-2020-figurative",
                "id": eutm,
                "mark_text": text,
                "mark_feature": "combined" if text else "figurative",
                "filing_date": row["Date"],
                "registration_date": None,
                "vienna": list(row.get("Codes") or []),
                "classes": _assign_goods(eutm, terms),
                "goods_generated": True,
                "applicant": None,
                "applicant_country": None,
                "owners": [],
                "priority": None,
            }
        )
    return out


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


def _first_text(el: etree._Element, name: str) -> str | None:
    for sub in el.iter():
        if isinstance(sub.tag, str) and _local(sub) == name:
            text = (sub.text or "").strip()
            if text:
                return text
    return None


def _children(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el if isinstance(c.tag, str) and _local(c) == name]


def _descendants(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el.iter() if isinstance(c.tag, str) and _local(c) == name]


def tsdr_mark(path: Path) -> dict[str, Any]:
    """One USPTO TSDR ST.96 record: numbers, dates, word element, Nice classes with goods, owners, priority."""
    root = etree.parse(str(path)).getroot()
    tm = _descendants(root, "Trademark")[0]
    app_no = _first_text(_children(tm, "ApplicationNumber")[0], "ApplicationNumberText")
    classes = []
    for gs in _descendants(tm, "GoodsServices"):
        nice = None
        for cls in _descendants(gs, "GoodsServicesClassification"):
            if _first_text(cls, "ClassificationKindCode") == "Nice":
                nice = _first_text(cls, "ClassNumber")
        goods = [(d.text or "").strip() for d in _descendants(gs, "GoodsServicesDescriptionText") if d.text]
        if nice:
            classes.append({"nice_class": int(nice), "goods": goods})
    owners = []
    for ap in _descendants(tm, "Applicant"):
        name = _first_text(ap, "EntityName") or _first_text(ap, "OrganizationStandardName")
        if not name:
            continue
        owners.append(
            {
                "name": name,
                "country": _first_text(ap, "IncorporationCountryCode") or _first_text(ap, "NationalityCode"),
                "role": _first_text(ap, "CommentText"),
            }
        )
    original = next((o for o in owners if (o["role"] or "").startswith("ORIGINAL APPLICANT")), None)
    original = original or next((o for o in owners if (o["role"] or "").startswith("ORIGINAL")), None)
    first = original or (owners[0] if owners else None)
    priority = None
    for pr in _descendants(tm, "Priority"):
        priority = {
            "country": _first_text(pr, "PriorityCountryCode"),
            "number": _first_text(pr, "ApplicationNumberText"),
            "date": _first_text(pr, "PriorityApplicationFilingDate"),
        }
        break
    text = _first_text(tm, "MarkVerbalElementText")
    filing = (_first_text(tm, "ApplicationDate") or "")[:10]
    return {
        "source": "uspto-tsdr",
        "id": app_no,
        "mark_text": text,
        "mark_feature": "word" if text else "figurative",
        "filing_date": filing,
        "registration_date": _first_text(tm, "RegistrationDate"),
        "vienna": [],
        "classes": sorted(classes, key=lambda c: c["nice_class"]),
        "goods_generated": False,
        "applicant": first["name"] if first else None,
        "applicant_country": first["country"] if first else None,
        "owners": owners,
        "priority": priority,
    }


def tsdr_marks(shared: Path) -> list[dict[str, Any]]:
    files = sorted(p for p in (shared / TSDR).glob("*-ST96.xml") if not p.name.endswith("-old.xml"))
    marks = [tsdr_mark(p) for p in files]
    return sorted(marks, key=lambda m: m["id"])


def _write_jsonl_gz(path: Path, rows: list[dict[str, Any]]) -> str:
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        for row in rows:
            gz.write((json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8"))
    data = buf.getvalue()
    path.write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def build(shared: Path, out: Path) -> dict[str, Any]:
    patents = nvidia_patents(shared) + biopat_patents(shared)
    marks = euipo_marks(shared) + tsdr_marks(shared)
    out.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, Any] = {"files": {}, "counts": {}}
    for name, rows in (("patents.jsonl.gz", patents), ("trademarks.jsonl.gz", marks)):
        manifest["files"][name] = {"sha256": _write_jsonl_gz(out / name, rows), "records": len(rows)}
    counts: dict[str, int] = defaultdict(int)
    for row in patents + marks:
        counts[row["source"]] += 1
    manifest["counts"] = dict(sorted(counts.items()))
    manifest["total"] = len(patents) + len(marks)
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the ../shared/data folder")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the demo set")
    args = ap.parse_args(argv)
    if not args.shared.is_dir():
        print(f"no shared data at {args.shared}", file=sys.stderr)
        return 1
    manifest = build(args.shared, args.out)
    for name, info in manifest["files"].items():
        size = (args.out / name).stat().st_size
        print(f"{name}: {info['records']} records, {size / 1e6:.2f} MB")
    print(json.dumps(manifest["counts"]), "total", manifest["total"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
