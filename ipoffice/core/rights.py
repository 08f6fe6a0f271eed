"""The kinds of industrial-property right the office registers, and the prior rights met in disputes.

Law on IP 50/2005/QH11 (as amended) Art. 3(2): inventions, industrial designs, layout designs of semiconductor
integrated circuits, trade secrets, marks, trade names and geographical indications. Inventions are protected by
an invention patent or a utility-solution patent (Art. 6(3)(a), Art. 92); the office registers both titles,
designs, layout designs, marks and GIs. Trade names (Art. 6(3)(b)) and trade secrets arise without registration
and appear here only as prior rights relied on in disputes.
"""

from __future__ import annotations

from enum import StrEnum


class RightKind(StrEnum):
    """A registrable right. Values are stable identifiers used by the CLI, the API and stored rows."""

    INVENTION = "invention"
    UTILITY_SOLUTION = "utility_solution"
    DESIGN = "design"
    LAYOUT_DESIGN = "layout_design"
    TRADEMARK = "trademark"
    GI = "gi"

    @property
    def is_patent(self) -> bool:
        return self in (RightKind.INVENTION, RightKind.UTILITY_SOLUTION)

    @property
    def legal_status_standard(self) -> str:
        """The WIPO legal-status standard for this right: ST.27 (patents), ST.61 (marks), ST.87 (designs)."""
        if self in (RightKind.INVENTION, RightKind.UTILITY_SOLUTION, RightKind.LAYOUT_DESIGN):
            return "ST.27"
        if self is RightKind.DESIGN:
            return "ST.87"
        return "ST.61"  # trademarks; GIs follow the mark standard in this office [verify]


class MarkKind(StrEnum):
    """Kinds of mark (Law on IP Art. 4(16)-(19) and, for sound marks, Art. 72(1) as amended by Law 07/2022)."""

    ORDINARY = "ordinary"
    COLLECTIVE = "collective"
    CERTIFICATION = "certification"
    SOUND = "sound"


class PriorRightKind(StrEnum):
    """Rights an opponent or applicant for invalidation may rely on (registered or not)."""

    REGISTERED_RIGHT = "registered_right"
    WELL_KNOWN_MARK = "well_known_mark"
    TRADE_NAME = "trade_name"
    TRADE_SECRET = "trade_secret"
    COPYRIGHT = "copyright"
    GI = "gi"


RIGHT_LABELS: dict[RightKind, tuple[str, str]] = {
    RightKind.INVENTION: ("Sáng chế (bằng độc quyền sáng chế)", "Invention (invention patent)"),
    RightKind.UTILITY_SOLUTION: ("Giải pháp hữu ích", "Utility solution"),
    RightKind.DESIGN: ("Kiểu dáng công nghiệp", "Industrial design"),
    RightKind.LAYOUT_DESIGN: ("Thiết kế bố trí mạch tích hợp bán dẫn", "Layout design of semiconductor IC"),
    RightKind.TRADEMARK: ("Nhãn hiệu", "Trademark"),
    RightKind.GI: ("Chỉ dẫn địa lý", "Geographical indication"),
}


def right_label(kind: RightKind, lang: str = "vi") -> str:
    """The right's name in Vietnamese (default) or English."""
    vi, en = RIGHT_LABELS[kind]
    return en if lang == "en" else vi
