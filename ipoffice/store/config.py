"""Where the database and the document files live (environment first, then the working directory)."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import make_url

DATABASE_URL_ENV = "IPOFFICE_DATABASE_URL"
FILES_DIR_ENV = "IPOFFICE_FILES_DIR"
DEFAULT_DATABASE_URL = "sqlite:///./ipoffice.db"


def database_url() -> str:
    """``IPOFFICE_DATABASE_URL``, else ``sqlite:///./ipoffice.db`` (SQLite in the working directory)."""
    return os.environ.get(DATABASE_URL_ENV) or DEFAULT_DATABASE_URL


def files_dir(url: str | None = None) -> Path:
    """``IPOFFICE_FILES_DIR``, else a folder next to the SQLite database (``ipoffice.db`` -> ``ipoffice-files``),
    else ``./ipoffice-files`` (PostgreSQL or an in-memory database)."""
    env = os.environ.get(FILES_DIR_ENV)
    if env:
        return Path(env)
    u = make_url(url or database_url())
    if u.get_backend_name() == "sqlite" and u.database and u.database != ":memory:":
        db = Path(u.database)
        return db.with_name(f"{db.stem}-files")
    return Path("ipoffice-files")
