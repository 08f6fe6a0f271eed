"""The Vietnamese sound key folds each documented dialect merger, and only those."""

import pytest

from ipoffice.search.phonetic import piece_key, vn_syllable_key
from ipoffice.search.vn_text import base_form


def key(word: str) -> str:
    return vn_syllable_key(base_form(word))


@pytest.mark.parametrize(
    ("a", "b", "merger"),
    [
        ("dao", "rao", "northern d/r → z"),
        ("gia", "za", "northern gi → z"),
        ("vui", "dui", "southern v/d → z"),
        ("trung", "chung", "northern tr/ch"),
        ("sao", "xao", "northern s/x"),
        ("kim", "cim", "c/k one sound"),
        ("ghe", "ge", "gh/g one sound"),
        ("nghe", "nge", "ngh/ng one sound"),
        ("phu", "fu", "ph/f"),
        ("lang", "lan", "southern final -ng/-n"),
        ("minh", "min", "southern final -nh/-n"),
        ("mac", "mat", "southern final -c/-t"),
        ("ich", "it", "southern final -ch/-t"),
        ("my", "mi", "y/i"),
        ("hỏi", "hõi", "tones dropped (southern hỏi/ngã)"),
    ],
)
def test_merged_sounds_share_a_key(a, b, merger):
    assert key(a) == key(b), merger


@pytest.mark.parametrize(("a", "b"), [("đông", "dông"), ("lan", "nan"), ("ba", "ma"), ("tam", "tap")])
def test_distinct_sounds_keep_distinct_keys(a, b):
    assert key(a) != key(b)


def test_foreign_pieces_use_double_metaphone_and_vietnamese_words_split_into_syllables():
    assert piece_key("milk").startswith("#")
    assert piece_key("samsung") == piece_key("samxung")
    assert piece_key("vina") == key("vi") + key("na")
