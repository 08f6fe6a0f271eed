"""Fee tariff of Circular 263/2016/TT-BTC (14 Nov 2016, in force 1 Jan 2017), industrial-property fees in VND.

Every row is data: code, labels, amount, quantity rule, rights, stage. ``verify=True`` marks an amount (or its
unit) not confirmed against the Circular's annex. Sources of the figures:

- confirmed from a summary of the Circular (thuvienphapluat.vn, "Thông tư 263/2016/TT-BTC"): filing fee 150,000;
  grant fee 120,000; examination fee invention 900,000, design 700,000, mark 550,000, GI 1,200,000, layout design
  180,000 (the unit of the invention and design fees is per independent claim / per design variant [verify]);
- priority claim 600,000 and the description-page surcharge (12,000 per page beyond 5) are the Circular
  22/2009/TT-BTC figures quoted by IP Viet Nam's website [verify under 263/2016];
- mark classification 100,000 / search 180,000 per class and 20,000 / 30,000 / 120,000 per item beyond 6 are
  consistent with agents' official-fee quotes (t2hlawyers.vn: first class $45, item beyond 6 $7) [verify].

Maintenance (annuities) and renewal. Circular 263/2016 splits what Circular 22/2009 charged as one "maintenance /
renewal fee" into three (Baker McKenzie, Dec 2016; investone.com.vn): a charge for maintaining or renewing the
title, a fee for examining the request, and a "fee for using the protection title". Modelled here:

- the maintenance/renewal charge, 100,000 per independent claim, per class or per design variant (wizpro.com.vn
  FAQ; vietnamlawfirm.com.vn); the 10% per late month is a share of this charge (IP Viet Nam fee table: "10% fee
  for maintenance/renewal for each belated month") [verify: some agents apply it to the whole renewal];
- the fee for examining the request, 160,000 per request [verify: amount recalled, not read in the annex];
- the fee for using the title: patents per independent claim and validity year, by band. Years 1-8
  (300/480/780/1,200 thousand) are the Circular 22/2009 figures on IP Viet Nam's fees page; years 9-20
  (1,800/2,520/3,300/4,200) continue that table as recalled, not read [verify all under 263/2016]. Marks
  700,000 per class per 10-year renewal and designs 700,000 per variant per 5-year renewal [verify: recalled].
  The 22/2009 design renewal fee was 540,000 per variant (IP Viet Nam fees page).

Not modelled: Circular 43/2024/TT-BTC (50% of the section-A charges, 1 Jul - 31 Dec 2024) [verify], the
registration and publication fees of a renewal decision.

Circular 31/2020/TT-BTC (from 1 Jul 2020) added Hague-related fees; they are not modelled here.
"""

from __future__ import annotations

from datetime import date

from ipoffice.core.rights import RightKind as R
from ipoffice.law.fees import FeeLine, Stage, Tariff, Unit

ALL = frozenset(R)
PATENTS = frozenset({R.INVENTION, R.UTILITY_SOLUTION})
TM = frozenset({R.TRADEMARK})
DESIGN = frozenset({R.DESIGN})
PRIORITY_RIGHTS = frozenset({R.INVENTION, R.UTILITY_SOLUTION, R.DESIGN, R.TRADEMARK})
S263 = "Circular 263/2016/TT-BTC, fee table"
S22 = "Circular 22/2009/TT-BTC figure (IP Viet Nam fees page)"

# Fee for using a patent, per independent claim and validity year: (first year, last year, amount, confirmed).
ANNUITY_BANDS: tuple[tuple[int, int, int, bool], ...] = (
    (1, 2, 300_000, True),
    (3, 4, 480_000, True),
    (5, 6, 780_000, True),
    (7, 8, 1_200_000, True),
    (9, 10, 1_800_000, False),
    (11, 13, 2_520_000, False),
    (14, 16, 3_300_000, False),
    (17, 20, 4_200_000, False),
)


def _annuity_lines() -> tuple[FeeLine, ...]:
    lines = [
        FeeLine("annuity_charge", "Lệ phí duy trì hiệu lực văn bằng bảo hộ (mỗi điểm độc lập)",
                "Maintenance charge (per independent claim)", 100_000, Unit.PER_INDEPENDENT_CLAIM, PATENTS,
                Stage.ANNUITY, verify=True, source=S263 + " (wizpro.com.vn, vietnamlawfirm.com.vn)",
                surcharge_base=True),
        FeeLine("annuity_request", "Phí thẩm định yêu cầu duy trì hiệu lực", "Examination of the maintenance request",
                160_000, Unit.PER_APPLICATION, PATENTS, Stage.ANNUITY, verify=True, source=S263 + " (recalled)"),
    ]
    for first, last, amount, confirmed in ANNUITY_BANDS:
        lines.append(
            FeeLine(f"annuity_use_{first}_{last}",
                    f"Phí sử dụng văn bằng bảo hộ năm thứ {first}-{last} (mỗi điểm độc lập)",
                    f"Fee for using the patent, years {first}-{last} (per independent claim)", amount,
                    Unit.PER_INDEPENDENT_CLAIM, PATENTS, Stage.ANNUITY, verify=True,
                    source=S22 if confirmed else S22 + ", later bands recalled, not read", years=(first, last))
        )
    return tuple(lines)

LINES: tuple[FeeLine, ...] = (
    FeeLine("filing", "Lệ phí nộp đơn", "Filing fee", 150_000, Unit.PER_APPLICATION, ALL, Stage.FILING,
            source=S263),
    FeeLine("publication", "Phí công bố đơn", "Publication fee", 120_000, Unit.PER_APPLICATION, ALL, Stage.FILING,
            verify=True, source=S263),
    FeeLine("priority", "Phí thẩm định yêu cầu hưởng quyền ưu tiên", "Priority claim fee", 600_000,
            Unit.PER_PRIORITY_CLAIM, PRIORITY_RIGHTS, Stage.FILING, verify=True,
            source="Circular 22/2009/TT-BTC figure"),
    # Patents (invention and utility solution)
    FeeLine("patent_pages", "Phí cho mỗi trang bản mô tả từ trang thứ 6", "Each description page beyond 5",
            12_000, Unit.PER_PAGE_BEYOND_LIMIT, PATENTS, Stage.FILING, limit=5, verify=True,
            source="Circular 22/2009/TT-BTC figure"),
    FeeLine("patent_search", "Phí tra cứu thông tin sáng chế", "Patent search fee", 600_000,
            Unit.PER_INDEPENDENT_CLAIM, PATENTS, Stage.EXAMINATION, verify=True, source=S263),
    FeeLine("patent_examination", "Phí thẩm định đơn sáng chế", "Patent examination fee", 900_000,
            Unit.PER_INDEPENDENT_CLAIM, PATENTS, Stage.EXAMINATION, verify=True, source=S263),
    # Marks
    FeeLine("tm_classification", "Phí phân loại hàng hóa, dịch vụ", "Classification fee", 100_000,
            Unit.PER_CLASS, TM, Stage.FILING, verify=True, source=S263),
    FeeLine("tm_classification_items", "Phí phân loại: mỗi sản phẩm/dịch vụ từ thứ 7",
            "Classification: each item beyond 6 in a class", 20_000, Unit.PER_ITEM_BEYOND_LIMIT, TM, Stage.FILING,
            limit=6, verify=True, source=S263),
    FeeLine("tm_search", "Phí tra cứu nhãn hiệu", "Mark search fee", 180_000, Unit.PER_CLASS, TM,
            Stage.EXAMINATION, verify=True, source=S263),
    FeeLine("tm_search_items", "Phí tra cứu: mỗi sản phẩm/dịch vụ từ thứ 7", "Search: each item beyond 6",
            30_000, Unit.PER_ITEM_BEYOND_LIMIT, TM, Stage.EXAMINATION, limit=6, verify=True, source=S263),
    FeeLine("tm_examination", "Phí thẩm định đơn nhãn hiệu", "Mark examination fee", 550_000, Unit.PER_CLASS,
            TM, Stage.EXAMINATION, source=S263),
    FeeLine("tm_examination_items", "Phí thẩm định: mỗi sản phẩm/dịch vụ từ thứ 7",
            "Examination: each item beyond 6", 120_000, Unit.PER_ITEM_BEYOND_LIMIT, TM, Stage.EXAMINATION,
            limit=6, verify=True, source=S263),
    # Industrial designs
    FeeLine("design_search", "Phí tra cứu kiểu dáng công nghiệp", "Design search fee", 480_000,
            Unit.PER_DESIGN_VARIANT, DESIGN, Stage.EXAMINATION, verify=True, source=S263),
    FeeLine("design_examination", "Phí thẩm định đơn kiểu dáng công nghiệp", "Design examination fee", 700_000,
            Unit.PER_DESIGN_VARIANT, DESIGN, Stage.EXAMINATION, verify=True, source=S263),
    # Geographical indications and layout designs
    FeeLine("gi_examination", "Phí thẩm định đơn chỉ dẫn địa lý", "GI examination fee", 1_200_000,
            Unit.PER_APPLICATION, frozenset({R.GI}), Stage.EXAMINATION, source=S263),
    FeeLine("layout_examination", "Phí thẩm định đơn thiết kế bố trí", "Layout-design examination fee", 180_000,
            Unit.PER_APPLICATION, frozenset({R.LAYOUT_DESIGN}), Stage.EXAMINATION, source=S263),
    # Grant
    FeeLine("grant", "Lệ phí cấp văn bằng bảo hộ", "Grant fee", 120_000, Unit.PER_APPLICATION, ALL, Stage.GRANT,
            source=S263),
    FeeLine("grant_registration", "Phí đăng bạ văn bằng", "Registration fee", 120_000, Unit.PER_APPLICATION, ALL,
            Stage.GRANT, verify=True, source=S263),
    FeeLine("grant_publication", "Phí công bố văn bằng", "Publication of the grant", 120_000,
            Unit.PER_APPLICATION, ALL, Stage.GRANT, verify=True, source=S263),
    FeeLine("grant_tm_classes", "Lệ phí cấp văn bằng: mỗi nhóm từ nhóm thứ 2", "Grant: each class beyond 1",
            100_000, Unit.PER_CLASS_BEYOND_FIRST, TM, Stage.GRANT, verify=True, source=S263),
    FeeLine("grant_patent_claims", "Lệ phí cấp văn bằng: mỗi điểm độc lập từ điểm thứ 2",
            "Grant: each independent claim beyond 1", 100_000, Unit.PER_INDEPENDENT_CLAIM_BEYOND_FIRST, PATENTS,
            Stage.GRANT, verify=True, source="Circular 22/2009/TT-BTC figure"),
    # Maintenance of patents (annuities) and renewal of marks and designs; GIs and layout designs have neither
    *_annuity_lines(),
    FeeLine("renewal_charge_tm", "Lệ phí gia hạn hiệu lực (mỗi nhóm)", "Renewal charge (per class)", 100_000,
            Unit.PER_CLASS, TM, Stage.RENEWAL, verify=True,
            source=S263 + " (wizpro.com.vn, vietnamlawfirm.com.vn)", surcharge_base=True),
    FeeLine("renewal_charge_design", "Lệ phí gia hạn hiệu lực (mỗi phương án)", "Renewal charge (per variant)",
            100_000, Unit.PER_DESIGN_VARIANT, DESIGN, Stage.RENEWAL, verify=True,
            source=S263 + " (wizpro.com.vn)", surcharge_base=True),
    FeeLine("renewal_request", "Phí thẩm định yêu cầu gia hạn", "Examination of the renewal request", 160_000,
            Unit.PER_APPLICATION, TM | DESIGN, Stage.RENEWAL, verify=True, source=S263 + " (recalled)"),
    FeeLine("renewal_use_tm", "Phí sử dụng văn bằng bảo hộ nhãn hiệu (mỗi nhóm, 10 năm)",
            "Fee for using the mark registration (per class, 10 years)", 700_000, Unit.PER_CLASS, TM,
            Stage.RENEWAL, verify=True, source=S263 + " (recalled)"),
    FeeLine("renewal_use_design", "Phí sử dụng văn bằng bảo hộ kiểu dáng (mỗi phương án, 5 năm)",
            "Fee for using the design patent (per variant, 5 years)", 700_000, Unit.PER_DESIGN_VARIANT, DESIGN,
            Stage.RENEWAL, verify=True, source=S263 + " (recalled)"),
)

TARIFF = Tariff(
    id="vn-tariff-263-2016",
    title="Thông tư 263/2016/TT-BTC / Circular 263/2016/TT-BTC",
    instruments=("Circular 263/2016/TT-BTC", "Circular 31/2020/TT-BTC (Hague fees, not modelled)"),
    in_force_from=date(2017, 1, 1),
    in_force_to=date(2023, 11, 30),
    lines=LINES,
    notes=("Late payment of maintenance and renewal fees: +10% of the fee per late month, within 6 months.",),
)
