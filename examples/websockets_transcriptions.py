"""Streaming speech recognition over a websocket: PCM audio in, its text out, as it is
recognised. The audio is made first with the speech endpoint (so the example needs no file).
Four ways: the async iterator, async handlers (cozepy's style), then the same two with the
sync client. Offline against the emulator unless COZE_API_TOKEN is set.

cozepy's counterpart: ``examples/websockets_audio_transcriptions.py``.
"""

from __future__ import annotations

import asyncio

from _target import Target, coze_target

from coze_async import (
    AsyncCoze,
    AsyncWebsocketsAudioTranscriptionsClient,
    AsyncWebsocketsAudioTranscriptionsEventHandler,
    Coze,
    InputAudio,
    InputAudioBufferAppendEvent,
    InputAudioBufferCompleteEvent,
    InputTextBufferAppendEvent,
    InputTextBufferCompleteEvent,
    SpeechAudioCompletedEvent,
    SpeechAudioUpdateEvent,
    TokenAuth,
    TranscriptionsMessageCompletedEvent,
    TranscriptionsMessageUpdateEvent,
    TranscriptionsUpdateEvent,
    WebsocketsAudioTranscriptionsClient,
    WebsocketsAudioTranscriptionsEventHandler,
)

PCM = InputAudio(format="pcm", codec="pcm", sample_rate=24000, channel=1, bit_depth=16)
CHUNK = 3200  # bytes per append: about 67 ms of 24 kHz 16-bit audio


async def some_speech(coze: AsyncCoze, text: str) -> bytes:
    async with coze.websockets.audio.speech.connect() as ws:
        await ws.send(InputTextBufferAppendEvent(data=InputTextBufferAppendEvent.Data(delta=text)))
        await ws.send(InputTextBufferCompleteEvent())
        pcm = bytearray()
        async for event in ws:
            if isinstance(event, SpeechAudioUpdateEvent):
                pcm += event.data.delta
            elif isinstance(event, SpeechAudioCompletedEvent):
                return bytes(pcm)
    return bytes(pcm)


async def iterator_async(target: Target) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        pcm = await some_speech(coze, "recognise these words")
        async with coze.websockets.audio.transcriptions.connect() as ws:
            await ws.send(
                TranscriptionsUpdateEvent(data=TranscriptionsUpdateEvent.Data(input_audio=PCM))
            )
            for start in range(0, len(pcm), CHUNK):
                piece = InputAudioBufferAppendEvent.Data(delta=pcm[start : start + CHUNK])
                await ws.send(InputAudioBufferAppendEvent(data=piece))
            await ws.send(InputAudioBufferCompleteEvent())
            async for event in ws:
                if isinstance(event, TranscriptionsMessageUpdateEvent):
                    text = event.data.content
                elif isinstance(event, TranscriptionsMessageCompletedEvent):
                    print("[async iterator] heard:", text)
                    break


class AsyncHandlers(AsyncWebsocketsAudioTranscriptionsEventHandler):
    text = ""

    async def on_transcriptions_message_update(
        self, cli: AsyncWebsocketsAudioTranscriptionsClient, event: TranscriptionsMessageUpdateEvent
    ) -> None:
        self.text = event.data.content


async def handlers_async(target: Target) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        pcm = await some_speech(coze, "handlers hear this")
        handlers = AsyncHandlers()
        async with coze.websockets.audio.transcriptions.create(on_event=handlers)() as client:
            await client.transcriptions_update({"input_audio": PCM})
            for start in range(0, len(pcm), CHUNK):
                await client.input_audio_buffer_append({"delta": pcm[start : start + CHUNK]})
            await client.input_audio_buffer_complete()
            await client.wait()
        print("[async handlers] heard:", handlers.text)


def iterator_sync(target: Target, pcm: bytes) -> None:
    with (
        Coze(TokenAuth(target.token), target.base_url) as coze,
        coze.websockets.audio.transcriptions.connect() as ws,
    ):
        ws.send(InputAudioBufferAppendEvent(data=InputAudioBufferAppendEvent.Data(delta=pcm)))
        ws.send(InputAudioBufferCompleteEvent())
        for event in ws:
            if isinstance(event, TranscriptionsMessageUpdateEvent):
                text = event.data.content
            elif isinstance(event, TranscriptionsMessageCompletedEvent):
                print("[sync iterator] heard:", text)
                break


class SyncHandlers(WebsocketsAudioTranscriptionsEventHandler):
    text = ""

    def on_transcriptions_message_update(
        self, cli: WebsocketsAudioTranscriptionsClient, event: TranscriptionsMessageUpdateEvent
    ) -> None:
        self.text = event.data.content


def handlers_sync(target: Target, pcm: bytes) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        handlers = SyncHandlers()
        with coze.websockets.audio.transcriptions.create(on_event=handlers)() as client:
            client.input_audio_buffer_append({"delta": pcm})
            client.input_audio_buffer_complete()
            client.wait(timeout=60)
        print("[sync handlers] heard:", handlers.text)


async def speech_for_the_sync_part(target: Target) -> bytes:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        return await some_speech(coze, "sync ears")


if __name__ == "__main__":
    with coze_target() as target:
        asyncio.run(iterator_async(target))
        asyncio.run(handlers_async(target))
        speech = asyncio.run(speech_for_the_sync_part(target))
        iterator_sync(target, speech)
        handlers_sync(target, speech)
