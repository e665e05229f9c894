"""gunicorn settings for eerstelijn: ``gunicorn -c python:webapp.gunicorn_conf 'webapp:create_app()'``.

``preload_app`` builds the app once in the master process before any worker forks: the language
models are loaded (or trained and cached) and the shipped content read there, so every worker starts
with them in memory and no request waits on training. Workers, threads and the address stay on the
command line (``-w 4 --threads 4 -b 127.0.0.1:8000``).
"""

from __future__ import annotations

from typing import Any

preload_app = True


def on_starting(server: Any) -> None:
    """Make sure the model cache is filled before the workers start (a no-op once the app is preloaded)."""
    from webapp.calls.runners import warm_up

    warm_up()
