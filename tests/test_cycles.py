"""A finished operation leaves none of our objects in a reference cycle: they are freed as soon
as the caller drops them, not by the garbage collector (whose collections a cycle per operation
makes more frequent and costlier under load).

The emulator serving these tests runs in the same process and its server (aiohttp's) leaves
cycles of its own, so a test counts only the objects of this package (``coze_async``, the
emulator excluded) and the methods bound to them among what the collector finds
(``gc.DEBUG_SAVEALL`` keeps it for inspection)."""

from __future__ import annotations

import contextlib
import types
from typing import Any

import pytest

from coze_async import (
    AsyncCoze,
    AsyncWebsocketsAudioSpeechEventHandler,
    AsyncWebsocketsAudioTranscriptionsEventHandler,
    AsyncWebsocketsChatEventHandler,
    CozeAPIError,
    InputTextBufferAppendEvent,
    Message,
    TokenAuth,
    WebsocketsChatEventHandler,
)
from coze_async.emulator import ECHO_BOT_ID, Emulator
from coze_async.emulator._speech_code import speak
from tests.conftest import cyclic_garbage
from tests.sleeps import record_client_sleeps

pytestmark = pytest.mark.timeout(60)


def _ours(obj: object) -> bool:
    if isinstance(obj, types.MethodType):
        obj = obj.__self__
    module = type(obj).__module__
    return module.startswith("coze_async") and not module.startswith("coze_async.emulator")


def our_cyclic_garbage() -> contextlib.AbstractContextManager[list[str]]:
    """:func:`cyclic_garbage` of our objects only."""
    return cyclic_garbage(_ours)


USER_TEXT = {"role": "user", "content_type": "text", "content": "hi"}


# -- calls and streams that fail, or succeed after a retry -------------------------------------
# The error's traceback holds the frames it went through: a frame that also held the error (a
# local naming it, a finished task holding it) made a cycle with everything those frames held.
# The errors are caught without a name here: the test's own frame keeps nothing alive.


async def test_a_failed_call_leaves_no_reference_cycle(coze: AsyncCoze):
    failed = 0
    with our_cyclic_garbage() as garbage:
        for _ in range(2):
            try:
                await coze.bots.retrieve(bot_id="no-such-bot")
            except CozeAPIError:
                failed += 1
    assert failed == 2
    assert garbage == []


async def test_a_call_that_succeeds_after_a_retry_leaves_no_reference_cycle(
    coze: AsyncCoze, emu: Emulator, monkeypatch: pytest.MonkeyPatch
):
    sleeps = record_client_sleeps(monkeypatch)
    with our_cyclic_garbage() as garbage:
        for _ in range(2):
            emu.inject(path="/v1/bot/get_online_info", status=503)
            await coze.bots.retrieve(bot_id=ECHO_BOT_ID)
    assert len(sleeps) == 2
    assert garbage == []


async def test_a_call_that_fails_after_retries_leaves_no_reference_cycle(
    coze: AsyncCoze, emu: Emulator, monkeypatch: pytest.MonkeyPatch
):
    sleeps = record_client_sleeps(monkeypatch)
    failed = 0
    with our_cyclic_garbage() as garbage:
        emu.inject(path="/v1/bot/get_online_info", status=503, times=None)
        try:
            await coze.bots.retrieve(bot_id=ECHO_BOT_ID)
        except CozeAPIError:
            failed += 1
        emu.clear_faults()
    assert failed == 1 and len(sleeps) == 2
    assert garbage == []


async def test_a_stream_refused_by_the_service_leaves_no_reference_cycle(
    coze: AsyncCoze, emu: Emulator
):
    failed = 0
    with our_cyclic_garbage() as garbage:
        emu.inject(path="/v3/chat", status=400, code=4000)
        try:
            async with coze.chat.stream(
                bot_id=ECHO_BOT_ID,
                user_id="u",
                additional_messages=[Message.build_user_question_text("hi")],
            ) as stream:
                async for _ in stream:
                    pass
        except CozeAPIError:
            failed += 1
    assert failed == 1
    assert garbage == []


def test_a_failed_sync_call_leaves_no_reference_cycle(coze_emulator: Emulator):
    """The portal's record of the call kept its finished task, which held the error."""
    failed = 0
    with coze_emulator.client() as coze:
        coze.bots.retrieve(bot_id=ECHO_BOT_ID)
        with our_cyclic_garbage() as garbage:
            for _ in range(2):
                try:
                    coze.bots.retrieve(bot_id="no-such-bot")
                except CozeAPIError:
                    failed += 1
    assert failed == 2
    assert garbage == []


# -- handler-style websocket clients -----------------------------------------------------------


class Chat(AsyncWebsocketsChatEventHandler):
    deltas = 0
    errors = 0

    async def on_conversation_message_delta(self, cli: Any, event: Any) -> None:
        self.deltas += 1

    async def on_error(self, cli: Any, e: Any) -> None:
        self.errors += 1  # not logged: the test's log capture would keep the error alive


async def test_a_finished_handler_style_chat_leaves_no_reference_cycle(coze: AsyncCoze):
    """The session held a bound method of its client (the client's close joined the reader
    through it): client, session, handler table, decoder... waited for the collector."""
    handler = Chat()
    with our_cyclic_garbage() as garbage:
        for _ in range(2):
            async with coze.websockets.chat.create(bot_id=ECHO_BOT_ID, on_event=handler)() as c:
                await c.conversation_message_create(USER_TEXT)
                await c.wait()
            del c
    assert handler.deltas > 0
    assert garbage == []


async def test_a_handler_style_chat_ended_by_closing_the_client_leaves_no_reference_cycle(
    emu: Emulator,
):
    """The client's close ends the session and joins the reader (what the bound method was
    for): still no cycle."""
    with our_cyclic_garbage() as garbage:
        async with AsyncCoze(TokenAuth(emu.token), emu.base_url) as coze:
            handler = Chat()
            chat = coze.websockets.chat.create(bot_id=ECHO_BOT_ID, on_event=handler)
            await chat.connect()
            await chat.conversation_message_create(USER_TEXT)
            await chat.wait()
        assert chat.session.closed and handler.errors == 1  # CozeClientClosedError
        del chat, coze
    assert garbage == []


async def test_finished_speech_and_transcription_handler_clients_leave_no_reference_cycle(
    coze: AsyncCoze,
):
    class Speech(AsyncWebsocketsAudioSpeechEventHandler):
        async def on_speech_audio_update(self, cli: Any, event: Any) -> None:
            pass

    class Transcribe(AsyncWebsocketsAudioTranscriptionsEventHandler):
        async def on_transcriptions_message_update(self, cli: Any, event: Any) -> None:
            pass

    speech_handler, transcribe_handler = Speech(), Transcribe()
    with our_cyclic_garbage() as garbage:
        async with coze.websockets.audio.speech.create(on_event=speech_handler)() as speech:
            await speech.input_text_buffer_append(InputTextBufferAppendEvent.Data(delta="hi"))
            await speech.input_text_buffer_complete()
            await speech.wait()
        async with coze.websockets.audio.transcriptions.create(
            on_event=transcribe_handler
        ) as transcriptions:
            await transcriptions.input_audio_buffer_append({"delta": speak("hi")})
            await transcriptions.input_audio_buffer_complete()
            await transcriptions.wait()
        del speech, transcriptions
    assert garbage == []


def test_a_finished_sync_handler_style_chat_leaves_no_reference_cycle(coze_emulator: Emulator):
    """The async client held its sync twin (what handlers get as ``cli``) and the twin held it:
    the twin is now held by the reading task alone, while it runs."""

    class SyncChat(WebsocketsChatEventHandler):
        def __init__(self) -> None:
            self.clients: list[Any] = []

        def on_conversation_message_delta(self, cli: Any, event: Any) -> None:
            self.clients.append(cli)

    handler = SyncChat()
    with coze_emulator.client() as coze:
        coze.bots.retrieve(bot_id=ECHO_BOT_ID)  # the portal's loop and connection are up
        with our_cyclic_garbage() as garbage:
            for _ in range(2):
                chat = coze.websockets.chat.create(bot_id=ECHO_BOT_ID, on_event=handler)
                with chat() as client:
                    client.conversation_message_create(USER_TEXT)
                    client.wait()
                assert handler.clients[-1] is chat  # handlers still get the sync twin
                handler.clients.clear()
                del chat, client
            never_connected = coze.websockets.chat.create(bot_id=ECHO_BOT_ID, on_event=handler)
            del never_connected
    assert garbage == []
