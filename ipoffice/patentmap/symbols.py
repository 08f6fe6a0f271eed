"""IPC/CPC symbols: one normal form for the many ways corpora write them, and prefix patterns for queries.

Normal form: subclass + main group + "/" + subgroup without spaces, e.g. ``G06F21/10``. Accepted inputs include
``G06F 21/10``, ``G06F  21/10 (2006.01)``, ``G06F21/10(20130101)``, the 14-character master form
``G06F0021100000`` and bare subclasses ``G06F``. Anything else is malformed and returns ``None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SYMBOL = re.compile(r"^([A-HY]\d{2}[A-Z])\s*(\d{1,4})\s*/\s*(\d{1,6})$")
_MASTER = re.compile(r"^([A-HY]\d{2}[A-Z])(\d{4})(\d{6})$")
_SUBCLASS = re.compile(r"^([A-HY]\d{2}[A-Z])$")
_VERSION = re.compile(r"\s*\(\s*\d{4}[.\d]*\s*\)\s*$")
_PATTERN = re.compile(r"^([A-HY](?:\d{2}(?:[A-Z](?:\s*\d{1,4}(?:\s*/\s*\d{0,6})?)?)?)?)$")


def normalize_symbol(raw: str) -> str | None:
    """The normal form of one classification symbol, or ``None`` when it is malformed."""
    s = _VERSION.sub("", str(raw).strip().upper())
    if not s:
        return None
    m = _MASTER.match(s)
    if m:
        sub = m.group(3).rstrip("0")
        sub = sub.ljust(2, "0")
        return f"{m.group(1)}{int(m.group(2))}/{sub}"
    m = _SYMBOL.match(s)
    if m:
        return f"{m.group(1)}{int(m.group(2))}/{m.group(3).ljust(2, '0') if len(m.group(3)) < 2 else m.group(3)}"
    m = _SUBCLASS.match(s)
    if m:
        return m.group(1)
    return None


def split_symbols(raw: object, seps: str = ";,|") -> tuple[list[str], list[str]]:
    """Split a cell of symbols; return (normalised, malformed)."""
    if raw is None or (isinstance(raw, float) and raw != raw):
        return [], []
    text = str(raw)
    for sep in seps:
        text = text.replace(sep, "\n")
    good: list[str] = []
    bad: list[str] = []
    for part in text.split("\n"):
        part = part.strip()
        if not part:
            continue
        norm = normalize_symbol(part)
        if norm is None:
            bad.append(part)
        elif norm not in good:
            good.append(norm)
    return good, bad


@dataclass(frozen=True)
class SymbolPattern:
    """A query symbol: a prefix over normalised symbols (``G06N3/`` = main group 3 of G06N and below)."""

    text: str  # as written in the taxonomy file
    prefix: str  # normalised prefix
    scheme: str = "ipc"  # "ipc" or "cpc" (CPC-only symbol)
    verify: bool = False

    @property
    def subclass(self) -> str | None:
        return self.prefix[:4] if len(self.prefix) >= 4 else None

    @property
    def main_group(self) -> str | None:
        m = re.match(r"^[A-HY]\d{2}[A-Z](\d+)/", self.prefix)
        return m.group(1) if m else None

    def matches(self, symbol: str) -> bool:
        return symbol.startswith(self.prefix)


def parse_pattern(raw: str) -> str | None:
    """The normalised prefix of a query symbol (``"G06N 3/"`` -> ``"G06N3/"``), ``None`` when malformed."""
    s = str(raw).strip().upper()
    if not _PATTERN.match(s):
        return None
    s = re.sub(r"\s+", "", s)
    m = re.match(r"^([A-HY]\d{2}[A-Z])(\d{1,4})(?:/(\d*))?$", s)
    if m:
        return f"{m.group(1)}{int(m.group(2))}/{m.group(3) or ''}"
    return s
