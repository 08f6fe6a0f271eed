"""The two decisions load as data, reconcile through the crosswalk, and bad files are rejected with file/line/field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ipoffice.patentmap.symbols import normalize_symbol, parse_pattern, split_symbols
from ipoffice.patentmap.taxonomy import (
    TaxonomyInvalid,
    check_crosswalk,
    data_path,
    load_crosswalk,
    load_taxonomy,
)
from ipoffice.patentmap.text import KeywordMatcher, fold


def test_both_decisions_load_with_their_dates_and_group_counts():
    old = load_taxonomy("1131-2025")
    new = load_taxonomy("21-2026")
    assert len(old.groups) == 11 and len(new.groups) == 10
    assert str(new.in_force_from) == "2026-07-01" and new.in_force_until is None
    assert str(old.in_force_until) == "2026-06-30"
    import datetime as dt

    assert old.in_force_on(dt.date(2026, 6, 30)) and not old.in_force_on(dt.date(2026, 7, 1))
    assert new.in_force_on(dt.date(2026, 7, 1))
    # doubtful rows stay marked
    assert new.group("8").verify and any(p.verify for p in new.packs.values())
    assert all(g.name.vi and g.name.en for g in old.groups + new.groups)


def test_crosswalk_carries_every_pack_and_reaches_every_new_group():
    old, new = load_taxonomy("1131-2025"), load_taxonomy("21-2026")
    cw = load_crosswalk()
    assert check_crosswalk(old, new, cw) == []
    assert cw.targets("2") == ["1", "7"]  # cloud/big data -> digital, quantum -> cyber+quantum
    assert {r.to_group for r in cw.rows if r.relation == "new"} == {"8", "10"}


def test_symbols_are_normalised_from_every_corpus_form():
    assert normalize_symbol("G06F 21/10") == "G06F21/10"
    assert normalize_symbol("G06F21/10(20130101)") == "G06F21/10"
    assert normalize_symbol("A21D  13/00 (2006.01)") == "A21D13/00"
    assert normalize_symbol("A01B0001020000") == "A01B1/02"
    assert normalize_symbol("g06n") == "G06N"
    assert normalize_symbol("G06F-21") is None and normalize_symbol("Z99Z 1/00") is None
    good, bad = split_symbols("B64C39/024; B64U 10/13;;XYZ 1/2")
    assert good == ["B64C39/024", "B64U10/13"] and bad == ["XYZ 1/2"]
    assert parse_pattern("G06N 3/") == "G06N3/" and parse_pattern("B61") == "B61"
    assert parse_pattern("G06N 3") == "G06N3/"  # never matches G06N30


def test_vietnamese_keywords_match_with_and_without_diacritics():
    m = KeywordMatcher.build(["trí tuệ nhân tạo", "tự động hóa", "robot*", "5G", "UAV*"])
    assert m.search("Hệ thống TRÍ TUỆ NHÂN TẠO cho nông nghiệp")
    assert m.search("he thong tri tue nhan tao")
    assert m.search("dây chuyền tự động hoá")  # old tone placement
    assert m.search("Robotic arm") and m.search("two UAVs") and m.search("a 5G base station")
    assert not m.search("G06G analog computer") and not m.search("fuavs") and not m.search("a 5g modem")
    assert fold("Đường sắt") == "Duong sat"


def _copy_taxonomy(tmp_path: Path) -> Path:
    for name in ("decision-21-2026.yaml", "query-packs.yaml", "ipc-2020.01-subclasses-main-groups.csv.gz"):
        shutil.copy(data_path(name), tmp_path / name)
    return tmp_path / "decision-21-2026.yaml"


def _issues(path: Path) -> list[str]:
    with pytest.raises(TaxonomyInvalid) as err:
        load_taxonomy(path)
    return [str(i) for i in err.value.issues]


def test_unknown_and_malformed_symbols_are_reported_with_file_line_and_field(tmp_path):
    tax = _copy_taxonomy(tmp_path)
    packs = tmp_path / "query-packs.yaml"
    text = packs.read_text(encoding="utf-8")
    text = text.replace('codes: ["B61B",', 'codes: ["Q99Z 1/", "B61B", "G06Q 999/",', 1)
    packs.write_text(text, encoding="utf-8")
    issues = _issues(tax)
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "id: high_speed_rail" in t)
    assert any(i.startswith(f"query-packs.yaml:{line}: packs[high_speed_rail].codes: malformed symbol 'Q99Z 1/'") for i in issues)
    assert any("unknown IPC main group G06Q 999/" in i for i in issues)


def test_overlapping_definitions_are_rejected(tmp_path):
    tax = _copy_taxonomy(tmp_path)
    text = tax.read_text(encoding="utf-8").replace("packs: [high_speed_rail]", "packs: [high_speed_rail, robotics_automation]")
    tax.write_text(text, encoding="utf-8")
    issues = _issues(tax)
    assert any("decision-21-2026.yaml:" in i and "groups[10].packs" in i and "also in group 3" in i for i in issues)
    text = tax.read_text(encoding="utf-8").replace('- id: "10"', '- id: "9"')
    tax.write_text(text, encoding="utf-8")
    assert any("groups[9].id: group defined twice" in i for i in _issues(tax))


def test_user_error_message_is_bilingual_and_names_the_file(tmp_path):
    tax = _copy_taxonomy(tmp_path)
    tax.write_text(tax.read_text(encoding="utf-8").replace("in_force_from: 2026-07-01", "in_force_from: 1-7-2026"), encoding="utf-8")
    with pytest.raises(TaxonomyInvalid) as err:
        load_taxonomy(tax)
    assert "decision-21-2026.yaml" in err.value.message("en") and "in_force_from" in err.value.message("en")
    assert err.value.message("vi").startswith("Tệp phân loại công nghệ không hợp lệ")
    with pytest.raises(Exception) as unknown:
        load_taxonomy("1999-9999")
    assert "21-2026" in str(unknown.value)
