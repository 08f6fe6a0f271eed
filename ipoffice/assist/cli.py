"""``ipoffice tm``: search the office register (or a file register) for conflicting earlier marks.

``tm search`` and ``tm index`` use the office database by default (``--database-url``, else
``$IPOFFICE_DATABASE_URL``); ``--register DIR`` uses a file register built with ``tm load`` instead.
``tm search --file NUMBER`` searches for an application on the register and records the use on that file."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Any

import typer

from ipoffice.assist.tm_register import REGISTER_ENV, FileRegister, register_path
from ipoffice.core import i18n
from ipoffice.core.errors import UserError

tm_app = typer.Typer(
    name="tm",
    help="Trademarks: load marks and search for confusingly similar earlier marks.",
    no_args_is_help=True,
)

_REGISTER_HELP = (
    f"A file register directory (built with tm load) instead of the office database (${REGISTER_ENV})."
)
_DB_HELP = "Office database (default: $IPOFFICE_DATABASE_URL or sqlite:///./ipoffice.db)."

i18n.register(
    {
        "tm.office.db_not_ready": {
            "vi": "Cơ sở dữ liệu {url} chưa được khởi tạo (chạy: ipoffice db upgrade)",
            "en": "The database {url} is not set up (run: ipoffice db upgrade)",
        },
        "tm.office.mark_or_file": {
            "vi": "Cho biết nhãn hiệu cần tra cứu hoặc --file SỐ_ĐƠN (không cả hai)",
            "en": "Give the mark to search or --file NUMBER (not both)",
        },
    }
)


def _office_index(database_url: str | None) -> Any:
    """The office register's mark index, refreshed; a clear message when the database is not set up."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import OperationalError, ProgrammingError

    from ipoffice.assist.tm_office import OfficeMarkIndex
    from ipoffice.store.config import database_url as default_url
    from ipoffice.store.db import current_revision, make_engine

    url = database_url or default_url()
    shown = make_url(url).render_as_string(hide_password=True)
    u = make_url(url)
    on_disk = u.get_backend_name() == "sqlite" and u.database not in (None, "", ":memory:")
    if on_disk and not Path(u.database or "").is_file():  # do not leave an empty database file behind
        raise UserError("tm.office.db_not_ready", field="database_url", url=shown)
    try:
        if current_revision(url) is None:
            raise UserError("tm.office.db_not_ready", field="database_url", url=shown)
        index = OfficeMarkIndex.for_database(make_engine(url), url)
        return index, index.refresh()
    except (OperationalError, ProgrammingError):
        raise UserError("tm.office.db_not_ready", field="database_url", url=shown) from None


def _actor(actor: str | None) -> str:
    return actor or os.environ.get("IPOFFICE_ACTOR") or os.environ.get("USER") or "cli"


@tm_app.command("index")
def index(
    database_url: Annotated[str | None, typer.Option("--database-url", help=_DB_HELP)] = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Rebuild from scratch.")] = False,
) -> None:
    """Build or refresh the office register's trademark index (kept next to the database)."""
    idx, result = _office_index(database_url)
    if rebuild:
        result = idx.refresh(rebuild=True)
    typer.echo(
        i18n.t(
            "tm.office.indexed",
            count=result.count,
            version=result.version,
            how=result.how,
            path=str(result.path),
        )
    )


@tm_app.command("load")
def load(
    file: Annotated[Path, typer.Argument(help="JSONL: one mark a line (number, mark, classes, owner, ...).")],
    register: Annotated[Path | None, typer.Option("--register", help=_REGISTER_HELP)] = None,
) -> None:
    """Add marks from a JSONL file (marks with a number already in the register replace it)."""
    result = FileRegister(register_path(register)).load(file)
    typer.echo(
        i18n.t(
            "tm.loaded", added=result.added, updated=result.updated, total=result.total, path=str(result.path)
        )
    )


@tm_app.command("search")
def search(
    mark: Annotated[str | None, typer.Argument(help='The sign to search, e.g. "VINA MILK".')] = None,
    classes: Annotated[
        str, typer.Option("--classes", help="Nice classes of the sign, comma separated: 30,43.")
    ] = "",
    limit: Annotated[int, typer.Option("--limit", help="How many hits to show (1-1000).")] = 50,
    goods: Annotated[str, typer.Option("--goods", help="Goods/services text of the sign (optional).")] = "",
    as_json: Annotated[bool, typer.Option("--json", help="Print the hits as JSON.")] = False,
    lang: Annotated[
        str | None, typer.Option("--lang", help="vi or en (default: $IPOFFICE_LANG or vi).")
    ] = None,
    register: Annotated[Path | None, typer.Option("--register", help=_REGISTER_HELP)] = None,
    database_url: Annotated[str | None, typer.Option("--database-url", help=_DB_HELP)] = None,
    file: Annotated[
        str | None,
        typer.Option(
            "--file", help="Search for this application's own mark and classes (recorded on the file)."
        ),
    ] = None,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Who is searching (default $IPOFFICE_ACTOR or $USER).")
    ] = None,
    all_statuses: Annotated[
        bool, typer.Option("--all-statuses", help="Also show refused, withdrawn, lapsed ... marks.")
    ] = False,
) -> None:
    """Earlier marks likely to conflict with MARK, best first, each with its per-dimension scores and reasons."""
    if (mark is None) == (file is None) or (file is not None and register is not None):
        raise UserError("tm.office.mark_or_file", field="mark")
    if file is not None:
        from ipoffice.assist.tm_office import search_for_file

        idx, _ = _office_index(database_url)
        found = search_for_file(idx, file, actor=_actor(actor), limit=limit, live_only=not all_statuses)
        hits = found.hits
        if not as_json:
            typer.echo(
                i18n.t("tm.office.recorded", lang, use_id=found.use_id, number=found.number, hits=len(hits))
            )
    elif register is not None or (os.environ.get(REGISTER_ENV) and database_url is None):
        hits = (
            FileRegister(register_path(register))
            .engine()
            .search(mark or "", classes.split(","), goods=goods, limit=limit)
        )
    else:
        idx, _ = _office_index(database_url)
        hits = idx.search(
            mark or "", classes.split(","), goods=goods, limit=limit, live_only=not all_statuses
        )
    if as_json:
        typer.echo(json.dumps([h.as_dict(lang) for h in hits], ensure_ascii=False, indent=2))
        return
    if not hits:
        typer.echo(i18n.t("tm.no_hits", lang))
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(show_lines=False)
    for col in ("number", "mark", "classes", "score", "why"):
        table.add_column(i18n.t(f"tm.col.{col}", lang), overflow="fold")
    for h in hits:
        dims = ", ".join(f"{k} {v:.2f}" for k, v in h.dimensions.items())
        table.add_row(  # marks are text, not rich markup: "[" in a mark must print as is
            escape(h.record.number),
            escape(h.record.mark),
            ",".join(map(str, h.record.classes)),
            f"{h.score:.1f}",
            escape("; ".join(h.why(lang)[:3]) + f" [{dims}]"),
        )
    Console(width=160).print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(tm_app, name="tm")
