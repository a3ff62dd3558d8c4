"""Voices, as cozepy's ``cozepy.audio.voices`` names them. Every name is the object the rest of the
package uses (also exported by ``coze_async`` itself where it is a top-level name there)."""

from __future__ import annotations

from ..models.audio import (
    AudioFormat,
    EmotionInfo,
    EmotionScaleInterval,
    Voice,
    VoiceModelType,
    VoiceState,
)
from ..resources.audio import (
    AsyncVoicesClient,
    VoicesClient,
)

__all__ = [
    "AsyncVoicesClient",
    "AudioFormat",
    "EmotionInfo",
    "EmotionScaleInterval",
    "Voice",
    "VoiceModelType",
    "VoiceState",
    "VoicesClient",
]
