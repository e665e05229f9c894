"""Security headers on every response, set by Flask-Talisman.

The pages load only their own scripts, styles, audio and fonts (no inline script or style); the
state diagram is an inline ``data:`` image. No site may frame a page (clickjacking), browsers must
not guess content types, and other sites are not told which page a link was followed from.
Talisman's HTTPS redirect stays off: the reverse proxy terminates TLS (see the README's production
section); the session cookie's ``Secure`` flag follows ``EERSTELIJN_SECURE_COOKIES``.
"""

from __future__ import annotations

from flask import Flask
from flask_talisman import Talisman

CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "media-src": "'self'",
    "connect-src": "'self'",
    "font-src": "'self'",
    "worker-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
#: The console needs the microphone (on this site only); nothing needs the camera or the location.
PERMISSIONS_POLICY = {"microphone": "(self)", "camera": "()", "geolocation": "()", "browsing-topics": "()"}

talisman = Talisman()


def init_app(app: Flask) -> None:
    """Send the security headers with every response of ``app``."""
    talisman.init_app(
        app,
        force_https=False,
        frame_options="DENY",
        content_security_policy=CONTENT_SECURITY_POLICY,
        permissions_policy=PERMISSIONS_POLICY,
        referrer_policy="same-origin",
        session_cookie_secure=bool(app.config.get("SESSION_COOKIE_SECURE")),
        session_cookie_samesite=app.config.get("SESSION_COOKIE_SAMESITE", "Lax"),
        x_content_type_options=True,
    )
