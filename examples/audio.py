"""Speech to a file, transcribed back; a voice cloned from that file and listed (async); then
the same speech from sync code, streamed chunk by chunk. Offline against the emulator unless
COZE_API_TOKEN is set (speech, transcription and cloning are billed by Coze).

cozepy's counterpart: ``examples/audio.py``.
"""

from __future__ import annotations

import asyncio
import tempfile
import wave
from pathlib import Path

from _target import Target, coze_target

from coze_async import AsyncCoze, AudioFormat, Coze, TokenAuth

TEXT = "Hello! This sentence went to speech and came back as text."


async def main_async(target: Target, folder: Path) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        voices = await coze.audio.voices.list(voice_state="all")
        voice = voices.items[0]
        print("speaking with", voice.name, voice.voice_id)

        # The audio goes from the network to the file as it arrives (memory stays flat).
        path = folder / "hello.wav"
        speech = await coze.audio.speech.create(
            input=TEXT, voice_id=voice.voice_id, response_format=AudioFormat.WAV
        )
        await speech.write_to_file(path)
        with wave.open(str(path)) as audio:
            seconds = audio.getnframes() / audio.getframerate()
        print(f"wrote {path.name}: {speech.content_type}, {seconds:.1f} s")
        print("logid:", speech.response.logid)

        transcript = await coze.audio.transcriptions.create(file=path)
        print("transcribed:", transcript.text)

        cloned = await coze.audio.voices.clone(
            voice_name="My example voice", file=path, audio_format=AudioFormat.WAV, language="en"
        )
        print("cloned voice", cloned.voice_id)
        async for mine in coze.audio.voices.list(filter_system_voice=True):
            print(" ", mine.voice_id, mine.name, mine.state, mine.available_training_times)


def main_sync(target: Target, folder: Path) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        voice_id = coze.audio.voices.list(voice_state="all").items[0].voice_id
        with coze.audio.speech.create(input=TEXT, voice_id=voice_id) as speech:  # mp3
            size = sum(len(chunk) for chunk in speech.iter_bytes())
        print(f"sync speech: {size} bytes of {speech.content_type}")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder, coze_target() as target:
        asyncio.run(main_async(target, Path(folder)))
        main_sync(target, Path(folder))
