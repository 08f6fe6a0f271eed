"""Every file export carries the file's AI trail, as the web export does: ST.97 JSON inside (``AITrail``), ST.96
beside the XML (``<number>.ai-trail.json``, the XML still valid). The searches are recorded through the same
run-and-record path as the CLI and the workbench (:mod:`ipoffice.assist.recorded`). Generated test filings."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from lxml import etree
from typer.testing import CliRunner

from ipoffice.assist import trail
from ipoffice.assist.prior_art import PriorArtIndex, register_documents
from ipoffice.assist.recorded import ipc_for_file, prior_art_for_file
from ipoffice.cli import app
from ipoffice.exchange import schemas
from ipoffice.exchange.export import export
from ipoffice.office.filing import FilingRequest, PartyInput, file_application
from ipoffice.store.db import make_engine, transaction, upgrade

TODAY = date(2026, 1, 10)


def _file(s: Any, title: str, abstract: str, filed: str, ipc: list[str]) -> str:
    req = FilingRequest(
        right="invention",
        filing_date=filed,
        title=title,
        applicants=[PartyInput(name="Công ty Thử nghiệm", country="VN")],
        ipc=ipc,
        details={"abstract": abstract},
    )
    return file_application(s, req, actor="clerk", today=TODAY).application_number


def _register(engine: Any, tmp: Path) -> tuple[str, str, str]:
    """Two patents, a search and an IPC suggestion for the later one recorded with decisions; the earlier untouched."""
    with transaction(engine, actor="clerk") as s:
        early = _file(
            s,
            "Fish sauce fermentation",
            "Anchovy and salt fermented in wooden vats.",
            "2024-01-05",
            ["A23L 17/00"],
        )
        later = _file(
            s,
            "Fast fish sauce",
            "Anchovy and salt fermented with added protease.",
            "2025-06-01",
            ["A23L 17/00"],
        )
    with transaction(engine, actor="clerk") as s:
        docs = list(register_documents(s))
    index = PriorArtIndex(None, tmp / "index")
    index.build(docs)
    found = prior_art_for_file(engine, index, later, actor="examiner.le")
    assert [h.id for h in found.result.hits] == [early]
    ipc = ipc_for_file(engine, index, later, actor="examiner.le")
    with transaction(engine, actor="examiner.le") as s:
        trail.record_action(s, later, found.use_id, "cited", actor="examiner.le", items=[early], note="D1")
        trail.record_action(s, later, ipc.use_id, "accepted", actor="examiner.le", items=["A23L"])
    return early, later, found.result.index_version


def test_st97_and_st96_exports_carry_the_trail(engine: Any, tmp_path: Path) -> None:
    early, later, version = _register(engine, tmp_path)
    with transaction(engine, actor="exporter") as s:
        st97 = {d.number: json.loads(d.content) for d in export(s, "st97", numbers=[early, later])}
        st96 = {d.number: d for d in export(s, "st96", numbers=[early, later])}
        expected = trail.export(s, later)
        bare = export(s, "st97", numbers=[later], with_trail=False)
    ai = st97[later]["AITrail"]
    assert ai["chain_intact"] is True and ai["entries"] == expected["entries"]
    kinds = [(e["kind"], e["assistant"]) for e in ai["entries"]]
    assert kinds == [
        ("use", "prior_art"),
        ("use", "ipc_suggest"),
        ("action", "prior_art"),
        ("action", "ipc_suggest"),
    ]
    use = ai["entries"][0]
    assert use["index_version"] == version and use["query"]["before"] == "2025-06-01"
    assert use["results"][0]["id"] == early and use["results"][0]["passages"]
    assert ai["entries"][2]["items"] == [early] and ai["entries"][2]["note"] == "D1"
    assert st97[early]["AITrail"]["entries"] == []  # a file without AI use says so
    assert "AITrail" not in json.loads(bare[0].content)

    doc = st96[later]
    assert schemas.errors(etree.fromstring(doc.content)) == []  # the XML itself is unchanged and valid
    assert doc.ai_trail is not None and json.loads(doc.ai_trail)["entries"] == expected["entries"]
    assert doc.trail_file_name == later.replace("/", "_") + ".ai-trail.json"


def test_the_cli_export_writes_the_trail(tmp_path: Path, monkeypatch: Any) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    upgrade(url)
    engine = make_engine(url)
    try:
        _, later, _ = _register(engine, tmp_path)
    finally:
        engine.dispose()
    monkeypatch.setenv("IPOFFICE_DATABASE_URL", url)
    runner = CliRunner()
    out = tmp_path / "out"
    res = runner.invoke(app, ["exchange", "export", "--format", "st96", later, "-o", str(out)])
    assert res.exit_code == 0, res.output
    safe = later.replace("/", "_")
    assert (out / f"{safe}.xml").read_bytes().startswith(b"<?xml")
    side = json.loads((out / f"{safe}.ai-trail.json").read_text())
    assert side["chain_intact"] and len(side["entries"]) == 4
    res = runner.invoke(app, ["exchange", "export", "--format", "st97", later])
    assert res.exit_code == 0, res.output
    body = json.loads(res.output)
    assert [e["kind"] for e in body["AITrail"]["entries"]] == ["use", "use", "action", "action"]
