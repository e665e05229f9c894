"""The eerstelijn web application: ``create_app()`` is the composition root of the web side."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from webapp import config, content, db, errors, extensions, headers, inputs, labels
from webapp.calls import service


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Create and configure the app; ``test_config`` overrides the environment's configuration."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object(config.for_environment())
    if test_config is not None:
        app.config.from_mapping(test_config)
    config.ensure_secret_key(app)
    config.trust_proxies(app)
    inputs.init_app(app)
    db.init_app(app)
    content.init_app(app)
    extensions.init_app(app)
    errors.init_app(app)
    service.init_app(app)
    labels.init_app(app)
    headers.init_app(app)
    from webapp import admin, api, auth, instructor, selfstudy, trainee, voice

    for blueprint in (auth.bp, trainee.bp, selfstudy.bp, instructor.bp, admin.bp, api.bp, voice.bp):
        app.register_blueprint(blueprint)
    if app.config["PRELOAD"]:
        from webapp.calls.runners import warm_up

        with app.app_context():  # the app's own content source
            warm_up()
    return app
