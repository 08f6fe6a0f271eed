"""The office's own register as a source of the patent map: one family record per invention / utility solution file.

Read in batches (keyset on ``files.id``) with one query per table per batch - files, classifications, applicants,
priority claims - never one query per file. Family keys use the priority numbers the same way the export readers
do (``prio:`` the set of claimed priorities, ``psprio:`` each one), so a register file claiming the priority of a
family found in a Lens or PATENTSCOPE export merges with it in :func:`ipoffice.patentmap.corpus.build_corpus`.

Dates: the earliest claimed priority (date and office of first filing); a file without a priority claim is its
own first filing (filing date, VN). Every file counts, whatever its status (a landscape counts filings); the
office is VN. Applicant type: a natural person is ``individual``; an organisation is typed from its name by the
shared rules. Applicant country = the first applicant's country (Party.country), which decides residency.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from ipoffice.core import i18n
from ipoffice.core.errors import UserError
from ipoffice.core.rights import RightKind
from ipoffice.patentmap.applicants import applicant_type
from ipoffice.patentmap.corpus import (
    Corpus,
    CorpusSource,
    DemoSource,
    FileReport,
    FileSource,
    Record,
    Rejected,
    _finish,
    _symbols,
    build_corpus,
)

i18n.register(
    {
        "patentmap.register.fallback": {
            "vi": "Cơ sở dữ liệu của cơ quan ({url}) không tồn tại hoặc không có đơn sáng chế/giải pháp hữu ích: "
            "dùng bộ dữ liệu mẫu đi kèm.",
            "en": "The office database ({url}) does not exist or holds no invention or utility-solution files: "
            "mapping the shipped demo set instead.",
        },
        "patentmap.register.using": {
            "vi": "Lập bản đồ từ sổ đăng ký của cơ quan ({url}): {n} đơn sáng chế/giải pháp hữu ích.",
            "en": "Mapping the office register ({url}): {n} invention / utility-solution files.",
        },
    }
)

PATENT_KINDS = ("invention", "utility_solution")
BATCH = 1000
OFFICE = "VN"


def _num(number: str) -> str:
    """A priority or application number as a family key part: no spaces, upper case."""
    return "".join(number.split()).upper()


@dataclass
class RegisterSource:
    """Invention and utility-solution files of the office register (``ipoffice.store``)."""

    engine: Engine
    name: str = "register"
    batch: int = BATCH

    def records(self, rejected: list[Rejected], files: list[FileReport]) -> Iterator[Record]:
        from ipoffice.store.kinds import ClassificationScheme, FilePartyRole
        from ipoffice.store.models import Classification, FileParty, IPFile, Party, PriorityClaim

        kinds = [RightKind(k) for k in PATENT_KINDS]
        schemes = [ClassificationScheme.IPC, ClassificationScheme.CPC]
        roles = [FilePartyRole.APPLICANT, FilePartyRole.OWNER]
        rows_read = made = 0
        last = 0
        with self.engine.connect() as conn:
            while True:
                batch = conn.execute(
                    select(IPFile.id, IPFile.application_number, IPFile.right_kind, IPFile.title,
                           IPFile.filing_date, IPFile.details)
                    .where(IPFile.right_kind.in_(kinds), IPFile.id > last)
                    .order_by(IPFile.id)
                    .limit(self.batch)
                ).all()
                if not batch:
                    break
                last = batch[-1].id
                ids = [r.id for r in batch]
                classes: dict[int, list[tuple[str, str]]] = {}
                for c in conn.execute(
                    select(Classification.file_id, Classification.scheme, Classification.symbol)
                    .where(Classification.file_id.in_(ids), Classification.scheme.in_(schemes))
                    .order_by(Classification.file_id, Classification.position, Classification.id)
                ):
                    classes.setdefault(c.file_id, []).append((getattr(c.scheme, "value", str(c.scheme)), c.symbol))
                parties: dict[int, list[tuple[str, str, str]]] = {}
                for p in conn.execute(
                    select(FileParty.file_id, Party.name, Party.country, Party.kind)
                    .join(Party, Party.id == FileParty.party_id)
                    .where(FileParty.file_id.in_(ids), FileParty.role.in_(roles))
                    .order_by(FileParty.file_id, FileParty.role, FileParty.position, FileParty.id)
                ):
                    parties.setdefault(p.file_id, []).append((p.name, p.country or "", getattr(p.kind, "value", str(p.kind))))
                prios: dict[int, list[tuple[str, str, dt.date]]] = {}
                for q in conn.execute(
                    select(PriorityClaim.file_id, PriorityClaim.country, PriorityClaim.number,
                           PriorityClaim.priority_date)
                    .where(PriorityClaim.file_id.in_(ids))
                    .order_by(PriorityClaim.file_id, PriorityClaim.position, PriorityClaim.id)
                ):
                    prios.setdefault(q.file_id, []).append((q.country.upper(), q.number, q.priority_date))
                for r in batch:
                    rows_read += 1
                    rec = _record(r, classes.get(r.id, []), parties.get(r.id, []), prios.get(r.id, []),
                                  rejected, rows_read)
                    if rec is not None:
                        made += 1
                        yield rec
        files.append(FileReport("office register", "register", "database", "-", rows_read, made))


def _record(f: Any, classes: list[tuple[str, str]], parties: list[tuple[str, str, str]],
            prios: list[tuple[str, str, dt.date]], rejected: list[Rejected], row: int) -> Record | None:
    number = f"{OFFICE}{_num(f.application_number)}"
    keys = [f"pub:{number}"]
    if prios:
        keys.append("prio:" + "|".join(sorted({c + _num(n) for c, n, _ in prios})))
        keys.extend(f"psprio:{c}{_num(n)}" for c, n, _ in prios)
    details = f.details or {}
    rec = Record(keys, "register", publications=[number], title=(f.title or "").strip(),
                 abstract=str(details.get("abstract") or "").strip())
    if prios:
        rec.priority_date, rec.priority_country = min((d, c) for c, _, d in prios)
        rec.date_basis = "priority"
    else:
        rec.priority_date, rec.priority_country, rec.date_basis = f.filing_date, OFFICE, "application"
    rec.offices = [OFFICE]
    for name, _country, kind in parties:
        if name not in rec.applicants:
            rec.applicants.append(name)
            rec.applicant_types.append("individual" if kind == "person" else applicant_type(name))
    rec.applicant_country = next((c.upper() for _, c, _ in parties if c), "")
    file = f"register {f.application_number}"
    for scheme in ("ipc", "cpc"):
        _symbols(rec, scheme, ";".join(s for k, s in classes if k == scheme), file, row, rejected, ";")
    extra_cpc = details.get("cpc")  # the demo loader keeps the CPC of a US record here
    if isinstance(extra_cpc, list):
        _symbols(rec, "cpc", ";".join(map(str, extra_cpc)), file, row, rejected, ";")
    return _finish(rec, file, row, rejected)


def register_has_patents(engine: Engine) -> int:
    """How many invention / utility-solution files the database holds (0 if it has no register tables)."""
    from sqlalchemy import func

    from ipoffice.store.models import IPFile

    try:
        if not inspect(engine).has_table(IPFile.__tablename__):
            return 0
        with engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(IPFile)
                                    .where(IPFile.right_kind.in_([RightKind(k) for k in PATENT_KINDS]))).scalar_one())
    except SQLAlchemyError:
        return 0


def office_engine(url: str | None = None) -> Engine | None:
    """An engine on the office database if it exists (a SQLite file is never created just to look at it)."""
    from sqlalchemy.engine import make_url

    from ipoffice.store.config import database_url
    from ipoffice.store.db import make_engine

    u = make_url(url or database_url())
    if u.get_backend_name() == "sqlite":
        if not u.database or u.database == ":memory:":
            return None
        if not Path(u.database).is_file():
            return None
    try:
        return make_engine(u)
    except (SQLAlchemyError, ImportError):
        return None


def redacted(url: str | None) -> str:
    from sqlalchemy.engine import make_url

    from ipoffice.store.config import database_url

    return make_url(url or database_url()).render_as_string(hide_password=True)


def resolve_corpus(paths: list[Path] | None, *, register: bool = False, database_url: str | None = None,
                   say: Callable[[str], None] = lambda _m: None) -> Corpus:
    """The corpus the CLI maps: the export files given, plus the register when asked (``--register`` or a
    ``--corpus register`` entry); with neither, the office register when it holds patent files, else the demo set."""
    plist = [p for p in (paths or []) if str(p) != "register"]
    register = register or any(str(p) == "register" for p in (paths or []))
    sources: list[CorpusSource] = [FileSource(plist)] if plist else []
    label = ", ".join(map(str, plist))
    if register or not plist:
        engine = office_engine(database_url)
        n = register_has_patents(engine) if engine is not None else 0
        if engine is not None and n:
            say(i18n.t("patentmap.register.using", url=redacted(database_url), n=n))
            sources.append(RegisterSource(engine))
            label = ", ".join([*map(str, plist), "register"])
        elif register:
            raise UserError("patentmap.corpus.empty", field="corpus", paths=f"register ({redacted(database_url)})",
                            rejected=0)
        else:
            say(i18n.t("patentmap.register.fallback", url=redacted(database_url)))
            sources.append(DemoSource())
            label = "demo"
    try:
        corpus = build_corpus(sources)
    finally:
        for s in sources:
            if isinstance(s, RegisterSource):
                s.engine.dispose()
    if len(corpus) == 0:
        raise UserError("patentmap.corpus.empty", field="corpus", paths=label, rejected=len(corpus.rejected))
    return corpus
