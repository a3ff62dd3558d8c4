"""A Coze-compatible server with in-memory state, for offline development, examples and tests.

    async with Emulator() as emu:
        async with AsyncCoze(TokenAuth(emu.token), emu.base_url) as coze:
            async for event in coze.chat.stream(bot_id=ECHO_BOT_ID, user_id="me", ...):
                ...

Bots answer through responders (``emu.register_responder``); faults are injected per route
(``emu.inject(path="/v3/chat", status=429, retry_after=1)``). Its OAuth endpoints (JWT, PKCE,
web and device apps, registered with ``emu.register_oauth_app``) issue access tokens that the
rest of the API then accepts. The realtime endpoints (``/v1/chat``, ``/v1/audio/speech``,
``/v1/audio/transcriptions``) answer over websockets, their sessions logged in
``emu.store.websockets``. The official cozepy client works against it unmodified.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._bots import ECHO_BOT_ID, TOOL_BOT_ID, ChatContext, Reply, Responder, ToolCall
    from ._server import DEFAULT_TOKEN, Emulator
    from ._wire import Fault
    from .routes.workflows import ECHO_WORKFLOW_ID, ERROR_WORKFLOW_ID, INTERRUPT_WORKFLOW_ID
    from .routes.workspaces import PERSONAL_WORKSPACE_ID

#: Public name -> the module defining it. Resolved on first use (PEP 562), so importing the
#: package (as the auto-loaded pytest plugin does) does not load aiohttp.web and the routes.
_EXPORTS: dict[str, str] = {
    "DEFAULT_TOKEN": "._server",
    "ECHO_BOT_ID": "._bots",
    "ECHO_WORKFLOW_ID": ".routes.workflows",
    "ERROR_WORKFLOW_ID": ".routes.workflows",
    "INTERRUPT_WORKFLOW_ID": ".routes.workflows",
    "PERSONAL_WORKSPACE_ID": ".routes.workspaces",
    "TOOL_BOT_ID": "._bots",
    "ChatContext": "._bots",
    "Emulator": "._server",
    "Fault": "._wire",
    "Reply": "._bots",
    "Responder": "._bots",
    "ToolCall": "._bots",
}


def __getattr__(name: str) -> Any:
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


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
