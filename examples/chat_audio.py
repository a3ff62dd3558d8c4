"""Chat with a voice question (twin of cozepy's ``examples/chat_simple_audio.py`` and
``examples/chat_oneonone_audio.py``): make a WAV with the speech API (or pass your recording's
path as the first argument), upload it, ask with ``MessageObjectString.build_audio`` inside a
conversation, print the text deltas and save the PCM of the audio deltas as a WAV
(``coze_async.util.write_pcm_to_wav_file``). Async, then sync. cozepy's microphone recording and
playback (pyaudio, sounddevice) are left out: any recorded WAV goes in the same way.

Offline against the emulator, whose chat answers in text only (so no audio is saved there;
``websockets_chat.py`` shows spoken answers), unless COZE_API_TOKEN is set (then also set
COZE_BOT_ID to a bot with voice replies)."""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from _target import Target, coze_target

from coze_async import (
    AsyncCoze,
    AudioFormat,
    ChatEventType,
    Coze,
    Message,
    MessageObjectString,
    TokenAuth,
)
from coze_async.emulator import ChatContext
from coze_async.util import write_pcm_to_wav_file

QUESTION_TEXT = "Which large model are you built on?"


def listening_bot(ctx: ChatContext) -> str:
    """Offline only: an emulated bot that says what it was sent."""
    return f"I got a voice message ({ctx.messages[-1]['content_type']}), thanks."


async def main_async(target: Target, bot_id: str, folder: Path, recording: Path | None) -> None:
    async with AsyncCoze(TokenAuth(target.token), target.base_url) as coze:
        if recording is None:  # no recording given: speak the question with a listed voice
            voice = (await coze.audio.voices.list()).items[0]
            speech = await coze.audio.speech.create(
                input=QUESTION_TEXT, voice_id=voice.voice_id, response_format=AudioFormat.WAV
            )
            recording = folder / "question.wav"
            await speech.write_to_file(recording)
            print(f"[async] spoke the question with {voice.name} into {recording.name}")
        audio_file = await coze.files.upload(file=recording)
        conversation_id = (await coze.conversations.create()).id
        pcm = bytearray()
        async for event in coze.chat.stream(
            bot_id=bot_id,
            user_id="example-user",
            conversation_id=conversation_id,
            additional_messages=[
                Message.build_user_question_objects(
                    [MessageObjectString.build_audio(file_id=audio_file.id)]
                )
            ],
        ):
            if event.event is ChatEventType.CONVERSATION_MESSAGE_DELTA and event.message:
                print(event.message.content, end="", flush=True)
            elif event.event is ChatEventType.CONVERSATION_AUDIO_DELTA and event.message:
                pcm += event.message.get_audio() or b""
        print()
        if pcm:
            answer = folder / "answer.wav"
            write_pcm_to_wav_file(bytes(pcm), answer)
            print("[async] spoken answer saved to", answer)
        else:
            print("[async] the answer came as text only")


def main_sync(target: Target, bot_id: str, recording: Path) -> None:
    with Coze(TokenAuth(target.token), target.base_url) as coze:
        audio_file = coze.files.upload(file=recording)
        question = Message.build_user_question_objects(
            [MessageObjectString.build_audio(file_id=audio_file.id)]
        )
        for event in coze.chat.stream(
            bot_id=bot_id, user_id="example-user", additional_messages=[question]
        ):
            if event.event is ChatEventType.CONVERSATION_MESSAGE_DELTA and event.message:
                print(event.message.content, end="", flush=True)
        print(" [sync]")


if __name__ == "__main__":
    recording = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    with tempfile.TemporaryDirectory() as tmp, coze_target() as target:
        emu = target.emulator
        bot_id = emu.register_responder(listening_bot) if emu else target.bot_id
        asyncio.run(main_async(target, bot_id, Path(tmp), recording))
        main_sync(target, bot_id, recording or Path(tmp, "question.wav"))
