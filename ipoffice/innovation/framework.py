"""A composite-index framework of any depth, read from a metadata table (COINr's ``iMeta`` layout).

Columns (COINr names; extra columns are kept): ``iCode`` (required), ``Parent`` (required for indicators and
aggregates), ``Type`` (Indicator / Aggregate / Group / Denominator / Other; default Indicator), ``Level``
(optional: derived from the tree when absent, checked when present), ``iName``, ``Direction`` (1 good, -1 bad),
``Weight`` (relative weight within the parent), ``Denominator`` (a denominator column of the data),
``GoalLow`` / ``GoalHigh`` (goalposts), ``NameVi`` (Vietnamese name), ``HasData`` (0 marks an indicator with no
data source yet), ``Verify`` (1 marks a doubt to check against the primary document).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ipoffice.core.errors import UserError
from ipoffice.innovation import messages as _messages  # noqa: F401  (registers the catalogue)

TYPES = ("Indicator", "Aggregate", "Group", "Denominator", "Other")


@dataclass(frozen=True)
class Node:
    """One indicator or aggregate of the framework."""

    code: str
    kind: str  # "Indicator" or "Aggregate"
    parent: str | None
    level: int
    name: str = ""
    name_vi: str = ""
    weight: float = 1.0
    direction: int = 1
    denominator: str | None = None
    goal_low: float | None = None
    goal_high: float | None = None
    has_data: bool = True
    verify: bool = False
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or (isinstance(v, str) and v.strip() == "")


def _num(v: Any, default: float | None) -> float | None:
    if _blank(v):
        return default
    return float(v)


@dataclass
class Framework:
    """The tree: indicators (level 1) aggregated level by level up to one root."""

    nodes: dict[str, Node]
    groups: list[str] = field(default_factory=list)
    denominators: list[str] = field(default_factory=list)
    name: str = ""

    # ---- construction -------------------------------------------------------------------------------
    @classmethod
    def from_csv(cls, path: str | Path, name: str = "") -> Framework:
        try:
            table = pd.read_csv(path)
        except (OSError, pd.errors.ParserError, UnicodeDecodeError) as exc:
            raise UserError(
                "innovation.file.unreadable", field="framework", path=str(path), reason=exc
            ) from None
        return cls.from_table(table, name=name or Path(path).stem)

    @classmethod
    def from_table(cls, table: pd.DataFrame, name: str = "") -> Framework:
        if "iCode" not in table.columns:
            raise UserError("innovation.meta.missing_column", field="iCode", column="iCode")
        rows = table.to_dict("records")
        seen: set[str] = set()
        groups: list[str] = []
        denoms: list[str] = []
        raw: dict[str, dict[str, Any]] = {}
        for row in rows:
            code = str(row["iCode"]).strip()
            if code in seen:
                raise UserError("innovation.meta.duplicate_code", field="iCode", item=code)
            seen.add(code)
            kind = "Indicator" if _blank(row.get("Type")) else str(row["Type"]).strip()
            if kind not in TYPES:
                raise UserError("innovation.meta.bad_type", field="Type", item=code, value=kind)
            if kind == "Group":
                groups.append(code)
            elif kind == "Denominator":
                denoms.append(code)
            elif kind in ("Indicator", "Aggregate"):
                raw[code] = dict(row, iCode=code, Type=kind)
        if not any(r["Type"] == "Indicator" for r in raw.values()):
            raise UserError("innovation.meta.no_indicators", field="Type")
        if any("Parent" not in r for r in raw.values()):
            raise UserError("innovation.meta.missing_column", field="Parent", column="Parent")

        parents: dict[str, str | None] = {}
        for code, r in raw.items():
            p = None if _blank(r.get("Parent")) else str(r["Parent"]).strip()
            if p is not None and p not in raw:
                raise UserError("innovation.meta.parent_missing", field="Parent", item=code, parent=p)
            if p is not None and raw[p]["Type"] == "Indicator":
                raise UserError("innovation.meta.indicator_parent", field="Parent", item=code, parent=p)
            parents[code] = p
        _check_cycles(parents)
        roots = [c for c, p in parents.items() if p is None]
        if len(roots) != 1:
            raise UserError("innovation.meta.roots", field="Parent", codes=", ".join(roots) or "-")
        children: dict[str, list[str]] = {c: [] for c in raw}
        for c, p in parents.items():
            if p is not None:
                children[p].append(c)
        for c, r in raw.items():
            if r["Type"] == "Aggregate" and not children[c]:
                raise UserError("innovation.meta.empty_aggregate", field="Parent", item=c)

        # derive levels: indicator 1, aggregate = 1 + max(child level)
        level: dict[str, int] = {}

        def lvl(c: str) -> int:
            if c not in level:
                level[c] = 1 if raw[c]["Type"] == "Indicator" else 1 + max(lvl(k) for k in children[c])
            return level[c]

        for c in raw:
            lvl(c)
        # a declared Level wins if it is consistent (COINr allows skipping levels, e.g. level 1 under level 3)
        for c, r in raw.items():
            if "Level" in r and not _blank(r["Level"]):
                level[c] = int(r["Level"])
        for c, p in parents.items():
            if p is not None and level[c] >= level[p]:
                raise UserError(
                    "innovation.meta.level_order",
                    field="Level",
                    item=c,
                    level=level[c],
                    parent=p,
                    parent_level=level[p],
                )

        known = {
            "iCode",
            "Type",
            "Parent",
            "Level",
            "iName",
            "NameVi",
            "Weight",
            "Direction",
            "Denominator",
            "GoalLow",
            "GoalHigh",
            "HasData",
            "Verify",
        }
        nodes: dict[str, Node] = {}
        for c, r in raw.items():
            direction = _num(r.get("Direction"), 1.0)
            if direction not in (1.0, -1.0):
                raise UserError(
                    "innovation.meta.bad_direction", field="Direction", item=c, value=r.get("Direction")
                )
            try:
                weight = _num(r.get("Weight"), 1.0)
            except (TypeError, ValueError):
                raise UserError(
                    "innovation.meta.bad_weight", field="Weight", item=c, value=r.get("Weight")
                ) from None
            if weight is None or not math.isfinite(weight) or weight < 0:
                raise UserError("innovation.meta.bad_weight", field="Weight", item=c, value=r.get("Weight"))
            nodes[c] = Node(
                code=c,
                kind=r["Type"],
                parent=parents[c],
                level=level[c],
                name="" if _blank(r.get("iName")) else str(r["iName"]),
                name_vi="" if _blank(r.get("NameVi")) else str(r["NameVi"]),
                weight=weight,
                direction=int(direction or 1),
                denominator=None if _blank(r.get("Denominator")) else str(r["Denominator"]).strip(),
                goal_low=_num(r.get("GoalLow"), None),
                goal_high=_num(r.get("GoalHigh"), None),
                has_data=bool(_num(r.get("HasData"), 1.0)),
                verify=bool(_num(r.get("Verify"), 0.0)),
                extra={k: v for k, v in r.items() if k not in known and not _blank(v)},
            )
        fw = cls(nodes=nodes, groups=groups, denominators=denoms, name=name)
        for c in fw.aggregates:
            if all(nodes[k].weight == 0 for k in fw.children(c)):
                raise UserError("innovation.weights.zero", field="Weight", parent=c)
        return fw

    # ---- queries ------------------------------------------------------------------------------------
    @property
    def indicators(self) -> list[str]:
        return [c for c, n in self.nodes.items() if n.kind == "Indicator"]

    @property
    def aggregates(self) -> list[str]:
        """Aggregate codes from the lowest level to the root (the order of computation)."""
        aggs = [c for c, n in self.nodes.items() if n.kind == "Aggregate"]
        return sorted(aggs, key=lambda c: self.nodes[c].level)

    @property
    def root(self) -> str:
        return next(c for c, n in self.nodes.items() if n.parent is None)

    @property
    def max_level(self) -> int:
        return self.nodes[self.root].level

    def children(self, code: str) -> list[str]:
        return [c for c, n in self.nodes.items() if n.parent == code]

    def at_level(self, level: int) -> list[str]:
        return [c for c, n in self.nodes.items() if n.level == level]

    def descendants(self, code: str, kind: str = "Indicator") -> list[str]:
        out: list[str] = []
        for c in self.children(code):
            if self.nodes[c].kind == kind:
                out.append(c)
            out.extend(self.descendants(c, kind))
        return out

    def ancestors(self, code: str) -> list[str]:
        out = []
        p = self.nodes[code].parent
        while p is not None:
            out.append(p)
            p = self.nodes[p].parent
        return out

    def label(self, code: str, lang: str = "en") -> str:
        n = self.nodes[code]
        if lang == "vi" and n.name_vi:
            return n.name_vi
        return n.name or code

    def with_weights(self, weights: dict[str, float]) -> Framework:
        """A copy with some weights replaced (unknown codes are an error)."""
        unknown = sorted(set(weights) - set(self.nodes))
        if unknown:
            raise UserError("innovation.weights.unknown", field="weights", codes=", ".join(unknown))
        nodes = {}
        for c, n in self.nodes.items():
            if c in weights:
                w = float(weights[c])
                if not math.isfinite(w) or w < 0:
                    raise UserError("innovation.meta.bad_weight", field="weights", item=c, value=w)
                n = Node(**{**n.__dict__, "weight": w})
            nodes[c] = n
        fw = Framework(
            nodes=nodes, groups=list(self.groups), denominators=list(self.denominators), name=self.name
        )
        for c in fw.aggregates:
            if all(nodes[k].weight == 0 for k in fw.children(c)):
                raise UserError("innovation.weights.zero", field="weights", parent=c)
        return fw

    def to_table(self) -> pd.DataFrame:
        rows = []
        for n in self.nodes.values():
            rows.append(
                {
                    "Level": n.level,
                    "iCode": n.code,
                    "iName": n.name,
                    "NameVi": n.name_vi,
                    "Type": n.kind,
                    "Parent": n.parent,
                    "Weight": n.weight,
                    "Direction": n.direction,
                    "Denominator": n.denominator,
                    "GoalLow": n.goal_low,
                    "GoalHigh": n.goal_high,
                    "HasData": int(n.has_data),
                    "Verify": int(n.verify),
                }
            )
        return pd.DataFrame(rows)


def _check_cycles(parents: dict[str, str | None]) -> None:
    for start in parents:
        path = [start]
        p = parents[start]
        while p is not None:
            if p in path:
                cyc = path[path.index(p) :] + [p]
                raise UserError("innovation.meta.cycle", field="Parent", codes=" → ".join(cyc))
            path.append(p)
            p = parents[p]


def explicit_weights(weights: dict[str, float], framework: Framework, tol: float = 1e-6) -> Framework:
    """Apply weights given as shares: within each parent they must sum to 1 (the error names the parent)."""
    fw = framework.with_weights(weights)
    by_parent: dict[str, float] = {}
    for c in weights:
        p = fw.nodes[c].parent
        if p is not None:
            by_parent[p] = sum(fw.nodes[k].weight for k in fw.children(p))
    for p, total in by_parent.items():
        if abs(total - 1.0) > tol:
            raise UserError("innovation.weights.sum", field="weights", parent=p, total=round(total, 6))
    return fw
