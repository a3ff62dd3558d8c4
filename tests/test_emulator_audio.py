"""The emulator's audio endpoints: driven by the official cozepy client (unmodified) over a real
socket, and by this SDK for what cozepy cannot reach (the documented clone answer, faults, the
errors). The speech bodies are checked as audio: WAV and PCM framing, MP3 frame headers, Ogg
pages with their checksums and the Opus headers."""

from __future__ import annotations

import io
import struct
import wave
from collections.abc import Iterator
from pathlib import Path

import cozepy
import pydantic
import pytest
from cozepy import Coze as CozepyCoze
from cozepy import TokenAuth as CozepyTokenAuth

from coze_async import (
    AsyncCoze,
    AudioFormat,
    CozeAPIError,
    CozeConnectionError,
    RoomConfig,
    RoomMode,
    TranslateConfig,
)
from coze_async.emulator import ECHO_BOT_ID, ECHO_WORKFLOW_ID, Emulator
from coze_async.emulator._audio import speech_body, speech_seconds
from coze_async.emulator.routes.audio import SYSTEM_VOICE_ID

TEXT = "The quick brown fox jumps over the lazy dog."


@pytest.fixture
def sync_emu() -> Iterator[Emulator]:
    with Emulator.run_in_thread(strict=True) as emulator:
        yield emulator


@pytest.fixture
def peer(sync_emu: Emulator) -> Iterator[CozepyCoze]:
    """cozepy's sync client on the emulator."""
    assert sync_emu.token is not None
    with cozepy.SyncHTTPClient() as http:
        yield CozepyCoze(
            auth=CozepyTokenAuth(sync_emu.token), base_url=sync_emu.base_url, http_client=http
        )


# -- checking audio -----------------------------------------------------------------------------


def ogg_crc(data: bytes) -> int:
    """Ogg's CRC-32 (polynomial 0x04C11DB7, not reflected), bit by bit: independent of the
    emulator's table-driven one."""
    crc = 0
    for byte in data:
        crc ^= byte << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) if crc & 0x80000000 else crc << 1
            crc &= 0xFFFFFFFF
    return crc


def ogg_packets(data: bytes) -> list[bytes]:
    """The packets of an Ogg stream, each page's checksum and sequence checked."""
    packets, pending, offset, sequence = [], b"", 0, 0
    while offset < len(data):
        assert data[offset : offset + 4] == b"OggS", offset
        (_, flags, _, _, page_no, crc, segments) = struct.unpack_from("<BBqIIIB", data, offset + 4)
        assert page_no == sequence
        sequence += 1
        lacing = data[offset + 27 : offset + 27 + segments]
        end = offset + 27 + segments + sum(lacing)
        page = data[offset:end]
        assert ogg_crc(page[:22] + b"\0\0\0\0" + page[26:]) == crc
        body = page[27 + segments :]
        position = 0
        for size in lacing:
            pending += body[position : position + size]
            position += size
            if size < 255:
                packets.append(pending)
                pending = b""
        last = flags & 0x04
        offset = end
    assert last, "the last page is marked end-of-stream"
    return packets


def check_audio(data: bytes, response_format: str, sample_rate: int, seconds: float) -> None:
    if response_format == "wav":
        with wave.open(io.BytesIO(data)) as audio:
            assert (audio.getnchannels(), audio.getsampwidth()) == (1, 2)
            assert audio.getframerate() == sample_rate
            assert abs(audio.getnframes() / sample_rate - seconds) < 0.01
    elif response_format == "pcm":
        assert abs(len(data) / 2 / sample_rate - seconds) < 0.01
        samples = struct.unpack(f"<{len(data) // 2}h", data)
        assert max(abs(s) for s in samples) <= 1  # silence
    elif response_format == "mp3":
        header = int.from_bytes(data[:4], "big")
        assert header >> 21 == 0x7FF and (header >> 17) & 0b11 == 0b01  # sync, layer III
        rates = {
            0b11: (44100, 48000, 32000),
            0b10: (22050, 24000, 16000),
            0b00: (11025, 12000, 8000),
        }
        assert rates[(header >> 19) & 0b11][(header >> 10) & 0b11] == sample_rate
        assert (header >> 6) & 0b11 == 0b11  # mono
    else:
        packets = ogg_packets(data)
        head = packets[0]
        assert head[:8] == b"OpusHead" and head[9] == 1  # mono
        assert struct.unpack_from("<I", head, 12)[0] == sample_rate
        assert packets[1].startswith(b"OpusTags")
        assert abs((len(packets) - 2) * 0.02 - seconds) < 0.021


# -- cozepy against the emulator ------------------------------------------------------------------


@pytest.mark.parametrize("response_format", ["wav", "pcm", "mp3", "ogg_opus"])
@pytest.mark.parametrize("sample_rate", [8000, 24000, 44100])
def test_cozepy_speech_is_real_audio_and_transcribes_back(
    peer: CozepyCoze, tmp_path: Path, response_format: str, sample_rate: int
):
    speech = peer.audio.speech.create(
        input=TEXT,
        voice_id=SYSTEM_VOICE_ID,
        response_format=cozepy.AudioFormat(response_format),
        sample_rate=sample_rate,
        speed=1.5,
    )
    assert speech.response.logid
    target = tmp_path / f"speech.{response_format}"
    speech.write_to_file(str(target))
    data = target.read_bytes()
    check_audio(data, response_format, sample_rate, speech_seconds(TEXT, 1.5))
    assert data == b"".join(speech_body(response_format, sample_rate, speech_seconds(TEXT, 1.5)))
    with target.open("rb") as file:
        transcript = peer.audio.transcriptions.create(file=file)
    assert transcript.text == TEXT


def test_cozepy_transcribing_other_audio_gives_the_default_text(peer: CozepyCoze, sync_emu):
    sync_emu.store.audio.default_transcript = "Nothing I said."
    assert peer.audio.transcriptions.create(file=("a.wav", b"RIFF....")).text == "Nothing I said."


def test_cozepy_lists_voices_page_by_page(peer: CozepyCoze, sync_emu: Emulator):
    with sync_emu.client() as coze:
        mine = [
            coze.audio.voices.clone(voice_name=f"Voice {n}", file=b"sample", audio_format="mp3")
            for n in range(3)
        ]
    cloned = peer.audio.voices.list(filter_system_voice=True, page_size=2)
    assert [v.voice_id for v in cloned] == [v.voice_id for v in mine]
    everything = list(peer.audio.voices.list(voice_state=cozepy.VoiceState.ALL))
    assert everything[0].voice_id == SYSTEM_VOICE_ID and everything[0].is_system_voice
    assert len(everything) == 5 + 3
    big = list(peer.audio.voices.list(model_type=cozepy.VoiceModelType.SMALL))
    assert {v.model_type for v in big} == {cozepy.VoiceModelType.SMALL}


def test_cozepy_cannot_read_the_documented_clone_answer(peer: CozepyCoze, sync_emu: Emulator):
    # The service answers a clone with ``{voice_id}`` alone; cozepy 0.20.0 casts it to a Voice
    # whose every field is required, so its clone raises although the voice was created.
    with pytest.raises(pydantic.ValidationError):
        peer.audio.voices.clone(
            voice_name="Peer voice", file=("s.wav", b"sample"), audio_format=cozepy.AudioFormat.WAV
        )
    assert sync_emu.store.audio.voices[-1]["name"] == "Peer voice"


def test_cozepy_room_and_its_live(peer: CozepyCoze, sync_emu: Emulator):
    room = peer.audio.rooms.create(bot_id=ECHO_BOT_ID, uid="caller-1")
    assert room.uid == "caller-1" and room.token and room.app_id
    live = peer.audio.live.retrieve(live_id=room.room_id)
    assert [s.live_type for s in live.stream_infos] == [cozepy.LiveType.ORIGIN]
    record = sync_emu.store.audio.rooms[room.room_id]
    assert record["conversation_id"] in sync_emu.store.conversations.records  # a new one

    translated = peer.audio.rooms.create(
        bot_id=ECHO_BOT_ID,
        workflow_id=ECHO_WORKFLOW_ID,
        config=cozepy.audio.rooms.RoomConfig(  # every field must be given to cozepy
            audio_config=None,
            video_config=None,
            prologue_content="Hello!",
            prologue_delay_duration_ms=None,
            room_mode=cozepy.audio.rooms.RoomMode.TRANSLATE,
            translate_config=cozepy.audio.rooms.TranslateConfig(**{"from": "zh", "to": "en"}),
        ),
    )
    kinds = [s.live_type for s in peer.audio.live.retrieve(live_id=translated.room_id).stream_infos]
    assert kinds == [cozepy.LiveType.ORIGIN, cozepy.LiveType.TRANSLATION]
    # cozepy sends the Python name of TranslateConfig.from_ ("from_"), not the API's "from".
    sent = sync_emu.store.audio.rooms[translated.room_id]["config"]["translate_config"]
    assert sent == {"from_": "zh", "to": "en"}
    assert translated.uid.startswith("user_")


def test_cozepy_voiceprint_groups_and_features(peer: CozepyCoze, tmp_path: Path):
    groups = peer.audio.voiceprint_groups
    group = groups.create(name="Meeting", desc="weekly")
    other = groups.create(name="Other")
    ann_sample, bob_sample = b"ann speaking" * 100, b"bob speaking" * 100
    ann = groups.features.create(group_id=group.id, name="Ann", file=("ann.wav", ann_sample))
    bob = groups.features.create(
        group_id=group.id, name="Bob", file=("bob.wav", bob_sample), desc="guest"
    )
    listed = list(groups.features.list(group_id=group.id, page_size=1))
    assert [f.id for f in listed] == [bob.id, ann.id]  # newest first
    assert listed[0].desc == "guest" and listed[0].user_info.id

    scores = groups.speaker_identify(group_id=group.id, file=("probe.wav", ann_sample))
    assert scores.feature_score_list[0].feature_id == ann.id
    assert scores.feature_score_list[0].score >= 95 > 60 >= scores.feature_score_list[1].score

    groups.features.update(
        group_id=group.id, feature_id=bob.id, name="Bobby", file=("new.wav", ann_sample)
    )
    rescored = groups.speaker_identify(group_id=group.id, file=("probe.wav", ann_sample))
    assert all(s.score >= 95 for s in rescored.feature_score_list)
    assert {f.name for f in groups.features.list(group_id=group.id)} == {"Ann", "Bobby"}

    groups.update(group_id=group.id, name="Standup")
    page = groups.list(name="Stand")
    assert [(g.id, g.name, g.desc, g.feature_count) for g in page.items] == [
        (group.id, "Standup", "weekly", 2)
    ]
    assert [g.id for g in groups.list()] == [other.id, group.id]

    groups.features.delete(group_id=group.id, feature_id=ann.id)
    assert [f.id for f in groups.features.list(group_id=group.id)] == [bob.id]
    groups.delete(group_id=group.id)
    assert [g.id for g in groups.list()] == [other.id]
    with pytest.raises(cozepy.CozeAPIError) as info:
        groups.features.list(group_id=group.id).items  # noqa: B018
    assert info.value.code == 4200


# -- this SDK against the emulator ----------------------------------------------------------------


@pytest.fixture
async def coze(emu: Emulator) -> AsyncCoze:  # type: ignore[misc]
    async with emu.async_client(max_retries=0) as client:
        yield client


async def test_clone_answers_with_the_voice_id_and_the_voice_is_listed(coze: AsyncCoze):
    voice = await coze.audio.voices.clone(
        voice_name="Narration", file=b"sample", audio_format=AudioFormat.WAV, language="en"
    )
    assert voice.voice_id and voice.name == ""  # the documented answer: the id alone
    [listed] = (await coze.audio.voices.list(filter_system_voice=True)).items
    assert (listed.voice_id, listed.name, listed.language_code) == (
        voice.voice_id,
        "Narration",
        "en",
    )
    assert listed.available_training_times == 9 and not listed.is_system_voice
    default = [v.voice_id for v in (await coze.audio.voices.list()).items]
    assert voice.voice_id in default and SYSTEM_VOICE_ID in default  # system voices are cloned


async def test_a_voice_trains_ten_times_at_most(coze: AsyncCoze):
    voice = await coze.audio.voices.clone(voice_name="Mine", file=b"s", audio_format="mp3")
    for _ in range(9):
        again = await coze.audio.voices.clone(
            voice_name="Mine v2", file=b"s2", audio_format="mp3", voice_id=voice.voice_id
        )
        assert again.voice_id == voice.voice_id
    with pytest.raises(CozeAPIError, match="10 times"):
        await coze.audio.voices.clone(
            voice_name="Mine", file=b"s", audio_format="mp3", voice_id=voice.voice_id
        )
    with pytest.raises(CozeAPIError, match="system voice"):
        await coze.audio.voices.clone(
            voice_name="Mine", file=b"s", audio_format="mp3", voice_id=SYSTEM_VOICE_ID
        )


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"voice_id": "123"}, 4200),
        ({"response_format": "flac"}, 4000),
        ({"sample_rate": 11025}, 4000),
        ({"speed": 5}, 4000),
        ({"input": "x" * 1025}, 4000),
        ({"emotion": "bored"}, 4000),
        ({"loudness_rate": 101}, 4000),
    ],
)
async def test_speech_errors(coze: AsyncCoze, kwargs, code: int):
    arguments = {"input": "Hi", "voice_id": SYSTEM_VOICE_ID, **kwargs}
    with pytest.raises(CozeAPIError) as info:
        await coze.audio.speech.create(**arguments)
    assert info.value.code == code and info.value.logid


async def test_other_errors(coze: AsyncCoze, tmp_path: Path):
    cases = [
        (coze.audio.voices.clone(voice_name="n", file=b"s", audio_format="flac"), 4000),
        (coze.audio.voices.clone(voice_name="n", file=b"", audio_format="wav"), 4000),
        (
            coze.audio.voices.clone(voice_name="n", file=b"s", audio_format="wav", language="fr"),
            4000,
        ),
        (coze.audio.transcriptions.create(file=b""), 4000),
        (coze.audio.rooms.create(bot_id="404"), 4200),
        (coze.audio.rooms.create(bot_id=ECHO_BOT_ID, voice_id="404"), 4200),
        (coze.audio.rooms.create(bot_id=ECHO_BOT_ID, conversation_id="404"), 4200),
        (coze.audio.rooms.create(bot_id=ECHO_BOT_ID, workflow_id="404"), 4200),
        (coze.audio.live.retrieve(live_id="404"), 4200),
        (coze.audio.voiceprint_groups.create(name="n" * 21), 4000),
        (coze.audio.voiceprint_groups.update(group_id="404", name="n"), 4200),
        (coze.audio.voiceprint_groups.speaker_identify(group_id="404", file=b"s"), 4200),
        (coze.audio.voiceprint_groups.list(user_id="someone-else"), 4101),
        (coze.audio.voiceprint_groups.list(page_size=201), 4000),
    ]
    for call, code in cases:
        with pytest.raises(CozeAPIError) as info:
            await call
        assert info.value.code == code, call
    group = await coze.audio.voiceprint_groups.create(name="g")
    with pytest.raises(CozeAPIError) as info:
        await coze.audio.voiceprint_groups.features.delete(group_id=group.id, feature_id="404")
    assert info.value.code == 4200


async def test_a_transcription_takes_ten_megabytes_at_most(coze: AsyncCoze):
    with pytest.raises(CozeAPIError, match="exceeds"):
        await coze.audio.transcriptions.create(file=b"\0" * (10 * 1024 * 1024 + 1))


async def test_room_config_goes_out_as_the_api_names_it(coze: AsyncCoze, emu: Emulator):
    room = await coze.audio.rooms.create(
        bot_id=ECHO_BOT_ID,
        config=RoomConfig(
            room_mode=RoomMode.TRANSLATE, translate_config=TranslateConfig(from_="zh", to="ja")
        ),
    )
    assert emu.store.audio.rooms[room.room_id]["config"] == {
        "room_mode": "translate",
        "translate_config": {"from": "zh", "to": "ja"},
    }
    live = await coze.audio.live.retrieve(live_id=room.room_id)
    assert [s.name for s in live.stream_infos] == ["origin", "translation-ja"]


async def test_identify_returns_the_top_k(coze: AsyncCoze):
    group = await coze.audio.voiceprint_groups.create(name="g")
    for n in range(4):
        await coze.audio.voiceprint_groups.features.create(
            group_id=group.id, name=f"p{n}", file=f"speaker {n}".encode()
        )
    scores = await coze.audio.voiceprint_groups.speaker_identify(
        group_id=group.id, file=b"speaker 2", top_k=2
    )
    assert [s.feature_name for s in scores.feature_score_list][:1] == ["p2"]
    assert len(scores.feature_score_list) == 2
    assert scores.feature_score_list[0].score >= scores.feature_score_list[1].score


async def test_speech_faults(coze: AsyncCoze, emu: Emulator, tmp_path: Path):
    emu.inject(path="/v1/audio/speech", code=4013, msg="too many requests")
    with pytest.raises(CozeAPIError) as info:
        await coze.audio.speech.create(input=TEXT, voice_id=SYSTEM_VOICE_ID)
    assert info.value.code == 4013

    emu.inject(path="/v1/audio/speech", drop_after=1)
    resp = await coze.audio.speech.create(
        input=TEXT * 20, voice_id=SYSTEM_VOICE_ID, response_format="wav"
    )
    target = tmp_path / "cut.wav"
    with pytest.raises(CozeConnectionError, match="cut after"):
        await resp.write_to_file(target)
    assert not target.exists()

    emu.inject(path="/v1/audio/speech", event_delay=0.01)
    slow = await coze.audio.speech.create(
        input=TEXT * 5, voice_id=SYSTEM_VOICE_ID, response_format="pcm"
    )
    assert len(await slow.read()) == slow.content_length


def test_sync_speech_to_a_file_and_back(sync_emu: Emulator, tmp_path: Path):
    target = tmp_path / "hello.mp3"
    with sync_emu.client() as coze:
        speech = coze.audio.speech.create(input=TEXT, voice_id=SYSTEM_VOICE_ID)
        speech.write_to_file(target)
        assert speech.content_type == "audio/mpeg"
        assert target.stat().st_size == speech.content_length
        assert coze.audio.transcriptions.create(file=target).text == TEXT
