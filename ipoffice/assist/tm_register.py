"""A trademark register kept as files (``marks.jsonl`` plus its search index) until the office register adapter
exists: ``ipoffice tm load`` adds marks to it and ``ipoffice tm search`` searches it.

Loading is all or nothing: every line is checked first, the new index is built beside the old one, and only then
are the files swapped in, so a bad file or an interrupted load leaves the register as it was.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from ipoffice.assist.tm_search import InMemoryMarkSource, JsonlMarkSource, MarkRecord, TrademarkSearch
from ipoffice.core.errors import UserError

REGISTER_ENV = "IPOFFICE_TM_REGISTER"
DEFAULT_REGISTER = "ipoffice-tm"


def register_path(path: str | Path | None = None) -> Path:
    return Path(path or os.environ.get(REGISTER_ENV) or DEFAULT_REGISTER)


@dataclass
class LoadResult:
    added: int
    updated: int
    total: int
    path: Path


class FileRegister:
    """``marks.jsonl`` (the marks) and ``index/`` (the search index) in one directory."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.marks_file = path / "marks.jsonl"
        self.index_dir = path / "index"

    def exists(self) -> bool:
        return self.marks_file.is_file() and (self.index_dir / "keyfields.json").is_file()

    def records(self) -> list[MarkRecord]:
        return JsonlMarkSource(self.marks_file).read_all() if self.marks_file.is_file() else []

    def load(self, new_file: Path) -> LoadResult:
        """Add or replace (by number) the marks of ``new_file``."""
        incoming = JsonlMarkSource(new_file).read_all()
        merged: dict[str, MarkRecord] = {r.number: r for r in self.records()}
        added = sum(1 for r in {r.number: r for r in incoming} if r not in merged)
        updated = len({r.number for r in incoming}) - added
        for rec in incoming:
            merged[rec.number] = rec
        records = list(merged.values())
        self._write(records)
        return LoadResult(added, updated, len(records), self.path)

    def _write(self, records: list[MarkRecord]) -> None:
        """Build the index of ``records`` beside the current one, then swap both files in."""
        self.path.mkdir(parents=True, exist_ok=True)
        new_index, new_marks = self.path / "index.new", self.path / "marks.jsonl.new"
        try:
            TrademarkSearch.build(InMemoryMarkSource(records), new_index)
            with new_marks.open("w", encoding="utf-8") as fh:
                for rec in records:
                    fh.write(json.dumps(rec.payload(), ensure_ascii=False) + "\n")
            old_index = self.path / "index.old"
            if old_index.exists():
                shutil.rmtree(old_index)
            if self.index_dir.exists():
                self.index_dir.rename(old_index)
            new_index.rename(self.index_dir)
            new_marks.replace(self.marks_file)
            shutil.rmtree(old_index, ignore_errors=True)
        finally:
            shutil.rmtree(new_index, ignore_errors=True)
            new_marks.unlink(missing_ok=True)

    def engine(self) -> TrademarkSearch:
        if not self.exists():
            raise UserError("tm.error.no_index", field="register", path=str(self.path))
        if not TrademarkSearch.is_current(self.index_dir):
            # an index written by an earlier version (other keys or profiles): rebuilt from the marks kept
            self._write(self.records())
        return TrademarkSearch.open(self.index_dir)
