"""``ipoffice publish``: the gazette of a period, a protection title, an official letter, and hash verification.

Reads the database named by ``IPOFFICE_DATABASE_URL`` (default ``sqlite:///./ipoffice.db``). Text formats (HTML,
JSON, CSV) go to standard output unless ``--out`` names a file; a PDF always goes to a file (``--out``, else a
name made from the document, in the working directory). The database transaction ends before the document is
rendered (on SQLite every transaction holds the write lock).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import typer

from ipoffice.core import i18n
from ipoffice.core.errors import UserError
from ipoffice.publish import messages as _messages  # noqa: F401

i18n.register(
    {
        "publish.cli.db_not_ready": {
            "vi": "Cơ sở dữ liệu {url} chưa được khởi tạo hoặc không truy cập được",
            "en": "The database {url} is not initialised or cannot be reached",
        },
        "publish.cli.written": {"vi": "Đã ghi {path}", "en": "Wrote {path}"},
        "publish.cli.need_period": {
            "vi": "Cần --month YYYY-MM hoặc cả --from và --to",
            "en": "Give --month YYYY-MM, or both --from and --to",
        },
        "publish.cli.hash_ok": {
            "vi": "Mã xác thực khớp với văn bằng {number} trong sổ đăng ký",
            "en": "The hash matches title {number} in the register",
        },
        "publish.cli.hash_bad": {
            "vi": "Mã xác thực KHÔNG khớp với văn bằng {number} trong sổ đăng ký",
            "en": "The hash does NOT match title {number} in the register",
        },
    }
)

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _date(value: str, field: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UserError("publish.bad_date", field=field, rule="ISO 8601 calendar date", value=value) from None


def _format(value: str, choices: tuple[str, ...]) -> str:
    v = value.strip().lower()
    if v not in choices:
        raise UserError(
            "publish.bad_format", field="format", rule="--format", value=value, choices=", ".join(choices)
        )
    return v


@contextmanager
def _session() -> Iterator[Any]:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    from ipoffice.store.config import database_url
    from ipoffice.store.db import make_engine, session_factory

    url = database_url()
    engine = make_engine(url)
    try:
        with session_factory(engine)() as s:
            s.info["actor"] = "cli"
            try:
                yield s
            except SQLAlchemyError:
                raise UserError(
                    "publish.cli.db_not_ready",
                    field="IPOFFICE_DATABASE_URL",
                    rule="store migrations",
                    url=make_url(url).render_as_string(hide_password=True),
                ) from None
    finally:
        engine.dispose()


def _emit(
    fmt: str, out_name: str | None, default_name: str, doc: Any, text: dict[str, Callable[[], str]]
) -> None:
    """Write ``doc`` in ``fmt``: PDF to a file, the text formats to ``out_name`` or standard output."""
    out = Path(out_name) if out_name else None
    if fmt == "pdf":
        path = out or Path(f"{default_name}.pdf")
        path.write_bytes(doc.pdf())
        typer.echo(i18n.t("publish.cli.written", path=str(path)), err=True)
        return
    body = text[fmt]()
    if out is None:
        typer.echo(body)
    else:
        out.write_text(body, encoding="utf-8")
        typer.echo(i18n.t("publish.cli.written", path=str(out)), err=True)


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        name="publish",
        help="Gazette issues, electronic protection titles and official letters (HTML, PDF, JSON, CSV).",
        no_args_is_help=True,
    )

    @group.command("gazette")
    def gazette(
        month: str | None = typer.Option(None, "--month", help="A monthly issue, YYYY-MM"),
        start: str | None = typer.Option(None, "--from", help="First day of the period (YYYY-MM-DD)"),
        end: str | None = typer.Option(None, "--to", help="Last day of the period (YYYY-MM-DD)"),
        volume: str | None = typer.Option(
            None, "--volume", help="A (applications) or B (grants); default both"
        ),
        fmt: str = typer.Option("html", "--format", help="html, pdf, json or csv"),
        out: str | None = typer.Option(None, "--out", help="Output file"),
    ) -> None:
        """The gazette of a period, derived from the publication and grant events."""
        from ipoffice.publish.gazette import gazette_issue, month_period

        f = _format(fmt, ("html", "pdf", "json", "csv"))
        if month:
            m = _MONTH.match(month.strip())
            if not m or not 1 <= int(m.group(2)) <= 12:
                raise UserError("publish.bad_month", field="month", rule="YYYY-MM", value=month)
            first, last = month_period(int(m.group(1)), int(m.group(2)))
        elif start and end:
            first, last = _date(start, "from"), _date(end, "to")
        else:
            raise UserError("publish.cli.need_period", field="month", rule="--month | --from/--to")
        with _session() as s:
            issue = gazette_issue(s, first, last, volume)
        _emit(
            f,
            out,
            f"gazette-{issue.issue_id}",
            issue,
            {"html": issue.html, "json": issue.to_json, "csv": issue.to_csv},
        )

    @group.command("issues")
    def issues(as_json: bool = typer.Option(False, "--json", help="Print JSON")) -> None:
        """The monthly gazette issues that have entries, newest first, with the size of each volume."""
        import json

        from ipoffice.publish.gazette import gazette_months

        with _session() as s:
            months = gazette_months(s)
        if as_json:
            rows = [{"issue": m.issue_id, "volume_a": m.volume_a, "volume_b": m.volume_b} for m in months]
            typer.echo(json.dumps(rows, indent=1))
            return
        for m in months:
            typer.echo(f"{m.issue_id}  A {m.volume_a:6d}  B {m.volume_b:6d}")

    @group.command("certificate")
    def certificate_cmd(
        number: str = typer.Argument(..., help="Application or registration number"),
        fmt: str = typer.Option("html", "--format", help="html, pdf or json"),
        out: str | None = typer.Option(None, "--out", help="Output file"),
    ) -> None:
        """The electronic protection title of a granted file, with its verification hash."""
        from ipoffice.publish.certificate import certificate

        f = _format(fmt, ("html", "pdf", "json"))
        with _session() as s:
            cert = certificate(s, number)
        _emit(
            f,
            out,
            f"certificate-{cert.registration_number}",
            cert,
            {"html": cert.html, "json": cert.to_json},
        )

    @group.command("verify")
    def verify(
        number: str = typer.Argument(..., help="Application or registration number"),
        sha256: str = typer.Argument(..., help="The hash printed on the title"),
    ) -> None:
        """Check a title's hash against the register (exit 1 when it does not match)."""
        from ipoffice.publish.certificate import verify_certificate

        with _session() as s:
            ok = verify_certificate(s, number, sha256)
        typer.echo(i18n.t("publish.cli.hash_ok" if ok else "publish.cli.hash_bad", number=number))
        if not ok:
            raise typer.Exit(1)

    @group.command("letter")
    def letter(
        number: str = typer.Argument(..., help="Application number"),
        kind: str = typer.Argument(
            ...,
            help="formality_deficiency, acceptance, office_action, intended_grant, intended_refusal, refusal, grant",
        ),
        fmt: str = typer.Option("html", "--format", help="html, pdf or json"),
        out: str | None = typer.Option(None, "--out", help="Output file"),
        examiner: str | None = typer.Option(None, "--examiner", help="Name of the signing examiner"),
        sequence: int | None = typer.Option(
            None, "--sequence", help="A specific event of the file (default: latest)"
        ),
    ) -> None:
        """The official letter of an action recorded on the file, in Vietnamese with its English version."""
        from ipoffice.publish.letters import render_letter

        f = _format(fmt, ("html", "pdf", "json"))
        details: dict[str, Any] = {}
        if examiner:
            details["examiner"] = examiner
        if sequence is not None:
            details["sequence"] = sequence
        with _session() as s:
            doc = render_letter(s, number, kind, **details)
        _emit(
            f,
            out,
            f"letter-{doc.application_number}-{doc.kind}",
            doc,
            {"html": doc.html, "json": doc.to_json},
        )

    app.add_typer(group)
