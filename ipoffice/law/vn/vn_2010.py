"""Regime ``vn-2010``: Law on IP 50/2005/QH11 as amended by Law 36/2009/QH12 (and Law 42/2019/QH14).

In force 1 Jan 2010 - 31 Dec 2022. Implementing texts: Decree 103/2006/ND-CP (amended by Decree 122/2010/ND-CP)
and Circular 01/2007/TT-BKHCN (amended several times, notably by Circular 16/2016/TT-BKHCN from 15 Jan 2018).
The 2009 amendment introduced the examination time limits of Art. 119. There is no fixed opposition window:
third-party opinions, oppositions included, may be filed from publication until the decision to grant (Art. 112).

Office-action response periods follow Circular 16/2016 (formality 2 months, substantive 3 months, one extension
of the same length); before 15 Jan 2018 they were shorter — not modelled here [verify].
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

LAW = "Law 50/2005/QH11 (am. 36/2009/QH12)"
CIRCULAR = "Circular 01/2007/TT-BKHCN (am. 16/2016/TT-BKHCN)"
TM_DESIGN = frozenset({R.DESIGN, R.TRADEMARK})
EXAMINED = frozenset({R.INVENTION, R.UTILITY_SOLUTION, R.DESIGN, R.TRADEMARK, R.GI})

RULES: tuple[Rule, ...] = (
    # Paris priority: 12 months for inventions and utility solutions, 6 months for designs and marks.
    Rule("paris_priority", PATENTS, "priority_or_filing", months(12), Party.APPLICANT,
         f"{LAW} Art. 91(1); Paris Convention Art. 4C(1),(3)"),
    Rule("paris_priority", TM_DESIGN, "priority_or_filing", months(6), Party.APPLICANT,
         f"{LAW} Art. 91(1); Paris Convention Art. 4C(1),(3)"),
    Rule("pct_national_phase", PATENTS, "priority_or_filing", months(31), Party.APPLICANT,
         "PCT Art. 22(3), 39(1)(b); Decree 103/2006/ND-CP; no late entry since 15 Jan 2018 (Circular 16/2016)",
         condition=Condition.PCT_POSSIBLE, verify=True, note="article of the decree not confirmed"),
    Rule("formality_examination", ALL_RIGHTS, "filing_date", months(1), Party.OFFICE, f"{LAW} Art. 119(1)"),
    # Invention publication: in the 19th month from priority/filing, or within 2 months of acceptance if later.
    Rule("publication", PATENTS, "priority_or_filing", months(19), Party.OFFICE, f"{LAW} Art. 110",
         condition=Condition.ROUTE_NOT_PCT, window=months(1),
         also=(Term("acceptance_date", months(2)),)),
    Rule("publication", PATENTS, "acceptance_date", months(2), Party.OFFICE, f"{LAW} Art. 110; {CIRCULAR} point 14",
         condition=Condition.ROUTE_PCT, verify=True, note="PCT national phase: 2 months from acceptance"),
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
    # Substantive examination: 18 months from publication, or from the request if filed after publication.
    Rule("substantive_examination", PATENTS, "publication_date", months(18), Party.OFFICE,
         f"{LAW} Art. 119(2)", also=(Term("examination_request_date", months(18)),)),
    Rule("substantive_examination", frozenset({R.TRADEMARK}), "publication_date", months(9), Party.OFFICE,
         f"{LAW} Art. 119(2)"),
    Rule("substantive_examination", frozenset({R.DESIGN}), "publication_date", months(7), Party.OFFICE,
         f"{LAW} Art. 119(2)"),
    Rule("substantive_examination", frozenset({R.GI}), "publication_date", months(6), Party.OFFICE,
         f"{LAW} Art. 119(2)"),
    # No fixed opposition window: from publication until the decision to grant (due = its statutory latest date).
    Rule("opposition", EXAMINED, "decision_due", Period(), Party.THIRD_PARTY,
         f"{LAW} Art. 112 (opposition until the decision to grant; no fixed window)",
         until_event="decision_on_grant", opens_at="publication_date"),
    Rule("third_party_opinion", EXAMINED, "decision_due", Period(), Party.THIRD_PARTY,
         f"{LAW} Art. 112", until_event="decision_on_grant", opens_at="publication_date"),
    Rule("office_action_response", ALL_RIGHTS, "office_action_date", months(2), Party.APPLICANT,
         f"{CIRCULAR} (formality notice: 2 months, one extension; article not confirmed)", condition=Condition.FORMALITY_ACTION,
         extension=months(2), verify=True),
    Rule("office_action_response", ALL_RIGHTS, "office_action_date", months(3), Party.APPLICANT,
         f"{CIRCULAR} (substantive notice: 3 months, one extension; article not confirmed)", condition=Condition.SUBSTANTIVE_ACTION,
         extension=months(3), verify=True),
    Rule("grant_fee_payment", ALL_RIGHTS, "grant_notice_date", months(3), Party.APPLICANT,
         f"{CIRCULAR} (notice of intended grant: fees within 3 months; article not confirmed)", verify=True),
    Rule("complaint", ALL_RIGHTS, "decision_date", days(90), Party.APPLICANT,
         "Law on Complaints 02/2011/QH13 Art. 9"),
    Rule("madrid_refusal", frozenset({R.TRADEMARK}), "international_notification_date", months(12), Party.OFFICE,
         "Madrid Protocol Art. 5(2)(a) (Viet Nam made no Art. 5(2)(b)/(c) declaration)",
         condition=Condition.ROUTE_MADRID, verify=True),
    Rule("hague_refusal", frozenset({R.DESIGN}), "publication_date", months(6), Party.OFFICE,
         "Hague Agreement 1999 Act Art. 12(2); Common Regulations Rule 18(1)(a) (Viet Nam bound from 30 Dec 2019)",
         condition=Condition.ROUTE_HAGUE, verify=True, note="6 or 12 months: Hague member profile not confirmed"),
)

# Restoration of a patent lapsed for an unpaid annuity: requested within 3 months after the 6-month grace, with
# the unpaid annuity and its surcharge (Art. 95 as implemented by the decree and circular) [verify the period]
RESTORE = f"{LAW} Art. 95 (restoration of a title lapsed for unpaid annuities) — 3 months after the grace period"
MAINT = f"{LAW} Art. 94; Circular 263/2016/TT-BTC fee table (late payment within 6 months: +10% per month)"

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
    id="vn-2010",
    title_vi="Luật SHTT 2005 sửa đổi 2009 (1/1/2010 - 31/12/2022)",
    title_en="Law on IP 2005 as amended in 2009 (1 Jan 2010 - 31 Dec 2022)",
    instruments=(
        "Law 50/2005/QH11", "Law 36/2009/QH12", "Law 42/2019/QH14", "Decree 103/2006/ND-CP",
        "Decree 122/2010/ND-CP", "Circular 01/2007/TT-BKHCN", "Circular 16/2016/TT-BKHCN",
    ),
    in_force_from=date(2010, 1, 1),
    in_force_to=date(2022, 12, 31),
    rules=RULES,
    term_rules=TERM_RULES,
    tariff_id="vn-tariff-263-2016",
    notes=("Opposition has no fixed window: until the decision to grant (Art. 112).",),
)
