"""Steps due by operation of law: deemed withdrawal (no request, unpaid grant fees) and lapse of a mark."""

from __future__ import annotations

import json
from datetime import date

from office_requests import invention_request, trademark_request
from typer.testing import CliRunner

from ipoffice.office import examination as ex
from ipoffice.office import grant as gr
from ipoffice.office import publication as pub
from ipoffice.office.filing import file_application
from ipoffice.office.record import get_file
from ipoffice.office.sweep import sweep
from ipoffice.store.db import transaction


def test_sweep_lists_then_applies_what_the_law_decided(engine, act, monkeypatch):
    from ipoffice.cli import app

    unrequested = act(file_application, invention_request(date(2020, 3, 2))).application_number
    act(ex.accept_formality, unrequested, on=date(2020, 3, 20))
    requested = act(file_application, invention_request(date(2020, 3, 2))).application_number
    act(ex.request_examination, requested, on=date(2020, 3, 3))
    unpaid = act(file_application, trademark_request(date(2024, 3, 1))).application_number
    for fn, day in (
        (ex.accept_formality, date(2024, 3, 20)),
        (pub.publish, date(2024, 3, 25)),
        (ex.notify_intended_grant, date(2024, 6, 3)),
    ):
        act(fn, unpaid, on=day)
    old_mark = act(file_application, trademark_request(date(2013, 5, 2))).application_number
    for fn, day in (
        (ex.accept_formality, date(2013, 5, 20)),
        (pub.publish, date(2013, 7, 1)),
        (ex.notify_intended_grant, date(2014, 2, 3)),
        (gr.grant, date(2014, 3, 3)),
    ):
        act(fn, old_mark, on=day)

    today = date(2024, 10, 1)
    with transaction(engine, actor="system") as s:
        listed = {a.number: a for a in sweep(s, today)}
    assert set(listed) == {unrequested, unpaid, old_mark}  # the requested one is left alone
    assert listed[unrequested].event == "deemed_withdrawn" and listed[unrequested].deadline == date(
        2024, 3, 5
    )
    assert listed[unpaid].event == "deemed_withdrawn" and listed[old_mark].event == "lapsed"
    assert listed[old_mark].deadline == date(2023, 11, 2)  # expiry 2 May 2023 + 6 months' grace
    assert not any(a.applied for a in listed.values())
    with transaction(engine, actor="reader") as s:
        assert get_file(s, unpaid).status == "intended_grant"  # listing writes nothing

    monkeypatch.setenv("IPOFFICE_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    res = CliRunner().invoke(app, ["sweep", "--today", today.isoformat(), "--apply", "--json"])
    assert res.exit_code == 0, res.output
    assert sorted(a["number"] for a in json.loads(res.output) if a["applied"]) == sorted(
        [unrequested, unpaid, old_mark]
    )
    with transaction(engine, actor="reader") as s:
        assert get_file(s, unrequested).status == "deemed_withdrawn"
        assert get_file(s, unpaid).events[-1].legal_status_code == "B12"
        assert get_file(s, old_mark).status == "lapsed"
        assert get_file(s, requested).status == "filed"
        assert sweep(s, today) == []  # nothing left to do
