"""BM25 full-text index: folding (đ → d), Vietnamese word segmentation, English, filters, hostile and huge queries."""

from __future__ import annotations

import time
from datetime import date

import pytest

from ipoffice.search.fulltext import (
    FulltextDoc,
    FulltextIndex,
    body_terms,
    fold,
    ipc_filter_keys,
    ipc_key,
    stem,
    word_terms,
)

DOCS = [
    FulltextDoc(
        "VN-1",
        "Phương pháp sản xuất cà phê hòa tan",
        "Hạt cà phê rang được nghiền và chiết bằng nước nóng; dịch chiết được sấy phun.",
        date=date(2019, 5, 1),
        ipc=ipc_filter_keys(["A23F 5/24"]),
    ),
    FulltextDoc(
        "VN-2",
        "Đường ống dẫn dầu có lớp chống ăn mòn",
        "Đường ống thép được phủ lớp polyme để chống ăn mòn.",
        date=date(2021, 3, 2),
        ipc=ipc_filter_keys(["F16L 58/10"]),
    ),
    FulltextDoc(
        "US-1",
        "Encrypting network packets with rotating keys",
        "A method wherein packets are encrypted with session keys rotated by a key server.",
        date=date(2018, 1, 1),
        ipc=ipc_filter_keys(["H04L0009080000"]),
    ),
    FulltextDoc(
        "US-2",
        "Graphics processor with shared memory",
        "A graphics processing unit schedules threads that share on-chip memory.",
        date=date(2023, 7, 7),
        ipc=ipc_filter_keys(["G06T 1/20"]),
    ),
]


@pytest.fixture(scope="module")
def index() -> FulltextIndex:
    ix = FulltextIndex()
    ix.add(DOCS)
    ix.commit()
    return ix


def ids(hits) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.id for h in hits]


def test_fold_removes_all_marks_and_folds_d_stroke() -> None:
    assert fold("Đường ống Hoà Phát NGHIÊN CỨU") == "duong ong hoa phat nghien cuu"
    assert fold("Hòa") == fold("Hoà") == fold("Ho\u0300a")  # tone placement and NFD do not matter


def test_body_terms_drop_stop_words_and_stem_english() -> None:
    assert body_terms("The packets are encrypted") == ["packet", "encrypt"]
    assert stem("keys") == "keys" and stem("batteries") == "battery" and stem("ca") == "ca"


def test_vietnamese_words_are_segmented_and_folded() -> None:
    words = word_terms("Phương pháp sản xuất cà phê hòa tan")
    assert "ca_phe" in words and "san_xuat" in words and "phuong_phap" in words
    assert word_terms("A method of making instant coffee") == []


@pytest.mark.parametrize("query", ["ca phe hoa tan", "CÀ PHÊ HOÀ TAN", "cà phê hòa tan", "Ca Phe"])
def test_vietnamese_found_with_or_without_diacritics(index: FulltextIndex, query: str) -> None:
    assert ids(index.search(query))[0] == "VN-1"


def test_d_stroke_query_matches(index: FulltextIndex) -> None:
    assert ids(index.search("duong ong"))[0] == "VN-2"
    assert ids(index.search("đường ống"))[0] == "VN-2"


def test_english_query_with_morphology(index: FulltextIndex) -> None:
    assert ids(index.search("encrypted packet"))[0] == "US-1"


@pytest.mark.parametrize(
    "hostile",
    [
        '"unclosed quote',
        "((( ]]] {{",
        "packets AND NOT OR",
        "title:packets",
        "*",
        "~2 ^3 +- !",
        "\x00\u202e",
        "",
    ],
)
def test_hostile_syntax_is_just_words(index: FulltextIndex, hostile: str) -> None:
    hits = index.search(hostile)  # never raises
    if "packets" in hostile:
        assert ids(hits)[0] == "US-1"


def test_boolean_words_do_not_act_as_operators(index: FulltextIndex) -> None:
    # "NOT graphics" must not exclude the graphics document: NOT is a stop-less plain word here
    assert "US-2" in ids(index.search("NOT graphics"))


def test_priority_cutoff_is_strictly_before(index: FulltextIndex) -> None:
    assert ids(index.search("cà phê", before=date(2019, 5, 1))) == []
    assert ids(index.search("cà phê", before=date(2019, 5, 2))) == ["VN-1"]


def test_ipc_filter_at_each_level(index: FulltextIndex) -> None:
    assert ids(index.search("packets", ipc=["H04L"])) == ["US-1"]
    assert ids(index.search("packets", ipc=["h04l 9/08"])) == ["US-1"]
    assert ids(index.search("packets", ipc=["H04L 9/00"])) == ["US-1"]
    assert ids(index.search("packets", ipc=["A23F"])) == []


def test_ipc_key_forms() -> None:
    assert ipc_key("H04L0009080000") == "H04L 9/08"
    assert ipc_key("G06F0016245000") == "G06F 16/245"
    assert ipc_key(" g06f  16/245 ") == "G06F 16/245"
    assert ipc_filter_keys(["A23F 5/24"]) == ("A23F", "A23F 5/00", "A23F 5/24")


def test_several_megabyte_query_is_cut_to_distinctive_terms(index: FulltextIndex) -> None:
    text = ("Encrypting network packets with rotating session keys. " * 20_000) + " lorem ipsum " * 50_000
    assert len(text) > 1_500_000
    start = time.perf_counter()
    plan = index.plan(text)
    hits = index.search_plan(plan)
    assert time.perf_counter() - start < 20  # generous: a sanity bound, not a speed claim
    assert len(plan.body) <= 64
    assert ids(hits)[0] == "US-1"


def test_persisted_index_reopens(tmp_path) -> None:  # type: ignore[no-untyped-def]
    ix = FulltextIndex(tmp_path / "ft")
    ix.add(DOCS[:2])
    ix.commit()
    again = FulltextIndex.open(tmp_path / "ft")
    assert len(again) == 2
    assert ids(again.search("cà phê"))[0] == "VN-1"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Phương pháp sản xuất cà phê hòa tan", True),
        ("Procédé de fabrication d'un drone à hélices", False),
        ("Método y dispositivo mejorados para la prospección sísmica", False),
        ("A method of making instant coffee", False),
    ],
)
def test_only_vietnamese_is_segmented(text: str, expected: bool) -> None:
    from ipoffice.search.fulltext import looks_vietnamese

    assert looks_vietnamese(text) is expected
