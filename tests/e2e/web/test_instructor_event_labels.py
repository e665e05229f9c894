"""The instructor's timeline names a test the caller ran on their own PC (the guided path)."""

from __future__ import annotations

from webapp import create_app
from webapp.instructor.event_labels import describe


def test_a_guided_test_is_named_in_the_timeline(tmp_path, monkeypatch):
    monkeypatch.setenv("EERSTELIJN_ENV", "testing")
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}"})
    with app.test_request_context():
        text = describe("guided", {"step": "router_restart", "command": "router.restart"})
    assert text == "De beller voerde zelf een test uit: de router herstarten"  # named, not the action's code
