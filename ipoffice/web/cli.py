"""``ipoffice serve`` (the web platform on uvicorn) and ``ipoffice user add`` (accounts with a role)."""

from __future__ import annotations

import getpass
import os

import typer

from ipoffice.core import i18n
from ipoffice.core.errors import UserError
from ipoffice.web.i18n import messages as _messages  # noqa: F401  (registers web.cli.*)

user_app = typer.Typer(
    help="Accounts of the web platform (roles: applicant, agent, examiner, registrar, admin).",
    no_args_is_help=True,
)


@user_app.command("add")
def user_add(
    username: str,
    role: str = typer.Option("applicant", help="applicant, agent, examiner, registrar or admin"),
    display_name: str = typer.Option("", help="name shown on pages"),
    password_env: str = typer.Option("", help="read the password from this environment variable (scripts)"),
) -> None:
    """Create an account (the password is asked twice, or read from --password-env)."""
    import os

    from ipoffice.store.config import database_url
    from ipoffice.store.db import make_engine, transaction
    from ipoffice.web.auth import create_user

    if password_env:
        password = os.environ.get(password_env, "")
    else:
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise UserError("web.cli.password_mismatch", field="password", rule="confirmation")
    if role not in {"applicant", "agent", "examiner", "registrar", "admin", "public"}:
        raise UserError("web.auth.bad_role", field="role", rule="roles", value=role)
    engine = make_engine(database_url())
    try:
        with transaction(engine, actor="cli:user-add") as s:
            create_user(s, username, password, role, display_name or None)
    finally:
        engine.dispose()
    typer.echo(i18n.t("web.cli.user_added", username=username.lower(), role=role))


def register(app: typer.Typer) -> None:
    import ipoffice.web.i18n  # noqa: F401  (messages used by user errors)

    @app.command("serve")
    def serve(
        host: str = typer.Option("127.0.0.1", help="address to listen on"),
        port: int = typer.Option(8000, help="port"),
        workers: int = typer.Option(1, help="uvicorn worker processes"),
    ) -> None:
        """Serve the web platform (public register, e-filing, examiner queue, /api/v1) with uvicorn."""
        import uvicorn

        from ipoffice.store.config import database_url
        from ipoffice.store.db import upgrade

        upgrade(database_url())
        os.environ.setdefault(
            "IPOFFICE_WARM_INDEXES", "1"
        )  # each worker builds or opens its indexes at start
        uvicorn.run(
            "ipoffice.web.app:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            proxy_headers=False,
            server_header=False,
        )

    app.add_typer(user_app, name="user")
