"""``ipoffice exchange import|export|legal-status``: WIPO data exchange from the command line.

All three read the database named by ``IPOFFICE_DATABASE_URL`` (default ``sqlite:///./ipoffice.db``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from ipoffice.core import i18n
from ipoffice.core.errors import UserError

i18n.register(
    {
        "exchange.cli.bad_date": {
            "vi": "Ngày không hợp lệ cho {option}: '{value}' (YYYY-MM-DD)",
            "en": "Invalid date for {option}: '{value}' (YYYY-MM-DD)",
        },
        "exchange.cli.bad_format": {
            "vi": "Định dạng không hỗ trợ: '{value}' (chọn {choices})",
            "en": "Unsupported format: '{value}' (choose {choices})",
        },
        "exchange.cli.nothing": {
            "vi": "Hãy nêu số đơn hoặc khoảng thời gian (--from và --to)",
            "en": "Give application numbers or a period (--from and --to)",
        },
        "exchange.cli.summary": {
            "vi": "Đã nhập: {imported}; không đổi: {unchanged}; bị từ chối: {rejected}",
            "en": "Imported: {imported}; unchanged: {unchanged}; rejected: {rejected}",
        },
        "exchange.cli.written": {"vi": "Đã ghi {count} tệp vào {dir}", "en": "Wrote {count} files to {dir}"},
        "exchange.cli.importing": {"vi": "Đang nhập", "en": "Importing"},
    }
)


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(
            "exchange.cli.bad_date", field=option, rule="ISO 8601", option=option, value=value
        ) from None


def _engine():
    from ipoffice.store.config import database_url
    from ipoffice.store.db import make_engine

    return make_engine(database_url())


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        name="exchange",
        help="WIPO data exchange: ST.96/ST.97 export, import of ST.96/ST.36/ST.66/USPTO XML, legal status.",
        no_args_is_help=True,
    )

    @group.command("import")
    def import_cmd(
        files: Annotated[
            list[Path], typer.Argument(help="XML documents (ST.96, ST.36, ST.66, USPTO, Madrid)")
        ],
        actor: str = typer.Option("exchange", "--actor", help="Who imports (written on every event)"),
        lang: str | None = typer.Option(None, "--lang", help="vi (default) or en"),
    ) -> None:
        """Import documents into the register; one transaction each, a progress bar, then a report."""
        from ipoffice.exchange.importer import ImportReport, import_document

        engine = _engine()
        console = Console(stderr=True)
        report = ImportReport()
        try:
            with Progress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console
            ) as progress:
                task = progress.add_task(i18n.t("exchange.cli.importing", lang), total=len(files))
                for f in files:
                    report.outcomes.append(import_document(engine, f, actor=actor, name=f.name, lang=lang))
                    progress.advance(task)
        finally:
            engine.dispose()
        for o in report.outcomes:
            if o.outcome == "rejected":
                typer.echo(f"✗ {o.source}: {o.reason}")
            else:
                typer.echo(f"{'✓' if o.outcome == 'imported' else '='} {o.source}: {o.number} ({o.outcome})")
        typer.echo(
            i18n.t(
                "exchange.cli.summary",
                lang,
                imported=report.imported,
                unchanged=report.unchanged,
                rejected=len(report.rejected),
            )
        )
        if report.rejected:
            raise typer.Exit(1)

    @group.command("export")
    def export_cmd(
        numbers: Annotated[
            list[str] | None, typer.Argument(help="Application or registration numbers")
        ] = None,
        fmt: str = typer.Option("st96", "--format", help="st96 (XML) or st97 (JSON)"),
        start: str | None = typer.Option(
            None, "--from", help="Bulk: files with an event on or after (YYYY-MM-DD)"
        ),
        end: str | None = typer.Option(None, "--to", help="Bulk: ... and on or before (YYYY-MM-DD)"),
        out: Annotated[
            Path | None, typer.Option("-o", "--out", help="Folder for the files (default: print)")
        ] = None,
    ) -> None:
        """Export files to ST.96 XML (validated against the official V6_0 schemas) or ST.97-style JSON, each with
        its AI trail (in the JSON as AITrail; beside the XML as NUMBER.ai-trail.json)."""
        from ipoffice.exchange.export import FORMATS, export
        from ipoffice.store.db import transaction

        if fmt not in FORMATS:
            raise UserError(
                "exchange.cli.bad_format", field="--format", rule="st96|st97", value=fmt, choices="st96, st97"
            )
        first, last = _day(start, "--from"), _day(end, "--to")
        if not numbers and not (first and last):
            raise UserError("exchange.cli.nothing", field="NUMBER", rule="ipoffice exchange export")
        engine = _engine()
        try:
            with transaction(engine, actor="exchange") as s:
                docs = export(s, fmt, numbers=list(numbers or []), start=first, end=last)
        finally:
            engine.dispose()
        if out is None:
            for d in docs:
                typer.echo(d.content.decode())
                if d.ai_trail is not None:  # ST.96: the AI trail follows its XML document
                    typer.echo(d.ai_trail.decode())
            return
        out.mkdir(parents=True, exist_ok=True)
        for d in docs:
            (out / d.file_name).write_bytes(d.content)
            if d.ai_trail is not None:
                (out / d.trail_file_name).write_bytes(d.ai_trail)
        typer.echo(i18n.t("exchange.cli.written", None, count=len(docs), dir=out))

    @group.command("legal-status")
    def legal_status_cmd(
        start: str = typer.Option(..., "--from", help="First day (YYYY-MM-DD)"),
        end: str = typer.Option(..., "--to", help="Last day (YYYY-MM-DD)"),
        fmt: str = typer.Option(
            "json", "--format", help="json, csv or st96 (ST.27 PatentLegalStatusData, patents)"
        ),
        mapping: bool = typer.Option(False, "--mapping", help="Print the event -> ST.27/61/87 table instead"),
    ) -> None:
        """Legal-status events of a period with their ST.27 / ST.61 / ST.87 codes, state and stage."""
        from ipoffice.exchange.legal_status import export_period, mapping_markdown
        from ipoffice.store.db import transaction

        if mapping:
            typer.echo(mapping_markdown())
            return
        if fmt not in ("json", "csv", "st96"):
            raise UserError(
                "exchange.cli.bad_format",
                field="--format",
                rule="json|csv|st96",
                value=fmt,
                choices="json, csv, st96",
            )
        first, last = _day(start, "--from"), _day(end, "--to")
        assert first and last
        engine = _engine()
        try:
            with transaction(engine, actor="exchange") as s:
                if fmt == "st96":
                    from ipoffice.exchange.legal_status import st96_patent_legal_status

                    typer.echo(st96_patent_legal_status(s, first, last).decode())
                else:
                    typer.echo(export_period(s, first, last, fmt).decode())
        finally:
            engine.dispose()

    app.add_typer(group)
