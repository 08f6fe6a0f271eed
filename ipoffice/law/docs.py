"""The rule tables of ``docs/law.md``, generated from the regimes so that the documentation cannot drift.

    python -m ipoffice.law.docs docs/law.md     # rewrite the generated section in place
"""

from __future__ import annotations

import sys
from pathlib import Path

from ipoffice.law.fees import Tariff
from ipoffice.law.model import Regime
from ipoffice.law.vn.tariffs import TARIFFS
from ipoffice.law.vn.transitional import REGIMES

BEGIN = "<!-- BEGIN GENERATED RULES (python -m ipoffice.law.docs docs/law.md) -->"
END = "<!-- END GENERATED RULES -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def regime_table(regime: Regime) -> str:
    to = regime.in_force_to.isoformat() if regime.in_force_to else "—"
    lines = [
        f"### `{regime.id}`: {regime.title_en}",
        "",
        f"In force {regime.in_force_from.isoformat()} – {to}. Instruments: {', '.join(regime.instruments)}.",
        "",
        "| step | rights | counted from | period | also (later governs) | condition | party | basis | verify |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in regime.rules:
        rights = ", ".join(sorted(x.value for x in r.rights))
        also = "; ".join(f"{t.anchor} + {t.period.describe()}" for t in r.also)
        until = f" (until {r.until_event})" if r.until_event else ""
        note = f" — {r.note}" if r.note else ""
        lines.append(
            f"| `{r.step}` | {rights} | {r.anchor} | {r.period.describe()}{until} | {also} | "
            f"{r.condition or ''} | {r.party} | {_cell(r.basis)}{_cell(note)} | {'[verify]' if r.verify else ''} |"
        )
    lines += ["", "| right | term | maintenance | renewals | grace / surcharge | basis | verify |",
              "|---|---|---|---|---|---|---|"]
    for t in regime.term_rules:
        term = t.term.describe() if t.term else "indefinite"
        if t.cap_from_creation:
            term += f" (≤ {t.cap_from_creation.describe()} from creation)"
        renewals = "unlimited" if t.renewals is None else str(t.renewals)
        grace = f"{t.grace.describe()}, {t.surcharge_per_month:.0%}/month" if t.maintenance.value != "none" else ""
        lines.append(f"| {t.right.value} | {term} | {t.maintenance.value} | {renewals} | {grace} | "
                     f"{_cell(t.basis)} | {'[verify]' if t.verify else ''} |")
    return "\n".join(lines)


def tariff_table(tariff: Tariff) -> str:
    to = tariff.in_force_to.isoformat() if tariff.in_force_to else "—"
    lines = [
        f"### Tariff `{tariff.id}` ({tariff.in_force_from.isoformat()} – {to})",
        "",
        f"Instruments: {', '.join(tariff.instruments)}."
        + (f" Online-filing reduction: {dict(tariff.online_reduction)}"
           f"{' [verify]' if tariff.online_reduction_verify else ''}." if tariff.online_reduction else ""),
        "",
        "| code | fee | VND | per | rights | stage | verify |",
        "|---|---|---:|---|---|---|---|",
    ]
    for x in tariff.lines:
        per = x.unit.value + (f" (limit {x.limit})" if x.limit else "")
        rights = ", ".join(sorted(r.value for r in x.rights)) if len(x.rights) < 6 else "all"
        lines.append(f"| `{x.code}` | {x.label_en} | {x.amount:,} | {per} | {rights} | {x.stage.value} | "
                     f"{'[verify]' if x.verify else ''} |")
    return "\n".join(lines)


def generated() -> str:
    parts = [regime_table(r) for r in REGIMES] + [tariff_table(t) for t in TARIFFS]
    return "\n\n".join([BEGIN, *parts, END])


def rewrite(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    path.write_text(head + generated() + tail, encoding="utf-8")


if __name__ == "__main__":
    rewrite(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/law.md"))
