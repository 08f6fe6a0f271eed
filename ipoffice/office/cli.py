"""``ipoffice show NUMBER`` (a file, its events and its statutory clock) and ``ipoffice backlog``.

Both read the database named by ``IPOFFICE_DATABASE_URL`` (default ``sqlite:///./ipoffice.db``).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from ipoffice.core import i18n
from ipoffice.core.errors import UserError
from ipoffice.core.rights import RightKind, right_label
from ipoffice.office.clock import AGE_BUCKETS, Backlog, FileClock, backlog, file_clock
from ipoffice.office.disputes import case_deadlines
from ipoffice.office.events import event_label
from ipoffice.office.record import get_file
from ipoffice.office.workflow import status_label
from ipoffice.store.models import IPFile

i18n.register(
    {
        "office.cli.db_not_ready": {
            "vi": "Cơ sở dữ liệu {url} chưa được khởi tạo hoặc không truy cập được",
            "en": "The database {url} is not initialised or cannot be reached",
        },
        "office.cli.bad_today": {
            "vi": "Ngày không hợp lệ cho --today: '{value}' (YYYY-MM-DD)",
            "en": "Invalid date for --today: '{value}' (YYYY-MM-DD)",
        },
        "office.cli.no_pending": {"vi": "Không có hồ sơ nào đang chờ xử lý", "en": "No file is pending"},
        "office.cli.overdue": {"vi": "quá hạn {days} ngày", "en": "{days} days overdue"},
        "office.cli.left": {"vi": "còn {days} ngày", "en": "{days} days left"},
    }
)

_H = {
    "events": ("Các bước", "Events"),
    "clock": ("Thời hạn luật định", "Statutory clock"),
    "parties": ("Chủ thể", "Parties"),
    "classes": ("Phân loại", "Classification"),
    "step": ("Bước", "Step"),
    "due": ("Hạn", "Due"),
    "party": ("Bên phải làm", "Who acts"),
    "elapsed": ("Đã qua (ngày)", "Elapsed (days)"),
    "left": ("Còn lại", "Left"),
    "basis": ("Căn cứ", "Basis"),
    "date": ("Ngày", "Date"),
    "actor": ("Người thực hiện", "Actor"),
    "code": ("Mã WIPO", "WIPO code"),
    "right": ("Loại quyền", "Right"),
    "count": ("Số hồ sơ", "Files"),
    "median": ("Trung vị (ngày)", "Median age (days)"),
    "p90": ("P90 (ngày)", "P90 age (days)"),
    "limit": ("Hạn luật (ngày)", "Legal limit (days)"),
    "overdue": ("Quá hạn", "Overdue"),
    "ratio": ("Trung vị / hạn", "Median / limit"),
    "backlog": ("Tồn đọng theo bước và tuổi hồ sơ", "Backlog by step and age"),
}


def _h(key: str, lang: str) -> str:
    vi, en = _H[key]
    return en if lang == "en" else vi


def _today(value: str | None) -> date:
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(
            "office.cli.bad_today", field="today", rule="ISO 8601 calendar date", value=value
        ) from None


def _session() -> Any:
    from ipoffice.store.config import database_url
    from ipoffice.store.db import make_engine, session_factory

    url = database_url()
    engine = make_engine(url)
    session = session_factory(engine)()
    session.info["actor"] = "cli"
    return engine, session, url


def _guard_db(exc: Exception, url: str) -> UserError:
    from sqlalchemy.engine import make_url

    return UserError(
        "office.cli.db_not_ready",
        field="IPOFFICE_DATABASE_URL",
        rule="store migrations",
        url=make_url(url).render_as_string(hide_password=True),
    )


def file_view(file: IPFile, clock: FileClock, lang: str) -> dict[str, Any]:
    """Everything ``show`` prints, as plain data (the ``--json`` output)."""
    right = RightKind(file.right_kind)
    return {
        "application_number": file.application_number,
        "registration_number": file.registration_number,
        "right": right.value,
        "right_label": right_label(right, lang),
        "title": file.title,
        "mark_text": file.mark_text,
        "filing_date": file.filing_date.isoformat(),
        "publication_date": file.publication_date.isoformat() if file.publication_date else None,
        "registration_date": file.registration_date.isoformat() if file.registration_date else None,
        "expiry_date": file.expiry_date.isoformat() if file.expiry_date else None,
        "status": file.status,
        "status_label": status_label(file.status, lang),
        "regime": file.regime_id,
        "legal_status": {"standard": file.legal_status_standard, "code": file.legal_status_code},
        "version": file.version_id,
        "parties": [
            {
                "role": str(fp.role),
                "name": fp.party.name,
                "country": fp.party.country,
                "agent_registration_number": fp.party.agent_registration_number,
            }
            for fp in file.parties
        ],
        "priorities": [
            {"country": p.country, "number": p.number, "date": p.priority_date.isoformat()}
            for p in file.priority_claims
        ],
        "classifications": [
            {"scheme": str(c.scheme), "symbol": c.symbol, "terms": list(c.terms or [])}
            for c in file.classifications
        ],
        "events": [
            {
                "sequence": e.sequence,
                "date": e.event_date.isoformat(),
                "code": e.code,
                "label": event_label(e.code, right, lang),
                "actor": e.actor,
                "legal_basis": e.legal_basis,
                "legal_status": f"{e.legal_status_standard}:{e.legal_status_code}",
                "verify": bool((e.payload or {}).get("legal_status_verify")),
            }
            for e in file.events
        ],
        "clock": clock.to_dict(),
        "cases": [
            {
                "number": c.number,
                "kind": str(c.kind),
                "status": c.status,
                "filed_date": c.filed_date.isoformat(),
                "grounds": list(c.grounds or []),
                "decision": c.decision,
                "deadlines": [
                    {
                        "step": d.step,
                        "due": d.due.isoformat() if d.due else None,
                        "original_due": d.original_due.isoformat(),
                        "days_left": d.days_left,
                        "suspended": d.suspended,
                        "basis": d.basis,
                    }
                    for d in case_deadlines(c, clock.today)
                ],
            }
            for c in file.cases
        ],
    }


def _print_file(view: dict[str, Any], lang: str) -> None:
    con = Console()
    con = Console(width=max(con.width, 130))
    name = view["mark_text"] or view["title"] or ""
    con.print(f"[bold]{view['application_number']}[/bold]  {view['right_label']}  [italic]{name}[/italic]")
    reg = f"  No. {view['registration_number']}" if view["registration_number"] else ""
    con.print(
        f"{view['status_label']} ({view['status']}){reg}  regime {view['regime']}  "
        f"filed {view['filing_date']}  expiry {view['expiry_date'] or '-'}"
    )
    parties = Table(title=_h("parties", lang), show_lines=False)
    for col in ("role", "name", "country"):
        parties.add_column(col)
    for p in view["parties"]:
        parties.add_row(p["role"], p["name"], p["country"] or "")
    con.print(parties)
    if view["classifications"]:
        cls = Table(title=_h("classes", lang))
        cls.add_column("scheme")
        cls.add_column("symbol")
        cls.add_column("terms")
        for c in view["classifications"]:
            cls.add_row(c["scheme"], c["symbol"], "; ".join(c["terms"]))
        con.print(cls)
    ev = Table(title=_h("events", lang))
    for key in ("#", "date", "step", "actor", "code", "basis"):
        ev.add_column(key if key == "#" else _h(key, lang))
    for e in view["events"]:
        code = e["legal_status"] + (" [verify]" if e["verify"] else "")
        ev.add_row(str(e["sequence"]), e["date"], e["label"], e["actor"], code, e["legal_basis"] or "")
    con.print(ev)
    clock = view["clock"]
    ck = Table(title=f"{_h('clock', lang)} ({clock['today']})")
    for key in ("step", "party", "due", "elapsed", "left", "basis"):
        ck.add_column(_h(key, lang))
    for c in clock["entries"]:
        left = (
            i18n.t("office.cli.overdue", lang, days=-c["days_left"])
            if c["overdue"]
            else i18n.t("office.cli.left", lang, days=c["days_left"])
        )
        style = "red" if c["overdue"] else None
        ck.add_row(
            c["label"],
            c["party"],
            c["due"],
            str(c["elapsed_days"]),
            left,
            c["basis"] + (" [verify]" if c["verify"] else ""),
            style=style,
        )
    con.print(ck)
    for c in view["cases"]:
        due = "; ".join(f"{d['step']} {d['due'] or 'suspended'} ({d['days_left']})" for d in c["deadlines"])
        con.print(f"{c['kind']} {c['number']} [{c['status']}] {c['decision'] or ''} {due}")


def _print_backlog(b: Backlog, lang: str) -> None:
    con = Console()
    con = Console(width=max(con.width, 150))
    if not b.rows:
        con.print(i18n.t("office.cli.no_pending", lang))
        return
    t = Table(title=f"{_h('backlog', lang)} ({b.today.isoformat()})")
    for key in ("right", "step", "count", "median", "p90", "limit", "overdue", "ratio"):
        t.add_column(
            _h(key, lang),
            justify="right" if key not in ("right", "step") else "left",
            no_wrap=key in ("right", "step"),
        )
    for name, _ in AGE_BUCKETS:
        t.add_column(name, justify="right")
    for r in b.rows:
        t.add_row(
            r.right,
            r.step,
            str(r.count),
            f"{r.median_age_days:.0f}",
            f"{r.p90_age_days:.0f}",
            f"{r.median_limit_days:.0f}" if r.median_limit_days is not None else "-",
            f"{r.overdue} ({r.share_overdue:.0%})",
            f"{r.pendency_ratio:.2f}" if r.pendency_ratio is not None else "-",
            *[str(r.buckets[name]) for name, _ in AGE_BUCKETS],
            style="red" if (r.pendency_ratio or 0) > 1 else None,
        )
    con.print(t)


_RIGHT_OPTION = typer.Option(None, "--right", help="Only these rights (repeatable)")


def register(app: typer.Typer) -> None:
    _register_sweep(app)

    @app.command("show")
    def show(
        number: str = typer.Argument(..., help="Application or registration number, e.g. 4-2026-00001"),
        as_json: bool = typer.Option(False, "--json", help="Print JSON instead of tables"),
        today: str | None = typer.Option(
            None, "--today", help="Date of the clock (YYYY-MM-DD), default today"
        ),
        lang: str | None = typer.Option(None, "--lang", help="vi (default) or en"),
    ) -> None:
        """A file: parties, classes, events with their WIPO legal-status codes, and its statutory clock."""
        from sqlalchemy.exc import SQLAlchemyError

        lg = i18n.current_language(lang)
        day = _today(today)
        engine, session, url = _session()
        try:
            try:
                file = get_file(session, number)
            except SQLAlchemyError as exc:
                raise _guard_db(exc, url) from None
            view = file_view(file, file_clock(file, day, lg), lg)
        finally:
            session.close()
            engine.dispose()
        if as_json:
            typer.echo(json.dumps(view, ensure_ascii=False, indent=2))
        else:
            _print_file(view, lg)

    @app.command("backlog")
    def backlog_cmd(
        as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table"),
        today: str | None = typer.Option(
            None, "--today", help="Date of the count (YYYY-MM-DD), default today"
        ),
        right: list[str] | None = _RIGHT_OPTION,
        lang: str | None = typer.Option(None, "--lang", help="vi (default) or en"),
    ) -> None:
        """The office's pending files by right, step and age, against the statutory limits."""
        from sqlalchemy.exc import SQLAlchemyError

        lg = i18n.current_language(lang)
        day = _today(today)
        rights = []
        for r in right or []:
            try:
                rights.append(RightKind(r))
            except ValueError:
                raise UserError(
                    "office.filing.unknown_right", field="right", rule="Luật SHTT Art. 3(2)", value=r
                ) from None
        engine, session, url = _session()
        try:
            try:
                result = backlog(session, day, rights or None)
            except SQLAlchemyError as exc:
                raise _guard_db(exc, url) from None
        finally:
            session.close()
            engine.dispose()
        if as_json:
            typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        else:
            _print_backlog(result, lg)


def _register_sweep(app: typer.Typer) -> None:
    @app.command("sweep")
    def sweep_cmd(
        today: str | None = typer.Option(
            None, "--today", help="Date of the sweep (YYYY-MM-DD), default today"
        ),
        do_apply: bool = typer.Option(False, "--apply", help="Record the events (default: only list them)"),
        as_json: bool = typer.Option(False, "--json", help="Print JSON"),
    ) -> None:
        """Steps due by operation of law (deemed withdrawal, lapse, expiry); --apply records them."""
        from sqlalchemy.exc import SQLAlchemyError

        from ipoffice.office.sweep import sweep

        day = _today(today)
        engine, session, url = _session()
        session.info["actor"] = "system.sweep"
        try:
            try:
                with session.begin():
                    actions = [a.to_dict() for a in sweep(session, day, apply=do_apply)]
            except SQLAlchemyError as exc:
                raise _guard_db(exc, url) from None
        finally:
            session.close()
            engine.dispose()
        if as_json:
            typer.echo(json.dumps(actions, ensure_ascii=False, indent=2))
            return
        for a in actions:
            mark = "applied" if a["applied"] else ("error: " + a["error"] if a["error"] else "due")
            typer.echo(f"{a['number']}\t{a['event']}\t{a['deadline']}\t{mark}\t{a['reason']}")
