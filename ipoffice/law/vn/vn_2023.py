"""Regime ``vn-2023``: Law on IP as amended by Law 07/2022/QH15, Decree 65/2023/ND-CP, Circular 23/2023/TT-BKHCN.

In force 1 Jan 2023 - 31 Mar 2026 (Decree 65 from 23 Aug 2023, Circular 23 from 30 Nov 2023; between 1 Jan and
their dates the old implementing texts applied where not contrary to the law — not modelled separately).
New here: fixed opposition windows counted from publication (Art. 112a: invention 9 months, design 4, mark 5,
GI 3), with third-party opinions still possible until the decision (Art. 112).
"""

from __future__ import annotations

from datetime import date

from ipoffice.core.legaltime import Period, days, months, years
from ipoffice.core.rights import RightKind as R
from ipoffice.law.model import (
    ALL_RIGHTS,
    PATENTS,
    Condition,
    Maintenance,
    Party,
    Regime,
    Rule,
    Term,
    TermRule,
)

LAW = "Law 50/2005/QH11 (am. 07/2022/QH15)"
DECREE = "Decree 65/2023/ND-CP"
CIRCULAR = "Circular 23/2023/TT-BKHCN"
TM_DESIGN = frozenset({R.DESIGN, R.TRADEMARK})
EXAMINED = frozenset({R.INVENTION, R.UTILITY_SOLUTION, R.DESIGN, R.TRADEMARK, R.GI})

RULES: tuple[Rule, ...] = (
    Rule("paris_priority", PATENTS, "priority_or_filing", months(12), Party.APPLICANT,
         f"{LAW} Art. 91(1); Paris Convention Art. 4C(1),(3)"),
    Rule("paris_priority", TM_DESIGN, "priority_or_filing", months(6), Party.APPLICANT,
         f"{LAW} Art. 91(1); Paris Convention Art. 4C(1),(3)"),
    Rule("pct_national_phase", PATENTS, "priority_or_filing", months(31), Party.APPLICANT,
         f"PCT Art. 22(3), 39(1)(b); {DECREE} (national phase, no late entry)", condition=Condition.PCT_POSSIBLE,
         verify=True, note="article of Decree 65 not confirmed"),
    Rule("formality_examination", ALL_RIGHTS, "filing_date", months(1), Party.OFFICE, f"{LAW} Art. 119(1)"),
    Rule("publication", PATENTS, "priority_or_filing", months(19), Party.OFFICE, f"{LAW} Art. 110",
         condition=Condition.ROUTE_NOT_PCT, window=months(1), also=(Term("acceptance_date", months(2)),)),
    Rule("publication", PATENTS, "acceptance_date", months(2), Party.OFFICE, f"{LAW} Art. 110; {DECREE}",
         condition=Condition.ROUTE_PCT, verify=True),
    Rule("publication", frozenset({R.DESIGN, R.TRADEMARK, R.GI}), "acceptance_date", months(2), Party.OFFICE,
         f"{LAW} Art. 110"),
    Rule("publication", frozenset({R.LAYOUT_DESIGN}), "acceptance_date", months(2), Party.OFFICE,
         f"{LAW} Art. 110", verify=True, note="layout designs: pre-grant publication not confirmed"),
    Rule("examination_request", frozenset({R.INVENTION}), "priority_or_filing", months(42), Party.APPLICANT,
         f"{LAW} Art. 113(2)"),
    Rule("examination_request", frozenset({R.UTILITY_SOLUTION}), "priority_or_filing", months(36),
         Party.APPLICANT, f"{LAW} Art. 113(2)"),
    Rule("restoration", PATENTS, "examination_request_due", months(6), Party.APPLICANT,
         f"{LAW} Art. 113(2): late request within 6 months with evidence of force majeure", verify=True,
         note="only with evidence of force majeure or an objective obstacle"),
    Rule("substantive_examination", PATENTS, "publication_date", months(18), Party.OFFICE,
         f"{LAW} Art. 119(2)", also=(Term("examination_request_date", months(18)),)),
    Rule("substantive_examination", frozenset({R.TRADEMARK}), "publication_date", months(9), Party.OFFICE,
         f"{LAW} Art. 119(2)"),
    Rule("substantive_examination", frozenset({R.DESIGN}), "publication_date", months(7), Party.OFFICE,
         f"{LAW} Art. 119(2)"),
    Rule("substantive_examination", frozenset({R.GI}), "publication_date", months(6), Party.OFFICE,
         f"{LAW} Art. 119(2)"),
    # Art. 112a(1): fixed opposition windows from publication.
    Rule("opposition", PATENTS, "publication_date", months(9), Party.THIRD_PARTY, f"{LAW} Art. 112a(1)(a)",
         opens_at="publication_date"),
    Rule("opposition", frozenset({R.DESIGN}), "publication_date", months(4), Party.THIRD_PARTY,
         f"{LAW} Art. 112a(1)(b)", opens_at="publication_date"),
    Rule("opposition", frozenset({R.TRADEMARK}), "publication_date", months(5), Party.THIRD_PARTY,
         f"{LAW} Art. 112a(1)(c)", opens_at="publication_date"),
    Rule("opposition", frozenset({R.GI}), "publication_date", months(3), Party.THIRD_PARTY,
         f"{LAW} Art. 112a(1)(d)", opens_at="publication_date"),
    Rule("third_party_opinion", EXAMINED, "decision_due", Period(), Party.THIRD_PARTY,
         f"{LAW} Art. 112 (until the decision; a reference source, not an opposition)",
         until_event="decision_on_grant", opens_at="publication_date"),
    Rule("office_action_response", ALL_RIGHTS, "office_action_date", months(2), Party.APPLICANT,
         f"{DECREE}; {CIRCULAR} (formality notice: 2 months, one extension; article not confirmed)",
         condition=Condition.FORMALITY_ACTION, extension=months(2), verify=True),
    Rule("office_action_response", ALL_RIGHTS, "office_action_date", months(3), Party.APPLICANT,
         f"{DECREE}; {CIRCULAR} (substantive notice: 3 months, one extension; article not confirmed)",
         condition=Condition.SUBSTANTIVE_ACTION, extension=months(3), verify=True),
    Rule("grant_fee_payment", ALL_RIGHTS, "grant_notice_date", months(3), Party.APPLICANT,
         f"{DECREE} (notice of intended grant: fees within 3 months; article not confirmed)", verify=True),
    Rule("complaint", ALL_RIGHTS, "decision_date", days(90), Party.APPLICANT,
         f"Law on Complaints 02/2011/QH13 Art. 9; {CIRCULAR}"),
    Rule("madrid_refusal", frozenset({R.TRADEMARK}), "international_notification_date", months(12), Party.OFFICE,
         f"Madrid Protocol Art. 5(2)(a) (no Art. 5(2)(b)/(c) declaration); {DECREE}",
         condition=Condition.ROUTE_MADRID, verify=True),
    Rule("hague_refusal", frozenset({R.DESIGN}), "publication_date", months(6), Party.OFFICE,
         f"Hague Agreement 1999 Act Art. 12(2); Common Regulations Rule 18(1)(a); {DECREE}",
         condition=Condition.ROUTE_HAGUE, verify=True, note="6 or 12 months: Hague member profile not confirmed"),
)

# Restoration of a patent lapsed for an unpaid annuity: requested within 3 months after the 6-month grace, with
# the unpaid annuity and its surcharge (Art. 95 as implemented by the decree and circular) [verify the period]
RESTORE = f"{LAW} Art. 95 (restoration of a title lapsed for unpaid annuities) — 3 months after the grace period"
MAINT = f"{LAW} Art. 94; {DECREE}; Circular 263/2016/TT-BTC fee table (late payment within 6 months: +10% per month)"

TERM_RULES: tuple[TermRule, ...] = (
    TermRule(R.INVENTION, years(20), f"{LAW} Art. 93(2)", Maintenance.ANNUITY, maintenance_basis=MAINT,
             restoration=months(3), restoration_basis=RESTORE),
    TermRule(R.UTILITY_SOLUTION, years(10), f"{LAW} Art. 93(3)", Maintenance.ANNUITY, maintenance_basis=MAINT,
             restoration=months(3), restoration_basis=RESTORE),
    TermRule(R.DESIGN, years(5), f"{LAW} Art. 93(4)", Maintenance.RENEWAL, renewal_period=years(5), renewals=2,
             maintenance_basis=MAINT),
    TermRule(R.TRADEMARK, years(10), f"{LAW} Art. 93(6)", Maintenance.RENEWAL, renewal_period=years(10),
             renewals=None, maintenance_basis=MAINT),
    TermRule(R.GI, None, f"{LAW} Art. 93(7)"),
    TermRule(R.LAYOUT_DESIGN, years(10), f"{LAW} Art. 93(5)", cap_from_creation=years(15),
             cap_from_exploitation=years(10)),
)

REGIME = Regime(
    id="vn-2023",
    title_vi="Luật SHTT sửa đổi 2022, Nghị định 65/2023, Thông tư 23/2023 (1/1/2023 - 31/3/2026)",
    title_en="Law on IP as amended in 2022, Decree 65/2023, Circular 23/2023 (1 Jan 2023 - 31 Mar 2026)",
    instruments=("Law 50/2005/QH11", "Law 07/2022/QH15", "Decree 65/2023/ND-CP", "Circular 23/2023/TT-BKHCN"),
    in_force_from=date(2023, 1, 1),
    in_force_to=date(2026, 3, 31),
    rules=RULES,
    term_rules=TERM_RULES,
    tariff_id="vn-tariff-263-2016",
    notes=("Art. 112a: fixed opposition windows counted from publication.",),
)
