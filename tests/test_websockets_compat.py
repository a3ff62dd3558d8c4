"""Realtime drop-in checks against cozepy 0.20: every websocket name of its ``__all__`` exists,
event types, fields, handler methods and senders match, events go out in the same JSON; the
pure parts (URL pairing, decoding); and cozepy's own websocket clients against the emulator."""

from __future__ import annotations

import base64
import inspect
import typing
from typing import Any

import attrs
import cozepy
import orjson
import pytest

import coze_async
from coze_async import (
    AsyncWebsocketsChatEventHandler,
    ChatUpdateEvent,
    ConversationChatSubmitToolOutputsEvent,
    CozeInvalidEventError,
    InputAudioBufferAppendEvent,
    InputAudioBufferClearedEvent,
    InputTextGenerateAudioEvent,
    OutputAudio,
    PCMConfig,
    SpeechAudioUpdateEvent,
    SpeechUpdateEvent,
    ToolOutput,
    WebsocketsChatEventHandler,
    WebsocketsErrorEvent,
    WebsocketsEvent,
    WebsocketsEventType,
    WebsocketsUnknownEvent,
)
from coze_async._converter import unstructure
from coze_async._transport import websocket_url
from coze_async._websocket import decode_event
from coze_async._websocket_handlers import event_data
from coze_async.emulator import ECHO_BOT_ID, Emulator
from coze_async.models.websockets_chat import CHAT_EVENTS
from coze_async.models.websockets_speech import SPEECH_EVENTS

COZEPY_NAMES = sorted(
    name
    for name in cozepy.__all__
    if "websockets" in (getattr(getattr(cozepy, name), "__module__", "") or "")
)


def test_every_websocket_name_of_cozepys_all_exists():
    assert len(COZEPY_NAMES) == 62
    missing = [name for name in COZEPY_NAMES if name not in coze_async.__all__]
    assert not missing
    for name in COZEPY_NAMES:
        assert getattr(coze_async, name).__name__ == name


def test_the_event_types_are_cozepys():
    assert {m.name: m.value for m in cozepy.WebsocketsEventType} == {
        m.name: m.value for m in WebsocketsEventType
    }


EVENT_NAMES = [n for n in COZEPY_NAMES if issubclass(getattr(cozepy, n), cozepy.WebsocketsEvent)]


@pytest.mark.parametrize("name", EVENT_NAMES)
def test_each_event_has_cozepys_type_and_fields(name: str):
    theirs, ours = getattr(cozepy, name), getattr(coze_async, name)
    assert issubclass(ours, WebsocketsEvent)
    their_default = theirs.model_fields["event_type"].default
    our_default = attrs.fields_dict(ours)["event_type"].default
    if theirs is cozepy.WebsocketsEvent:  # the base class: no default type
        assert our_default is attrs.NOTHING
    else:
        assert our_default == their_default
    assert set(theirs.model_fields) <= set(attrs.fields_dict(ours))
    their_data = theirs.model_fields.get("data")
    if their_data is not None and inspect.isclass(their_data.annotation):
        our_data = typing.get_type_hints(ours)["data"]
        if hasattr(their_data.annotation, "model_fields"):
            assert set(their_data.annotation.model_fields) <= set(attrs.fields_dict(our_data))


@pytest.mark.parametrize(
    "name", ["InputAudio", "LimitConfig", "OpusConfig", "PCMConfig", "OutputAudio"]
)
def test_the_audio_formats_have_cozepys_fields(name: str):
    assert set(getattr(cozepy, name).model_fields) == set(
        attrs.fields_dict(getattr(coze_async, name))
    )


CLIENT_PAIRS = [n for n in COZEPY_NAMES if n.endswith("Client") and not n.endswith("BuildClient")]


@pytest.mark.parametrize("name", CLIENT_PAIRS)
def test_each_client_has_cozepys_public_methods(name: str):
    theirs, ours = getattr(cozepy, name), getattr(coze_async, name)
    public = {n for n, v in vars(theirs).items() if callable(v) and not n.startswith("_")}
    inherited = {"connect", "wait", "close", "on"}
    for method in public | inherited:
        assert callable(getattr(ours, method, None)), (name, method)
    assert inspect.iscoroutinefunction(ours.wait) is name.startswith("Async")


@pytest.mark.parametrize("name", [n for n in COZEPY_NAMES if n.endswith("EventHandler")])
def test_each_handler_class_has_cozepys_methods(name: str):
    theirs, ours = getattr(cozepy, name), getattr(coze_async, name)
    methods = {n for n in dir(theirs) if n.startswith("on_")}
    assert methods <= {n for n in dir(ours) if n.startswith("on_")}
    for method in methods:
        assert inspect.iscoroutinefunction(getattr(ours, method)) is name.startswith("Async")


def sample_events() -> list[tuple[WebsocketsEvent, Any]]:
    pcm = b"\x00\x01\xfe\xff"
    return [
        (
            ChatUpdateEvent(
                data=ChatUpdateEvent.Data(
                    output_audio=OutputAudio(codec="pcm", pcm_config=PCMConfig(sample_rate=16000)),
                    chat_config=ChatUpdateEvent.ChatConfig(user_id="u", parameters={"k": [1]}),
                    turn_detection=ChatUpdateEvent.TurnDetection(
                        type=ChatUpdateEvent.TurnDetectionType.SERVER_VAD
                    ),
                    event_subscriptions=["a"],
                )
            ),
            cozepy.ChatUpdateEvent(
                data=cozepy.ChatUpdateEvent.Data(
                    output_audio=cozepy.OutputAudio(
                        codec="pcm", pcm_config=cozepy.PCMConfig(sample_rate=16000)
                    ),
                    chat_config=cozepy.ChatUpdateEvent.ChatConfig(
                        user_id="u", parameters={"k": [1]}
                    ),
                    turn_detection=cozepy.ChatUpdateEvent.TurnDetection(
                        type=cozepy.ChatUpdateEvent.TurnDetectionType.SERVER_VAD
                    ),
                    event_subscriptions=["a"],
                )
            ),
        ),
        (
            InputAudioBufferAppendEvent(data=InputAudioBufferAppendEvent.Data(delta=pcm)),
            cozepy.InputAudioBufferAppendEvent(
                data=cozepy.InputAudioBufferAppendEvent.Data(delta=pcm)
            ),
        ),
        (
            ConversationChatSubmitToolOutputsEvent(
                data=ConversationChatSubmitToolOutputsEvent.Data(
                    chat_id="c", tool_outputs=[ToolOutput(tool_call_id="t", output="o")]
                )
            ),
            cozepy.ConversationChatSubmitToolOutputsEvent(
                data=cozepy.ConversationChatSubmitToolOutputsEvent.Data(
                    chat_id="c", tool_outputs=[cozepy.ToolOutput(tool_call_id="t", output="o")]
                )
            ),
        ),
        (
            InputTextGenerateAudioEvent(
                data=InputTextGenerateAudioEvent.Data(mode="text", text="hi")  # type: ignore[arg-type]
            ),
            cozepy.InputTextGenerateAudioEvent(
                data=cozepy.InputTextGenerateAudioEvent.Data(
                    mode=cozepy.InputTextGenerateAudioEvent.Mode.TEXT, text="hi"
                )
            ),
        ),
        (coze_async.ConversationClear(), cozepy.ConversationClear()),
        (
            SpeechUpdateEvent(data=SpeechUpdateEvent.Data()),
            cozepy.SpeechUpdateEvent(data=cozepy.SpeechUpdateEvent.Data()),
        ),
    ]


@pytest.mark.parametrize(("ours", "theirs"), sample_events())
def test_events_go_out_as_cozepy_sends_them(ours: WebsocketsEvent, theirs: Any):
    assert orjson.loads(orjson.dumps(unstructure(ours))) == orjson.loads(
        theirs.model_dump_json(exclude_none=True)
    )


# -- URLs ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("http", "ws"),
    [
        ("https://api.coze.com", "wss://ws.coze.com"),
        ("https://api.coze.cn/", "wss://ws.coze.cn"),
        ("https://api-bot.coze.cn", "wss://ws-bot.coze.cn"),
        ("http://127.0.0.1:8080", "ws://127.0.0.1:8080"),
        ("http://localhost:9", "ws://localhost:9"),
        ("https://coze.example.com/prefix", "wss://coze.example.com/prefix"),
        ("https://myapi.example.com", "wss://myapi.example.com"),
    ],
)
def test_websocket_url_pairs_with_the_http_base_url(http: str, ws: str):
    assert websocket_url(http) == ws


def test_the_client_connects_to_the_paired_host():
    coze = coze_async.AsyncCoze(coze_async.TokenAuth("t"), coze_async.COZE_CN_BASE_URL)
    assert coze._transport.websocket_base_url == "wss://ws.coze.cn"


# -- decoding ------------------------------------------------------------------------------------


def test_decoding_error_unknown_and_bytes():
    error = decode_event(
        {
            "event_type": "error",
            "data": {"code": 4100, "msg": "bad token"},
            "detail": {"logid": "L"},
        },
        CHAT_EVENTS,
    )
    assert isinstance(error, WebsocketsErrorEvent)
    assert (error.data.code, error.data.msg, error.data.logid) == (4100, "bad token", "L")
    assert isinstance(error.error, coze_async.AuthenticationError) and error.error.logid == "L"
    unknown = decode_event({"event_type": "x.y", "data": [1], "id": 3}, CHAT_EVENTS)
    assert isinstance(unknown, WebsocketsUnknownEvent) and unknown.data == [1] and unknown.id == "3"
    cleared = decode_event(
        {"event_type": "input_audio_buffer.cleared", "data": {"x": 1}}, CHAT_EVENTS
    )
    assert isinstance(cleared, InputAudioBufferClearedEvent)
    audio = decode_event(
        {"event_type": "speech.audio.update", "data": {"delta": base64.b64encode(b"pcm").decode()}},
        SPEECH_EVENTS,
    )
    assert isinstance(audio, SpeechAudioUpdateEvent) and audio.data.delta == b"pcm"


@pytest.mark.parametrize(
    "message",
    [
        {"data": {}},
        {"event_type": 5},
        {"event_type": "speech.audio.update", "data": {"delta": "not base64!"}},
        {"event_type": "speech.audio.update"},
    ],
)
def test_undecodable_messages_raise_invalid_event(message: dict[str, Any]):
    with pytest.raises(CozeInvalidEventError):
        decode_event(message, SPEECH_EVENTS, "L")


def test_handler_to_dict_maps_methods_to_event_types():
    class Handler(WebsocketsChatEventHandler):
        def on_conversation_chat_completed(self, cli: Any, event: Any) -> None:
            pass

    extra = lambda cli, event: None  # noqa: E731
    table = Handler().to_dict({"conversation.chat.failed": extra})
    assert table[WebsocketsEventType.CONVERSATION_CHAT_COMPLETED].__name__ == (
        "on_conversation_chat_completed"
    )
    assert table[WebsocketsEventType.CONVERSATION_CHAT_FAILED] is extra
    assert WebsocketsEventType.ERROR in table and WebsocketsEventType.CLOSED in table
    with pytest.raises(coze_async.CozeInvalidArgumentTypeError):
        coze_async.AsyncCoze(coze_async.TokenAuth("t")).websockets.chat.create(
            bot_id="1",
            on_event=object(),  # type: ignore[arg-type]
        )
    assert "on_conversation_chat_completed" in dir(AsyncWebsocketsChatEventHandler)


def test_bad_arguments_are_refused_before_connecting():
    coze = coze_async.AsyncCoze(coze_async.TokenAuth("t"))
    with pytest.raises(coze_async.CozeInvalidArgumentError, match="bot_id"):
        coze.websockets.chat.connect(bot_id="")
    with pytest.raises(coze_async.CozeInvalidArgumentError, match="heartbeat"):
        coze.websockets.audio.speech.connect(heartbeat=-1)
    with pytest.raises(coze_async.CozeInvalidArgumentError, match="header"):
        coze.websockets.audio.transcriptions.connect(headers={"X-A": "b\r\nc"})
    with pytest.raises(coze_async.CozeInvalidArgumentTypeError, match="data must be"):
        event_data(ChatUpdateEvent.Data, 5)
    with pytest.raises(coze_async.CozeInvalidArgumentError, match=r"data: .*output_audio"):
        event_data(ChatUpdateEvent.Data, {"output_audio": 5})
    with pytest.raises(coze_async.CozeInvalidArgumentTypeError, match="WebsocketsEvent"):
        coze.websockets.chat.connect(bot_id="1").queue({"event_type": "x"})  # type: ignore[arg-type]


# -- cozepy's own clients against the emulator -----------------------------------------------------


async def test_cozepys_websocket_clients_work_against_the_emulator(emu: Emulator):
    seen: list[Any] = []

    async def on_delta(self: Any, cli: Any, event: Any) -> None:
        seen.append(event.data.content)

    async def on_audio(self: Any, cli: Any, event: Any) -> None:
        seen.append(event.data.get_audio())

    # cozepy maps handlers by their annotations, evaluated (this module's are strings)
    on_delta.__annotations__ = {"event": cozepy.ConversationMessageDeltaEvent}
    on_audio.__annotations__ = {"event": cozepy.ConversationAudioDeltaEvent}
    methods = {"on_conversation_message_delta": on_delta, "on_conversation_audio_delta": on_audio}
    Chat = type("Chat", (cozepy.AsyncWebsocketsChatEventHandler,), methods)

    coze = cozepy.AsyncCoze(auth=cozepy.AsyncTokenAuth(emu.token), base_url=emu.base_url)
    ws_base = emu.base_url.replace("http://", "ws://")  # cozepy pairs https URLs only
    chat = cozepy.AsyncWebsocketsChatClient(
        base_url=ws_base, requester=coze._requester, bot_id=ECHO_BOT_ID, on_event=Chat()
    )
    async with chat() as client:
        await client.conversation_message_create(
            cozepy.ConversationMessageCreateEvent.Data(
                role="user", content_type="text", content="from cozepy"
            )
        )
        await client.wait()
    assert [s for s in seen if isinstance(s, str)] == ["from ", "cozepy"]
    from coze_async.emulator._speech_code import recognise

    assert recognise(b"".join(s for s in seen if isinstance(s, bytes))) == "from cozepy"
