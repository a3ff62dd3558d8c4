"""Transcriptions, as cozepy's ``cozepy.audio.transcriptions`` names them. Every name is the object
the rest of the package uses (also exported by ``coze_async`` itself where it is a top-level
name there)."""

from __future__ import annotations

from ..models.audio import (
    CreateTranscriptionsResp,
)
from ..resources.audio import (
    AsyncTranscriptionsClient,
    TranscriptionsClient,
)

__all__ = [
    "AsyncTranscriptionsClient",
    "CreateTranscriptionsResp",
    "TranscriptionsClient",
]
