"""Realtime over websockets, sync API (``Coze``), against the emulator in its own thread: both
styles on the three channels, handlers run in the client's one loop thread, and the failure
cases of cozepy's sync clients (wait() that never returns, a hang on abnormal close)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from coze_async import (
    ConversationChatCompletedEvent,
    ConversationClear,
    ConversationMessageCreateEvent,
    ConversationMessageDeltaEvent,
    Coze,
    CozeError,
    CozeWebsocketClosedError,
    InputAudioBufferAppendEvent,
    InputAudioBufferCompleteEvent,
    InputTextBufferAppendEvent,
    InputTextBufferCompleteEvent,
    SpeechAudioUpdateEvent,
    TranscriptionsMessageUpdateEvent,
    WebsocketsAudioSpeechClient,
    WebsocketsAudioSpeechEventHandler,
    WebsocketsAudioTranscriptionsEventHandler,
    WebsocketsChatClient,
    WebsocketsChatEventHandler,
    WebsocketSession,
    WebsocketsEventType,
)
from coze_async.emulator import ECHO_BOT_ID, TOOL_BOT_ID, Emulator
from coze_async.emulator._speech_code import recognise, speak
from tests.conftest import LivenessAtReads, portal_threads

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def coze(coze_emulator: Emulator) -> Iterator[Coze]:
    with coze_emulator.client() as client:
        yield client


def user_text(text: str) -> ConversationMessageCreateEvent:
    return ConversationMessageCreateEvent(
        data=ConversationMessageCreateEvent.Data(role="user", content_type="text", content=text)
    )


def settle(condition: Any, within: float = 3.0) -> bool:
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


# -- iterator style ----------------------------------------------------------------------------


def test_chat_iterator(coze: Coze):
    with coze.websockets.chat.connect(bot_id=ECHO_BOT_ID) as ws:
        assert isinstance(ws, WebsocketSession) and ws.logid
        ws.send(user_text("sync hello"))
        text = ""
        for event in ws:
            if isinstance(event, ConversationMessageDeltaEvent):
                text += event.data.content
            if isinstance(event, ConversationChatCompletedEvent):
                break
    assert text == "sync hello" and ws.closed


def test_a_sync_session_keeps_no_event_it_handed_out_while_it_reads_more(coze: Coze):
    """While the next batch is read, the events handed out so far are the caller's alone."""
    with coze.websockets.chat.connect(bot_id=ECHO_BOT_ID) as ws:
        watch = LivenessAtReads(ws._session)
        # Two replies: the second is read after the first was handed out, whatever the batches.
        for text in ("sync hello", "again"):
            ws.send(user_text(text))
            for event in ws:
                watch.seen(event)
                if isinstance(event, ConversationChatCompletedEvent):
                    break
        del event
    assert any(len(alive) >= 2 for alive in watch.at_reads)
    # At every read, only the event the loop still named was alive.
    for alive in watch.at_reads:
        assert alive == [False] * (len(alive) - 1) + [True] * bool(alive)


def test_speech_then_transcription_round_trip(coze: Coze):
    with coze.websockets.audio.speech.connect() as ws:
        ws.send(
            InputTextBufferAppendEvent(data=InputTextBufferAppendEvent.Data(delta="round trip"))
        )
        ws.send(InputTextBufferCompleteEvent())
        audio = b""
        for event in ws:
            if isinstance(event, SpeechAudioUpdateEvent):
                audio += event.data.delta
            if event.event_type == WebsocketsEventType.SPEECH_AUDIO_COMPLETED:
                break
    with coze.websockets.audio.transcriptions.connect() as ws:
        ws.send(InputAudioBufferAppendEvent(data=InputAudioBufferAppendEvent.Data(delta=audio)))
        ws.send(InputAudioBufferCompleteEvent())
        heard = []
        for event in ws:
            if isinstance(event, TranscriptionsMessageUpdateEvent):
                heard.append(event.data.content)
            if event.event_type == WebsocketsEventType.TRANSCRIPTIONS_MESSAGE_COMPLETED:
                break
    assert heard[-1] == "round trip"


# -- handler style -------------------------------------------------------------------------------


class Chat(WebsocketsChatEventHandler):
    def __init__(self) -> None:
        self.text = ""
        self.threads: set[str] = set()
        self.errors: list[Any] = []
        self.closed = 0
        self.clients: list[Any] = []

    def on_conversation_message_delta(self, cli: WebsocketsChatClient, event: Any) -> None:
        self.text += event.data.content
        self.threads.add(threading.current_thread().name)
        self.clients.append(cli)

    def on_conversation_chat_requires_action(self, cli: WebsocketsChatClient, event: Any) -> None:
        call = event.data.required_action.submit_tool_outputs.tool_calls[0]
        # inside a handler: queued, written as soon as this returns
        cli.conversation_chat_submit_tool_outputs(
            {
                "chat_id": event.data.id,
                "tool_outputs": [{"tool_call_id": call.id, "output": "warm"}],
            }
        )

    def on_error(self, cli: WebsocketsChatClient, e: Any) -> None:
        self.errors.append(e)

    def on_closed(self, cli: WebsocketsChatClient) -> None:
        self.closed += 1


def test_chat_handlers_run_in_the_clients_one_loop_thread(coze: Coze):
    handler = Chat()
    chat = coze.websockets.chat.create(bot_id=TOOL_BOT_ID, on_event=handler)
    assert isinstance(chat, WebsocketsChatClient)
    others = threading.active_count() - portal_threads()
    with chat() as client:
        client.conversation_message_create(
            ConversationMessageCreateEvent.Data.model_validate(
                {"role": "user", "content_type": "text", "content": "Cairo"}
            )
        )
        client.wait()
        # The session moved the client's loop to its thread, and has no thread of its own.
        assert portal_threads() == 1 and threading.active_count() - 1 == others
    assert handler.text == "The tool says: warm"
    assert handler.threads == {"coze-async-portal"} and portal_threads() == 1
    assert all(cli is chat for cli in handler.clients)  # handlers get the sync client
    assert handler.closed == 1 and not handler.errors and chat.state == "closed"


def test_sync_wait_returns_although_other_events_arrived(coze: Coze):
    chat = coze.websockets.chat.create(bot_id=ECHO_BOT_ID, on_event=Chat())
    with chat:
        for turn in range(3):
            chat.conversation_message_create(
                {"role": "user", "content_type": "text", "content": f"turn {turn} of many words"}
            )
            time.sleep(0.1)  # every event of the turn arrived before wait()
            chat.wait(timeout=5)


def test_speech_and_transcription_handler_styles(coze: Coze):
    class Speech(WebsocketsAudioSpeechEventHandler):
        audio = b""

        def on_speech_audio_update(self, cli: Any, event: SpeechAudioUpdateEvent) -> None:
            self.audio += event.data.delta

    speech_handler = Speech()
    speech = coze.websockets.audio.speech.create(on_event=speech_handler)
    assert isinstance(speech, WebsocketsAudioSpeechClient)
    with speech() as client:
        client.speech_update({"output_audio": {"codec": "pcm"}})
        client.input_text_buffer_append({"delta": "sync speech"})
        client.input_text_buffer_complete()
        client.wait()
    assert recognise(speech_handler.audio) == "sync speech"

    texts: list[str] = []

    class Transcribe(WebsocketsAudioTranscriptionsEventHandler):
        def on_transcriptions_message_update(self, cli: Any, event: Any) -> None:
            texts.append(event.data.content)

    for on_event in (
        Transcribe(),
        {"transcriptions.message.update": lambda c, e: texts.append(e.data.content)},
    ):
        texts.clear()
        with coze.websockets.audio.transcriptions.create(on_event=on_event) as client:
            client.transcriptions_update({"input_audio": {"format": "pcm"}})
            client.input_audio_buffer_append({"delta": speak("gone")})
            client.input_audio_buffer_clear()
            client.input_audio_buffer_append({"delta": speak("kept")})
            client.input_audio_buffer_complete()
            client.wait()
        assert texts[-1] == "kept"


def test_close_inside_a_handler_sends_what_the_handler_queued(coze: Coze, coze_emulator: Emulator):
    class CloseAtOnce(WebsocketsChatEventHandler):
        def on_chat_created(self, cli: WebsocketsChatClient, event: Any) -> None:
            cli.conversation_clear()
            cli.chat_update({"chat_config": {"user_id": "me"}})
            cli.conversation_clear()
            cli.close()  # once this handler returned, after the three events

        def on_closed(self, cli: WebsocketsChatClient) -> None:
            closed.set()

    closed = threading.Event()
    chat = coze.websockets.chat.create(bot_id=ECHO_BOT_ID, on_event=CloseAtOnce())
    chat.connect()
    assert closed.wait(5)
    chat.close()  # joins the close the handler started
    log = coze_emulator.store.websockets.sessions[-1]
    assert settle(lambda: log.ended)
    assert [e["event_type"] for e in log.received] == [
        "conversation.clear",
        "chat.update",
        "conversation.clear",
    ]
    assert log.client_close_code == 1000 and chat.state == "closed"


def test_blocking_calls_inside_a_handler_are_refused(coze: Coze):
    outcomes: list[str] = []

    class Misuse(WebsocketsChatEventHandler):
        def on_chat_created(self, cli: WebsocketsChatClient, event: Any) -> None:
            for call in (cli.wait, cli.connect):
                try:
                    call()
                except CozeError as exc:
                    outcomes.append(str(exc))

    with coze.websockets.chat.create(bot_id=ECHO_BOT_ID, on_event=Misuse()):
        assert settle(lambda: len(outcomes) == 2)
    assert all("event-loop thread" in o for o in outcomes)


# -- failures ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("close_code", "expected"), [(1011, 1011), (None, 1006)])
def test_abnormal_end_ends_the_sync_wait(
    coze: Coze, coze_emulator: Emulator, close_code: int | None, expected: int
):
    coze_emulator.inject(path="/v1/chat", drop_after=3, close_code=close_code)
    handler = Chat()
    chat = coze.websockets.chat.create(bot_id=ECHO_BOT_ID, on_event=handler)
    chat.connect()
    chat.conversation_message_create({"role": "user", "content_type": "text", "content": "a b c"})
    with pytest.raises(CozeWebsocketClosedError) as caught:
        chat.wait(timeout=5)
    assert caught.value.close_code == expected and caught.value.logid == chat.response.logid
    chat.close()
    assert [e.close_code for e in handler.errors] == [expected] and handler.closed == 1
    with pytest.raises(CozeWebsocketClosedError):
        chat.conversation_clear()


def test_sync_iterator_abnormal_end_and_send_after_close(coze: Coze, coze_emulator: Emulator):
    coze_emulator.inject(path="/v1/chat", drop_after=4, close_code=1011)
    with coze.websockets.chat.connect(bot_id=ECHO_BOT_ID) as ws:
        ws.send(user_text("x y"))
        with pytest.raises(CozeWebsocketClosedError) as caught:
            for _ in ws:
                pass
        assert caught.value.close_code == 1011 == ws.close_code
    with pytest.raises(CozeWebsocketClosedError):
        ws.send(ConversationClear())


def test_thirty_sync_cycles_leave_no_socket_or_thread(coze: Coze, coze_emulator: Emulator):
    handler = Chat()
    websockets = coze.websockets
    coze._portal.keep_running()  # what the first session does: the loop's own thread
    threads = threading.active_count()
    for i in range(30):
        if i % 2:
            with websockets.chat.create(bot_id=ECHO_BOT_ID, on_event=handler)():
                pass
        else:
            with websockets.audio.speech.connect() as ws:
                ws.receive()
    assert handler.closed == 15
    assert settle(lambda: coze_emulator.open_connections == 0)
    assert threading.active_count() == threads and portal_threads() == 1


def test_a_session_used_without_open_has_its_loop_served_between_calls(coze: Coze):
    """A session opens itself on first use: its pings must be answered between the caller's
    reads, so the client's loop has its own thread as soon as the session exists."""
    ws = coze.websockets.chat.connect(bot_id=ECHO_BOT_ID)
    ws.send(
        ConversationMessageCreateEvent(
            data=ConversationMessageCreateEvent.Data(role="user", content_type="text", content="hi")
        )
    )
    try:
        assert coze._portal._thread is not None and coze._portal._thread.is_alive()
    finally:
        ws.close()
