"""``ipoffice tm load`` and ``ipoffice tm search`` on a JSONL-loaded register."""

import json

import pytest
import typer
from typer.testing import CliRunner

from ipoffice.assist.cli import register
from ipoffice.cli import _OfficeGroup

# Constructed marks for the test (not real register data).
MARKS = [
    {
        "number": "4-0000001",
        "mark": "VINAMILK",
        "classes": [29, 32],
        "owner": "Sữa Việt Nam",
        "status": "registered",
    },
    {"number": "4-0000002", "mark": "Trung Nguyên", "classes": [30, 43], "filing_date": "1998-05-20"},
    {"number": "4-0000003", "mark": "Kim Long", "classes": [30]},
]


@pytest.fixture()
def app() -> typer.Typer:
    root = typer.Typer(cls=_OfficeGroup)

    @root.callback()
    def _root() -> None: ...

    register(root)
    return root


@pytest.fixture()
def loaded(tmp_path, app):
    src = tmp_path / "marks.jsonl"
    src.write_text("\n".join(json.dumps(m, ensure_ascii=False) for m in MARKS), encoding="utf-8")
    reg = tmp_path / "reg"
    result = CliRunner().invoke(
        app, ["tm", "load", str(src), "--register", str(reg)], env={"IPOFFICE_LANG": "en"}
    )
    assert result.exit_code == 0, result.output
    assert "3 new" in result.output
    return reg


def test_search_json_lists_hits_with_number_text_classes_score_and_dimensions(app, loaded):
    result = CliRunner().invoke(
        app,
        ["tm", "search", "Vina Milk", "--classes", "29", "--json", "--register", str(loaded), "--limit", "2"],
    )
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert (
        hits[0]["number"] == "4-0000001" and hits[0]["mark"] == "VINAMILK" and hits[0]["classes"] == [29, 32]
    )
    assert hits[0]["score"] > 90 and hits[0]["dimensions"]["goods"] == 1.0
    assert len(hits) <= 2


def test_search_table_in_vietnamese_by_default(app, loaded):
    result = CliRunner().invoke(
        app, ["tm", "search", "Chung Ngyên", "--classes", "43", "--register", str(loaded)]
    )
    assert result.exit_code == 0, result.output
    assert "Trung Nguyên" in result.output and "Nhãn hiệu" in result.output
    assert "[visual" in result.output  # the per-dimension scores are shown, not eaten as markup


def test_loading_again_updates_by_number_and_bad_files_change_nothing(app, loaded, tmp_path):
    again = tmp_path / "again.jsonl"
    again.write_text('{"number": "4-0000003", "mark": "Kim Long Phát", "classes": [30]}\n', encoding="utf-8")
    result = CliRunner().invoke(
        app, ["tm", "load", str(again), "--register", str(loaded)], env={"IPOFFICE_LANG": "en"}
    )
    assert "0 new" in result.output and "updated 1" in result.output and "holds 3" in result.output
    before = (loaded / "marks.jsonl").read_text(encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"number": "9", "mark": "Sao Mai", "classes": [30]}\n{"number": "10", "mark": ""}\n')
    result = CliRunner().invoke(
        app, ["tm", "load", str(bad), "--register", str(loaded)], env={"IPOFFICE_LANG": "en"}
    )
    assert result.exit_code == 2 and "Line 2" in result.output and "Traceback" not in result.output
    assert (loaded / "marks.jsonl").read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["tm", "search", "", "--json"], "no letters"),
        (["tm", "search", "X" * 10_000], "over the limit"),
        (["tm", "search", "VINAMILK", "--classes", "30,abc"], "abc"),
        (["tm", "search", "VINAMILK", "--limit", "0"], "not valid"),
    ],
)
def test_bad_input_is_a_message_not_a_trace(app, loaded, args, needle):
    result = CliRunner().invoke(app, [*args, "--register", str(loaded)], env={"IPOFFICE_LANG": "en"})
    assert result.exit_code == 2 and needle in result.output and "Traceback" not in result.output


def test_search_without_a_register_says_how_to_make_one(app, tmp_path):
    result = CliRunner().invoke(app, ["tm", "search", "X", "--register", str(tmp_path / "none")])
    assert result.exit_code == 2 and "tm load" in result.output


def test_the_tm_group_is_mounted_on_the_root_cli():
    from ipoffice.cli import app as root

    result = CliRunner().invoke(root, ["tm", "--help"])
    assert result.exit_code == 0 and "load" in result.output and "search" in result.output


def test_an_index_from_an_earlier_version_is_rebuilt_from_the_marks_kept(app, loaded):
    """After an upgrade that changes the index (keys, stored profiles), the register's marks.jsonl rebuilds it
    at the first search, instead of asking to load the marks again."""
    keyfields = loaded / "index" / "keyfields.json"
    meta = json.loads(keyfields.read_text())
    keyfields.write_text(json.dumps({**meta, "format": "tm-keys-2"}))
    result = CliRunner().invoke(
        app, ["tm", "search", "Vina Milk", "--json", "--register", str(loaded), "--limit", "1"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["number"] == "4-0000001"
    assert json.loads(keyfields.read_text())["format"] != "tm-keys-2"
