"""What the three realtime channels share: building a session of the client's transport."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..._errors import CozeInvalidArgumentTypeError
from ..._headers import validate_headers
from ..._transport import Transport
from ..._websocket import AsyncWebsocketSession
from ..._websocket_handlers import (
    AsyncWebsocketsBaseEventHandler,
    EventHandlers,
    WebsocketsBaseEventHandler,
)
from ...models.websockets import WebsocketsEvent

__all__ = ["OnEvent", "new_session"]

#: An ``on_event`` argument: a handler object (async or sync methods) or a dict by event type.
OnEvent = AsyncWebsocketsBaseEventHandler | WebsocketsBaseEventHandler | EventHandlers


def new_session(
    transport: Transport,
    path: str,
    params: Mapping[str, Any],
    events: Mapping[str, type[WebsocketsEvent]],
    headers: Mapping[str, str] | None,
    heartbeat: float | None,
) -> AsyncWebsocketSession:
    """A session of ``path`` (not yet open), its arguments checked here."""
    if heartbeat is not None and (
        isinstance(heartbeat, bool) or not isinstance(heartbeat, (int, float)) or heartbeat <= 0
    ):
        raise CozeInvalidArgumentTypeError(
            f"heartbeat must be a positive number of seconds or None, not {heartbeat!r}"
        )
    return AsyncWebsocketSession(
        transport,
        path,
        {k: v for k, v in params.items() if v is not None},
        events,
        headers=validate_headers(headers),
        heartbeat=heartbeat,
    )
