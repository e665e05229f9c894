"""Adapters at the edge of the core: persistence (``db``) and voice engines."""
