"""Strategic-technology taxonomies as data: loading, validation and the crosswalk between decisions.

A taxonomy file (``ipoffice/data/taxonomies/decision-*.yaml``) lists a decision's groups and products and names,
for each group, the query packs (``query-packs.yaml``) that define it. Validation reports every problem with the
file, line and field at fault; doubtful rows carry ``verify: true`` and stay marked in every output.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

import ipoffice
from ipoffice.core import i18n
from ipoffice.core.errors import UserError
from ipoffice.patentmap.symbols import SymbolPattern, parse_pattern
from ipoffice.patentmap.text import KeywordMatcher, keyword_pattern

i18n.register(
    {
        "patentmap.taxonomy.invalid": {
            "vi": "Tệp phân loại công nghệ không hợp lệ ({count} lỗi): {details}",
            "en": "Invalid taxonomy file ({count} problems): {details}",
        },
        "patentmap.taxonomy.unknown": {
            "vi": "Không có bảng phân loại '{name}'. Có: {known}",
            "en": "No taxonomy '{name}'. Known: {known}",
        },
    }
)

TAXONOMY_DIR = "taxonomies"
BUILTIN = {"1131-2025": "decision-1131-2025.yaml", "21-2026": "decision-21-2026.yaml"}
CROSSWALK_FILE = "crosswalk-1131-2025_21-2026.csv"
IPC_LIST_FILE = "ipc-2020.01-subclasses-main-groups.csv.gz"


@dataclass(frozen=True)
class Issue:
    """One problem in a data file: where it is and what is wrong."""

    file: str
    line: int | None
    field: str
    problem: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.problem}"


class TaxonomyInvalid(UserError):
    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        super().__init__(
            "patentmap.taxonomy.invalid",
            field=issues[0].field if issues else None,
            count=len(issues),
            details="; ".join(str(i) for i in issues[:20]),
        )


@dataclass(frozen=True)
class Text2:
    vi: str
    en: str

    def get(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


@dataclass(frozen=True)
class Pack:
    """One technology area's three queries (A codes, B keywords, C broad codes AND keywords)."""

    id: str
    name: Text2
    codes: tuple[SymbolPattern, ...]
    broad_codes: tuple[SymbolPattern, ...]
    keywords_en: tuple[str, ...]
    keywords_vi: tuple[str, ...]
    context_en: tuple[str, ...]
    context_vi: tuple[str, ...]
    sources: tuple[str, ...]
    verify: bool
    verify_note: str = ""

    @property
    def keywords(self) -> tuple[str, ...]:
        return self.keywords_en + self.keywords_vi

    @property
    def context_keywords(self) -> tuple[str, ...]:
        return self.context_en + self.context_vi

    def keyword_matcher(self) -> KeywordMatcher:
        return KeywordMatcher.build(self.keywords)

    def context_matcher(self) -> KeywordMatcher:
        return KeywordMatcher.build(self.keywords + self.context_keywords)


@dataclass(frozen=True)
class Product:
    id: str
    name: Text2
    verify: bool


@dataclass(frozen=True)
class Group:
    id: str
    name: Text2
    packs: tuple[str, ...]
    products: tuple[Product, ...]
    verify: bool
    verify_note: str = ""

    def label(self, lang: str) -> str:
        return f"{self.id}. {self.name.get(lang)}"


@dataclass(frozen=True)
class Taxonomy:
    id: str
    version: str
    decision: Text2
    signed: dt.date
    in_force_from: dt.date
    in_force_until: dt.date | None
    groups: tuple[Group, ...]
    packs: dict[str, Pack]
    packs_version: str
    sources: dict[str, str]
    source_file: str
    warnings: tuple[Issue, ...] = ()

    def group(self, gid: str) -> Group:
        for g in self.groups:
            if g.id == gid:
                return g
        raise KeyError(gid)

    def in_force_on(self, day: dt.date) -> bool:
        return self.in_force_from <= day and (self.in_force_until is None or day <= self.in_force_until)

    @property
    def doubtful(self) -> bool:
        return any(g.verify for g in self.groups)


@dataclass(frozen=True)
class CrosswalkRow:
    from_group: str | None
    to_group: str
    packs: tuple[str, ...]
    relation: str
    verify: bool
    note: str


@dataclass(frozen=True)
class Crosswalk:
    from_taxonomy: str
    to_taxonomy: str
    rows: tuple[CrosswalkRow, ...]

    def targets(self, from_group: str) -> list[str]:
        return sorted({r.to_group for r in self.rows if r.from_group == from_group}, key=_group_sort)


def _group_sort(gid: str) -> tuple[int, str]:
    return (int(gid), gid) if gid.isdigit() else (10**6, gid)


# -- YAML with line numbers -------------------------------------------------------------------------------


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    keys = [loader.construct_object(k) for k, _ in node.value]
    dups = {k for k in keys if keys.count(k) > 1}
    if dups:
        mapping["__dups__"] = sorted(map(str, dups))
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _read_yaml(path: Path, display: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise TaxonomyInvalid([Issue(display, None, "file", str(exc))]) from None
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise TaxonomyInvalid([Issue(display, line, "yaml", str(getattr(exc, "problem", exc)))]) from None


# -- IPC reference list -----------------------------------------------------------------------------------


def data_path(name: str) -> Path:
    """A file shipped in ``ipoffice/data/taxonomies``."""
    return Path(ipoffice.__file__).resolve().parent / "data" / TAXONOMY_DIR / name


@lru_cache(maxsize=1)
def ipc_reference() -> tuple[frozenset[str], frozenset[str]]:
    """(subclasses, "SUBCLASS:main group") known in the shipped IPC 2020.01 list."""
    subclasses: set[str] = set()
    mains: set[str] = set()
    with gzip.open(data_path(IPC_LIST_FILE), "rt", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            subclasses.add(row["subclass"])
            if row["main_group"]:
                mains.add(f"{row['subclass']}:{row['main_group']}")
    return frozenset(subclasses), frozenset(mains)


def check_symbol(pattern: SymbolPattern) -> str | None:
    """Why ``pattern`` is unknown to the IPC list, or ``None`` when it is known (or exempt: CPC / verify)."""
    if pattern.scheme == "cpc" or pattern.verify:
        return None
    subclasses, mains = ipc_reference()
    sub = pattern.subclass
    if sub is None:
        classes = {s[:3] for s in subclasses} | {s[:1] for s in subclasses}
        return None if pattern.prefix in classes else f"unknown IPC class {pattern.text!r}"
    if sub not in subclasses:
        return f"unknown IPC subclass {sub!r} in {pattern.text!r} (mark it scheme: cpc or verify: true if it is newer)"
    main = pattern.main_group
    if main is not None and f"{sub}:{main}" not in mains:
        return f"unknown IPC main group {sub} {main}/ in {pattern.text!r}"
    return None


# -- loading ----------------------------------------------------------------------------------------------


def _text2(value: Any, display: str, line: int | None, fieldname: str, issues: list[Issue]) -> Text2:
    if isinstance(value, dict) and isinstance(value.get("vi"), str) and isinstance(value.get("en"), str):
        return Text2(value["vi"].strip(), value["en"].strip())
    issues.append(Issue(display, line, fieldname, "needs both 'vi' and 'en' texts"))
    return Text2("?", "?")


def _str_list(value: Any, display: str, line: int | None, fieldname: str, issues: list[Issue]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        issues.append(Issue(display, line, fieldname, "must be a list of non-empty texts"))
        return ()
    return tuple(v.strip() for v in value)


def _patterns(
    value: Any, display: str, line: int | None, fieldname: str, issues: list[Issue], newer: frozenset[str] = frozenset()
) -> tuple[SymbolPattern, ...]:
    out: list[SymbolPattern] = []
    for item in value or []:
        if isinstance(item, str):
            raw, scheme, verify = item, "ipc", False
        elif isinstance(item, dict) and isinstance(item.get("symbol"), str):
            raw, scheme, verify = item["symbol"], str(item.get("scheme", "ipc")), bool(item.get("verify", False))
            line = item.get("__line__", line)
        else:
            issues.append(Issue(display, line, fieldname, f"not a symbol: {item!r}"))
            continue
        prefix = parse_pattern(raw)
        if prefix is None:
            issues.append(Issue(display, line, fieldname, f"malformed symbol {raw!r}"))
            continue
        if scheme not in ("ipc", "cpc"):
            issues.append(Issue(display, line, fieldname, f"scheme must be ipc or cpc, not {scheme!r}"))
        if any(prefix.startswith(n) for n in newer):
            verify = True  # newer than the shipped IPC list: accepted, marked doubtful
        pat = SymbolPattern(raw, prefix, scheme, verify)
        why = check_symbol(pat)
        if why:
            issues.append(Issue(display, line, fieldname, why))
            continue
        out.append(pat)
    prefixes = [p.prefix for p in out]
    for i, p in enumerate(prefixes):
        for j, q in enumerate(prefixes):
            if i != j and q.startswith(p) and (p != q or i < j):
                issues.append(Issue(display, line, fieldname, f"overlapping symbols {out[i].text!r} and {out[j].text!r}"))
    return tuple(out)


def load_packs(path: Path, display: str | None = None) -> tuple[str, dict[str, str], dict[str, Pack], list[Issue]]:
    display = display or path.name
    doc = _read_yaml(path, display)
    issues: list[Issue] = []
    if not isinstance(doc, dict) or not isinstance(doc.get("packs"), list):
        raise TaxonomyInvalid([Issue(display, 1, "packs", "the file must hold a 'packs' list")])
    sources = {k: v for k, v in (doc.get("sources") or {}).items() if k != "__line__"}
    newer_raw = doc.get("newer_ipc") or []
    newer = frozenset(p for p in (parse_pattern(str(x)) for x in newer_raw) if p)
    packs: dict[str, Pack] = {}
    for entry in doc["packs"]:
        line = entry.get("__line__") if isinstance(entry, dict) else None
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            issues.append(Issue(display, line, "packs[].id", "each pack needs an id"))
            continue
        pid = entry["id"]
        f = f"packs[{pid}]"
        if "__dups__" in entry:
            issues.append(Issue(display, line, f, f"key(s) given twice: {', '.join(entry['__dups__'])}"))
        if pid in packs:
            issues.append(Issue(display, line, f"{f}.id", "pack defined twice"))
            continue
        kw = entry.get("keywords") or {}
        ctx = entry.get("context_keywords") or {}
        pack = Pack(
            id=pid,
            name=_text2(entry.get("name"), display, line, f"{f}.name", issues),
            codes=_patterns(entry.get("codes"), display, line, f"{f}.codes", issues, newer),
            broad_codes=_patterns(entry.get("broad_codes"), display, line, f"{f}.broad_codes", issues, newer),
            keywords_en=_str_list(kw.get("en"), display, kw.get("__line__", line), f"{f}.keywords.en", issues),
            keywords_vi=_str_list(kw.get("vi"), display, kw.get("__line__", line), f"{f}.keywords.vi", issues),
            context_en=_str_list(ctx.get("en"), display, ctx.get("__line__", line), f"{f}.context_keywords.en", issues),
            context_vi=_str_list(ctx.get("vi"), display, ctx.get("__line__", line), f"{f}.context_keywords.vi", issues),
            sources=_str_list(entry.get("sources"), display, line, f"{f}.sources", issues),
            verify=bool(entry.get("verify", False)),
            verify_note=str(entry.get("verify_note", "") or ""),
        )
        for s in pack.sources:
            if s not in sources:
                issues.append(Issue(display, line, f"{f}.sources", f"unknown source id {s!r}"))
        if not pack.sources:
            issues.append(Issue(display, line, f"{f}.sources", "a pack must cite at least one source"))
        if not (pack.codes or pack.keywords):
            issues.append(Issue(display, line, f, "a pack needs codes or keywords"))
        for k in pack.keywords + pack.context_keywords:
            try:
                keyword_pattern(k)
            except ValueError:
                issues.append(Issue(display, line, f"{f}.keywords", f"unusable keyword {k!r}"))
        dup_kw = {k for k in pack.keywords if pack.keywords.count(k) > 1}
        if dup_kw:
            issues.append(Issue(display, line, f"{f}.keywords", f"keyword(s) listed twice: {sorted(dup_kw)}"))
        packs[pid] = pack
    return str(doc.get("version", "")), sources, packs, issues


def _date(value: Any, display: str, line: int | None, fieldname: str, issues: list[Issue], optional: bool = False) -> dt.date | None:
    if value is None and optional:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        issues.append(Issue(display, line, fieldname, f"not a date (YYYY-MM-DD): {value!r}"))
        return None


def load_taxonomy(name_or_path: str | Path) -> Taxonomy:
    """A built-in taxonomy by id (``1131-2025``, ``21-2026``) or a taxonomy file; raises :class:`TaxonomyInvalid`."""
    key = str(name_or_path)
    if key in BUILTIN:
        path = data_path(BUILTIN[key])
    else:
        path = Path(key)
        if not path.is_file():
            raise UserError("patentmap.taxonomy.unknown", field="taxonomy", name=key, known=", ".join(BUILTIN))
    display = path.name
    doc = _read_yaml(path, display)
    if not isinstance(doc, dict):
        raise TaxonomyInvalid([Issue(display, 1, "file", "the file must be a mapping")])
    issues: list[Issue] = []
    top = doc.get("__line__", 1)
    packs_path = path.parent / str(doc.get("packs_file", "query-packs.yaml"))
    packs_version, sources, packs, pack_issues = load_packs(packs_path)
    issues += pack_issues
    for req in ("id", "decision", "signed", "in_force_from", "groups"):
        if req not in doc:
            issues.append(Issue(display, top, req, "missing"))
    if issues and any(i.field in ("groups", "id") for i in issues):
        raise TaxonomyInvalid(issues)
    groups: list[Group] = []
    seen: set[str] = set()
    pack_owner: dict[str, str] = {}
    for g in doc.get("groups") or []:
        line = g.get("__line__") if isinstance(g, dict) else None
        if not isinstance(g, dict) or g.get("id") is None:
            issues.append(Issue(display, line, "groups[].id", "each group needs an id"))
            continue
        gid = str(g["id"])
        f = f"groups[{gid}]"
        if gid in seen:
            issues.append(Issue(display, line, f"{f}.id", "group defined twice"))
            continue
        seen.add(gid)
        gpacks = _str_list(g.get("packs"), display, line, f"{f}.packs", issues)
        if not gpacks:
            issues.append(Issue(display, line, f"{f}.packs", "a group needs at least one query pack"))
        for p in gpacks:
            if p not in packs:
                issues.append(Issue(display, line, f"{f}.packs", f"unknown query pack {p!r}"))
            elif p in pack_owner:
                issues.append(Issue(display, line, f"{f}.packs", f"overlapping definition: pack {p!r} is also in group {pack_owner[p]}"))
            else:
                pack_owner[p] = gid
        products = []
        for i, p in enumerate(g.get("products") or []):
            pl = p.get("__line__", line) if isinstance(p, dict) else line
            products.append(Product(str(p.get("id", f"{gid}.{i + 1}")) if isinstance(p, dict) else "?",
                                    _text2(p, display, pl, f"{f}.products[{i}]", issues),
                                    bool(p.get("verify", False)) if isinstance(p, dict) else True))
        groups.append(Group(gid, _text2(g.get("name"), display, line, f"{f}.name", issues), gpacks, tuple(products),
                            bool(g.get("verify", False)), str(g.get("verify_note", "") or "")))
    signed = _date(doc.get("signed"), display, top, "signed", issues)
    start = _date(doc.get("in_force_from"), display, top, "in_force_from", issues)
    until = _date(doc.get("in_force_until"), display, top, "in_force_until", issues, optional=True)
    if start and until and until < start:
        issues.append(Issue(display, top, "in_force_until", "ends before it starts"))
    expected = doc.get("expected_groups")
    if isinstance(expected, int) and expected != len(groups):
        issues.append(Issue(display, top, "groups", f"{len(groups)} groups but expected_groups is {expected}"))
    if issues:
        raise TaxonomyInvalid(issues)
    warnings = tuple(_cross_group_overlaps(display, groups, packs))
    assert signed is not None and start is not None
    return Taxonomy(str(doc["id"]), str(doc.get("version", "")), _text2(doc["decision"], display, top, "decision", issues),
                    signed, start, until, tuple(groups), packs, packs_version, sources, display, warnings)


def _cross_group_overlaps(display: str, groups: Iterable[Group], packs: dict[str, Pack]) -> list[Issue]:
    """Symbols that sit in the code query of two groups: allowed (a family may serve two groups), but reported."""
    owner: dict[str, str] = {}
    out = []
    for g in groups:
        for pid in g.packs:
            for pat in packs[pid].codes:
                if pat.prefix in owner and owner[pat.prefix] != g.id:
                    out.append(Issue(display, None, f"groups[{g.id}]", f"{pat.text} also defines group {owner[pat.prefix]}"))
                owner.setdefault(pat.prefix, g.id)
    return out


def load_crosswalk(path: Path | None = None) -> Crosswalk:
    path = path or data_path(CROSSWALK_FILE)
    issues: list[Issue] = []
    rows = []
    names: set[tuple[str, str]] = set()
    with path.open(encoding="utf-8-sig", newline="") as f:
        for n, rec in enumerate(csv.DictReader(f), start=2):
            names.add((rec.get("from_taxonomy") or "", rec.get("to_taxonomy") or ""))
            if not rec.get("to_group"):
                issues.append(Issue(path.name, n, "to_group", "missing"))
                continue
            rows.append(CrosswalkRow(rec.get("from_group") or None, rec["to_group"],
                                     tuple(p for p in (rec.get("packs") or "").split(";") if p),
                                     rec.get("relation") or "", (rec.get("verify") or "").lower() == "true",
                                     rec.get("note") or ""))
    if issues:
        raise TaxonomyInvalid(issues)
    from_ids = {a for a, _ in names if a}
    to_ids = {b for _, b in names if b}
    return Crosswalk(min(from_ids) if from_ids else "", min(to_ids) if to_ids else "", tuple(rows))


def check_crosswalk(old: Taxonomy, new: Taxonomy, cw: Crosswalk) -> list[Issue]:
    """Every pack of every old group is carried to a new group that holds it; every new group is reached."""
    issues = []
    for g in old.groups:
        carried = {p for r in cw.rows if r.from_group == g.id for p in r.packs}
        for p in g.packs:
            if p not in carried:
                issues.append(Issue(CROSSWALK_FILE, None, f"{old.id}/{g.id}", f"pack {p} is not carried to {new.id}"))
        for r in cw.rows:
            if r.from_group == g.id:
                target = new.group(r.to_group)
                for p in r.packs:
                    if p not in target.packs:
                        issues.append(Issue(CROSSWALK_FILE, None, f"{new.id}/{r.to_group}", f"pack {p} is not in that group"))
    reached = {r.to_group for r in cw.rows}
    for g in new.groups:
        if g.id not in reached:
            issues.append(Issue(CROSSWALK_FILE, None, f"{new.id}/{g.id}", "not reached by the crosswalk"))
    return issues
