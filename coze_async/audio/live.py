"""Lives, as cozepy's ``cozepy.audio.live`` names them. Every name is the object the rest of the
package uses (also exported by ``coze_async`` itself where it is a top-level name there)."""

from __future__ import annotations

from ..models.audio import (
    LiveInfo,
    LiveType,
    StreamInfo,
)
from ..resources.audio import (
    AsyncLiveClient,
    LiveClient,
)

__all__ = [
    "AsyncLiveClient",
    "LiveClient",
    "LiveInfo",
    "LiveType",
    "StreamInfo",
]
