"""Audio payloads: speech formats, voices, transcriptions, RTC rooms, lives, and voiceprint
groups with their features (voiceprints)."""

from __future__ import annotations

from attrs import define, field

from ._base import CozeModel, DynamicStrEnum, Page

__all__ = [
    "AudioFormat",
    "CreateRoomResp",
    "CreateTranscriptionsResp",
    "CreateVoicePrintGroupFeatureResp",
    "CreateVoicePrintGroupResp",
    "DeleteVoicePrintGroupFeatureResp",
    "DeleteVoicePrintGroupResp",
    "EmotionInfo",
    "EmotionScaleInterval",
    "FeatureScore",
    "LanguageCode",
    "LiveInfo",
    "LiveType",
    "RoomAudioConfig",
    "RoomConfig",
    "RoomMode",
    "RoomVideoConfig",
    "SpeakerIdentifyResp",
    "StreamInfo",
    "TranslateConfig",
    "TurnDetectionConfig",
    "TurnDetectionType",
    "UpdateVoicePrintGroupFeatureResp",
    "UpdateVoicePrintGroupResp",
    "UserInfo",
    "Voice",
    "VoiceModelType",
    "VoicePrintGroup",
    "VoicePrintGroupFeature",
    "VoiceState",
]


# -- speech and voices -------------------------------------------------------------------------


class AudioFormat(DynamicStrEnum):
    """An audio encoding: of synthesized speech (``response_format``), or of a clone sample
    (which also takes ``ogg``, ``m4a`` and ``aac``: any string is accepted)."""

    WAV = "wav"
    PCM = "pcm"
    OGG_OPUS = "ogg_opus"
    MP3 = "mp3"


class LanguageCode(DynamicStrEnum):
    """The language of a voice sample."""

    ZH = "zh"
    EN = "en"
    JA = "ja"
    ES = "es"
    ID = "id"
    PT = "pt"


class VoiceState(DynamicStrEnum):
    """Where a voice is in its cloning (``ALL`` only filters a list)."""

    INIT = "init"
    CLONED = "cloned"
    ALL = "all"


class VoiceModelType(DynamicStrEnum):
    """Whether a voice runs on the large or the small speech model."""

    BIG = "big"
    SMALL = "small"


@define(kw_only=True)
class EmotionScaleInterval(CozeModel):
    """The range of an emotion's strength (``emotion_scale`` of ``speech.create``)."""

    min: float | None = None
    max: float | None = None
    default: float | None = None


@define(kw_only=True)
class EmotionInfo(CozeModel):
    """An emotion a multi-emotion voice can speak with."""

    #: The value for ``speech.create(emotion=...)``: ``happy``, ``sad``, ``angry``...
    emotion: str = ""
    #: Its display name.
    display_name: str = ""
    emotion_scale_interval: EmotionScaleInterval | None = None


@define(kw_only=True)
class Voice(CozeModel):
    """A voice: a system one or one cloned from a sample. ``voices.clone`` answers with the
    ``voice_id`` alone (the other fields keep their defaults)."""

    voice_id: str
    name: str = ""
    is_system_voice: bool = False
    language_code: str = ""
    language_name: str = ""
    preview_text: str = ""
    #: A URL of a preview of the voice.
    preview_audio: str = ""
    #: How many more times this voice can be trained (10 per voice, the first cloning included).
    available_training_times: int = 0
    #: Unix time (seconds).
    create_time: int = 0
    #: Unix time (seconds).
    update_time: int = 0
    model_type: VoiceModelType | None = None
    state: VoiceState | None = None
    model_name: str | None = None
    #: The emotions of a multi-emotion voice.
    support_emotions: list[EmotionInfo] | None = None


@define(kw_only=True)
class VoicesPage(Page[Voice]):
    """One page of ``GET /v1/audio/voices`` as the API sends it (internal)."""

    _items_field = "voice_list"
    _total_field = None

    voice_list: list[Voice] = field(factory=list)
    has_more: bool | None = None


@define(kw_only=True)
class CreateTranscriptionsResp(CozeModel):
    """The text recognized in an audio file."""

    text: str = ""


# -- rooms and lives ---------------------------------------------------------------------------


class RoomMode(DynamicStrEnum):
    """How the bot behaves in an RTC room."""

    DEFAULT = "default"
    S2S = "s2s"
    PODCAST = "podcast"
    TRANSLATE = "translate"


class TurnDetectionType(DynamicStrEnum):
    """How the end of the user's turn is detected in a room."""

    SERVER_VAD = "server_vad"
    CLIENT_INTERRUPT = "client_interrupt"
    SEMANTIC_VAD = "semantic_vad"


@define(kw_only=True)
class RoomAudioConfig(CozeModel):
    """The room's audio: ``codec`` ``OPUS`` (default), ``AACLC``, ``G711A`` or ``G722``."""

    codec: str | None = None


@define(kw_only=True)
class RoomVideoConfig(CozeModel):
    """The room's video."""

    #: ``H264`` (default) or ``BYTEVC1``.
    codec: str | None = None
    #: ``main`` (camera) or ``screen`` (screen sharing).
    stream_video_type: str | None = None
    #: Frames sampled per second for the vision model, 1-24 (default 1).
    video_frame_rate: int | None = None
    #: Seconds of frames kept from before the user speaks, 1-10 (default 1).
    video_frame_expire_duration: int | None = None


@define(kw_only=True)
class TranslateConfig(CozeModel):
    """The languages of a ``translate`` room (sent as ``from`` and ``to``)."""

    from_: str | None = None
    to: str | None = None


@define(kw_only=True)
class TurnDetectionConfig(CozeModel):
    """How the room detects the end of the user's turn."""

    type: TurnDetectionType | None = None


@define(kw_only=True)
class RoomConfig(CozeModel):
    """The audio, video and behaviour settings of a new RTC room."""

    audio_config: RoomAudioConfig | None = None
    video_config: RoomVideoConfig | None = None
    #: What the bot says first.
    prologue_content: str | None = None
    room_mode: RoomMode | None = None
    #: For a ``translate`` room only.
    translate_config: TranslateConfig | None = None
    #: Milliseconds before the prologue is played, 0-5000 (default 500).
    prologue_delay_duration_ms: int | None = None
    turn_detection: TurnDetectionConfig | None = None


@define(kw_only=True)
class CreateRoomResp(CozeModel):
    """What an RTC client needs to join the new room, where the bot already is."""

    #: The token to join the room with.
    token: str
    #: The user's id in the room (the ``uid`` asked for, or one generated).
    uid: str
    room_id: str
    #: The RTC application id.
    app_id: str


class LiveType(DynamicStrEnum):
    """A live stream's kind: the original audio or its translation."""

    ORIGIN = "origin"
    TRANSLATION = "translation"


@define(kw_only=True)
class StreamInfo(CozeModel):
    """One stream of a live."""

    stream_id: str
    name: str = ""
    live_type: LiveType | None = None


@define(kw_only=True)
class LiveInfo(CozeModel):
    """A live (a room's broadcast) and its streams."""

    app_id: str = ""
    stream_infos: list[StreamInfo] = field(factory=list)


# -- voiceprint groups -------------------------------------------------------------------------


@define(kw_only=True)
class UserInfo(CozeModel):
    """The Coze user who created a voiceprint group or feature."""

    id: str = ""
    name: str = ""
    nickname: str = ""
    avatar_url: str = ""


@define(kw_only=True)
class VoicePrintGroup(CozeModel):
    """A group of voiceprints (features) that speakers are identified against."""

    id: str
    name: str = ""
    desc: str = ""
    #: Unix time (seconds).
    created_at: int = 0
    #: Unix time (seconds).
    updated_at: int = 0
    icon_url: str = ""
    #: How many features the group holds.
    feature_count: int = 0
    user_info: UserInfo | None = None


@define(kw_only=True)
class VoicePrintGroupFeature(CozeModel):
    """A voiceprint: one speaker's features, from an audio sample."""

    id: str
    group_id: str = ""
    name: str = ""
    #: A URL of the sample the features were taken from.
    audio_url: str = ""
    #: Unix time (seconds).
    created_at: int = 0
    #: Unix time (seconds).
    updated_at: int = 0
    desc: str = ""
    icon_url: str = ""
    user_info: UserInfo | None = None


@define(kw_only=True)
class CreateVoicePrintGroupResp(CozeModel):
    """The id of the new voiceprint group."""

    id: str


@define(kw_only=True)
class UpdateVoicePrintGroupResp(CozeModel):
    """The (empty) result of updating a voiceprint group."""


@define(kw_only=True)
class DeleteVoicePrintGroupResp(CozeModel):
    """The (empty) result of deleting a voiceprint group."""


@define(kw_only=True)
class CreateVoicePrintGroupFeatureResp(CozeModel):
    """The id of the new feature."""

    id: str


@define(kw_only=True)
class UpdateVoicePrintGroupFeatureResp(CozeModel):
    """The (empty) result of updating a feature."""


@define(kw_only=True)
class DeleteVoicePrintGroupFeatureResp(CozeModel):
    """The (empty) result of deleting a feature."""


@define(kw_only=True)
class FeatureScore(CozeModel):
    """How well a sample matches one feature of the group."""

    feature_id: str
    feature_name: str = ""
    feature_desc: str = ""
    #: 0-100, higher is closer.
    score: float = 0.0


@define(kw_only=True)
class SpeakerIdentifyResp(CozeModel):
    """The group's features that match a sample, best first."""

    feature_score_list: list[FeatureScore] = field(factory=list)


@define(kw_only=True)
class VoicePrintGroupsPage(Page[VoicePrintGroup]):
    """One page of ``GET /v1/audio/voiceprint_groups`` as the API sends it (internal)."""

    _has_more_field = None

    items: list[VoicePrintGroup] = field(factory=list)
    total: int | None = None


@define(kw_only=True)
class VoicePrintGroupFeaturesPage(Page[VoicePrintGroupFeature]):
    """One page of ``GET /v1/audio/voiceprint_groups/{group_id}/features`` (internal)."""

    _has_more_field = None

    items: list[VoicePrintGroupFeature] = field(factory=list)
    total: int | None = None
