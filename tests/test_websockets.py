"""Realtime over websockets, async API, end to end against the emulator on a loopback socket:
the three channels in both styles (async iterator, cozepy's handlers as objects and dicts)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from coze_async import (
    AsyncAuth,
    AsyncCoze,
    AsyncWebsocketsAudioSpeechClient,
    AsyncWebsocketsAudioSpeechEventHandler,
    AsyncWebsocketsAudioTranscriptionsEventHandler,
    AsyncWebsocketsChatClient,
    AsyncWebsocketsChatEventHandler,
    AsyncWebsocketSession,
    AuthenticationError,
    BadRequestError,
    ChatStatus,
    ChatUpdateEvent,
    ConversationAudioDeltaEvent,
    ConversationChatCancelEvent,
    ConversationChatCompletedEvent,
    ConversationChatRequiresActionEvent,
    ConversationChatSubmitToolOutputsEvent,
    ConversationMessageCreateEvent,
    ConversationMessageDeltaEvent,
    CozeTimeoutError,
    InputAudioBufferAppendEvent,
    InputAudioBufferCompleteEvent,
    InputTextBufferAppendEvent,
    InputTextBufferCompleteEvent,
    NotFoundError,
    OutputAudio,
    SpeechAudioCompletedEvent,
    SpeechAudioUpdateEvent,
    SpeechUpdateEvent,
    TokenAuth,
    ToolOutput,
    TranscriptionsMessageCompletedEvent,
    TranscriptionsMessageUpdateEvent,
    WebsocketsErrorEvent,
    WebsocketsEvent,
    WebsocketsEventType,
    WebsocketsUnknownEvent,
)
from coze_async.emulator import ECHO_BOT_ID, TOOL_BOT_ID, Emulator
from coze_async.emulator._speech_code import recognise, silence, speak

pytestmark = pytest.mark.timeout(30)


def user_text(text: str) -> ConversationMessageCreateEvent:
    return ConversationMessageCreateEvent(
        data=ConversationMessageCreateEvent.Data(role="user", content_type="text", content=text)
    )


async def until(ws: AsyncWebsocketSession, event_type: WebsocketsEventType) -> list[Any]:
    """The events up to and including the first of ``event_type``."""
    events = []
    async for event in ws:
        events.append(event)
        if event.event_type == event_type:
            return events
    raise AssertionError(f"the session ended before {event_type}")


def types(events: list[WebsocketsEvent]) -> list[str]:
    return [e.event_type.value for e in events]


# -- chat, iterator style ----------------------------------------------------------------------


async def test_chat_iterator_text_in_deltas_and_audio_out(coze: AsyncCoze, emu: Emulator):
    async with coze.websockets.chat.connect(bot_id=ECHO_BOT_ID) as ws:
        assert ws.response.status_code == 101 and ws.logid
        await ws.send(user_text("hello realtime world"))
        events = await until(ws, WebsocketsEventType.CONVERSATION_CHAT_COMPLETED)
    assert types(events)[:3] == [
        "chat.created",
        "conversation.chat.created",
        "conversation.chat.in_progress",
    ]
    assert types(events)[-3:] == [
        "conversation.message.completed",
        "conversation.audio.completed",
        "conversation.chat.completed",
    ]
    text = "".join(e.data.content for e in events if isinstance(e, ConversationMessageDeltaEvent))
    audio = b"".join(
        e.get_audio() or b"" for e in events if isinstance(e, ConversationAudioDeltaEvent)
    )
    assert text == "hello realtime world"
    assert recognise(audio) == "hello realtime world"  # the bot "said" its answer
    completed = events[-1]
    assert isinstance(completed, ConversationChatCompletedEvent)
    assert completed.data.status is ChatStatus.COMPLETED and completed.data.usage
    assert completed.logid  # every event carries the service's log id
    assert ws.closed and emu.store.websockets.sessions[-1].client_close_code == 1000


async def test_chat_iterator_audio_in_is_transcribed_then_answered(coze: AsyncCoze):
    async with coze.websockets.chat.connect(bot_id=ECHO_BOT_ID) as ws:
        pcm = speak("what time is it")
        for start in range(0, len(pcm), 1000):
            append = InputAudioBufferAppendEvent.Data(delta=pcm[start : start + 1000])
            await ws.send(InputAudioBufferAppendEvent(data=append))
        await ws.send(InputAudioBufferCompleteEvent())
        events = await until(ws, WebsocketsEventType.CONVERSATION_CHAT_COMPLETED)
    kinds = types(events)
    assert kinds.index("input_audio_buffer.completed") < kinds.index(
        "conversation.audio_transcript.completed"
    )
    transcript = next(
        e for e in events if e.event_type == "conversation.audio_transcript.completed"
    )
    assert transcript.data.content == "what time is it"
    assert events[-1].data.status is ChatStatus.COMPLETED


async def test_chat_iterator_tool_bot_requires_action_then_completes(coze: AsyncCoze):
    async with coze.websockets.chat.connect(bot_id=TOOL_BOT_ID) as ws:
        await ws.send(user_text("Paris"))
        events = await until(ws, WebsocketsEventType.CONVERSATION_CHAT_REQUIRES_ACTION)
        action = events[-1]
        assert isinstance(action, ConversationChatRequiresActionEvent)
        assert action.data.required_action is not None
        assert action.data.required_action.submit_tool_outputs is not None
        call = action.data.required_action.submit_tool_outputs.tool_calls[0]
        assert call.function is not None and "Paris" in call.function.arguments
        outputs = ConversationChatSubmitToolOutputsEvent.Data(
            chat_id=action.data.id, tool_outputs=[ToolOutput(tool_call_id=call.id, output="sunny")]
        )
        await ws.send(ConversationChatSubmitToolOutputsEvent(data=outputs))
        events = await until(ws, WebsocketsEventType.CONVERSATION_CHAT_COMPLETED)
    text = "".join(e.data.content for e in events if isinstance(e, ConversationMessageDeltaEvent))
    assert text == "The tool says: sunny"


async def test_chat_update_is_answered_with_the_settings_and_bad_input_with_error_events(
    coze: AsyncCoze, emu: Emulator
):
    async with coze.websockets.chat.connect(bot_id=ECHO_BOT_ID) as ws:
        update = ChatUpdateEvent.Data(
            output_audio=OutputAudio(codec="pcm", voice_id="v1"),
            chat_config=ChatUpdateEvent.ChatConfig(user_id="u1", custom_variables={"a": "b"}),
            turn_detection=ChatUpdateEvent.TurnDetection(
                type=ChatUpdateEvent.TurnDetectionType.CLIENT_INTERRUPT
            ),
        )
        await ws.send(ChatUpdateEvent(data=update))
        await ws.send(
            ChatUpdateEvent(data=ChatUpdateEvent.Data(output_audio=OutputAudio(codec="mp9")))
        )
        await ws.send(InputAudioBufferAppendEvent(data=InputAudioBufferAppendEvent.Data(delta=b"")))
        await ws.send(InputAudioBufferCompleteEvent())  # nothing was appended
        events = []
        async for event in ws:
            events.append(event)
            if sum(isinstance(e, WebsocketsErrorEvent) for e in events) == 2:
                break
    updated = events[1]
    assert updated.event_type == "chat.updated"
    assert updated.data.output_audio.voice_id == "v1"
    assert updated.data.chat_config.custom_variables == {"a": "b"}
    errors = [e for e in events if isinstance(e, WebsocketsErrorEvent)]
    assert errors[0].data.code == 4000 and "codec" in errors[0].data.msg
    assert errors[0].detail is not None and '"mp9"' in (errors[0].detail.origin_message or "")
    assert errors[0].data.logid == errors[0].logid and errors[0].logid
    assert isinstance(errors[0].error, BadRequestError)  # the typed error of the event
    assert "empty" in errors[1].data.msg
    received = emu.store.websockets.sessions[-1].received
    assert received[0]["event_type"] == "chat.update"
    assert received[0]["data"]["chat_config"] == {"user_id": "u1", "custom_variables": {"a": "b"}}
    assert received[2]["data"] == {"delta": ""}  # bytes go out as base64


async def test_chat_cancel_interrupts_the_reply(coze: AsyncCoze, emu: Emulator):
    emu.inject(path="/v1/chat", event_delay=0.02)
    async with coze.websockets.chat.connect(bot_id=ECHO_BOT_ID) as ws:
        await ws.send(user_text("a long answer " * 20))
        await until(ws, WebsocketsEventType.CONVERSATION_MESSAGE_DELTA)
        await ws.send(ConversationChatCancelEvent())
        events = await until(ws, WebsocketsEventType.CONVERSATION_CHAT_CANCELED)
    assert events[-1].data.code == 2
    assert "conversation.chat.completed" not in types(events)


async def test_unknown_event_types_arrive_as_generic_events(loopback):
    from aiohttp import web

    async def handler(request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_str('{"event_type": "chat.created", "id": "1"}')
        await ws.send_str('{"event_type": "conversation.brand_new", "data": {"x": [1]}, "id": 7}')
        await ws.send_str('{"event_type": "speech.created"}')  # known, but not on this channel
        await ws.close()
        return ws

    app = web.Application()
    app.router.add_get("/v1/chat", handler)
    server = await loopback(app)
    async with AsyncCoze(TokenAuth("t"), server.url) as coze:
        async with coze.websockets.chat.connect(bot_id="1") as ws:
            events = [event async for event in ws]
    assert [type(e) for e in events][1:] == [WebsocketsUnknownEvent, WebsocketsUnknownEvent]
    brand_new = events[1]
    assert brand_new.event_type == "conversation.brand_new" and brand_new.event_type.is_dynamic
    assert brand_new.data == {"x": [1]} and brand_new.id == "7"


# -- chat, handler style ----------------------------------------------------------------------


class Recorder(AsyncWebsocketsChatEventHandler):
    def __init__(self) -> None:
        self.events: list[Any] = []
        self.errors: list[Any] = []
        self.closed = 0

    async def on_conversation_message_delta(self, cli: Any, event: Any) -> None:
        self.events.append(event)

    async def on_conversation_audio_delta(self, cli: Any, event: Any) -> None:
        self.events.append(event)

    async def on_conversation_chat_requires_action(self, cli: Any, event: Any) -> None:
        self.events.append(event)
        call = event.data.required_action.submit_tool_outputs.tool_calls[0]
        await cli.conversation_chat_submit_tool_outputs(
            ConversationChatSubmitToolOutputsEvent.Data.model_validate(
                {
                    "chat_id": event.data.id,
                    "tool_outputs": [
                        ToolOutput.model_validate({"tool_call_id": call.id, "output": "cloudy"})
                    ],
                }
            )
        )

    async def on_conversation_chat_completed(self, cli: Any, event: Any) -> None:
        self.events.append(event)

    async def on_error(self, cli: Any, e: Any) -> None:
        self.errors.append(e)

    async def on_closed(self, cli: Any) -> None:
        self.closed += 1


async def test_chat_handler_object_cozepy_form(coze: AsyncCoze):
    handler = Recorder()
    chat = coze.websockets.chat.create(bot_id=TOOL_BOT_ID, on_event=handler)
    assert isinstance(chat, AsyncWebsocketsChatClient)
    assert chat.state is AsyncWebsocketsChatClient.State.INITIALIZED
    async with chat() as client:
        assert client is chat and client.state == "connected"
        await client.conversation_message_create(
            ConversationMessageCreateEvent.Data.model_validate(
                {"role": "user", "content_type": "text", "content": "Rome"}
            )
        )
        await client.wait()
    assert chat.state == "closed" and handler.closed == 1 and not handler.errors
    text = "".join(
        e.data.content for e in handler.events if isinstance(e, ConversationMessageDeltaEvent)
    )
    assert text == "The tool says: cloudy"
    assert isinstance(handler.events[-1], ConversationChatCompletedEvent)


async def test_chat_dict_handlers_and_multi_turn_wait(coze: AsyncCoze):
    seen: list[str] = []
    closed: list[object] = []

    async def delta(cli: AsyncWebsocketsChatClient, event: ConversationMessageDeltaEvent) -> None:
        seen.append(event.data.content)

    def completed(cli: AsyncWebsocketsChatClient, event: Any) -> None:  # plain functions work too
        seen.append("|")

    chat = coze.websockets.chat.create(
        bot_id=ECHO_BOT_ID,
        on_event={
            WebsocketsEventType.CONVERSATION_MESSAGE_DELTA: delta,
            "conversation.chat.completed": completed,
            WebsocketsEventType.CLOSED: lambda cli: closed.append(cli),
        },
    )
    async with chat:
        for text in ("one", "two"):
            await chat.conversation_message_create(
                {"role": "user", "content_type": "text", "content": text}
            )
            await chat.wait()  # each wait needs a completion after the previous one
        await chat.input_text_generate_audio({"mode": "text", "text": "spoken"})
        await chat.wait([WebsocketsEventType.CONVERSATION_AUDIO_COMPLETED])
        with pytest.raises(CozeTimeoutError):
            await chat.wait(timeout=0.05)  # nothing more to complete
    assert seen == ["one", "|", "two", "|"]
    assert closed == [chat]


async def test_chat_handler_every_sender_reaches_the_service(coze: AsyncCoze, emu: Emulator):
    chat = coze.websockets.chat.create(bot_id=ECHO_BOT_ID, on_event={})
    async with chat:
        await chat.chat_update({"event_subscriptions": ["chat.updated"]})
        await chat.input_audio_buffer_append({"delta": speak("hi")})
        await chat.input_audio_buffer_clear()
        await chat.conversation_clear()
        await chat.conversation_chat_cancel()
        await chat.input_text_generate_audio({"mode": "text", "text": "x"})
        await chat.conversation_message_create(
            {"role": "assistant", "content_type": "text", "content": "ctx"}
        )
        await chat.input_audio_buffer_append({"delta": speak("hey")})
        await chat.input_audio_buffer_complete()
        await chat.conversation_chat_submit_tool_outputs(
            {"chat_id": "1", "tool_outputs": [{"tool_call_id": "c", "output": "o"}]}
        )
    received = [e["event_type"] for e in emu.store.websockets.sessions[-1].received]
    assert received == [
        "chat.update",
        "input_audio_buffer.append",
        "input_audio_buffer.clear",
        "conversation.clear",
        "conversation.chat.cancel",
        "input_text.generate_audio",
        "conversation.message.create",
        "input_audio_buffer.append",
        "input_audio_buffer.complete",
        "conversation.chat.submit_tool_outputs",
    ]
    sent = [e["event_type"] for e in emu.store.websockets.sessions[-1].sent]
    assert set(sent) <= {"chat.created", "chat.updated", "error"}  # the subscription filters


async def test_server_vad_reports_speech_start_and_stop(coze: AsyncCoze):
    async with coze.websockets.chat.connect(bot_id=ECHO_BOT_ID) as ws:
        vad = ChatUpdateEvent.TurnDetection(type=ChatUpdateEvent.TurnDetectionType.SERVER_VAD)
        await ws.send(ChatUpdateEvent(data=ChatUpdateEvent.Data(turn_detection=vad)))
        await ws.send(
            InputAudioBufferAppendEvent(data=InputAudioBufferAppendEvent.Data(delta=speak("vad")))
        )
        await ws.send(
            InputAudioBufferAppendEvent(data=InputAudioBufferAppendEvent.Data(delta=silence(20)))
        )
        events = await until(ws, WebsocketsEventType.CONVERSATION_CHAT_COMPLETED)
    kinds = types(events)
    assert (
        kinds.index("input_audio_buffer.speech_started")
        < kinds.index("input_audio_buffer.speech_stopped")
        < kinds.index("conversation.chat.created")
    )


async def test_handshake_errors_are_typed(coze: AsyncCoze, emu: Emulator):
    with pytest.raises(NotFoundError) as caught:
        await coze.websockets.chat.connect(bot_id="123")
    assert caught.value.status == 404 and caught.value.logid
    emu.inject(path="/v1/audio/speech", status=400, code=4000, msg="bad")
    with pytest.raises(BadRequestError):
        async with coze.websockets.audio.speech.connect():
            pass
    chat = coze.websockets.chat.create(bot_id="123", on_event={})
    with pytest.raises(NotFoundError):
        await chat.connect()
    assert chat.state == "initialized"  # it may be tried again
    assert not coze._transport._websockets  # (the refused handshakes' connections are pooled)


# -- speech ------------------------------------------------------------------------------------


async def test_speech_iterator_text_in_pcm_out(coze: AsyncCoze):
    async with coze.websockets.audio.speech.connect() as ws:
        await ws.send(
            SpeechUpdateEvent(data=SpeechUpdateEvent.Data(output_audio=OutputAudio(codec="pcm")))
        )
        for piece in ("Good ", "morning"):
            await ws.send(
                InputTextBufferAppendEvent(data=InputTextBufferAppendEvent.Data(delta=piece))
            )
        await ws.send(InputTextBufferCompleteEvent())
        events = await until(ws, WebsocketsEventType.SPEECH_AUDIO_COMPLETED)
    assert types(events)[:3] == ["speech.created", "speech.updated", "input_text_buffer.completed"]
    audio = b"".join(e.data.delta for e in events if isinstance(e, SpeechAudioUpdateEvent))
    assert isinstance(audio, bytes) and len(audio) > 0 and recognise(audio) == "Good morning"


async def test_speech_handler_style(coze: AsyncCoze):
    class Speech(AsyncWebsocketsAudioSpeechEventHandler):
        audio = b""
        done = 0

        async def on_speech_audio_update(self, cli: Any, event: SpeechAudioUpdateEvent) -> None:
            self.audio += event.data.delta

        async def on_speech_audio_completed(
            self, cli: Any, event: SpeechAudioCompletedEvent
        ) -> None:
            self.done += 1

    handler = Speech()
    speech = coze.websockets.audio.speech.create(on_event=handler)
    assert isinstance(speech, AsyncWebsocketsAudioSpeechClient)
    async with speech() as client:
        # cozepy passes the whole event to speech_update
        await client.speech_update(
            SpeechUpdateEvent(data=SpeechUpdateEvent.Data(output_audio=OutputAudio(codec="pcm")))
        )
        await client.input_text_buffer_append(
            InputTextBufferAppendEvent.Data.model_validate({"delta": "你好"})
        )
        await client.input_text_buffer_complete()
        await client.wait()
    assert handler.done == 1 and recognise(handler.audio) == "你好"


# -- transcriptions ----------------------------------------------------------------------------


async def test_transcriptions_iterator_audio_in_text_out(coze: AsyncCoze):
    async with coze.websockets.audio.transcriptions.connect() as ws:
        pcm = speak("transcribe me")
        await ws.send(InputAudioBufferAppendEvent(data=InputAudioBufferAppendEvent.Data(delta=pcm)))
        await ws.send(InputAudioBufferCompleteEvent())
        events = await until(ws, WebsocketsEventType.TRANSCRIPTIONS_MESSAGE_COMPLETED)
    updates = [e.data.content for e in events if isinstance(e, TranscriptionsMessageUpdateEvent)]
    assert updates[-1] == "transcribe me"
    assert isinstance(events[-1], TranscriptionsMessageCompletedEvent)


async def test_transcriptions_handler_style_dict_and_object(coze: AsyncCoze):
    texts: list[str] = []

    class Transcribe(AsyncWebsocketsAudioTranscriptionsEventHandler):
        async def on_transcriptions_message_update(self, cli: Any, event: Any) -> None:
            texts.append(event.data.content)

    for on_event in (
        Transcribe(),
        {"transcriptions.message.update": lambda cli, event: texts.append(event.data.content)},
    ):
        texts.clear()
        client = coze.websockets.audio.transcriptions.create(on_event=on_event)
        async with client:
            await client.transcriptions_update(
                {"input_audio": {"format": "pcm", "sample_rate": 24000}}
            )
            await client.input_audio_buffer_append(
                InputAudioBufferAppendEvent.Data(delta=speak("drop"))
            )
            await client.input_audio_buffer_clear()
            await client.input_audio_buffer_append({"delta": speak("keep")})
            await client.input_audio_buffer_complete()
            await client.wait()
        assert texts[-1] == "keep"


async def test_arbitrary_audio_is_described_not_recognised(coze: AsyncCoze):
    async with coze.websockets.audio.transcriptions.connect() as ws:
        await ws.send(
            InputAudioBufferAppendEvent(
                data=InputAudioBufferAppendEvent.Data(delta=b"\x01\x02" * 2400)
            )
        )
        await ws.send(InputAudioBufferCompleteEvent())
        events = await until(ws, WebsocketsEventType.TRANSCRIPTIONS_MESSAGE_COMPLETED)
    assert events[-2].data.content == "(100 ms of audio)"


# -- the handshake: address, token, headers ---------------------------------------------------


async def test_handshake_carries_the_token_of_any_auth_the_user_agents_and_extra_headers(
    emu: Emulator,
):
    class CountingAuth(AsyncAuth):
        calls = 0

        @property
        def token_type(self) -> str:
            return "Bearer"

        @property
        async def atoken(self) -> str:
            CountingAuth.calls += 1
            await asyncio.sleep(0)  # a token that needs awaiting (a JWT being renewed)
            return emu.token

    auth = CountingAuth()
    async with AsyncCoze(auth, emu.base_url, headers={"X-Client": "c"}) as coze:
        async with coze.websockets.chat.connect(bot_id=ECHO_BOT_ID, headers={"X-Trace": "t"}):
            pass
        async with coze.websockets.audio.transcriptions.create(on_event={}):
            pass
    assert CountingAuth.calls == 2  # awaited for each handshake
    chat, transcriptions = emu.store.websockets.sessions
    assert chat.path == "/v1/chat" and chat.query == {"bot_id": ECHO_BOT_ID}
    assert transcriptions.path == "/v1/audio/transcriptions"
    headers = chat.headers
    assert headers["Authorization"] == f"Bearer {emu.token}"
    assert headers["User-Agent"].startswith("coze-async/")
    assert '"lang":"python"' in headers["X-Coze-Client-User-Agent"]
    assert headers["X-Client"] == "c" and headers["X-Trace"] == "t"
    assert "X-Trace" not in transcriptions.headers


async def test_a_refused_token_is_an_authentication_error(emu: Emulator):
    async with AsyncCoze(TokenAuth("wrong"), emu.base_url) as coze:
        with pytest.raises(AuthenticationError) as caught:
            await coze.websockets.audio.speech.connect()
    assert caught.value.status == 401 and caught.value.logid


async def test_device_and_workflow_ids_go_in_the_query(coze: AsyncCoze, emu: Emulator):
    async with coze.websockets.chat.connect(bot_id=ECHO_BOT_ID, workflow_id="77", device_id=42):
        pass
    query = emu.store.websockets.sessions[-1].query
    assert query == {"bot_id": ECHO_BOT_ID, "workflow_id": "77", "device_id": "42"}
