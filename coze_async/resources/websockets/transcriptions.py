"""``coze.websockets.audio.transcriptions``: streaming speech recognition over
``/v1/audio/transcriptions``."""

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
from ...models.websockets_transcriptions import (
    TRANSCRIPTIONS_EVENTS,
    InputAudioBufferAppendEvent,
    InputAudioBufferClearedEvent,
    InputAudioBufferClearEvent,
    InputAudioBufferCompletedEvent,
    InputAudioBufferCompleteEvent,
    TranscriptionsCreatedEvent,
    TranscriptionsMessageCompletedEvent,
    TranscriptionsMessageUpdateEvent,
    TranscriptionsUpdatedEvent,
    TranscriptionsUpdateEvent,
)
from ._common import OnEvent, new_session

__all__ = [
    "AsyncWebsocketsAudioTranscriptionsBuildClient",
    "AsyncWebsocketsAudioTranscriptionsClient",
    "AsyncWebsocketsAudioTranscriptionsEventHandler",
    "WebsocketsAudioTranscriptionsBuildClient",
    "WebsocketsAudioTranscriptionsClient",
    "WebsocketsAudioTranscriptionsEventHandler",
]


class AsyncWebsocketsAudioTranscriptionsEventHandler(AsyncWebsocketsBaseEventHandler):
    """Async handlers of the speech recognition events: override the ones you need."""

    async def on_transcriptions_created(
        self, cli: AsyncWebsocketsAudioTranscriptionsClient, event: TranscriptionsCreatedEvent
    ) -> None:
        """The session is open."""

    async def on_transcriptions_updated(
        self, cli: AsyncWebsocketsAudioTranscriptionsClient, event: TranscriptionsUpdatedEvent
    ) -> None:
        """The settings changed."""

    async def on_input_audio_buffer_completed(
        self, cli: AsyncWebsocketsAudioTranscriptionsClient, event: InputAudioBufferCompletedEvent
    ) -> None:
        """The audio sent was committed."""

    async def on_input_audio_buffer_cleared(
        self, cli: AsyncWebsocketsAudioTranscriptionsClient, event: InputAudioBufferClearedEvent
    ) -> None:
        """The audio sent was dropped."""

    async def on_transcriptions_message_update(
        self,
        cli: AsyncWebsocketsAudioTranscriptionsClient,
        event: TranscriptionsMessageUpdateEvent,
    ) -> None:
        """The text recognised so far (``event.data.content``)."""

    async def on_transcriptions_message_completed(
        self,
        cli: AsyncWebsocketsAudioTranscriptionsClient,
        event: TranscriptionsMessageCompletedEvent,
    ) -> None:
        """The recognition is complete."""


class AsyncWebsocketsAudioTranscriptionsClient(AsyncWebsocketsBaseClient):
    """A speech recognition session in cozepy's handler style: ``connect()``, the senders,
    ``wait()`` (for ``transcriptions.message.completed``), ``close()``."""

    _wait_events: ClassVar[tuple[WebsocketsEventType, ...]] = (
        WebsocketsEventType.TRANSCRIPTIONS_MESSAGE_COMPLETED,
    )

    async def transcriptions_update(
        self, data: TranscriptionsUpdateEvent.Data | Mapping[str, Any]
    ) -> None:
        """Change the input audio format (``transcriptions.updated`` answers)."""
        payload = event_data(TranscriptionsUpdateEvent.Data, data)
        await self._send(TranscriptionsUpdateEvent(data=payload))

    async def input_audio_buffer_append(
        self, data: InputAudioBufferAppendEvent.Data | Mapping[str, Any]
    ) -> None:
        """Send a piece of the audio (bytes)."""
        payload = event_data(InputAudioBufferAppendEvent.Data, data)
        await self._send(InputAudioBufferAppendEvent(data=payload))

    async def input_audio_buffer_complete(self) -> None:
        """The audio is complete: finish recognising it."""
        await self._send(InputAudioBufferCompleteEvent())

    async def input_audio_buffer_clear(self) -> None:
        """Drop the audio sent so far."""
        await self._send(InputAudioBufferClearEvent())


class AsyncWebsocketsAudioTranscriptionsBuildClient(AsyncResource):
    """``coze.websockets.audio.transcriptions``: streaming speech recognition sessions."""

    def create(
        self,
        *,
        on_event: OnEvent,
        headers: Mapping[str, str] | None = None,
        heartbeat: float | None = DEFAULT_HEARTBEAT,
    ) -> AsyncWebsocketsAudioTranscriptionsClient:
        """A handler-style session (not yet connected) calling ``on_event``'s handlers.
        ``/v1/audio/transcriptions``."""
        return AsyncWebsocketsAudioTranscriptionsClient(
            self.connect(headers=headers, heartbeat=heartbeat), on_event
        )

    def connect(
        self,
        *,
        headers: Mapping[str, str] | None = None,
        heartbeat: float | None = DEFAULT_HEARTBEAT,
    ) -> AsyncWebsocketSession:
        """A session in the iterator style (``async with ... as ws``).
        ``/v1/audio/transcriptions``."""
        return new_session(
            self._transport,
            "/v1/audio/transcriptions",
            {},
            TRANSCRIPTIONS_EVENTS,
            headers,
            heartbeat,
        )


# -- the sync twins ----------------------------------------------------------------------------


class WebsocketsAudioTranscriptionsEventHandler(WebsocketsBaseEventHandler):
    """Sync handlers of the speech recognition events (they run in the client's loop thread)."""

    def on_transcriptions_created(
        self, cli: WebsocketsAudioTranscriptionsClient, event: TranscriptionsCreatedEvent
    ) -> None:
        """The session is open."""

    def on_transcriptions_updated(
        self, cli: WebsocketsAudioTranscriptionsClient, event: TranscriptionsUpdatedEvent
    ) -> None:
        """The settings changed."""

    def on_input_audio_buffer_completed(
        self, cli: WebsocketsAudioTranscriptionsClient, event: InputAudioBufferCompletedEvent
    ) -> None:
        """The audio sent was committed."""

    def on_input_audio_buffer_cleared(
        self, cli: WebsocketsAudioTranscriptionsClient, event: InputAudioBufferClearedEvent
    ) -> None:
        """The audio sent was dropped."""

    def on_transcriptions_message_update(
        self, cli: WebsocketsAudioTranscriptionsClient, event: TranscriptionsMessageUpdateEvent
    ) -> None:
        """The text recognised so far (``event.data.content``)."""

    def on_transcriptions_message_completed(
        self, cli: WebsocketsAudioTranscriptionsClient, event: TranscriptionsMessageCompletedEvent
    ) -> None:
        """The recognition is complete."""


class WebsocketsAudioTranscriptionsClient(
    WebsocketsBaseClient[AsyncWebsocketsAudioTranscriptionsClient]
):
    """Sync speech recognition session, handler style (see ``coze_async._sync_websocket``)."""

    transcriptions_update: Final = sender(
        AsyncWebsocketsAudioTranscriptionsClient.transcriptions_update
    )
    input_audio_buffer_append: Final = sender(
        AsyncWebsocketsAudioTranscriptionsClient.input_audio_buffer_append
    )
    input_audio_buffer_complete: Final = sender(
        AsyncWebsocketsAudioTranscriptionsClient.input_audio_buffer_complete
    )
    input_audio_buffer_clear: Final = sender(
        AsyncWebsocketsAudioTranscriptionsClient.input_audio_buffer_clear
    )


class WebsocketsAudioTranscriptionsBuildClient(
    SyncResource[AsyncWebsocketsAudioTranscriptionsBuildClient]
):
    """Sync ``coze.websockets.audio.transcriptions``."""

    create: Final = opening(
        AsyncWebsocketsAudioTranscriptionsBuildClient.create, WebsocketsAudioTranscriptionsClient
    )
    connect: Final = opening(
        AsyncWebsocketsAudioTranscriptionsBuildClient.connect, WebsocketSession
    )
