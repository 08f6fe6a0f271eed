"""Per-dimension similarity of two marks, one constructed case per rule of Vietnamese practice (named as such)."""

import pytest

from ipoffice.assist.tm_similarity import (
    NEAR_WORD,
    compare,
    compare_goods,
    compare_many,
    dominant_text,
    profile,
    trigram_count,
)


def score(a: str, b: str):
    return compare(profile(a), profile(b))


def codes(c) -> set[str]:
    return {code for code, _ in c.reasons}


def test_identical_marks_score_one_and_say_so():
    c = score("Trung Nguyên", "TRUNG NGUYÊN")
    assert c.mark == pytest.approx(1.0)
    assert "tm.why.identical" in codes(c)


def test_joined_and_split_spellings_are_identical():
    c = score("VINAMILK", "Vina Milk")
    assert c.mark > 0.95 and "tm.why.identical" in codes(c)


def test_same_letters_other_tones_rank_just_below_identical():
    same = score("Hòa Phát", "Hòa Phát").mark
    other_tone = score("Hòa Phát", "Hóa Phát")
    assert other_tone.mark < same and other_tone.mark > 0.9
    assert "tm.why.same_letters_other_tones" in codes(other_tone)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Rạng Đông", "Dạng Đông"),
        ("Trung Nguyên", "Chung Nguyên"),
        ("Sơn Hà", "Xơn Hà"),
        ("Vĩnh Hảo", "Dĩnh Hảo"),
    ],
)
def test_dialect_sound_mergers_make_marks_sound_the_same(a, b):
    c = score(a, b)
    assert c.aural >= 0.95 and "tm.why.same_sound" in codes(c)


def test_d_bar_and_d_do_not_sound_the_same():
    assert score("Đông Á", "Dông Á").aural < 0.95


def test_foreign_words_sound_alike_by_double_metaphone():
    c = score("SAMSUNG", "SAMSONG")
    assert c.aural > 0.85 and c.mark > 0.85


def test_meaning_equivalents_across_languages():
    c = score("Kim Long", "Golden Dragon")
    assert c.conceptual > 0.9 and "tm.why.meaning" in codes(c)
    assert score("Hoàng Gia", "Royal").conceptual > 0.9
    # a mark written with diacritics must match the listed spelling: vang (wine) is not vàng (gold)
    assert score("Vang Đà Lạt", "Gold").conceptual == 0
    assert score("Vàng", "Gold").conceptual > 0.9


def test_dominant_part_contained_in_the_sign():
    c = score("Bitis Hunter Pro", "BITI'S HUNTER")
    assert c.containment >= 0.9 and "tm.why.earlier_contained" in codes(c)


def test_weak_elements_do_not_make_marks_similar():
    shared_prefix_only = score("VINAMIT", "VINASUN")
    assert shared_prefix_only.mark < 0.6
    assert "tm.why.weak" in codes(shared_prefix_only)
    legal_form = score("Công ty TNHH Minh Long", "Minh Long")
    assert legal_form.mark > 0.9  # the legal form adds nothing


def test_a_mark_of_weak_elements_only_contained_in_another_counts_little():
    c = score("Cà phê Hà Nội Xưa", "Hà Nội")
    assert c.containment < 0.3 and "tm.why.only_weak" in codes(c)


def test_digits_for_letters_and_typing_artefacts():
    assert score("N1KE", "Nike").visual == pytest.approx(1.0)
    assert score("vieejt tieesn", "Việt Tiến").mark > 0.95


def test_unrelated_marks_score_low():
    assert score("Trung Nguyên", "Highlands").mark < 0.3


def test_goods_same_class_related_class_and_terms():
    assert compare_goods([30], [30, 9]).score == 1.0
    related = compare_goods([30], [43])
    assert 0 < related.score < 1 and related.reasons[0][0] == "tm.why.related_class"
    assert compare_goods([1], [25]).score == 0
    terms = compare_goods([35], [16], "retail of roasted coffee beans", "coffee beans packaging")
    assert terms.score > 0 and any(code == "tm.why.goods_terms" for code, _ in terms.reasons)


def test_batched_comparison_gives_the_same_numbers_and_reasons_as_one_by_one():
    # constructed marks covering variants (Telex, digits), weak parts, concepts, containment, other scripts
    marks = [
        "VINAMILK",
        "Vina Milk",
        "Trung Nguyên",
        "Chung Ngyên",
        "Kim Long",
        "Golden Dragon",
        "B1T1S",
        "Bitis Hunter",
        "vieejt tieesn",
        "Việt Tiến",
        "Hảo Hảo",
        "VINA Hảo Hảo",
        "Công ty TNHH Minh Phát",
        "SAMSONG",
        "可口可乐 Cola",
        "Hào Hàng",
        "Hảo Hạng",
        "KODAK",
        "CODAC",
        "Phúc Long Hà Nội",
        "x",
        "AB",
        "BIANCO",
        "BLANCO MILANO",
        "Nguyen",
        "COCA COLA",
        "ACME CO",
    ]
    profiles = [profile(m) for m in marks]
    for sign in profiles:
        batched = compare_many(sign, profiles)
        counts = [
            (*(trigram_count(c) for c in p.compacts), trigram_count(p.dominant_compact)) for p in profiles
        ]
        stored = compare_many(sign, profiles, counts)
        for earlier, b, s in zip(profiles, batched, stored, strict=True):
            one = compare(sign, earlier)
            for got in (b, s):
                assert got.dimensions() == one.dimensions() and got.reasons == one.reasons
                assert got.mark == pytest.approx(one.mark, abs=1e-12)


@pytest.mark.parametrize(
    ("mark", "dominant", "weak"),
    [
        ("BIANCO", "bianco", []),  # "co" inside a word is no company
        ("CASA", "casa", []),  # nor "sa"
        ("COCA COLA", "coca cola", []),
        ("ACME CO", "acme", ["co"]),  # a word of its own is
        ("PRADA SA", "prada", ["sa"]),
        ("VNPAY", "pay", ["vn"]),  # an origin prefix joined to the word still is weak
        ("Cà phê Trung Nguyên", "trung nguyen", ["ca phe"]),
    ],
)
def test_legal_forms_and_function_words_are_weak_only_as_whole_words(mark, dominant, weak):
    p = profile(mark)
    assert dominant_text(p) == dominant
    assert [w.text for w in p.weak] == weak


def test_a_dominant_part_one_letter_from_a_word_of_the_other_mark_counts_as_contained():
    near = compare(profile("BIANCO"), profile("BLANCO MILANO"))
    assert near.containment == pytest.approx(NEAR_WORD * 0.9)
    assert ("tm.why.sign_near", {"part": "bianco", "word": "blanco"}) in near.reasons
    back = compare(profile("BLANCO MILANO GOLD"), profile("BIANCO"))  # the earlier mark's part in the sign
    assert back.containment == pytest.approx(NEAR_WORD)
    assert ("tm.why.earlier_near", {"part": "bianco", "word": "blanco"}) in back.reasons
    # one edit from the whole mark is spelling, not containment
    whole = compare(profile("MILANO"), profile("MILANI"))
    assert whole.containment == 0 and not any(code.endswith("_near") for code, _ in whole.reasons)
    # four letters one apart are other words; two letters off is not near
    assert compare(profile("BANK"), profile("BARK SHOP")).containment == 0
    assert compare(profile("BIANCO"), profile("BLANCA MILANO")).containment == 0
