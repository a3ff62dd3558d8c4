"""Streaming speech synthesis over a websocket: text in, PCM audio out (saved as a WAV file in
the temporary directory). Four ways: the async iterator, async handlers (cozepy's style), then
the same two with the sync client. Offline against the emulator unless COZE_API_TOKEN is set.

cozepy's counterpart: ``examples/websockets_audio_speech.py``.
"""

from __future__ import annotations

import asyncio
import tempfile
import wave
from pathlib import Path

from _target import Target, coze_target

from coze_async import (
    AsyncCoze,
    AsyncWebsocketsAudioSpeechClient,
    AsyncWebsocketsAudioSpeechEventHandler,
    Coze,
    InputTextBufferAppendEvent,
    InputTextBufferCompleteEvent,
    OutputAudio,
    PCMConfig,
    SpeechAudioCompletedEvent,
    SpeechAudioUpdateEvent,
    SpeechUpdateEvent,
    TokenAuth,
    WebsocketsAudioSpeechClient,
    WebsocketsAudioSpeechEventHandler,
)

TEXT = ["Hello! ", "This sentence ", "arrives in pieces."]
PCM_24K = SpeechUpdateEvent.Data(
    output_audio=OutputAudio(codec="pcm", pcm_config=PCMConfig(sample_rate=24000))
)


def save(pcm: bytes, name: str) -> Path:
    path = Path(tempfile.gettempdir()) / f"coze_{name}.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(24000)
        out.writeframes(pcm)
    return path


async def iterator_async(target: Target) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        async with coze.websockets.audio.speech.connect() as ws:
            await ws.send(SpeechUpdateEvent(data=PCM_24K))
            for piece in TEXT:
                await ws.send(
                    InputTextBufferAppendEvent(data=InputTextBufferAppendEvent.Data(delta=piece))
                )
            await ws.send(InputTextBufferCompleteEvent())
            pcm = bytearray()
            async for event in ws:
                if isinstance(event, SpeechAudioUpdateEvent):
                    pcm += event.data.delta  # already bytes
                elif isinstance(event, SpeechAudioCompletedEvent):
                    break
        print("[async iterator]", save(bytes(pcm), "speech_iterator"))


class AsyncHandlers(AsyncWebsocketsAudioSpeechEventHandler):
    def __init__(self) -> None:
        self.pcm = bytearray()

    async def on_speech_audio_update(
        self, cli: AsyncWebsocketsAudioSpeechClient, event: SpeechAudioUpdateEvent
    ) -> None:
        self.pcm += event.data.delta

    async def on_speech_audio_completed(
        self, cli: AsyncWebsocketsAudioSpeechClient, event: SpeechAudioCompletedEvent
    ) -> None:
        print("[async handlers]", save(bytes(self.pcm), "speech_handlers"))


async def handlers_async(target: Target) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        speech = coze.websockets.audio.speech.create(on_event=AsyncHandlers())
        async with speech() as client:
            await client.speech_update(PCM_24K)
            for piece in TEXT:
                await client.input_text_buffer_append(InputTextBufferAppendEvent.Data(delta=piece))
            await client.input_text_buffer_complete()
            await client.wait()


def iterator_sync(target: Target) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        with coze.websockets.audio.speech.connect() as ws:
            ws.send(InputTextBufferAppendEvent(data=InputTextBufferAppendEvent.Data(delta="Sync.")))
            ws.send(InputTextBufferCompleteEvent())
            size = 0
            for event in ws:
                if isinstance(event, SpeechAudioUpdateEvent):
                    size += len(event.data.delta)
                elif isinstance(event, SpeechAudioCompletedEvent):
                    break
        print(f"[sync iterator] {size} bytes of PCM")


class SyncHandlers(WebsocketsAudioSpeechEventHandler):
    size = 0

    def on_speech_audio_update(
        self, cli: WebsocketsAudioSpeechClient, event: SpeechAudioUpdateEvent
    ) -> None:
        self.size += len(event.data.delta)


def handlers_sync(target: Target) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        handlers = SyncHandlers()
        with coze.websockets.audio.speech.create(on_event=handlers)() as client:
            client.input_text_buffer_append({"delta": "Sync handlers."})
            client.input_text_buffer_complete()
            client.wait(timeout=60)
        print(f"[sync handlers] {handlers.size} bytes of PCM")


if __name__ == "__main__":
    with coze_target() as target:
        asyncio.run(iterator_async(target))
        asyncio.run(handlers_async(target))
        iterator_sync(target)
        handlers_sync(target)
