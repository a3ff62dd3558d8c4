"""RTC rooms, as cozepy's ``cozepy.audio.rooms`` names them. Every name is the object the rest of
the package uses (also exported by ``coze_async`` itself where it is a top-level name there)."""

from __future__ import annotations

from ..models.audio import (
    CreateRoomResp,
    RoomAudioConfig,
    RoomConfig,
    RoomMode,
    RoomVideoConfig,
    TranslateConfig,
    TurnDetectionConfig,
    TurnDetectionType,
)
from ..resources.audio import (
    AsyncRoomsClient,
    RoomsClient,
)

__all__ = [
    "AsyncRoomsClient",
    "CreateRoomResp",
    "RoomAudioConfig",
    "RoomConfig",
    "RoomMode",
    "RoomVideoConfig",
    "RoomsClient",
    "TranslateConfig",
    "TurnDetectionConfig",
    "TurnDetectionType",
]
