# ruff: noqa: B008  (typer.Option in defaults is how Typer declares options)
"""``ipoffice innovation``: build a composite index with its audit and rank intervals, the PII, and the
innovation → growth report.

    ipoffice innovation index --framework meta.csv --data data.csv --out DIR [--preset gii|coinr] [--mc 1000]
    ipoffice innovation pii [--population P.csv --grdp G.csv --year 2022 --units 34 --out DIR]
                                   (default: the GSO tables shipped in ipoffice/data/innovation)
    ipoffice innovation impact --out DIR        (alias: growth)
                               [--filings F.csv --population P.csv --grdp G.csv]
                               [--filings-from-register [--database-url URL]]  (the office's own filings)
"""

from __future__ import annotations

from pathlib import Path

import typer

from ipoffice.core.errors import UserError

innovation_app = typer.Typer(help="Innovation indices (GII/PII method, JRC audit) and innovation → growth.",
                             no_args_is_help=True)


def _echo_files(paths: list[Path]) -> None:
    for p in paths:
        typer.echo(f"  {p}")


@innovation_app.command("index")
def index_cmd(
    out: Path = typer.Option(..., "--out", help="output folder"),
    framework: Path = typer.Option(None, "--framework", help="framework table (COINr iMeta columns)"),
    data: Path = typer.Option(None, "--data", help="data table: uCode, uName, groups, denominators, indicators"),
    example: str = typer.Option(None, "--example", help="a shipped example instead of --framework/--data: asem"),
    preset: str = typer.Option("gii", help="gii (GII practice) or coinr (COINr's ASEM example settings)"),
    weights: str = typer.Option("framework", help="framework, equal or pca"),
    aggregation: str = typer.Option("arithmetic", help="arithmetic, geometric or harmonic"),
    mc: int = typer.Option(1000, help="Monte Carlo replications for rank intervals (0 = none)"),
    sa: int = typer.Option(0, help="base sample N for variance-based sensitivity (0 = none)"),
    seed: int = typer.Option(0),
    strict: bool = typer.Option(False, help="stop on a constant indicator or a unit without data"),
) -> None:
    """Build the index, audit it, compute rank intervals, and write HTML/PDF (vi, en) and CSV."""
    from ipoffice.innovation.audit import audit
    from ipoffice.innovation.engine import build_index, coinr_spec, gii_spec, read_data
    from ipoffice.innovation.framework import Framework
    from ipoffice.innovation.report import write_index_report
    from ipoffice.innovation.uncertainty import UncertaintySpec, sensitivity, uncertainty

    if preset not in ("gii", "coinr"):
        raise UserError("innovation.spec.bad_option", field="preset", option="preset", value=preset,
                        allowed="gii, coinr")
    if example is not None:
        if example != "asem":
            raise UserError("innovation.spec.bad_option", field="example", option="example", value=example,
                            allowed="asem")
        from ipoffice.innovation.examples import asem

        fw, df = asem()
    elif framework is None or data is None:
        raise UserError("innovation.data.missing_column", field="--framework/--data", column="--framework, --data")
    else:
        fw = Framework.from_csv(framework)
        df = read_data(data)
    make = coinr_spec if preset == "coinr" else gii_spec
    spec = make(weights=weights, aggregation=aggregation, strict=strict)
    if preset == "coinr" and spec.impute_group not in df.columns:
        spec = make(weights=weights, aggregation=aggregation, strict=strict, impute="mean", impute_group=None)
    result = build_index(fw, df, spec)
    typer.echo(result.summary())
    usp = UncertaintySpec()
    unc = uncertainty(fw, df, spec, usp, n=mc, seed=seed, nominal=result) if mc > 0 else None
    sen = sensitivity(fw, df, spec, usp, n=sa, seed=seed, nominal=result) if sa > 0 else None
    aud = audit(result)
    rep = write_index_report(result, out, uncertainty=unc, sensitivity=sen, audit=aud)
    typer.echo("Written:")
    _echo_files([*rep.html.values(), *rep.pdf.values(), *rep.csv, *rep.charts])


@innovation_app.command("pii")
def pii_cmd(
    population: Path = typer.Option(None, help="GSO population table (gso_code, province, year, area_km2, "
                                               "avg_population_thousand); default: the shipped GSO table"),
    grdp: Path = typer.Option(None, help="GSO GRDP per capita table (gso_code, province, year, "
                                         "grdp_per_capita_mln_vnd); default: the shipped GSO table"),
    year: int = typer.Option(2022),
    units: str = typer.Option("34", help="63 (former provinces) or 34 (units since 1 July 2025)"),
    out: Path = typer.Option(Path("pii-report"), "--out"),
    published: Path = typer.Option(None, help="published PII press table to compare with; default: the shipped "
                                              "press table when the data are the shipped ones"),
    edition: int = typer.Option(2025, help="PII edition of the published table to compare with"),
    mc: int = typer.Option(500),
) -> None:
    """Compute the PII from the data available (every indicator without data is listed)."""
    from ipoffice.innovation.audit import audit
    from ipoffice.innovation.pii import (
        build_pii,
        compare_with_published,
        pii_data,
        shipped_published,
        shipped_tables,
    )
    from ipoffice.innovation.report import write_index_report
    from ipoffice.innovation.uncertainty import UncertaintySpec, uncertainty

    if population is None and grdp is None and published is None:
        published = shipped_published()
    shipped_pop, shipped_grdp = shipped_tables()
    df = pii_data(population or shipped_pop, grdp or shipped_grdp, year, units)
    result = build_pii(df)
    typer.echo(result.summary())
    unc = uncertainty(result.framework, df, result.spec, UncertaintySpec(), n=mc, nominal=result) if mc else None
    rep = write_index_report(result, out, uncertainty=unc, audit=audit(result))
    if published is not None:
        cmp = compare_with_published(result, published, edition)
        typer.echo(cmp.summary())
        cmp.table.to_csv(Path(out) / "published_comparison.csv", index=False)
    typer.echo("Written:")
    _echo_files([*rep.html.values(), *rep.pdf.values(), *rep.csv])


@innovation_app.command("impact")
def impact_cmd(
    out: Path = typer.Option(..., "--out"),
    iso3: str = typer.Option("VNM", help="country for growth accounting"),
    alpha: float = typer.Option(0.4, help="capital share (PWT has none for Viet Nam) [verify]"),
    filings: Path = typer.Option(None, help="office filings by province: CSV gso_code, year, filings"),
    population: Path = typer.Option(None, help="GSO population table (with --filings)"),
    grdp: Path = typer.Option(None, help="GSO GRDP per capita table (with --filings)"),
    from_register: bool = typer.Option(False, "--filings-from-register",
                                       help="count the office's resident filings by province from the register"),
    database_url: str = typer.Option(None, "--database-url", help="the office database (default: configured)"),
) -> None:
    """Innovation → growth: growth accounting, fixed-effects elasticities, Granger-type tests (vi, en)."""
    from ipoffice.innovation.engine import read_data
    from ipoffice.innovation.report import write_impact_report

    provincial = None
    if filings is not None:
        if population is None or grdp is None:
            raise UserError("innovation.data.missing_column", field="--population/--grdp",
                            column="--population, --grdp")
        provincial = (read_data(filings), str(population), str(grdp))
    elif from_register:
        provincial = _register_filings(out, database_url, population, grdp)
    rep = write_impact_report(out, iso3=iso3, alpha=alpha, provincial=provincial)
    typer.echo("Written:")
    _echo_files([*rep.html.values(), *rep.pdf.values(), *rep.csv, *rep.charts])


innovation_app.command("growth", help="Alias of impact.")(impact_cmd)


def _register_filings(out: Path, database_url: str | None, population: Path | None,
                      grdp: Path | None) -> tuple[object, str, str]:
    """Filings by former province from the register (written to ``filings_by_province.csv``), the unmatched
    addresses reported and left out of the regression, and the GSO tables (shipped ones by default)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import OperationalError, ProgrammingError

    from ipoffice.innovation.filings import filings_by_province
    from ipoffice.innovation.pii import shipped_tables
    from ipoffice.store.config import database_url as default_url
    from ipoffice.store.db import current_revision, make_engine

    url = database_url or default_url()
    shown = make_url(url).render_as_string(hide_password=True)
    try:
        if current_revision(url) is None:
            raise UserError("innovation.filings.db_not_ready", field="database_url", url=shown)
        engine = make_engine(url)
        try:
            table = filings_by_province(engine, units=63)
        finally:
            engine.dispose()
    except (OperationalError, ProgrammingError):
        raise UserError("innovation.filings.db_not_ready", field="database_url", url=shown) from None
    out.mkdir(parents=True, exist_ok=True)
    table.to_csv(out / "filings_by_province.csv", index=False)
    unmatched = table.attrs["unmatched"]
    matched = table[table["gso_code"].notna()]
    typer.echo(f"Register: {int(matched['filings'].sum())} resident filings located in "
               f"{matched['gso_code'].nunique()} provinces; {sum(unmatched.values())} with no province in the "
               f"address (\"unknown\", left out of the regression).")
    for address, n in list(unmatched.items())[:10]:
        typer.echo(f"  unknown ({n}): {address or '-'}")
    pop_default, grdp_default = shipped_tables()
    frame = matched.groupby(["gso_code", "year"], as_index=False)["filings"].sum()
    frame["gso_code"] = frame["gso_code"].astype(int)
    return frame, str(population or pop_default), str(grdp or grdp_default)


def register(app: typer.Typer) -> None:
    app.add_typer(innovation_app, name="innovation")
