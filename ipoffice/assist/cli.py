"""``ipoffice tm``: load marks into the trademark register and search it for conflicting earlier marks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ipoffice.assist.tm_register import REGISTER_ENV, FileRegister, register_path
from ipoffice.core import i18n

tm_app = typer.Typer(
    name="tm",
    help="Trademarks: load marks and search for confusingly similar earlier marks.",
    no_args_is_help=True,
)

_REGISTER_HELP = f"Register directory (default: ${REGISTER_ENV} or ./ipoffice-tm)."


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
    mark: Annotated[str, typer.Argument(help='The sign to search, e.g. "VINA MILK".')],
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
) -> None:
    """Earlier marks likely to conflict with MARK, best first, each with its per-dimension scores and reasons."""
    engine = FileRegister(register_path(register)).engine()
    hits = engine.search(mark, classes.split(","), goods=goods, limit=limit)
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
