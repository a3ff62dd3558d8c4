"""``coze.websockets.audio.speech``: streaming speech synthesis over ``/v1/audio/speech``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Final

from ..._sync_layer import SyncResource
from ..._sync_websocket import WebsocketsBaseClient, WebsocketSession, opening, sender
from ..._transport import AsyncResource
from ..._websocket import DEFAULT_HEARTBEAT, AsyncWebsocketSession
from ..._websocket_handlers import (
    AsyncWebsocketsBaseClient,
    AsyncWebsocketsBaseEventHandler,
    WebsocketsBaseEventHandler,
    event_data,
)
from ...models.websockets import WebsocketsEventType
from ...models.websockets_speech import (
    SPEECH_EVENTS,
    InputTextBufferAppendEvent,
    InputTextBufferCompletedEvent,
    InputTextBufferCompleteEvent,
    SpeechAudioCompletedEvent,
    SpeechAudioUpdateEvent,
    SpeechCreatedEvent,
    SpeechUpdatedEvent,
    SpeechUpdateEvent,
)
from ._common import OnEvent, new_session

__all__ = [
    "AsyncWebsocketsAudioSpeechBuildClient",
    "AsyncWebsocketsAudioSpeechClient",
    "AsyncWebsocketsAudioSpeechEventHandler",
    "WebsocketsAudioSpeechBuildClient",
    "WebsocketsAudioSpeechClient",
    "WebsocketsAudioSpeechEventHandler",
]


class AsyncWebsocketsAudioSpeechEventHandler(AsyncWebsocketsBaseEventHandler):
    """Async handlers of the speech synthesis events: override the ones you need."""

    async def on_speech_created(
        self, cli: AsyncWebsocketsAudioSpeechClient, event: SpeechCreatedEvent
    ) -> None:
        """The session is open."""

    async def on_speech_updated(
        self, cli: AsyncWebsocketsAudioSpeechClient, event: SpeechUpdatedEvent
    ) -> None:
        """The settings changed."""

    async def on_input_text_buffer_completed(
        self, cli: AsyncWebsocketsAudioSpeechClient, event: InputTextBufferCompletedEvent
    ) -> None:
        """The text was committed; audio follows."""

    async def on_speech_audio_update(
        self, cli: AsyncWebsocketsAudioSpeechClient, event: SpeechAudioUpdateEvent
    ) -> None:
        """A piece of audio (``event.data.delta``, bytes)."""

    async def on_speech_audio_completed(
        self, cli: AsyncWebsocketsAudioSpeechClient, event: SpeechAudioCompletedEvent
    ) -> None:
        """The audio of the committed text is complete."""


class AsyncWebsocketsAudioSpeechClient(AsyncWebsocketsBaseClient):
    """A speech synthesis session in cozepy's handler style: ``connect()``, the senders,
    ``wait()`` (for ``speech.audio.completed``), ``close()``."""

    _wait_events: ClassVar[tuple[WebsocketsEventType, ...]] = (
        WebsocketsEventType.SPEECH_AUDIO_COMPLETED,
    )

    async def speech_update(
        self, data: SpeechUpdateEvent.Data | SpeechUpdateEvent | Mapping[str, Any]
    ) -> None:
        """Change the voice and audio format (``speech.updated`` answers). cozepy passes the
        whole event; its ``data`` is taken."""
        if isinstance(data, SpeechUpdateEvent):
            data = data.data
        await self._send(SpeechUpdateEvent(data=event_data(SpeechUpdateEvent.Data, data)))

    async def input_text_buffer_append(
        self, data: InputTextBufferAppendEvent.Data | Mapping[str, Any]
    ) -> None:
        """Send a piece of the text to speak."""
        payload = event_data(InputTextBufferAppendEvent.Data, data)
        await self._send(InputTextBufferAppendEvent(data=payload))

    async def input_text_buffer_complete(self) -> None:
        """The text is complete: speak it."""
        await self._send(InputTextBufferCompleteEvent())


class AsyncWebsocketsAudioSpeechBuildClient(AsyncResource):
    """``coze.websockets.audio.speech``: streaming speech synthesis sessions."""

    def create(
        self,
        *,
        on_event: OnEvent,
        headers: Mapping[str, str] | None = None,
        heartbeat: float | None = DEFAULT_HEARTBEAT,
    ) -> AsyncWebsocketsAudioSpeechClient:
        """A handler-style session (not yet connected) calling ``on_event``'s handlers.
        ``/v1/audio/speech``."""
        return AsyncWebsocketsAudioSpeechClient(
            self.connect(headers=headers, heartbeat=heartbeat), on_event
        )

    def connect(
        self,
        *,
        headers: Mapping[str, str] | None = None,
        heartbeat: float | None = DEFAULT_HEARTBEAT,
    ) -> AsyncWebsocketSession:
        """A session in the iterator style (``async with ... as ws``). ``/v1/audio/speech``."""
        return new_session(
            self._transport, "/v1/audio/speech", {}, SPEECH_EVENTS, headers, heartbeat
        )


# -- the sync twins ----------------------------------------------------------------------------


class WebsocketsAudioSpeechEventHandler(WebsocketsBaseEventHandler):
    """Sync handlers of the speech synthesis events (they run in the client's loop thread)."""

    def on_speech_created(
        self, cli: WebsocketsAudioSpeechClient, event: SpeechCreatedEvent
    ) -> None:
        """The session is open."""

    def on_speech_updated(
        self, cli: WebsocketsAudioSpeechClient, event: SpeechUpdatedEvent
    ) -> None:
        """The settings changed."""

    def on_input_text_buffer_completed(
        self, cli: WebsocketsAudioSpeechClient, event: InputTextBufferCompletedEvent
    ) -> None:
        """The text was committed; audio follows."""

    def on_speech_audio_update(
        self, cli: WebsocketsAudioSpeechClient, event: SpeechAudioUpdateEvent
    ) -> None:
        """A piece of audio (``event.data.delta``, bytes)."""

    def on_speech_audio_completed(
        self, cli: WebsocketsAudioSpeechClient, event: SpeechAudioCompletedEvent
    ) -> None:
        """The audio of the committed text is complete."""


class WebsocketsAudioSpeechClient(WebsocketsBaseClient[AsyncWebsocketsAudioSpeechClient]):
    """Sync speech synthesis session, handler style (see ``coze_async._sync_websocket``)."""

    speech_update: Final = sender(AsyncWebsocketsAudioSpeechClient.speech_update)
    input_text_buffer_append: Final = sender(
        AsyncWebsocketsAudioSpeechClient.input_text_buffer_append
    )
    input_text_buffer_complete: Final = sender(
        AsyncWebsocketsAudioSpeechClient.input_text_buffer_complete
    )


class WebsocketsAudioSpeechBuildClient(SyncResource[AsyncWebsocketsAudioSpeechBuildClient]):
    """Sync ``coze.websockets.audio.speech``."""

    create: Final = opening(
        AsyncWebsocketsAudioSpeechBuildClient.create, WebsocketsAudioSpeechClient
    )
    connect: Final = opening(AsyncWebsocketsAudioSpeechBuildClient.connect, WebsocketSession)
