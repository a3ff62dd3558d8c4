"""The emulator's routes, one module per API family."""

from __future__ import annotations

from aiohttp import web

from .._state import Store
from . import (
    api_apps,
    apps,
    audio,
    bots,
    chat,
    commerce,
    connectors,
    conversations,
    datasets,
    enterprises,
    files,
    folders,
    oauth,
    templates,
    users,
    variables,
    workflows,
    workspaces,
)

__all__ = ["add_all_routes", "new_store"]


def add_all_routes(app: web.Application) -> None:
    """Register every emulated endpoint on ``app``."""
    families = (
        *(chat, conversations, bots, files, workflows, workspaces),
        *(users, variables, templates, folders, apps, connectors, datasets, oauth),
        *(api_apps, enterprises, commerce, audio),
    )
    for family in families:
        family.add_routes(app)


def new_store() -> Store:
    """A store holding each family's state at its start (default bots, workflows, workspace,
    folders, apps, template, enterprise, benefits, bill tasks and system voices): the one
    place the emulator's state is created."""
    return Store(
        bots=bots.BotsState(),
        conversations=conversations.ConversationsState(),
        chats=chat.ChatsState(),
        files=files.FilesState(),
        workflows=workflows.WorkflowsState(),
        workspaces=workspaces.WorkspacesState(),
        variables=variables.VariablesState(),
        templates=templates.TemplatesState(),
        folders=folders.FoldersState(),
        apps=apps.AppsState(),
        connectors=connectors.ConnectorsState(),
        datasets=datasets.DatasetsState(),
        audio=audio.AudioState(),
        oauth=oauth.OAuthState(),
        api_apps=api_apps.ApiAppsState(),
        enterprises=enterprises.EnterprisesState(),
        commerce=commerce.CommerceState(),
    )
