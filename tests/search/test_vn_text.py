"""The one normalisation shared by indexing and queries (ipoffice/search/vn_text.py)."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ipoffice.search.vn_text import (
    fold,
    is_syllable,
    leet_repair,
    normalize,
    segment,
    telex_repair,
    tone_form,
    vni_repair,
)

VIETNAMESE_LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
)
vn_text = st.text(alphabet=VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + " -.,'&0123456789", max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_fold_is_idempotent_on_any_text(text):
    assert fold(fold(text)) == fold(text)


@settings(max_examples=300, deadline=None)
@given(vn_text)
def test_fold_removes_every_vietnamese_mark_and_maps_d_bar_to_d(text):
    folded = fold(text)
    assert "đ" not in folded and "Đ" not in folded
    assert folded.isascii()
    assert folded == folded.lower()


@settings(max_examples=300, deadline=None)
@given(vn_text)
def test_nfc_and_nfd_input_normalise_identically(text):
    a = normalize(unicodedata.normalize("NFC", text))
    b = normalize(unicodedata.normalize("NFD", text))
    assert a == b


@settings(max_examples=200, deadline=None)
@given(vn_text)
def test_compact_key_is_the_folded_tokens_joined_and_ignores_case(text):
    n = normalize(text)
    assert n.compact == "".join(n.folded) and not any(ch.isspace() for ch in n.compact)
    assert normalize(text.upper()).compact == n.compact


def test_d_bar_folds_to_d_but_nfd_stripping_alone_would_not():
    assert fold("Đường Đông") == "duong dong"
    stripped = "".join(c for c in unicodedata.normalize("NFD", "Đ") if unicodedata.category(c) != "Mn")
    assert stripped == "Đ"  # the trap the explicit map avoids


def test_tone_placement_variants_share_the_tone_aware_form():
    assert tone_form("hoà") == tone_form("hòa") == "hoa2"
    assert tone_form("Việt".lower()) == "viêt5"
    assert normalize("Hoà Phát").tone_key == normalize("HÒA PHÁT").tone_key == "hoa2 phat1"
    assert normalize("Hòa").tone_key != normalize("Hóa").tone_key  # tones still count for ranking
    assert normalize("Hòa").compact == normalize("Hóa").compact  # but not for recall


def test_joined_and_split_syllables_share_the_compact_key_and_split_the_same():
    joined, split = normalize("VINAMILK"), normalize("Vina Milk")
    assert joined.compact == split.compact == "vinamilk"
    assert joined.pieces == split.pieces == ("vina", "milk")
    assert normalize("TRUNGNGUYEN").pieces == ("trung", "nguyen")
    assert normalize("SAIGONTOURIST").pieces[0] == "saigon"


def test_segmentation_leaves_non_vietnamese_words_whole():
    assert segment("golden", frozenset({"golden", "den"})) == ["golden"]
    assert segment("xyzq") == ["xyzq"]
    assert is_syllable("nghieng") and is_syllable("khuyen") and not is_syllable("milk")


def test_punctuation_and_apostrophes():
    assert normalize("harmont&blaine").pieces == ("harmont", "blaine")
    assert normalize("Uncle Ben's").folded == ("uncle", "bens")
    assert normalize("one.nz").compact == "onenz"


def test_homoglyphs_and_full_width_letters_become_latin():
    cyrillic_mix = "P\u0435psi"  # Cyrillic e inside a Latin word
    assert normalize(cyrillic_mix).compact == "pepsi"
    assert normalize("ＣＯＣＡ").compact == "coca"
    assert normalize("ВОСА").compact == "boca"  # only look-alike letters: read as Latin


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("vieejt", "viêt5"),
        ("dduwowngf", "đương2"),
        ("trowif", "trơi2"),
        ("vie65t", "viêt5"),
        ("d9uong2", "đuong2"),
    ],
)
def test_telex_and_vni_artefacts_are_repaired(typed, meant):
    repaired = telex_repair(typed)
    result = repaired[0] if repaired else vni_repair(typed)
    assert result == meant


@pytest.mark.parametrize("word", ["seen", "book", "now", "car", "max", "basa", "wow", "golf"])
def test_english_words_are_not_mistaken_for_telex(word):
    repaired = telex_repair(word)
    assert repaired is None or repaired[1] is False
    assert normalize(word).compact == word


def test_repaired_typing_keeps_the_typed_form_as_a_variant():
    n = normalize("vieejt nam")
    assert n.compact == "vietnam" and n.tone_key == "viêt5 nam"
    assert "vieejtnam" in n.variants


def test_digits_and_signs_for_letters_give_a_variant_not_the_main_key():
    n = normalize("N1KE")
    assert n.compact == "n1ke" and "nike" in n.variants
    assert "cafe" in normalize("C@FE").variants
    assert leet_repair("2024") is None  # a plain number is left alone


def test_other_scripts_and_empty_input_do_not_fail():
    assert normalize("可口可乐").compact == "可口可乐"
    assert normalize("  --  ").is_empty
    long = normalize("á" * 10_000)
    assert long.compact == "a" * 10_000
