"""``coze.audio``: every method's request (route, query, JSON body or multipart form) and result
model, from the async and the sync API; argument checks before sending; paging; and the binary
answer of ``speech.create`` (read whole, in chunks, to a file; streamed, not buffered; the
connection released at the end and closed on every early exit; error envelopes typed). HTTP is
mocked with aioresponses, or served by a recording loopback server for multipart bodies and
connection lifecycles."""

from __future__ import annotations

import asyncio
import email.parser
import gc
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aioresponses import aioresponses

from coze_async import (
    AsyncCoze,
    AsyncFileHTTPResponse,
    AudioFormat,
    Coze,
    CozeAPIError,
    CozeClientClosedError,
    CozeConnectionError,
    CozeError,
    CozeInvalidArgumentError,
    CozeInvalidArgumentTypeError,
    CozeInvalidResponseError,
    CreateRoomResp,
    CreateTranscriptionsResp,
    CreateVoicePrintGroupFeatureResp,
    CreateVoicePrintGroupResp,
    DeleteVoicePrintGroupFeatureResp,
    DeleteVoicePrintGroupResp,
    FeatureScore,
    FileHTTPResponse,
    InternalServerError,
    LiveInfo,
    LiveType,
    RoomAudioConfig,
    RoomConfig,
    RoomMode,
    SpeakerIdentifyResp,
    StreamInfo,
    SyncFileHTTPResponse,
    TokenAuth,
    TranslateConfig,
    UpdateVoicePrintGroupFeatureResp,
    UpdateVoicePrintGroupResp,
    UserInfo,
    Voice,
    VoiceModelType,
    VoicePrintGroup,
    VoicePrintGroupFeature,
    VoiceState,
)
from tests.conftest import MOCK_BASE, Case, LoopbackServer, Recorded, route, sent

BASE = MOCK_BASE
LOGID = "audio-logid-1"
HEADERS = {"x-tt-logid": LOGID}
AUDIO = bytes(range(256)) * 40 + b"tail"


def ok(data: Any = None) -> dict[str, Any]:
    body: dict[str, Any] = {"code": 0, "msg": "", "detail": {"logid": LOGID}}
    if data is not None:
        body["data"] = data
    return body


USER = {"id": "u-1", "name": "ann", "nickname": "Ann", "avatar_url": "https://a"}
VOICE = {
    "voice_id": "v-1",
    "name": "Mine",
    "is_system_voice": False,
    "language_code": "en",
    "language_name": "English",
    "preview_text": "hi",
    "preview_audio": "https://p",
    "available_training_times": 9,
    "create_time": 1,
    "update_time": 2,
    "model_type": "big",
    "state": "cloned",
    "support_emotions": [
        {
            "emotion": "happy",
            "display_name": "Happy",
            "emotion_scale_interval": {"min": 1, "max": 5, "default": 4},
        }
    ],
}
GROUP = {
    "id": "g-1",
    "name": "Team",
    "desc": "d",
    "created_at": 1,
    "updated_at": 2,
    "icon_url": "https://i",
    "feature_count": 2,
    "user_info": USER,
}
FEATURE = {
    "id": "f-1",
    "group_id": "g-1",
    "name": "Ann",
    "audio_url": "https://s",
    "created_at": 1,
    "updated_at": 2,
    "desc": "",
    "icon_url": "https://i",
    "user_info": USER,
}


# -- JSON methods: one case each ------------------------------------------------------------------


def check_voices(page: Any) -> None:
    assert page.has_more is False and page.total is None
    [voice] = page.items
    assert isinstance(voice, Voice)
    assert voice.model_type is VoiceModelType.BIG and voice.state is VoiceState.CLONED
    assert voice.support_emotions is not None
    interval = voice.support_emotions[0].emotion_scale_interval
    assert interval is not None and interval.max == 5


def check_room(room: Any) -> None:
    assert room == CreateRoomResp(token="t", uid="u", room_id="r-1", app_id="app")


def check_live(live: Any) -> None:
    assert live == LiveInfo(
        app_id="app",
        stream_infos=[StreamInfo(stream_id="s-1", name="origin", live_type=LiveType.ORIGIN)],
    )


def check_groups(page: Any) -> None:
    assert page.total == 1 and page.has_more is False
    [group] = page.items
    assert isinstance(group, VoicePrintGroup) and group.feature_count == 2
    assert group.user_info == UserInfo(**USER)


def check_features(page: Any) -> None:
    assert page.total == 1
    [feature] = page.items
    assert isinstance(feature, VoicePrintGroupFeature) and feature.group_id == "g-1"


def is_a(cls: type) -> Callable[[Any], None]:
    def check(result: Any) -> None:
        assert isinstance(result, cls)

    return check


CASES: dict[str, Case] = {
    "voices.list": Case(
        "GET",
        "/v1/audio/voices",
        lambda c: c.audio.voices.list(
            filter_system_voice=True,
            model_type=VoiceModelType.BIG,
            voice_state=VoiceState.ALL,
            page_size=10,
        ),
        check_voices,
        data={"voice_list": [VOICE], "has_more": False},
        query={
            "filter_system_voice": "true",
            "model_type": "big",
            "voice_state": "all",
            "page_num": "1",
            "page_size": "10",
        },
    ),
    "rooms.create": Case(
        "POST",
        "/v1/audio/rooms",
        lambda c: c.audio.rooms.create(
            bot_id="b-1",
            voice_id="v-1",
            uid="u",
            config=RoomConfig(
                audio_config=RoomAudioConfig(codec="OPUS"),
                room_mode=RoomMode.TRANSLATE,
                translate_config=TranslateConfig(from_="zh", to="en"),
            ),
        ),
        check_room,
        data={"token": "t", "uid": "u", "room_id": "r-1", "app_id": "app"},
        body={
            "bot_id": "b-1",
            "voice_id": "v-1",
            "uid": "u",
            "config": {
                "audio_config": {"codec": "OPUS"},
                "room_mode": "translate",
                "translate_config": {"from": "zh", "to": "en"},
            },
        },
    ),
    "live.retrieve": Case(
        "GET",
        "/v1/audio/live/l-1",
        lambda c: c.audio.live.retrieve(live_id="l-1"),
        check_live,
        data={
            "app_id": "app",
            "stream_infos": [{"stream_id": "s-1", "name": "origin", "live_type": "origin"}],
        },
    ),
    "voiceprint_groups.create": Case(
        "POST",
        "/v1/audio/voiceprint_groups",
        lambda c: c.audio.voiceprint_groups.create(name="Team", desc="d"),
        lambda r: r == CreateVoicePrintGroupResp(id="g-1"),
        data={"id": "g-1"},
        body={"name": "Team", "desc": "d"},
    ),
    "voiceprint_groups.update": Case(
        "PUT",
        "/v1/audio/voiceprint_groups/g-1",
        lambda c: c.audio.voiceprint_groups.update(group_id="g-1", name="New"),
        is_a(UpdateVoicePrintGroupResp),
        body={"name": "New"},
    ),
    "voiceprint_groups.delete": Case(
        "DELETE",
        "/v1/audio/voiceprint_groups/g-1",
        lambda c: c.audio.voiceprint_groups.delete(group_id="g-1"),
        is_a(DeleteVoicePrintGroupResp),
    ),
    "voiceprint_groups.list": Case(
        "GET",
        "/v1/audio/voiceprint_groups",
        lambda c: c.audio.voiceprint_groups.list(name="Te", user_id="u-1"),
        check_groups,
        data={"items": [GROUP], "total": 1},
        query={"name": "Te", "user_id": "u-1", "page_num": "1", "page_size": "100"},
    ),
    "voiceprint_groups.features.list": Case(
        "GET",
        "/v1/audio/voiceprint_groups/g-1/features",
        lambda c: c.audio.voiceprint_groups.features.list(group_id="g-1", page_size=5),
        check_features,
        data={"items": [FEATURE], "total": 1},
        query={"page_num": "1", "page_size": "5"},
    ),
    "voiceprint_groups.features.delete": Case(
        "DELETE",
        "/v1/audio/voiceprint_groups/g-1/features/f-1",
        lambda c: c.audio.voiceprint_groups.features.delete(group_id="g-1", feature_id="f-1"),
        is_a(DeleteVoicePrintGroupFeatureResp),
    ),
}


def expect(mocked: aioresponses, case: Case) -> None:
    mocked.add(route(case.path), case.method, payload=ok(case.data), headers=HEADERS)


def assert_sent(mocked: aioresponses, case: Case, result: Any) -> None:
    [request] = sent(mocked)
    assert (request.method, request.url.path) == (case.method, case.path)
    assert request.query == case.query
    assert request.json == case.body
    assert case.check(result) is not False
    assert result.response.logid == LOGID


@pytest.mark.parametrize("name", CASES)
async def test_async_call_sends_the_request_and_returns_the_model(mocked, name: str) -> None:
    case = CASES[name]
    expect(mocked, case)
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        result = await case.call(coze)
    assert_sent(mocked, case, result)


@pytest.mark.parametrize("name", CASES)
def test_sync_call_sends_the_request_and_returns_the_model(mocked, name: str) -> None:
    case = CASES[name]
    expect(mocked, case)
    with Coze(TokenAuth("t"), BASE) as coze:
        result = case.call(coze)
    assert_sent(mocked, case, result)


def test_every_checklist_method_of_the_family_is_covered() -> None:
    listed = {
        line.split("\t")[0].removeprefix("coze.audio.")
        for line in (Path(__file__).parent / "fixtures" / "api-checklist.tsv")
        .read_text()
        .split("\n")
        if line.startswith("coze.audio.")
    }
    covered = {*CASES, *MULTIPART, "speech.create"}
    assert listed == covered


# -- multipart methods, on a recording server ---------------------------------------------------


def form_parts(request: Recorded) -> dict[str, tuple[str | None, bytes]]:
    """The parts of a multipart request: name -> (filename, content)."""
    head = f"Content-Type: {request.headers['Content-Type']}\r\n\r\n".encode()
    message = email.parser.BytesParser().parsebytes(head + request.body)
    parts = {}
    for part in message.get_payload():
        name = part.get_param("name", header="content-disposition")
        parts[name] = (part.get_filename(), part.get_payload(decode=True))
    return parts


@dataclass
class Upload:
    """A multipart call: the route, the answer, the form sent and the result."""

    method: str
    path: str
    call: Callable[[Any, Path], Any]
    form: dict[str, str]
    data: Any
    check: Callable[[Any], Any]
    file: bool = True


MULTIPART: dict[str, Upload] = {
    "transcriptions.create": Upload(
        "POST",
        "/v1/audio/transcriptions",
        lambda c, p: c.audio.transcriptions.create(file=p),
        {},
        {"text": "hello"},
        lambda r: r == CreateTranscriptionsResp(text="hello"),
    ),
    "voices.clone": Upload(
        "POST",
        "/v1/audio/voices/clone",
        lambda c, p: c.audio.voices.clone(
            voice_name="Mine",
            file=p,
            audio_format=AudioFormat.WAV,
            language="en",
            preview_text="Hi",
            space_id="ws-1",
        ),
        {
            "voice_name": "Mine",
            "audio_format": "wav",
            "language": "en",
            "preview_text": "Hi",
            "space_id": "ws-1",
        },
        {"voice_id": "v-9"},
        lambda r: r.voice_id == "v-9" and r.name == "" and r.state is None,
    ),
    "voiceprint_groups.speaker_identify": Upload(
        "POST",
        "/v1/audio/voiceprint_groups/g-1/speaker_identify",
        lambda c, p: c.audio.voiceprint_groups.speaker_identify(
            group_id="g-1", file=p, top_k=2, sample_rate=16000, channel=1
        ),
        {"top_k": "2", "sample_rate": "16000", "channel": "1"},
        {"feature_score_list": [{"feature_id": "f-1", "feature_name": "Ann", "score": 97.5}]},
        lambda r: (
            r
            == SpeakerIdentifyResp(
                feature_score_list=[FeatureScore(feature_id="f-1", feature_name="Ann", score=97.5)]
            )
        ),
    ),
    "voiceprint_groups.features.create": Upload(
        "POST",
        "/v1/audio/voiceprint_groups/g-1/features",
        lambda c, p: c.audio.voiceprint_groups.features.create(
            group_id="g-1", name="Ann", file=p, desc="lead"
        ),
        {"name": "Ann", "desc": "lead"},
        {"id": "f-1"},
        lambda r: r == CreateVoicePrintGroupFeatureResp(id="f-1"),
    ),
    "voiceprint_groups.features.update": Upload(
        "PUT",
        "/v1/audio/voiceprint_groups/g-1/features/f-1",
        lambda c, p: c.audio.voiceprint_groups.features.update(
            group_id="g-1", feature_id="f-1", name="Anna", file=p, sample_rate=8000
        ),
        {"name": "Anna", "sample_rate": "8000"},
        None,
        lambda r: isinstance(r, UpdateVoicePrintGroupFeatureResp),
    ),
}


def recording_app(answers: dict[tuple[str, str], Any]) -> web.Application:
    async def answer(request: web.Request) -> web.Response:
        data = answers[(request.method, request.path)]
        return web.json_response(ok(data), headers=HEADERS)

    app = web.Application()
    for method, path in answers:
        app.router.add_route(method, path, answer)
    return app


def sample(tmp_path: Path) -> Path:
    path = tmp_path / "sample.wav"
    path.write_bytes(AUDIO)
    return path


def assert_upload(upload: Upload, request: Recorded, result: Any) -> None:
    assert (request.method, request.path) == (upload.method, upload.path)
    assert request.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    parts = form_parts(request)
    fields = {name: content.decode() for name, (_, content) in parts.items() if name != "file"}
    assert fields == upload.form
    assert parts["file"] == ("sample.wav", AUDIO)
    assert list(parts)[-1] == "file"  # the fields come first
    assert upload.check(result)
    assert result.response.logid == LOGID


@pytest.mark.parametrize("name", MULTIPART)
async def test_multipart_call_sends_the_form_and_the_file(loopback, tmp_path, name: str):
    upload = MULTIPART[name]
    server = await loopback(recording_app({(upload.method, upload.path): upload.data}))
    async with AsyncCoze(TokenAuth("t"), server.url) as coze:
        result = await upload.call(coze, sample(tmp_path))
    [request] = server.requests
    assert_upload(upload, request, result)


@pytest.mark.parametrize("name", MULTIPART)
def test_multipart_call_from_the_sync_api(threaded_server, tmp_path, name: str):
    upload = MULTIPART[name]
    server = threaded_server(recording_app({(upload.method, upload.path): upload.data}))
    with Coze(TokenAuth("t"), server.url) as coze:
        result = upload.call(coze, sample(tmp_path))
    [request] = server.requests
    assert_upload(upload, request, result)


async def test_feature_update_without_a_file_sends_the_fields_alone(loopback):
    path = "/v1/audio/voiceprint_groups/g-1/features/f-1"
    server = await loopback(recording_app({("PUT", path): None}))
    async with AsyncCoze(TokenAuth("t"), server.url) as coze:
        result = await coze.audio.voiceprint_groups.features.update(
            group_id="g-1", feature_id="f-1", desc="new", channel=2
        )
    assert isinstance(result, UpdateVoicePrintGroupFeatureResp)
    [request] = server.requests
    parts = form_parts(request)
    assert {k: (f, c.decode()) for k, (f, c) in parts.items()} == {
        "desc": (None, "new"),
        "channel": (None, "2"),
    }


async def test_upload_progress_is_reported(loopback, tmp_path):
    path = "/v1/audio/transcriptions"
    server = await loopback(recording_app({("POST", path): {"text": ""}}))
    reports: list[tuple[int, int | None]] = []
    async with AsyncCoze(TokenAuth("t"), server.url) as coze:
        await coze.audio.transcriptions.create(
            file=sample(tmp_path), progress=lambda s, t: reports.append((s, t))
        )
    assert reports[-1] == (len(AUDIO), len(AUDIO))


# -- defaults, options left out, enums ----------------------------------------------------------


async def test_optional_arguments_left_out_are_not_sent(mocked) -> None:
    mocked.get(route("/v1/audio/voices"), payload=ok({"voice_list": [], "has_more": False}))
    mocked.post(route("/v1/audio/rooms"), payload=ok(CASES["rooms.create"].data))
    mocked.put(route("/v1/audio/voiceprint_groups/g"), payload=ok())
    mocked.get(route("/v1/audio/voiceprint_groups"), payload=ok({"items": [], "total": 0}))
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        voices = await coze.audio.voices.list()
        await coze.audio.rooms.create(bot_id="b")
        await coze.audio.voiceprint_groups.update(group_id="g")
        groups = await coze.audio.voiceprint_groups.list()
    assert voices.items == [] and groups.items == []
    listed, room, update, grouped = sent(mocked)
    assert listed.query == {"filter_system_voice": "false", "page_num": "1", "page_size": "100"}
    assert room.json == {"bot_id": "b"}
    assert update.json == {}
    assert grouped.query == {"page_num": "1", "page_size": "100"}


async def test_unknown_enum_values_from_the_server_are_kept(mocked) -> None:
    voice = {**VOICE, "model_type": "huge", "state": "training"}
    mocked.get(route("/v1/audio/voices"), payload=ok({"voice_list": [voice], "has_more": False}))
    mocked.get(
        route("/v1/audio/live/l"),
        payload=ok({"app_id": "a", "stream_infos": [{"stream_id": "s", "live_type": "dub"}]}),
    )
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        [item] = (await coze.audio.voices.list()).items
        live = await coze.audio.live.retrieve(live_id="l")
    assert item.model_type is not None and item.model_type.is_dynamic
    assert item.state is not None and item.state.value == "training"
    assert live.stream_infos[0].live_type is not None and live.stream_infos[0].live_type.is_dynamic


def test_enum_values() -> None:
    assert [f.value for f in AudioFormat] == ["wav", "pcm", "ogg_opus", "mp3"]
    assert AudioFormat("m4a").is_dynamic  # clone samples come in more formats
    assert [s.value for s in VoiceState] == ["init", "cloned", "all"]
    assert [m.value for m in RoomMode] == ["default", "s2s", "podcast", "translate"]


# -- argument checks ------------------------------------------------------------------------------


PATH_ID_CALLS: dict[str, Callable[[Any, str], Any]] = {
    "live.retrieve": lambda c, bad: c.audio.live.retrieve(live_id=bad),
    "voiceprint_groups.update": lambda c, bad: c.audio.voiceprint_groups.update(group_id=bad),
    "voiceprint_groups.delete": lambda c, bad: c.audio.voiceprint_groups.delete(group_id=bad),
    "voiceprint_groups.speaker_identify": lambda c, bad: c.audio.voiceprint_groups.speaker_identify(
        group_id=bad, file=b"x"
    ),
    "features.create": lambda c, bad: c.audio.voiceprint_groups.features.create(
        group_id=bad, name="n", file=b"x"
    ),
    "features.update(group_id)": lambda c, bad: c.audio.voiceprint_groups.features.update(
        group_id=bad, feature_id="f"
    ),
    "features.update(feature_id)": lambda c, bad: c.audio.voiceprint_groups.features.update(
        group_id="g", feature_id=bad
    ),
    "features.delete": lambda c, bad: c.audio.voiceprint_groups.features.delete(
        group_id="g", feature_id=bad
    ),
    "features.list": lambda c, bad: c.audio.voiceprint_groups.features.list(group_id=bad),
}


@pytest.mark.parametrize("name", PATH_ID_CALLS)
async def test_ids_in_paths_are_validated_before_any_request(mocked, name: str) -> None:
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        for bad in ("../other", "a/b", "x?y=1", ""):
            with pytest.raises(CozeInvalidArgumentError):
                await PATH_ID_CALLS[name](coze, bad)
    assert mocked.requests == {}


BAD_CALLS: dict[str, tuple[Callable[[Any], Any], type[CozeError]]] = {
    "speech: input not text": (
        lambda c: c.audio.speech.create(input=5, voice_id="v"),
        CozeInvalidArgumentTypeError,
    ),
    "speech: empty voice": (
        lambda c: c.audio.speech.create(input="hi", voice_id=""),
        CozeInvalidArgumentError,
    ),
    "speech: speed not a number": (
        lambda c: c.audio.speech.create(input="hi", voice_id="v", speed="fast"),
        CozeInvalidArgumentTypeError,
    ),
    "speech: speed not finite": (
        lambda c: c.audio.speech.create(input="hi", voice_id="v", speed=float("nan")),
        CozeInvalidArgumentError,
    ),
    "speech: sample rate": (
        lambda c: c.audio.speech.create(input="hi", voice_id="v", sample_rate=0),
        CozeInvalidArgumentError,
    ),
    "speech: format": (
        lambda c: c.audio.speech.create(input="hi", voice_id="v", response_format=3),
        CozeInvalidArgumentTypeError,
    ),
    "clone: no name": (
        lambda c: c.audio.voices.clone(voice_name="", file=b"x", audio_format="wav"),
        CozeInvalidArgumentError,
    ),
    "clone: language not text": (
        lambda c: c.audio.voices.clone(voice_name="n", file=b"x", audio_format="wav", language=1.5),
        CozeInvalidArgumentTypeError,
    ),
    "voices.list: filter not a bool": (
        lambda c: c.audio.voices.list(filter_system_voice="yes"),
        CozeInvalidArgumentTypeError,
    ),
    "voices.list: page size": (
        lambda c: c.audio.voices.list(page_size=0),
        CozeInvalidArgumentError,
    ),
    "rooms: empty bot": (lambda c: c.audio.rooms.create(bot_id=""), CozeInvalidArgumentError),
    "rooms: config not a RoomConfig": (
        lambda c: c.audio.rooms.create(bot_id="b", config={"room_mode": "default"}),
        CozeInvalidArgumentTypeError,
    ),
    "identify: top_k": (
        lambda c: c.audio.voiceprint_groups.speaker_identify(group_id="g", file=b"x", top_k=0),
        CozeInvalidArgumentError,
    ),
    "features: channel": (
        lambda c: c.audio.voiceprint_groups.features.create(
            group_id="g", name="n", file=b"x", channel=-1
        ),
        CozeInvalidArgumentError,
    ),
    "groups: name not text": (
        lambda c: c.audio.voiceprint_groups.create(name=None),
        CozeInvalidArgumentTypeError,
    ),
    "transcriptions: no such file": (
        lambda c: c.audio.transcriptions.create(file="/no/such/file.wav"),
        CozeInvalidArgumentError,
    ),
}


@pytest.mark.parametrize("name", BAD_CALLS)
async def test_bad_arguments_are_refused_before_sending(mocked, name: str) -> None:
    call, error = BAD_CALLS[name]
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        with pytest.raises(error):
            result = call(coze)
            if isinstance(result, Awaitable):
                await result
    assert mocked.requests == {}


def test_bad_arguments_are_refused_by_the_sync_api_too(mocked) -> None:
    with Coze(TokenAuth("t"), BASE) as coze:
        with pytest.raises(CozeInvalidArgumentTypeError):
            coze.audio.speech.create(input=b"bytes", voice_id="v")  # type: ignore[arg-type]
        with pytest.raises(CozeInvalidArgumentError):
            coze.audio.voiceprint_groups.features.delete(group_id="g/../x", feature_id="f")
    assert mocked.requests == {}


async def test_api_errors_are_raised(mocked) -> None:
    mocked.post(
        route("/v1/audio/voiceprint_groups"),
        payload={"code": 4100, "msg": "no permission", "detail": {"logid": LOGID}},
    )
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        with pytest.raises(CozeAPIError) as info:
            await coze.audio.voiceprint_groups.create(name="x")
    assert info.value.code == 4100 and info.value.logid == LOGID


# -- paging ---------------------------------------------------------------------------------------


def voice(n: int) -> dict[str, Any]:
    return {**VOICE, "voice_id": f"v-{n}"}


async def test_voices_walk_every_page_by_has_more(mocked) -> None:
    for first, more in ((1, True), (3, True), (5, False)):
        batch = [voice(n) for n in range(first, min(first + 2, 6))]
        mocked.get(route("/v1/audio/voices"), payload=ok({"voice_list": batch, "has_more": more}))
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        ids = [v.voice_id async for v in coze.audio.voices.list(page_size=2)]
    assert ids == [f"v-{n}" for n in range(1, 6)]
    assert [r.query["page_num"] for r in sent(mocked)] == ["1", "2", "3"]
    assert all(r.query["filter_system_voice"] == "false" for r in sent(mocked))


def test_voiceprint_groups_walk_every_page_by_total_sync(mocked) -> None:
    for first in (1, 3, 5):
        batch = [{**GROUP, "id": f"g-{n}"} for n in range(first, min(first + 2, 6))]
        mocked.get(route("/v1/audio/voiceprint_groups"), payload=ok({"items": batch, "total": 5}))
    with Coze(TokenAuth("t"), BASE) as coze:
        page = coze.audio.voiceprint_groups.list(name="g", page_size=2)
        assert page.total == 5
        ids = [g.id for g in page]
    assert ids == [f"g-{n}" for n in range(1, 6)]
    assert [r.query["page_num"] for r in sent(mocked)] == ["1", "2", "3"]
    assert all(r.query["name"] == "g" for r in sent(mocked))


# -- speech: the binary answer ----------------------------------------------------------------------

SPEECH = "/v1/audio/speech"


def speech_answer(mocked: aioresponses, body: bytes = AUDIO, **kwargs: Any) -> None:
    headers = {"Content-Type": "audio/mpeg", **HEADERS, **kwargs.pop("headers", {})}
    mocked.post(route(SPEECH), body=body, headers=headers, **kwargs)


async def test_speech_sends_cozepys_body_and_reads_the_audio(mocked) -> None:
    speech_answer(mocked)
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        resp = coze.audio.speech.create(input="Hello", voice_id="v-1")
        assert isinstance(resp, AsyncFileHTTPResponse)
        assert sent(mocked) == []  # returned at once, sent on first use
        assert await resp is resp
        assert resp.response.status_code == 200 and resp.response.logid == LOGID
        assert resp.content_type == "audio/mpeg"
        assert await resp.read() == AUDIO
        assert resp.bytes_received == len(AUDIO)
        assert await resp.read() == b""  # nothing more
    [request] = sent(mocked)
    assert request.json == {
        "input": "Hello",
        "voice_id": "v-1",
        "response_format": "mp3",
        "speed": 1,
        "sample_rate": 24000,
    }


async def test_speech_sends_every_option_given(mocked) -> None:
    speech_answer(mocked)
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        async with coze.audio.speech.create(
            input="Hi",
            voice_id="v",
            response_format=AudioFormat.OGG_OPUS,
            speed=1.5,
            sample_rate=48000,
            emotion="happy",
            emotion_scale=3.5,
            loudness_rate=-20,
            context_texts="softly",
        ) as resp:
            assert await resp.read() == AUDIO
    [request] = sent(mocked)
    assert request.json == {
        "input": "Hi",
        "voice_id": "v",
        "response_format": "ogg_opus",
        "speed": 1.5,
        "sample_rate": 48000,
        "emotion": "happy",
        "emotion_scale": 3.5,
        "loudness_rate": -20,
        "context_texts": "softly",
    }


async def test_speech_in_chunks_and_to_a_file(mocked, tmp_path) -> None:
    speech_answer(mocked)
    speech_answer(mocked)
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        resp = await coze.audio.speech.create(input="Hello", voice_id="v")
        chunks = [chunk async for chunk in resp.iter_bytes(chunk_size=1000)]
        assert b"".join(chunks) == AUDIO and all(len(c) <= 1000 for c in chunks)
        target = tmp_path / "out.mp3"
        await (await coze.audio.speech.create(input="Hello", voice_id="v")).write_to_file(target)
    assert target.read_bytes() == AUDIO


async def test_iter_bytes_checks_its_chunk_size(mocked) -> None:
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        resp = coze.audio.speech.create(input="Hello", voice_id="v")
        with pytest.raises(CozeInvalidArgumentError):
            resp.iter_bytes(chunk_size=0)
        with pytest.raises(CozeInvalidArgumentTypeError):
            resp.iter_bytes(chunk_size=1.5)  # type: ignore[arg-type]
        await resp.aclose()
    assert mocked.requests == {}


async def test_speech_error_envelope_raises_its_typed_error(mocked) -> None:
    mocked.post(
        route(SPEECH),
        payload={"code": 4000, "msg": "voice_id is invalid", "detail": {"logid": LOGID}},
    )
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        with pytest.raises(CozeAPIError) as info:
            await coze.audio.speech.create(input="Hello", voice_id="nope")
    assert info.value.code == 4000 and info.value.logid == LOGID
    assert "voice_id is invalid" in str(info.value)


async def test_speech_json_success_where_audio_was_expected_is_invalid(mocked) -> None:
    mocked.post(route(SPEECH), payload=ok({"url": "https://x"}), headers=HEADERS)
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        with pytest.raises(CozeInvalidResponseError, match="expected a binary body"):
            await coze.audio.speech.create(input="Hello", voice_id="v")


async def test_speech_server_error_is_typed_and_not_retried(mocked) -> None:
    # Speech is billed: a POST that may have been served is not sent again.
    for _ in range(2):
        mocked.post(route(SPEECH), status=500, payload={"code": 5000, "msg": "busy"})
    async with AsyncCoze(TokenAuth("t"), BASE, max_retries=1) as coze:
        with pytest.raises(InternalServerError):
            await coze.audio.speech.create(input="Hello", voice_id="v", timeout=5)
    assert len(sent(mocked)) == 1


def test_sync_speech_read_iter_and_write(mocked, tmp_path) -> None:
    for _ in range(3):
        speech_answer(mocked)
    with Coze(TokenAuth("t"), BASE) as coze:
        resp = coze.audio.speech.create(input="Hello", voice_id="v")
        assert isinstance(resp, FileHTTPResponse)
        assert resp.response.logid == LOGID and resp.content_type == "audio/mpeg"
        assert resp.read() == AUDIO
        with coze.audio.speech.create(input="Hello", voice_id="v") as resp:
            chunks = list(resp.iter_bytes(chunk_size=777))
        assert b"".join(chunks) == AUDIO
        assert [len(c) for c in chunks[:-1]] == [777] * (len(chunks) - 1)
        target = tmp_path / "sync.mp3"
        coze.audio.speech.create(input="Hello", voice_id="v").write_to_file(target)
    assert target.read_bytes() == AUDIO
    assert "FileHTTPResponse(status=200" in repr(resp)


def test_sync_speech_is_cozepys_file_http_response(mocked, tmp_path) -> None:
    for _ in range(2):
        speech_answer(mocked)
    with Coze(TokenAuth("t"), BASE) as coze:
        resp = coze.audio.speech.create(input="Hello", voice_id="v")
        assert isinstance(resp, FileHTTPResponse) and isinstance(resp, SyncFileHTTPResponse)
        assert resp.logid == LOGID and resp.status_code == 200
        assert resp.headers["Content-Type"] == "audio/mpeg"
        assert resp.content == AUDIO and len(resp) == len(AUDIO)  # read whole, once
        assert resp.read() == AUDIO and b"".join(resp.iter_bytes(100)) == AUDIO
        target = tmp_path / "again.mp3"
        resp.write_to_file(target)
        assert target.read_bytes() == AUDIO
        streamed = coze.audio.speech.create(input="Hello", voice_id="v")
        streamed.stream_to_file(tmp_path / "streamed.mp3", chunk_size=4096)
    assert (tmp_path / "streamed.mp3").read_bytes() == AUDIO


def test_sync_speech_errors_are_raised_by_the_call(mocked) -> None:
    mocked.post(route(SPEECH), payload={"code": 4000, "msg": "bad", "detail": {"logid": LOGID}})
    with Coze(TokenAuth("t"), BASE) as coze:
        with pytest.raises(CozeAPIError):
            coze.audio.speech.create(input="Hello", voice_id="v")


# -- speech on a real socket: streaming and the connection's lifecycle -----------------------------


def slow_audio_app(
    release: asyncio.Event, *, chunks: int = 4, size: int = 64 * 1024
) -> web.Application:
    """Audio sent in ``chunks`` pieces; after the first, the server waits for ``release``."""

    async def speech(request: web.Request) -> web.StreamResponse:
        assert request.transport is not None
        peers.append(request.transport.get_extra_info("peername"))
        response = web.StreamResponse(headers={"Content-Type": "audio/wav", **HEADERS})
        response.content_length = chunks * size
        await response.prepare(request)
        for index in range(chunks):
            await response.write(bytes([index]) * size)
            if index == 0:
                await release.wait()
        await response.write_eof()
        return response

    peers: list[Any] = []
    app = web.Application()
    app[PEERS] = peers
    app.router.add_post(SPEECH, speech)
    return app


#: The client address of each speech request a test app served.
PEERS = web.AppKey("peers", list)


async def wait_for_no_connections(server: LoopbackServer, seconds: float = 2.0) -> int:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while server.live_connections() and loop.time() < deadline:
        await asyncio.sleep(0.01)
    return server.live_connections()


async def test_chunks_arrive_before_the_body_is_complete(loopback) -> None:
    release = asyncio.Event()
    server = await loopback(slow_audio_app(release))
    async with AsyncCoze(TokenAuth("t"), server.url) as coze:
        resp = await coze.audio.speech.create(input="Hello", voice_id="v")
        chunks = resp.iter_bytes()
        first = await asyncio.wait_for(chunks.__anext__(), 5)  # the server still waits
        assert set(first) == {0}
        release.set()
        rest = b"".join([chunk async for chunk in chunks])
    assert len(first) + len(rest) == 4 * 64 * 1024


async def test_reading_to_the_end_releases_the_connection_for_reuse(loopback) -> None:
    release = asyncio.Event()
    release.set()
    server = await loopback(slow_audio_app(release))
    async with AsyncCoze(TokenAuth("t"), server.url) as coze:
        for _ in range(3):
            resp = await coze.audio.speech.create(input="Hello", voice_id="v")
            assert resp.content_length == 4 * 64 * 1024
            assert len(await resp.read()) == 4 * 64 * 1024
            assert server.live_connections() == 1
    peers = server.app[PEERS]
    assert len(peers) == 3 and len(set(peers)) == 1  # one kept-alive connection served all


@pytest.mark.parametrize("exit_kind", ["aclose", "async with", "garbage", "error"])
async def test_leaving_early_closes_the_connection(loopback, exit_kind: str) -> None:
    release = asyncio.Event()
    server = await loopback(slow_audio_app(release))
    async with AsyncCoze(TokenAuth("t"), server.url) as coze:
        if exit_kind == "aclose":
            resp = await coze.audio.speech.create(input="Hello", voice_id="v")
            await resp.iter_bytes().__anext__()
            await resp.aclose()
            await resp.aclose()  # idempotent
            assert await resp.read() == b""
        elif exit_kind == "async with":
            async with coze.audio.speech.create(input="Hello", voice_id="v") as resp:
                await resp.iter_bytes().__anext__()
        elif exit_kind == "garbage":
            resp = await coze.audio.speech.create(input="Hello", voice_id="v")
            await resp.iter_bytes().__anext__()
            del resp
            gc.collect()
        else:
            with pytest.raises(RuntimeError):
                async with coze.audio.speech.create(input="Hello", voice_id="v") as resp:
                    async for _ in resp.iter_bytes():
                        raise RuntimeError("consumer failed")
        assert await wait_for_no_connections(server) == 0
        release.set()


async def test_cancelling_the_reader_closes_the_connection(loopback) -> None:
    release = asyncio.Event()
    server = await loopback(slow_audio_app(release))
    async with AsyncCoze(TokenAuth("t"), server.url) as coze:
        resp = await coze.audio.speech.create(input="Hello", voice_id="v")
        task = asyncio.create_task(resp.read())
        await asyncio.sleep(0.05)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert await wait_for_no_connections(server) == 0
        release.set()


async def test_closing_the_client_ends_a_body_being_read(loopback) -> None:
    release = asyncio.Event()
    server = await loopback(slow_audio_app(release))
    coze = AsyncCoze(TokenAuth("t"), server.url)
    resp = await coze.audio.speech.create(input="Hello", voice_id="v")
    reading = asyncio.create_task(resp.read())
    await asyncio.sleep(0.05)
    await coze.close()
    with pytest.raises(CozeClientClosedError):
        await reading
    release.set()


def cut_audio_app() -> web.Application:
    async def speech(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "audio/wav", **HEADERS})
        response.content_length = 1_000_000
        await response.prepare(request)
        await response.write(b"\x01" * 1000)
        await asyncio.sleep(0.05)
        assert request.transport is not None
        request.transport.close()
        return response

    app = web.Application()
    app.router.add_post(SPEECH, speech)
    return app


async def test_a_cut_body_raises_and_removes_the_partial_file(loopback, tmp_path) -> None:
    server = await loopback(cut_audio_app())
    target = tmp_path / "cut.wav"
    async with AsyncCoze(TokenAuth("t"), server.url) as coze:
        resp = await coze.audio.speech.create(input="Hello", voice_id="v")
        with pytest.raises(CozeConnectionError, match="cut after 1000 of 1000000 bytes") as info:
            await resp.write_to_file(target)
        assert info.value.may_have_succeeded
        with pytest.raises(CozeConnectionError):
            await (await coze.audio.speech.create(input="Hello", voice_id="v")).read()
    assert not target.exists()


def test_sync_cut_body_raises_and_removes_the_partial_file(threaded_server, tmp_path) -> None:
    server = threaded_server(cut_audio_app())
    target = tmp_path / "cut.wav"
    with Coze(TokenAuth("t"), server.url) as coze:
        resp = coze.audio.speech.create(input="Hello", voice_id="v")
        with pytest.raises(CozeConnectionError):
            resp.write_to_file(target)
    assert not target.exists()


def test_sync_break_out_of_iter_bytes_closes_the_connection(threaded_server) -> None:
    release = asyncio.Event()
    server = threaded_server(slow_audio_app(release, chunks=2))
    with Coze(TokenAuth("t"), server.url) as coze:
        with coze.audio.speech.create(input="Hello", voice_id="v") as resp:
            for _chunk in resp.iter_bytes():
                break
    deadline = time.monotonic() + 2
    while server.live_connections() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert server.live_connections() == 0


async def test_speech_download_reports_its_progress(mocked, tmp_path) -> None:
    speech_answer(mocked)
    speech_answer(mocked)
    reports: list[tuple[int, int | None]] = []
    async with AsyncCoze(TokenAuth("t"), BASE) as coze:
        resp = await coze.audio.speech.create(input="Hello", voice_id="v")
        await resp.write_to_file(tmp_path / "a.mp3", progress=lambda n, t: reports.append((n, t)))
    assert reports and reports[-1][0] == len(AUDIO)
    assert [n for n, _ in reports] == sorted(n for n, _ in reports)
    sync_reports: list[tuple[int, int | None]] = []
    with Coze(TokenAuth("t"), BASE) as sync:
        sync.audio.speech.create(input="Hello", voice_id="v").write_to_file(
            tmp_path / "s.mp3", progress=lambda n, t: sync_reports.append((n, t))
        )
    assert sync_reports[-1][0] == len(AUDIO)
    assert (tmp_path / "s.mp3").read_bytes() == AUDIO
