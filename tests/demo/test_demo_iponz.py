"""Real oppositions through the demo loader: IPONZ opposed marks (not shipped: no licence) filed and opposed by
their real opponents, read from ../shared/data only."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import select

from ipoffice.demo.dataset import GoodsClass, TrademarkRecord
from ipoffice.demo.loader import load_file
from ipoffice.demo.placement import PartySpec, Step, place
from ipoffice.office import workflow
from ipoffice.office.events import EventCode as E
from ipoffice.store.audit import verify_audit
from ipoffice.store.db import make_engine, session_factory, transaction, upgrade
from ipoffice.store.kinds import CasePartyRole
from ipoffice.store.models import Case

TODAY = date(2026, 11, 21)


def _country(address: str) -> str | None:
    found = re.findall(r"\(([A-Z]{2})\)", address or "")
    return found[-1] if found else None


def _records(shared_data: Path) -> list[tuple[TrademarkRecord, str]]:
    path = shared_data / "trademarks" / "iponz-oppositions" / "iponz_opposed_trademarks.jsonl"
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if not row["mark_text"] or not row["opponent"]:
            continue
        rec = TrademarkRecord(
            source="iponz",
            id=str(row["application_no"]),
            mark_text=row["mark_text"],
            mark_feature=row["mark_type"].lower(),
            filing_date=TODAY,  # the source has no filing date; the plan dates the file anyway
            classes=tuple(GoodsClass(c["nice_class"], (c["goods_services"],)) for c in row["classes"]),
            goods_generated=False,
            applicant=row["applicant_name"],
            applicant_country=_country(row["applicant_address"]),
        )
        out.append((rec, row["opponent"]))
    return out


def test_real_opponents_oppose_real_marks(shared_data: Path, tmp_path: Path) -> None:
    records = _records(shared_data)[:25]
    assert len(records) == 25
    placements = []
    for i, (rec, opponent) in enumerate(records):
        p = place(rec, "opposed" if i % 2 else "opposition_upheld", TODAY)
        steps = tuple(
            Step(s.event, s.on, {"opponent": PartySpec(opponent), "earlier_file": None})
            if s.event in (E.OPPOSITION_FILED, E.OPPOSITION_UPHELD)
            else s
            for s in p.steps
        )
        placements.append(replace(p, steps=steps))
    url = f"sqlite:///{tmp_path / 'iponz.db'}"
    upgrade(url)
    engine = make_engine(url)
    with transaction(engine, "demo-loader") as session:
        for p in placements:
            load_file(session, p, TODAY)
    with session_factory(engine)() as session:
        cases = session.scalars(select(Case)).all()
        assert len(cases) == 25
        opponents = {cp.party.name for c in cases for cp in c.parties if cp.role == CasePartyRole.REQUESTER}
        assert opponents == {o for _, o in records}
        for c in cases:
            p = next(p for p in placements if p.key == c.file.details["demo"]["key"])
            assert c.file.status == workflow.fold(p.events, p.right_kind, p.regime).status.value
        assert sum(c.file.status == "refused" for c in cases) >= 12  # the upheld oppositions
        assert verify_audit(session).ok
    engine.dispose()
