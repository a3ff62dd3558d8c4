"""Speech, as cozepy's ``cozepy.audio.speech`` names it (the audio comes back as a
``FileHTTPResponse``: ``coze_async.model``). Every name is the object the rest of the package
uses (also exported by ``coze_async`` itself where it is a top-level name there)."""

from __future__ import annotations

from ..models.audio import (
    AudioFormat,
    LanguageCode,
)
from ..resources.audio import (
    AsyncSpeechClient,
    SpeechClient,
)

__all__ = [
    "AsyncSpeechClient",
    "AudioFormat",
    "LanguageCode",
    "SpeechClient",
]
