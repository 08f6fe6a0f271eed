"""Web settings from the environment (nothing is read from the repository or ``../shared`` at run time).

``IPOFFICE_DATABASE_URL``  the register (default ``sqlite:///./ipoffice.db``, see :mod:`ipoffice.store.config`)
``IPOFFICE_SECRET_KEY``    signs session cookies, CSRF tokens and API tokens; when unset a random key is generated
                           once into ``IPOFFICE_SECRET_FILE`` (default ``~/.config/ipoffice/web-secret``, mode 0600)
``IPOFFICE_COOKIE_SECURE`` ``1`` to mark cookies ``Secure`` (behind HTTPS); default ``0`` for 127.0.0.1
``IPOFFICE_TODAY``         the office's "today" (ISO date) for a demo built on a fixed day; default the real date
``IPOFFICE_SESSION_HOURS`` session lifetime (default 8); ``IPOFFICE_LOGIN_ATTEMPTS`` failures allowed per
                           client and 5 minutes before login is refused (default 5)
``IPOFFICE_TM_CHECK_SECONDS`` how often (seconds) the pre-filing check looks whether the register changed
                           (default 5; 0 = before every check); the examiner's search always looks
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ipoffice.store.config import database_url

SECRET_ENV = "IPOFFICE_SECRET_KEY"
SECRET_FILE_ENV = "IPOFFICE_SECRET_FILE"


def _secret_file() -> Path:
    env = os.environ.get(SECRET_FILE_ENV)
    if env:
        return Path(env)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "ipoffice" / "web-secret"


def load_secret() -> str:
    """The signing key: the environment, else a key generated once into a private file outside the repo."""
    env = os.environ.get(SECRET_ENV)
    if env:
        return env
    path = _secret_file()
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(key)
    return key


@dataclass(frozen=True)
class WebSettings:
    database_url: str
    secret_key: str
    cookie_secure: bool = False
    today: date | None = None
    session_hours: int = 8
    login_attempts: int = 5
    tm_check_seconds: float = 5.0
    prior_art_dense: bool = False  # the workbench's prior-art index also embeds (MiniLM); else BM25 only
    warm_indexes: bool = False  # build the prior-art index at start (``ipoffice serve`` sets it)

    @classmethod
    def from_env(cls, database_url_: str | None = None) -> WebSettings:
        today = os.environ.get("IPOFFICE_TODAY")
        return cls(
            database_url=database_url_ or database_url(),
            secret_key=load_secret(),
            cookie_secure=os.environ.get("IPOFFICE_COOKIE_SECURE", "0") not in ("", "0", "false"),
            today=date.fromisoformat(today) if today else None,
            session_hours=int(os.environ.get("IPOFFICE_SESSION_HOURS", "8")),
            login_attempts=int(os.environ.get("IPOFFICE_LOGIN_ATTEMPTS", "5")),
            tm_check_seconds=float(os.environ.get("IPOFFICE_TM_CHECK_SECONDS", "5")),
            prior_art_dense=os.environ.get("IPOFFICE_PRIOR_ART_DENSE", "0") not in ("", "0", "false"),
            warm_indexes=os.environ.get("IPOFFICE_WARM_INDEXES", "0") not in ("", "0", "false"),
        )

    def office_today(self) -> date:
        return self.today or date.today()
