"""docs/procedures.md cannot drift: every event code and every status is documented."""

from __future__ import annotations

from pathlib import Path

from ipoffice.office.events import EventCode
from ipoffice.office.workflow import Status

DOC = Path(__file__).resolve().parents[2] / "docs" / "procedures.md"


def test_every_event_and_status_is_documented():
    text = DOC.read_text(encoding="utf-8")
    missing = [c.value for c in EventCode if f"`{c.value}`" not in text]
    missing += [s.value for s in Status if f"`{s.value}`" not in text]
    assert not missing, f"undocumented in docs/procedures.md: {missing}"
