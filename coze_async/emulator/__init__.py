"""A Coze-compatible server with in-memory state, for offline development, examples and tests.

    async with Emulator() as emu:
        async with AsyncCoze(TokenAuth(emu.token), emu.base_url) as coze:
            async for event in coze.chat.stream(bot_id=ECHO_BOT_ID, user_id="me", ...):
                ...

Bots answer through responders (``emu.register_responder``); faults are injected per route
(``emu.inject(path="/v3/chat", status=429, retry_after=1)``). The official cozepy client works
against it unmodified.
"""

from ._bots import ECHO_BOT_ID, TOOL_BOT_ID, ChatContext, Reply, Responder, ToolCall
from ._server import DEFAULT_TOKEN, Emulator
from ._wire import Fault
from .routes.workflows import ECHO_WORKFLOW_ID, ERROR_WORKFLOW_ID, INTERRUPT_WORKFLOW_ID
from .routes.workspaces import PERSONAL_WORKSPACE_ID

__all__ = [
    "DEFAULT_TOKEN",
    "ECHO_BOT_ID",
    "ECHO_WORKFLOW_ID",
    "ERROR_WORKFLOW_ID",
    "INTERRUPT_WORKFLOW_ID",
    "PERSONAL_WORKSPACE_ID",
    "TOOL_BOT_ID",
    "ChatContext",
    "Emulator",
    "Fault",
    "Reply",
    "Responder",
    "ToolCall",
]
