"""Prior-art search and IPC suggestion in the examiner's workbench, on one prior-art index per app.

The index is a :class:`ipoffice.assist.prior_art.PriorArtIndex` of the register's inventions and utility solutions
(:func:`ipoffice.assist.prior_art.register_documents`), with the IPC classifier trained beside it, kept in
``<files>/prior-art-index/v-<register mark>``. :class:`SharedPriorArtIndex` keeps it for the app
(:mod:`ipoffice.web.shared_index`): it is built once per register mark, never per request. The first index of a
process is built at start (``IPOFFICE_WARM_INDEXES``, set by ``ipoffice serve``) or on the first search; when the
register's patent files change (new, edited or reclassified) a background thread builds the next one while
searches go on with the one in hand (each recorded search names its index version). Another worker that finds the
folder of the current mark already built opens it instead of building again; an exclusive ``flock`` on
``<files>/prior-art-index/.build.lock`` makes sure one thread or process builds a folder at a time.

A workbench search goes through :func:`ipoffice.assist.recorded.prior_art_for_file` /
:func:`ipoffice.assist.recorded.ipc_for_file` -- the functions ``ipoffice prior-art --file`` and ``ipoffice ipc
suggest --file`` use -- which record the query, the versions and the results as shown on the file's AI trail. The
examiner's decision on a result is a trail action. Neither changes the file row or its events.
"""

from __future__ import annotations

import hashlib
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from ipoffice.core.errors import UserError
from ipoffice.core.rights import RightKind
from ipoffice.store.models import Classification, IPFile, PriorityClaim
from ipoffice.web.shared_index import SharedIndex, file_lock, unavailable

if TYPE_CHECKING:
    from ipoffice.assist.prior_art import PriorArtIndex
    from ipoffice.assist.recorded import RecordedIpc, RecordedPriorArt
    from ipoffice.assist.trail import TrailEntry

PATENT_KINDS = (RightKind.INVENTION, RightKind.UTILITY_SOLUTION)
WORKBENCH_LIMIT = 20
PRIOR_ART_DECISIONS = ("cited", "dismissed", "noted")
IPC_DECISIONS = ("accepted", "rejected")
DECISIONS = {"prior_art": PRIOR_ART_DECISIONS, "ipc_suggest": IPC_DECISIONS}


def patent_watermark(session: Session) -> tuple[Any, ...]:
    """What the index depends on: the patent files (highest id, count, latest change), their classification rows
    and their priority claims (count and highest id of each). Any filing, edit or reclassification moves it."""
    patents = IPFile.right_kind.in_(list(PATENT_KINDS))
    top, n, changed = session.execute(
        select(func.max(IPFile.id), func.count(IPFile.id), func.max(IPFile.updated_at)).where(patents)
    ).one()
    ids = select(IPFile.id).where(patents).scalar_subquery()
    classes = session.execute(
        select(func.count(Classification.id), func.max(Classification.id)).where(
            Classification.file_id.in_(ids)
        )
    ).one()
    claims = session.execute(
        select(func.count(PriorityClaim.id), func.max(PriorityClaim.id)).where(PriorityClaim.file_id.in_(ids))
    ).one()
    return (
        int(top or 0),
        int(n or 0),
        changed.isoformat() if changed else None,
        *(int(v or 0) for v in (*classes, *claims)),
    )


@dataclass
class OfficePriorArt:
    """The register's prior-art index in ``base`` (one folder per register mark) and how it was last made."""

    engine: Engine
    base: Path
    dense: bool = False
    index: PriorArtIndex | None = None
    how: str = ""  # built | opened
    built_at: str | None = None
    build_seconds: float | None = None  # wall time of the last build in this process
    build_cpu_seconds: float | None = None
    _built: Path | None = None  # the folder this process built last

    @property
    def version(self) -> str:
        return self.index.version if self.index is not None else ""

    def folder_for(self, mark: tuple[Any, ...]) -> Path:
        return self.base / f"v-{hashlib.sha256(repr(mark).encode()).hexdigest()[:16]}"

    def prepare(self, mark: tuple[Any, ...]) -> None:
        """Make sure the folder of ``mark`` is built (build it unless a thread or worker did). Needs no search
        lock: it writes only a new folder."""
        folder = self.folder_for(mark)
        with file_lock(self.base / ".build.lock", exclusive=True):
            if not (folder / "manifest.json").is_file():
                self._build(folder)
                self._built = folder  # said under the lock: a refresh waiting for it reads "built"

    def refresh(self, mark: tuple[Any, ...]) -> None:
        """Open the folder of ``mark`` (building it first unless a thread or worker built it already)."""
        from ipoffice.assist.prior_art import PriorArtIndex

        folder = self.folder_for(mark)
        replaced = self.index.path if self.index is not None else None
        loader = _embedder_loader() if self.dense else None
        self.prepare(mark)
        self.how = "built" if self._built == folder else "opened"
        self.index = PriorArtIndex.open(folder, embedder_loader=loader)
        self.built_at = _manifest_time(folder)
        # Earlier registers' folders go, except the one just replaced: another worker may still serve it while its
        # own background thread waits to open this one. A folder being built is never touched.
        with file_lock(self.base / ".build.lock", exclusive=True):
            for old in self.base.glob("v-*"):
                if old not in (folder, replaced) and not old.name.endswith(".building"):
                    shutil.rmtree(old, ignore_errors=True)

    def _build(self, folder: Path) -> None:
        from ipoffice.assist.ipc_model import train_for_index
        from ipoffice.assist.prior_art import PriorArtIndex, register_documents

        wall, cpu = time.perf_counter(), time.process_time()
        tmp = folder.with_name(folder.name + ".building")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        with Session(self.engine) as s:
            docs = list(register_documents(s))
        embedder = _embedder_loader()() if self.dense else None
        ix = PriorArtIndex(embedder, tmp)
        ix.build(docs)
        try:
            train_for_index(ix)
        except UserError as exc:
            if exc.code != "ipc_model.no_documents":  # no classified documents: the kNN vote has none either
                raise
        tmp.rename(folder)
        self.build_seconds = time.perf_counter() - wall
        self.build_cpu_seconds = time.process_time() - cpu


def _embedder_loader() -> Any:
    from ipoffice.search.embedding import load_embedder

    return load_embedder


def _manifest_time(folder: Path) -> str | None:
    import json

    try:
        return str(json.loads((folder / "manifest.json").read_text()).get("built_at"))
    except (OSError, ValueError):
        return None


class SharedPriorArtIndex(SharedIndex[OfficePriorArt]):
    """The app's one prior-art index, rebuilt only when the register's patent files change."""

    def __init__(
        self,
        engine: Engine,
        url: str,
        read_engine: Engine | None = None,
        check_every: float = 0.0,
        dense: bool = False,
    ) -> None:
        super().__init__(engine, url, read_engine, check_every)
        self.dense = dense

    def _create(self) -> OfficePriorArt:
        from ipoffice.store.config import files_dir

        return OfficePriorArt(self.engine, files_dir(self.url) / "prior-art-index", dense=self.dense)

    def _watermark(self, session: Session) -> Any:
        return patent_watermark(session)

    def _loaded(self, index: OfficePriorArt) -> bool:
        return index.index is not None

    def _refresh(self, index: OfficePriorArt, mark: Any) -> None:
        index.refresh(mark)

    def _folder(self, index: OfficePriorArt) -> Path:
        return index.base

    def _ready(self, index: OfficePriorArt, mark: Any) -> bool:
        return (index.folder_for(mark) / "manifest.json").is_file()

    def _prepare(self, index: OfficePriorArt, mark: Any) -> None:
        try:
            index.prepare(mark)
        except OSError as exc:
            raise unavailable(index.base) from exc

    background = True

    @property
    def version(self) -> str:
        return self.index.version


def _patent_number(engine: Engine, number: str) -> str:
    """The file's application number; a clear refusal for a file that is not an invention or utility solution."""
    from ipoffice.office.record import get_file

    with Session(engine) as s:
        f = get_file(s, number)
        if f.right_kind not in PATENT_KINDS:
            raise UserError("web.pa.not_patent", field="number", number=f.application_number)
        return f.application_number


def workbench_prior_art(shared: SharedPriorArtIndex, number: str, actor: str) -> RecordedPriorArt:
    """The examiner's prior-art search for file ``number`` (its title, abstract and claims; documents dated before
    its priority or filing date), recorded on its AI trail."""
    from ipoffice.assist.recorded import prior_art_for_file

    n = _patent_number(shared.engine, number)
    with shared.current() as office:
        assert office.index is not None
        return prior_art_for_file(shared.engine, office.index, n, actor=actor, limit=WORKBENCH_LIMIT)


def workbench_ipc(shared: SharedPriorArtIndex, number: str, actor: str) -> RecordedIpc:
    """IPC suggestions for file ``number`` with their evidence documents, recorded on its AI trail."""
    from ipoffice.assist.recorded import ipc_for_file

    n = _patent_number(shared.engine, number)
    with shared.current() as office:
        assert office.index is not None
        return ipc_for_file(shared.engine, office.index, n, actor=actor)


def record_decision(
    session: Session,
    number: str,
    use_id: int,
    item: str,
    decision: str,
    note: str,
    actor: str,
    assistant: str,
) -> TrailEntry:
    """The examiner's decision on one result of a recorded prior-art search (cited / dismissed / noted) or IPC
    suggestion (accepted / rejected), with a note; a result the use did not show is refused by the trail."""
    from ipoffice.assist import trail

    allowed = DECISIONS[assistant]
    if decision not in allowed:
        raise UserError(
            "web.assist.bad_decision", field="decision", value=decision, allowed=", ".join(allowed)
        )
    if not item.strip():
        raise UserError("web.assist.no_item", field="item")
    use = session.get(trail.TrailRow, use_id)
    if use is not None and use.assistant != assistant:
        raise UserError("trail.use_not_found", field="use_id", use_id=use_id, number=number)
    return trail.record_action(
        session, number, use_id, decision, actor=actor, items=[item.strip()], note=note.strip()[:2000] or None
    )


@dataclass
class Passage:
    field: str
    parts: list[tuple[str, bool]]  # (text, matches the query)


@dataclass
class PanelItem:
    id: str
    rank: int
    data: dict[str, Any]
    passages: list[Passage] = field(default_factory=list)
    decision: dict[str, Any] | None = None


@dataclass
class Panel:
    """The latest use of one assistant on a file as recorded on its trail, with the decisions on its results."""

    assistant: str
    use_id: int
    at: Any
    actor: str
    index_version: str | None
    model: str | None
    model_version: str | None
    query: dict[str, Any]
    items: list[PanelItem]
    uses: int
    decisions: Sequence[str]


def _split(text: str, spans: Sequence[Sequence[int]]) -> list[tuple[str, bool]]:
    """A passage cut at the recorded spans of the matching words (for highlighting; the template escapes)."""
    out: list[tuple[str, bool]] = []
    last = 0
    for start, end in spans:
        if start < last or end > len(text):
            continue  # a span that does not fit the text is not highlighted
        out += [(text[last:start], False), (text[start:end], True)]
        last = end
    out.append((text[last:], False))
    return [p for p in out if p[0]]


def latest_panel(session: Session, number: str, assistant: str) -> Panel | None:
    """What the workbench shows for ``assistant``: its last use on the file (None before the first)."""
    from ipoffice.assist import trail

    entries = trail.trail_for(session, number)
    uses = [e for e in entries if e.kind == "use" and e.assistant == assistant]
    if not uses:
        return None
    last = uses[-1]
    decided: dict[str, dict[str, Any]] = {}
    for e in entries:
        if e.kind == "action" and e.use_id == last.id:
            for item in e.body.get("items") or []:
                decided[str(item)] = {
                    "action": e.body.get("action"),
                    "note": e.body.get("note"),
                    "actor": e.actor,
                    "at": e.at,
                }
    items = []
    for n, r in enumerate(last.body.get("results", []), start=1):
        passages = [
            Passage(str(p.get("field") or ""), _split(str(p.get("text") or ""), p.get("spans") or []))
            for p in r.get("passages") or []
        ]
        rid = str(r.get("id"))
        items.append(PanelItem(rid, int(r.get("rank") or n), dict(r), passages, decided.get(rid)))
    return Panel(
        assistant=assistant,
        use_id=last.id,
        at=last.at,
        actor=last.actor,
        index_version=last.index_version,
        model=last.model,
        model_version=last.model_version,
        query=dict(last.body.get("query") or {}),
        items=items,
        uses=len(uses),
        decisions=DECISIONS[assistant],
    )


def build_info(shared: SharedPriorArtIndex) -> dict[str, Any]:
    """The index's version, documents, when built and (when this process built it) the build's cost."""
    office = shared.index
    ix = office.index
    return {
        "IndexVersion": office.version or None,
        "Documents": len(ix.docs) if ix is not None else None,
        "Model": (ix.model if ix is not None else None) or "BM25",
        "BuiltAt": office.built_at,
        "BuildSeconds": round(office.build_seconds, 2) if office.build_seconds is not None else None,
        "BuildCpuSeconds": round(office.build_cpu_seconds, 2)
        if office.build_cpu_seconds is not None
        else None,
        "CheckedAt": datetime.now(UTC).isoformat(timespec="seconds"),
        "Updating": shared.updating,  # a newer index is being built; searches use this one meanwhile
        "UpdateError": str(shared.update_error) if shared.update_error is not None else None,
    }
