"""Emulated workflows endpoints (to be filled in)."""

from __future__ import annotations

from aiohttp import web

__all__ = ["add_routes"]


def add_routes(app: web.Application) -> None:
    """Register the workflows endpoints on ``app``."""
