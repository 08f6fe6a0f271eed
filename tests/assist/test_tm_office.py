"""Trademark conflict search over the office register (:mod:`ipoffice.assist.tm_office`), on every backend.

The marks are well-known Vietnamese brand names filed here as constructed applications (owners, dates and goods
are made up for the test; they are not register extracts).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from ipoffice.assist import trail
from ipoffice.assist.tm_office import OfficeMarkIndex, OfficeMarkSource, search_for_file
from ipoffice.core.errors import UserError
from ipoffice.office.filing import (
    FilingRequest,
    NiceClassInput,
    PartyInput,
    PriorityInput,
    file_application,
)
from ipoffice.store.db import transaction
from ipoffice.store.models import IPFile

TODAY = date(2026, 11, 1)


def _file(engine: Any, mark: str, filed: date, classes: dict[int, list[str]], owner: str, **kw: Any) -> str:
    req = FilingRequest(
        right=kw.pop("right", "trademark"),
        filing_date=filed,
        applicants=[PartyInput(name=owner, country="VN")],
        mark_text=mark,
        nice=[NiceClassInput(c, terms) for c, terms in classes.items()],
        **kw,
    )
    with transaction(engine, actor="clerk") as s:
        return file_application(s, req, actor="clerk", today=TODAY).application_number


@pytest.fixture
def office(engine: Any) -> dict[str, str]:
    trail.ensure_table(engine)
    with engine.begin() as conn:  # the PostgreSQL template is reused across tests: start from an empty trail
        conn.execute(delete(trail.TrailRow))
    return {
        "vinamilk": _file(
            engine, "VINAMILK", date(2025, 1, 10), {29: ["sữa", "milk"]}, "Công ty Cổ phần Sữa Việt Nam"
        ),
        "trung_nguyen": _file(
            engine, "TRUNG NGUYÊN", date(2025, 2, 3), {30: ["cà phê"]}, "Công ty CP Tập đoàn Trung Nguyên"
        ),
        "highlands": _file(
            engine, "HIGHLANDS COFFEE", date(2025, 3, 4), {30: ["coffee"], 43: ["cafés"]}, "Công ty Highlands"
        ),
        "vina_milk": _file(
            engine, "VINA MILK", date(2026, 3, 1), {29: ["sữa tươi"]}, "Công ty TNHH Sữa Vina"
        ),
        "later": _file(engine, "VINAMILK GOLD", date(2026, 6, 1), {29: ["sữa"]}, "Công ty TNHH Vàng"),
    }


def _index(engine: Any, tmp_path: Path) -> OfficeMarkIndex:
    return OfficeMarkIndex(engine, tmp_path / "tm-index")


def test_source_streams_marks_in_batches_with_classes_goods_and_owner(
    engine: Any, office: dict[str, str]
) -> None:
    _file(
        engine, "không phải nhãn", date(2025, 5, 5), {}, "Viện A", right="invention", title="Máy pha cà phê"
    )
    records = {r.number: r for r in OfficeMarkSource(engine, batch=2).marks()}
    assert set(records) == set(office.values())  # the invention is not a mark
    hl = records[office["highlands"]]
    assert hl.classes == (30, 43)
    assert "coffee" in hl.goods and "cafés" in hl.goods
    assert hl.owner == "Công ty Highlands"
    assert hl.filing_date == "2025-03-04" and hl.status == "filed"


def test_search_for_file_finds_the_earlier_mark_and_records_the_use(
    engine: Any, office: dict[str, str], tmp_path: Path
) -> None:
    with Session(engine) as s:
        before = s.execute(
            select(IPFile.version_id, IPFile.updated_at, IPFile.status).where(
                IPFile.application_number == office["vina_milk"]
            )
        ).one()
    found = search_for_file(_index(engine, tmp_path), office["vina_milk"], actor="examiner.le", limit=10)
    numbers = [h.record.number for h in found.hits]
    assert numbers[0] == office["vinamilk"]
    top = found.hits[0]
    assert top.score >= 80 and top.dimensions["goods"] == 1.0
    assert any("VINAMILK" in w for w in top.why("en"))
    assert office["vina_milk"] not in numbers  # itself
    assert office["later"] not in numbers  # filed after it
    assert found.classes == (29,) and found.effective_date == date(2026, 3, 1)

    with Session(engine) as s:
        entries = trail.trail_for(s, office["vina_milk"])
        assert [e.assistant for e in entries] == ["tm_search"]
        use = entries[0]
        assert use.id == found.use_id and use.actor == "examiner.le"
        assert use.index_version == found.index_version and use.index_version
        assert use.model == "ipoffice.assist.tm_search"
        assert use.body["query"]["mark"] == "VINA MILK"
        assert [r["id"] for r in use.body["results"]] == numbers
        assert trail.verify(s, office["vina_milk"]) == (True, None)
        after = s.execute(
            select(IPFile.version_id, IPFile.updated_at, IPFile.status).where(
                IPFile.application_number == office["vina_milk"]
            )
        ).one()
    assert tuple(after) == tuple(before)


def test_an_earlier_priority_date_makes_a_later_filing_earlier(
    engine: Any, office: dict[str, str], tmp_path: Path
) -> None:
    prio = _file(
        engine,
        "VINAMYLK",
        date(2026, 4, 1),
        {29: ["milk"]},
        "Vinamylk Ltd",
        priorities=[PriorityInput(country="SG", number="40202512345Y", date=date(2026, 1, 5))],
    )
    found = search_for_file(_index(engine, tmp_path), office["vina_milk"], actor="examiner.le", limit=10)
    assert prio in [h.record.number for h in found.hits]


def test_index_refreshes_when_a_mark_is_filed_and_rebuilds_when_missing(
    engine: Any, office: dict[str, str], tmp_path: Path
) -> None:
    idx = _index(engine, tmp_path)
    first = idx.refresh()
    assert (first.how, first.count) == ("built", 5)
    assert _index(engine, tmp_path).refresh().how == "opened"
    assert not [h for h in idx.search("PHỞ 24", [43]) if h.record.mark == "PHỞ 24"]

    new = _file(engine, "PHỞ 24", date(2026, 7, 1), {43: ["nhà hàng phở"]}, "Công ty Phở 24")
    again = _index(engine, tmp_path)
    result = again.refresh()
    assert (result.how, result.count) == ("refreshed", 6)
    assert result.version != first.version
    hits = again.search("PHO 24", [43], limit=5)
    assert hits[0].record.number == new and hits[0].record.classes == (43,)

    (tmp_path / "tm-index" / "state.json").unlink()
    assert _index(engine, tmp_path).refresh().how == "built"


def test_a_withdrawn_mark_drops_out_after_the_refresh(
    engine: Any, office: dict[str, str], tmp_path: Path
) -> None:
    idx = _index(engine, tmp_path)
    assert idx.search("VINAMILK", [29])[0].record.number == office["vinamilk"]
    with transaction(engine, actor="examiner.le") as s:
        s.execute(
            update(IPFile).where(IPFile.application_number == office["vinamilk"]).values(status="withdrawn")
        )
    fresh = _index(engine, tmp_path)
    assert fresh.refresh().how == "refreshed"
    assert office["vinamilk"] not in [h.record.number for h in fresh.search("VINAMILK", [29])]
    everything = fresh.search("VINAMILK", [29], live_only=False)
    assert everything[0].record.number == office["vinamilk"] and everything[0].record.status == "withdrawn"


def test_search_for_a_file_that_is_not_a_mark_is_a_user_error(
    engine: Any, office: dict[str, str], tmp_path: Path
) -> None:
    inv = _file(engine, "", date(2025, 5, 5), {}, "Viện A", right="invention", title="Máy pha cà phê")
    with pytest.raises(UserError) as err:
        search_for_file(_index(engine, tmp_path), inv, actor="x")
    assert err.value.code == "tm.office.not_trademark"


def test_cli_searches_the_office_database_and_records_file_searches(
    engine: Any, office: dict[str, str], tmp_path: Path
) -> None:
    import typer

    from ipoffice.assist.cli import register

    app = typer.Typer()
    register(app)
    url = engine.url.render_as_string(hide_password=False)
    env = {"IPOFFICE_LANG": "en", "IPOFFICE_FILES_DIR": str(tmp_path / "files"), "IPOFFICE_TM_REGISTER": ""}
    runner = CliRunner()
    out = runner.invoke(app, ["tm", "index", "--database-url", url], env=env)
    assert out.exit_code == 0, out.output
    assert "5 marks" in out.output and (tmp_path / "files" / "tm-index" / "state.json").is_file()

    out = runner.invoke(
        app, ["tm", "search", "Vina Milk", "--classes", "29", "--json", "--database-url", url], env=env
    )
    assert out.exit_code == 0, out.output
    hits = json.loads(out.output)
    assert hits[0]["number"] in (office["vinamilk"], office["vina_milk"])
    assert {"number", "mark", "classes", "score", "dimensions", "why"} <= set(hits[0])

    out = runner.invoke(
        app, ["tm", "search", "--file", office["vina_milk"], "--database-url", url, "--actor", "le"], env=env
    )
    assert out.exit_code == 0, out.output
    assert f"on file {office['vina_milk']}" in out.output and "VINAMILK" in out.output
    with Session(engine) as s:
        assert len(trail.trail_for(s, office["vina_milk"])) == 1

    out = runner.invoke(app, ["tm", "search", "--database-url", url], env=env)
    assert out.exit_code != 0


def test_cli_refuses_a_missing_database_without_creating_it(tmp_path: Path) -> None:
    import typer

    from ipoffice.assist.cli import register

    app = typer.Typer()
    register(app)
    missing = tmp_path / "none.db"
    out = CliRunner().invoke(
        app,
        ["tm", "search", "VINAMILK", "--database-url", f"sqlite:///{missing}"],
        env={"IPOFFICE_TM_REGISTER": ""},
    )
    assert out.exit_code != 0
    assert isinstance(out.exception, UserError) and out.exception.code == "tm.office.db_not_ready"
    assert not missing.exists()


def test_a_class_only_edit_is_seen_by_the_refresh(
    engine: Any, office: dict[str, str], tmp_path: Path
) -> None:
    from ipoffice.store.kinds import ClassificationScheme
    from ipoffice.store.models import Classification

    idx = _index(engine, tmp_path)
    assert idx.refresh().how == "built"
    before = idx.search("TRUNG NGUYEN", [31])[0]
    assert before.record.number == office["trung_nguyen"] and before.record.classes == (30,)
    with Session(engine) as s:
        file_id = s.scalar(select(IPFile.id).where(IPFile.application_number == office["trung_nguyen"]))
        updated_at = s.scalar(select(IPFile.updated_at).where(IPFile.id == file_id))
    with transaction(
        engine, actor="examiner.le"
    ) as s:  # the class row edited in place; the file row untouched
        s.execute(
            update(Classification)
            .where(Classification.file_id == file_id, Classification.scheme == ClassificationScheme.NICE)
            .values(symbol="31")
        )
    with Session(engine) as s:
        assert s.scalar(select(IPFile.updated_at).where(IPFile.id == file_id)) == updated_at
    fresh = _index(engine, tmp_path)
    assert fresh.refresh().how == "refreshed"
    after = fresh.search("TRUNG NGUYEN", [31])[0]
    assert after.record.number == office["trung_nguyen"] and after.record.classes == (31,)
    assert after.dimensions["goods"] == 1.0 > before.dimensions["goods"]
    assert _index(engine, tmp_path).refresh().how == "opened"


def test_a_refresh_after_one_filing_indexes_only_that_mark_and_equals_a_rebuild(
    engine: Any, office: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ipoffice.assist import tm_search

    idx = _index(engine, tmp_path)
    assert idx.refresh().how == "built"
    postings = tmp_path / "tm-index" / "index" / "postings.npy"
    built_at = postings.stat().st_mtime_ns
    new = _file(engine, "VINAMILK PLUS", date(2026, 8, 1), {29: ["sữa"]}, "Công ty TNHH Sữa Mới")
    encoded: list[str] = []
    real = tm_search._encode
    monkeypatch.setattr(tm_search, "_encode", lambda rec: encoded.append(rec.number) or real(rec))
    result = _index(engine, tmp_path).refresh()
    assert (result.how, result.count, encoded) == ("refreshed", 6, [new])
    assert postings.stat().st_mtime_ns == built_at  # the main index was not rewritten
    rebuilt = OfficeMarkIndex(engine, tmp_path / "rebuilt")
    assert rebuilt.refresh().how == "built"
    in_place = _index(engine, tmp_path)
    assert in_place.refresh().how == "opened"
    for sign, classes in [("VINAMILK", [29]), ("TRUNG NGUYEN", [30]), ("HIGHLANDS", [43])]:
        got = [(h.record.number, h.score) for h in in_place.search(sign, classes)]
        assert got == [(h.record.number, h.score) for h in rebuilt.search(sign, classes)] and got
