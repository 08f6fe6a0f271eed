"""docs/publish.md cannot drift: every letter kind, every CLI command and every INID code used is documented."""

from __future__ import annotations

from pathlib import Path

import typer

from ipoffice.publish.cli import register
from ipoffice.publish.inid import LABELS
from ipoffice.publish.letters import SPECS, LetterKind

DOC = Path(__file__).resolve().parents[2] / "docs" / "publish.md"


def test_every_letter_command_and_inid_code_is_documented():
    text = DOC.read_text(encoding="utf-8")
    missing = [f"`{k.value}`" for k in LetterKind if f"`{k.value}`" not in text]
    missing += [f"`{s.event.value}`" for s in SPECS.values() if f"`{s.event.value}`" not in text]
    app = typer.Typer()
    register(app)
    group = app.registered_groups[0].typer_instance
    assert group is not None
    missing += [
        f"publish {c.name}" for c in group.registered_commands if f"ipoffice publish {c.name}" not in text
    ]
    missing += [f"({code})" for codes in LABELS.values() for code in codes if f"({code})" not in text]
    assert not missing, f"undocumented in docs/publish.md: {missing}"
