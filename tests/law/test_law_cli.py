"""``ipoffice law``: deadlines JSON with stable step names, human tables, regimes, fees, and bad input."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from ipoffice.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["law", *args])


def test_deadlines_json_shape_and_stable_step_names():
    r = run("deadlines", "--right", "invention", "--filing-date", "2024-03-15", "--priority-date", "2023-09-20",
            "--json")
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["regime"] == "vn-2023"
    steps = {d["step"]: d for d in out["deadlines"]}
    assert {"opposition", "examination_request", "pct_national_phase", "paris_priority"} <= steps.keys()
    # priority 20 Sep 2023 + 31 months = 20 Apr 2026 (Mon, not a holiday)
    assert steps["pct_national_phase"]["due"] == "2026-04-20"
    # + 42 months = 20 Mar 2027 (Sat) -> Mon 22 Mar 2027
    assert steps["examination_request"]["due"] == "2027-03-22"
    for d in out["deadlines"]:
        assert d["basis"] and len(d["due"]) == 10


def test_deadlines_human_table_in_vietnamese_by_default_and_english_on_request():
    r = run("deadlines", "--right", "trademark", "--filing-date", "2025-03-03")
    assert r.exit_code == 0 and "Phản đối" in r.stdout and "Art. 112a(1)(c)" in r.stdout
    r = run("deadlines", "--right", "trademark", "--filing-date", "2025-03-03", "--lang", "en")
    assert r.exit_code == 0 and "Opposition" in r.stdout


def test_regimes_and_fees_commands():
    r = run("regimes", "--json")
    assert r.exit_code == 0
    assert [x["id"] for x in json.loads(r.stdout)] == ["vn-2010", "vn-2023", "vn-2026"]
    r = run("fees", "--right", "trademark", "--classes", "2", "--items", "9,4", "--date", "2022-05-04", "--json")
    assert r.exit_code == 0, r.output
    q = json.loads(r.stdout)
    assert q["tariff"] == "vn-tariff-263-2016" and q["currency"] == "VND"
    assert q["total"] == sum(line["amount"] for line in q["lines"])
    r = run("fees", "--right", "design", "--variants", "2", "--lang", "en")
    assert r.exit_code == 0 and "Design examination fee" in r.stdout and "1,400,000" in r.stdout


def _fails(r, field: str) -> None:
    assert r.exit_code != 0
    assert field in r.output
    assert "Traceback" not in r.output


def test_bad_input_exits_non_zero_naming_the_field():
    _fails(run("deadlines", "--right", "invention", "--filing-date", "2025-02-30"), "filing_date")
    _fails(run("deadlines", "--right", "patent", "--filing-date", "2025-02-03"), "right")
    _fails(run("deadlines", "--right", "invention", "--filing-date", "2025-02-03", "--priority-date",
               "2025-03-01"), "priority_date")
    _fails(run("deadlines", "--right", "trademark", "--filing-date", "2025-02-03", "--priority-date",
               "2024-02-01"), "priority_date")
    _fails(run("deadlines", "--right", "trademark", "--filing-date", "2025-02-03", "--publication-date",
               "2025-01-01"), "publication_date")
    _fails(run("deadlines", "--right", "trademark", "--filing-date", "2008-05-05"), "filing_date")
    _fails(run("deadlines", "--right", "trademark"), "filing_date")
    _fails(run("deadlines", "--right", "trademark", "--filing-date", "2025-02-03", "--route", "fax"), "route")
    _fails(run("fees", "--right", "trademark", "--classes", "0"), "classes")
    _fails(run("fees", "--right", "trademark", "--date", "2015-01-01"), "date")


def test_fees_quotes_an_annuity_a_renewal_and_the_late_surcharge():
    r = run("fees", "--right", "invention", "--claims", "2", "--annuity-year", "5", "--date", "2025-03-10",
            "--due", "2025-01-06", "--json")
    assert r.exit_code == 0, r.output
    q = json.loads(r.stdout)
    codes = {x["code"]: x for x in q["lines"]}
    assert codes["annuity_use_5_6"]["amount"] == 2 * 780_000
    assert codes["late_surcharge"]["amount"] == round(2 * 100_000 * 0.10 * 3)  # 3 begun late months
    assert q["total"] == sum(x["amount"] for x in q["lines"])
    r = run("fees", "--right", "trademark", "--classes", "2", "--renewal", "--date", "2025-03-10", "--lang", "en")
    assert r.exit_code == 0 and "Renewal charge (per class)" in r.stdout and "1,760,000" in r.stdout
    _fails(run("fees", "--right", "gi", "--renewal"), "right")
    _fails(run("fees", "--right", "invention", "--annuity-year", "21"), "annuity_year")
    _fails(run("fees", "--right", "design", "--renewal", "--date", "2025-03-10", "--due", "2024-08-01"), "paid")
