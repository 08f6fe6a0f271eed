"""``ipoffice prior-art``, ``ipoffice ipc suggest`` and ``ipoffice ai-trail``: prior art, IPC and the AI trail.

A search for a file (``--file NUMBER``, or ``--for NUMBER`` with a free text) is recorded on that file's AI trail
with the query, the model and index versions and the results shown; the examiner then records what was done with
them (``ipoffice ai-trail act``). Free-text searches without a file are not recorded.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from ipoffice.core import i18n
from ipoffice.core.errors import UserError

INDEX_ENV = "IPOFFICE_INDEX_DIR"

i18n.register(
    {
        "prior_art.cli.text_or_file": {
            "vi": "Hãy dùng đúng một trong hai: --text hoặc --file",
            "en": "Use exactly one of --text or --file",
        },
        "prior_art.cli.bad_date": {
            "vi": "Ngày không hợp lệ: {value} (dạng YYYY-MM-DD)",
            "en": "Not a date: {value} (use YYYY-MM-DD)",
        },
        "prior_art.cli.built": {
            "vi": "Đã lập chỉ mục {documents} tài liệu (mô hình: {model}; phiên bản chỉ mục {version}) tại {path}",
            "en": "Indexed {documents} documents (model: {model}; index version {version}) at {path}",
        },
        "prior_art.cli.no_hits": {"vi": "Không tìm thấy tài liệu nào", "en": "No documents found"},
        "prior_art.cli.recorded": {
            "vi": "Đã ghi vào nhật ký AI của hồ sơ {number} (mục {id})",
            "en": "Recorded on the AI trail of file {number} (entry {id})",
        },
        "prior_art.cli.summary": {
            "vi": "{hits} kết quả từ {documents} tài liệu; mô hình: {model}; chỉ mục {version}; {ms} ms",
            "en": "{hits} results from {documents} documents; model: {model}; index {version}; {ms} ms",
        },
        "prior_art.cli.db_not_ready": {
            "vi": "Cơ sở dữ liệu {url} chưa sẵn sàng; hãy chạy: ipoffice db upgrade",
            "en": "The database {url} is not ready; run: ipoffice db upgrade",
        },
        "ipc_model.cli.trained": {
            "vi": "Đã huấn luyện bộ phân loại IPC trên {documents} tài liệu ({subclasses} phân lớp, {groups} nhóm "
            "chính) tại {path}",
            "en": "Trained the IPC classifier on {documents} documents ({subclasses} subclasses, {groups} main "
            "groups) at {path}",
        },
        "trail.cli.empty": {
            "vi": "Hồ sơ chưa có lần sử dụng AI nào",
            "en": "No AI use recorded on this file",
        },
    }
)


def index_dir(path: Path | None = None) -> Path:
    """``--index``, else ``$IPOFFICE_INDEX_DIR``, else ``<database>-index/prior-art`` beside a SQLite database."""
    if path:
        return path
    env = os.environ.get(INDEX_ENV)
    if env:
        return Path(env)
    from sqlalchemy.engine import make_url

    from ipoffice.store.config import database_url

    u = make_url(database_url())
    if u.get_backend_name() == "sqlite" and u.database and u.database != ":memory:":
        db = Path(u.database)
        return db.with_name(f"{db.stem}-index") / "prior-art"
    return Path("ipoffice-index") / "prior-art"


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError("prior_art.cli.bad_date", field="before", value=value) from None


def _engine() -> Any:
    from ipoffice.store.config import database_url
    from ipoffice.store.db import make_engine

    return make_engine(database_url())


def _db_error(exc: Exception) -> UserError:
    from sqlalchemy.engine import make_url

    from ipoffice.store.config import database_url

    return UserError(
        "prior_art.cli.db_not_ready",
        field="IPOFFICE_DATABASE_URL",
        url=make_url(database_url()).render_as_string(hide_password=True),
    )


def _open_index(path: Path | None) -> Any:
    from ipoffice.assist.prior_art import PriorArtIndex
    from ipoffice.search.embedding import load_embedder

    return PriorArtIndex.open(index_dir(path), embedder_loader=load_embedder)


def _split(values: list[str]) -> tuple[str, ...]:
    return tuple(s.strip() for v in values for s in v.split(",") if s.strip())


def _actor(actor: str | None) -> str:
    return actor or os.environ.get("IPOFFICE_ACTOR") or os.environ.get("USER") or "cli"


def _query_for_file(number: str) -> tuple[str, Any]:
    from sqlalchemy.exc import OperationalError, ProgrammingError

    from ipoffice.assist.prior_art import file_query_text
    from ipoffice.store.db import transaction

    try:
        with transaction(_engine(), actor="cli") as s:
            return file_query_text(s, number)
    except (OperationalError, ProgrammingError) as exc:
        raise _db_error(exc) from None


def _record(record: Any, actor: str) -> int:
    """Record a use on the trail through :mod:`ipoffice.assist.recorded` (the same path as the web workbench):
    ``record(session, actor)`` returns the trail entry."""
    from sqlalchemy.exc import OperationalError, ProgrammingError

    from ipoffice.store.db import transaction

    try:
        with transaction(_engine(), actor=actor) as s:
            return int(record(s, actor).id)
    except (OperationalError, ProgrammingError) as exc:
        raise _db_error(exc) from None


TextOpt = Annotated[str | None, typer.Option("--text", help="The text to search with (any length).")]
FileOpt = Annotated[
    str | None, typer.Option("--file", help="Search with this file's title, abstract and claims.")
]
ForOpt = Annotated[
    str | None, typer.Option("--for", help="Record this free-text search on file NUMBER's AI trail.")
]
IndexOpt = Annotated[
    Path | None,
    typer.Option("--index", help=f"Index directory (default ${INDEX_ENV} or beside the database)."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]
LangOpt = Annotated[str | None, typer.Option("--lang", help="vi or en (default: $IPOFFICE_LANG or vi).")]
ActorOpt = Annotated[
    str | None, typer.Option("--actor", help="Who is searching (default $IPOFFICE_ACTOR or $USER).")
]

prior_art_app = typer.Typer(
    name="prior-art", help="Prior-art search (BM25 + dense, fused), recorded on the file."
)


@prior_art_app.callback(invoke_without_command=True)
def prior_art(
    ctx: typer.Context,
    text: TextOpt = None,
    file: FileOpt = None,
    for_file: ForOpt = None,
    before: Annotated[
        str | None,
        typer.Option(
            "--before", help="Priority cut-off YYYY-MM-DD (default with --file: its priority date)."
        ),
    ] = None,
    ipc: Annotated[
        list[str], typer.Option("--ipc", help="Only documents in these IPC symbols (repeat or comma).")
    ] = [],  # noqa: B006
    limit: Annotated[int, typer.Option("--limit", help="How many results (1-1000).")] = 100,
    mode: Annotated[str, typer.Option("--mode", help="hybrid, bm25 or dense.")] = "hybrid",
    index: IndexOpt = None,
    as_json: JsonOpt = False,
    lang: LangOpt = None,
    actor: ActorOpt = None,
) -> None:
    """Search prior art with --text "..." or --file NUMBER; `prior-art index` builds the index first."""
    if ctx.invoked_subcommand is not None:
        return
    from ipoffice.assist.prior_art import PriorArtQuery

    if (text is None) == (file is None):
        raise UserError("prior_art.cli.text_or_file", field="text")
    exclude: tuple[str, ...] = ()
    cutoff = _date(before)
    record_on = for_file
    if file is not None:
        text, own = _query_for_file(file)
        exclude = (own.id,)
        cutoff = cutoff or own.date
        record_on = file
    ix = _open_index(index)
    q = PriorArtQuery(str(text), before=cutoff, ipc=_split(ipc), limit=limit, mode=mode, exclude=exclude)
    result = ix.search(q)
    data = result.to_json()
    if record_on:
        from ipoffice.assist.recorded import record_prior_art

        on = record_on
        data["trail_entry"] = _record(lambda s, who: record_prior_art(s, on, result, who), _actor(actor))
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    _print_hits(result, lang)
    if record_on:
        typer.echo(i18n.t("prior_art.cli.recorded", lang, number=record_on, id=data["trail_entry"]))


def _print_hits(result: Any, lang: str | None) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(width=160)
    if not result.hits:
        console.print(i18n.t("prior_art.cli.no_hits", lang))
    else:
        table = Table()
        for col in ("#", "id", "date", "IPC", "BM25 / dense", "title / passage"):
            table.add_column(col, overflow="fold")
        for h in result.hits:
            passage = h.passages[0].marked("\x01", "\x02") if h.passages else ""
            passage = escape(passage).replace("\x01", "[bold yellow]").replace("\x02", "[/bold yellow]")
            table.add_row(
                str(h.rank),
                h.id,
                h.date.isoformat() if h.date else "",
                ", ".join(h.ipc[:3]),
                f"{h.bm25_rank or '-'} / {h.dense_rank or '-'}",
                f"[bold]{escape(h.title)}[/bold]\n{passage}",
            )
        console.print(table)
    typer.echo(
        i18n.t(
            "prior_art.cli.summary",
            lang,
            hits=len(result.hits),
            documents=result.documents,
            model=result.model or "BM25",
            version=result.index_version,
            ms=round(result.elapsed_ms),
        )
    )


@prior_art_app.command("index")
def build_index(
    corpus: Annotated[
        list[Path], typer.Option("--corpus", help="A JSONL corpus file or directory (repeatable).")
    ] = [],  # noqa: B006
    register_docs: Annotated[
        bool, typer.Option("--register/--no-register", help="Include the office register.")
    ] = True,
    dense: Annotated[
        bool, typer.Option("--dense/--no-dense", help="Compute dense vectors (slower to build).")
    ] = True,
    embedder: Annotated[
        str | None, typer.Option("--embedder", help="A local model directory (default: shipped MiniLM).")
    ] = None,
    passages: Annotated[
        int,
        typer.Option(
            "--passages",
            min=0,
            max=64,
            help="Dense vectors per document beyond title + abstract, from its claims and description "
            "(0: none; each costs one more embedding at build time).",
        ),
    ] = 8,
    ipc_model: Annotated[
        bool,
        typer.Option("--ipc-model/--no-ipc-model", help="Also train the IPC suggestion classifier."),
    ] = True,
    index: IndexOpt = None,
    lang: LangOpt = None,
) -> None:
    """(Re)build the prior-art index from the register and any corpus directories."""
    from itertools import chain

    from rich.progress import Progress

    from ipoffice.assist.prior_art import PriorArtIndex, corpus_documents, register_documents
    from ipoffice.search.embedding import load_embedder

    emb = load_embedder(embedder) if dense else None
    sources: list[Any] = [corpus_documents(c) for c in corpus]
    docs: list[Any] = []
    if register_docs:
        from sqlalchemy.exc import OperationalError, ProgrammingError

        from ipoffice.store.db import transaction

        try:
            with transaction(_engine(), actor="cli") as s:
                docs = list(register_documents(s))
        except (OperationalError, ProgrammingError) as exc:
            raise _db_error(exc) from None
    all_docs = list(chain(docs, *sources))
    path = index_dir(index)
    ix = PriorArtIndex(emb, path, passages=passages)
    with Progress(transient=True) as bar:
        task = bar.add_task("index", total=len(all_docs))
        ix.build(all_docs, progress=lambda n: bar.advance(task, n))
    if ipc_model:
        try:
            _train_ipc(ix, lang)
        except UserError as exc:
            if exc.code != "ipc_model.no_documents":  # no classified documents: kNN has nothing either
                raise
    typer.echo(
        i18n.t(
            "prior_art.cli.built",
            lang,
            documents=len(ix.docs),
            model=ix.model or "BM25",
            version=ix.version,
            path=str(path),
        )
    )


ipc_app = typer.Typer(name="ipc", help="IPC classification help.", no_args_is_help=True)


def _train_ipc(ix: Any, lang: str | None) -> None:
    from ipoffice.assist.ipc_model import model_dir, train_for_index

    model = train_for_index(ix)
    typer.echo(
        i18n.t(
            "ipc_model.cli.trained",
            lang,
            documents=model.info["documents"],
            subclasses=model.info["classes"]["subclass"],
            groups=model.info["classes"]["main_group"],
            path=str(model_dir(ix.path)),
        )
    )


@ipc_app.command("train")
def ipc_train_cmd(index: IndexOpt = None, lang: LangOpt = None) -> None:
    """(Re)train the IPC suggestion classifier on the index's classified documents and the IPC scheme."""
    from ipoffice.assist.prior_art import PriorArtIndex

    _train_ipc(PriorArtIndex.open(index_dir(index)), lang)


@ipc_app.command("suggest")
def ipc_suggest_cmd(
    text: TextOpt = None,
    file: FileOpt = None,
    for_file: ForOpt = None,
    mode: Annotated[str, typer.Option("--mode", help="hybrid, bm25 or dense.")] = "hybrid",
    index: IndexOpt = None,
    as_json: JsonOpt = False,
    lang: LangOpt = None,
    actor: ActorOpt = None,
) -> None:
    """Top 5 IPC subclasses and main groups for a text or a file, each with the documents behind it."""
    from ipoffice.assist.ipc_suggest import suggest

    if (text is None) == (file is None):
        raise UserError("prior_art.cli.text_or_file", field="text")
    exclude: tuple[str, ...] = ()
    record_on = for_file
    if file is not None:
        text, own = _query_for_file(file)
        exclude = (own.id,)
        record_on = file
    s = suggest(_open_index(index), str(text), mode=mode, exclude=exclude)
    data = s.to_json()
    if record_on:
        from ipoffice.assist.recorded import record_ipc

        on, query = record_on, str(text)
        data["trail_entry"] = _record(lambda ss, who: record_ipc(ss, on, s, query, mode, who), _actor(actor))
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table()
    for col in ("level", "symbol", "confidence", "kNN / model", "title", "evidence"):
        table.add_column(col, overflow="fold")
    for x in (*s.subclasses, *s.main_groups):
        table.add_row(
            x.level,
            x.symbol,
            f"{x.confidence:.2f}",
            f"{x.knn:.2f} / {'-' if x.model is None else f'{x.model:.2f}'}",
            x.title[:80],
            ", ".join(e.id for e in x.evidence) or "-",
        )
    Console(width=160).print(table)
    if record_on:
        typer.echo(i18n.t("prior_art.cli.recorded", lang, number=record_on, id=data["trail_entry"]))


trail_app = typer.Typer(
    name="ai-trail",
    help="The AI audit trail of a file: show, record an action, export.",
    no_args_is_help=True,
)


def _trail_session() -> Any:
    from ipoffice.store.db import transaction

    return transaction(_engine(), actor="cli")


@trail_app.command("show")
def trail_show(
    number: Annotated[str, typer.Argument(help="Application or registration number.")],
    as_json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """The file's history: procedural events and AI uses/actions in time order."""
    from ipoffice.assist.trail import file_history

    with _trail_session() as s:
        lines = file_history(s, number, lang)
    if as_json:
        typer.echo(
            json.dumps(
                [
                    {
                        "at": h.at.isoformat(),
                        "source": h.source,
                        "code": h.code,
                        "label": h.label,
                        "actor": h.actor,
                        **h.detail,
                    }
                    for h in lines
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    for h in lines:
        extra = ", ".join(f"{k}={v}" for k, v in h.detail.items() if v not in (None, "", []))
        typer.echo(f"{h.at.isoformat(timespec='seconds')}  {h.source:5}  {h.label}  ({h.actor})  {extra}")


@trail_app.command("act")
def trail_act(
    number: Annotated[str, typer.Argument(help="Application number.")],
    use_id: Annotated[int, typer.Argument(help="The trail entry of the use (printed by the search).")],
    action: Annotated[str, typer.Argument(help="cited, dismissed, accepted, rejected or noted.")],
    items: Annotated[
        list[str], typer.Option("--item", help="A result id (or IPC symbol) it concerns (repeat).")
    ] = [],  # noqa: B006
    note: Annotated[str | None, typer.Option("--note", help="A free note.")] = None,
    actor: ActorOpt = None,
    lang: LangOpt = None,
) -> None:
    """Record what the examiner did with an assistant's results."""
    from ipoffice.assist.trail import record_action

    who = _actor(actor)
    from ipoffice.store.db import transaction

    with transaction(_engine(), actor=who) as s:
        entry = record_action(s, number, use_id, action, actor=who, items=list(_split(items)), note=note)
    typer.echo(i18n.t("prior_art.cli.recorded", lang, number=number, id=entry.id))


@trail_app.command("export")
def trail_export(number: Annotated[str, typer.Argument(help="Application number.")]) -> None:
    """The whole AI trail of the file as JSON, with the hash chain verified."""
    from ipoffice.assist.trail import export

    with _trail_session() as s:
        typer.echo(json.dumps(export(s, number), ensure_ascii=False, indent=2))


def register(app: typer.Typer) -> None:
    app.add_typer(prior_art_app, name="prior-art")
    app.add_typer(ipc_app, name="ipc")
    app.add_typer(trail_app, name="ai-trail")
