"""``ipoffice law``: deadlines of a hypothetical file, the modelled regimes, and fee quotes."""

from __future__ import annotations

import json
from datetime import date

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ipoffice.core import i18n
from ipoffice.core.errors import UserError
from ipoffice.core.rights import RightKind
from ipoffice.law import (
    FileFacts,
    FilingRequest,
    Stage,
    deadlines,
    fee_quote,
    maintenance_fee_quote,
    regimes,
)
from ipoffice.law.model import Route

law_app = typer.Typer(name="law", help="Law as code: time limits, regimes and fees (Viet Nam).",
                      no_args_is_help=True)

RIGHTS = ", ".join(r.value for r in RightKind)


def _date(value: str | None, field: str) -> date | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError("law.bad_date", field=field, rule="ISO 8601 calendar date (YYYY-MM-DD)",
                        value=value) from None


def _right(value: str) -> RightKind:
    try:
        return RightKind(value)
    except ValueError:
        raise UserError("law.unknown_right", field="right", rule="Law on IP Art. 3(2)", value=value,
                        choices=RIGHTS) from None


def _console() -> Console:
    return Console(width=200, soft_wrap=False, highlight=False)


@law_app.command("deadlines")
def deadlines_cmd(
    right: str = typer.Option(..., "--right", help=f"One of: {RIGHTS}"),
    filing_date: str | None = typer.Option(None, "--filing-date", help="YYYY-MM-DD"),
    priority_date: str | None = typer.Option(None, "--priority-date", help="YYYY-MM-DD (earliest priority)"),
    publication_date: str | None = typer.Option(None, "--publication-date", help="YYYY-MM-DD"),
    acceptance_date: str | None = typer.Option(None, "--acceptance-date", help="YYYY-MM-DD"),
    examination_request_date: str | None = typer.Option(None, "--examination-request-date", help="YYYY-MM-DD"),
    office_action_date: str | None = typer.Option(None, "--office-action-date", help="YYYY-MM-DD"),
    office_action_kind: str | None = typer.Option(None, "--office-action-kind", help="formality or substantive"),
    grant_notice_date: str | None = typer.Option(None, "--grant-notice-date", help="YYYY-MM-DD"),
    grant_date: str | None = typer.Option(None, "--grant-date", help="YYYY-MM-DD"),
    decision_date: str | None = typer.Option(None, "--decision-date", help="YYYY-MM-DD (for a complaint)"),
    route: str | None = typer.Option(None, "--route", help="national, pct, madrid or hague"),
    expedited: bool = typer.Option(False, "--expedited", help="expedited examination (from 1 Apr 2026)"),
    classes: int | None = typer.Option(None, "--classes", help="number of classes (marks)"),
    as_json: bool = typer.Option(False, "--json", help="print JSON"),
    lang: str | None = typer.Option(None, "--lang", help="vi (default) or en"),
) -> None:
    """Every time limit of a file under the regime its transitional rule picks."""
    if office_action_kind not in (None, "formality", "substantive"):
        raise UserError("law.unknown_choice", field="office_action_kind", rule="formality | substantive",
                        value=office_action_kind, choices="formality, substantive")
    facts = FileFacts(
        right=_right(right),
        filing_date=_date(filing_date, "filing_date"),
        priority_date=_date(priority_date, "priority_date"),
        publication_date=_date(publication_date, "publication_date"),
        acceptance_date=_date(acceptance_date, "acceptance_date"),
        examination_request_date=_date(examination_request_date, "examination_request_date"),
        office_action_date=_date(office_action_date, "office_action_date"),
        office_action_kind=office_action_kind,
        grant_notice_date=_date(grant_notice_date, "grant_notice_date"),
        grant_date=_date(grant_date, "grant_date"),
        decision_date=_date(decision_date, "decision_date"),
        route=Route(route) if route in {r.value for r in Route} else route,  # type: ignore[arg-type]
        expedited=expedited,
        classes=classes,
    )
    sched = deadlines(facts)
    lg = i18n.current_language(lang)
    if as_json:
        typer.echo(json.dumps(sched.to_dict(lg), ensure_ascii=False, indent=2))
        return
    out = _console()
    out.print(i18n.t("law.regime_line", lg, regime=sched.regime, reason=sched.reason(lg)))
    table = Table(show_lines=False)
    for col in ("step", "due", "party", "basis", "note"):
        table.add_column(i18n.t(f"law.col.{col}", lg), no_wrap=col in ("due",))
    for d in sched.deadlines:
        notes = []
        if d.until_event:
            notes.append(i18n.t("law.note.until", lg))
        if d.extension_end:
            notes.append(i18n.t("law.note.extension", lg, date=d.extension_end.isoformat()))
        if d.grace_end:
            notes.append(i18n.t("law.note.grace", lg, date=d.grace_end.isoformat()))
        if d.anchor_projected or d.calendar_projected:
            notes.append(i18n.t("law.note.projected", lg))
        if d.verify:
            notes.append("[" + i18n.t("law.note.verify", lg) + "]")
        label = d.label(lg) + (f" #{d.occurrence}" if d.occurrence else "")
        party = i18n.t(f"law.party.{d.party}", lg)
        table.add_row(escape(label), d.due.isoformat(), escape(party), escape(d.basis), escape("; ".join(notes)))
    out.print(table)
    out.print(escape(i18n.t("law.verify_note", lg)))


@law_app.command("regimes")
def regimes_cmd(
    as_json: bool = typer.Option(False, "--json", help="print JSON"),
    lang: str | None = typer.Option(None, "--lang", help="vi (default) or en"),
) -> None:
    """The modelled regimes with their dates and instruments."""
    lg = i18n.current_language(lang)
    rows = [
        {"id": r.id, "title": r.title(lg), "in_force_from": r.in_force_from.isoformat(),
         "in_force_to": r.in_force_to.isoformat() if r.in_force_to else None,
         "instruments": list(r.instruments), "rules": len(r.rules)}
        for r in regimes()
    ]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table()
    for col in ("regime", "from", "to", "instruments"):
        table.add_column(i18n.t(f"law.col.{col}", lg))
    for r in regimes():
        table.add_row(f"{r.id}\n{r.title(lg)}", r.in_force_from.isoformat(),
                      r.in_force_to.isoformat() if r.in_force_to else "—", escape("\n".join(r.instruments)))
    _console().print(table)


@law_app.command("fees")
def fees_cmd(
    right: str = typer.Option(..., "--right", help=f"One of: {RIGHTS}"),
    classes: int = typer.Option(1, "--classes", help="number of classes (marks)"),
    items: str | None = typer.Option(None, "--items", help="goods/services items per class, e.g. 9,4"),
    claims: int = typer.Option(1, "--claims", help="independent claims (patents)"),
    pages: int = typer.Option(0, "--pages", help="description pages (patents)"),
    variants: int = typer.Option(1, "--variants", help="design variants"),
    priority_claims: int = typer.Option(0, "--priority-claims", help="number of priority claims"),
    online: bool = typer.Option(False, "--online", help="filed online"),
    on: str | None = typer.Option(None, "--date", help="payment date YYYY-MM-DD (default today)"),
    grant: bool = typer.Option(False, "--grant", help="include the grant fees"),
    annuity_year: int | None = typer.Option(None, "--annuity-year",
                                            help="quote the annuity for this validity year (patents)"),
    renewal: bool = typer.Option(False, "--renewal", help="quote a renewal (marks, designs)"),
    due: str | None = typer.Option(None, "--due", help="due date of the annuity/renewal: adds the late surcharge"),
    as_json: bool = typer.Option(False, "--json", help="print JSON"),
    lang: str | None = typer.Option(None, "--lang", help="vi (default) or en"),
) -> None:
    """Quote the official fees of a filing under the tariff in force on a date."""
    try:
        items_per_class = tuple(int(x) for x in items.split(",")) if items else ()
    except ValueError:
        raise UserError("law.unknown_choice", field="items", rule="comma-separated whole numbers", value=items,
                        choices="9,4") from None
    req = FilingRequest(_right(right), classes=classes, items_per_class=items_per_class, independent_claims=claims,
                        description_pages=pages, design_variants=variants, priority_claims=priority_claims,
                        online=online, annuity_year=annuity_year)
    if annuity_year is not None or renewal:
        q = maintenance_fee_quote(req, on=_date(on, "date"), renewal=renewal, due=_date(due, "due"))
    else:
        stages = (Stage.FILING, Stage.EXAMINATION, Stage.GRANT) if grant else (Stage.FILING, Stage.EXAMINATION)
        q = fee_quote(req, on=_date(on, "date"), stages=stages)
    lg = i18n.current_language(lang)
    if as_json:
        typer.echo(json.dumps(q.to_dict(lg), ensure_ascii=False, indent=2))
        return
    table = Table(title=q.tariff_id)
    for col in ("fee", "unit", "qty", "amount"):
        table.add_column(i18n.t(f"law.col.{col}", lg), justify="left" if col == "fee" else "right")
    for x in q.lines:
        label = (x.label_en if lg == "en" else x.label_vi) + (f" [{i18n.t('law.note.verify', lg)}]" if x.verify else "")
        table.add_row(escape(label), f"{x.unit_amount:,}", str(x.quantity), f"{x.amount:,}")
    table.add_row(i18n.t("law.total", lg), "", "", f"{q.total:,}")
    _console().print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(law_app, name="law")
