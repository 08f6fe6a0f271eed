"""Classifications: Nice (goods and services), IPC (inventions), CPC (format only), Locarno, Vienna.

Tables ship in ``ipoffice/data/classification`` (see its SOURCE.md) and load lazily on first use, so importing
this module costs nothing. Unknown or malformed symbols raise :class:`UserError` naming the field
(``nice_class``, ``goods_term``, ``ipc``, ``cpc``, ``locarno``, ``vienna``) and the rule broken.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ipoffice.core import i18n
from ipoffice.core.errors import UserError

i18n.register(
    {
        "classification.nice_class": {
            "vi": "Nhóm Nice «{value}» không hợp lệ: phải là số nguyên từ 1 đến 45",
            "en": "Nice class '{value}' is not valid: it must be a whole number from 1 to 45",
        },
        "classification.goods_term_empty": {
            "vi": "Tên hàng hóa/dịch vụ trong nhóm {nice_class} đang để trống",
            "en": "The goods/services term in class {nice_class} is empty",
        },
        "classification.ipc_malformed": {
            "vi": "Ký hiệu IPC «{value}» không đúng dạng (ví dụ A61K 31/00)",
            "en": "IPC symbol '{value}' is malformed (e.g. A61K 31/00)",
        },
        "classification.ipc_unknown": {
            "vi": "Ký hiệu IPC «{value}» không có trong bảng phân loại IPC {edition}",
            "en": "IPC symbol '{value}' does not exist in the IPC scheme {edition}",
        },
        "classification.ipc_not_group": {
            "vi": "Ký hiệu IPC «{value}» phải ghi đến cấp nhóm (ví dụ A61K 31/00)",
            "en": "IPC symbol '{value}' must be given down to group level (e.g. A61K 31/00)",
        },
        "classification.cpc_malformed": {
            "vi": "Ký hiệu CPC «{value}» không đúng dạng (ví dụ Y02E 10/50)",
            "en": "CPC symbol '{value}' is malformed (e.g. Y02E 10/50)",
        },
        "classification.locarno": {
            "vi": "Phân loại Locarno «{value}» không hợp lệ: dạng LL-PP, nhóm 1-32, phân nhóm 00-99",
            "en": "Locarno classification '{value}' is not valid: form CC-SS, class 1-32, subclass 00-99",
        },
        "classification.vienna_malformed": {
            "vi": "Mã Vienna «{value}» không đúng dạng (ví dụ 01.01.01)",
            "en": "Vienna code '{value}' is malformed (e.g. 01.01.01)",
        },
        "classification.vienna_unknown": {
            "vi": "Mã Vienna «{value}» không có trong bảng phân loại Vienna",
            "en": "Vienna code '{value}' does not exist in the Vienna classification",
        },
    }
)

NICE_RULE = "Nice Agreement: 45 classes (Law on IP Art. 105(2))"
IPC_RULE = "Strasbourg Agreement: International Patent Classification (WIPO ST.8 symbol)"
IPC_EDITION = "2020.01"
CPC_RULE = "Cooperative Patent Classification symbol format"
LOCARNO_RULE = "Locarno Agreement: 32 classes, subclasses CC-SS"
VIENNA_RULE = "Vienna Agreement: figurative elements (category.division.section)"


def _data(name: str) -> bytes:
    return resources.files("ipoffice.data").joinpath(f"classification/{name}").read_bytes()


def _read_gz_csv(name: str, delimiter: str = ",") -> list[dict[str, str]]:
    text = gzip.decompress(_data(name)).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def fold(text: str) -> str:
    """Case- and accent-insensitive key: NFKD, marks removed, đ -> d, case-folded, spaces collapsed."""
    text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


# --- Nice -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NiceClass:
    number: int
    kind: str  # "goods" or "services"
    heading: str


@dataclass(frozen=True)
class NiceTerm:
    nice_class: int
    basic_number: str
    term: str
    source: str  # "ncl10" (NCL 10-2015, CC0), "alpha" (recent alphabetical list) or "both"


@dataclass(frozen=True)
class GoodsTermCheck:
    """The result of checking one goods/services term against a class: known, or free text to examine."""

    nice_class: int
    term: str
    known: bool
    match: NiceTerm | None = None
    other_classes: tuple[int, ...] = ()  # classes where the same term is listed, when not in this one

    @property
    def free_text(self) -> bool:
        return not self.known


@cache
def _nice_classes() -> dict[int, NiceClass]:
    data = json.loads(_data("nice_classes.json"))
    return {c["number"]: NiceClass(c["number"], c["kind"], c["heading"]) for c in data["classes"]}


@cache
def _nice_terms() -> tuple[NiceTerm, ...]:
    return tuple(
        NiceTerm(int(r["class"]), r["basic_number"], r["term"], r["source"])
        for r in _read_gz_csv("nice_terms.csv.gz")
    )


@cache
def _nice_index() -> dict[str, tuple[NiceTerm, ...]]:
    index: dict[str, list[NiceTerm]] = {}
    for t in _nice_terms():
        index.setdefault(fold(t.term), []).append(t)
    return {k: tuple(v) for k, v in index.items()}


def validate_nice_class(value: int | str) -> int:
    """The class number as an int, or a UserError (field ``nice_class``) unless it is 1..45."""
    text = str(value).strip()
    if text.lower().startswith("class"):
        text = text[5:].strip()
    if not text.isdigit() or not 1 <= int(text) <= 45:
        raise UserError("classification.nice_class", field="nice_class", rule=NICE_RULE, value=value)
    return int(text)


def nice_class(number: int | str) -> NiceClass:
    """Class ``number`` with its heading (NCL 10-2015)."""
    return _nice_classes()[validate_nice_class(number)]


def nice_classes() -> tuple[NiceClass, ...]:
    return tuple(_nice_classes()[n] for n in sorted(_nice_classes()))


def nice_terms(number: int | str) -> tuple[NiceTerm, ...]:
    """Every listed goods/services term of class ``number``, sorted by term."""
    n = validate_nice_class(number)
    return tuple(sorted((t for t in _nice_terms() if t.nice_class == n), key=lambda t: fold(t.term)))


@cache
def _nice_keys() -> tuple[tuple[str, tuple[str, ...], NiceTerm], ...]:
    return tuple((key, tuple(re.findall(r"\w+", key)), t) for t in _nice_terms() for key in [fold(t.term)])


def find_nice_terms(text: str, nice_class: int | str | None = None, limit: int = 50) -> list[NiceTerm]:
    """Listed terms in which every word of ``text`` starts a word (accent- and case-insensitive).

    Exact matches come first, then terms starting with the query, then shorter terms.
    """
    words = re.findall(r"\w+", fold(text))
    if not words:
        return []
    n = validate_nice_class(nice_class) if nice_class is not None else None
    query = " ".join(words)
    hits = []
    for key, tokens, t in _nice_keys():
        if n is not None and t.nice_class != n:
            continue
        if all(any(tok.startswith(w) for tok in tokens) for w in words):
            hits.append((key != query, not key.startswith(query), len(key), key, t))
    hits.sort(key=lambda h: h[:4])
    return [h[4] for h in hits[:limit]]


def check_goods_term(number: int | str, term: str) -> GoodsTermCheck:
    """Whether ``term`` is a listed term of class ``number``; otherwise it is free text for the examiner."""
    n = validate_nice_class(number)
    cleaned = " ".join(str(term).split())
    if not cleaned:
        raise UserError("classification.goods_term_empty", field="goods_term", rule=NICE_RULE, nice_class=n)
    matches = _nice_index().get(fold(cleaned), ())
    here = [t for t in matches if t.nice_class == n]
    if here:
        return GoodsTermCheck(n, cleaned, True, here[0])
    return GoodsTermCheck(n, cleaned, False, None, tuple(sorted({t.nice_class for t in matches})))


# --- IPC and CPC ------------------------------------------------------------------------------------------

_IPC_TEXT = re.compile(r"^([A-H])(?:(\d{2})(?:([A-Z])(?:\s*(\d{1,4})\s*/\s*(\d{2,6}))?)?)?$")
_IPC_MASTER = re.compile(r"^([A-H])(\d{2})([A-Z])(\d{4})(\d{6})$")
_CPC_TEXT = re.compile(r"^([A-HY])(\d{2})([A-Z])\s*(\d{1,4})\s*/\s*(\d{2,6})$")


@dataclass(frozen=True, order=True)
class IpcSymbol:
    """An IPC (or CPC) symbol down to any level: section, class, subclass, or group."""

    section: str
    klass: str = ""  # two digits
    subclass: str = ""  # one letter
    main_group: int | None = None
    subgroup: str = ""  # digits after the slash, e.g. "00", "02", "123"

    @property
    def is_group(self) -> bool:
        return self.main_group is not None

    @property
    def subclass_symbol(self) -> str:
        return f"{self.section}{self.klass}{self.subclass}"

    @property
    def master(self) -> str:
        """WIPO master-file form: ``A61K0031000000`` for groups, the plain symbol above group level."""
        if self.main_group is None:
            return self.subclass_symbol
        return f"{self.subclass_symbol}{self.main_group:04d}{self.subgroup.ljust(6, '0')}"

    def __str__(self) -> str:
        if self.main_group is None:
            return self.subclass_symbol
        return f"{self.subclass_symbol} {self.main_group}/{self.subgroup}"


def _parse_ipc(value: str, *, field: str, code: str, rule: str, pattern: re.Pattern[str]) -> IpcSymbol:
    text = " ".join(str(value).upper().split())
    m = _IPC_MASTER.match(text.replace(" ", ""))
    if m:
        sec, cls, sub, main, rest = m.groups()
        sub_digits = rest.rstrip("0")
        return IpcSymbol(sec, cls, sub, int(main), sub_digits.ljust(2, "0"))
    m = pattern.match(text)
    if not m:
        raise UserError(code, field=field, rule=rule, value=value)
    groups = list(m.groups()) + [None] * (5 - len(m.groups()))
    sec, cls, sub, main, rest = groups
    if main is None:
        return IpcSymbol(sec, cls or "", sub or "")
    digits = rest.rstrip("0") if rest is not None else ""
    if len(digits) > 6:
        raise UserError(code, field=field, rule=rule, value=value)
    return IpcSymbol(sec, cls, sub, int(main), digits.ljust(2, "0"))


def parse_ipc(value: str) -> IpcSymbol:
    """Parse ``A61K 31/00``, ``A61K31/00``, ``A61K0031000000`` or a higher level (``A61K``, ``A61``, ``A``)."""
    return _parse_ipc(
        value, field="ipc", code="classification.ipc_malformed", rule=IPC_RULE, pattern=_IPC_TEXT
    )


def normalize_ipc(value: str) -> str:
    """The canonical display form: ``normalize_ipc("A61K0031000000") == "A61K 31/00"``."""
    return str(parse_ipc(value))


@cache
def _ipc_titles() -> dict[str, str]:
    return {r["symbol"]: r["title"] for r in _read_gz_csv("ipc.tsv.gz", delimiter="\t")}


def ipc_title(value: str) -> str:
    """The scheme's title of an IPC symbol; UserError (field ``ipc``) when it is not in the scheme."""
    symbol = parse_ipc(value)
    title = _ipc_titles().get(symbol.master)
    if title is None:
        raise UserError(
            "classification.ipc_unknown", field="ipc", rule=IPC_RULE, value=value, edition=IPC_EDITION
        )
    return title


def validate_ipc(value: str, *, require_group: bool = True) -> IpcSymbol:
    """The parsed symbol if it exists in the scheme (down to group level unless ``require_group`` is False)."""
    symbol = parse_ipc(value)
    if require_group and not symbol.is_group:
        raise UserError("classification.ipc_not_group", field="ipc", rule=IPC_RULE, value=value)
    if symbol.master not in _ipc_titles():
        raise UserError(
            "classification.ipc_unknown", field="ipc", rule=IPC_RULE, value=value, edition=IPC_EDITION
        )
    return symbol


def is_valid_ipc(value: str) -> bool:
    """True when ``value`` is a well-formed IPC group symbol that exists in the shipped scheme."""
    try:
        validate_ipc(value)
    except UserError:
        return False
    return True


def normalize_cpc(value: str) -> str:
    """A CPC group symbol, checked by format only (no CPC title list ships): ``Y02E10/50`` -> ``Y02E 10/50``."""
    return str(
        _parse_ipc(value, field="cpc", code="classification.cpc_malformed", rule=CPC_RULE, pattern=_CPC_TEXT)
    )


def is_valid_cpc(value: str) -> bool:
    try:
        symbol = _parse_ipc(
            value, field="cpc", code="classification.cpc_malformed", rule=CPC_RULE, pattern=_CPC_TEXT
        )
    except UserError:
        return False
    return symbol.is_group


# --- Locarno ----------------------------------------------------------------------------------------------

_LOCARNO = re.compile(r"^(?:LOC\s*(?:\(\d+\))?\s*(?:CL\.?)?\s*)?(\d{1,2})\s*[-.–]\s*(\d{2})$", re.IGNORECASE)


def normalize_locarno(value: str) -> str:
    """``"12-08"``, ``"12.08"``, ``"LOC (15) Cl. 12-08"`` -> ``"12-08"``.

    No Locarno list is shipped (none is available as open data here): the class (1-32) and the subclass format
    are checked, not the subclass's existence.
    """
    m = _LOCARNO.match(" ".join(str(value).split()))
    if not m or not 1 <= int(m.group(1)) <= 32:
        raise UserError("classification.locarno", field="locarno", rule=LOCARNO_RULE, value=value)
    return f"{int(m.group(1)):02d}-{m.group(2)}"


# --- Vienna -----------------------------------------------------------------------------------------------

_VIENNA = re.compile(r"^(\d{1,2})(?:\.(\d{1,2})(?:\.(\d{1,2}))?)?$")


@cache
def _vienna_titles() -> dict[str, str]:
    return {r["code"]: r["title"] for r in _read_gz_csv("vienna.csv.gz")}


def normalize_vienna(value: str) -> str:
    """``"1.1.1"``, ``"01.01.01"``, ``"010101"`` -> ``"01.01.01"`` (also categories and divisions)."""
    text = str(value).strip()
    if re.fullmatch(r"\d{2}|\d{4}|\d{6}", text):
        parts = [text[i : i + 2] for i in range(0, len(text), 2)]
    else:
        m = _VIENNA.match(text)
        if not m:
            raise UserError("classification.vienna_malformed", field="vienna", rule=VIENNA_RULE, value=value)
        parts = [p.zfill(2) for p in m.groups() if p is not None]
    return ".".join(parts)


def vienna_title(value: str) -> str:
    """The title of a Vienna category, division or section; UserError (field ``vienna``) when unknown."""
    code = normalize_vienna(value)
    title = _vienna_titles().get(code.replace(".", ""))
    if title is None:
        raise UserError("classification.vienna_unknown", field="vienna", rule=VIENNA_RULE, value=value)
    return title


def is_valid_vienna(value: str) -> bool:
    try:
        vienna_title(value)
    except UserError:
        return False
    return True
