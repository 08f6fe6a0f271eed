from typer.testing import CliRunner

from ipoffice import __version__
from ipoffice.cli import app


def test_version_command_prints_the_package_version():
    result = CliRunner().invoke(app, ["version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == __version__


def test_user_errors_print_a_message_and_exit_non_zero():
    import typer

    from ipoffice.cli import _OfficeGroup
    from ipoffice.core.errors import UserError

    demo = typer.Typer(cls=_OfficeGroup)

    @demo.callback()
    def _root() -> None: ...

    @demo.command()
    def fail() -> None:
        raise UserError("error.prefix", field="filing_date", rule="Civil Code Art. 148")

    result = CliRunner().invoke(demo, ["fail"])
    assert result.exit_code == 2
    assert "filing_date" in result.output and "Civil Code Art. 148" in result.output
    assert "Traceback" not in result.output


def test_errors_speak_the_language_asked_for_with_lang():
    from ipoffice.cli import app

    vi = CliRunner().invoke(app, ["law", "deadlines", "--right", "trademark", "--filing-date", "2025-02-30"])
    en = CliRunner().invoke(
        app, ["law", "deadlines", "--right", "trademark", "--filing-date", "2025-02-30", "--lang", "en"]
    )
    assert vi.exit_code != 0 and en.exit_code != 0
    assert "filing_date" in vi.output and "filing_date" in en.output
    assert "trường" in vi.output and "field" in en.output and "trường" not in en.output
