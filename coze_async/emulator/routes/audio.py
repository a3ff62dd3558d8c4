"""Emulated audio: speech, transcriptions, voices, RTC rooms and their lives, voiceprint groups
and their features.

- ``POST /v1/audio/speech`` streams a real body in the requested format (see
  :mod:`coze_async.emulator._audio`): near silence, as long as the text takes to say at the
  requested speed. An injected fault's ``event_delay`` slows each chunk, ``drop_after`` cuts
  the body after that many chunks.
- ``POST /v1/audio/transcriptions`` gives back the text of audio this emulator spoke (it keeps
  a digest of each body it sent), and :attr:`AudioState.default_transcript` for other audio.
- ``POST /v1/audio/voices/clone`` adds a voice (or trains one again, 10 times at most), which
  ``GET /v1/audio/voices`` lists after the system voices (cloned voices only by default, as the
  service does: ``voice_state`` defaults to ``cloned``).
- ``POST /v1/audio/rooms`` checks the bot, voice, conversation and workflow, and opens a live
  (same id as the room) that ``GET /v1/audio/live/{live_id}`` shows: its original stream, and
  for a ``translate`` room the translation's.
- Voiceprint groups and features: CRUD, and ``speaker_identify`` scoring every feature of the
  group against the sample (the same audio scores 95 or more, other audio at most 60).
"""

from __future__ import annotations

import asyncio
import collections
import hashlib
import math
import secrets
from collections.abc import Mapping
from typing import Any

import attrs
from aiohttp import BodyPartReader, web

from .. import _audio
from .._state import STORE
from .._wire import (
    ApiError,
    ConnectionDropped,
    bad_request,
    current_fault,
    current_logid,
    envelope,
    int_param,
    json_body,
    new_id,
    now,
    page_of,
)
from .workspaces import EMULATOR_USER_ID

__all__ = ["SYSTEM_VOICE_ID", "AudioState", "add_routes"]

#: The first system voice (every emulator has it).
SYSTEM_VOICE_ID = "7426720361733046281"
#: Where the emulated previews and samples "are" (a reserved domain: nothing is served there).
_MEDIA = "https://coze-emulator.invalid"
_LANGUAGES = {
    "zh": "中文",
    "en": "English",
    "ja": "日本語",
    "es": "Español",
    "id": "Bahasa Indonesia",
    "pt": "Português",
}
_CLONE_FORMATS = frozenset({"wav", "mp3", "ogg", "m4a", "aac", "pcm"})
_SPEECH_FORMATS = frozenset(_audio.CONTENT_TYPES)
_EMOTIONS = frozenset(
    {"happy", "sad", "angry", "surprised", "fear", "hate", "excited", "coldness", "neutral"}
)
_VOICE_STATES = frozenset({"init", "cloned", "all"})
_MODEL_TYPES = frozenset({"big", "small"})
_ROOM_MODES = frozenset({"default", "s2s", "podcast", "translate"})
#: The preview text of a clone that gives none (the service's default).
_DEFAULT_PREVIEW = "你好\uff0c我是你的专属AI克隆声音\uff0c希望未来可以一起好好相处哦"
_TRAININGS = 10
_MAX_INPUT_BYTES = 1024
_MAX_TRANSCRIBE_BYTES = 10 * 1024 * 1024
_MAX_SAMPLE_BYTES = 20 * 1024 * 1024
_MAX_GROUP_NAME = 20
_MAX_DESC = 500
#: How many spoken bodies the emulator remembers, for transcriptions.
_SPOKEN = 1024
#: The RTC application id of every room.
_RTC_APP_ID = "66e2b7d4a1f0c3015e8a9b21"
_USER = {
    "id": EMULATOR_USER_ID,
    "name": "emulator",
    "nickname": "Emulator",
    "avatar_url": f"{_MEDIA}/users/{EMULATOR_USER_ID}/avatar.png",
}


def _system_voices() -> list[dict[str, Any]]:
    voices = []
    for index, (name, language, model_type) in enumerate(
        (
            ("Gentle Girlfriend", "zh", "big"),
            ("Sunny Boy", "zh", "big"),
            ("Narrator", "en", "big"),
            ("Newscaster", "en", "small"),
            ("Sakura", "ja", "small"),
        )
    ):
        voice_id = str(int(SYSTEM_VOICE_ID) + index)
        voices.append(
            {
                "voice_id": voice_id,
                "name": name,
                "is_system_voice": True,
                "language_code": language,
                "language_name": _LANGUAGES[language],
                "preview_text": "Hello! This is how I sound.",
                "preview_audio": f"{_MEDIA}/voices/{voice_id}/preview.mp3",
                "available_training_times": 0,
                "create_time": 1_700_000_000,
                "update_time": 1_700_000_000,
                "model_type": model_type,
                "model_name": "seed-tts-1.0" if model_type == "big" else "tts-small",
                "state": "cloned",
            }
        )
    return voices


@attrs.define
class AudioState:
    """Voices, spoken bodies, rooms, lives, voiceprint groups and their features."""

    #: Voice records (system voices first, then clones in creation order).
    voices: list[dict[str, Any]] = attrs.field(factory=_system_voices)
    #: The text of each body ``/v1/audio/speech`` sent, by SHA-256 of the body (the latest
    #: 1024), so that a transcription of it gives the text back.
    spoken: collections.OrderedDict[str, str] = attrs.field(factory=collections.OrderedDict)
    #: The text of a transcription of audio this emulator did not speak.
    default_transcript: str = "Hello from the Coze emulator."
    #: Room records by room id.
    rooms: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    #: Lives (``{app_id, stream_infos}``) by live id.
    lives: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    #: Voiceprint group records by group id (the API's fields but ``feature_count``).
    groups: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    #: Feature records by feature id (the API's fields).
    features: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    #: The SHA-256 of each feature's sample, by feature id (what identification compares).
    prints: dict[str, bytes] = attrs.field(factory=dict)

    def voice(self, voice_id: str) -> dict[str, Any]:
        """The voice ``voice_id``, or a 4200 error."""
        for voice in self.voices:
            if voice["voice_id"] == voice_id:
                return voice
        raise ApiError(4200, f"voice {voice_id} does not exist")

    def group(self, group_id: str) -> dict[str, Any]:
        """The voiceprint group ``group_id``, or a 4200 error."""
        group = self.groups.get(group_id)
        if group is None:
            raise ApiError(4200, f"voiceprint group {group_id} does not exist")
        return group

    def feature(self, group_id: str, feature_id: str) -> dict[str, Any]:
        """The feature ``feature_id`` of the group, or a 4200 error."""
        self.group(group_id)
        feature = self.features.get(feature_id)
        if feature is None or feature["group_id"] != group_id:
            raise ApiError(4200, f"feature {feature_id} does not exist in group {group_id}")
        return feature

    def group_features(self, group_id: str) -> list[dict[str, Any]]:
        """The features of a group, newest first."""
        found = [f for f in self.features.values() if f["group_id"] == group_id]
        return found[::-1]

    def remember_speech(self, digest: str, text: str) -> None:
        """Keep the text of a spoken body (the latest :data:`_SPOKEN`)."""
        self.spoken[digest] = text
        self.spoken.move_to_end(digest)
        while len(self.spoken) > _SPOKEN:
            self.spoken.popitem(last=False)


def add_routes(app: web.Application) -> None:
    """Register the audio endpoints on ``app``."""
    app.router.add_post("/v1/audio/speech", create_speech)
    app.router.add_post("/v1/audio/transcriptions", create_transcription)
    app.router.add_post("/v1/audio/voices/clone", clone_voice)
    app.router.add_get("/v1/audio/voices", list_voices)
    app.router.add_post("/v1/audio/rooms", create_room)
    app.router.add_get("/v1/audio/live/{live_id}", retrieve_live)
    app.router.add_post("/v1/audio/voiceprint_groups", create_group)
    app.router.add_get("/v1/audio/voiceprint_groups", list_groups)
    app.router.add_put("/v1/audio/voiceprint_groups/{group_id}", update_group)
    app.router.add_delete("/v1/audio/voiceprint_groups/{group_id}", delete_group)
    app.router.add_post("/v1/audio/voiceprint_groups/{group_id}/speaker_identify", identify_speaker)
    app.router.add_post("/v1/audio/voiceprint_groups/{group_id}/features", create_feature)
    app.router.add_get("/v1/audio/voiceprint_groups/{group_id}/features", list_features)
    app.router.add_put(
        "/v1/audio/voiceprint_groups/{group_id}/features/{feature_id}", update_feature
    )
    app.router.add_delete(
        "/v1/audio/voiceprint_groups/{group_id}/features/{feature_id}", delete_feature
    )


# -- request parts ------------------------------------------------------------------------------


@attrs.define
class _Form:
    """A multipart form: its text fields and its ``file`` part."""

    fields: dict[str, str]
    filename: str | None
    content: bytes | None


async def _read_form(request: web.Request, most: int) -> _Form:
    """The fields and the ``file`` (at most ``most`` bytes) of a multipart form; an empty body
    is an empty form (an update that changes nothing)."""
    if request.content_type != "multipart/form-data":
        if not request.can_read_body:
            return _Form({}, None, None)
        raise bad_request("send the request as multipart/form-data")
    fields: dict[str, str] = {}
    filename: str | None = None
    content: bytes | None = None
    try:
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if not isinstance(part, BodyPartReader) or not part.name:
                continue
            if part.name == "file":
                data = bytearray()
                while chunk := await part.read_chunk():
                    data.extend(chunk)
                    if len(data) > most:
                        raise bad_request(f"file exceeds {most} bytes")
                filename, content = part.filename or "file", bytes(data)
            else:
                fields[part.name] = await part.text()
    except ValueError as exc:  # a malformed multipart body
        raise bad_request(f"bad multipart body: {exc}") from None
    return _Form(fields, filename, content)


def _required_file(form: _Form) -> bytes:
    if not form.content:
        raise bad_request("file is required (a non-empty audio file)")
    return form.content


def _text(params: Mapping[str, Any], name: str, *, required: bool = False, most: int = 0) -> str:
    """A text parameter ("" when absent), at most ``most`` characters if given."""
    value = params.get(name)
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise bad_request(f"{name} must be a string")
    if required and not value:
        raise bad_request(f"{name} is required")
    if most and len(value) > most:
        raise bad_request(f"{name} takes at most {most} characters")
    return value


def _number(body: Mapping[str, Any], name: str, default: float, low: float, high: float) -> float:
    value = body.get(name, default)
    if value is None:
        value = default
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise bad_request(f"{name} must be a number")
    if not low <= value <= high:
        raise bad_request(f"{name} must be between {low:g} and {high:g}")
    return float(value)


def _choice(params: Mapping[str, Any], name: str, allowed: frozenset[str], default: str) -> str:
    value = params.get(name)
    if value is None or value == "":
        return default
    if value not in allowed:
        raise bad_request(f"{name} must be one of {', '.join(sorted(allowed))}")
    return str(value)


def _page(items: list[Any], request: web.Request, *, default: int, high: int) -> list[Any]:
    page_num = int_param(request.query, "page_num", 1)
    page_size = int_param(request.query, "page_size", default, high=high)
    return page_of(items, page_num, page_size)


def _digest(content: bytes) -> bytes:
    return hashlib.sha256(content).digest()


# -- speech and transcriptions ------------------------------------------------------------------


async def create_speech(request: web.Request) -> web.StreamResponse:
    """``POST /v1/audio/speech``: the text spoken, as audio streamed in chunks."""
    store = request.app[STORE]
    body = await json_body(request)
    text = _text(body, "input", required=True)
    if len(text.encode()) > _MAX_INPUT_BYTES:
        raise bad_request(f"input takes at most {_MAX_INPUT_BYTES} bytes")
    store.audio.voice(_text(body, "voice_id", required=True))
    response_format = _choice(body, "response_format", _SPEECH_FORMATS, "mp3")
    sample_rate = body.get("sample_rate", 24000)
    if sample_rate is None:
        sample_rate = 24000
    if sample_rate not in _audio.SAMPLE_RATES or isinstance(sample_rate, bool):
        rates = ", ".join(str(r) for r in sorted(_audio.SAMPLE_RATES))
        raise bad_request(f"sample_rate must be one of {rates}")
    speed = _number(body, "speed", 1.0, 0.2, 3.0)
    _number(body, "loudness_rate", 0, -50, 100)
    _number(body, "emotion_scale", 4.0, 1.0, 5.0)
    _choice(body, "emotion", _EMOTIONS, "")
    _text(body, "context_texts")

    seconds = _audio.speech_seconds(text, speed)
    size = _audio.body_size(response_format, sample_rate, seconds)
    response = web.StreamResponse(
        headers={
            "Content-Type": _audio.CONTENT_TYPES[response_format],
            "x-tt-logid": current_logid.get(),
        }
    )
    if size is not None:
        response.content_length = size
    fault = current_fault.get()
    await response.prepare(request)
    digest = hashlib.sha256()
    for sent, chunk in enumerate(_audio.speech_body(response_format, sample_rate, seconds)):
        if fault is not None:
            if sent and fault.event_delay:
                await asyncio.sleep(fault.event_delay)
            if fault.drop_after is not None and sent >= fault.drop_after:
                if request.transport is not None:
                    request.transport.close()
                raise ConnectionDropped
        digest.update(chunk)
        await response.write(chunk)
    await response.write_eof()
    store.audio.remember_speech(digest.hexdigest(), text)
    return response


async def create_transcription(request: web.Request) -> web.Response:
    """``POST /v1/audio/transcriptions``: the text of an audio file (multipart ``file``)."""
    state = request.app[STORE].audio
    content = _required_file(await _read_form(request, _MAX_TRANSCRIBE_BYTES))
    text = state.spoken.get(hashlib.sha256(content).hexdigest(), state.default_transcript)
    return envelope(request, {"text": text})


# -- voices -------------------------------------------------------------------------------------


async def clone_voice(request: web.Request) -> web.Response:
    """``POST /v1/audio/voices/clone``: a new voice (or a voice trained again) from a sample."""
    state = request.app[STORE].audio
    form = await _read_form(request, _MAX_SAMPLE_BYTES)
    fields = form.fields
    name = _text(fields, "voice_name", required=True, most=128)
    _choice(fields, "audio_format", _CLONE_FORMATS, "")
    if not fields.get("audio_format"):
        raise bad_request("audio_format is required")
    language = _choice(fields, "language", frozenset(_LANGUAGES), "zh")
    _required_file(form)
    preview_text = _text(fields, "preview_text", most=1024) or _DEFAULT_PREVIEW
    voice_id = _text(fields, "voice_id")
    stamp = now()
    if voice_id:
        voice = state.voice(voice_id)
        if voice["is_system_voice"]:
            raise ApiError(4000, f"Request parameter error: voice {voice_id} is a system voice")
        if voice["available_training_times"] <= 0:
            raise ApiError(4000, f"voice {voice_id} cannot be trained again (10 times at most)")
        voice["available_training_times"] -= 1
    else:
        voice_id = new_id()
        voice = {
            "voice_id": voice_id,
            "is_system_voice": False,
            "available_training_times": _TRAININGS - 1,
            "create_time": stamp,
            "model_type": "big",
            "model_name": "seed-icl-1.0",
            "state": "cloned",
            "preview_audio": f"{_MEDIA}/voices/{voice_id}/preview.mp3",
        }
        state.voices.append(voice)
    voice.update(
        name=name,
        language_code=language,
        language_name=_LANGUAGES[language],
        preview_text=preview_text,
        update_time=stamp,
    )
    if fields.get("space_id"):
        voice["space_id"] = fields["space_id"]
    if fields.get("description"):
        voice["description"] = fields["description"]
    # The service answers with the voice's id alone.
    return envelope(request, {"voice_id": voice_id})


_VOICE_KEYS = (
    "voice_id",
    "name",
    "is_system_voice",
    "language_code",
    "language_name",
    "preview_text",
    "preview_audio",
    "available_training_times",
    "create_time",
    "update_time",
    "model_type",
    "model_name",
    "state",
)


async def list_voices(request: web.Request) -> web.Response:
    """``GET /v1/audio/voices``: the voices, page by page (``has_more``)."""
    query = request.query
    hide_system = _choice(query, "filter_system_voice", frozenset({"true", "false"}), "false")
    model_type = _choice(query, "model_type", _MODEL_TYPES, "")
    voice_state = _choice(query, "voice_state", _VOICE_STATES, "cloned")
    voices = [
        v
        for v in request.app[STORE].audio.voices
        if not (hide_system == "true" and v["is_system_voice"])
        and (not model_type or v["model_type"] == model_type)
        and (voice_state == "all" or v["state"] == voice_state)
    ]
    page_num = int_param(query, "page_num", 1)
    page_size = int_param(query, "page_size", 100, high=100)
    page = page_of(voices, page_num, page_size)
    return envelope(
        request,
        {
            "voice_list": [{k: v[k] for k in _VOICE_KEYS if k in v} for v in page],
            "has_more": page_num * page_size < len(voices),
        },
    )


# -- rooms and lives ----------------------------------------------------------------------------


def _room_config(config: Any) -> dict[str, Any]:
    if config is None:
        return {}
    if not isinstance(config, dict):
        raise bad_request("config must be an object")
    _choice(config, "room_mode", _ROOM_MODES, "default")
    delay = config.get("prologue_delay_duration_ms")
    if delay is not None and (isinstance(delay, bool) or not isinstance(delay, int)):
        raise bad_request("config.prologue_delay_duration_ms must be an integer")
    if delay is not None and not 0 <= delay <= 5000:
        raise bad_request("config.prologue_delay_duration_ms must be between 0 and 5000")
    translate = config.get("translate_config")
    if translate is not None and not isinstance(translate, dict):
        raise bad_request("config.translate_config must be an object")
    return config


async def create_room(request: web.Request) -> web.Response:
    """``POST /v1/audio/rooms``: a room with the bot in it, and its live."""
    store = request.app[STORE]
    body = await json_body(request)
    bot_id = _text(body, "bot_id", required=True)
    store.bots.find(bot_id)
    voice_id = _text(body, "voice_id")
    if voice_id:
        store.audio.voice(voice_id)
    conversation_id = _text(body, "conversation_id")
    if conversation_id:
        store.conversations.find(conversation_id)
    else:
        conversation_id = store.conversations.new(bot_id=bot_id)["id"]
    workflow_id = _text(body, "workflow_id")
    if workflow_id and workflow_id not in store.workflows.records:
        raise ApiError(4200, f"workflow {workflow_id} does not exist or has not been published")
    config = _room_config(body.get("config"))
    uid = _text(body, "uid") or f"user_{secrets.token_hex(6)}"
    room_id = new_id()
    store.audio.rooms[room_id] = {
        "room_id": room_id,
        "bot_id": bot_id,
        "voice_id": voice_id or SYSTEM_VOICE_ID,
        "conversation_id": conversation_id,
        "workflow_id": workflow_id,
        "uid": uid,
        "config": config,
        "created_at": now(),
    }
    streams = [{"stream_id": new_id(), "name": "origin", "live_type": "origin"}]
    if config.get("room_mode") == "translate":
        target = (config.get("translate_config") or {}).get("to") or "en"
        streams.append(
            {"stream_id": new_id(), "name": f"translation-{target}", "live_type": "translation"}
        )
    store.audio.lives[room_id] = {"app_id": _RTC_APP_ID, "stream_infos": streams}
    return envelope(
        request,
        {
            "token": secrets.token_urlsafe(96),
            "uid": uid,
            "room_id": room_id,
            "app_id": _RTC_APP_ID,
        },
    )


async def retrieve_live(request: web.Request) -> web.Response:
    """``GET /v1/audio/live/{live_id}``: a room's live and its streams."""
    live_id = request.match_info["live_id"]
    live = request.app[STORE].audio.lives.get(live_id)
    if live is None:
        raise ApiError(4200, f"live {live_id} does not exist")
    return envelope(request, live)


# -- voiceprint groups --------------------------------------------------------------------------


def _group_view(state: AudioState, group: dict[str, Any]) -> dict[str, Any]:
    return {**group, "feature_count": len(state.group_features(group["id"]))}


async def create_group(request: web.Request) -> web.Response:
    """``POST /v1/audio/voiceprint_groups``: a new, empty group."""
    state = request.app[STORE].audio
    body = await json_body(request)
    name = _text(body, "name", required=True, most=_MAX_GROUP_NAME)
    desc = _text(body, "desc", most=_MAX_DESC)
    group_id = new_id()
    stamp = now()
    state.groups[group_id] = {
        "id": group_id,
        "name": name,
        "desc": desc,
        "created_at": stamp,
        "updated_at": stamp,
        "icon_url": f"{_MEDIA}/voiceprint_groups/{group_id}/icon.png",
        "user_info": dict(_USER),
    }
    return envelope(request, {"id": group_id})


async def list_groups(request: web.Request) -> web.Response:
    """``GET /v1/audio/voiceprint_groups``: the groups, newest first, page by page."""
    state = request.app[STORE].audio
    query = request.query
    prefix = _text(query, "name")
    group_id = _text(query, "group_id")
    user_id = _text(query, "user_id")
    if user_id and user_id != EMULATOR_USER_ID:
        raise ApiError(4101, "user_id must be your own user id")
    groups = [
        g
        for g in reversed(state.groups.values())
        if g["name"].startswith(prefix) and (not group_id or g["id"] == group_id)
    ]
    page = _page(groups, request, default=10, high=200)
    return envelope(request, {"items": [_group_view(state, g) for g in page], "total": len(groups)})


async def update_group(request: web.Request) -> web.Response:
    """``PUT /v1/audio/voiceprint_groups/{group_id}``: rename or re-describe a group."""
    state = request.app[STORE].audio
    group = state.group(request.match_info["group_id"])
    body = await json_body(request)
    if body.get("name") is not None:
        group["name"] = _text(body, "name", required=True, most=_MAX_GROUP_NAME)
    if body.get("desc") is not None:
        group["desc"] = _text(body, "desc", most=_MAX_DESC)
    group["updated_at"] = now()
    return envelope(request)


async def delete_group(request: web.Request) -> web.Response:
    """``DELETE /v1/audio/voiceprint_groups/{group_id}``: a group and its features."""
    state = request.app[STORE].audio
    group_id = request.match_info["group_id"]
    state.group(group_id)
    for feature in state.group_features(group_id):
        del state.features[feature["id"]]
        state.prints.pop(feature["id"], None)
    del state.groups[group_id]
    return envelope(request)


def _score(sample: bytes, feature_print: bytes) -> float:
    """How alike two samples are, 0-100: the same audio scores 95 or more; other audio at most
    60, by how many of the first 32 bits of their digests agree."""
    sample_print = _digest(sample)
    spread = sample_print[0] / 255
    if sample_print == feature_print:
        return round(95 + 4.9 * spread, 2)
    differ = int.from_bytes(sample_print[:4], "big") ^ int.from_bytes(feature_print[:4], "big")
    agree = 32 - bin(differ).count("1")
    return round(60 * agree / 32, 2)


async def identify_speaker(request: web.Request) -> web.Response:
    """``POST /v1/audio/voiceprint_groups/{group_id}/speaker_identify``: the group's features
    scored against the sample, best first (the ``top_k`` best when given)."""
    state = request.app[STORE].audio
    group_id = request.match_info["group_id"]
    state.group(group_id)
    form = await _read_form(request, _MAX_SAMPLE_BYTES)
    sample = _required_file(form)
    top_k = int_param(form.fields, "top_k", 0, low=1) if form.fields.get("top_k") else 0
    int_param(form.fields, "sample_rate", 16000)
    int_param(form.fields, "channel", 1)
    scores = [
        {
            "feature_id": f["id"],
            "feature_name": f["name"],
            "feature_desc": f["desc"],
            "score": _score(sample, state.prints[f["id"]]),
        }
        for f in state.group_features(group_id)
    ]
    scores.sort(key=lambda s: s["score"], reverse=True)
    return envelope(request, {"feature_score_list": scores[:top_k] if top_k else scores})


# -- features -----------------------------------------------------------------------------------


def _feature_fields(fields: Mapping[str, str]) -> None:
    int_param(fields, "sample_rate", 16000)
    int_param(fields, "channel", 1)


async def create_feature(request: web.Request) -> web.Response:
    """``POST /v1/audio/voiceprint_groups/{group_id}/features``: a voiceprint from a sample."""
    state = request.app[STORE].audio
    group_id = request.match_info["group_id"]
    group = state.group(group_id)
    form = await _read_form(request, _MAX_SAMPLE_BYTES)
    name = _text(form.fields, "name", required=True, most=_MAX_GROUP_NAME)
    desc = _text(form.fields, "desc", most=_MAX_DESC)
    _feature_fields(form.fields)
    sample = _required_file(form)
    feature_id = new_id()
    stamp = now()
    state.features[feature_id] = {
        "id": feature_id,
        "group_id": group_id,
        "name": name,
        "desc": desc,
        "audio_url": f"{_MEDIA}/voiceprint_groups/{group_id}/features/{feature_id}.wav",
        "created_at": stamp,
        "updated_at": stamp,
        "icon_url": f"{_MEDIA}/voiceprint_groups/{group_id}/features/{feature_id}.png",
        "user_info": dict(_USER),
    }
    state.prints[feature_id] = _digest(sample)
    group["updated_at"] = stamp
    return envelope(request, {"id": feature_id})


async def list_features(request: web.Request) -> web.Response:
    """``GET /v1/audio/voiceprint_groups/{group_id}/features``: newest first, page by page."""
    state = request.app[STORE].audio
    group_id = request.match_info["group_id"]
    state.group(group_id)
    features = state.group_features(group_id)
    page = _page(features, request, default=10, high=200)
    return envelope(request, {"items": page, "total": len(features)})


async def update_feature(request: web.Request) -> web.Response:
    """``PUT /v1/audio/voiceprint_groups/{group_id}/features/{feature_id}``: rename,
    re-describe, or replace the sample (multipart)."""
    state = request.app[STORE].audio
    feature = state.feature(request.match_info["group_id"], request.match_info["feature_id"])
    form = await _read_form(request, _MAX_SAMPLE_BYTES)
    fields = form.fields
    if "name" in fields:
        feature["name"] = _text(fields, "name", required=True, most=_MAX_GROUP_NAME)
    if "desc" in fields:
        feature["desc"] = _text(fields, "desc", most=_MAX_DESC)
    _feature_fields(fields)
    if form.content is not None:
        state.prints[feature["id"]] = _digest(_required_file(form))
    feature["updated_at"] = now()
    return envelope(request)


async def delete_feature(request: web.Request) -> web.Response:
    """``DELETE /v1/audio/voiceprint_groups/{group_id}/features/{feature_id}``."""
    state = request.app[STORE].audio
    feature = state.feature(request.match_info["group_id"], request.match_info["feature_id"])
    del state.features[feature["id"]]
    state.prints.pop(feature["id"], None)
    state.groups[feature["group_id"]]["updated_at"] = now()
    return envelope(request)
