"""The ``ipoffice`` command line: one Typer command group per capability, mounted here.

Each capability keeps its commands in ``ipoffice/<capability>/cli.py`` with a ``register(app)`` function that
adds its commands or sub-groups to the root application; add the module to ``CAPABILITY_CLIS`` below.
User errors (:class:`ipoffice.core.errors.UserError`) print a clear message and exit non-zero, never a trace.
"""

from __future__ import annotations

import importlib

import typer
from typer.core import TyperGroup

from ipoffice.core import i18n
from ipoffice.core.errors import UserError


class _OfficeGroup(TyperGroup):
    """Turns a :class:`UserError` raised by any command into its message on stderr and a non-zero exit."""

    def invoke(self, ctx):
        lang = _lang_option([*getattr(ctx, "protected_args", []), *ctx.args])
        with i18n.language(lang):
            try:
                return super().invoke(ctx)
            except UserError as err:
                typer.secho(err.message(), fg=typer.colors.RED, err=True)
                raise typer.Exit(err.exit_code) from None


def _lang_option(args: list[str]) -> str | None:
    """The value of a ``--lang`` option anywhere on the command line, so errors speak the language asked for."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


app = typer.Typer(
    cls=_OfficeGroup,
    name="ipoffice",
    help="ipoffice: the register, procedures and analytics of an intellectual-property office.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Modules with a ``register(app: typer.Typer) -> None`` function, in the order their commands appear in --help.
CAPABILITY_CLIS: list[str] = [
    "ipoffice.store.cli",
    "ipoffice.demo.cli",
    "ipoffice.law.cli",
    "ipoffice.assist.cli",
    "ipoffice.assist.prior_art_cli",
    "ipoffice.office.cli",
    "ipoffice.innovation.cli",
    "ipoffice.patentmap.cli",
    "ipoffice.exchange.cli",
    "ipoffice.web.cli",
    "ipoffice.publish.cli",
]


@app.callback()
def _root() -> None:
    """ipoffice: the register, procedures and analytics of an intellectual-property office."""


@app.command()
def version() -> None:
    """Print the installed version."""
    from ipoffice import __version__

    typer.echo(__version__)


for _module in CAPABILITY_CLIS:
    importlib.import_module(_module).register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
