"""Voice calls in the browser: the caller's voice, the trainee's speech, turn-taking and recordings.

One blueprint serves the JSON/audio routes under ``/api/v1`` and the page route that deletes a
recording; ``voice_console(call)`` and ``voice_recording(call)`` are template helpers for the console's
voice block and the review page's recording slot.
"""

from flask import Blueprint

bp = Blueprint("voice", __name__)

from webapp.voice import api, deadair, pages, speech  # noqa: E402,F401  (registers the routes and hooks)
