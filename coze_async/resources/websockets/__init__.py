"""The realtime family (``coze.websockets``): voice chat, speech synthesis and speech
recognition over websockets, in cozepy's handler style and as async iterators.

The channels live in ``chat``, ``speech`` and ``transcriptions``; the session under them in
``coze_async._websocket``, the handler machinery in ``coze_async._websocket_handlers`` and the
sync twins in ``coze_async._sync_websocket``.
"""

from __future__ import annotations

from typing import Final

from ..._sync_layer import SubResource, SyncResource
from ..._transport import AsyncResource, Transport
from .chat import AsyncWebsocketsChatBuildClient, WebsocketsChatBuildClient
from .speech import AsyncWebsocketsAudioSpeechBuildClient, WebsocketsAudioSpeechBuildClient
from .transcriptions import (
    AsyncWebsocketsAudioTranscriptionsBuildClient,
    WebsocketsAudioTranscriptionsBuildClient,
)

__all__ = [
    "AsyncWebsocketsAudioClient",
    "AsyncWebsocketsClient",
    "WebsocketsAudioClient",
    "WebsocketsClient",
]


class AsyncWebsocketsAudioClient(AsyncResource):
    """``coze.websockets.audio``: speech synthesis and recognition sessions."""

    speech: AsyncWebsocketsAudioSpeechBuildClient
    transcriptions: AsyncWebsocketsAudioTranscriptionsBuildClient

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport)
        self.speech = AsyncWebsocketsAudioSpeechBuildClient(transport)
        self.transcriptions = AsyncWebsocketsAudioTranscriptionsBuildClient(transport)


class AsyncWebsocketsClient(AsyncResource):
    """``coze.websockets``: realtime sessions (chat, audio) over websockets."""

    chat: AsyncWebsocketsChatBuildClient
    audio: AsyncWebsocketsAudioClient

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport)
        self.chat = AsyncWebsocketsChatBuildClient(transport)
        self.audio = AsyncWebsocketsAudioClient(transport)


# -- the sync twins ----------------------------------------------------------------------------


class WebsocketsAudioClient(SyncResource[AsyncWebsocketsAudioClient]):
    """Sync ``coze.websockets.audio``."""

    speech: Final = SubResource(WebsocketsAudioSpeechBuildClient)
    transcriptions: Final = SubResource(WebsocketsAudioTranscriptionsBuildClient)


class WebsocketsClient(SyncResource[AsyncWebsocketsClient]):
    """Sync ``coze.websockets``."""

    chat: Final = SubResource(WebsocketsChatBuildClient)
    audio: Final = SubResource(WebsocketsAudioClient)
