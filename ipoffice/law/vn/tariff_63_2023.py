"""Circular 63/2023/TT-BTC (16 Oct 2023, in force 1 Dec 2023) amending Circular 263/2016/TT-BTC.

It reduced fees for applications filed online, "applicable until the end of 2025". The reduction rates were not
in the copy the research read: the 50% below is an assumption [verify], as is the list of lines it covers.
Whether the reduction was extended into 2026 is not known [verify]; from 1 Jan 2026 the 263/2016 amounts apply
again without reduction (tariff ``vn-tariff-263-2016-2026``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ipoffice.law.fees import Tariff
from ipoffice.law.vn import tariff_263_2016

ONLINE_REDUCTION = {"filing": 0.5}  # fraction of the amount taken off for online filing [verify]

TARIFF = replace(
    tariff_263_2016.TARIFF,
    id="vn-tariff-263-2016-am-63-2023",
    title="Thông tư 263/2016/TT-BTC sửa đổi bởi 63/2023/TT-BTC / Circular 263/2016 as amended by 63/2023",
    instruments=("Circular 263/2016/TT-BTC", "Circular 63/2023/TT-BTC"),
    in_force_from=date(2023, 12, 1),
    in_force_to=date(2025, 12, 31),
    online_reduction=ONLINE_REDUCTION,
    online_reduction_verify=True,
)

TARIFF_2026: Tariff = replace(
    tariff_263_2016.TARIFF,
    id="vn-tariff-263-2016-2026",
    title="Thông tư 263/2016/TT-BTC (sau khi hết giảm phí nộp trực tuyến) / Circular 263/2016 after the online cut",
    instruments=("Circular 263/2016/TT-BTC", "Circular 63/2023/TT-BTC (online cut expired 31 Dec 2025 [verify])"),
    in_force_from=date(2026, 1, 1),
    in_force_to=None,
)
