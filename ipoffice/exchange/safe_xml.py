"""One hardened XML parser configuration for every document the office receives.

Every XML byte that enters the office goes through :func:`parse_xml`. The rules (the ``defusedxml`` policy,
applied to lxml):

- a size limit checked *before* parsing (a multi-gigabyte upload is refused without being read whole);
- lxml/libxml2 with ``resolve_entities=False``, ``no_network=True``, ``load_dtd=False``, ``huge_tree=False``,
  ``dtd_validation=False``: no external file or URL is ever opened, no DTD is loaded, libxml2 keeps its own
  limits on text nodes and nesting (256 levels);
- entity declarations are refused before parsing: internal entities (the "billion laughs" expansion bomb),
  external parsed entities (XXE: ``<!ENTITY x SYSTEM "file:///etc/passwd">``) and parameter entities. The only
  declarations accepted are *unparsed* entities (``<!ENTITY img SYSTEM "D00001.TIF" NDATA TIF>``), which name
  drawing files in real USPTO documents and can never be expanded into the text;
- a document deeper than :data:`MAX_DEPTH` elements is refused after parsing (memory is already bounded by the
  size limit).

Every refusal is a :class:`~ipoffice.core.errors.UserError` with a clear message in vi/en; nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from ipoffice.core import i18n
from ipoffice.core.errors import UserError

MAX_BYTES = 64 * 1024 * 1024  # 64 MiB: larger than any real full-text patent document in the samples
MAX_DEPTH = 100  # ST.96 instances nest about 15 levels; descriptions with tables about 25
RULE = "ipoffice XML safety policy (no DTD entities, no network, size and depth limits)"

i18n.register(
    {
        "exchange.xml.too_large": {
            "vi": "Tài liệu XML quá lớn: {size} byte (tối đa {limit} byte)",
            "en": "The XML document is too large: {size} bytes (at most {limit} bytes)",
        },
        "exchange.xml.entity": {
            "vi": "Tài liệu XML khai báo thực thể «{name}» ({kind}); vì lý do an toàn, thực thể DTD không được chấp nhận",
            "en": "The XML document declares the entity '{name}' ({kind}); DTD entities are refused for safety",
        },
        "exchange.xml.too_deep": {
            "vi": "Tài liệu XML lồng quá sâu: {depth} cấp (tối đa {limit})",
            "en": "The XML document is nested too deeply: {depth} levels (at most {limit})",
        },
        "exchange.xml.malformed": {
            "vi": "Tài liệu XML không hợp lệ: {detail}",
            "en": "The XML document is not well-formed: {detail}",
        },
        "exchange.xml.empty": {
            "vi": "Tài liệu rỗng",
            "en": "The document is empty",
        },
        "exchange.xml.encoding": {
            "vi": "Mã hóa ký tự không được hỗ trợ ({detail}); hãy dùng UTF-8",
            "en": "Unsupported character encoding ({detail}); use UTF-8",
        },
    }
)

_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_ENTITY = re.compile(rb"<!ENTITY\b(.*?)>", re.DOTALL)
# An unparsed external entity: name, SYSTEM (or PUBLIC "id") "literal", NDATA notation.
_UNPARSED = re.compile(
    rb"""^\s+([^\s%'"]+)\s+(?:SYSTEM|PUBLIC\s+(?:"[^"]*"|'[^']*'))\s+(?:"[^"]*"|'[^']*')\s+NDATA\s+[\w.:-]+\s*$""",
    re.DOTALL,
)
_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=False,
        remove_pis=False,
    )


@dataclass(frozen=True)
class XmlLimits:
    max_bytes: int = MAX_BYTES
    max_depth: int = MAX_DEPTH


DEFAULT_LIMITS = XmlLimits()


def read_limited(source: str | Path | BinaryIO | bytes, limit: int = MAX_BYTES) -> bytes:
    """The bytes of ``source``, refusing anything larger than ``limit`` before reading it whole."""
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
        if len(data) > limit:
            raise UserError(
                "exchange.xml.too_large", field="document", rule=RULE, size=len(data), limit=limit
            )
        return data
    if isinstance(source, str | Path):
        path = Path(source)
        size = path.stat().st_size
        if size > limit:
            raise UserError("exchange.xml.too_large", field=str(path.name), rule=RULE, size=size, limit=limit)
        with path.open("rb") as fh:
            return read_limited(fh, limit)
    data = source.read(limit + 1)
    if len(data) > limit:
        raise UserError("exchange.xml.too_large", field="document", rule=RULE, size=f">{limit}", limit=limit)
    return data


def check_declarations(data: bytes) -> None:
    """Refuse every entity declaration except unparsed (NDATA) ones; raise a :class:`UserError`."""
    head = data[:4]
    if any(head.startswith(b) for b in _BOMS) or head.startswith(b"\x00"):
        raise UserError("exchange.xml.encoding", field="document", rule=RULE, detail="UTF-16/UTF-32")
    if not _DOCTYPE.search(data):
        return
    for m in _ENTITY.finditer(data):
        body = m.group(1)
        if body.lstrip().startswith(b"%"):
            name, kind = body.split()[1] if len(body.split()) > 1 else b"%", "parameter entity"
            raise UserError(
                "exchange.xml.entity",
                field="document",
                rule=RULE,
                name=name.decode("utf-8", "replace")[:60],
                kind=kind,
            )
        if not _UNPARSED.match(body):
            parts = body.split()
            name = parts[0].decode("utf-8", "replace")[:60] if parts else "?"
            kind = "external entity (XXE)" if b"SYSTEM" in body or b"PUBLIC" in body else "internal entity"
            raise UserError("exchange.xml.entity", field="document", rule=RULE, name=name, kind=kind)


def tree_depth(root: etree._Element) -> int:
    """The number of element levels below and including ``root`` (one pass, no recursion)."""
    deepest = 0
    stack = [(root, 1)]
    while stack:
        el, depth = stack.pop()
        if depth > deepest:
            deepest = depth
        stack.extend((child, depth + 1) for child in el)
    return deepest


@lru_cache(maxsize=8)
def _deeper_than(limit: int) -> etree.XPath:
    """True when an element sits more than ``limit`` levels deep (evaluated in C)."""
    return etree.XPath("boolean(/*" + "/*" * limit + ")")


def parse_xml(source: str | Path | BinaryIO | bytes, limits: XmlLimits = DEFAULT_LIMITS) -> etree._Element:
    """The root element of a document, parsed under the safety policy (see the module docstring)."""
    data = read_limited(source, limits.max_bytes)
    if not data.strip():
        raise UserError("exchange.xml.empty", field="document", rule=RULE)
    check_declarations(data)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        detail = str(exc)
        if "depth" in detail.lower():
            raise UserError(
                "exchange.xml.too_deep", field="document", rule=RULE, depth=">256", limit=limits.max_depth
            ) from None
        raise UserError("exchange.xml.malformed", field="document", rule=RULE, detail=detail[:200]) from None
    if _deeper_than(limits.max_depth)(root):
        depth = tree_depth(root)
        raise UserError(
            "exchange.xml.too_deep", field="document", rule=RULE, depth=depth, limit=limits.max_depth
        )
    return root
