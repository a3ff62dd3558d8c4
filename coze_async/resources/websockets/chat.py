"""``coze.websockets.chat``: realtime voice chat with a bot over ``/v1/chat``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Final

from ..._paths import require_id
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
from ...models.websockets_chat import (
    CHAT_EVENTS,
    ChatCreatedEvent,
    ChatUpdatedEvent,
    ChatUpdateEvent,
    ConversationAudioCompletedEvent,
    ConversationAudioDeltaEvent,
    ConversationAudioSentenceStartEvent,
    ConversationAudioTranscriptCompletedEvent,
    ConversationAudioTranscriptUpdateEvent,
    ConversationChatCanceledEvent,
    ConversationChatCancelEvent,
    ConversationChatCompletedEvent,
    ConversationChatCreatedEvent,
    ConversationChatFailedEvent,
    ConversationChatInProgressEvent,
    ConversationChatRequiresActionEvent,
    ConversationChatSubmitToolOutputsEvent,
    ConversationClear,
    ConversationClearedEvent,
    ConversationMessageCompletedEvent,
    ConversationMessageCreateEvent,
    ConversationMessageDeltaEvent,
    InputAudioBufferSpeechStartedEvent,
    InputAudioBufferSpeechStoppedEvent,
    InputTextGenerateAudioEvent,
)
from ...models.websockets_transcriptions import (
    InputAudioBufferAppendEvent,
    InputAudioBufferClearedEvent,
    InputAudioBufferClearEvent,
    InputAudioBufferCompletedEvent,
    InputAudioBufferCompleteEvent,
)
from ._common import OnEvent, new_session

__all__ = [
    "AsyncWebsocketsChatBuildClient",
    "AsyncWebsocketsChatClient",
    "AsyncWebsocketsChatEventHandler",
    "WebsocketsChatBuildClient",
    "WebsocketsChatClient",
    "WebsocketsChatEventHandler",
]

T = WebsocketsEventType


class AsyncWebsocketsChatEventHandler(AsyncWebsocketsBaseEventHandler):
    """Async handlers of the chat events: override the ones you need."""

    async def on_chat_created(
        self, cli: AsyncWebsocketsChatClient, event: ChatCreatedEvent
    ) -> None:
        """The session is open."""

    async def on_chat_updated(
        self, cli: AsyncWebsocketsChatClient, event: ChatUpdatedEvent
    ) -> None:
        """The settings changed."""

    async def on_conversation_chat_created(
        self, cli: AsyncWebsocketsChatClient, event: ConversationChatCreatedEvent
    ) -> None:
        """A reply started."""

    async def on_conversation_chat_in_progress(
        self, cli: AsyncWebsocketsChatClient, event: ConversationChatInProgressEvent
    ) -> None:
        """The reply is in progress."""

    async def on_conversation_message_delta(
        self, cli: AsyncWebsocketsChatClient, event: ConversationMessageDeltaEvent
    ) -> None:
        """A piece of the reply's text."""

    async def on_conversation_audio_sentence_start(
        self, cli: AsyncWebsocketsChatClient, event: ConversationAudioSentenceStartEvent
    ) -> None:
        """The subtitle of the audio that follows."""

    async def on_conversation_audio_delta(
        self, cli: AsyncWebsocketsChatClient, event: ConversationAudioDeltaEvent
    ) -> None:
        """A piece of the reply's audio (``event.data.get_audio()``)."""

    async def on_conversation_message_completed(
        self, cli: AsyncWebsocketsChatClient, event: ConversationMessageCompletedEvent
    ) -> None:
        """A message is complete."""

    async def on_conversation_audio_completed(
        self, cli: AsyncWebsocketsChatClient, event: ConversationAudioCompletedEvent
    ) -> None:
        """The reply's audio is complete."""

    async def on_conversation_chat_completed(
        self, cli: AsyncWebsocketsChatClient, event: ConversationChatCompletedEvent
    ) -> None:
        """The reply is complete."""

    async def on_conversation_chat_failed(
        self, cli: AsyncWebsocketsChatClient, event: ConversationChatFailedEvent
    ) -> None:
        """The reply failed."""

    async def on_input_audio_buffer_completed(
        self, cli: AsyncWebsocketsChatClient, event: InputAudioBufferCompletedEvent
    ) -> None:
        """The audio sent was committed."""

    async def on_input_audio_buffer_cleared(
        self, cli: AsyncWebsocketsChatClient, event: InputAudioBufferClearedEvent
    ) -> None:
        """The audio sent was dropped."""

    async def on_conversation_cleared(
        self, cli: AsyncWebsocketsChatClient, event: ConversationClearedEvent
    ) -> None:
        """The context was cleared."""

    async def on_conversation_chat_canceled(
        self, cli: AsyncWebsocketsChatClient, event: ConversationChatCanceledEvent
    ) -> None:
        """The reply was interrupted."""

    async def on_conversation_audio_transcript_update(
        self, cli: AsyncWebsocketsChatClient, event: ConversationAudioTranscriptUpdateEvent
    ) -> None:
        """The user's speech recognised so far."""

    async def on_conversation_audio_transcript_completed(
        self, cli: AsyncWebsocketsChatClient, event: ConversationAudioTranscriptCompletedEvent
    ) -> None:
        """The user's speech is recognised."""

    async def on_conversation_chat_requires_action(
        self, cli: AsyncWebsocketsChatClient, event: ConversationChatRequiresActionEvent
    ) -> None:
        """The bot asks for tool outputs (``cli.conversation_chat_submit_tool_outputs``)."""

    async def on_input_audio_buffer_speech_started(
        self, cli: AsyncWebsocketsChatClient, event: InputAudioBufferSpeechStartedEvent
    ) -> None:
        """The user started talking (``server_vad``)."""

    async def on_input_audio_buffer_speech_stopped(
        self, cli: AsyncWebsocketsChatClient, event: InputAudioBufferSpeechStoppedEvent
    ) -> None:
        """The user stopped talking (``server_vad``)."""


class AsyncWebsocketsChatClient(AsyncWebsocketsBaseClient):
    """A realtime chat session in cozepy's handler style: ``connect()``, the senders below,
    ``wait()`` (for ``conversation.chat.completed``; a failed or cancelled chat ends it too),
    ``close()``. Each sender returns once its event is written."""

    _wait_events: ClassVar[tuple[WebsocketsEventType, ...]] = (T.CONVERSATION_CHAT_COMPLETED,)
    _wait_ends: ClassVar[tuple[WebsocketsEventType, ...]] = (
        T.CONVERSATION_CHAT_FAILED,
        T.CONVERSATION_CHAT_CANCELED,
    )

    async def chat_update(self, data: ChatUpdateEvent.Data | Mapping[str, Any]) -> None:
        """Change the session's settings (``chat.updated`` answers)."""
        await self._send(ChatUpdateEvent(data=event_data(ChatUpdateEvent.Data, data)))

    async def conversation_message_create(
        self, data: ConversationMessageCreateEvent.Data | Mapping[str, Any]
    ) -> None:
        """Add a message (from the user, it starts a reply)."""
        payload = event_data(ConversationMessageCreateEvent.Data, data)
        await self._send(ConversationMessageCreateEvent(data=payload))

    async def input_audio_buffer_append(
        self, data: InputAudioBufferAppendEvent.Data | Mapping[str, Any]
    ) -> None:
        """Send a piece of the user's audio (bytes)."""
        payload = event_data(InputAudioBufferAppendEvent.Data, data)
        await self._send(InputAudioBufferAppendEvent(data=payload))

    async def input_audio_buffer_complete(self) -> None:
        """The user's audio is complete: recognise it and reply."""
        await self._send(InputAudioBufferCompleteEvent())

    async def input_audio_buffer_clear(self) -> None:
        """Drop the user's audio sent so far."""
        await self._send(InputAudioBufferClearEvent())

    async def conversation_chat_submit_tool_outputs(
        self, data: ConversationChatSubmitToolOutputsEvent.Data | Mapping[str, Any]
    ) -> None:
        """Answer a ``conversation.chat.requires_action`` with the tools' outputs."""
        payload = event_data(ConversationChatSubmitToolOutputsEvent.Data, data)
        await self._send(ConversationChatSubmitToolOutputsEvent(data=payload))

    async def conversation_chat_cancel(self) -> None:
        """Interrupt the bot's reply."""
        await self._send(ConversationChatCancelEvent())

    async def conversation_clear(self) -> None:
        """Start a new context section."""
        await self._send(ConversationClear())

    async def input_text_generate_audio(
        self, data: InputTextGenerateAudioEvent.Data | Mapping[str, Any]
    ) -> None:
        """Have a text spoken (no reply)."""
        payload = event_data(InputTextGenerateAudioEvent.Data, data)
        await self._send(InputTextGenerateAudioEvent(data=payload))


class AsyncWebsocketsChatBuildClient(AsyncResource):
    """``coze.websockets.chat``: realtime voice chat sessions with a bot."""

    def create(
        self,
        *,
        bot_id: str,
        on_event: OnEvent,
        workflow_id: str | None = None,
        device_id: int | None = None,
        headers: Mapping[str, str] | None = None,
        heartbeat: float | None = DEFAULT_HEARTBEAT,
    ) -> AsyncWebsocketsChatClient:
        """A handler-style chat session (not yet connected) calling ``on_event``'s handlers
        (an :class:`AsyncWebsocketsChatEventHandler` or a dict by event type). ``heartbeat``:
        seconds between keepalive pings (``None``: none). ``/v1/chat``."""
        return AsyncWebsocketsChatClient(
            self.connect(
                bot_id=bot_id,
                workflow_id=workflow_id,
                device_id=device_id,
                headers=headers,
                heartbeat=heartbeat,
            ),
            on_event,
        )

    def connect(
        self,
        *,
        bot_id: str,
        workflow_id: str | None = None,
        device_id: int | None = None,
        headers: Mapping[str, str] | None = None,
        heartbeat: float | None = DEFAULT_HEARTBEAT,
    ) -> AsyncWebsocketSession:
        """A chat session in the iterator style: ``async with coze.websockets.chat.connect(
        bot_id=...) as ws: await ws.send(event); async for event in ws: ...``. ``/v1/chat``."""
        require_id("bot_id", bot_id)
        if workflow_id is not None:
            require_id("workflow_id", workflow_id)
        params = {
            "bot_id": bot_id,
            "workflow_id": workflow_id,
            "device_id": None if device_id is None else str(device_id),
        }
        return new_session(self._transport, "/v1/chat", params, CHAT_EVENTS, headers, heartbeat)


# -- the sync twins ----------------------------------------------------------------------------


class WebsocketsChatEventHandler(WebsocketsBaseEventHandler):
    """Sync handlers of the chat events (they run in the client's loop thread)."""

    def on_chat_created(self, cli: WebsocketsChatClient, event: ChatCreatedEvent) -> None:
        """The session is open."""

    def on_chat_updated(self, cli: WebsocketsChatClient, event: ChatUpdatedEvent) -> None:
        """The settings changed."""

    def on_conversation_chat_created(
        self, cli: WebsocketsChatClient, event: ConversationChatCreatedEvent
    ) -> None:
        """A reply started."""

    def on_conversation_chat_in_progress(
        self, cli: WebsocketsChatClient, event: ConversationChatInProgressEvent
    ) -> None:
        """The reply is in progress."""

    def on_conversation_message_delta(
        self, cli: WebsocketsChatClient, event: ConversationMessageDeltaEvent
    ) -> None:
        """A piece of the reply's text."""

    def on_conversation_audio_sentence_start(
        self, cli: WebsocketsChatClient, event: ConversationAudioSentenceStartEvent
    ) -> None:
        """The subtitle of the audio that follows."""

    def on_conversation_audio_delta(
        self, cli: WebsocketsChatClient, event: ConversationAudioDeltaEvent
    ) -> None:
        """A piece of the reply's audio (``event.data.get_audio()``)."""

    def on_conversation_message_completed(
        self, cli: WebsocketsChatClient, event: ConversationMessageCompletedEvent
    ) -> None:
        """A message is complete."""

    def on_conversation_audio_completed(
        self, cli: WebsocketsChatClient, event: ConversationAudioCompletedEvent
    ) -> None:
        """The reply's audio is complete."""

    def on_conversation_chat_completed(
        self, cli: WebsocketsChatClient, event: ConversationChatCompletedEvent
    ) -> None:
        """The reply is complete."""

    def on_conversation_chat_failed(
        self, cli: WebsocketsChatClient, event: ConversationChatFailedEvent
    ) -> None:
        """The reply failed."""

    def on_input_audio_buffer_completed(
        self, cli: WebsocketsChatClient, event: InputAudioBufferCompletedEvent
    ) -> None:
        """The audio sent was committed."""

    def on_input_audio_buffer_cleared(
        self, cli: WebsocketsChatClient, event: InputAudioBufferClearedEvent
    ) -> None:
        """The audio sent was dropped."""

    def on_conversation_cleared(
        self, cli: WebsocketsChatClient, event: ConversationClearedEvent
    ) -> None:
        """The context was cleared."""

    def on_conversation_chat_canceled(
        self, cli: WebsocketsChatClient, event: ConversationChatCanceledEvent
    ) -> None:
        """The reply was interrupted."""

    def on_conversation_audio_transcript_update(
        self, cli: WebsocketsChatClient, event: ConversationAudioTranscriptUpdateEvent
    ) -> None:
        """The user's speech recognised so far."""

    def on_conversation_audio_transcript_completed(
        self, cli: WebsocketsChatClient, event: ConversationAudioTranscriptCompletedEvent
    ) -> None:
        """The user's speech is recognised."""

    def on_conversation_chat_requires_action(
        self, cli: WebsocketsChatClient, event: ConversationChatRequiresActionEvent
    ) -> None:
        """The bot asks for tool outputs (``cli.conversation_chat_submit_tool_outputs``)."""

    def on_input_audio_buffer_speech_started(
        self, cli: WebsocketsChatClient, event: InputAudioBufferSpeechStartedEvent
    ) -> None:
        """The user started talking (``server_vad``)."""

    def on_input_audio_buffer_speech_stopped(
        self, cli: WebsocketsChatClient, event: InputAudioBufferSpeechStoppedEvent
    ) -> None:
        """The user stopped talking (``server_vad``)."""


class WebsocketsChatClient(WebsocketsBaseClient[AsyncWebsocketsChatClient]):
    """Sync realtime chat session, handler style (see ``coze_async._sync_websocket``)."""

    chat_update: Final = sender(AsyncWebsocketsChatClient.chat_update)
    conversation_message_create: Final = sender(
        AsyncWebsocketsChatClient.conversation_message_create
    )
    input_audio_buffer_append: Final = sender(AsyncWebsocketsChatClient.input_audio_buffer_append)
    input_audio_buffer_complete: Final = sender(
        AsyncWebsocketsChatClient.input_audio_buffer_complete
    )
    input_audio_buffer_clear: Final = sender(AsyncWebsocketsChatClient.input_audio_buffer_clear)
    conversation_chat_submit_tool_outputs: Final = sender(
        AsyncWebsocketsChatClient.conversation_chat_submit_tool_outputs
    )
    conversation_chat_cancel: Final = sender(AsyncWebsocketsChatClient.conversation_chat_cancel)
    conversation_clear: Final = sender(AsyncWebsocketsChatClient.conversation_clear)
    input_text_generate_audio: Final = sender(AsyncWebsocketsChatClient.input_text_generate_audio)


class WebsocketsChatBuildClient(SyncResource[AsyncWebsocketsChatBuildClient]):
    """Sync ``coze.websockets.chat``."""

    create: Final = opening(AsyncWebsocketsChatBuildClient.create, WebsocketsChatClient)
    connect: Final = opening(AsyncWebsocketsChatBuildClient.connect, WebsocketSession)
