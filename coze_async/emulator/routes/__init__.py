"""The emulator's routes, one module per API family."""

from __future__ import annotations

from aiohttp import web

from . import (
    apps,
    bots,
    chat,
    connectors,
    conversations,
    files,
    folders,
    templates,
    users,
    variables,
    workflows,
    workspaces,
)

__all__ = ["add_all_routes"]


def add_all_routes(app: web.Application) -> None:
    """Register every emulated endpoint on ``app``."""
    families = (
        *(chat, conversations, bots, files, workflows, workspaces),
        *(users, variables, templates, folders, apps, connectors),
    )
    for family in families:
        family.add_routes(app)
