"""The platform on the web: FastAPI app (``app.create_app``), public pages, e-filing, examiner queue, REST API.

- ``settings``: configuration from the environment; ``i18n``: language negotiation and local formats;
- ``auth``: users, argon2 passwords, signed session cookies, API tokens, roles and CSRF (one dependency);
- ``errors``: one error shape (JSON under ``/api``, a page elsewhere); ``register_index``: the public search;
- ``pages/``: HTML pages (Jinja2 templates in ``templates/``, htmx vendored in ``static/``); ``api/``: ``/api/v1``.
"""
