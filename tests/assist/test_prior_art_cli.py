"""The CLI: `prior-art index`, `prior-art --text/--file`, `ipc suggest`, `ai-trail show/act/export`, bad input."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from ipoffice.cli import app
from ipoffice.office.filing import FilingRequest, PartyInput, PriorityInput, file_application
from ipoffice.store.db import transaction

CORPUS = [
    {
        "id": "US-A",
        "title": "Instant coffee by spray drying",
        "abstract": "Coffee extract is spray dried.",
        "date": "2015-01-01",
        "ipc": ["A23F 5/28"],
    },
    {
        "id": "US-B",
        "title": "Freeze-dried coffee granules",
        "abstract": "Coffee extract is frozen then dried.",
        "date": "2024-06-01",
        "ipc": ["A23F 5/32"],
    },
    {
        "id": "US-C",
        "title": "Packet encryption keys",
        "abstract": "Session keys rotate.",
        "date": "2016-01-01",
        "ipc": ["H04L 9/08"],
    },
]


@pytest.fixture(scope="module")
def office(tmp_path_factory, _fresh_databases):  # type: ignore[no-untyped-def]
    tmp_path = tmp_path_factory.mktemp("prior-art-cli")
    url = f"sqlite:///{tmp_path / 'office.db'}"
    engine = _fresh_databases.engine(url)
    req = FilingRequest(
        right="invention",
        filing_date=date(2025, 3, 3),
        applicants=[PartyInput(name="Công ty Cà phê Sơn La", country="VN")],
        title="Cà phê hòa tan - instant coffee by spray drying an extract",
        priorities=[PriorityInput(country="US", number="63/000,001", date=date(2024, 3, 4))],
        ipc=["A23F 5/28"],
    )
    with transaction(engine, actor="clerk") as s:
        number = file_application(s, req, actor="clerk", today=date(2025, 3, 3)).application_number
    engine.dispose()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "us.jsonl").write_text("\n".join(json.dumps(d) for d in CORPUS) + "\n")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("IPOFFICE_DATABASE_URL", url)
        mp.setenv("IPOFFICE_INDEX_DIR", str(tmp_path / "index"))
        mp.setenv("IPOFFICE_LANG", "en")
        runner = CliRunner()
        r = runner.invoke(app, ["prior-art", "index", "--no-dense", "--corpus", str(corpus)])
        assert r.exit_code == 0, r.output
        assert "Indexed 4 documents" in r.output
        yield runner, number


def test_text_search_json(office) -> None:  # type: ignore[no-untyped-def]
    runner, _ = office
    r = runner.invoke(app, ["prior-art", "--text", "spray dried coffee", "--json", "--limit", "2"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["hits"][0]["id"] == "US-A" and len(data["hits"]) == 2
    assert "trail_entry" not in data  # a free-text search for no file is not recorded


def test_file_search_uses_its_priority_cutoff_and_is_recorded(office) -> None:  # type: ignore[no-untyped-def]
    runner, number = office
    r = runner.invoke(app, ["prior-art", "--file", number, "--json", "--actor", "examiner.le"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    ids = [h["id"] for h in data["hits"]]
    assert (
        "US-A" in ids and "US-B" not in ids and number not in ids
    )  # later than the priority; itself excluded
    assert data["query"]["before"] == "2024-03-04"
    use = data["trail_entry"]
    r = runner.invoke(app, ["ai-trail", "act", number, str(use), "cited", "--item", "US-A", "--note", "D1"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["ai-trail", "show", number])
    assert "AI assistant used" in r.output and "action=cited" in r.output
    exported = json.loads(runner.invoke(app, ["ai-trail", "export", number]).output)
    assert exported["chain_intact"]
    mine = [e for e in exported["entries"] if e["id"] == use or e.get("use_id") == use]
    assert [e["kind"] for e in mine] == ["use", "action"] and mine[1]["items"] == ["US-A"]
    assert mine[0]["actor"] == "examiner.le" and mine[0]["results"][0]["id"] in {"US-A", "US-C"}


def test_ipc_suggest(office) -> None:  # type: ignore[no-untyped-def]
    runner, number = office
    r = runner.invoke(app, ["ipc", "suggest", "--text", "dried coffee extract", "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["subclasses"][0]["symbol"] == "A23F"
    r = runner.invoke(app, ["ipc", "suggest", "--file", number])
    assert r.exit_code == 0 and "A23F" in r.output and "Recorded" in r.output


def test_table_output_marks_passages(office) -> None:  # type: ignore[no-untyped-def]
    runner, _ = office
    r = runner.invoke(app, ["prior-art", "--text", 'coffee [AND] "granules', "--limit", "3"])
    assert r.exit_code == 0, r.output
    assert "US-B" in r.output and "BM25" in r.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["prior-art"], "exactly one of --text or --file"),
        (["prior-art", "--text", "x", "--file", "1"], "exactly one of --text or --file"),
        (["prior-art", "--text", "coffee", "--before", "03/2024"], "Not a date"),
        (["prior-art", "--text", "coffee", "--ipc", "junk!"], "Not an IPC symbol"),
        (["prior-art", "--file", "1-2099-00001"], "no file number"),
        (["prior-art", "--text", "coffee", "--index", "/nonexistent/idx"], "no prior-art index"),
        (["ai-trail", "act", "1-2099-00001", "1", "cited"], "no file number"),
    ],
)
def test_bad_input_is_a_message_not_a_trace(office, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    runner, _ = office
    r = runner.invoke(app, args)
    assert r.exit_code != 0
    assert message.lower() in r.output.lower()
    assert "Traceback" not in r.output
