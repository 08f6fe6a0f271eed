"""One family-level corpus from the patent exports an analyst has: readers, encodings, de-duplication.

Every reader turns one export into family records; :func:`build_corpus` merges records of the same family
(shared priority numbers, or the same publication), harmonises applicants and returns a :class:`Corpus`: a pandas
frame with the columns of :data:`FAMILY_COLUMNS` plus the list of rows and values it rejected (file, row, field,
problem). A bad row or a bad file never stops the rest of the corpus from loading.

Formats recognised by their columns: PatentsView tables (``*_patent.csv`` with ``*_patent_abstract.csv``,
``*_cpc.csv``, ``*_assignee.csv``), Lens.org exports, Lens "cleaned" exports, PATENTSCOPE result lists,
WIPO landscape family tables (ritonavir), BioPAT JSONL, and this module's own family table (CSV or Parquet).
The demo office's patents and, later, the office register are sources too (:class:`CorpusSource`).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pandas as pd

from ipoffice.core import i18n
from ipoffice.core.errors import UserError
from ipoffice.patentmap.applicants import NameBook, applicant_type, patentsview_type
from ipoffice.patentmap.symbols import split_symbols

i18n.register(
    {
        "patentmap.corpus.missing": {
            "vi": "Không tìm thấy tệp hoặc thư mục dữ liệu sáng chế: {path}",
            "en": "No such patent corpus file or folder: {path}",
        },
        "patentmap.corpus.empty": {
            "vi": "Không đọc được họ sáng chế nào từ {paths} ({rejected} dòng/tệp bị loại)",
            "en": "No patent family could be read from {paths} ({rejected} rows/files rejected)",
        },
    }
)

FAMILY_COLUMNS = [
    "family_id",
    "source",
    "publications",
    "title",
    "abstract",
    "priority_date",
    "priority_year",
    "date_basis",
    "priority_country",
    "offices",
    "n_offices",
    "applicants",
    "applicant_names",
    "applicant_types",
    "first_applicant",
    "first_applicant_type",
    "applicant_country",
    "ipc",
    "cpc",
    "cited_by",
    "family_size",
    "vn_resident",
    "vn_office",
]
LIST_SEP = ";"
# Not countries: regional and international offices, used as office codes only.
NON_COUNTRY_OFFICES = {"EP", "WO", "IB", "EA", "AP", "OA", "GC", "EM", "XN", "XV"}

Progress = Callable[[str, int, int], None]


def _no_progress(step: str, done: int, total: int) -> None:
    return None


@dataclass(frozen=True)
class Rejected:
    """A row (or a value in it, or a whole file) that could not be used, and why."""

    file: str
    row: int | None  # 1-based data row (header not counted); None for the whole file
    field: str
    problem: str
    dropped: str = "value"  # "value" (the row still loads), "row" or "file"

    def __str__(self) -> str:
        where = f"{self.file}, row {self.row}" if self.row else self.file
        return f"{where}: {self.field}: {self.problem} ({self.dropped} dropped)"


@dataclass
class FileReport:
    file: str
    format: str
    encoding: str
    line_ends: str
    rows: int
    records: int


@dataclass
class Record:
    """One family as one source sees it, before merging."""

    keys: list[str]
    source: str
    publications: list[str] = field(default_factory=list)
    title: str = ""
    abstract: str = ""
    priority_date: dt.date | None = None
    date_basis: str = "unknown"  # priority | application | publication | grant | unknown
    priority_country: str = ""
    offices: list[str] = field(default_factory=list)
    applicants: list[str] = field(default_factory=list)
    applicant_types: list[str] = field(default_factory=list)
    applicant_country: str = ""
    ipc: list[str] = field(default_factory=list)
    cpc: list[str] = field(default_factory=list)
    cited_by: int | None = None
    family_size: int | None = None


@dataclass
class Corpus:
    """The family table and everything a reader should know about how it was made."""

    families: pd.DataFrame
    rejected: list[Rejected]
    files: list[FileReport]
    names: NameBook

    def __len__(self) -> int:
        return len(self.families)


class CorpusSource(Protocol):
    """Anything that yields family records: export files, the demo set, the office register (to come)."""

    name: str

    def records(self, rejected: list[Rejected], files: list[FileReport]) -> Iterator[Record]: ...


# -- reading text files whatever their encoding ---------------------------------------------------------------


def read_text(path: Path) -> tuple[str, str, str]:
    """(text with \\n line ends, encoding, original line ends): UTF-8 (with or without BOM), else CP1252/Latin-1."""
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        text, enc = raw[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    else:
        try:
            text, enc = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, enc = raw.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                text, enc = raw.decode("latin-1"), "latin-1"
    if "\r\n" in text:
        ends = "CRLF"
    elif "\r" in text:
        ends = "CR"
    else:
        ends = "LF"
    if ends != "LF":
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, enc, ends


def read_table(path: Path) -> tuple[pd.DataFrame, str, str]:
    text, enc, ends = read_text(path)
    sep = "\t" if path.suffix.lower() == ".tsv" else ","
    frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, on_bad_lines="warn")
    frame.columns = [str(c).strip().lstrip("\ufeff") for c in frame.columns]
    # PATENTSCOPE and Lens write a literal "NA" for an empty cell
    frame = frame.replace({"NA": "", "N/A": "", "NULL": "", "nan": ""})
    return frame, enc, ends


def _split(value: object, sep: str) -> list[str]:
    text = "" if value is None else str(value)
    return [p.strip() for p in text.split(sep) if p.strip()]


def _date(value: object) -> dt.date | None:
    s = str(value or "").strip()
    if not s:
        return None
    for fmt, n in (("%Y-%m-%d", 10), ("%Y%m%d", 8), ("%d.%m.%Y", 10), ("%d/%m/%y", 8), ("%d/%m/%Y", 10)):
        try:
            return dt.datetime.strptime(s[:n], fmt).date()
        except ValueError:
            continue
    return None


def _int(value: object) -> int | None:
    try:
        return int(float(str(value).strip()))
    except ValueError:
        return None


def _symbols(
    rec: Record, kind: str, raw: object, file: str, row: int, rejected: list[Rejected], seps: str = ";,|"
) -> None:
    good, bad = split_symbols(raw, seps)
    getattr(rec, kind).extend(g for g in good if g not in getattr(rec, kind))
    for b in bad:
        rejected.append(Rejected(file, row, kind, f"malformed classification symbol {b!r}"))


def _require(frame: pd.DataFrame, columns: Iterable[str], file: str, rejected: list[Rejected]) -> bool:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        rejected.append(Rejected(file, None, ", ".join(missing), "missing column(s)", "file"))
        return False
    return True


def _finish(rec: Record, file: str, row: int, rejected: list[Rejected]) -> Record | None:
    if not rec.title and not rec.abstract and not rec.ipc and not rec.cpc:
        rejected.append(Rejected(file, row, "title", "no title, abstract or classification", "row"))
        return None
    return rec


# -- one reader per export format ------------------------------------------------------------------------------

_LENS_PRIO = re.compile(r"^([A-Z]{2})\s*(\S+)(?:\s+[A-Z]\d?)?\s+(\d{8})$")


def _lens_priorities(cell: str) -> list[tuple[str, str, dt.date | None]]:
    out = []
    for part in _split(cell, ";;") if ";;" in cell else _split(cell, ";"):
        m = _LENS_PRIO.match(part)
        if m:
            out.append((m.group(1), m.group(2), _date(m.group(3))))
    return out


def read_lens(frame: pd.DataFrame, file: str, rejected: list[Rejected]) -> Iterator[Record]:
    if not _require(frame, ["Title", "Priority Numbers"], file, rejected):
        return
    for i, r in enumerate(frame.to_dict("records"), start=1):
        prios = _lens_priorities(r.get("Priority Numbers", ""))
        pub = r.get("Publication Number", "").replace(" ", "")
        keys = ["prio:" + "|".join(sorted({c + n for c, n, _ in prios}))] if prios else []
        if pub:
            keys.append("pub:" + pub)
        if not keys:
            rejected.append(
                Rejected(file, i, "Priority Numbers", "no priority and no publication number", "row")
            )
            continue
        rec = Record(keys, "lens", publications=[pub] if pub else [], title=r.get("Title", "").strip())
        dated = [(d, c) for c, _, d in prios if d]
        if dated:
            rec.priority_date, rec.priority_country = min(dated)
            rec.date_basis = "priority"
        elif _date(r.get("Application Date")):
            rec.priority_date, rec.date_basis = _date(r.get("Application Date")), "application"
        elif r.get("Priority Numbers"):
            rejected.append(
                Rejected(file, i, "Priority Numbers", f"unreadable priority {r['Priority Numbers'][:40]!r}")
            )
        juris = r.get("Jurisdiction", "").strip().upper()
        rec.offices = [juris] if juris else []
        rec.applicants = _split(r.get("Applicants", ""), ";;")
        rec.applicant_types = [applicant_type(a) for a in rec.applicants]
        _symbols(rec, "ipc", r.get("IPCR Classifications", "").replace(";;", ";"), file, i, rejected)
        _symbols(rec, "cpc", r.get("CPC Classifications", "").replace(";;", ";"), file, i, rejected)
        rec.cited_by = _int(r.get("Cited Count", ""))
        rec.family_size = _int(r.get("Simple Family Size", ""))
        done = _finish(rec, file, i, rejected)
        if done:
            yield done


def read_lens_cleaned(frame: pd.DataFrame, file: str, rejected: list[Rejected]) -> Iterator[Record]:
    if not _require(frame, ["title", "priority_numbers"], file, rejected):
        return
    for i, r in enumerate(frame.to_dict("records"), start=1):
        prios = _lens_priorities(r.get("priority_numbers", "").replace("; ", ";"))
        pub = r.get("publication_number", "").replace(" ", "")
        keys = ["prio:" + "|".join(sorted({c + n for c, n, _ in prios}))] if prios else []
        if pub:
            keys.append("pub:" + pub)
        if not keys:
            rejected.append(
                Rejected(file, i, "priority_numbers", "no priority and no publication number", "row")
            )
            continue
        rec = Record(keys, "lens", publications=[pub] if pub else [], title=r.get("title", "").strip())
        dated = [(d, c) for c, _, d in prios if d]
        if dated:
            rec.priority_date, rec.priority_country = min(dated)
            rec.date_basis = "priority"
        code = r.get("publication_country_code", "").strip().upper()
        rec.offices = [code] if code else []
        rec.applicants = _split(r.get("applicants_use_me", ""), ";")
        rec.applicant_types = [applicant_type(a) for a in rec.applicants]
        _symbols(rec, "ipc", r.get("ipc_codes", ""), file, i, rejected, ";")
        _symbols(rec, "cpc", r.get("cpc_codes_useme", ""), file, i, rejected, ";")
        rec.cited_by = _int(r.get("cited_count", ""))
        rec.family_size = _int(r.get("extended_family_size", ""))
        done = _finish(rec, file, i, rejected)
        if done:
            yield done


_PS_PRIO = re.compile(r"([^\s\[\],]+)\s+(\d{4}-\d{2}-\d{2})\S*\s+([A-Z]{2})")


def read_patentscope(frame: pd.DataFrame, file: str, rejected: list[Rejected]) -> Iterator[Record]:
    if not _require(frame, ["Publication Number", "Title"], file, rejected):
        return
    for i, r in enumerate(frame.to_dict("records"), start=1):
        pub = r.get("Publication Number", "").strip().upper().replace(" ", "")
        if not pub:
            rejected.append(Rejected(file, i, "Publication Number", "empty", "row"))
            continue
        prios = [
            (m.group(3), m.group(1), _date(m.group(2))) for m in _PS_PRIO.finditer(r.get("Priority Data", ""))
        ]
        keys = ["pub:" + pub] + [f"psprio:{c}{n}" for c, n, _ in prios]
        rec = Record(keys, "patentscope", publications=[pub], title=r.get("Title", "").strip())
        dated = [(d, c) for c, _, d in prios if d]
        if dated:
            rec.priority_date, rec.priority_country = min(dated)
            rec.date_basis = "priority"
        elif _date(r.get("Publication Date")):
            rec.priority_date, rec.date_basis = _date(r.get("Publication Date")), "publication"
            if pub[:2].isalpha() and pub[:2] not in NON_COUNTRY_OFFICES:
                rec.priority_country = pub[:2]
        else:
            rejected.append(
                Rejected(file, i, "Publication Date", f"unreadable date {r.get('Publication Date', '')!r}")
            )
        rec.offices = [pub[:2]] if pub[:2].isalpha() else []
        rec.applicants = _split(r.get("Applicants", ""), ";")
        rec.applicant_types = [applicant_type(a) for a in rec.applicants]
        _symbols(rec, "ipc", r.get("IPC", ""), file, i, rejected, ";")
        done = _finish(rec, file, i, rejected)
        if done:
            yield done


_COMPACT_IPC = re.compile(r"^([A-HY]\d{2}[A-Z])(\d{3})(\d{2,6})$")


_IPC7_INDEXING = re.compile(r"^\d?([A-H])\s?(\d{2})([A-Z])\s+(\d{1,4}):(\d{2,6})(?:\s+[A-Z])?$")


def _wipo_compact(symbol: str) -> str:
    """WIPO landscape tables write ``A61K031426`` for A61K 31/426, and IPC-7 indexing codes as ``7C 07D 235:00 J``."""
    s = symbol.strip().upper()
    m = _COMPACT_IPC.match(s)
    if m:
        return f"{m.group(1)} {int(m.group(2))}/{m.group(3)}"
    m = _IPC7_INDEXING.match(s)
    if m:
        return f"{m.group(1)}{m.group(2)}{m.group(3)} {int(m.group(4))}/{m.group(5)}"
    return symbol


def read_wipo_landscape(frame: pd.DataFrame, file: str, rejected: list[Rejected]) -> Iterator[Record]:
    if not _require(frame, ["publication number", "title", "priority document"], file, rejected):
        return
    for i, r in enumerate(frame.to_dict("records"), start=1):
        pub = (r.get("publication number", "") + r.get("kind code", "")).strip().replace(" ", "")
        prio = r.get("priority document", "").strip().replace(" ", "")
        keys = [f"wprio:{prio}"] if prio else []
        if pub:
            keys.append("pub:" + r.get("publication number", "").strip())
        if not keys:
            rejected.append(
                Rejected(file, i, "priority document", "no priority and no publication number", "row")
            )
            continue
        members = [m.strip() for m in r.get("family members", "").split("|") if m.strip()]
        rec = Record(keys, "wipo-landscape", publications=[pub, *members], title=r.get("title", "").strip())
        rec.priority_date = _date(r.get("earliest priority date"))
        rec.date_basis = "priority" if rec.priority_date else "unknown"
        if rec.priority_date is None:
            rejected.append(
                Rejected(
                    file,
                    i,
                    "earliest priority date",
                    f"unreadable date {r.get('earliest priority date', '')!r}",
                )
            )
        rec.priority_country = prio[:2].upper() if prio[:2].isalpha() else ""
        rec.offices = sorted({p[:2].upper() for p in [pub, *members] if p[:2].isalpha()})
        rec.applicants = _split(r.get("applicant", ""), "|")
        rec.applicant_types = [applicant_type(a) for a in rec.applicants]
        codes = ";".join(_wipo_compact(c) for c in r.get("ipc classes", "").split("|") if c.strip())
        _symbols(rec, "ipc", codes, file, i, rejected, ";")
        rec.family_size = _int(r.get("family size", "")) or len(rec.offices) or None
        done = _finish(rec, file, i, rejected)
        if done:
            yield done


def read_biopat(path: Path, file: str, rejected: list[Rejected]) -> Iterator[Record]:
    text, _, _ = read_text(path)
    for i, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            pid, body = str(row["_id"]).split("-")[0], str(row["text"])
        except (ValueError, KeyError) as exc:
            rejected.append(Rejected(file, i, "json", f"unreadable line: {exc}", "row"))
            continue
        title, _, abstract = body.partition(". ")
        rec = Record(
            [f"pub:US{pid}"],
            "biopat",
            publications=[f"US{pid}"],
            title=title.strip(),
            abstract=abstract.strip(),
        )
        rec.offices, rec.priority_country = ["US"], ""
        done = _finish(rec, file, i, rejected)
        if done:
            yield done


def read_patentsview(
    patent_file: Path, rejected: list[Rejected], files: list[FileReport]
) -> Iterator[Record]:
    """A PatentsView table set sharing one prefix: ``<p>_patent.csv`` + abstract, cpc, assignee tables."""
    prefix = patent_file.name[: -len("_patent.csv")]
    folder = patent_file.parent

    def table(suffix: str) -> pd.DataFrame | None:
        path = folder / f"{prefix}_{suffix}.csv"
        if not path.is_file():
            return None
        frame, enc, ends = read_table(path)
        files.append(FileReport(path.name, "patentsview", enc, ends, len(frame), 0))
        return frame

    patents = table("patent")
    assert patents is not None
    if not _require(patents, ["patent_id", "patent_title"], patent_file.name, rejected):
        return
    abstracts = table("patent_abstract")
    cpc = table("cpc")
    assignees = table("assignee")
    abs_map = (
        dict(zip(abstracts["patent_id"], abstracts["patent_abstract"], strict=False))
        if abstracts is not None
        else {}
    )
    cpc_map: dict[str, list[str]] = {}
    if cpc is not None and "cpc_group" in cpc.columns:
        for pid, sym in zip(cpc["patent_id"], cpc["cpc_group"], strict=False):
            cpc_map.setdefault(pid, []).append(sym)
    asg_map: dict[str, list[tuple[str, str]]] = {}
    if assignees is not None:
        for r in assignees.to_dict("records"):
            name = r.get("disambig_assignee_organization") or " ".join(
                x
                for x in (
                    r.get("disambig_assignee_individual_name_first"),
                    r.get("disambig_assignee_individual_name_last"),
                )
                if x
            )
            if name:
                asg_map.setdefault(r["patent_id"], []).append((name, r.get("assignee_type", "")))
    for i, r in enumerate(patents.to_dict("records"), start=1):
        pid = r["patent_id"].strip()
        if r.get("withdrawn", "0") == "1":
            continue
        rec = Record(
            [f"pub:US{pid}"],
            "patentsview",
            publications=[f"US{pid}"],
            title=r.get("patent_title", "").strip(),
            abstract=str(abs_map.get(pid, "") or "").strip(),
        )
        rec.priority_date = _date(r.get("patent_date"))
        rec.date_basis = "grant" if rec.priority_date else "unknown"
        rec.offices = ["US"]
        for name, kind in asg_map.get(pid, []):
            rec.applicants.append(name)
            rec.applicant_types.append(patentsview_type(kind, name))
        types = [str(k) for _, k in asg_map.get(pid, [])]
        if types and types[0].lstrip("1") in ("2", "4", "6", "8", "9"):
            rec.applicant_country = "US"
        _symbols(rec, "cpc", ";".join(cpc_map.get(pid, [])), patent_file.name, i, rejected, ";")
        done = _finish(rec, patent_file.name, i, rejected)
        if done:
            yield done


def read_family_table(frame: pd.DataFrame, file: str, rejected: list[Rejected]) -> Iterator[Record]:
    """This module's own output (``families.csv`` / ``.parquet``) read back."""
    if not _require(frame, ["family_id", "title"], file, rejected):
        return
    for i, r in enumerate(frame.to_dict("records"), start=1):
        rec = Record(
            [str(r["family_id"])],
            str(r.get("source") or "family-table"),
            publications=_split(r.get("publications"), LIST_SEP),
            title=str(r.get("title") or ""),
            abstract=str(r.get("abstract") or ""),
        )
        rec.priority_date = _date(r.get("priority_date"))
        rec.date_basis = str(r.get("date_basis") or ("priority" if rec.priority_date else "unknown"))
        rec.priority_country = str(r.get("priority_country") or "")
        rec.offices = _split(r.get("offices"), LIST_SEP)
        rec.applicants = _split(r.get("applicant_names") or r.get("applicants"), LIST_SEP)
        rec.applicant_types = _split(r.get("applicant_types"), LIST_SEP)
        rec.applicant_country = str(r.get("applicant_country") or "")
        _symbols(rec, "ipc", r.get("ipc"), file, i, rejected, LIST_SEP)
        _symbols(rec, "cpc", r.get("cpc"), file, i, rejected, LIST_SEP)
        rec.cited_by = _int(r.get("cited_by")) if r.get("cited_by") not in (None, "") else None
        rec.family_size = _int(r.get("family_size")) if r.get("family_size") not in (None, "") else None
        done = _finish(rec, file, i, rejected)
        if done:
            yield done


# -- sources ----------------------------------------------------------------------------------------------------

_SIGNATURES: list[tuple[str, set[str]]] = [
    ("family-table", {"family_id", "priority_date", "ipc"}),
    ("lens", {"Lens ID", "Priority Numbers"}),
    ("lens-cleaned", {"priority_numbers", "ipc_codes"}),
    ("patentscope", {"Publication Number", "Priority Data"}),
    ("wipo-landscape", {"publication number", "priority document"}),
]
_READERS = {
    "family-table": read_family_table,
    "lens": read_lens,
    "lens-cleaned": read_lens_cleaned,
    "patentscope": read_patentscope,
    "wipo-landscape": read_wipo_landscape,
}
_PATENTSVIEW_SIDE = ("_patent_abstract.csv", "_cpc.csv", "_assignee.csv", "_inventor.csv")


def detect_format(columns: Iterable[str]) -> str | None:
    cols = {str(c).strip() for c in columns}
    for name, needed in _SIGNATURES:
        if needed <= cols:
            return name
    return None


@dataclass
class FileSource:
    """Export files and folders on disk."""

    paths: list[Path]
    name: str = "files"

    def expand(self) -> list[Path]:
        out: list[Path] = []
        for p in self.paths:
            if not p.exists():
                raise UserError("patentmap.corpus.missing", field="corpus", path=str(p))
            out.extend(sorted(x for x in p.rglob("*") if x.is_file()) if p.is_dir() else [p])
        return out

    def records(self, rejected: list[Rejected], files: list[FileReport]) -> Iterator[Record]:
        for path in self.expand():
            name = path.name
            low = name.lower()
            if low.endswith(_PATENTSVIEW_SIDE):
                continue  # read with their *_patent.csv
            if low.endswith("_patent.csv"):
                yield from read_patentsview(path, rejected, files)
                continue
            if low.endswith(".jsonl"):
                n0 = len(rejected)
                recs = list(read_biopat(path, name, rejected))
                files.append(
                    FileReport(name, "biopat-jsonl", "utf-8", "LF", len(recs) + len(rejected) - n0, len(recs))
                )
                yield from recs
                continue
            if low.endswith(".parquet"):
                frame = (
                    pd.read_parquet(path).astype(str).replace({"None": "", "nan": "", "NaT": "", "<NA>": ""})
                )
                enc, ends = "parquet", "-"
            elif low.endswith((".csv", ".tsv")):
                try:
                    frame, enc, ends = read_table(path)
                except (pd.errors.ParserError, UnicodeError, ValueError) as exc:
                    rejected.append(Rejected(name, None, "file", f"unreadable table: {exc}", "file"))
                    continue
            else:
                continue  # notes, READMEs, metadata
            fmt = detect_format(frame.columns)
            if fmt is None:
                rejected.append(
                    Rejected(
                        name,
                        None,
                        "columns",
                        f"unrecognised export format (columns: {', '.join(list(frame.columns)[:8])})",
                        "file",
                    )
                )
                continue
            recs = list(_READERS[fmt](frame, name, rejected))
            files.append(FileReport(name, fmt, enc, ends, len(frame), len(recs)))
            yield from recs


@dataclass
class DemoSource:
    """The patents shipped with the demo office (PatentsView NVIDIA and BioPAT; real dates)."""

    name: str = "demo"

    def records(self, rejected: list[Rejected], files: list[FileReport]) -> Iterator[Record]:
        from ipoffice.demo.dataset import iter_patents

        n = 0
        for p in iter_patents():
            n += 1
            rec = Record(
                [f"pub:US{p.id}"],
                p.source,
                publications=[p.publication_number],
                title=p.title,
                abstract=p.abstract or "",
            )
            rec.priority_date = p.grant_date
            rec.date_basis = "grant" if p.grant_date else "unknown"
            rec.offices = ["US"]
            rec.applicants = [a.name for a in p.applicants]
            rec.applicant_types = [applicant_type(a.name) for a in p.applicants]
            rec.applicant_country = next((a.country for a in p.applicants if a.country), "") or ""
            _symbols(rec, "cpc", ";".join(p.cpc), "demo", n, rejected, ";")
            _symbols(rec, "ipc", ";".join(p.ipc), "demo", n, rejected, ";")
            if _finish(rec, "demo", n, rejected):
                yield rec
        files.append(FileReport("ipoffice demo set", "demo", "utf-8", "LF", n, n))


# The office register (ipoffice/store, ipoffice/office) becomes a CorpusSource once its query functions exist:
# a RegisterSource(records=...) yielding one Record per application family, IPC from the register, applicants
# with their country, priority claims and the VN office. Not written yet: the register is being built.


# -- merging ------------------------------------------------------------------------------------------------------


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _merge(recs: list[Record]) -> Record:
    if len(recs) == 1:
        return recs[0]
    out = Record(sorted({k for r in recs for k in r.keys}), recs[0].source)
    for r in recs:
        for attr in ("publications", "offices", "ipc", "cpc"):
            cur = getattr(out, attr)
            cur.extend(x for x in getattr(r, attr) if x not in cur)
        for a, t in zip(r.applicants, r.applicant_types or [""] * len(r.applicants), strict=False):
            if a not in out.applicants:
                out.applicants.append(a)
                out.applicant_types.append(t)
        out.title = out.title or r.title
        if len(r.abstract) > len(out.abstract):
            out.abstract = r.abstract
        rank = {"priority": 0, "application": 1, "publication": 2, "grant": 3, "unknown": 4}
        if r.priority_date and (
            out.priority_date is None
            or (rank[r.date_basis], r.priority_date) < (rank[out.date_basis], out.priority_date)
        ):
            out.priority_date, out.date_basis = r.priority_date, r.date_basis
            out.priority_country = r.priority_country or out.priority_country
        out.priority_country = out.priority_country or r.priority_country
        out.applicant_country = out.applicant_country or r.applicant_country
        out.cited_by = (
            max(x for x in (out.cited_by, r.cited_by, -1) if x is not None)
            if (out.cited_by is not None or r.cited_by is not None)
            else None
        )
        out.family_size = max((x for x in (out.family_size, r.family_size) if x is not None), default=None)
    if len({r.source for r in recs}) > 1:
        out.source = "+".join(sorted({r.source for r in recs}))
    return out


def build_corpus(sources: Iterable[CorpusSource], progress: Progress = _no_progress) -> Corpus:
    """Read every source, merge records of one family, harmonise applicants; never fails on a bad row."""
    rejected: list[Rejected] = []
    files: list[FileReport] = []
    records: list[Record] = []
    for src in sources:
        for rec in src.records(rejected, files):
            records.append(rec)
            if len(records) % 2000 == 0:
                progress("read", len(records), 0)
    progress("read", len(records), len(records))
    uf = _UnionFind()
    owner: dict[str, int] = {}
    for i, rec in enumerate(records):
        uf.find(i)
        for k in rec.keys:
            if k in owner:
                uf.union(owner[k], i)
            else:
                owner[k] = i
    groups: dict[int, list[Record]] = {}
    for i, rec in enumerate(records):
        groups.setdefault(uf.find(i), []).append(rec)
    names = NameBook.empty()
    rows: list[dict[str, Any]] = []
    for n, members in enumerate(groups.values(), start=1):
        fam = _merge(members)
        rows.append(_row(fam, names))
        if n % 5000 == 0:
            progress("merge", n, len(groups))
    progress("merge", len(groups), len(groups))
    frame = pd.DataFrame(rows, columns=FAMILY_COLUMNS)
    frame = finalize_frame(frame)
    return Corpus(frame, rejected, files, names)


def _family_id(keys: list[str]) -> str:
    prio = [k for k in keys if not k.startswith("pub:")]
    return sorted(prio or keys)[0]


def _row(fam: Record, names: NameBook) -> dict[str, Any]:
    keys: list[str] = []
    types: list[str] = []
    for raw, kind in zip(fam.applicants, fam.applicant_types or [""] * len(fam.applicants), strict=False):
        k = names.add(raw)
        if k and k not in keys:
            keys.append(k)
            types.append(kind or applicant_type(raw))
    offices = sorted({o for o in fam.offices if o})
    origin = fam.applicant_country or (
        fam.priority_country if fam.priority_country not in NON_COUNTRY_OFFICES else ""
    )
    return {
        "family_id": _family_id(fam.keys),
        "source": fam.source,
        "publications": LIST_SEP.join(fam.publications),
        "title": fam.title,
        "abstract": fam.abstract,
        "priority_date": fam.priority_date,
        "priority_year": fam.priority_date.year if fam.priority_date else None,
        "date_basis": fam.date_basis,
        "priority_country": fam.priority_country,
        "offices": LIST_SEP.join(offices),
        "n_offices": len(offices),
        "applicants": LIST_SEP.join(keys),
        "applicant_names": LIST_SEP.join(names.display(k) for k in keys),
        "applicant_types": LIST_SEP.join(types),
        "first_applicant": keys[0] if keys else "",
        "first_applicant_type": types[0] if types else "unknown",
        "applicant_country": origin,
        "ipc": LIST_SEP.join(fam.ipc),
        "cpc": LIST_SEP.join(fam.cpc),
        "cited_by": fam.cited_by,
        "family_size": max(fam.family_size or 0, len(offices)) or None,
        "vn_resident": origin == "VN",
        "vn_office": "VN" in offices,
    }


def finalize_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Column types every later step relies on."""
    frame = frame.copy()
    frame["priority_date"] = pd.to_datetime(frame["priority_date"], errors="coerce")
    frame["priority_year"] = frame["priority_date"].dt.year.astype("Int64")
    for col in ("cited_by", "family_size", "n_offices"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("Int64")
    for col in ("vn_resident", "vn_office"):
        frame[col] = frame[col].astype(bool)
    text_cols = [
        c
        for c in FAMILY_COLUMNS
        if c
        not in (
            "priority_date",
            "priority_year",
            "cited_by",
            "family_size",
            "n_offices",
            "vn_resident",
            "vn_office",
        )
    ]
    for col in text_cols:
        frame[col] = frame[col].fillna("").astype(str)
    return frame.reset_index(drop=True)


def load_corpus(paths: Iterable[str | Path] | None, progress: Progress = _no_progress) -> Corpus:
    """Files and folders given by the user, or the demo office's patents when none are given."""
    plist = [Path(p) for p in (paths or [])]
    sources: list[CorpusSource] = [FileSource(plist)] if plist else [DemoSource()]
    corpus = build_corpus(sources, progress)
    if len(corpus) == 0:
        raise UserError(
            "patentmap.corpus.empty",
            field="corpus",
            paths=", ".join(map(str, plist)) or "demo",
            rejected=len(corpus.rejected),
        )
    return corpus
