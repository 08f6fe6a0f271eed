"""Build the demo office: file every shipped record with the office's own rules and walk it to its step.

Every file goes through the same checks an examiner's action would (:mod:`ipoffice.office`): the filing checks,
the transition table, the numbering, the audit log. By default the load takes the bulk path
(:func:`load_batch_bulk`): every file of a batch is filed and walked through all its steps in memory by
:class:`ipoffice.office.bulk.BulkWriter` (the services' own checks and values) and the batch is written with one
insert per table and its audit entries. ``services=True`` walks every step through its service (a flush per step),
the reference the bulk path is tested against (same register, row for row).
Files are written in batches of a few hundred, one transaction per batch, so a crash leaves whole batches only; a
re-run resumes after the last committed batch (every demo file carries its record key in ``details["demo"]``)
and refuses a database that holds files of a real office.
"""

from __future__ import annotations

import gc
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, cast

from sqlalchemy import func, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

from ipoffice.core import i18n
from ipoffice.core.classification import is_valid_ipc
from ipoffice.core.errors import UserError
from ipoffice.core.rights import RightKind
from ipoffice.demo.dataset import PatentRecord, TrademarkRecord, iter_patents, iter_trademarks
from ipoffice.demo.placement import (
    PartySpec,
    Placement,
    Step,
    applicants_of,
    inventors_of,
    plan,
    stable_hash,
)
from ipoffice.office import bulk, disputes, examination, grant, maintenance, publication, recordals
from ipoffice.office.bulk_worker import BuildAhead, can_build_ahead
from ipoffice.office.events import EventCode as E
from ipoffice.office.filing import (
    FilingRequest,
    NiceClassInput,
    PartyInput,
    PriorityInput,
    file_application,
)
from ipoffice.store.config import database_url
from ipoffice.store.db import is_sqlite, make_engine, transaction, upgrade
from ipoffice.store.models import IPFile

ACTOR = "demo-loader"
BATCH_SIZE = 1000  # a 10,000-record load: 1,000 per batch wrote 383 MB, 250 wrote 469 MB (fewer commits)
UNKNOWN_COUNTRY = "XX"  # the source names no country [verify: the code ST.3 reserves for unknown states]

i18n.register(
    {
        "demo.not_a_demo_database": {
            "vi": "Cơ sở dữ liệu đã có {count} hồ sơ không thuộc bộ demo; demo chỉ được dựng trên cơ sở dữ liệu "
            "trống hoặc của chính nó (dùng --fresh với một tệp khác, hoặc chọn --database-url khác)",
            "en": "The database already holds {count} files that are not demo files; the demo is built only in an "
            "empty database or its own (use another --database-url, or --fresh on a demo file)",
        },
        "demo.today_mismatch": {
            "vi": "Bộ demo trong cơ sở dữ liệu được dựng cho ngày {stored}, không phải {given}; dùng --fresh để "
            "dựng lại",
            "en": "The demo in this database was built for {stored}, not {given}; use --fresh to rebuild it",
        },
        "demo.fresh_not_sqlite": {
            "vi": "--fresh chỉ xoá được tệp SQLite; với máy chủ cơ sở dữ liệu, hãy tạo một cơ sở dữ liệu trống",
            "en": "--fresh can only delete a SQLite file; for a database server, create an empty database",
        },
        "demo.bad_limit": {
            "vi": "Số bản ghi phải là số dương: {value}",
            "en": "The number of records must be positive: {value}",
        },
    }
)


@dataclass
class LoadReport:
    """What a demo load did."""

    url: str
    today: date
    planned: int
    already_loaded: int
    loaded: int = 0
    events: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def records_per_second(self) -> float:
        return self.loaded / self.seconds if self.seconds else 0.0


# --- the request for one record ----------------------------------------------------------------------------------

_REPRESENTATIVES = tuple(
    PartyInput(
        name=f"Tổ chức dịch vụ đại diện SHCN mẫu {i} (dữ liệu demo)",
        country="VN",
        agent_registration_number=f"DEMO-{i:03d}",
    )
    for i in range(1, 6)
)


def _party(spec: PartySpec) -> PartyInput:
    return PartyInput(
        name=spec.name[:500],
        country=spec.country or UNKNOWN_COUNTRY,
        kind="person" if spec.person else "organisation",
    )


def _representative(key: str) -> PartyInput:
    rep = _REPRESENTATIVES[stable_hash(key, "agent") % len(_REPRESENTATIVES)]
    return PartyInput(rep.name, country=rep.country, agent_registration_number=rep.agent_registration_number)


def _demo_details(p: Placement, today: date) -> dict[str, Any]:
    rec = p.record
    source_date = rec.grant_date if isinstance(rec, PatentRecord) else rec.filing_date
    return {
        "key": rec.key,
        "scenario": p.scenario,
        "today": today.isoformat(),
        "source": rec.source,
        "source_id": rec.id,
        "source_date": source_date.isoformat() if source_date else None,
        "dates_shifted_by_days": p.shift_days,
        "received_on": p.received_on.isoformat(),
        "note": "real public record; dates shifted and procedure generated for the demo (see NOTICE.md)",
    }


def filing_request(p: Placement, today: date) -> FilingRequest:
    """The application a demo record becomes."""
    rec = p.record
    details: dict[str, Any] = {"demo": _demo_details(p, today)}
    priorities = []
    if p.priority is not None:
        priorities.append(PriorityInput(p.priority.country, p.priority.number, p.priority.date, "paris"))
    applicants = [_party(a) for a in applicants_of(rec)]
    if isinstance(rec, PatentRecord):
        if rec.num_claims:
            details["claims"] = rec.num_claims
        if rec.cpc:
            details["cpc"] = list(rec.cpc)
        if rec.abstract:
            details["abstract"] = rec.abstract
        if p.route == "pct":
            details["national_phase_entry"] = p.received_on.isoformat()
        inventors = [
            PartyInput(name=i.name[:500], country=cast(str, None), kind="person") for i in inventors_of(rec)
        ]
        return FilingRequest(
            right=p.right_kind,
            filing_date=p.filing_date,
            applicants=applicants,
            title=rec.title[:2000],
            representative=_representative(rec.key),
            inventors=inventors,
            priorities=priorities,
            ipc=[s for s in rec.ipc if is_valid_ipc(s)][:8],
            route=p.route,
            international_number=p.international_number,
            regime=p.regime,
            details=details,
        )
    assert isinstance(rec, TrademarkRecord)
    if not rec.mark_text:
        details["mark_image"] = f"{rec.source}:{rec.id} (figurative; the image is not shipped)"
    if rec.vienna:
        details["vienna"] = list(rec.vienna)
    if rec.goods_generated:
        details["goods_generated"] = True
    return FilingRequest(
        right=RightKind.TRADEMARK,
        filing_date=p.filing_date,
        applicants=applicants,
        mark_text=rec.mark_text,
        representative=_representative(rec.key),  # the filing checks ask one of every foreign applicant
        priorities=priorities,
        nice=[NiceClassInput(c.nice_class, list(c.goods)) for c in rec.classes],
        route=p.route,
        international_number=p.international_number,
        regime=p.regime,
        details=details,
    )


# --- walking a file through its steps -----------------------------------------------------------------------


def _opposition(p: Placement, s: Step) -> tuple[PartyInput, list[disputes.Ground], list[dict[str, Any]]]:
    """The opponent, grounds and prior rights of a placed opposition."""
    spec = s.detail.get("opponent") or PartySpec("Demo opponent", note="generated")
    if p.right_kind is RightKind.TRADEMARK:
        ground = disputes.Ground("Luật SHTT Art. 74(2)(e)", "confusingly similar to an earlier mark")
    else:
        ground = disputes.Ground("Luật SHTT Art. 60", "lack of novelty")
    prior = [{"file": s.detail.get("earlier_file"), "generated": bool(s.detail.get("generated"))}]
    return _party(spec), [ground], prior


def _apply(session: Session, number: str, p: Placement, s: Step, today: date, cases: dict[str, str]) -> None:
    kw: dict[str, Any] = {"on": s.on, "actor": ACTOR, "today": today}
    ev = s.event
    if ev is E.FORMALITY_ACCEPTED:
        examination.accept_formality(session, number, **kw)
    elif ev is E.FORMALITY_DEFICIENCY_NOTIFIED:
        examination.notify_formality_deficiency(session, number, defects=["demo: power of attorney"], **kw)
    elif ev is E.RESPONSE_RECEIVED:
        examination.receive_response(session, number, **kw)
    elif ev is E.PUBLISHED:
        publication.publish(session, number, gazette=f"Công báo SHCN {s.on:%m/%Y} (demo)", **kw)
    elif ev is E.EXAMINATION_REQUESTED:
        examination.request_examination(session, number, **kw)
    elif ev is E.THIRD_PARTY_OPINION_RECEIVED:
        spec = s.detail.get("third_party")
        summary = f"demo: prior art submitted by {spec.name}" if isinstance(spec, PartySpec) else "demo"
        examination.receive_third_party_opinion(session, number, summary=summary, **kw)
    elif ev is E.OPPOSITION_FILED:
        opponent, grounds, prior = _opposition(p, s)
        case = disputes.open_opposition(
            session, number, opponent, grounds, prior_rights=prior, on=s.on, actor=ACTOR, today=today
        )
        cases[p.key] = case.number
    elif ev is E.OPPOSITION_UPHELD:
        disputes.decide_case(session, cases[p.key], "upheld", reasons="demo", **kw)
    elif ev is E.OFFICE_ACTION_ISSUED:
        examination.issue_office_action(session, number, grounds=["demo: clarity of the claims"], **kw)
    elif ev is E.INTENDED_GRANT_NOTIFIED:
        examination.notify_intended_grant(session, number, **kw)
    elif ev is E.INTENDED_REFUSAL_NOTIFIED:
        examination.notify_intended_refusal(session, number, grounds=["demo"], **kw)
    elif ev is E.REFUSED:
        examination.refuse(session, number, grounds=["demo"], **kw)
    elif ev is E.GRANTED:
        grant.grant(session, number, **kw)
    elif ev is E.ANNUITY_PAID:
        maintenance.pay_annuity(session, number, year=int(s.detail.get("year", 0)), **kw)
    elif ev is E.RENEWED:
        maintenance.renew(session, number, **kw)
    elif ev is E.LAPSED:
        maintenance.lapse(session, number, **kw)
    elif ev is E.EXPIRED:
        maintenance.expire(session, number, **kw)
    elif ev is E.WITHDRAWN:
        maintenance.withdraw(session, number, **kw)
    elif ev is E.DEEMED_WITHDRAWN:
        maintenance.deem_withdrawn(session, number, reason=DEEMED_WITHDRAWN_REASON, **kw)
    elif ev is E.ASSIGNMENT_RECORDED:
        recordals.record_assignment(session, number, _party(s.detail["assignee"]), **kw)
    elif ev is E.LICENCE_RECORDED:
        exclusive = bool(s.detail.get("exclusive"))
        recordals.record_licence(session, number, _party(s.detail["licensee"]), exclusive=exclusive, **kw)
    else:  # pragma: no cover - the plan only places the events above
        raise ValueError(f"the demo does not place {ev}")


def load_file(session: Session, p: Placement, today: date) -> int:
    """File one placement and walk it through its steps in ``session``; the number of events written."""
    result = file_application(session, filing_request(p, today), actor=ACTOR, today=today)
    cases: dict[str, str] = {}
    for s in p.steps[1:]:
        _apply(session, result.application_number, p, s, today, cases)
    return len(p.steps)


DEEMED_WITHDRAWN_REASON = "no request for substantive examination"


def _native_payload(p: Placement, s: Step) -> dict[str, Any] | None:
    """The payload the service of a plain step would write; ``None`` for a step with more to it than its event.

    Plain steps (the service only records the event) are recorded by :meth:`ipoffice.office.bulk.BulkWriter.record`;
    the payloads are those of :mod:`ipoffice.office.examination`, :mod:`ipoffice.office.publication` and
    :mod:`ipoffice.office.maintenance` (the services-versus-bulk test compares the two registers).
    """
    ev = s.event
    if ev in (E.FORMALITY_ACCEPTED, E.RESPONSE_RECEIVED, E.EXAMINATION_REQUESTED):
        return {}
    if ev in (E.LAPSED, E.EXPIRED, E.WITHDRAWN):
        return {}
    if ev is E.DEEMED_WITHDRAWN:
        return {"reason": DEEMED_WITHDRAWN_REASON}
    if ev is E.FORMALITY_DEFICIENCY_NOTIFIED:
        return {"kind": "formality", "defects": ["demo: power of attorney"]}
    if ev is E.PUBLISHED:
        return {"gazette": f"Công báo SHCN {s.on:%m/%Y} (demo)"}
    if ev is E.THIRD_PARTY_OPINION_RECEIVED:
        spec = s.detail.get("third_party")
        return {
            "summary": f"demo: prior art submitted by {spec.name}" if isinstance(spec, PartySpec) else "demo"
        }
    if ev is E.OFFICE_ACTION_ISSUED:
        return {"kind": "substantive", "grounds": ["demo: clarity of the claims"]}
    if ev in (E.INTENDED_REFUSAL_NOTIFIED, E.REFUSED):
        return {"grounds": ["demo"]}
    return None


def _walk_bulk(w: bulk.BulkWriter, p: Placement, today: date) -> None:
    """:func:`load_file` on the bulk writer: every step through the writer's method of the same service."""
    file = w.file_application(filing_request(p, today))
    case: bulk.Row | None = None
    for s in p.steps[1:]:
        ev, on = s.event, s.on
        payload = _native_payload(p, s)
        if payload is not None:
            w.record(file, ev, on=on, payload=payload)
        elif ev is E.INTENDED_GRANT_NOTIFIED:
            w.notify_intended_grant(file, on=on)
        elif ev is E.GRANTED:
            w.grant(file, on=on)
        elif ev is E.ANNUITY_PAID:
            w.pay_annuity(file, on=on, year=int(s.detail.get("year", 0)))
        elif ev is E.RENEWED:
            w.renew(file, on=on)
        elif ev is E.ASSIGNMENT_RECORDED:
            w.record_assignment(file, _party(s.detail["assignee"]), on=on)
        elif ev is E.LICENCE_RECORDED:
            w.record_licence(
                file, _party(s.detail["licensee"]), on=on, exclusive=bool(s.detail.get("exclusive"))
            )
        elif ev is E.OPPOSITION_FILED:
            opponent, grounds, prior = _opposition(p, s)
            case = w.open_opposition(file, opponent, grounds, on=on, prior_rights=prior)
        elif ev is E.OPPOSITION_UPHELD and case is not None:
            w.decide_case(case, "upheld", on=on, reasons="demo")
        else:  # pragma: no cover - the plan only places the events above
            raise ValueError(f"the demo does not place {ev}")


def walk_batch(w: bulk.BulkWriter, batch: Sequence[Placement], today: date) -> None:
    """Every file of ``batch`` built and walked in ``w`` in the batch's order (so numbers are allocated in the
    order :func:`load_file` allocates them)."""
    for p in batch:
        _walk_bulk(w, p, today)


def load_batch_bulk(session: Session, batch: Sequence[Placement], today: date) -> int:
    """:func:`load_file` for a batch through :class:`ipoffice.office.bulk.BulkWriter` (:func:`walk_batch`), written
    with one insert per table and its audit entries. Returns the number of events written."""
    w = bulk.BulkWriter(session, actor=ACTOR, today=today)
    walk_batch(w, batch, today)
    w.write()
    return _events(batch)


def _events(batch: Sequence[Placement]) -> int:
    return sum(len(p.steps) for p in batch)


# --- the whole office ----------------------------------------------------------------------------------------


def _existing(engine: Engine) -> tuple[dict[str, str], int]:
    """Keys of the demo files already in the database (with the day they were built for), and other files."""
    keys: dict[str, str] = {}
    others = 0
    with Session(engine) as session:
        for (details,) in session.execute(select(IPFile.details)):
            demo = (details or {}).get("demo") if isinstance(details, dict) else None
            if isinstance(demo, dict) and demo.get("key"):
                keys[str(demo["key"])] = str(demo.get("today"))
            else:
                others += 1
    return keys, others


def _delete_sqlite(url: str) -> None:
    if not is_sqlite(url):
        raise UserError("demo.fresh_not_sqlite", field="fresh", rule="--fresh")
    database = make_url(url).database
    if database and database != ":memory:":
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(database + suffix).unlink(missing_ok=True)


def _batches(items: Sequence[Placement], size: int) -> Iterable[Sequence[Placement]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def build_demo_office(
    url: str | None = None,
    *,
    limit: int | None = None,
    today: date | None = None,
    progress: bool = True,
    fresh: bool = False,
    batch_size: int = BATCH_SIZE,
    placements: Sequence[Placement] | None = None,
    after_batch: Callable[[int], None] | None = None,
    services: bool = False,
    build_ahead: bool | None = None,
) -> LoadReport:
    """Build (or resume building) the demo office in the database at ``url``.

    ``limit`` takes the first records of the stable mixed order; ``today`` is the day the office stands on (default:
    the day the existing demo was built for, else the real today). ``placements`` replaces the plan of the shipped
    set (the benchmark passes its own). ``after_batch`` is called with the number of files committed so far.
    ``services`` walks every step through its service (:func:`load_file`, a flush per step) instead of the bulk
    path (:func:`load_batch_bulk`); both give the same register. On SQLite with a second CPU the bulk path builds
    the next batch in a worker process while this one writes (:mod:`ipoffice.office.bulk_worker`; the same
    register again); ``build_ahead=False`` keeps it to one process.
    """
    url = url or database_url()
    if limit is not None and limit <= 0:
        raise UserError("demo.bad_limit", field="limit", rule="--limit > 0", value=limit)
    if fresh:
        _delete_sqlite(url)
    upgrade(url)
    engine = make_engine(url)
    try:
        existing, others = _existing(engine)
        if others:
            raise UserError("demo.not_a_demo_database", field="database_url", rule="demo", count=others)
        stored = next(iter(existing.values()), None)
        if stored and today is not None and stored != today.isoformat():
            raise UserError(
                "demo.today_mismatch", field="today", rule="demo", stored=stored, given=today.isoformat()
            )
        today = date.fromisoformat(stored) if stored else (today or date.today())
        if placements is None:
            placements = plan(tuple(iter_patents()), tuple(iter_trademarks()), today, limit)
        todo = [p for p in placements if p.key not in existing]
        report = LoadReport(
            url=url, today=today, planned=len(placements), already_loaded=len(placements) - len(todo)
        )
        started = time.perf_counter()
        batches = [list(b) for b in _batches(todo, batch_size)]
        # What is alive between batches lives on (the plan, the law's and the classifications' tables): frozen,
        # the collector no longer walks it at every collection during the load (nor copies it into the worker).
        gc.freeze()
        try:
            ahead = None
            if not services and build_ahead is not False and can_build_ahead(engine, len(batches)):
                ahead = _build_ahead(engine, batches, today)  # forked before the progress bar's thread
            with _Progress(progress, len(todo)) as advance:
                done = 0

                def loaded(batch: list[Placement], events: int) -> None:
                    nonlocal done
                    report.events += events
                    done += len(batch)
                    advance(len(batch))
                    if after_batch is not None:
                        after_batch(done)

                rest = 0
                if ahead is not None:
                    with ahead:
                        rest = _write_built(engine, ahead, loaded)
                for batch in batches[rest:]:
                    gc.freeze()
                    loaded(batch, _load_batch(engine, batch, today, report, services))
        finally:
            gc.unfreeze()
        report.seconds = time.perf_counter() - started
        report.loaded = len(todo) - len(report.failures)
        return report
    finally:
        engine.dispose()


def _build_ahead(engine: Engine, batches: list[list[Placement]], today: date) -> BuildAhead[Placement]:
    with engine.connect() as conn:
        counters = bulk.Counters.read(conn)
    return BuildAhead(
        batches,
        partial(walk_batch, today=today),
        counters=counters,
        actor=ACTOR,
        today=today,
        history=True,  # the demo's transactions replay history (purpose "demo")
    )


def _write_built(
    engine: Engine, ahead: BuildAhead[Placement], loaded: Callable[[list[Placement], int], None]
) -> int:
    """Write the batches the worker builds, in order; the index of the first batch left to load otherwise (the
    worker stopped, or the register refused a batch: :class:`~ipoffice.office.bulk.StaleBatch`)."""
    for index, built in ahead:
        batch = list(ahead.batches[index])
        try:
            with transaction(engine, ACTOR, purpose="demo") as session:
                bulk.write_built(session, ACTOR, built)
        except bulk.StaleBatch:
            return index
        loaded(batch, _events(batch))
    return ahead.stopped_at if ahead.stopped_at is not None else len(ahead.batches)


def _load_batch(
    engine: Engine, batch: list[Placement], today: date, report: LoadReport, services: bool
) -> int:
    """One transaction for the batch; a file the office refuses is reported and the batch retried without it.

    The bulk path does not say which file a fault belongs to: on a ``UserError`` the batch is loaded again through
    the services, which name it.
    """
    while batch:
        current: Placement | None = None
        try:
            events = 0
            with transaction(engine, ACTOR, purpose="demo") as session:
                if services:
                    for p in batch:
                        current = p
                        events += load_file(session, p, today)
                else:
                    events = load_batch_bulk(session, batch, today)
            return events
        except UserError as err:
            if not services:
                return _load_batch(engine, batch, today, report, True)
            if current is None:
                raise
            report.failures.append((current.key, err.message("en")))
            batch = [p for p in batch if p is not current]
    return 0


class _Progress:
    """A rich progress bar (or nothing), used as ``with _Progress(show, total) as advance: advance(n)``."""

    def __init__(self, show: bool, total: int) -> None:
        self.show = show and total > 0
        self.total = total
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Callable[[int], None]:
        if not self.show:
            return lambda n: None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._bar = Progress(
            TextColumn(i18n.t("demo.progress")),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
        )
        self._bar.__enter__()
        self._task = self._bar.add_task("demo", total=self.total)
        return lambda n: self._bar.advance(self._task, n)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)


i18n.register({"demo.progress": {"vi": "Đang dựng văn phòng demo", "en": "Building the demo office"}})


# --- what the office looks like -------------------------------------------------------------------------------


def register_summary(session: Session) -> list[tuple[str, str, str, int]]:
    """Files by right, regime and status: the rows of the register summary."""
    stmt = (
        select(IPFile.right_kind, IPFile.regime_id, IPFile.status, func.count())
        .group_by(IPFile.right_kind, IPFile.regime_id, IPFile.status)
        .order_by(IPFile.right_kind, IPFile.regime_id, IPFile.status)
    )
    return [(str(RightKind(r)), str(g), str(s), int(n)) for r, g, s, n in session.execute(stmt)]


def status_counts(session: Session) -> Counter[tuple[str, str]]:
    out: Counter[tuple[str, str]] = Counter()
    for right, _regime, status, n in register_summary(session):
        out[(right, status)] += n
    return out
