"""Regime ``vn-2026``: Law on IP as amended by Law 131/2025/QH15 (in force 1 Apr 2026).

Implementing texts: Decree 65/2023/ND-CP as amended by a decree reported as "Decree 100/.../ND-CP" and Circular
10/2026/TT-BKHCN, both from 1 Apr 2026 [verify numbers and articles]. Changes modelled here:
- no acceptance decision after formality examination: the file moves on when the 1-month formality examination
  ends without a notice of defects (the ``acceptance_date`` anchor is that end when no date is known);
- request for substantive examination of an invention within 36 months (utility solution kept at 36 [verify]);
- substantive examination of an invention within 12 months, 3 months on the expedited track (Art. 119(2a));
- opposition (Art. 112a(1)): invention 6 months from publication (3 if expedited); design, mark, GI 3 months;
- design publication within 1 month of acceptance [verify].
Examination limits for marks, designs and GIs are kept at the 2022 values: the August 2025 draft proposed 5
months each and the final text was not confirmed [verify].
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

LAW = "Law 50/2005/QH11 (am. 131/2025/QH15)"
DECREE = "Decree 65/2023/ND-CP (am. 2026)"
CIRCULAR = "Circular 10/2026/TT-BKHCN"
TM_DESIGN = frozenset({R.DESIGN, R.TRADEMARK})
EXAMINED = frozenset({R.INVENTION, R.UTILITY_SOLUTION, R.DESIGN, R.TRADEMARK, R.GI})
TM_DESIGN_GI = frozenset({R.DESIGN, R.TRADEMARK, R.GI})

RULES: tuple[Rule, ...] = (
    Rule("paris_priority", PATENTS, "priority_or_filing", months(12), Party.APPLICANT,
         f"{LAW} Art. 91(1); Paris Convention Art. 4C(1),(3)"),
    Rule("paris_priority", TM_DESIGN, "priority_or_filing", months(6), Party.APPLICANT,
         f"{LAW} Art. 91(1); Paris Convention Art. 4C(1),(3)"),
    Rule("pct_national_phase", PATENTS, "priority_or_filing", months(31), Party.APPLICANT,
         f"PCT Art. 22(3), 39(1)(b); {DECREE} (national phase, no late entry)", condition=Condition.PCT_POSSIBLE,
         verify=True),
    Rule("formality_examination", ALL_RIGHTS, "filing_date", months(1), Party.OFFICE,
         f"{LAW} Art. 119(1) (no acceptance decision; a notice only when the application is invalid)",
         verify=True),
    Rule("publication", PATENTS, "priority_or_filing", months(19), Party.OFFICE, f"{LAW} Art. 110",
         condition=Condition.ROUTE_NOT_PCT, window=months(1), also=(Term("acceptance_date", months(2)),),
         verify=True, note="19th-month rule assumed unchanged; early publication within 1 month of request"),
    Rule("publication", PATENTS, "acceptance_date", months(2), Party.OFFICE, f"{LAW} Art. 110; {DECREE}",
         condition=Condition.ROUTE_PCT, verify=True),
    Rule("publication", frozenset({R.DESIGN}), "acceptance_date", months(1), Party.OFFICE,
         f"{LAW} Art. 110 (design: 1 month; deferral on request up to 7 months from filing)", verify=True),
    Rule("publication", frozenset({R.TRADEMARK, R.GI}), "acceptance_date", months(2), Party.OFFICE,
         f"{LAW} Art. 110", verify=True),
    Rule("publication", frozenset({R.LAYOUT_DESIGN}), "acceptance_date", months(2), Party.OFFICE,
         f"{LAW} Art. 110", verify=True, note="layout designs: pre-grant publication not confirmed"),
    Rule("examination_request", frozenset({R.INVENTION}), "priority_or_filing", months(36), Party.APPLICANT,
         f"{LAW} Art. 113(2)"),
    Rule("examination_request", frozenset({R.UTILITY_SOLUTION}), "priority_or_filing", months(36),
         Party.APPLICANT, f"{LAW} Art. 113(2)", verify=True, note="utility-solution limit not confirmed"),
    Rule("restoration", PATENTS, "examination_request_due", months(6), Party.APPLICANT,
         f"{LAW} Art. 113(2): late request within 6 months with evidence of force majeure", verify=True),
    Rule("substantive_examination", PATENTS, "publication_date", months(12), Party.OFFICE, f"{LAW} Art. 119(2)",
         condition=Condition.NOT_EXPEDITED, also=(Term("examination_request_date", months(12)),)),
    Rule("substantive_examination", PATENTS, "publication_date", months(3), Party.OFFICE, f"{LAW} Art. 119(2a)",
         condition=Condition.EXPEDITED, also=(Term("examination_request_date", months(3)),), verify=True,
         note="anchor of the expedited track (publication or request) not confirmed"),
    Rule("substantive_examination", frozenset({R.TRADEMARK}), "publication_date", months(9), Party.OFFICE,
         f"{LAW} Art. 119(2)", verify=True, note="kept at the 2022 value; the 2025 draft proposed 5 months"),
    Rule("substantive_examination", frozenset({R.DESIGN}), "publication_date", months(7), Party.OFFICE,
         f"{LAW} Art. 119(2)", verify=True, note="kept at the 2022 value; the 2025 draft proposed 5 months"),
    Rule("substantive_examination", frozenset({R.GI}), "publication_date", months(6), Party.OFFICE,
         f"{LAW} Art. 119(2)", verify=True, note="kept at the 2022 value; the 2025 draft proposed 5 months"),
    Rule("opposition", PATENTS, "publication_date", months(6), Party.THIRD_PARTY, f"{LAW} Art. 112a(1)(a)",
         condition=Condition.NOT_EXPEDITED, opens_at="publication_date"),
    Rule("opposition", PATENTS, "publication_date", months(3), Party.THIRD_PARTY,
         f"{LAW} Art. 112a(1)(a) (expedited examination, Art. 119(2a))", condition=Condition.EXPEDITED,
         opens_at="publication_date"),
    Rule("opposition", TM_DESIGN_GI, "publication_date", months(3), Party.THIRD_PARTY, f"{LAW} Art. 112a(1)(b)",
         opens_at="publication_date"),
    Rule("third_party_opinion", EXAMINED, "decision_due", Period(), Party.THIRD_PARTY,
         f"{LAW} Art. 112 (until the decision)", until_event="decision_on_grant", opens_at="publication_date",
         verify=True, note="assumed unchanged"),
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
MAINT = f"{LAW} Art. 94; Circular 263/2016/TT-BTC fee table (late payment within 6 months: +10% per month)"

# Art. 93 terms: assumed unchanged by Law 131/2025 [verify].
TERM_RULES: tuple[TermRule, ...] = (
    TermRule(R.INVENTION, years(20), f"{LAW} Art. 93(2)", Maintenance.ANNUITY, maintenance_basis=MAINT,
             restoration=months(3), restoration_basis=RESTORE,
             verify=True),
    TermRule(R.UTILITY_SOLUTION, years(10), f"{LAW} Art. 93(3)", Maintenance.ANNUITY, maintenance_basis=MAINT,
             restoration=months(3), restoration_basis=RESTORE,
             verify=True),
    TermRule(R.DESIGN, years(5), f"{LAW} Art. 93(4)", Maintenance.RENEWAL, renewal_period=years(5), renewals=2,
             maintenance_basis=MAINT, verify=True),
    TermRule(R.TRADEMARK, years(10), f"{LAW} Art. 93(6)", Maintenance.RENEWAL, renewal_period=years(10),
             renewals=None, maintenance_basis=MAINT, verify=True),
    TermRule(R.GI, None, f"{LAW} Art. 93(7)", verify=True),
    TermRule(R.LAYOUT_DESIGN, years(10), f"{LAW} Art. 93(5)", cap_from_creation=years(15),
             cap_from_exploitation=years(10), verify=True),
)

REGIME = Regime(
    id="vn-2026",
    title_vi="Luật SHTT sửa đổi 2025 (Luật 131/2025/QH15), từ 1/4/2026",
    title_en="Law on IP as amended in 2025 (Law 131/2025/QH15), from 1 Apr 2026",
    instruments=("Law 50/2005/QH11", "Law 131/2025/QH15", "Decree 65/2023/ND-CP (am. 2026) [verify number]",
                 "Circular 10/2026/TT-BKHCN [verify]"),
    in_force_from=date(2026, 4, 1),
    in_force_to=None,
    rules=RULES,
    term_rules=TERM_RULES,
    tariff_id="vn-tariff-263-2016",
    notes=("No acceptance decision after formality examination.",
           "Invention: exam request 36 months, examination 12 months (3 expedited), opposition 6 months (3)."),
)
