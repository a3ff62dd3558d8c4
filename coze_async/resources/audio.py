"""The audio resource (``coze.audio``): speech synthesis, transcription, voices, RTC rooms,
lives, and voiceprint groups with their features.

``speech.create`` answers with the audio itself: an :class:`~coze_async.AsyncFileHTTPResponse`
(sync: ``FileHTTPResponse``) read from the network as it is consumed. The uploads (a sample to
transcribe, clone or identify) are multipart bodies streamed from their source, as
``files.upload`` sends them; their other arguments go as form fields.
"""

from __future__ import annotations

import math
from enum import Enum
from typing import Any, Final, TypeVar

from .._binary import AsyncFileHTTPResponse
from .._converter import unstructure
from .._errors import CozeInvalidArgumentError, CozeInvalidArgumentTypeError
from .._pagination import AsyncPaged, NumberPaging
from .._paths import path, require_id
from .._request import Request, RequestOptions, Unpack, omit_none, positive
from .._sync_layer import SubResource, SyncResource, forward
from .._transport import AsyncResource, Transport
from .._uploads import FileTypes, UploadProgress, form_body
from ..models.audio import (
    AudioFormat,
    CreateRoomResp,
    CreateTranscriptionsResp,
    CreateVoicePrintGroupFeatureResp,
    CreateVoicePrintGroupResp,
    DeleteVoicePrintGroupFeatureResp,
    DeleteVoicePrintGroupResp,
    LiveInfo,
    RoomConfig,
    SpeakerIdentifyResp,
    UpdateVoicePrintGroupFeatureResp,
    UpdateVoicePrintGroupResp,
    Voice,
    VoiceModelType,
    VoicePrintGroup,
    VoicePrintGroupFeature,
    VoicePrintGroupFeaturesPage,
    VoicePrintGroupsPage,
    VoicesPage,
    VoiceState,
)

__all__ = [
    "AsyncAudioClient",
    "AsyncLiveClient",
    "AsyncRoomsClient",
    "AsyncSpeechClient",
    "AsyncTranscriptionsClient",
    "AsyncVoiceprintGroupsClient",
    "AsyncVoiceprintGroupsFeaturesClient",
    "AsyncVoicesClient",
    "AudioClient",
    "LiveClient",
    "RoomsClient",
    "SpeechClient",
    "TranscriptionsClient",
    "VoiceprintGroupsClient",
    "VoiceprintGroupsFeaturesClient",
    "VoicesClient",
]

E = TypeVar("E", bound=Enum)

_GROUP = "/v1/audio/voiceprint_groups/{group_id}"
_FEATURES = _GROUP + "/features"
_FEATURE = _FEATURES + "/{feature_id}"


# -- argument checks ----------------------------------------------------------------------------


def _text(name: str, value: object, *, required: bool = True) -> str:
    """A text argument: a ``str``, non-empty when ``required``."""
    if not isinstance(value, str):
        raise CozeInvalidArgumentTypeError(f"{name} must be a str, not {type(value).__name__}")
    if required and not value:
        raise CozeInvalidArgumentError(f"{name} must be a non-empty string")
    return value


def _enum_value(name: str, value: object, enum: type[E]) -> str:
    """The wire value of an enum argument (a member, or its value as a ``str``)."""
    if isinstance(value, enum):
        return str(value.value)
    return _text(name, value)


def _number(name: str, value: object) -> float:
    """A finite ``int`` or ``float`` argument."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise CozeInvalidArgumentTypeError(f"{name} must be a number, not {type(value).__name__}")
    if not math.isfinite(value):
        raise CozeInvalidArgumentError(f"{name} must be a finite number, got {value!r}")
    return value


def _integer(name: str, value: object) -> int:
    """An ``int`` argument (not a ``bool``)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise CozeInvalidArgumentTypeError(f"{name} must be an int, not {type(value).__name__}")
    return value


def _form(**fields: Any) -> dict[str, str]:
    """Multipart form fields: the arguments that are not ``None``, as text."""
    form: dict[str, str] = {}
    for name, value in fields.items():
        if value is None:
            continue
        if isinstance(value, Enum):
            form[name] = str(value.value)
        elif isinstance(value, bool):
            form[name] = "true" if value else "false"
        elif isinstance(value, int):
            form[name] = str(value)
        else:
            form[name] = _text(name, value)
    return form


def _sample_format(sample_rate: int | None, channel: int | None) -> dict[str, int | None]:
    """``sample_rate`` and ``channel`` of a PCM sample, checked."""
    return {
        "sample_rate": None if sample_rate is None else positive("sample_rate", sample_rate),
        "channel": None if channel is None else positive("channel", channel),
    }


def _room_config(config: RoomConfig) -> dict[str, Any]:
    """A room config as the API takes it (``TranslateConfig.from_`` goes out as ``from``)."""
    if not isinstance(config, RoomConfig):
        raise CozeInvalidArgumentTypeError(
            f"config must be a RoomConfig, not {type(config).__name__}"
        )
    body: dict[str, Any] = unstructure(config)
    translate = body.get("translate_config")
    if isinstance(translate, dict) and "from_" in translate:
        translate["from"] = translate.pop("from_")
    return body


# -- speech -------------------------------------------------------------------------------------


class AsyncSpeechClient(AsyncResource):
    """``coze.audio.speech``: text to speech."""

    def create(
        self,
        *,
        input: str,
        voice_id: str,
        response_format: AudioFormat | str = AudioFormat.MP3,
        speed: float = 1,
        sample_rate: int = 24000,
        emotion: str | None = None,
        emotion_scale: float | None = None,
        loudness_rate: int | None = None,
        context_texts: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncFileHTTPResponse:
        """Speak ``input`` (up to 1024 bytes of UTF-8) with the voice ``voice_id`` (see
        ``voices.list``). ``POST /v1/audio/speech``.

        ``response_format``: ``mp3`` (default), ``wav``, ``pcm`` or ``ogg_opus``; ``speed``
        0.2-3 (large-model voices 0.5-2); ``sample_rate`` 8000, 16000, 22050, 24000 (default),
        32000, 44100 or 48000 Hz. For multi-emotion voices, ``emotion`` (``happy``, ``sad``...)
        and ``emotion_scale`` (1-5); ``loudness_rate`` -50 to 100 (percent); ``context_texts``
        steers tone and dialect (Doubao 2.0 voices). Left at ``None``, these four are not sent.

        Returns at once: ``await`` it (or ``async with``) to send the request; an error is
        raised there. Then ``await resp.write_to_file(path)``, ``await resp.read()`` or
        ``async for chunk in resp.iter_bytes()``; the audio is read from the network as it is
        consumed."""
        body = {
            "input": _text("input", input),
            "voice_id": _text("voice_id", voice_id),
            "response_format": _enum_value("response_format", response_format, AudioFormat),
            "speed": _number("speed", speed),
            "sample_rate": positive("sample_rate", sample_rate),
            **omit_none(
                emotion=None if emotion is None else _text("emotion", emotion),
                emotion_scale=None
                if emotion_scale is None
                else _number("emotion_scale", emotion_scale),
                loudness_rate=None
                if loudness_rate is None
                else _integer("loudness_rate", loudness_rate),
                context_texts=None
                if context_texts is None
                else _text("context_texts", context_texts, required=False),
            ),
        }
        request = Request("POST", "/v1/audio/speech", json=body, options=options)
        return self._transport.binary(request)


# -- transcriptions -----------------------------------------------------------------------------


class AsyncTranscriptionsClient(AsyncResource):
    """``coze.audio.transcriptions``: speech to text."""

    async def create(
        self,
        *,
        file: FileTypes,
        progress: UploadProgress | None = None,
        **options: Unpack[RequestOptions],
    ) -> CreateTranscriptionsResp:
        """The text spoken in an audio file (ogg, mp3, wav, m4a or pcm; up to 10 MB and 30
        minutes). ``file`` is what ``files.upload`` takes (a path, bytes, a binary file object
        or a ``(filename, content)`` pair), streamed as the multipart field ``file``.
        ``POST /v1/audio/transcriptions``."""
        request = Request("POST", "/v1/audio/transcriptions", options=options)
        return await self._transport.upload(
            request, file, CreateTranscriptionsResp, progress=progress
        )


# -- voices -------------------------------------------------------------------------------------


class AsyncVoicesClient(AsyncResource):
    """``coze.audio.voices``: the system voices and the voices cloned from samples."""

    async def clone(
        self,
        *,
        voice_name: str,
        file: FileTypes,
        audio_format: AudioFormat | str,
        language: str | None = None,
        voice_id: str | None = None,
        preview_text: str | None = None,
        text: str | None = None,
        space_id: str | None = None,
        description: str | None = None,
        progress: UploadProgress | None = None,
        **options: Unpack[RequestOptions],
    ) -> Voice:
        """Clone the voice speaking in ``file`` (``audio_format``: wav, mp3, ogg, m4a, aac or
        pcm) as ``voice_name``; the answer holds the new ``voice_id``. With ``voice_id``, train
        that voice again instead (each voice can be trained 10 times). ``language``: zh, en,
        ja, es, id or pt; ``text``: what the sample says (a sample too far from it is refused);
        ``preview_text``: the text of the preview; ``space_id``: the workspace to keep it in
        (default: the personal one). ``POST /v1/audio/voices/clone`` (multipart: the file, and
        the other arguments as form fields)."""
        form = _form(
            voice_name=_text("voice_name", voice_name),
            audio_format=_enum_value("audio_format", audio_format, AudioFormat),
            language=language,
            voice_id=voice_id,
            preview_text=preview_text,
            text=text,
            space_id=space_id,
            description=description,
        )
        request = Request("POST", "/v1/audio/voices/clone", options=options)
        return await self._transport.upload(request, file, Voice, form=form, progress=progress)

    def list(
        self,
        *,
        filter_system_voice: bool = False,
        model_type: VoiceModelType | str | None = None,
        voice_state: VoiceState | str | None = None,
        page_num: int = 1,
        page_size: int = 100,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaged[Voice]:
        """The voices available: the system ones (unless ``filter_system_voice``) and those
        cloned in the user's workspaces, page by page (``page_size`` 1-100); iterate the result
        for every voice. ``model_type`` (``big``/``small``) and ``voice_state`` (``init``,
        ``cloned``, ``all``) filter them. ``GET /v1/audio/voices``."""
        if not isinstance(filter_system_voice, bool):
            raise CozeInvalidArgumentTypeError(
                f"filter_system_voice must be a bool, not {type(filter_system_voice).__name__}"
            )
        params = {
            "filter_system_voice": filter_system_voice,
            **omit_none(
                model_type=None
                if model_type is None
                else _enum_value("model_type", model_type, VoiceModelType),
                voice_state=None
                if voice_state is None
                else _enum_value("voice_state", voice_state, VoiceState),
            ),
        }
        request = Request("GET", "/v1/audio/voices", params=params, options=options)
        return self._transport.paged(request, VoicesPage, NumberPaging(page_num, page_size))


# -- rooms and lives ----------------------------------------------------------------------------


class AsyncRoomsClient(AsyncResource):
    """``coze.audio.rooms``: RTC rooms for voice calls with a bot."""

    async def create(
        self,
        *,
        bot_id: str,
        voice_id: str | None = None,
        conversation_id: str | None = None,
        uid: str | None = None,
        workflow_id: str | None = None,
        config: RoomConfig | None = None,
        **options: Unpack[RequestOptions],
    ) -> CreateRoomResp:
        """Create an RTC room with the bot in it, and a token for the user to join (the bot
        waits 3 minutes, billed). ``voice_id``: the bot's voice; ``conversation_id``: where the
        messages are kept (default: a new conversation); ``uid``: the user (default: one
        generated); ``workflow_id``: a workflow to answer with. ``POST /v1/audio/rooms``."""
        require_id("bot_id", bot_id)
        for name, value in (
            ("voice_id", voice_id),
            ("conversation_id", conversation_id),
            ("uid", uid),
            ("workflow_id", workflow_id),
        ):
            if value is not None:
                require_id(name, value)
        body = omit_none(
            bot_id=bot_id,
            voice_id=voice_id,
            conversation_id=conversation_id,
            uid=uid,
            workflow_id=workflow_id,
        )
        if config is not None:
            body["config"] = _room_config(config)
        request = Request("POST", "/v1/audio/rooms", json=body, options=options)
        return await self._transport.call(request, CreateRoomResp)


class AsyncLiveClient(AsyncResource):
    """``coze.audio.live``: the lives (broadcasts) of rooms."""

    async def retrieve(self, *, live_id: str, **options: Unpack[RequestOptions]) -> LiveInfo:
        """A live and its streams (the original audio, and its translations).
        ``GET /v1/audio/live/{live_id}``."""
        url = path("/v1/audio/live/{live_id}", live_id=live_id)
        request = Request("GET", url, options=options)
        return await self._transport.call(request, LiveInfo)


# -- voiceprint groups --------------------------------------------------------------------------


class AsyncVoiceprintGroupsFeaturesClient(AsyncResource):
    """``coze.audio.voiceprint_groups.features``: the voiceprints of a group."""

    async def create(
        self,
        *,
        group_id: str,
        name: str,
        file: FileTypes,
        desc: str | None = None,
        sample_rate: int | None = None,
        channel: int | None = None,
        progress: UploadProgress | None = None,
        **options: Unpack[RequestOptions],
    ) -> CreateVoicePrintGroupFeatureResp:
        """Add a speaker's voiceprint to the group, from a recorded sample (for a pcm sample,
        its ``sample_rate``, default 16000, and ``channel`` count, default 1).
        ``POST /v1/audio/voiceprint_groups/{group_id}/features`` (multipart)."""
        url = path(_FEATURES, group_id=group_id)
        form = _form(
            name=_text("name", name),
            desc=desc,
            **_sample_format(sample_rate, channel),
        )
        request = Request("POST", url, options=options)
        return await self._transport.upload(
            request, file, CreateVoicePrintGroupFeatureResp, form=form, progress=progress
        )

    async def update(
        self,
        *,
        group_id: str,
        feature_id: str,
        name: str | None = None,
        desc: str | None = None,
        file: FileTypes | None = None,
        sample_rate: int | None = None,
        channel: int | None = None,
        progress: UploadProgress | None = None,
        **options: Unpack[RequestOptions],
    ) -> UpdateVoicePrintGroupFeatureResp:
        """Rename or re-describe a voiceprint, or replace its sample with ``file``; what is
        left at ``None`` is unchanged.
        ``PUT /v1/audio/voiceprint_groups/{group_id}/features/{feature_id}`` (multipart)."""
        url = path(_FEATURE, group_id=group_id, feature_id=feature_id)
        form = _form(name=name, desc=desc, **_sample_format(sample_rate, channel))
        if file is None:
            request = Request("PUT", url, data=lambda: form_body(form), options=options)
            return await self._transport.call_empty(request, UpdateVoicePrintGroupFeatureResp)
        request = Request("PUT", url, options=options)
        return await self._transport.upload(
            request, file, UpdateVoicePrintGroupFeatureResp, form=form, progress=progress
        )

    async def delete(
        self, *, group_id: str, feature_id: str, **options: Unpack[RequestOptions]
    ) -> DeleteVoicePrintGroupFeatureResp:
        """Remove a voiceprint from its group.
        ``DELETE /v1/audio/voiceprint_groups/{group_id}/features/{feature_id}``."""
        url = path(_FEATURE, group_id=group_id, feature_id=feature_id)
        request = Request("DELETE", url, options=options)
        return await self._transport.call_empty(request, DeleteVoicePrintGroupFeatureResp)

    def list(
        self,
        *,
        group_id: str,
        page_num: int = 1,
        page_size: int = 100,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaged[VoicePrintGroupFeature]:
        """The voiceprints of a group, page by page (``page_size`` 1-200); iterate the result
        for every one. ``GET /v1/audio/voiceprint_groups/{group_id}/features``."""
        url = path(_FEATURES, group_id=group_id)
        request = Request("GET", url, options=options)
        return self._transport.paged(
            request, VoicePrintGroupFeaturesPage, NumberPaging(page_num, page_size)
        )


class AsyncVoiceprintGroupsClient(AsyncResource):
    """``coze.audio.voiceprint_groups``: groups of voiceprints that speakers are identified
    against."""

    features: AsyncVoiceprintGroupsFeaturesClient

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport)
        self.features = AsyncVoiceprintGroupsFeaturesClient(transport)

    async def create(
        self, *, name: str, desc: str | None = None, **options: Unpack[RequestOptions]
    ) -> CreateVoicePrintGroupResp:
        """Create a voiceprint group (``name`` up to 20 characters, ``desc`` up to 500).
        ``POST /v1/audio/voiceprint_groups``."""
        body = omit_none(name=_text("name", name), desc=desc)
        request = Request("POST", "/v1/audio/voiceprint_groups", json=body, options=options)
        return await self._transport.call(request, CreateVoicePrintGroupResp)

    async def update(
        self,
        *,
        group_id: str,
        name: str | None = None,
        desc: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> UpdateVoicePrintGroupResp:
        """Rename or re-describe a group; what is left at ``None`` is unchanged.
        ``PUT /v1/audio/voiceprint_groups/{group_id}``."""
        url = path(_GROUP, group_id=group_id)
        body = omit_none(name=name, desc=desc)
        request = Request("PUT", url, json=body, options=options)
        return await self._transport.call_empty(request, UpdateVoicePrintGroupResp)

    async def delete(
        self, *, group_id: str, **options: Unpack[RequestOptions]
    ) -> DeleteVoicePrintGroupResp:
        """Delete a group and its voiceprints. ``DELETE /v1/audio/voiceprint_groups/{group_id}``."""
        url = path(_GROUP, group_id=group_id)
        request = Request("DELETE", url, options=options)
        return await self._transport.call_empty(request, DeleteVoicePrintGroupResp)

    def list(
        self,
        *,
        name: str | None = None,
        group_id: str | None = None,
        user_id: str | None = None,
        page_num: int = 1,
        page_size: int = 100,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaged[VoicePrintGroup]:
        """The voiceprint groups of the team, page by page (``page_size`` 1-200); iterate the
        result for every group. ``name`` matches a prefix of the names, ``group_id`` one
        group, ``user_id`` the groups its user created (only the caller's own id is allowed).
        ``GET /v1/audio/voiceprint_groups``."""
        params = omit_none(name=name, group_id=group_id, user_id=user_id)
        request = Request("GET", "/v1/audio/voiceprint_groups", params=params, options=options)
        return self._transport.paged(
            request, VoicePrintGroupsPage, NumberPaging(page_num, page_size)
        )

    async def speaker_identify(
        self,
        *,
        group_id: str,
        file: FileTypes,
        top_k: int | None = None,
        sample_rate: int | None = None,
        channel: int | None = None,
        progress: UploadProgress | None = None,
        **options: Unpack[RequestOptions],
    ) -> SpeakerIdentifyResp:
        """Who is speaking in ``file``: the group's voiceprints scored against the sample
        (0-100), best first, the ``top_k`` best if given (for a pcm sample, its ``sample_rate``
        and ``channel`` count).
        ``POST /v1/audio/voiceprint_groups/{group_id}/speaker_identify`` (multipart)."""
        url = path(_GROUP + "/speaker_identify", group_id=group_id)
        form = _form(
            top_k=None if top_k is None else positive("top_k", top_k),
            **_sample_format(sample_rate, channel),
        )
        request = Request("POST", url, options=options)
        return await self._transport.upload(
            request, file, SpeakerIdentifyResp, form=form, progress=progress
        )


# -- the family ---------------------------------------------------------------------------------


class AsyncAudioClient(AsyncResource):
    """``coze.audio``: speech, transcriptions, voices, rooms, lives and voiceprint groups."""

    speech: AsyncSpeechClient
    transcriptions: AsyncTranscriptionsClient
    voices: AsyncVoicesClient
    rooms: AsyncRoomsClient
    live: AsyncLiveClient
    voiceprint_groups: AsyncVoiceprintGroupsClient

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport)
        self.speech = AsyncSpeechClient(transport)
        self.transcriptions = AsyncTranscriptionsClient(transport)
        self.voices = AsyncVoicesClient(transport)
        self.rooms = AsyncRoomsClient(transport)
        self.live = AsyncLiveClient(transport)
        self.voiceprint_groups = AsyncVoiceprintGroupsClient(transport)


# -- the sync twins ---------------------------------------------------------------------------


class SpeechClient(SyncResource[AsyncSpeechClient]):
    """Sync ``coze.audio.speech``: ``create`` sends the request at once and returns a
    ``FileHTTPResponse`` (``write_to_file``, ``read``, ``iter_bytes``)."""

    create: Final = forward(AsyncSpeechClient.create)


class TranscriptionsClient(SyncResource[AsyncTranscriptionsClient]):
    """Sync ``coze.audio.transcriptions``."""

    create: Final = forward(AsyncTranscriptionsClient.create)


class VoicesClient(SyncResource[AsyncVoicesClient]):
    """Sync ``coze.audio.voices``."""

    clone: Final = forward(AsyncVoicesClient.clone)
    list: Final = forward(AsyncVoicesClient.list)


class RoomsClient(SyncResource[AsyncRoomsClient]):
    """Sync ``coze.audio.rooms``."""

    create: Final = forward(AsyncRoomsClient.create)


class LiveClient(SyncResource[AsyncLiveClient]):
    """Sync ``coze.audio.live``."""

    retrieve: Final = forward(AsyncLiveClient.retrieve)


class VoiceprintGroupsFeaturesClient(SyncResource[AsyncVoiceprintGroupsFeaturesClient]):
    """Sync ``coze.audio.voiceprint_groups.features``."""

    create: Final = forward(AsyncVoiceprintGroupsFeaturesClient.create)
    update: Final = forward(AsyncVoiceprintGroupsFeaturesClient.update)
    delete: Final = forward(AsyncVoiceprintGroupsFeaturesClient.delete)
    list: Final = forward(AsyncVoiceprintGroupsFeaturesClient.list)


class VoiceprintGroupsClient(SyncResource[AsyncVoiceprintGroupsClient]):
    """Sync ``coze.audio.voiceprint_groups``."""

    create: Final = forward(AsyncVoiceprintGroupsClient.create)
    update: Final = forward(AsyncVoiceprintGroupsClient.update)
    delete: Final = forward(AsyncVoiceprintGroupsClient.delete)
    list: Final = forward(AsyncVoiceprintGroupsClient.list)
    speaker_identify: Final = forward(AsyncVoiceprintGroupsClient.speaker_identify)

    features: Final = SubResource(VoiceprintGroupsFeaturesClient)


class AudioClient(SyncResource[AsyncAudioClient]):
    """Sync ``coze.audio``."""

    speech: Final = SubResource(SpeechClient)
    transcriptions: Final = SubResource(TranscriptionsClient)
    voices: Final = SubResource(VoicesClient)
    rooms: Final = SubResource(RoomsClient)
    live: Final = SubResource(LiveClient)
    voiceprint_groups: Final = SubResource(VoiceprintGroupsClient)
