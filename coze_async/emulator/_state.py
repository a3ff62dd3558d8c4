"""The emulator's in-memory state: one attrs class per API family, owned by that family's
route module (``routes/<family>.py`` defines its ``<Family>State`` and the records it starts
with), all held by one :class:`Store`. Records are the API's own dicts (field names from the
Coze OpenAPI); the containers holding them are typed."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
from aiohttp import web

if TYPE_CHECKING:
    from .routes.api_apps import ApiAppsState
    from .routes.apps import AppsState
    from .routes.audio import AudioState
    from .routes.bots import BotsState
    from .routes.chat import ChatsState
    from .routes.commerce import CommerceState
    from .routes.connectors import ConnectorsState
    from .routes.conversations import ConversationsState
    from .routes.datasets import DatasetsState
    from .routes.enterprises import EnterprisesState
    from .routes.files import FilesState
    from .routes.folders import FoldersState
    from .routes.oauth import OAuthState
    from .routes.templates import TemplatesState
    from .routes.variables import VariablesState
    from .routes.workflows import WorkflowsState
    from .routes.workspaces import WorkspacesState

__all__ = ["STORE", "Store"]


@attrs.define(kw_only=True)
class Store:
    """Everything the emulator remembers, in memory: each family's state (built, with its
    default records, by :func:`coze_async.emulator.routes.new_store`)."""

    bots: BotsState
    conversations: ConversationsState
    chats: ChatsState
    files: FilesState
    workflows: WorkflowsState
    workspaces: WorkspacesState
    variables: VariablesState
    templates: TemplatesState
    folders: FoldersState
    apps: AppsState
    connectors: ConnectorsState
    datasets: DatasetsState
    audio: AudioState
    oauth: OAuthState
    api_apps: ApiAppsState
    enterprises: EnterprisesState
    commerce: CommerceState


#: The key under which handlers find the store on ``request.app``.
STORE: web.AppKey[Store] = web.AppKey("coze_emulator_store")
