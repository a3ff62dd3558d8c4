"""One module per resource family; each holds the async client and its sync twin.

:data:`ROOT_RESOURCES` is the one table of the families on the root clients: ``AsyncCoze`` and
``Coze`` both read it (each family module is imported on first access). Adding a family is one
row here, plus its typed attribute line on each root for type checkers.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["ROOT_RESOURCES", "load"]

#: attribute (= module under ``resources/``) -> (async class, sync class, one-line description)
ROOT_RESOURCES: dict[str, tuple[str, str, str]] = {
    "chat": ("AsyncChatClient", "ChatClient", "Chats with bots: create, stream, poll, ..."),
    "conversations": (
        "AsyncConversationsClient",
        "ConversationsClient",
        "Conversations and their messages.",
    ),
    "bots": ("AsyncBotsClient", "BotsClient", "Bots: create, update, publish, list."),
    "files": ("AsyncFilesClient", "FilesClient", "File uploads."),
    "workflows": ("AsyncWorkflowsClient", "WorkflowsClient", "Workflows: runs, streams, chat."),
    "workspaces": ("AsyncWorkspacesClient", "WorkspacesClient", "Workspaces and their members."),
    "users": ("AsyncUsersClient", "UsersClient", "The current user."),
    "variables": ("AsyncVariablesClient", "VariablesClient", "Bot and app variables."),
    "templates": ("AsyncTemplatesClient", "TemplatesClient", "Templates."),
    "folders": ("AsyncFoldersClient", "FoldersClient", "Folders."),
    "apps": ("AsyncAppsClient", "AppsClient", "Apps and their collaborators."),
    "connectors": ("AsyncConnectorsClient", "ConnectorsClient", "Connectors."),
    "datasets": (
        "AsyncDatasetsClient",
        "DatasetsClient",
        "Knowledge bases (datasets), their documents and images.",
    ),
    "knowledge": (
        "AsyncKnowledgeClient",
        "KnowledgeClient",
        "Deprecated: the documents of knowledge bases (use datasets).",
    ),
    "api_apps": (
        "AsyncAPIAppsClient",
        "APIAppsClient",
        "Callback apps and the events they subscribe to.",
    ),
    "enterprises": (
        "AsyncEnterprisesClient",
        "EnterprisesClient",
        "Enterprise members and organizations.",
    ),
    "benefits": ("AsyncBenefitsClient", "BenefitsClient", "The plan's benefits."),
    "benefit_limitations": (
        "AsyncBenefitLimitationsClient",
        "BenefitLimitationsClient",
        "Quotas of end users.",
    ),
    "bill_tasks": ("AsyncBillTasksClient", "BillTasksClient", "Bill export tasks."),
    "audio": (
        "AsyncAudioClient",
        "AudioClient",
        "Speech, transcriptions, voices, rooms, lives, voiceprint groups.",
    ),
}


def load(name: str, *, sync: bool) -> Any:
    """The async or sync client class of the family ``name``."""
    async_name, sync_name, _ = ROOT_RESOURCES[name]
    module = importlib.import_module(f"{__name__}.{name}")
    return getattr(module, sync_name if sync else async_name)
