"""The emulator's in-memory state: bots, conversations and their messages, chats, files,
workflows. Payloads are kept as the API's own dicts (field names from the Coze OpenAPI)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from ._bots import ECHO_BOT_ID, TOOL_BOT_ID, ChatContext, Responder, echo_responder, tool_responder
from ._wire import ApiError, new_id, now

__all__ = ["STORE", "ChatRecord", "Store", "bot_record"]


@dataclass
class ChatRecord:
    """One chat: its API dict, the messages it produced, and its progress."""

    data: dict[str, Any]
    context: ChatContext
    auto_save_history: bool
    messages: list[dict[str, Any]] = field(default_factory=list)
    #: The status the chat reaches once its run is over (for polled, non-stream chats).
    outcome: dict[str, Any] | None = None
    task: asyncio.Task[None] | None = None


def bot_record(bot_id: str, name: str) -> dict[str, Any]:
    """A new bot's fields, before it is published or placed in a space."""
    created = now()
    return {
        "bot_id": bot_id,
        "name": name,
        "description": "",
        "icon_url": "",
        "create_time": created,
        "update_time": created,
        "bot_mode": 0,
        "prompt_info": {"prompt": ""},
        "onboarding_info": {"prologue": "", "suggested_questions": []},
        "plugin_info_list": [],
    }


class Store:
    """Everything the emulator remembers, in memory."""

    def __init__(self) -> None:
        self.bots: dict[str, dict[str, Any]] = {}
        self.responders: dict[str, Responder] = {}
        self.conversations: dict[str, dict[str, Any]] = {}
        self.messages: dict[str, list[dict[str, Any]]] = {}
        self.chats: dict[str, ChatRecord] = {}
        self.files: dict[str, dict[str, Any]] = {}
        self.file_contents: dict[str, bytes] = {}
        self.workflows: dict[str, dict[str, Any]] = {}
        #: Workspaces (with their members), created on first use by the workspace routes.
        self.workspaces: list[dict[str, Any]] = []
        #: Feedback on bot messages, by message id.
        self.feedback: dict[str, dict[str, Any]] = {}
        #: Workflow executions by execute id (records kept by the workflow routes).
        self.workflow_runs: dict[str, Any] = {}
        #: The versions each publish created, by bot id (oldest first; see routes/bots.py).
        self.bot_versions: dict[str, list[dict[str, Any]]] = {}
        #: Bot collaboration modes by bot id (``single`` unless set).
        self.bot_collaboration_modes: dict[str, str] = {}
        #: Collaborators (user ids) by bot id, workflow id and app id.
        self.bot_collaborators: dict[str, list[str]] = {}
        self.workflow_collaborators: dict[str, list[str]] = {}
        self.app_collaborators: dict[str, list[str]] = {}
        #: Published versions by workflow id (oldest first; the built-ins' are added on first use).
        self.workflow_versions: dict[str, list[dict[str, Any]]] = {}
        #: User variable values: (``bot:<id>``/``app:<id>``, connector_id, connector_uid) ->
        #: keyword -> ``{keyword, value, create_time, update_time}``.
        self.variables: dict[tuple[str, str, str], dict[str, dict[str, Any]]] = {}
        #: Folders, apps and templates (a default set is added on first use by routes/misc.py).
        self.folders: list[dict[str, Any]] = []
        self.apps: list[dict[str, Any]] = []
        self.templates: dict[str, dict[str, Any]] = {}
        #: Devices bound to connectors, by connector id (``{user_id, key, enums}`` each).
        self.connector_user_configs: dict[str, list[dict[str, Any]]] = {}
        #: Connectors installed in each workspace, by workspace id.
        self.installed_connectors: dict[str, list[str]] = {}
        #: Review results of bots on connectors, by (connector_id, bot_id).
        self.connector_bot_audits: dict[tuple[str, str], dict[str, Any]] = {}
        self.add_bot(ECHO_BOT_ID, "Echo", echo_responder)
        self.add_bot(TOOL_BOT_ID, "Weather tools", tool_responder)

    # -- bots ---------------------------------------------------------------------------------

    def add_bot(self, bot_id: str, name: str, responder: Responder) -> dict[str, Any]:
        """Create (or replace the responder of) a published bot."""
        self.responders[bot_id] = responder
        bot = self.bots.get(bot_id)
        if bot is None:
            bot = {**bot_record(bot_id, name), "version": "1", "is_published": True}
            self.bots[bot_id] = bot
        return bot

    def bot(self, bot_id: str) -> dict[str, Any]:
        bot = self.bots.get(bot_id)
        if bot is None:
            raise ApiError(4200, f"bot {bot_id} does not exist")
        return bot

    def chat_responder(self, bot_id: str) -> Responder:
        """The responder of a bot that may chat (it must exist and be published)."""
        bot = self.bot(bot_id)
        if not bot.get("is_published", False):
            raise ApiError(
                4015, f"The bot_id {bot_id} has not been published to the channel Agent As API."
            )
        return self.responders.get(bot_id, echo_responder)

    # -- conversations ---------------------------------------------------------------------------

    def new_conversation(
        self, *, bot_id: str | None = None, meta_data: dict[str, str] | None = None
    ) -> dict[str, Any]:
        conversation_id = new_id()
        conversation: dict[str, Any] = {
            "id": conversation_id,
            "created_at": now(),
            "meta_data": meta_data or {},
            "last_section_id": new_id(),
        }
        if bot_id:
            conversation["bot_id"] = bot_id
        self.conversations[conversation_id] = conversation
        self.messages[conversation_id] = []
        return conversation

    def conversation(self, conversation_id: str) -> dict[str, Any]:
        conversation = self.conversations.get(conversation_id)
        if conversation is None:
            raise ApiError(4200, f"conversation {conversation_id} does not exist")
        return conversation

    def new_message(
        self,
        conversation_id: str,
        *,
        role: str,
        content: str,
        content_type: str = "text",
        type: str = "",
        bot_id: str = "",
        chat_id: str = "",
        meta_data: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        """A message dict (not yet stored anywhere)."""
        created = now()
        conversation = self.conversations.get(conversation_id, {})
        return {
            "id": new_id(),
            "conversation_id": conversation_id,
            "bot_id": bot_id,
            "chat_id": chat_id,
            "section_id": conversation.get("last_section_id", ""),
            "role": role,
            "type": type or ("question" if role == "user" else "answer"),
            "content": content,
            "content_type": content_type,
            "meta_data": meta_data or {},
            "created_at": created,
            "updated_at": created,
        }

    # -- chats ---------------------------------------------------------------------------------

    def chat(self, conversation_id: str, chat_id: str) -> ChatRecord:
        record = self.chats.get(chat_id)
        if record is None or record.data["conversation_id"] != conversation_id:
            raise ApiError(4200, f"chat {chat_id} does not exist in this conversation")
        return record


#: The key under which handlers find the store on ``request.app``.
STORE = web.AppKey("coze_emulator_store", Store)
