"""``ipoffice db upgrade`` / ``ipoffice db current`` and ``ipoffice audit verify``."""

from __future__ import annotations

import typer

from ipoffice.core import i18n
from ipoffice.store import db
from ipoffice.store.config import database_url

i18n.register(
    {
        "db.upgraded": {
            "vi": "Cơ sở dữ liệu {url} ở phiên bản {rev}.",
            "en": "Database {url} is at revision {rev}.",
        },
        "db.current": {
            "vi": "Phiên bản hiện tại: {rev} (mới nhất: {head}).",
            "en": "Current revision: {rev} (head: {head}).",
        },
        "db.empty": {"vi": "(chưa khởi tạo)", "en": "(not initialised)"},
        "audit.col.id": {"vi": "Mục", "en": "Entry"},
        "audit.col.at": {"vi": "Thời điểm (UTC)", "en": "At (UTC)"},
        "audit.col.actor": {"vi": "Người thực hiện", "en": "Actor"},
        "audit.col.action": {"vi": "Thao tác", "en": "Action"},
        "audit.col.entity": {"vi": "Đối tượng", "en": "Record"},
        "audit.col.change": {"vi": "Thay đổi", "en": "Change"},
    }
)

db_app = typer.Typer(help="Database schema: create and migrate (Alembic migrations shipped in the package).")
audit_app = typer.Typer(help="The hash-chained audit log.")

UrlOption = typer.Option(
    None, "--url", help="Database URL (default: IPOFFICE_DATABASE_URL or ./ipoffice.db)."
)


def _safe(url: str) -> str:
    return db.normalise_url(url).render_as_string(hide_password=True)


@db_app.command("upgrade")
def upgrade_cmd(
    url: str | None = UrlOption, revision: str = typer.Option("head", help="Target revision.")
) -> None:
    """Create or migrate the database schema up to REVISION (default: the newest)."""
    url = url or database_url()
    db.upgrade(url, revision)
    typer.echo(i18n.t("db.upgraded", url=_safe(url), rev=db.current_revision(url)))


@db_app.command("current")
def current_cmd(url: str | None = UrlOption) -> None:
    """Print the schema revision the database is at."""
    url = url or database_url()
    rev = db.current_revision(url) or i18n.t("db.empty")
    typer.echo(i18n.t("db.current", rev=rev, head=db.head_revision()))


@audit_app.command("verify")
def verify_cmd(
    url: str | None = UrlOption,
    anchor: str | None = typer.Option(
        None, help="A head printed by an earlier run (ID:HASH): also detects a truncated or rewritten log."
    ),
) -> None:
    """Recompute the audit log's hash chain; exit 1 and name the first broken entry if it was tampered with."""
    from ipoffice.store.audit import verify_audit

    engine = db.make_engine(url or database_url())
    try:
        with db.session_factory(engine)() as session:
            report = verify_audit(session, anchor=anchor)
    finally:
        engine.dispose()
    if report.ok:
        typer.echo(report.summary())
        return
    typer.secho(report.summary(), fg=typer.colors.RED, err=True)
    raise typer.Exit(1)


@audit_app.command("log")
def log_cmd(
    entity: str | None = typer.Option(None, help="Table, e.g. files, parties, events."),
    entity_id: str | None = typer.Option(None, "--id", help="Row id within the table."),
    limit: int = typer.Option(20, help="How many entries, newest first."),
    url: str | None = UrlOption,
) -> None:
    """Show who changed what and when (before -> after), newest first."""
    import json

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from ipoffice.store.audit import audit_history, utc_text

    engine = db.make_engine(url or database_url())
    try:
        with db.session_factory(engine)() as session:
            entries = audit_history(session, entity, entity_id, limit)
            table = Table(
                *(i18n.t(f"audit.col.{c}") for c in ("id", "at", "actor", "action", "entity", "change"))
            )
            for e in entries:
                change = (
                    e.after
                    if e.action == "insert"
                    else e.before
                    if e.action == "delete"
                    else {k: [(e.before or {}).get(k), v] for k, v in (e.after or {}).items()}
                )
                table.add_row(
                    str(e.id),
                    utc_text(e.at)[:19],
                    Text(e.actor),
                    e.action,
                    f"{e.entity}#{e.entity_id}",
                    Text(json.dumps(change, ensure_ascii=False)[:300]),
                )
    finally:
        engine.dispose()
    Console(width=160).print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
    app.add_typer(audit_app, name="audit")
