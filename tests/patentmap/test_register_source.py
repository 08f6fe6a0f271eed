"""The office register as a patent-map source, on both database backends."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import event

from ipoffice.core.errors import UserError
from ipoffice.office.filing import FilingRequest, PartyInput, PriorityInput, file_application
from ipoffice.patentmap.applicants import harmonise
from ipoffice.patentmap.classify import group_map
from ipoffice.patentmap.corpus import FileSource, build_corpus
from ipoffice.patentmap.indicators import vietnam
from ipoffice.patentmap.register_source import RegisterSource, office_engine, resolve_corpus
from ipoffice.patentmap.taxonomy import load_taxonomy
from ipoffice.store.db import transaction

FILED = dt.date(2025, 12, 15)
AGENT = PartyInput(name="Pham & Associates", agent_registration_number="0156")


def _invention(**kw: object) -> FilingRequest:
    base: dict[str, object] = dict(right="invention", filing_date=FILED, title="", ipc=[])
    base.update(kw)
    return FilingRequest(**base)  # type: ignore[arg-type]


def _file_register(engine) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Four patent files and a trademark; returns label -> application number."""
    reqs = {
        "fpt_chip": _invention(
            applicants=[PartyInput(name="CÔNG TY CỔ PHẦN FPT", country="VN")],
            title="Phương pháp chế tạo màng mỏng bán dẫn",
            ipc=["H01L 21/02"],
            details={"abstract": "Màng mỏng bán dẫn lắng đọng trên tấm wafer silicon."},
        ),
        "fpt_ai": _invention(
            right="utility_solution",
            applicants=[PartyInput(name="FPT JSC", country="VN")],
            title="Hệ thống nhận dạng ảnh",
            ipc=["G06N 3/08"],
        ),
        "nvidia": _invention(
            applicants=[PartyInput(name="NVIDIA Corporation", country="US")],
            title="Neural network training on accelerators",
            ipc=["G06N 3/08"],
            priorities=[PriorityInput(country="US", number="63/123,456", date=dt.date(2025, 3, 1))],
            representative=AGENT,
        ),
        "nvidia_2": _invention(
            applicants=[PartyInput(name="Nvidia Corp.", country="US"),
                        PartyInput(name="Trần Thị B", country="VN", kind="person")],
            title="Neural network training on accelerators (second filing)",
            ipc=["G06N 3/04", "G06F 17/16"],
            priorities=[PriorityInput(country="JP", number="2025-000111", date=dt.date(2025, 1, 10)),
                        PriorityInput(country="US", number="63/123,456", date=dt.date(2025, 3, 1))],
            representative=AGENT,
        ),
        "mark": FilingRequest(right="trademark", filing_date=FILED, mark_text="FPT CHIP",
                              applicants=[PartyInput(name="CÔNG TY CỔ PHẦN FPT", country="VN")],
                              nice=[]),
    }
    out = {}
    for label, req in reqs.items():
        if label == "mark":
            from ipoffice.office.filing import NiceClassInput

            req.nice = [NiceClassInput(9, ["chips"])]
        with transaction(engine, actor="test") as s:
            out[label] = file_application(s, req, actor="test", today=FILED).application_number
    return out


@pytest.fixture
def filed(engine):  # type: ignore[no-untyped-def]
    return _file_register(engine)


def _by_pub(families, number: str):  # type: ignore[no-untyped-def]
    hit = families[families["publications"].str.split(";").map(lambda ps: f"VN{number}" in ps)]
    assert len(hit) == 1, number
    return hit.iloc[0]


def test_one_family_per_file_merged_by_shared_priority(engine, filed) -> None:
    corpus = build_corpus([RegisterSource(engine)])
    f = corpus.families
    assert len(f) == 3  # the two NVIDIA files share US 63/123,456; the trademark is not a patent
    assert not f["publications"].str.contains(filed["mark"]).any()
    nv = _by_pub(f, filed["nvidia"])
    assert f"VN{filed['nvidia_2']}" in nv["publications"].split(";")
    # earliest priority of the family: the JP one of the second filing
    assert nv["priority_date"].date() == dt.date(2025, 1, 10)
    assert nv["priority_country"] == "JP" and nv["date_basis"] == "priority"
    assert nv["offices"] == "VN" and bool(nv["vn_office"]) and not bool(nv["vn_resident"])
    assert nv["applicant_country"] == "US"
    assert set(nv["ipc"].split(";")) == {"G06N3/08", "G06N3/04", "G06F17/16"}  # split_symbols normal form
    # "NVIDIA Corporation" and "Nvidia Corp." are one applicant; the inventor-person co-applicant is individual
    keys = nv["applicants"].split(";")
    assert keys.count(harmonise("NVIDIA Corporation")) == 1 and len(keys) == 2
    assert nv["applicant_types"].split(";") == ["company", "individual"]
    chip = _by_pub(f, filed["fpt_chip"])
    # no priority claim: its own filing is the first filing
    assert chip["priority_date"].date() == FILED and chip["priority_country"] == "VN"
    assert chip["date_basis"] == "application"
    assert chip["abstract"].startswith("Màng mỏng") and chip["source"] == "register"
    assert bool(chip["vn_resident"])


def test_vietnamese_legal_forms_harmonise_to_one_applicant(engine, filed) -> None:
    f = build_corpus([RegisterSource(engine)]).families
    chip, ai = _by_pub(f, filed["fpt_chip"]), _by_pub(f, filed["fpt_ai"])
    assert chip["first_applicant"] == ai["first_applicant"] == harmonise("FPT JSC")
    assert chip["first_applicant_type"] == "company"


def test_reads_in_batches_not_one_query_per_file(engine, filed) -> None:
    statements: list[str] = []

    def count(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        small = list(RegisterSource(engine, batch=2).records([], []))
        n_small = len(statements)
        statements.clear()
        big = list(RegisterSource(engine).records([], []))
        n_big = len(statements)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(small) == len(big) == 4
    assert [r.publications for r in small] == [r.publications for r in big]
    assert n_big <= 5  # files, classifications, parties, priorities, then the empty next batch
    assert n_small == 2 * 4 + 1


def test_register_families_classify_into_21_2026_groups_and_vietnam_view(engine, filed) -> None:
    f = build_corpus([RegisterSource(engine)]).families
    gmap = group_map(load_taxonomy("21-2026"), f)
    members = gmap.members
    chip = _by_pub(f, filed["fpt_chip"])["family_id"]
    nv = _by_pub(f, filed["nvidia"])["family_id"]
    ai = _by_pub(f, filed["fpt_ai"])["family_id"]
    assert set(members.loc[members["family_id"] == chip, "group"]) == {"6"}  # semiconductors (H01L 21/)
    assert {"1"} <= set(members.loc[members["family_id"] == nv, "group"])  # AI (G06N 3/)
    assert {"1"} <= set(members.loc[members["family_id"] == ai, "group"])
    vn = vietnam(gmap).set_index("group")
    assert vn.loc["6", "vn_resident"] == 1 and vn.loc["6", "families"] == 1
    assert vn.loc["1", "vn_resident"] == 1  # FPT's utility solution
    assert vn.loc["1", "foreign_filings_into_vn"] == 1  # the NVIDIA family filed in VN


def test_register_merges_with_an_export_by_priority_number(engine, filed, tmp_path: Path) -> None:
    export = tmp_path / "patentscope.csv"
    export.write_text(
        "Publication Number,Title,Priority Data,Publication Date,Applicants,IPC\n"
        'JP2026123456,Neural network training,"2025-000111 2025-01-10 JP",2026-07-01,NVIDIA CORP,G06N 3/08\n',
        encoding="utf-8",
    )
    f = build_corpus([FileSource([export]), RegisterSource(engine)]).families
    assert len(f) == 3
    nv = _by_pub(f, filed["nvidia"])
    assert "JP2026123456" in nv["publications"].split(";")
    assert set(nv["offices"].split(";")) == {"JP", "VN"}
    assert nv["source"] == "patentscope+register"


def test_cli_corpus_resolution(engine, filed, tmp_path: Path) -> None:
    url = engine.url.render_as_string(hide_password=False)
    said: list[str] = []
    corpus = resolve_corpus(None, database_url=url, say=said.append)
    assert len(corpus) == 3 and set(corpus.families["source"]) == {"register"}
    assert said and "4" in said[0]
    explicit = resolve_corpus([Path("register")], database_url=url)
    assert len(explicit) == 3


def test_no_office_database_falls_back_to_demo_and_says_so(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    said: list[str] = []
    corpus = resolve_corpus(None, database_url=f"sqlite:///{missing}", say=said.append)
    assert not missing.exists()  # looking never creates a database
    assert office_engine(f"sqlite:///{missing}") is None
    assert len(corpus) > 0 and "register" not in set(corpus.families["source"])
    assert said and str(missing) in said[0]
    with pytest.raises(UserError) as err:
        resolve_corpus(None, register=True, database_url=f"sqlite:///{missing}")
    assert err.value.code == "patentmap.corpus.empty"


def test_patent_map_cli_maps_the_register(engine, filed, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from ipoffice.cli import app

    url = engine.url.render_as_string(hide_password=False)
    out = tmp_path / "map"
    res = CliRunner().invoke(app, ["patent-map", "--database-url", url, "--out", str(out), "--no-pdf"],
                             env={"IPOFFICE_LANG": "en"})
    assert res.exit_code == 0, res.output
    assert "office register" in res.output and "3 families" in res.output
    families = (out / "tables" / "families.csv").read_text(encoding="utf-8-sig")
    assert f"VN{filed['fpt_chip']}" in families
