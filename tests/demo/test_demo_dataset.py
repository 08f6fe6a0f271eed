"""The shipped demo set: complete, faithful to its real sources, licensed, reproducible."""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
import re
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from ipoffice.demo import dataset


@pytest.fixture(scope="module")
def demo() -> dataset.DemoSet:
    return dataset.load_demo_set()


def _load_builder():  # the builder lives in tools/, outside the package
    path = Path(__file__).resolve().parents[2] / "tools" / "build_demo_set.py"
    spec = importlib.util.spec_from_file_location("build_demo_set", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_counts_match_the_manifest_and_the_notice(demo: dataset.DemoSet) -> None:
    man = dataset.manifest()
    assert len(demo) == man["total"] == sum(man["counts"].values())
    seen: dict[str, int] = {}
    for rec in (*demo.patents, *demo.trademarks):
        seen[rec.source] = seen.get(rec.source, 0) + 1
    assert seen == man["counts"]
    assert 25_000 <= len(demo) <= 32_000
    notice = resources.files(dataset.DEMO_PACKAGE).joinpath("NOTICE.md").read_text(encoding="utf-8")
    assert f"{len(demo):,}" in notice
    for source, n in man["counts"].items():
        assert f"{n:,}" in notice, source


def test_files_match_their_checksums() -> None:
    for name, info in dataset.manifest()["files"].items():
        data = resources.files(dataset.DEMO_PACKAGE).joinpath(name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == info["sha256"]
        assert len(data) < 4_000_000  # "a few MB" in all


def test_only_clearly_licensed_sources_are_shipped(demo: dataset.DemoSet) -> None:
    allowed = {"patentsview-nvidia", "biopat", "euipo-2020-figurative", "uspto-tsdr"}
    assert {r.source for r in (*demo.patents, *demo.trademarks)} == allowed


def test_keys_are_unique_and_ids_original(demo: dataset.DemoSet) -> None:
    keys = [r.key for r in (*demo.patents, *demo.trademarks)]
    assert len(keys) == len(set(keys))
    assert all(p.id.isdigit() for p in demo.patents if p.patent_type == "utility")
    euipo = [t for t in demo.trademarks if t.source == "euipo-2020-figurative"]
    # EUTM numbers, or "W" + the WIPO international registration number for Madrid designations of the EU
    assert all(re.fullmatch(r"\d{9}|W\d{8}[A-Z]?", t.id) for t in euipo)
    assert sum(t.id.startswith("W") for t in euipo) > 1000


def test_generated_goods_are_flagged_and_come_from_the_nice_list(demo: dataset.DemoSet) -> None:
    for t in demo.trademarks:
        assert t.classes, t.key
        assert all(1 <= c.nice_class <= 45 and c.goods for c in t.classes)
        assert t.goods_generated == (t.source == "euipo-2020-figurative")


def test_nvidia_records_are_faithful(demo: dataset.DemoSet, shared_data: Path) -> None:
    base = shared_data / "patents" / "patentsview-nvidia"
    with (base / "nvidia_patent.csv").open(newline="", encoding="utf-8") as fh:
        rows = {r["patent_id"]: r for r in csv.DictReader(fh)}
    by_id = {p.id: p for p in demo.patents if p.source == "patentsview-nvidia"}
    assert set(by_id) == set(rows)
    for pid in ("10001996", "5619658", sorted(rows)[len(rows) // 2]):
        assert by_id[pid].title == rows[pid]["patent_title"].strip()
        assert by_id[pid].grant_date == date.fromisoformat(rows[pid]["patent_date"])
        assert by_id[pid].kind_code == rows[pid]["wipo_kind"]
    p = by_id["10001996"]
    assert p.abstract and p.abstract.startswith("Embodiments related to selecting a runahead poison policy")
    assert p.applicants[0].name == "NVIDIA CORPORATION" and p.applicants[0].country == "US"
    assert p.inventors and all(p.inventors)
    assert all(" " in code and code.endswith("/00") for code in p.ipc)


def test_euipo_records_are_faithful(demo: dataset.DemoSet, shared_data: Path) -> None:
    raw = json.loads(
        (shared_data / "trademarks/euipo-2020-figurative/trademarks2020_validation.json").read_text()
    )
    by_id = {t.id: t for t in demo.trademarks if t.source == "euipo-2020-figurative"}
    assert set(by_id) == set(raw)
    for eutm in ("000001123", "000001248", sorted(raw)[-1]):
        assert by_id[eutm].filing_date == date.fromisoformat(raw[eutm]["Date"])
        assert by_id[eutm].vienna == tuple(raw[eutm]["Codes"])
        assert by_id[eutm].mark_text == (raw[eutm].get("Text") or None)
    nice = json.loads((shared_data / "classification/nice/nice_classification_ncl10-2015.json").read_text())
    terms = {(int(g["number"][:2]), g["description"]) for g in nice["goods"] + nice["services"]}
    for t in list(by_id.values())[:500]:
        for c in t.classes:
            assert all((c.nice_class, g) in terms for g in c.goods)


def test_uspto_marks_keep_owners_and_priority(demo: dataset.DemoSet) -> None:
    by_text = {t.mark_text: t for t in demo.trademarks if t.source == "uspto-tsdr"}
    ultrabook = by_text["ULTRABOOK"]
    assert ultrabook.id == "85334015" and ultrabook.applicant == "Intel Corporation"
    assert ultrabook.priority == dataset.Priority("IT", "RM2011C00315", date(2011, 5, 16))
    java = by_text["JAVA"]
    assert java.nice_classes == (9,) and java.registration_date == date(1998, 8, 4)
    assert {"Sun Microsystems, Inc.", "Oracle America, Inc."} <= {o.name for o in java.owners}


def test_the_build_is_reproducible(shared_data: Path, tmp_path: Path) -> None:
    builder = _load_builder()
    manifest = builder.build(shared_data, tmp_path)
    assert manifest == dataset.manifest()
