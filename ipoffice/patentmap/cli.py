"""``ipoffice patent-map``: build the map, validate taxonomies, draw and score precision samples, expand seeds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ipoffice.core import i18n
from ipoffice.core.errors import UserError

if TYPE_CHECKING:
    from ipoffice.patentmap.corpus import Corpus

i18n.register(
    {
        "patentmap.cli.done": {"vi": "Đã ghi bản đồ sáng chế vào {out}", "en": "Patent map written to {out}"},
        "patentmap.cli.valid": {"vi": "Hợp lệ: {name} ({groups} nhóm, {packs} bộ truy vấn)",
                                "en": "Valid: {name} ({groups} groups, {packs} query packs)"},
        "patentmap.cli.date": {"vi": "Ngày không hợp lệ (YYYY-MM-DD): {value}", "en": "Not a date (YYYY-MM-DD): {value}"},
    }
)

CorpusOpt = Annotated[list[Path] | None, typer.Option("--corpus", "-c", help="Export file or folder (repeat for more); "
                                                      "'register' = the office register. Without it: the office "
                                                      "register if it holds patent files, else the demo set.")]
RegisterOpt = Annotated[bool, typer.Option("--register", help="Add the office register's patent files to the corpus")]
DbOpt = Annotated[str | None, typer.Option("--database-url", help="Office database (default: IPOFFICE_DATABASE_URL "
                                           "or ./ipoffice.db)")]


def _corpus(corpus: list[Path] | None, register: bool, database_url: str | None) -> Corpus:
    from ipoffice.patentmap.register_source import resolve_corpus

    return resolve_corpus(corpus, register=register, database_url=database_url,
                          say=lambda m: typer.echo(m, err=True))
TaxOpt = Annotated[str, typer.Option("--taxonomy", "-t", help="1131-2025, 21-2026 or a taxonomy YAML file")]


def _as_of(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UserError("patentmap.cli.date", field="as_of", value=value) from None


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="Patent map of Viet Nam's strategic technology groups (Decisions 1131/2025, 21/2026).",
                        invoke_without_command=True, no_args_is_help=False)

    @group.callback()
    def patent_map(
        ctx: typer.Context,
        taxonomy: TaxOpt = "21-2026",
        corpus: CorpusOpt = None,
        register: RegisterOpt = False,
        database_url: DbOpt = None,
        out: Annotated[Path, typer.Option("--out", "-o", help="Output folder")] = Path("patent-map"),
        as_of: Annotated[str | None, typer.Option(help="Data cut-off date (default: latest date in the corpus)")] = None,
        labels: Annotated[list[Path] | None, typer.Option("--labels", help="Expert-labelled sample CSV (repeatable)")] = None,
        dask: Annotated[str | None, typer.Option("--dask", help="'local' or a scheduler address: classify on Dask")] = None,
        pdf: Annotated[bool, typer.Option(help="Also write report.pdf")] = True,
    ) -> None:
        """Build the map: HTML report (vi + en, offline), PDF, tables as CSV and Parquet."""
        if ctx.invoked_subcommand is not None:
            return
        from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        from ipoffice.patentmap.pipeline import build_map, write_tables
        from ipoffice.patentmap.report import write_html, write_pdf

        steps = ["corpus", "classify", "techmap", "indicators", "tables", "html", "pdf"]
        client = None
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                      transient=False) as progress:
            task = progress.add_task("patent-map", total=len(steps))

            def step(name: str) -> None:
                done = steps.index(name) if name in steps else 0
                progress.update(task, completed=done, description=f"patent-map: {name}")

            if dask:
                from distributed import Client

                from ipoffice.patentmap.distributed import local_client

                client = local_client() if dask == "local" else Client(dask)
            try:
                step("corpus")
                families = _corpus(corpus, register, database_url)
                pm = build_map(None, taxonomy, as_of=_as_of(as_of), labels=labels or [], client=client, step=step,
                               corpus=families)
            finally:
                if client is not None:
                    client.close()
            step("tables")
            write_tables(pm, out)
            step("html")
            write_html(pm, out)
            if pdf:
                step("pdf")
                write_pdf(pm, out / "report.pdf", i18n.current_language())
            progress.update(task, completed=len(steps), description="patent-map: done")
        n_rej = len(pm.corpus.rejected)
        typer.echo(i18n.t("patentmap.cli.done", out=out) + f" ({len(pm.corpus.families):,} families; {n_rej} rejected "
                   f"rows/values/files listed in {out / 'tables' / 'rejected.csv'})")

    @group.command("validate")
    def validate(files: Annotated[list[str] | None, typer.Argument(help="Taxonomy ids or YAML files")] = None) -> None:
        """Check taxonomy files: symbols, overlaps, dates, crosswalk."""
        from ipoffice.patentmap.taxonomy import BUILTIN, check_crosswalk, load_crosswalk, load_taxonomy

        names = files or list(BUILTIN)
        loaded = {}
        for name in names:
            tax = load_taxonomy(name)
            loaded[tax.id] = tax
            typer.echo(i18n.t("patentmap.cli.valid", name=name, groups=len(tax.groups), packs=len(tax.packs)))
            for w in tax.warnings:
                typer.echo(f"  note: {w}")
        if {"1131-2025", "21-2026"} <= set(loaded):
            problems = check_crosswalk(loaded["1131-2025"], loaded["21-2026"], load_crosswalk())
            for p in problems:
                typer.echo(f"  crosswalk: {p}", err=True)
            if problems:
                raise typer.Exit(2)

    @group.command("sample")
    def sample(
        group_id: Annotated[str, typer.Option("--group", "-g", help="Group id")],
        taxonomy: TaxOpt = "21-2026",
        corpus: CorpusOpt = None,
        register: RegisterOpt = False,
        database_url: DbOpt = None,
        n: Annotated[int, typer.Option("--n", "-n", help="Families to draw")] = 100,
        seed: int = 2026,
        out: Annotated[Path, typer.Option("--out", "-o")] = Path("."),
    ) -> None:
        """Draw a random precision sample of one group for experts to label (column 'label': 1/0)."""
        from ipoffice.patentmap.classify import draw_sample, group_map
        from ipoffice.patentmap.taxonomy import load_taxonomy

        tax = load_taxonomy(taxonomy)
        gm = group_map(tax, _corpus(corpus, register, database_url).families)
        frame = draw_sample(gm, group_id, n=n, seed=seed)
        out.mkdir(parents=True, exist_ok=True)
        path = out / f"sample_{tax.id}_group{group_id}_seed{seed}.csv"
        frame.to_csv(path, index=False, encoding="utf-8-sig")
        typer.echo(str(path))

    @group.command("score")
    def score(files: Annotated[list[Path], typer.Argument(help="Labelled sample CSV files")]) -> None:
        """Precision per group and query from labelled samples (95 % Wilson interval)."""
        from ipoffice.patentmap.classify import read_labels, score_labels

        typer.echo(score_labels(read_labels(files)).to_string(index=False))

    @group.command("expand")
    def expand(
        seed_file: Annotated[Path, typer.Argument(help="Text file: one family id or publication number per line")],
        corpus: CorpusOpt = None,
        register: RegisterOpt = False,
        database_url: DbOpt = None,
        level: Annotated[str, typer.Option(help="subclass, main_group or symbol")] = "main_group",
    ) -> None:
        """Propose codes that are uniquely common in a seed set (>= 4 % of seeds, >= 50x corpus frequency)."""
        import numpy as np

        from ipoffice.patentmap.classify import seed_expansion

        f = _corpus(corpus, register, database_url).families
        wanted = {line.strip() for line in seed_file.read_text(encoding="utf-8-sig").splitlines() if line.strip()}
        pubs = f["publications"].str.split(";")
        hit = f["family_id"].isin(wanted) | pubs.map(lambda ps: bool(wanted.intersection(ps)))
        typer.echo(seed_expansion(f, np.flatnonzero(hit.to_numpy()), level=level).to_string(index=False))

    app.add_typer(group, name="patent-map")
