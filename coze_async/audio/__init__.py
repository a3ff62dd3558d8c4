"""Audio, as cozepy's ``cozepy.audio`` names it: the family's client (its parts:
``coze_async.audio.speech``, ``.transcriptions``, ``.voices``, ``.rooms``, ``.live``,
``.voiceprint_groups``). Every name is the object the rest of the package uses (also exported by
``coze_async`` itself where it is a top-level name there)."""

from __future__ import annotations

from ..resources.audio import (
    AsyncAudioClient,
    AudioClient,
)

__all__ = [
    "AsyncAudioClient",
    "AudioClient",
]
