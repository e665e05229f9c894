"""Translation functions under the names ``pybabel extract`` looks for (``_``, ``_l``, ``ngettext``)."""

from flask_babel import gettext, lazy_gettext, ngettext

_ = gettext

__all__ = ["_", "gettext", "lazy_gettext", "ngettext"]
