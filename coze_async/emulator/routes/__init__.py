"""The emulator's routes, one module per API family."""

from __future__ import annotations

from aiohttp import web

from . import bots, chat, conversations, files, misc, workflows, workspaces

__all__ = ["add_all_routes"]


def add_all_routes(app: web.Application) -> None:
    """Register every emulated endpoint on ``app``."""
    for family in (chat, conversations, bots, files, workflows, workspaces, misc):
        family.add_routes(app)
